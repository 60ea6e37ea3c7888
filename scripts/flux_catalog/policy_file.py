"""The policy from a named TOML file (the MkDocs plugin's ``policy`` option)."""

from __future__ import annotations

import tomllib
from pathlib import Path

from .model import ERROR, Problem
from .policy import Policy, _from_table, load_policy


def load_policy_file(root: Path, name: str = "pyproject.toml") -> tuple[Policy, list[Problem]]:
    """``[tool.flux-catalog]`` of ``root/name``; defaults when the file or table is absent."""
    if name == "pyproject.toml":
        return load_policy(root)
    path = root / name
    if not path.is_file():
        return Policy(), [Problem(name, 1, 1, "policy", ERROR, "policy file does not exist")]
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return Policy(), [Problem(name, 1, 1, "policy", ERROR, f"cannot read: {exc}")]
    table = data.get("tool", {}).get("flux-catalog")
    if table is None:
        return Policy(), []
    policy, problems = _from_table(table, {})
    return policy, [Problem(name, p.line, p.col, p.rule, p.level, p.message) for p in problems]

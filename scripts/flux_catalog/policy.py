"""The docs gate's policy, read from ``[tool.flux-catalog]`` in the repository's pyproject.toml."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .model import ERROR, INFO, WARNING, WORKLOAD_KINDS, Problem

OFF = "off"
LEVELS = (ERROR, WARNING, INFO, OFF)

DEFAULT_DESCRIBE = ("HelmRelease", "Kustomization", "Namespace", *sorted(WORKLOAD_KINDS))


@dataclass(frozen=True)
class Policy:
    """What the gate requires. Every field has a default that suits any Flux repository."""

    paths: tuple[str, ...] = ("clusters",)
    # Kinds whose objects must carry kubernetes.io/description (sources may inherit).
    describe: tuple[str, ...] = DEFAULT_DESCRIBE
    # Level of the README rule for directories holding deployed objects.
    readme: str = WARNING
    # Rule id -> level ("error", "warning" or "off"), overriding each rule's default.
    levels: dict[str, str] = field(default_factory=dict)
    # GitRepository/OCIRepository names that mean "this repository".
    self_sources: tuple[str, ...] = ("flux-system",)
    # Object ids (Kind/namespace/name) that exist without being in Git (made by hand or a chart).
    external: tuple[str, ...] = ("Secret/flux-system/flux-system",)
    # Extra directories or files with CustomResourceDefinitions for schema validation.
    crds: tuple[str, ...] = ()

    def level(self, rule: str, default: str) -> str:
        return self.levels.get(rule, default)


_FIELDS = {"paths", "describe", "readme", "levels", "self-sources", "external", "crds"}


def load_policy(root: Path) -> tuple[Policy, list[Problem]]:
    """Read the policy from ``root/pyproject.toml``; problems instead of exceptions."""
    path = root / "pyproject.toml"
    policy = Policy()
    if not path.is_file():
        return policy, []
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return policy, [Problem("pyproject.toml", 1, 1, "policy", ERROR, f"cannot read: {exc}")]
    table = data.get("tool", {}).get("flux-catalog")
    if table is None:
        return policy, []
    return _from_table(table, _line_of(path))


def _line_of(path: Path) -> int:
    try:
        for number, text in enumerate(path.read_text("utf-8").splitlines(), 1):
            if text.strip() == "[tool.flux-catalog]":
                return number
    except (OSError, UnicodeDecodeError):
        pass
    return 1


def _from_table(table: Any, line: int) -> tuple[Policy, list[Problem]]:
    problems: list[Problem] = []
    policy = Policy()

    def bad(message: str) -> None:
        problems.append(Problem("pyproject.toml", line, 1, "policy", ERROR, message))

    if not isinstance(table, dict):
        bad("[tool.flux-catalog] must be a table")
        return policy, problems
    for key in sorted(set(table) - _FIELDS):
        bad(f"unknown key '{key}' in [tool.flux-catalog]")
    changes: dict[str, Any] = {}
    for key in ("paths", "describe", "self-sources", "external", "crds"):
        if key in table:
            value = table[key]
            if isinstance(value, list) and all(isinstance(v, str) for v in value):
                changes[key.replace("-", "_")] = tuple(value)
            else:
                bad(f"'{key}' must be a list of strings")
    if "readme" in table:
        if table["readme"] in LEVELS:
            changes["readme"] = table["readme"]
        else:
            bad(f"'readme' must be one of {', '.join(LEVELS)}")
    if "levels" in table:
        levels = table["levels"]
        if isinstance(levels, dict) and all(v in LEVELS for v in levels.values()):
            changes["levels"] = dict(levels)
        else:
            bad(f"'levels' must map rule ids to one of {', '.join(LEVELS)}")
    return replace(policy, **changes), problems

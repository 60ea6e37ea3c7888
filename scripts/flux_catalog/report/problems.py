"""Problems as the CLI prints them and the site's build log shows them: one text line
(``path:line:col: [level] message (rule)``), a GitHub Actions annotation, or JSON."""

from __future__ import annotations

import json
from collections.abc import Iterable

from ..model import ERROR, INFO, WARNING, Catalog, Problem

FORMATS = ("text", "github", "json")


def text_line(p: Problem, color: bool = False) -> str:
    level = p.level
    if color:
        code = {ERROR: "31", WARNING: "33"}.get(p.level, "36")
        level = f"\033[{code}m{level}\033[0m"
    return f"{p.path}:{p.line}:{p.col}: [{level}] {p.message} ({p.rule})"


def github_annotation(p: Problem) -> str:
    """A workflow command: GitHub shows it on the file and line of the pull request."""
    kind = {ERROR: "error", WARNING: "warning"}.get(p.level, "notice")
    message = p.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return f"::{kind} file={p.path},line={p.line},col={p.col},title={p.rule}::{message}"


def format_problem(p: Problem, fmt: str = "text", color: bool = False) -> str:
    return github_annotation(p) if fmt == "github" else text_line(p, color)


def problems_json(problems: Iterable[Problem]) -> str:
    return json.dumps([p.as_dict() for p in problems], ensure_ascii=False, indent=2) + "\n"


def summary(catalog: Catalog | tuple[int, int], problems: list[Problem]) -> str:
    """``N objects, M components, K problems (...)``; ``catalog`` or its two counts."""
    objects, components = catalog if isinstance(catalog, tuple) else (
        len(catalog.objects), len(catalog.components()))
    errors = sum(p.level == ERROR for p in problems)
    warnings = sum(p.level == WARNING for p in problems)
    infos = sum(p.level == INFO for p in problems)
    return (
        f"{objects} objects, {components} components, "
        f"{len(problems)} problems ({errors} errors, {warnings} warnings"
        + (f", {infos} info" if infos else "") + ")"
    )

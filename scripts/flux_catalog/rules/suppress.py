"""Inline suppression, as linters do it, written in the YAML next to what it silences.

- ``# flux-catalog: disable-line=<rule>[,<rule>...]`` on the line a problem points at;
- ``# flux-catalog: disable-next-line=<rule>`` on the line above it;
- ``# flux-catalog: disable=<rule>`` anywhere in a YAML document: the whole document
  (between ``---`` separators).

An unknown rule id in a directive is itself a problem (``policy``), so a typo never silences
nothing quietly.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..model import ERROR, Problem

if TYPE_CHECKING:
    from ..documents import DocumentStore

DIRECTIVE = re.compile(
    r"#\s*flux-catalog:\s*(disable-line|disable-next-line|disable)\s*=\s*"
    r"([A-Za-z0-9_-]+(?:[ \t]*,[ \t]*[A-Za-z0-9_-]+)*)")


@dataclass
class _File:
    lines: dict[int, set[str]] = field(default_factory=dict)  # line -> rules silenced there
    documents: list[tuple[int, int, set[str]]] = field(default_factory=list)  # first, last
    problems: list[Problem] = field(default_factory=list)


def _parse(path: str, text: str, known: Callable[[str], bool]) -> _File:
    out = _File()
    lines = text.splitlines()
    start = 1
    doc_rules: set[str] = set()
    for number, line in enumerate(lines, 1):
        if line.rstrip() == "---" or line.startswith("--- "):
            if doc_rules:
                out.documents.append((start, number - 1, doc_rules))
            start, doc_rules = number + 1, set()
            continue
        if "flux-catalog:" not in line:
            continue
        for match in DIRECTIVE.finditer(line):
            rules = {r.strip() for r in re.split(r"[,\s]+", match.group(2)) if r.strip()}
            for rule in sorted(rules):
                if not known(rule):
                    out.problems.append(Problem(path, number, match.start() + 1, "policy", ERROR,
                                                f"unknown rule '{rule}' in a suppression"))
            kind = match.group(1)
            if kind == "disable":
                doc_rules |= rules
            else:
                target = number if kind == "disable-line" else number + 1
                out.lines.setdefault(target, set()).update(rules)
    if doc_rules:
        out.documents.append((start, len(lines), doc_rules))
    return out


def apply(documents: DocumentStore, problems: Iterable[Problem],
          known: Callable[[str], bool]) -> list[Problem]:
    """``problems`` without the suppressed ones, plus problems about bad directives."""
    problems = list(problems)
    files: dict[str, _File] = {}
    for path in sorted({p.path for p in problems}):
        text = documents.text(path)
        if text is not None and "flux-catalog:" in text:
            files[path] = _parse(path, text, known)
    if not files:
        return problems
    out: list[Problem] = []
    for p in problems:
        parsed = files.get(p.path)
        if parsed is not None and p.rule != "policy" and (
                p.rule in parsed.lines.get(p.line, ()) or any(
                    first <= p.line <= last and p.rule in rules
                    for first, last, rules in parsed.documents)):
            continue
        out.append(p)
    for parsed in files.values():
        out.extend(parsed.problems)
    return out

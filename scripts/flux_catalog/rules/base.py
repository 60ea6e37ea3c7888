"""What every rule gets and gives: the ``RuleContext`` it reads and the ``Finding`` it yields.

A rule module has ``ID``, ``LEVEL`` (its default level) and ``check(ctx)``, which yields
Findings: where and what, nothing more. The runner (``rules.run``) stamps each one with the
rule's id and level, as yamllint's linter does with its rules' problems, then applies the
policy's levels and the inline suppressions. A rule with more than one id or a finding of
another level says so on the Finding.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..model import Catalog, K8sObject, Problem
from ..policy import Policy


@dataclass(frozen=True)
class RuleContext:
    catalog: Catalog
    policy: Policy
    crds: tuple[Path, ...] = ()


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    message: str
    col: int = 1
    level: str | None = None  # None: the rule's LEVEL
    rule: str | None = None  # None: the rule's ID
    # Reported once in the whole catalog, whichever cluster finds it: the first (in problem
    # order) of the findings of this rule with this key. None: every finding is reported.
    once: tuple[str, ...] | None = None

    def problem(self, rule: str, level: str) -> Problem:
        return Problem(self.path, self.line, self.col, self.rule or rule, self.level or level,
                       self.message)


def unique_docs(catalog: Catalog) -> Iterator[K8sObject]:
    """One object per written document (a file applied in two clusters is checked once)."""
    seen: set[tuple[str, int]] = set()
    for obj in catalog.objects:
        if obj.generated or (obj.path, obj.line) in seen:
            continue
        seen.add((obj.path, obj.line))
        yield obj

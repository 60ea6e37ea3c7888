"""Checks over a Catalog. Each rule module has ``ID``, ``LEVEL`` and ``check(ctx)``.

``check`` yields Findings (see :mod:`.base`); ``run`` makes them Problems with the rule's id
and default level, and the policy may change the level of any rule (walker problems
included) or turn it off. Each rule's docstring shows a passing and a failing example
(``Passes::`` and ``Fails::`` blocks) that ``tests/test_rule_examples.py`` runs.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..gc_pace import paced
from ..model import Catalog, Problem
from ..policy import OFF, Policy, known_rule
from ..secrets import redact_text
from . import (
    api_version,
    chart_version,
    dangling,
    deployed,
    description,
    namespace,
    plaintext_secret,
    readme,
    schema,
)
from .base import Finding, RuleContext, unique_docs


def rule_ids(rule: object) -> tuple[str, ...]:
    """Every id a rule module reports: ``IDS`` when it has more than one, else ``ID``."""
    return tuple(getattr(rule, "IDS", (getattr(rule, "ID", ""),)))


RULES = (
    description,
    readme,
    api_version,
    deployed,
    dangling,
    chart_version,
    schema,
    namespace,
    plaintext_secret,
)


@paced()
def run(catalog: Catalog, policy: Policy, crds: tuple[Path, ...] = ()) -> list[Problem]:
    """Every problem of the catalog and of every rule, levels set by the policy, sorted."""
    ctx = RuleContext(catalog, policy, crds)
    problems = set(catalog.problems)
    for rule in RULES:
        default = getattr(rule, "LEVEL", None) or policy.readme
        problems.update(f.problem(rule.ID, default) for f in rule.check(ctx))
    out = []
    for p in problems:
        level = policy.level(p.rule, p.level)
        if level == OFF:
            continue
        # Messages quote what they found (parser errors, names); never a credential.
        message = redact_text(p.message)
        if level != p.level or message != p.message:
            p = replace(p, level=level, message=message)
        out.append(p)
    # The shipped Flux CRDs see what the walker already reported as an invalid field (a list
    # where a map belongs): one finding, reported once.
    invalid = {(p.path, p.line) for p in out if p.rule == "invalid-field"}
    out = [p for p in out if not (p.rule == "schema" and (p.path, p.line) in invalid)]
    # Inline suppressions (`# flux-catalog: disable-line=<rule>`), as written in the files.
    from .suppress import apply

    return sorted(apply(catalog.documents, out, known_rule))


__all__ = ["RULES", "Finding", "RuleContext", "rule_ids", "run", "unique_docs"]

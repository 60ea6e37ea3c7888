"""Checks over a Catalog. Each rule module has ``ID``, ``LEVEL`` and ``check(ctx)``.

``check`` yields Findings (see :mod:`.base`); ``run`` makes them Problems with the rule's id
and default level, and the policy may change the level of any rule (walker problems
included) or turn it off. Each rule's docstring shows a passing and a failing example
(``Passes::`` and ``Fails::`` blocks) that ``tests/test_rule_examples.py`` runs.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

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
from .partition import by_cluster

if TYPE_CHECKING:
    from ..documents import DocumentStore


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


# A finding with a ``once`` key is reported once across the whole catalog: the first of all
# findings of its rule with that key, in problem order (each cluster is judged on its own).
Raw = tuple[Problem, tuple[str, ...] | None]


@paced()
def run(catalog: Catalog, policy: Policy, crds: tuple[Path, ...] = ()) -> list[Problem]:
    """Every problem of the catalog and of every rule, levels set by the policy, sorted."""
    raw: set[Raw] = {(p, None) for p in catalog.problems}
    for part in by_cluster(catalog):
        raw |= findings(part, policy, crds)
    return finish(raw, catalog.documents, policy)


def findings(catalog: Catalog, policy: Policy, crds: tuple[Path, ...] = ()) -> set[Raw]:
    """What every rule finds in ``catalog`` (one cluster, or a whole catalog of one), as
    problems at the rules' default levels with their ``once`` keys."""
    ctx = RuleContext(catalog, policy, crds)
    out: set[Raw] = set()
    for rule in RULES:
        default = getattr(rule, "LEVEL", None) or policy.readme
        out.update((f.problem(rule.ID, default), f.once) for f in rule.check(ctx))
    return out


def finish(raw: set[Raw], documents: DocumentStore, policy: Policy) -> list[Problem]:
    """Findings of all parts made one report: ``once`` findings kept once, levels set by the
    policy (or the problem dropped), credentials redacted, inline suppressions applied."""
    first: dict[tuple[str, tuple[str, ...]], Problem] = {}
    problems: set[Problem] = set()
    for p, once in raw:
        if once is None:
            problems.add(p)
        elif (p.rule, once) not in first or p < first[(p.rule, once)]:
            first[(p.rule, once)] = p
    problems.update(first.values())
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

    return sorted(apply(documents, out, known_rule))


__all__ = ["RULES", "Finding", "Raw", "RuleContext", "findings", "finish", "rule_ids", "run",
           "unique_docs"]

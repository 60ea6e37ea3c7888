"""Checks over a Catalog. Each rule module has ``ID``, ``LEVEL`` and ``check(ctx)``.

``check`` yields Problems with the rule's default level; the policy may change the level of
any rule (walker problems included) or turn it off.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

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


@dataclass(frozen=True)
class Context:
    catalog: Catalog
    policy: Policy
    crds: tuple[Path, ...] = ()


def unique_docs(catalog: Catalog) -> Iterator:
    """One object per written document (a file applied in two clusters is checked once)."""
    seen: set[tuple[str, int]] = set()
    for obj in catalog.objects:
        if obj.generated or (obj.path, obj.line) in seen:
            continue
        seen.add((obj.path, obj.line))
        yield obj


def run(catalog: Catalog, policy: Policy, crds: tuple[Path, ...] = ()) -> list[Problem]:
    """Every problem of the catalog and of every rule, levels set by the policy, sorted."""
    ctx = Context(catalog, policy, crds)
    problems = set(catalog.problems)
    for rule in RULES:
        problems.update(rule.check(ctx))
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

    return sorted(apply(Path(catalog.root), out, known_rule))

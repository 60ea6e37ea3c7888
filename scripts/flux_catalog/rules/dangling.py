"""dangling-reference: every reference points at something the cluster has.

Flux references (``sourceRef``, ``chartRef``, ``dependsOn``) that point nowhere are errors:
the object never becomes ready. A Secret or ConfigMap (``valuesFrom``, ``secretRef``) that is
not in Git is a warning unless it is ``optional`` or listed under ``external`` in the policy
(created out of band). Namespaces and Services inferred from values are warnings.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..model import ERROR, NAMESPACE, SERVICE, WARNING, Problem, Reference

if TYPE_CHECKING:
    from . import Context

ID = "dangling-reference"
LEVEL = ERROR
SOFT_KINDS = frozenset({"Secret", "ConfigMap"})


def check(ctx: Context) -> Iterator[Problem]:
    by_key = ctx.catalog.by_key()
    for edge in ctx.catalog.edges:
        ref = edge.ref
        if edge.resolved or ref is None or ref.optional:
            continue
        obj = by_key[edge.source]
        if obj.deployed:
            yield _problem(obj.kind, obj.name, ref)


def _problem(kind: str, name: str, ref: Reference) -> Problem:
    if ref.type == SERVICE:
        return Problem(
            ref.path,
            ref.line,
            1,
            ID,
            WARNING,
            f"{kind} '{name}' refers to Service {ref.namespace}/{ref.name} "
            "(inferred from a URL), which no object or chart in this cluster creates",
        )
    if ref.type == NAMESPACE:
        return Problem(
            ref.path,
            ref.line,
            1,
            ID,
            WARNING,
            f"{kind} '{name}' is in namespace '{ref.name}', which this cluster does not define",
        )
    where = f"{ref.namespace}/{ref.name}" if ref.namespace else ref.name
    level = WARNING if ref.kind in SOFT_KINDS else ERROR
    hint = (
        " (create it out of band and list it under 'external' in the policy, or mark "
        "the reference optional)"
        if level == WARNING
        else ""
    )
    return Problem(
        ref.path,
        ref.line,
        1,
        ID,
        level,
        f"{kind} '{name}': {ref.type} {ref.kind} '{where}' is not defined in this cluster{hint}",
    )

"""dangling-reference: every reference points at something the cluster has.

Flux references (``sourceRef``, ``chartRef``, ``dependsOn``) that point nowhere are errors:
the object never becomes ready. A Secret or ConfigMap that a Flux object names
(``valuesFrom``, ``secretRef``) and that is not in Git is a warning unless it is ``optional``,
listed under ``external`` in the policy, or made by an operator from an object in Git
(ExternalSecret, Certificate, SealedSecret...: see :mod:`flux_catalog.creators`). What the
engine cannot know is ``info``, never a failure: a Service inferred from a URL that no object
or chart release visibly creates (charts make Services under many names), a Secret named in
chart values (``existingSecret``). Namespaces that no object defines are warnings.

Passes::

    apiVersion: kustomize.toolkit.fluxcd.io/v1
    kind: Kustomization
    metadata:
      name: apps
      namespace: flux-system
    spec:
      interval: 10m
      path: ./clusters/c
      prune: true
      sourceRef:
        kind: GitRepository
        name: flux-system

Fails::

    apiVersion: kustomize.toolkit.fluxcd.io/v1
    kind: Kustomization
    metadata:
      name: apps
      namespace: flux-system
    spec:
      interval: 10m
      path: ./clusters/c
      prune: true
      sourceRef:
        kind: GitRepository
        name: flux-sytsem
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..model import ERROR, INFO, NAMESPACE, SERVICE, WARNING, Reference
from .base import Finding

if TYPE_CHECKING:
    from .base import RuleContext

ID = "dangling-reference"
LEVEL = ERROR
SOFT_KINDS = frozenset({"Secret", "ConfigMap"})


def check(ctx: RuleContext) -> Iterator[Finding]:
    by_key = ctx.catalog.by_key()
    for edge in ctx.catalog.edges:
        ref = edge.ref
        if edge.resolved or ref is None or ref.optional:
            continue
        obj = by_key[edge.source]
        if obj.deployed:
            yield _problem(obj.kind, obj.name, ref)


def _problem(kind: str, name: str, ref: Reference) -> Finding:
    if ref.type == SERVICE:
        return Finding(
            ref.path,
            ref.line,
            f"{kind} '{name}' refers to Service {ref.namespace}/{ref.name} (inferred from a "
            "URL); unknown whether it exists: no object or chart release here visibly "
            "creates it",
            level=INFO,
        )
    if ref.type == NAMESPACE:
        return Finding(
            ref.path,
            ref.line,
            f"{kind} '{name}' is in namespace '{ref.name}', which this cluster does not define",
            level=WARNING,
        )
    where = f"{ref.namespace}/{ref.name}" if ref.namespace else ref.name
    level = WARNING if ref.kind in SOFT_KINDS else ERROR
    if ref.kind in SOFT_KINDS and ref.detail:
        return Finding(
            ref.path,
            ref.line,
            f"{kind} '{name}': {ref.kind} '{where}' (named in the values) is not "
            "in this repository; unknown whether the chart or an operator creates "
            "it (list it under 'external' in the policy if it is made by hand)",
            level=INFO,
        )
    hint = (
        " (create it out of band and list it under 'external' in the policy, or mark "
        "the reference optional)"
        if level == WARNING
        else ""
    )
    return Finding(
        ref.path,
        ref.line,
        f"{kind} '{name}': {ref.type} {ref.kind} '{where}' is not defined in this cluster{hint}",
        level=level,
    )

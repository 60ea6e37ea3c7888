"""api-version: Flux objects use the API versions and kinds current Flux serves.

Flux v2.7 serves ``helm.toolkit.fluxcd.io/v2``, ``source.toolkit.fluxcd.io/v1``,
``kustomize.toolkit.fluxcd.io/v1``, ``notification.toolkit.fluxcd.io/v1beta3`` (Provider,
Alert) and ``v1`` (Receiver). ``helm.toolkit.fluxcd.io/v2beta1`` fails: it was removed. A kind
these groups do not have (``kind: HelmRelase``) fails too: Flux would never apply it, and the
API server rejects it.

Passes::

    # clusters/c/app.yaml
    apiVersion: source.toolkit.fluxcd.io/v1
    kind: GitRepository
    metadata:
      name: app
      namespace: flux-system
    spec:
      interval: 1h
      url: https://github.com/example/app
      ref:
        branch: main

Fails::

    apiVersion: source.toolkit.fluxcd.io/v1beta2
    kind: GitRepository
    metadata:
      name: app
      namespace: flux-system
    spec:
      interval: 1h
      url: https://github.com/example/app
      ref:
        branch: main
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..model import ERROR, FLUX_GROUPS, SERVED_FLUX_VERSIONS
from ..positions import line_at
from .base import Finding, unique_docs

if TYPE_CHECKING:
    from .base import RuleContext

ID = "api-version"
LEVEL = ERROR

# Every kind of the Flux API groups (the CRDs shipped in data/flux-crds/).
FLUX_GROUP_KINDS: dict[str, frozenset[str]] = {
    group: frozenset({kind for kind, served in SERVED_FLUX_VERSIONS.items()
                      if served.split("/")[0] == group}
                     | ({"ExternalArtifact"} if group == "source.toolkit.fluxcd.io" else set()))
    for group in FLUX_GROUPS
}


def unknown_flux_kind(api_version: str, kind: str) -> bool:
    """Whether ``kind`` claims a Flux API group that has no such kind."""
    kinds = FLUX_GROUP_KINDS.get(api_version.split("/")[0])
    return kinds is not None and kind not in kinds


def check(ctx: RuleContext) -> Iterator[Finding]:
    for obj in unique_docs(ctx.catalog):
        group = obj.api_version.split("/")[0]
        if group not in FLUX_GROUPS:
            continue
        if unknown_flux_kind(obj.api_version, obj.kind):
            close = difflib.get_close_matches(obj.kind, sorted(FLUX_GROUP_KINDS[group]), n=1)
            hint = f"; did you mean {close[0]}?" if close else (
                f" (it has {', '.join(sorted(FLUX_GROUP_KINDS[group]))})")
            yield Finding(obj.path, line_at(obj.body, ("kind",), obj.line),
                          f"{obj.kind} '{obj.name}': {group} has no kind {obj.kind}{hint}")
            continue
        served = SERVED_FLUX_VERSIONS.get(obj.kind)
        if served is None or served.split("/")[0] != group:
            continue
        if obj.api_version != served:
            line = line_at(obj.body, ("apiVersion",), obj.line)
            yield Finding(
                obj.path,
                line,
                f"{obj.kind} '{obj.name}' uses {obj.api_version}, which current Flux "
                f"no longer serves; use {served}",
            )

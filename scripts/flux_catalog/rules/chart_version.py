"""chart-unpinned: a HelmRelease installs an exact chart version.

``version: "1.19.1"`` passes; ``version: ">=1.0.0"``, ``1.x``, ``*`` or no version warn: the
chart changes under the same commit.

Passes::

    apiVersion: helm.toolkit.fluxcd.io/v2
    kind: HelmRelease
    metadata:
      name: cert-manager
      namespace: flux-system
    spec:
      interval: 1h
      chart:
        spec:
          chart: cert-manager
          version: "1.19.1"
          sourceRef:
            kind: HelmRepository
            name: jetstack

Fails::

    apiVersion: helm.toolkit.fluxcd.io/v2
    kind: HelmRelease
    metadata:
      name: cert-manager
      namespace: flux-system
    spec:
      interval: 1h
      chart:
        spec:
          chart: cert-manager
          version: ">=1.0.0"
          sourceRef:
            kind: HelmRepository
            name: jetstack
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from ..model import WARNING
from ..positions import line_at
from .base import Finding

if TYPE_CHECKING:
    from .base import RuleContext

ID = "chart-unpinned"
LEVEL = WARNING


def check(ctx: RuleContext) -> Iterator[Finding]:
    seen: set[tuple[str, int]] = set()
    by_key = ctx.catalog.by_key()
    for key, chart in sorted(ctx.catalog.charts.items()):
        obj = by_key[key]
        if chart.pinned or obj.generated or (obj.path, obj.line) in seen:
            continue
        if not isinstance(obj.body.get("spec"), Mapping):
            continue  # reported by invalid-field
        seen.add((obj.path, obj.line))
        path = (
            ("spec", "chartRef")
            if chart.via == "chartRef"
            else ("spec", "chart", "spec", "version")
        )
        line = line_at(obj.body, path, obj.line)
        what = f"version '{chart.version}' is a range" if chart.version else "has no version"
        yield Finding(
            obj.path,
            line,
            f"HelmRelease '{obj.name}': chart {what}; pin an exact version",
        )

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

from ..model import GIT_SOURCES, WARNING
from ..positions import line_at
from .base import Finding

if TYPE_CHECKING:
    from .base import RuleContext

ID = "chart-unpinned"
LEVEL = WARNING


def check(ctx: RuleContext) -> Iterator[Finding]:
    by_key = ctx.catalog.by_key()
    for key, chart in sorted(ctx.catalog.charts.items()):
        obj = by_key[key]
        if chart.pinned or obj.generated:
            continue
        if not isinstance(obj.body.get("spec"), Mapping):
            continue  # reported by invalid-field
        source = chart.source
        git = source if chart.chart_file is None and source is not None and \
            source.kind in GIT_SOURCES else None
        if git is not None and (git.kind == "Bucket" or git.id is None):
            # A Bucket's objects change in place and an unknown GitRepository's ref is not
            # in the repository: whether the chart is pinned cannot be known from here.
            continue
        # A release applied by two clusters (or twice) is reported once, at its line.
        once = (obj.path, str(obj.line))
        if git is not None:
            # Flux ignores spec.chart.spec.version for Git sources: the ref is the pin.
            line = line_at(obj.body, ("spec", "chartRef") if chart.via == "chartRef"
                           else ("spec", "chart", "spec", "sourceRef"), obj.line)
            follows = (f"follows {chart.git_ref[0]} '{chart.git_ref[1]}'"
                       if chart.git_ref is not None else "follows the default branch")
            yield Finding(
                obj.path, line,
                f"HelmRelease '{obj.name}': chart {follows} of GitRepository "
                f"'{git.name}'; pin a tag or commit in its spec.ref (Flux ignores the "
                "HelmRelease's chart version for Git sources)", once=once)
            continue
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
            once=once,
        )

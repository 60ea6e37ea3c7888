"""readme-missing: every directory that holds manifests has a README.md (Ukrainian prose).

The level comes from ``readme`` in the policy ("error", "warning" or "off").

Passes::

    # clusters/c/apps/kustomization.yaml
    apiVersion: kustomize.config.k8s.io/v1beta1
    kind: Kustomization
    resources: [settings.yaml]
    # clusters/c/apps/settings.yaml
    apiVersion: v1
    kind: ConfigMap
    metadata:
      name: settings
      namespace: flux-system
    data:
      level: info
    # clusters/c/apps/README.md
    # Застосунки

Fails::

    # clusters/c/apps/kustomization.yaml
    apiVersion: kustomize.config.k8s.io/v1beta1
    kind: Kustomization
    resources: [settings.yaml]
    # clusters/c/apps/settings.yaml
    apiVersion: v1
    kind: ConfigMap
    metadata:
      name: settings
      namespace: flux-system
    data:
      level: info
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..policy import OFF
from .base import Finding

if TYPE_CHECKING:
    from .base import RuleContext

ID = "readme-missing"


def check(ctx: RuleContext) -> Iterator[Finding]:
    if ctx.policy.readme == OFF:
        return
    holding = {posixpath.dirname(o.path) for o in ctx.catalog.objects if not o.generated}
    holding.update(ctx.catalog.cluster_roots.values())
    for directory in ctx.catalog.directories:
        if directory.readme is None and directory.path in holding:
            yield Finding(
                posixpath.join(directory.path, "README.md") if directory.path else "README.md",
                1,
                f"directory '{directory.path or '.'}' has no README.md describing it",
                level=ctx.policy.readme,
            )

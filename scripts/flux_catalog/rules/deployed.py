"""not-deployed: a manifest that no Flux Kustomization applies.

A file is applied when a Flux Kustomization's ``spec.path`` reaches it, through
``kustomization.yaml`` resources or Flux's generated kustomization. A README that describes
something Flux never applies is the drift this catalog exists to prevent.

Passes::

    # clusters/c/settings.yaml
    apiVersion: v1
    kind: ConfigMap
    metadata:
      name: settings
      namespace: flux-system
    data:
      level: info

Fails::

    # clusters/c/apps/kustomization.yaml
    apiVersion: kustomize.config.k8s.io/v1beta1
    kind: Kustomization
    resources: []
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
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..model import WARNING
from .base import Finding, unique_docs

if TYPE_CHECKING:
    from .base import RuleContext

ID = "not-deployed"
LEVEL = WARNING


def check(ctx: RuleContext) -> Iterator[Finding]:
    for obj in unique_docs(ctx.catalog):
        if not obj.deployed:
            yield Finding(
                obj.path,
                obj.line,
                f"{obj.kind} '{obj.name}' is not applied by any Flux Kustomization "
                "(no kustomization.yaml or spec.path reaches this file)",
            )

"""namespace-missing: a namespaced object that Flux applies has a namespace.

Flux does not default namespaces: without ``metadata.namespace``, a kustomization
``namespace:`` or ``spec.targetNamespace`` the apply fails with "namespace not specified".

Passes::

    apiVersion: v1
    kind: ConfigMap
    metadata:
      name: settings
      namespace: flux-system
    data:
      level: info

Fails::

    apiVersion: v1
    kind: ConfigMap
    metadata:
      name: settings
    data:
      level: info
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..model import ERROR
from .base import Finding, unique_docs

if TYPE_CHECKING:
    from .base import RuleContext

ID = "namespace-missing"
LEVEL = ERROR


def check(ctx: RuleContext) -> Iterator[Finding]:
    scoped = ctx.catalog.cluster_scoped
    for obj in unique_docs(ctx.catalog):
        if obj.deployed and obj.namespace is None and obj.kind not in scoped:
            yield Finding(
                obj.path,
                obj.line,
                f"{obj.kind} '{obj.name}' has no namespace and nothing sets one; "
                "Flux fails with 'namespace not specified'",
            )

"""namespace-missing: a namespaced object that Flux applies has a namespace.

Flux does not default namespaces: without ``metadata.namespace``, a kustomization
``namespace:`` or ``spec.targetNamespace`` the apply fails with "namespace not specified".
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..model import ERROR, Problem

if TYPE_CHECKING:
    from . import Context

ID = "namespace-missing"
LEVEL = ERROR


def check(ctx: Context) -> Iterator[Problem]:
    from . import unique_docs

    scoped = ctx.catalog.cluster_scoped
    for obj in unique_docs(ctx.catalog):
        if obj.deployed and obj.namespace is None and obj.kind not in scoped:
            yield Problem(
                obj.path,
                obj.line,
                1,
                ID,
                LEVEL,
                f"{obj.kind} '{obj.name}' has no namespace and nothing sets one; "
                "Flux fails with 'namespace not specified'",
            )

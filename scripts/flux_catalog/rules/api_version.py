"""api-version: Flux objects use the API versions current Flux serves.

Flux v2.7 serves ``helm.toolkit.fluxcd.io/v2``, ``source.toolkit.fluxcd.io/v1``,
``kustomize.toolkit.fluxcd.io/v1``, ``notification.toolkit.fluxcd.io/v1beta3`` (Provider,
Alert) and ``v1`` (Receiver). ``helm.toolkit.fluxcd.io/v2beta1`` fails: it was removed.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..load import line_at
from ..model import ERROR, FLUX_GROUPS, SERVED_FLUX_VERSIONS, Problem

if TYPE_CHECKING:
    from . import Context

ID = "api-version"
LEVEL = ERROR


def check(ctx: Context) -> Iterator[Problem]:
    from . import unique_docs

    for obj in unique_docs(ctx.catalog):
        group = obj.api_version.split("/")[0]
        if group not in FLUX_GROUPS:
            continue
        served = SERVED_FLUX_VERSIONS.get(obj.kind)
        if served is None or served.split("/")[0] != group:
            continue
        if obj.api_version != served:
            line = line_at(obj.body, ("apiVersion",), obj.line)
            yield Problem(
                obj.path,
                line,
                1,
                ID,
                LEVEL,
                f"{obj.kind} '{obj.name}' uses {obj.api_version}, which current Flux "
                f"no longer serves; use {served}",
            )

"""description-missing / description-language: every object of a described kind says what it
is for in ``metadata.annotations["kubernetes.io/description"]``, in Ukrainian.

Passes::

    apiVersion: v1
    kind: Namespace
    metadata:
      name: monitoring
      annotations:
        kubernetes.io/description: Збір метрик і логів кластера.

Fails (description-missing)::

    apiVersion: v1
    kind: Namespace
    metadata:
      name: monitoring

Fails (description-language)::

    apiVersion: v1
    kind: Namespace
    metadata:
      name: monitoring
      annotations:
        kubernetes.io/description: Metrics and logs of the cluster.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..model import DESCRIPTION_ANNOTATION, ERROR, WARNING
from ..positions import line_at
from .base import Finding, unique_docs

if TYPE_CHECKING:
    from .base import RuleContext

ID = "description-missing"
LANGUAGE_ID = "description-language"
IDS = (ID, LANGUAGE_ID)
LEVEL = ERROR
CYRILLIC = re.compile(r"[\u0400-\u04FF]")


def check(ctx: RuleContext) -> Iterator[Finding]:
    required = set(ctx.policy.describe)
    for obj in unique_docs(ctx.catalog):
        if obj.kind not in required:
            continue
        text = obj.description
        if text is None:
            yield Finding(
                obj.path,
                obj.line,
                f"{obj.kind} '{obj.name}' has no {DESCRIPTION_ANNOTATION} annotation",
            )
        elif not CYRILLIC.search(text):
            line = line_at(obj.body, ("metadata", "annotations", DESCRIPTION_ANNOTATION), obj.line)
            yield Finding(
                obj.path,
                line,
                f"{obj.kind} '{obj.name}': description is not in Ukrainian",
                level=WARNING,
                rule=LANGUAGE_ID,
            )

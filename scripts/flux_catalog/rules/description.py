"""description-missing / description-language: every object of a described kind says what it
is for in ``metadata.annotations["kubernetes.io/description"]``, in Ukrainian.

Passes::

    metadata:
      name: loki
      annotations:
        kubernetes.io/description: Зберігає логи кластера.

Fails: no annotation (error), or a description without Cyrillic letters (warning).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..load import line_at
from ..model import DESCRIPTION_ANNOTATION, ERROR, WARNING, Problem

if TYPE_CHECKING:
    from . import Context

ID = "description-missing"
LANGUAGE_ID = "description-language"
LEVEL = ERROR
CYRILLIC = re.compile(r"[\u0400-\u04FF]")


def check(ctx: Context) -> Iterator[Problem]:
    from . import unique_docs

    required = set(ctx.policy.describe)
    for obj in unique_docs(ctx.catalog):
        if obj.kind not in required:
            continue
        text = obj.description
        if text is None:
            yield Problem(
                obj.path,
                obj.line,
                1,
                ID,
                LEVEL,
                f"{obj.kind} '{obj.name}' has no {DESCRIPTION_ANNOTATION} annotation",
            )
        elif not CYRILLIC.search(text):
            line = line_at(obj.body, ("metadata", "annotations", DESCRIPTION_ANNOTATION), obj.line)
            yield Problem(
                obj.path,
                line,
                1,
                LANGUAGE_ID,
                WARNING,
                f"{obj.kind} '{obj.name}': description is not in Ukrainian",
            )

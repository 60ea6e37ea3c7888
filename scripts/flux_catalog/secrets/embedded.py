"""Patches written as strings: Flux ``spec.patches``, ``postRenderers``, inline kustomize
patches. Their YAML is judged like any tree, so a secret in a patch is found on its line."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from .text import MARKER

ENCRYPTED = frozenset({"SOPS metadata", "SOPS-encrypted value"})


def embedded_patch(text: str, kind: str | None,
                   redact_tree: Callable[..., tuple[Any, list[Any]]],
                   ) -> tuple[str, list[tuple[int, str]]]:
    """The values the patch's YAML judges secret, replaced in ``text``, and
    ``(line offset, reason)`` for each."""
    redacted, hits = _embedded(text, kind, redact_tree)
    return redacted, list(hits)


@functools.lru_cache(maxsize=4096)
def _embedded(text: str, kind: str | None, redact_tree: Callable[..., tuple[Any, list[Any]]],
              ) -> tuple[str, tuple[tuple[int, str], ...]]:
    # libyaml: patches repeat across clusters and are read once each
    from ..load import YAML_ERRORS, parse_plain_all
    from .precheck import might_hold_secrets

    try:
        docs = parse_plain_all(text)
    except YAML_ERRORS:
        return text, ()
    except (ValueError, TypeError, RecursionError):
        return text, ()
    hits: list[tuple[int, str]] = []
    original = text
    for doc in docs:
        if not isinstance(doc, (dict, list)) or not might_hold_secrets(doc, budget=1000):
            continue
        for finding in redact_tree(doc, kind=kind, budget=1000)[1]:
            value: Any = doc
            for key in finding.path:
                try:
                    value = value[key]
                except (KeyError, IndexError, TypeError):
                    value = None
                    break
            if finding.reason in ENCRYPTED or not isinstance(value, (str, int, float)):
                continue
            written = str(value).split("\n", 1)[0]
            at = original.find(written) if written else -1
            if at >= 0 and written != MARKER:
                text = text.replace(written, MARKER)
                hits.append((original.count("\n", 0, at) + finding.offset, finding.reason))
    return text, tuple(sorted(hits))

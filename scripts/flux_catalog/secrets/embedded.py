"""Patches written as strings: Flux ``spec.patches``, ``postRenderers``, inline kustomize
patches. Their YAML is judged like any tree, so a secret in a patch is found on its line."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .text import MARKER

ENCRYPTED = frozenset({"SOPS metadata", "SOPS-encrypted value"})


def embedded_patch(text: str, kind: str | None,
                   redact_tree: Callable[..., tuple[Any, list[Any]]],
                   ) -> tuple[str, list[tuple[int, str]]]:
    """A patch written as a string (Flux ``spec.patches``, ``postRenderers``, inline kustomize
    patches): the values its YAML judges secret, replaced in the text, with their lines."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    try:
        docs = [d for d in YAML(typ="rt").load_all(text) if d is not None]
    except (YAMLError, ValueError, TypeError, RecursionError):
        return text, []
    hits: list[tuple[int, str]] = []
    for doc in docs:
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
            written = str(value)
            if written and written in text and written != MARKER:
                text = text.replace(written, MARKER)
                hits.append(((finding.line or 1) - 1 + finding.offset, finding.reason))
    return text, hits

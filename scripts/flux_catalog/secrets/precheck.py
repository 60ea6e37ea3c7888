"""A cheap test that a tree holds nothing :func:`.tree.redact_tree` would hide.

It follows the redactor's rules loosely, never more strictly: a scalar under a credential key
is a hit only if :func:`.judge.judge` says so, and a credential *context* (``auth:``,
``securityContext:``, ``s3:``) is not a hit by itself: below it, values are judged as the
redactor judges them there (:func:`.judge.judge_in_context`, random list items). Everything
the redactor also scans as text (every string and key) is scanned here too.
"""

from __future__ import annotations

import functools
from typing import Any

from .judge import (
    credential_context,
    judge,
    judge_in_context,
    names_key_material,
    plain_key_material,
)
from .kube import text_of
from .text import has_hits
from .values import high_entropy

# What the redactor scans (every string, every key) has a hit: ``scan``, as it does (not
# ``secret_reason``, which lets a placeholder-looking text through). Remembered here too: a
# manifest repeats its keys and strings, and a cached call costs no Python frame.
_text_hit = functools.lru_cache(maxsize=65_536)(has_hits)


@functools.lru_cache(maxsize=8192)
def _context(key: str) -> bool:
    return credential_context(key)


def might_hold_secrets(node: Any, *, kind: str | None = None, budget: int = 200_000) -> bool:
    """A cheap pre-check for :func:`redact_tree`: False only when it would find nothing."""
    if kind == "Secret":
        return True
    if isinstance(node, dict) and "sops" in node:
        return True
    # Every container and string of every manifest passes here: names are bound locally, and
    # plain ``str`` values skip the calls that only other types need.
    text_hit, mapping_hit, patch_hit, context_key = _text_hit, _mapping_hit, _patch_hit, _context
    seen: set[tuple[int, bool]] = set()
    stack: list[tuple[Any, bool]] = [(node, False)]  # (node, below a credential context)
    pop, push = stack.pop, stack.append
    visited = 0
    while stack:
        current, context = pop()
        visited += 1
        if visited > budget:
            return True
        if isinstance(current, str):
            if text_hit(current) or current.lstrip().startswith("-"):
                return True
        elif isinstance(current, bytes):
            return True
        elif isinstance(current, dict):
            if (id(current), context) in seen:
                continue
            seen.add((id(current), context))
            if current.get("kind") == "Secret":
                return True
            if mapping_hit(current, context) or patch_hit(current, kind):
                return True
            for key, value in current.items():
                push((value, context or (isinstance(key, str) and context_key(key))))
        elif isinstance(current, list):
            if (id(current), context) in seen:
                continue
            seen.add((id(current), context))
            for item in current:
                if context:
                    text = text_of(item)
                    if text is not None and len(text) >= 20 and high_entropy(text):
                        return True
                push((item, context))
    return False


def _mapping_hit(mapping: dict[Any, Any], context: bool) -> bool:
    name = mapping.get("name")  # an env entry: {name: DB_PASSWORD, value: ...}
    if isinstance(name, str) and "value" in mapping:
        text = text_of(mapping["value"])
        if text is not None and judge(name, text) is not None:
            return True
    for key, value in mapping.items():
        if not isinstance(key, str):
            continue
        text = value if type(value) is str else text_of(value)  # text_of(str) is the str
        if _text_hit(key) or (text is not None and names_key_material(key)
                              and plain_key_material(key, text)):
            return True
        if text is None:
            continue
        if judge(key, text) is not None or (context and judge_in_context(key, text)):
            return True
    return False


def _patch_hit(mapping: dict[Any, Any], kind: str | None) -> bool:
    """A patch written as a string (``patch: |``), which the redactor parses and judges as a
    tree (:func:`.embedded.embedded_patch`, remembered by text)."""
    value = mapping.get("patch")
    if not isinstance(value, str) or "\n" not in value:
        return False
    from .embedded import embedded_patch
    from .tree import redact_tree

    return bool(embedded_patch(value, kind, redact_tree)[1])

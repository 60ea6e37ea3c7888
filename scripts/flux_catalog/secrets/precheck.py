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


@functools.lru_cache(maxsize=65_536)
def _value_hit(text: str) -> bool:
    """A string value has a hit, or starts (after blanks) with "-": an option, which the
    redactor strips before it compares."""
    return _text_hit(text) or text.lstrip().startswith("-")


@functools.lru_cache(maxsize=8192)
def _context(key: str) -> bool:
    return credential_context(key)


def might_hold_secrets(node: Any, *, kind: str | None = None, budget: int = 200_000) -> bool:
    """A cheap pre-check for :func:`redact_tree`: False only when it would find nothing."""
    return precheck(node, kind=kind, budget=budget)[0]


def precheck(node: Any, *, kind: str | None = None, budget: int = 200_000
             ) -> tuple[bool, bool]:
    """``(might hold secrets, shares nodes)``. The second is exact only when the first is
    False (the walk stops at the first hit): whether a container is reached twice, as
    :func:`.memo._shares_nodes` tells.

    One walk over the containers: each mapping's keys and values are judged where it is
    expanded, and strings are judged there rather than pushed. A tree is let through (True)
    when the walk would pop more than ``budget`` nodes; that count is one for the root plus
    the length of every container expanded (each (container, context) once), whatever the
    order, so it is counted as containers are expanded.
    """
    if kind == "Secret" or budget < 1:
        return True, False
    if isinstance(node, dict) and "sops" in node:
        return True, False
    if isinstance(node, bytes):
        return True, False
    if isinstance(node, str):
        return _value_hit(node), False
    if not isinstance(node, dict | list):
        return False, False
    # Every container and string of every manifest passes here: names are bound locally.
    text_hit, value_hit, context_key, patch_hit = _text_hit, _value_hit, _context, _patch_hit
    seen: set[tuple[int, bool]] = set()
    reached: set[int] = set()
    shared = False
    stack: list[tuple[Any, bool]] = [(node, False)]  # (container, below a credential context)
    pop, push = stack.pop, stack.append
    visited = 1
    while stack:
        current, context = pop()
        ident = id(current)
        if (ident, context) in seen:
            shared = True
            continue
        if ident in reached:
            shared = True
        seen.add((ident, context))
        reached.add(ident)
        visited += len(current)
        if visited > budget:
            return True, shared
        if isinstance(current, dict):
            if current.get("kind") == "Secret":
                return True, shared
            name = current.get("name")  # an env entry: {name: DB_PASSWORD, value: ...}
            if isinstance(name, str) and "value" in current:
                text = text_of(current["value"])
                if text is not None and judge(name, text) is not None:
                    return True, shared
            if patch_hit(current, kind):
                return True, shared
            for key, value in current.items():
                if type(value) is str:
                    text = value
                    if value_hit(value):
                        return True, shared
                elif isinstance(value, dict | list):
                    push((value, context or (isinstance(key, str) and context_key(key))))
                    text = None
                else:
                    if isinstance(value, str):
                        if value_hit(value):
                            return True, shared
                    elif isinstance(value, bytes):
                        return True, shared
                    text = text_of(value)
                if not isinstance(key, str):
                    continue
                if text_hit(key) or (text is not None and names_key_material(key)
                                     and plain_key_material(key, text)):
                    return True, shared
                if text is not None and (judge(key, text) is not None or (
                        context and judge_in_context(key, text))):
                    return True, shared
        else:
            for item in current:
                if context:
                    text = text_of(item)
                    if text is not None and len(text) >= 20 and high_entropy(text):
                        return True, shared
                if isinstance(item, str):
                    if value_hit(item):
                        return True, shared
                elif isinstance(item, dict | list):
                    push((item, context))
                elif isinstance(item, bytes):
                    return True, shared
    return False, shared


def _patch_hit(mapping: dict[Any, Any], kind: str | None) -> bool:
    """A patch written as a string (``patch: |``), which the redactor parses and judges as a
    tree (:func:`.embedded.embedded_patch`, remembered by text)."""
    value = mapping.get("patch")
    if not isinstance(value, str) or "\n" not in value:
        return False
    from .embedded import embedded_patch
    from .tree import redact_tree

    return bool(embedded_patch(value, kind, redact_tree)[1])

"""A cheap test that a tree holds nothing :func:`.tree.redact_tree` would hide."""

from __future__ import annotations

import functools
from typing import Any

from .judge import credential_context, plain_key_material
from .keys import is_secret_key
from .text import secret_reason


@functools.lru_cache(maxsize=8192)
def _key_may_hide(key: str) -> bool:
    return is_secret_key(key) or credential_context(key) or secret_reason(key) is not None


def might_hold_secrets(node: Any, *, kind: str | None = None, budget: int = 200_000) -> bool:
    """A cheap pre-check for :func:`redact_tree`: False only when it would find nothing."""
    if kind == "Secret":
        return True
    if isinstance(node, dict) and "sops" in node:
        return True
    seen: set[int] = set()
    stack = [node]
    visited = 0
    while stack:
        current = stack.pop()
        visited += 1
        if visited > budget:
            return True
        if isinstance(current, str):
            if secret_reason(current) is not None or current.startswith("-"):
                return True
        elif isinstance(current, dict):
            if id(current) in seen:
                continue
            seen.add(id(current))
            if current.get("kind") == "Secret":
                return True
            name = current.get("name")  # an env entry: {name: DB_PASSWORD, value: ...}
            if isinstance(name, str) and "value" in current and _key_may_hide(name):
                return True
            for key, value in current.items():
                if isinstance(key, str) and (_key_may_hide(key) or plain_key_material(
                        key, str(value)) is not None):
                    return True
                stack.append(value)
        elif isinstance(current, list):
            if id(current) in seen:
                continue
            seen.add(id(current))
            stack.extend(current)
    return False


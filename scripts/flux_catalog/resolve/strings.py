"""The strings of a tree, each with where it is, for the references a manifest's values
make (service addresses, Secret names): a walk that builds a key path only for the few
strings that make one."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

NODE_BUDGET = 50_000

# Where a string is, below the node strings_below starts from: None for that node itself, else
# (where its container is, its key or index). A path is built only for the few strings that
# make a reference.
Place = tuple[Any, Any] | None


def strings_below(node: Any) -> Iterator[tuple[Place, str]]:
    """Every string below ``node`` with its place (see :func:`path_of`), in depth-first order;
    each shared node visited once, at most NODE_BUDGET nodes."""
    seen: set[int] = set()
    stack: list[tuple[Place, Any]] = [(None, node)]
    budget = NODE_BUDGET
    while stack and budget > 0:
        place, current = stack.pop()
        budget -= 1
        if isinstance(current, str):
            yield place, current
        elif isinstance(current, Mapping | list):
            if id(current) in seen:
                continue
            seen.add(id(current))
            items = current.items() if isinstance(current, Mapping) else enumerate(current)
            children = [((place, k), v) for k, v in items]
            stack.extend(reversed(children))


def path_of(keys: tuple[Any, ...], place: Place) -> tuple[Any, ...]:
    """The key path of a place below ``keys``."""
    tail = []
    while place is not None:
        place, key = place
        tail.append(key)
    return (*keys, *reversed(tail))


def parent_key(keys: tuple[Any, ...], place: Place) -> Any:
    """``path[-2]`` of the place's path, or None when the path is shorter."""
    if place is None:
        return keys[-2] if len(keys) >= 2 else None
    parent = place[0]
    if parent is not None:
        return parent[1]
    return keys[-1] if keys else None

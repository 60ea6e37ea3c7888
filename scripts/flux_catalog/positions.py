"""Where things are in a loaded YAML tree: containers that remember the 1-based line of each
key and item, and look-ups of a line by path. Pure data, no I/O: every layer may use it."""

from __future__ import annotations

from typing import Any


class LineDict(dict):  # type: ignore[type-arg]
    """A mapping that knows the 1-based line of itself and of each of its keys."""

    __slots__ = ("key_lines", "line")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.line = 0
        self.key_lines: dict[Any, int] = {}


class LineList(list):  # type: ignore[type-arg]
    """A sequence that knows the 1-based line of itself and of each item."""

    __slots__ = ("item_lines", "line")

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.line = 0
        self.item_lines: list[int] = []


def key_line(node: Any, key: Any, default: int) -> int:
    """1-based line of ``key`` in a mapping (or of item ``key`` in a sequence)."""
    key_lines = getattr(node, "key_lines", None)
    if key_lines is not None:
        return key_lines.get(key, default) if isinstance(node, dict) else default
    item_lines = getattr(node, "item_lines", None)
    if item_lines is not None:
        ok = isinstance(key, int) and 0 <= key < len(item_lines)
        return item_lines[key] if ok else default
    lc = getattr(node, "lc", None)
    if lc is None:
        return default
    try:
        if isinstance(key, int) and not isinstance(node, dict):
            return int(lc.item(key)[0]) + 1
        return int(lc.key(key)[0]) + 1
    except (KeyError, IndexError, TypeError, AttributeError):
        return default


def line_at(node: Any, path: tuple[Any, ...], default: int) -> int:
    """1-based line of the deepest element of ``path`` that exists below ``node``."""
    line = default
    for key in path:
        if isinstance(node, dict):
            if key not in node:
                break
        elif isinstance(node, list):
            if not isinstance(key, int) or not 0 <= key < len(node):
                break
        else:
            break
        line = key_line(node, key, line)
        node = node[key]
    return line

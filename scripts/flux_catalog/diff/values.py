"""Redacted YAML diffs of what changed inside an object, for values and settings.

Both sides are redacted (:func:`flux_catalog.secrets.redact_tree`) before anything is dumped, so
a credential never reaches a diff, on either side. A credential that changed is still worth
knowing about: :func:`hidden_changes` names the key paths whose hidden values differ, without
showing either value.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import Any

import yaml

from ..secrets import redact_comment_blocks, redact_text, redact_tree

# Nodes converted before a dump gives up (an alias bomb expands; a real manifest never gets here).
NODE_BUDGET = 200_000
# Longest diff kept per object; longer ones are cut at a line boundary.
MAX_DIFF_CHARS = 20_000
CONTEXT_LINES = 2

_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def redacted_dump(node: Any, kind: str | None = None) -> str:
    """``node`` redacted and dumped as block YAML (keys in the order written)."""
    if node is None:
        return ""
    redacted, _ = redact_tree(node, kind=kind)
    plain = _plain(redacted, [NODE_BUDGET])
    text = yaml.dump(plain, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=4096,
                     default_flow_style=False)
    if text.endswith("...\n"):  # a bare scalar
        text = text[:-4]
    return redact_comment_blocks(text)


def yaml_diff(old: Any, new: Any, kind: str | None = None) -> str:
    """A unified diff of the redacted dumps of ``old`` and ``new`` ("" when they read the same)."""
    a, b = redacted_dump(old, kind), redacted_dump(new, kind)
    if a == b:
        return ""
    lines = difflib.unified_diff(a.splitlines(), b.splitlines(), "base", "head",
                                 n=CONTEXT_LINES, lineterm="")
    out: list[str] = []
    size = 0
    for line in lines:
        if line.startswith("@@"):
            line = "@@"  # line numbers of a re-dump mean nothing to a reviewer
        line = redact_text(line)
        size += len(line) + 1
        if size > MAX_DIFF_CHARS:
            out.append("… (diff cut)")
            break
        out.append(line)
    return "\n".join(out[2:]) + "\n"  # without the ---/+++ header


def hidden_changes(old: Any, new: Any, kind: str | None = None) -> list[str]:
    """Dotted key paths whose values are hidden on a side and differ between the sides."""
    paths: set[tuple[str | int, ...]] = set()
    for node in (old, new):
        if node is not None:
            _, findings = redact_tree(node, kind=kind)
            paths.update(f.path for f in findings)
    changed = []
    for path in sorted(paths, key=lambda p: tuple(str(k) for k in p)):
        if _at(old, path) != _at(new, path):
            changed.append(_dotted(path))
    return changed


def without(node: Mapping[str, Any], drop: tuple[tuple[str, ...], ...]) -> dict[str, Any]:
    """A shallow copy of ``node`` without the key paths in ``drop`` (empty parents removed)."""
    out: dict[str, Any] = dict(node)
    for keys in drop:
        _drop(out, keys)
    return out


def _drop(node: dict[str, Any], keys: tuple[str, ...]) -> None:
    head, rest = keys[0], keys[1:]
    if head not in node:
        return
    if not rest:
        del node[head]
        return
    child = node[head]
    if isinstance(child, Mapping):
        copy = dict(child)
        _drop(copy, rest)
        if copy:
            node[head] = copy
        else:
            del node[head]


_MISSING = object()


def _at(node: Any, path: tuple[str | int, ...]) -> Any:
    for key in path:
        if isinstance(node, Mapping):
            node = node.get(key, _MISSING)
        elif isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node):
            node = node[key]
        else:
            return _MISSING
    return node


def _dotted(path: tuple[str | int, ...]) -> str:
    out = ""
    for key in path:
        out += f"[{key}]" if isinstance(key, int) else (f".{key}" if out else str(key))
    return redact_text(out)


def _plain(node: Any, budget: list[int]) -> Any:
    """Plain dicts, lists and scalars that PyYAML's safe dumper accepts."""
    budget[0] -= 1
    if budget[0] < 0:
        return "… (too large)"
    if isinstance(node, Mapping):
        return {_scalar(k): _plain(v, budget) for k, v in node.items()}
    if isinstance(node, list | tuple | set):
        return [_plain(v, budget) for v in node]
    return _scalar(node)


def _scalar(value: Any) -> Any:
    if value is None or isinstance(value, bool):
        return None if value is None else bool(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    return str(value)

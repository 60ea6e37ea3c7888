"""kustomize ``replacements``: copy a field of one resource into fields of others."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from .patches import selects, split_outside
from .resource import Change, Resource


class ReplacementError(ValueError):
    pass


def split_path(path: str) -> list[str]:
    """``a.b.[name=x].c`` -> ``["a", "b", "[name=x]", "c"]`` (dots inside brackets kept)."""
    return [p for p in split_outside(path, ".", "[", "]") if p != ""]


def _step(node: Any, part: str, create: bool) -> list[tuple[Any, Any]]:
    """(container, key) pairs that ``part`` reaches from ``node``."""
    if isinstance(node, list):
        if part == "*":
            return [(node, i) for i in range(len(node))]
        if part.startswith("[") and part.endswith("]") and "=" in part:
            key, _, value = part[1:-1].partition("=")
            if key == "":
                return [(node, i) for i, v in enumerate(node) if str(v) == value]
            hits = [(node, i) for i, v in enumerate(node)
                    if isinstance(v, Mapping) and str(v.get(key)) == value]
            if not hits and create:
                node.append({key: value})
                hits = [(node, len(node) - 1)]
            return hits
        if part.lstrip("-").isdigit():
            index = int(part)
            return [(node, index)] if -len(node) <= index < len(node) else []
        return []
    if isinstance(node, dict):
        key = part[1:-1] if part.startswith("[") and part.endswith("]") else part
        if part == "*":
            return [(node, k) for k in node]
        if key in node:
            return [(node, key)]
        if create:
            return [(node, key)]
    return []


def lookup(body: Any, path: str) -> list[Any]:
    nodes = [body]
    for part in split_path(path):
        nodes = [c[k] for n in nodes for c, k in _step(n, part, False)]
    return nodes


def _assign(body: Any, parts: list[str], value: Any, options: Mapping[str, Any]) -> bool:
    create = bool(options.get("create"))
    pairs = [(None, None, body)]
    for i, part in enumerate(parts):
        nxt = []
        for _, _, node in pairs:
            for container, key in _step(node, part, create):
                if isinstance(container, dict) and key not in container:
                    container[key] = {} if i < len(parts) - 1 and create else None
                nxt.append((container, key, container[key]))
        pairs = nxt
    changed = False
    for container, key, old in pairs:
        if container is None:
            continue
        new = copy.deepcopy(value)
        delimiter = options.get("delimiter")
        if isinstance(delimiter, str) and delimiter:
            pieces = str(old or "").split(delimiter)
            index = int(options.get("index", 0) or 0)
            if index >= len(pieces):
                pieces.append(str(value))
            elif index < 0:
                pieces.insert(0, str(value))
            else:
                pieces[index] = str(value)
            new = delimiter.join(pieces)
        if container[key] != new:
            container[key] = new
            changed = True
    return changed


def _source_value(resources: list[Resource], source: Mapping[str, Any]) -> Any:
    selector = {k: v for k, v in source.items() if k in ("group", "version", "kind", "name",
                                                         "namespace") and v}
    found = [r for r in resources if selects(selector, r.body)
             or (selector.get("name") == r.origin[1] and selects(
                 {k: v for k, v in selector.items() if k != "name"}, r.body))]
    if len(found) != 1:
        what = "/".join(str(selector.get(k, "")) for k in ("kind", "name"))
        raise ReplacementError(
            f"replacement source {what} matches {len(found)} resources; exactly one is needed")
    values = lookup(found[0].body, str(source.get("fieldPath") or "metadata.name"))
    if not values:
        raise ReplacementError(f"replacement source field '{source.get('fieldPath')}' not found")
    value = values[0]
    options = source.get("options") or {}
    delimiter = options.get("delimiter") if isinstance(options, Mapping) else None
    if isinstance(delimiter, str) and delimiter:
        pieces = str(value).split(delimiter)
        index = int(options.get("index", 0) or 0)
        value = pieces[index] if -len(pieces) <= index < len(pieces) else ""
    return value


def apply(resources: list[Resource], replacement: Mapping[str, Any], change: Change
          ) -> list[Resource]:
    """One replacement over all ``resources``; raises ReplacementError when kustomize fails."""
    source = replacement.get("source")
    if not isinstance(source, Mapping):
        raise ReplacementError("replacement needs a 'source'")
    value = _source_value(resources, source)
    out = list(resources)
    for target in replacement.get("targets") or []:
        if not isinstance(target, Mapping):
            continue
        select: Mapping[str, Any] = (target["select"] if isinstance(target.get("select"), Mapping)
                                     else {})
        rejects = [r for r in target.get("reject") or [] if isinstance(r, Mapping)]
        options: Mapping[str, Any] = (target["options"]
                                      if isinstance(target.get("options"), Mapping) else {})
        for i, res in enumerate(out):
            if not selects(select, res.body) or any(selects(r, res.body) for r in rejects):
                continue
            body = res.edit()
            changed = False
            for path in target.get("fieldPaths") or ["metadata.name"]:
                changed |= _assign(body, split_path(str(path)), value, options)
            if changed:
                out[i] = res.with_body(body, change)
    return out

"""Patches as kustomize applies them: strategic merge and JSON 6902, with selectors."""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .resource import meta

# Strategic-merge keys of lists in built-in Kubernetes types (their ``patchMergeKey``).
# Lists of custom resources have no schema here, so kustomize replaces them whole.
MERGE_KEYS = {
    "containers": "name",
    "initContainers": "name",
    "ephemeralContainers": "name",
    "env": "name",
    "volumes": "name",
    "volumeMounts": "mountPath",
    "volumeDevices": "devicePath",
    "imagePullSecrets": "name",
    "hostAliases": "ip",
    "topologySpreadConstraints": "topologyKey",
    "resourceClaims": "name",
}
_PORT_KEYS = {"Service": "port"}


class PatchError(ValueError):
    """A patch that kustomize cannot apply to a resource it selects."""


@dataclass(frozen=True)
class Patch:
    source: str  # the file the patch is written in
    line: int
    body: Any  # a mapping (strategic merge) or a list of JSON 6902 operations
    target: Mapping[str, Any] | None

    @property
    def deletes(self) -> bool:
        return isinstance(self.body, Mapping) and self.body.get("$patch") == "delete"

    @property
    def is_json6902(self) -> bool:
        return isinstance(self.body, list)

    def matches(self, obj: Mapping[str, Any],
                origin: tuple[str, str, str | None] | None = None) -> bool:
        """Whether the patch selects ``obj``. Without a target, kustomize matches the patch's
        id against the resource's current id or its original one (``origin``: kind, name,
        namespace as first built); no namespace and "default" are the same."""
        m = meta(obj)
        if self.target is not None:
            return selects(self.target, obj)
        if not isinstance(self.body, Mapping):
            return False
        pm = meta(self.body)
        if self.body.get("kind") != obj.get("kind") or _group(self.body) != _group(obj):
            return False
        want = (pm.get("name"), pm.get("namespace") or "default")
        ids = [(m.get("name"), m.get("namespace") or "default")]
        if origin is not None:
            ids.append((origin[1], origin[2] or "default"))
        return want in ids

    def apply(self, obj: Any, plain: bool = False) -> None:
        """Apply to ``obj`` in place; ``plain`` copies plain containers (for ruamel trees)."""
        body = _plain(self.body) if plain else self.body
        if isinstance(body, list):
            for op in body:
                json6902(obj, op)
        elif isinstance(body, Mapping):
            if self.target is not None and isinstance(body.get("metadata"), Mapping):
                # With a target, kustomize applies the patch to each selected object under
                # that object's own name: the patch's name and namespace are placeholders.
                m = {k: v for k, v in body["metadata"].items() if k not in ("name", "namespace")}
                body = {**body, "metadata": m}
            builtin = _is_builtin(obj)
            strategic_merge(obj, body, builtin, str(obj.get("kind", "")))


def selects(target: Mapping[str, Any], obj: Mapping[str, Any]) -> bool:
    """kustomize's selector: group, version, kind, name, namespace (regular expressions
    anchored at both ends), labelSelector and annotationSelector."""
    m = meta(obj)
    api = str(obj.get("apiVersion", ""))
    group, _, version = api.rpartition("/")
    for key, value in (("kind", obj.get("kind")), ("name", m.get("name")),
                       ("namespace", m.get("namespace") or ""),
                       ("group", group), ("version", version)):
        want = target.get(key)
        if isinstance(want, str) and want and not _match(want, value):
            return False
    for key, field_name in (("labelSelector", "labels"), ("annotationSelector", "annotations")):
        selector = target.get(key)
        if isinstance(selector, str) and selector and not label_selects(selector,
                                                                       m.get(field_name)):
            return False
    return True


def label_selects(selector: str, labels: Any) -> bool:
    """Label selectors: ``a=b``, ``a==b``, ``a!=b``, ``a``, ``!a``, ``a in (x,y)``,
    ``a notin (x)``, comma-joined."""
    labels = labels if isinstance(labels, Mapping) else {}
    for term in _terms(selector):
        set_match = re.fullmatch(r"\s*([\w./-]+)\s+(in|notin)\s+\(([^)]*)\)\s*", term)
        if set_match:
            key, op, values = set_match.groups()
            wanted = {v.strip() for v in values.split(",")}
            present = key in labels and str(labels[key]) in wanted
            if present != (op == "in"):
                return False
        elif "!=" in term:
            key, _, value = term.partition("!=")
            if str(labels.get(key.strip())) == value.strip():
                return False
        elif "=" in term:
            key, _, value = term.replace("==", "=").partition("=")
            if key.strip() not in labels or str(labels[key.strip()]) != value.strip():
                return False
        elif term.strip().startswith("!"):
            if term.strip()[1:].strip() in labels:
                return False
        elif term.strip() not in labels:
            return False
    return True


def split_outside(text: str, sep: str, opening: str, closing: str) -> list[str]:
    """``text`` split at ``sep`` where it is not inside ``opening``...``closing``."""
    parts, depth, current = [], 0, ""
    for char in text:
        depth += (char == opening) - (char == closing)
        if char == sep and depth == 0:
            parts.append(current)
            current = ""
        else:
            current += char
    parts.append(current)
    return parts


def _terms(selector: str) -> list[str]:
    return [t for t in split_outside(selector, ",", "(", ")") if t.strip()]


def _match(pattern: str, value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        return re.fullmatch(pattern, value) is not None
    except re.error:
        return pattern == value


def _group(body: Mapping[str, Any]) -> str:
    api = str(body.get("apiVersion", ""))
    return api.rpartition("/")[0]


def _is_builtin(obj: Mapping[str, Any]) -> bool:
    group = _group(obj)
    return "." not in group or group.endswith(".k8s.io")


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def strategic_merge(dst: Any, src: Mapping[str, Any], builtin: bool, kind: str = "") -> None:
    """Merge ``src`` into the mapping ``dst`` in place, as a strategic merge patch does:
    ``null`` deletes, ``$patch: replace|delete`` directives, lists of built-in types merged
    by their merge key, other lists replaced."""
    if src.get("$patch") == "replace":
        dst.clear()
    for key, value in src.items():
        if isinstance(key, str) and key.startswith("$"):
            continue
        if value is None:
            dst.pop(key, None)
            continue
        current = dst.get(key)
        if isinstance(value, Mapping):
            if value.get("$patch") == "delete":
                dst.pop(key, None)
            elif isinstance(current, Mapping) and value.get("$patch") != "replace":
                strategic_merge(current, value, builtin, kind)
            else:
                fresh: dict[str, Any] = {}
                strategic_merge(fresh, value, builtin, kind)
                dst[key] = fresh
        elif isinstance(value, list):
            merge_key = _merge_key(key, kind) if builtin else None
            if merge_key and isinstance(current, list):
                dst[key] = _merge_list(current, value, merge_key, builtin, kind)
            else:
                dst[key] = [_clean(v) for v in value
                            if not (isinstance(v, Mapping) and v.get("$patch") == "delete")]
        else:
            dst[key] = copy.deepcopy(value)


def _merge_key(field_name: str, kind: str) -> str | None:
    if field_name == "ports":
        return _PORT_KEYS.get(kind, "containerPort")
    return MERGE_KEYS.get(field_name)


def _merge_list(current: list[Any], patch: list[Any], key: str, builtin: bool,
                kind: str) -> list[Any]:
    if any(isinstance(v, Mapping) and v.get("$patch") == "replace" for v in patch):
        return [_clean(v) for v in patch
                if not (isinstance(v, Mapping) and v.get("$patch") == "replace")]
    out = list(current)
    for item in patch:
        if not isinstance(item, Mapping) or key not in item:
            out.append(_clean(item))
            continue
        index = next((i for i, v in enumerate(out)
                      if isinstance(v, Mapping) and v.get(key) == item[key]), None)
        if item.get("$patch") == "delete":
            if index is not None:
                del out[index]
            continue
        if index is None:
            out.append(_clean(item))
        else:
            merged = copy.deepcopy(out[index])
            strategic_merge(merged, item, builtin, kind)
            out[index] = merged
    return out


def _clean(value: Any) -> Any:
    """A patch value without ``$patch`` directives and ``null`` members."""
    if isinstance(value, Mapping):
        return {k: _clean(v) for k, v in value.items()
                if not (isinstance(k, str) and k.startswith("$")) and v is not None}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return copy.deepcopy(value)


def _pointer(path: Any) -> list[str]:
    if not isinstance(path, str) or (path and not path.startswith("/")):
        raise PatchError(f"invalid JSON pointer {path!r}")
    return [p.replace("~1", "/").replace("~0", "~") for p in path.split("/")[1:]]


def _walk_to(obj: Any, parts: list[str]) -> Any:
    node = obj
    for part in parts:
        if isinstance(node, list):
            node = node[_index(part, node, allow_end=False)]
        elif isinstance(node, Mapping):
            node = node[part]
        else:
            raise PatchError(f"cannot descend into a scalar at '{part}'")
    return node


def _index(part: str, items: list[Any], allow_end: bool) -> int:
    if part == "-" and allow_end:
        return len(items)
    if not part.isdigit():
        raise PatchError(f"invalid list index {part!r}")
    index = int(part)
    if index > len(items) or (index == len(items) and not allow_end):
        raise PatchError(f"list index {index} out of range")
    return index


def json6902(obj: Any, op: Any) -> None:
    """Apply one JSON 6902 operation to ``obj`` in place."""
    if not isinstance(op, Mapping):
        raise PatchError("JSON patch operations must be mappings")
    kind = op.get("op")
    parts = _pointer(op.get("path"))
    if kind == "test":
        return
    if kind in ("move", "copy"):
        source = _pointer(op.get("from"))
        value = copy.deepcopy(_walk_to(obj, source))
        if kind == "move":
            _remove(obj, source)
        _add(obj, parts, value, replace=False)
    elif kind in ("add", "replace"):
        if "value" not in op:
            raise PatchError(f"'{kind}' needs a value")
        _add(obj, parts, copy.deepcopy(op["value"]), replace=kind == "replace")
    elif kind == "remove":
        _remove(obj, parts)
    else:
        raise PatchError(f"unknown JSON patch op {kind!r}")


def _add(obj: Any, parts: list[str], value: Any, replace: bool) -> None:
    parent: Any
    if not parts:
        raise PatchError("cannot replace the whole object")
    parent = _walk_to(obj, parts[:-1])
    last = parts[-1]
    if isinstance(parent, list):
        index = _index(last, parent, allow_end=not replace)
        if replace:
            parent[index] = value
        else:
            parent.insert(index, value)
    elif isinstance(parent, dict):
        if replace and last not in parent:
            raise PatchError(f"replace: '{'/'.join(parts)}' does not exist")
        parent[last] = value
    else:
        raise PatchError(f"cannot add below a scalar at '{'/'.join(parts)}'")


def _remove(obj: Any, parts: list[str]) -> None:
    parent: Any
    if not parts:
        raise PatchError("cannot remove the whole object")
    parent = _walk_to(obj, parts[:-1])
    last = parts[-1]
    if isinstance(parent, list):
        del parent[_index(last, parent, allow_end=False)]
    elif isinstance(parent, dict) and last in parent:
        del parent[last]
    else:
        raise PatchError(f"remove: '{'/'.join(parts)}' does not exist")

"""Documents without aliases built from libyaml's nodes without PyYAML's construct_object.

PyYAML builds a mapping or a sequence through ``construct_object`` and a generator (the
container first, filled later) so that aliases may point at a container being built. A text
without anchors has no alias: :func:`build` fills the same containers from a queue, as
:mod:`.load`'s constructors do, in the order PyYAML fills them.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from typing import Any

import yaml

from .positions import LineDict, LineList

_STR = "tag:yaml.org,2002:str"
_MERGE = "tag:yaml.org,2002:merge"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_new_dict = dict.__new__
_new_list = list.__new__


def build(loader: Any, root: yaml.Node, value: Callable[[Any, yaml.Node], Any]) -> Any:
    """``loader.construct_document(root)`` for a document without aliases (``value``: how
    the loader makes a scalar). PyYAML fills containers level by level (each one's generator
    runs after those of the level above, in order): so does this queue, doing what
    load._construct_map and load._construct_seq do, so a document with two mistakes fails on
    the same one. A mapping with a merge key or a container with another tag (``!!set``, a
    custom tag) sends the whole document to PyYAML's way."""
    top = _container(root)
    if top is None:
        return loader.construct_document(root)
    queue: deque[tuple[Any, Any]] = deque([(root, top)])
    try:
        while queue:
            node, data = queue.popleft()
            if isinstance(data, LineDict):
                key_lines = data.key_lines
                for key_node, value_node in node.value:
                    if key_node.tag == _MERGE:
                        raise _Unbuilt
                    key = mapping_key(loader, node, key_node)
                    if key in data:
                        raise yaml.constructor.ConstructorError(
                            "while constructing a mapping", node.start_mark,
                            f"duplicate key {key!r}", key_node.start_mark)
                    data[key] = _child(loader, value_node, queue, value)
                    key_lines[key] = key_node.start_mark.line + 1
            else:
                data.extend(_child(loader, child, queue, value) for child in node.value)
                data.item_lines = [child.start_mark.line + 1 for child in node.value]
    except _Unbuilt:
        loader.constructed_objects = {}
        loader.recursive_objects = {}
        return loader.construct_document(root)
    loader.constructed_objects = {}  # as construct_document leaves them
    loader.recursive_objects = {}
    return top


def mapping_key(loader: Any, node: yaml.Node, key_node: yaml.Node) -> Any:
    """The key ``key_node`` of mapping ``node``: a plain string as is, else constructed
    (an unhashable one is PyYAML's error)."""
    if key_node.tag == _STR and isinstance(key_node, yaml.ScalarNode):
        return key_node.value
    key = loader.construct_object(key_node, deep=True)
    try:
        hash(key)
    except TypeError:
        raise yaml.constructor.ConstructorError(
            "while constructing a mapping", node.start_mark,
            "found an unhashable key", key_node.start_mark) from None
    return key


class _Unbuilt(Exception):
    """A document :func:`build` leaves to PyYAML."""


def _container(node: yaml.Node) -> LineDict | LineList | None:
    if isinstance(node, yaml.MappingNode) and node.tag == _MAP:
        data = _new_dict(LineDict)
        data.line = node.start_mark.line + 1
        data.key_lines = {}
        return data  # type: ignore[no-any-return]
    if isinstance(node, yaml.SequenceNode) and node.tag == _SEQ:
        items = _new_list(LineList)
        items.line = node.start_mark.line + 1
        return items  # type: ignore[no-any-return]
    return None


def _child(loader: Any, node: yaml.Node, queue: deque[tuple[Any, Any]],
           value: Callable[[Any, yaml.Node], Any]) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return value(loader, node)
    data = _container(node)
    if data is None:
        raise _Unbuilt
    queue.append((node, data))
    return data

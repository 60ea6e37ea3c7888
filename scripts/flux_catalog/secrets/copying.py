"""Copying ruamel.yaml nodes for redaction: paths, lines, comments, merges and anchors.

The parts of the tree redaction (:mod:`.tree`) that only preserve what ruamel keeps beside
the data, so a redacted copy dumps like the original.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ruamel.yaml.anchor import Anchor
from ruamel.yaml.comments import (
    Comment,
    CommentedMap,
    CommentedSeq,
    CommentedSet,
    Format,
    LineCol,
)
from ruamel.yaml.tag import Tag
from ruamel.yaml.tokens import CommentToken

from .text import MARKER, scan

# A path is a linked list `(parent, key)` built in O(1) per level (deep trees stay linear) and
# turned into a tuple only for a finding.
Path = tuple[Any, str | int] | None


@dataclass
class Work:
    orig: Any
    copy: Any
    level: int  # see tree.ORDINARY, CREDENTIAL, NAMES
    path: Path
    line: int | None


def path_key(key: object) -> str | int:
    """A path element: the key itself, or the marker when the key looks like a credential."""
    if isinstance(key, int) and not isinstance(key, bool):
        return int(key)
    text = str(key)
    return MARKER if scan(text)[1] else text


def line_of(container: Any, key: Any) -> int | None:
    lc = getattr(container, LineCol.attrib, None)
    data = getattr(lc, "data", None)
    if not data:
        return None
    entry = data.get(key)
    return entry[0] + 1 if entry else None


def own_items(mapping: Any) -> Iterator[tuple[Any, Any]]:
    if isinstance(mapping, CommentedMap):
        yield from mapping.non_merged_items()
    else:
        yield from mapping.items()


def empty_like(node: Any) -> Any:
    if isinstance(node, (CommentedMap, CommentedSeq, CommentedSet)):
        return type(node)()
    if isinstance(node, dict):
        return {}
    if isinstance(node, list):
        return []
    return type(node)()




class CopyMixin:
    """Comments, merge keys and anchors of the copied nodes (used by the redactor)."""

    merges: list[tuple[Any, Any, list[Any], Any]]
    pending: dict[int, list[tuple[Any, Any]]]
    levels: dict[int, set[int]]
    memo: dict[tuple[int, int], Any]

    def found(self, path: Path, line: int | None, reason: str, offset: int = 0) -> None:
        raise NotImplementedError

    def copy_attributes(self, work: Work) -> None:
        orig, new = work.orig, work.copy
        for attrib in (Format.attrib, LineCol.attrib, Tag.attrib, Anchor.attrib):
            value = getattr(orig, attrib, None)
            if value is not None:
                setattr(new, attrib, copy.copy(value))
        comments = getattr(orig, Comment.attrib, None)
        if comments is None:
            return
        comments = copy.deepcopy(comments)
        seen: set[int] = set()
        items = getattr(comments, "_items", None)
        if isinstance(items, dict):
            for key, entry in items.items():
                self.redact_comments(entry, (work.path, path_key(key)), line_of(orig, key),
                                     seen)
        for attr in ("comment", "_post", "_pre"):
            self.redact_comments(getattr(comments, attr, None), work.path, work.line, seen)
        setattr(new, Comment.attrib, comments)

    def redact_comments(self, node: Any, path: Path, line: int | None,
                        seen: set[int], depth: int = 0) -> None:
        """Redact, in place, the comment tokens and strings of a copied ``Comment`` entry."""
        if isinstance(node, CommentToken):
            if id(node) not in seen:
                seen.add(id(node))
                # a dump of the original marks printed comments; the copy is not printed yet
                node.reset()
                self.redact_comment(node, path)
        elif isinstance(node, list) and depth < 6:
            for index, item in enumerate(node):
                if isinstance(item, str):
                    redacted, hits = scan(item)
                    if hits:
                        node[index] = redacted
                        for newlines, reason in hits:
                            self.found(path, line, f"{reason} in a comment", newlines)
                else:
                    self.redact_comments(item, path, line, seen, depth + 1)

    def redact_comment(self, token: CommentToken, path: Path) -> None:
        text = token.value
        if not isinstance(text, str):
            return
        redacted, hits = scan(text)
        if redacted == text:
            return
        if text.endswith("\n") and not redacted.endswith("\n"):
            redacted += "\n"
        token.value = redacted
        start = getattr(getattr(token, "start_mark", None), "line", None)
        hash_at = text.find("#")
        lead = text.count("\n", 0, hash_at) if hash_at >= 0 else 0
        for newlines, reason in hits:
            line = None if start is None else start + 1 + newlines - lead
            self.found(path, line, f"{reason} in a comment")

    # -- after the walk ----------------------------------------------------------------------

    def finish_merges(self) -> None:
        by_copy = {id(entry[0]): entry for entry in self.merges}
        order: list[tuple[Any, Any, list[Any], Any]] = []
        state: dict[int, bool] = {}
        for entry in self.merges:
            todo: list[tuple[Any, bool]] = [(entry, False)]
            while todo:
                item, expanded = todo.pop()
                if expanded:
                    order.append(item)
                    continue
                if id(item[0]) in state:
                    continue
                state[id(item[0])] = True
                todo.append((item, True))
                todo.extend((by_copy[id(b)], False) for b in item[2]
                            if id(b) in by_copy and id(b) not in state)
        for new, merge, copies, seq_copy in order:
            if any(id(c) in self.pending for c in copies):
                continue  # a base was cut by the budget: drop the merge, keep own keys
            if isinstance(merge, list):
                value: Any = [(m[0], c) for m, c in zip(merge, copies, strict=True)]
            else:
                value = type(merge)()
                value.extend(copies)
                value.merge_pos = getattr(merge, "merge_pos", None)
                if seq_copy is not None and id(seq_copy) not in self.pending:
                    value.set_sequence(seq_copy)
            new.add_yaml_merge(value)

    def clear_duplicate_anchors(self) -> None:
        """A node reached both inside and outside a credential mapping is copied twice; only
        the ordinary copy keeps the anchor name, so a dump never defines it twice."""
        for node_id, levels in self.levels.items():
            if len(levels) > 1:
                copied = self.memo[(node_id, 1)]
                anchor = getattr(copied, Anchor.attrib, None)
                if anchor is not None:
                    anchor = copy.copy(anchor)
                    anchor.value = None
                    setattr(copied, Anchor.attrib, anchor)


"""Helm values for the site: a redacted YAML dump with comments, and helm-docs value docs.

Both work on a redacted copy (:func:`flux_catalog.secrets.redact_tree`), so nothing hidden there
can reach a page. Shared nodes (YAML aliases) stay shared: the dump re-emits them as aliases and
every walk here visits a node once, so an alias bomb costs linear work.
"""

from __future__ import annotations

import copy
import io
import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import Comment, CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.tokens import CommentToken

from ..secrets import redact_comment_blocks, redact_tree

# Largest dump shown on a page; longer values are cut at a line boundary.
MAX_DUMP_CHARS = 100_000
# Largest number of nodes visited when collecting documented values.
NODE_BUDGET = 20_000
# Longest value shown in the documented values table.
MAX_VALUE_CHARS = 80


@dataclass(frozen=True)
class DocumentedValue:
    """A key documented with a helm-docs ``# --`` comment right above it."""

    path: str  # dotted key path, e.g. ``image.repository`` or ``env[0].name``
    value: str  # the (redacted) value, shortened, as YAML-ish text
    description: str


@dataclass(frozen=True)
class Values:
    yaml: str  # the redacted dump, comments kept, aliases not expanded
    truncated: bool
    documented: tuple[DocumentedValue, ...]


def redacted_values(node: Any, kind: str | None = None) -> Values:
    """Dump ``node`` (a ``values:`` mapping, say) redacted, and collect its documented keys."""
    redacted, _findings = redact_tree(node, kind=kind)
    base = _column(node)
    if base:
        _shift_comments(redacted, base)
    documented = tuple(documented_values(redacted))
    text, truncated = dump_yaml(redacted)
    return Values(redact_comment_blocks(text), truncated, documented)


def redacted_yaml(node: Any, base_column: int = 0, kind: str | None = None) -> tuple[str, bool]:
    """``node`` redacted and dumped; comments moved ``base_column`` columns left."""
    redacted, _findings = redact_tree(node, kind=kind)
    if base_column:
        _shift_comments(redacted, base_column)
    text, truncated = dump_yaml(redacted)
    return redact_comment_blocks(text), truncated


def select_keys(mapping: Any, keys: tuple[str, ...]) -> CommentedMap:
    """The entries ``keys`` of a commented ``mapping``, each with the comment block written
    right above it in the file, and without the one written above a key left out.

    ruamel keeps a comment above a key in the token of whatever precedes it (the previous
    key's value, possibly deep inside it): a plain subset would drop the comment of its first
    key and show the comment of a key left out under the key before it.
    """
    source = copy.deepcopy(mapping)
    names = list(source.keys())
    above: dict[Any, list[str]] = {}
    for key, following in itertools.pairwise(names):
        above[following] = _pop_trailing(source, key)
    if names:
        _pop_trailing(source, names[-1])
    subset = CommentedMap()
    for key in keys:
        if key not in source:
            continue
        subset[key] = source[key]
        entry = source.ca.items.get(key)
        if entry is not None:  # a scalar's end-of-line comment lives in its mapping
            subset.ca.items[key] = entry
        lines = [line.strip()[1:].removeprefix(" ") for line in above.get(key, ())]
        if lines:
            subset.yaml_set_comment_before_after_key(key, before="\n".join(lines), indent=0)
    return subset


def _pop_trailing(node: Any, key: Any, depth: int = 0) -> list[str]:
    """Remove and return the full-line comments right after ``node[key]``'s value (the
    comment block above the next key), keeping an end-of-line comment where it is."""
    value = node[key]
    if depth < 100 and isinstance(value, CommentedMap) and value:
        return _pop_trailing(value, list(value.keys())[-1], depth + 1)
    if depth < 100 and isinstance(value, CommentedSeq) and value:
        return _pop_trailing(value, len(value) - 1, depth + 1)
    comments = getattr(node, Comment.attrib, None)
    entry = comments.items.get(key) if comments is not None else None
    slot = 2 if isinstance(node, CommentedMap) else 0
    token = entry[slot] if entry is not None and len(entry) > slot else None
    if entry is None or not isinstance(token, CommentToken) or not isinstance(token.value, str):
        return []
    first, _, rest = token.value.partition("\n")
    block: list[str] = []
    for line in rest.removesuffix("\n").split("\n") if rest else ():
        if not line.strip():
            block = []  # a blank line ends a block: only the last one is above the next key
        elif line.strip().startswith("#"):
            block.append(line)
    if first.strip():
        token.value = first + "\n"
    else:
        entry[slot] = None
    return block


def column_of(node: Any) -> int:
    """Column of the first key of ``node`` in its file (0 when unknown)."""
    return _column(node)


def dump_yaml(node: Any) -> tuple[str, bool]:
    """Round-trip dump (comments and aliases kept), cut at :data:`MAX_DUMP_CHARS`."""
    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096  # keep lines as written instead of folding long strings
    buffer = io.StringIO()
    try:
        yaml.dump(node, buffer)
    except (YAMLError, TypeError, ValueError, RecursionError) as exc:
        return f"# cannot show the values: {type(exc).__name__}\n", False
    text = buffer.getvalue()
    if text.endswith("...\n") and not isinstance(node, CommentedMap | CommentedSeq | dict | list):
        text = text[: -len("...\n")]
    if len(text) <= MAX_DUMP_CHARS:
        return text, False
    cut = text.rfind("\n", 0, MAX_DUMP_CHARS)
    return text[: cut + 1 if cut > 0 else MAX_DUMP_CHARS], True


def _column(node: Any) -> int:
    """Column of the first key of ``node`` in its file (0 when unknown)."""
    lc = getattr(node, "lc", None)
    try:
        col = lc.col if lc is not None else 0
    except AttributeError:
        return 0
    return col if isinstance(col, int) and col > 0 else 0


def _shift_comments(root: Any, shift: int) -> None:
    """Move full-line comments of a redacted copy ``shift`` columns left, in place.

    ruamel keeps a comment's original column; a sub-tree dumped on its own starts at column 0,
    so without this its comments would stay indented as deep as they were in the file.
    """
    seen: set[int] = set()
    stack = [root]
    budget = NODE_BUDGET
    while stack and budget > 0:
        node = stack.pop()
        budget -= 1
        if not isinstance(node, CommentedMap | CommentedSeq) or id(node) in seen:
            continue
        seen.add(id(node))
        comments = getattr(node, Comment.attrib, None)
        if comments is not None:
            for entry in (comments.comment, *comments.items.values(), comments.end):
                for token in _tokens(entry):
                    _shift_token(token, shift)
        stack.extend(node.values() if isinstance(node, CommentedMap) else node)


def _tokens(entry: Any, depth: int = 0) -> Iterator[CommentToken]:
    if isinstance(entry, CommentToken):
        yield entry
    elif isinstance(entry, list) and depth < 4:
        for item in entry:
            yield from _tokens(item, depth + 1)


def _shift_token(token: CommentToken, shift: int) -> None:
    value = token.value
    if not isinstance(value, str):
        return
    lines = value.split("\n")
    out = [lines[0]]
    for line in lines[1:]:
        stripped = line.lstrip(" ")
        if stripped.startswith("#"):
            line = " " * max(0, len(line) - len(stripped) - shift) + stripped
        out.append(line)
    token.value = "\n".join(out)
    mark = token.start_mark
    if mark is not None and not value.startswith("\n") and hasattr(mark, "column"):
        mark = copy.copy(mark)
        mark.column = max(0, mark.column - shift)
        token.start_mark = mark


# -- helm-docs value documentation --------------------------------------------------------------


def documented_values(root: Any) -> Iterator[DocumentedValue]:
    """Keys with a ``# --`` comment block right above them, in document order.

    ruamel stores a comment above a key in the token of whatever precedes it in the file (the
    previous value, possibly deep inside a nested mapping), so this walks the tree in document
    order and carries the pending comment lines to the next key.
    """
    walker = _DocWalker()
    walker.walk(root, "")
    return iter(walker.found)


class _DocWalker:
    def __init__(self) -> None:
        self.pending: list[str] = []
        self.found: list[DocumentedValue] = []
        self.seen: set[int] = set()
        self.budget = NODE_BUDGET

    def feed(self, entry: Any, full_lines: bool) -> None:
        for token in _tokens(entry):
            value = token.value if isinstance(token.value, str) else ""
            lines = value.split("\n")
            if value.endswith("\n"):
                lines.pop()
            if not full_lines and lines:
                lines.pop(0)  # an end-of-line comment (or nothing), not a line of its own
            for line in lines:
                text = line.strip()
                if not text:
                    self.pending = []  # a blank line ends a comment block
                elif text.startswith("#"):
                    self.pending.append(text)

    def take(self) -> str | None:
        lines, self.pending = self.pending, []
        return helm_docs_description(lines)

    def walk(self, node: Any, path: str) -> None:
        if self.budget <= 0:
            return
        self.budget -= 1
        if not isinstance(node, CommentedMap | CommentedSeq):
            return
        if id(node) in self.seen:
            return
        self.seen.add(id(node))
        comments = getattr(node, Comment.attrib, None)
        if comments is not None and comments.comment:
            self.feed(comments.comment[1:], full_lines=True)
        items = comments.items if comments is not None else {}
        if isinstance(node, CommentedMap):
            for key, value in node.items():
                child = join_path(path, key)
                description = self.take()
                if description is not None:
                    self.found.append(DocumentedValue(child, short_value(value), description))
                if isinstance(value, CommentedMap | CommentedSeq):
                    self.walk(value, child)
                entry = items.get(key)
                if entry:
                    self.feed(entry[2:3], full_lines=False)
        else:
            for index, value in enumerate(node):
                self.pending = []  # a comment above a list item documents no key
                self.walk(value, f"{path}[{index}]")
                entry = items.get(index)
                if entry:
                    self.feed(entry[0:1], full_lines=False)


def helm_docs_description(lines: list[str]) -> str | None:
    """The description of a comment block above a key: from its last ``# --`` line on."""
    start = None
    for index, line in enumerate(lines):
        if line.lstrip("#").strip().startswith("--"):
            start = index
    if start is None:
        return None
    parts = [lines[start].lstrip("#").strip()[2:].strip()]
    for line in lines[start + 1:]:
        text = line.lstrip("#").strip()
        if text.startswith("@"):  # helm-docs annotations such as `# @default -- ...`
            break
        parts.append(text)
    description = " ".join(p for p in parts if p)
    return description or None


def join_path(path: str, key: Any) -> str:
    text = str(key)
    if not text or any(c in text for c in '.[] "'):
        text = '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return f"{path}.{text}" if path else text


def short_value(value: Any) -> str:
    if isinstance(value, CommentedMap | dict):
        return "{…}" if value else "{}"
    if isinstance(value, CommentedSeq | list):
        return "[…]" if value else "[]"
    if value is None:
        text = "null"
    elif isinstance(value, bool):
        text = "true" if value else "false"
    else:
        text = str(value)
    text = " ".join(text.split())
    if len(text) > MAX_VALUE_CHARS:
        text = text[: MAX_VALUE_CHARS - 1] + "…"
    return text

"""Blocks of a manifest shown as written: the fast way to put values with comments on a page.

Reading every component's file again with ruamel's round-trip parser (to keep comments) and
dumping it back cost most of a 1,000-component build. When an object is not patched and
redaction finds nothing in it, the block of its file that holds a key (``values:``,
``install:``) is exactly what a page should show: the original text, comments included. The
line of every key comes from the fast loader; nothing is parsed again. Whenever that cannot
be done safely (patched objects, flow style, anything redaction would hide), these functions
return None and the caller uses the round-trip path.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from ..model import K8sObject
from ..positions import LineDict, LineList
from ..secrets import redact_comment_blocks, redact_text
from ..secrets.memo import tree_findings
from .values import (
    MAX_DUMP_CHARS,
    DocumentedValue,
    Values,
    helm_docs_description,
    join_path,
    short_value,
)

if TYPE_CHECKING:
    from ..documents import DocumentStore

__all__ = ["SourceBlocks", "shown", "source_blocks", "values_as_written"]


class SourceBlocks:
    """The text of an object's file, with the line ranges of its keys."""

    def __init__(self, lines: list[str], obj: K8sObject) -> None:
        self.lines = lines
        self.obj = obj
        body = obj.body
        spec = body.get("spec")
        self._boundaries = sorted({
            *getattr(body, "key_lines", {}).values(),
            *(getattr(spec, "key_lines", {}).values() if isinstance(spec, LineDict) else ()),
        })
        self._doc_end = self._find_doc_end(obj.line)

    def _find_doc_end(self, start: int) -> int:
        for number in range(start + 1, len(self.lines) + 1):
            if self.lines[number - 1].startswith(("---", "...")):
                return number - 1
        return len(self.lines)

    def _block(self, key_line: int) -> tuple[int, int]:
        """1-based inclusive range of the block that starts at ``key_line``."""
        end = next((b - 1 for b in self._boundaries if b > key_line), self._doc_end)
        end = min(end, self._doc_end)
        indent = _indent(self.lines[key_line - 1])
        while end > key_line:  # comments and blank lines above the next key belong to it
            text = self.lines[end - 1]
            if text.strip() and not (text.lstrip().startswith("#") and _indent(text) <= indent):
                break
            end -= 1
        return key_line, end

    def span(self, mapping: Mapping[str, Any], key: str) -> tuple[int, int]:
        """1-based inclusive lines of ``mapping[key]``'s block (``key:`` line included)."""
        return self._block(mapping.key_lines[key])  # type: ignore[attr-defined]

    def children(self, mapping: Mapping[str, Any], key: str) -> str | None:
        """The text of ``mapping[key]``'s block value (its lines below ``key:``), dedented."""
        key_lines = getattr(mapping, "key_lines", None)
        if not key_lines or key not in key_lines:
            return None
        start, end = self._block(key_lines[key])
        head = self.lines[start - 1].split("#", 1)[0].rstrip()
        if not head.endswith(":") or end <= start:
            return None  # a flow or inline value: leave it to the round-trip dump
        return _dedent(self.lines[start:end])

    def keys(self, mapping: Mapping[str, Any], keys: Iterable[str]) -> str | None:
        """The blocks of ``keys`` of ``mapping`` (``key: ...`` included), in file order."""
        key_lines = getattr(mapping, "key_lines", None)
        if key_lines is None:
            return None
        present = sorted((key_lines[k], k) for k in keys if k in key_lines)
        parts: list[str] = []
        for line, _ in present:
            start, end = self._block(line)
            indent = _indent(self.lines[start - 1])
            while start > 1:  # the comment block right above the key is part of it
                above = self.lines[start - 2]
                if not above.lstrip().startswith("#") or _indent(above) != indent:
                    break
                start -= 1
            parts.extend(self.lines[start - 1:end])
        return _dedent(parts)


def source_blocks(documents: DocumentStore, obj: K8sObject) -> SourceBlocks | None:
    """The object's file as lines, if its blocks may be shown as written."""
    if obj.generated or obj.patches or not isinstance(obj.body, LineDict):
        return None
    if tree_findings(obj.body, kind=obj.kind):  # (remembered by content across rebuilds)
        return None  # something must be hidden: the caller dumps a redacted copy instead
    text = documents.text(obj.path)
    if text is None:
        return None
    return SourceBlocks(text.splitlines(), obj)


def shown(text: str | None) -> str | None:
    """``text`` if nothing in it (comments included) would be redacted, else None."""
    if text is None or redact_text(text) != text or redact_comment_blocks(text) != text:
        return None
    return text


def values_as_written(blocks: SourceBlocks, values: Any) -> Values | None:
    """``spec.values`` as written, with its ``# --`` documented keys, or None."""
    spec = blocks.obj.body.get("spec")
    if not isinstance(spec, Mapping) or not isinstance(values, LineDict):
        return None
    text = shown(blocks.children(spec, "values"))
    if text is None:
        return None
    truncated = len(text) > MAX_DUMP_CHARS
    if truncated:
        cut = text.rfind("\n", 0, MAX_DUMP_CHARS)
        text = text[: cut + 1 if cut > 0 else MAX_DUMP_CHARS]
    documented = tuple(_documented(blocks.lines, values, "", blocks.span(spec, "values")))
    return Values(text, truncated, documented)


def _documented(lines: list[str], node: Any, path: str, span: tuple[int, int],
                first_key_documents: bool = True, seen: set[int] | None = None
                ) -> Iterator[DocumentedValue]:
    """Keys inside ``span`` (the block's lines) with a ``# --`` comment block right above them,
    in document order. Keys reached through an alias or a merge key live elsewhere in the
    file, outside what was checked for credentials, and are not documented here."""
    seen = seen if seen is not None else set()
    if id(node) in seen or len(seen) > 20_000:
        return
    seen.add(id(node))
    if isinstance(node, LineDict):
        for index, (key, value) in enumerate(node.items()):
            line = node.key_lines.get(key)
            if not line or not span[0] <= line <= span[1]:
                continue
            child = join_path(path, key)
            if index > 0 or first_key_documents:
                description = _description(lines, line)
                if description is not None:
                    yield DocumentedValue(child, short_value(value), redact_text(description))
            yield from _documented(lines, value, child, span, True, seen)
    elif isinstance(node, LineList):
        for index, value in enumerate(node):
            # a comment above a list item documents no key
            yield from _documented(lines, value, f"{path}[{index}]", span, False, seen)


def _description(lines: list[str], key_line: int) -> str | None:
    block: list[str] = []
    number = key_line - 1
    while number >= 1:
        text = lines[number - 1].strip()
        if not text.startswith("#"):
            break  # a blank line or code ends the comment block
        block.append(text)
        number -= 1
    block.reverse()
    return helm_docs_description(block)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _dedent(lines: list[str]) -> str | None:
    if not any(line.strip() for line in lines):
        return None
    return textwrap.dedent("\n".join(lines)).strip("\n") + "\n"

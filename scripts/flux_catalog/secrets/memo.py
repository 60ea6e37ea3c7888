"""Findings remembered by content: a document or a file judged once per content.

A diff builds two revisions that share almost every document, a ``mkdocs serve`` rebuild
sees the same documents as the build before it, and the on-disk check cache
(:mod:`flux_catalog.cache`) keeps these tables between runs. The key is a digest of the
content itself (``repr`` of a tree of plain containers tells ``1`` from ``"1"`` and keeps
key order), so a hit is exactly what a fresh judgement would return.
"""

from __future__ import annotations

import hashlib
from typing import Any

from ruamel.yaml.comments import CommentedBase

from .comments import _secret_comment_lines, comment_of
from .precheck import precheck
from .text import MARKER, scan
from .tree import ENCRYPTED_REASONS, Finding, redact_tree

_LIMIT = 100_000
# content digest -> findings of a tree; content digest -> (line, column, hits) of a file
TREE_CACHE: dict[bytes, tuple[Finding, ...]] = {}
COMMENT_CACHE: dict[bytes, tuple[tuple[int, int, int], ...]] = {}
_USED: set[bytes] = set()  # keys asked for since the tables were loaded


def digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "backslashreplace"), digest_size=20).digest()


def tree_findings(node: Any, *, kind: str | None = None) -> tuple[Finding, ...]:
    """``redact_tree(node, kind=kind)[1]``, remembered by content.

    For trees of plain containers (the fast loader's, patched or not): without ruamel's
    positions a finding depends on the content alone. A ruamel tree is judged every time, and
    so is a tree that reaches a container twice (a YAML alias): the redactor visits it once,
    so its findings may differ from those of the same content written out, whose repr is
    equal. Such a tree is never remembered.
    """
    if isinstance(node, CommentedBase):
        return tuple(redact_tree(node, kind=kind)[1])
    try:
        key = digest(f"{kind}\0{node!r}")
    except RecursionError:  # nested deeper than repr goes: judged every time (iteratively)
        return tuple(redact_tree(node, kind=kind)[1])
    found = TREE_CACHE.get(key)
    if found is not None:
        if _shares_nodes(node):
            return tuple(redact_tree(node, kind=kind)[1])
        _USED.add(key)
        return found
    # Most trees hold nothing: the pre-check's walk tells that, and whether the tree shares
    # a container, in one pass (it tells sharing exactly when it answers False).
    might, shared = precheck(node, kind=kind)
    if not might:
        if shared:
            # Nothing to find (the pre-check's contract holds for any tree); not remembered:
            # the same content written out is larger, and may exceed the pre-check's budget.
            return ()
        found = ()
    elif _shares_nodes(node):
        return tuple(redact_tree(node, kind=kind)[1])
    else:
        found = tuple(redact_tree(node, kind=kind)[1])
    _USED.add(key)
    _remember(TREE_CACHE, key, found)
    return found


def _shares_nodes(node: Any) -> bool:
    """Whether a container is reached twice (a YAML alias): the redactor visits it once, so
    its findings differ from those of the same content written out, whose repr is equal."""
    seen: set[int] = set()
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, dict | list):
            if id(current) in seen:
                return True
            seen.add(id(current))
            stack.extend(current.values() if isinstance(current, dict) else current)
    return False


def comment_findings(lines: tuple[str, ...]) -> tuple[tuple[int, int, int], ...]:
    """Comments of a YAML file that hold credentials: ``(line, column, hits)``, 1-based,
    ``hits`` at least 1 (a commented-out block counts as one). Remembered by content."""
    text = "\n".join(lines)
    key = digest(text)
    _USED.add(key)
    found = COMMENT_CACHE.get(key)
    if found is not None:
        return found
    out: list[tuple[int, int, int]] = []
    # Only lines holding a "#" can hold a comment, and only runs of comment lines can be
    # commented-out YAML: what redact_comment_blocks would hide, found among those lines.
    marked = [(number, line) for number, line in enumerate(lines, 1) if "#" in line]
    hidden = _hidden_comment_lines(marked)
    for number, line in marked:
        comment = comment_of(line)
        if not comment:
            continue
        hits = [h for h in scan(comment)[1] if h[1] not in ENCRYPTED_REASONS]
        if hits or number in hidden:
            out.append((number, len(line) - len(comment) + 1, max(1, len(hits))))
    found = tuple(out)
    _remember(COMMENT_CACHE, key, found)
    return found


def _hidden_comment_lines(marked: list[tuple[int, str]]) -> set[int]:
    """Numbers of the lines :func:`.comments.redact_comment_blocks` changes, from the lines
    that hold a ``#`` (``(number, line)``, in order): each run of consecutive comment lines
    is judged as it judges it."""
    hidden: set[int] = set()
    run: list[tuple[int, str]] = []
    for number, line in [*marked, (0, "")]:
        comment_line = line.lstrip().startswith("#")
        if comment_line and run and run[-1][0] == number - 1:
            run.append((number, line))
            continue
        if run:
            for offset in _secret_comment_lines(tuple(text for _, text in run)):
                at, text = run[offset]
                if text[: len(text) - len(text.lstrip())] + "# " + MARKER != text:
                    hidden.add(at)
        run = [(number, line)] if comment_line else []
    return hidden


def _remember(table: dict[bytes, Any], key: bytes, value: Any) -> None:
    if len(table) >= _LIMIT:
        table.clear()
    table[key] = value


def dump_tables() -> dict[str, Any]:
    """The entries asked for since :func:`load_tables`, as JSON-ready data."""
    return {
        "trees": {k.hex(): [[list(f.path), f.line, f.reason, f.offset] for f in v]
                  for k, v in TREE_CACHE.items() if k in _USED},
        "comments": {k.hex(): [list(c) for c in v]
                     for k, v in COMMENT_CACHE.items() if k in _USED},
    }


def load_tables(data: dict[str, Any]) -> None:
    """Entries written by :func:`dump_tables` (of the same engine) join the tables."""
    trees = {bytes.fromhex(k): tuple(Finding(tuple(p), line, reason, offset)
                                     for p, line, reason, offset in v)
             for k, v in data["trees"].items()}
    comments = {bytes.fromhex(k): tuple((int(a), int(b), int(c)) for a, b, c in v)
                for k, v in data["comments"].items()}
    TREE_CACHE.update(trees)
    COMMENT_CACHE.update(comments)
    _USED.clear()

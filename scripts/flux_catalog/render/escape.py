"""Escaping of manifest text for Markdown pages and Mermaid diagrams.

Everything that comes from a manifest (names, descriptions, values, comments, labels) is shown as
plain text: nothing in it can create HTML, links, images, emphasis, headings, lists, tables, code,
or the block syntax of the usual Python-Markdown and pymdown extensions (admonitions, details,
tabs, snippets, emoji, critic marks, Jinja ``{{ }}`` of a macros plugin).

The Markdown functions replace ASCII punctuation that means something to Markdown or HTML with
character references (``&#42;`` for ``*``): Markdown passes them through untouched and the
browser shows the character. ``.``, ``-`` and ``/`` are escaped only where they mean something
(at the start of a line: lists, rules, ``///`` blocks; in runs that typographic extensions
rewrite: ``--``, ``...``, ``1/2``, ``c/o``; after ``www`` and ``ftp``, which auto-link), so
names, versions, paths and URLs stay readable in the page source and in golden files.
"""

from __future__ import annotations

import functools
import hashlib
import re

__all__ = ["md_code_block", "md_inline", "md_text", "mermaid_id", "mermaid_label"]

# Line breaks of every kind, and horizontal whitespace (no-break spaces are kept).
_NEWLINES_RE = re.compile(r"\r\n|[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]")
_SPACES_RE = re.compile(r"[ \t\n\v\f\r\x1c-\x1f\x85\u2028\u2029]+")
# C0/C1 controls (Python-Markdown uses \x02/\x03 as placeholders) and bidi overrides.
_CONTROLS_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")

_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"}
_ESCAPED = "\\`*_{}[]()#+!|<>&\"'~=^:$@?"
_TABLE = str.maketrans({c: _ENTITIES.get(c, f"&#{ord(c)};") for c in _ESCAPED})


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _plain_line(line: str) -> str:
    return _CONTROLS_RE.sub("", _SPACES_RE.sub(" ", line)).strip()


# `.`, `-` and `/` where they are syntax: a run of hyphens or dots (smarty's dashes and
# ellipsis, setext underlines, rules), a slash in a fraction or "c/o" (smartsymbols), the dot
# of an auto-linked "www." or "ftp." (magiclink).
_CONTEXTUAL_RE = re.compile(
    r"-(?=-)|(?<=-)-|\.(?=\.)|(?<=\.)\.|(?<=\d)/(?=\d)|(?<=\b[cC])/(?=[oO]\b)"
    r"|(?<=\b[wW]{3})\.|(?<=\b[fF][tT][pP])\.")


@functools.lru_cache(maxsize=65_536)  # names and descriptions recur on many pages
def _escape_line(line: str) -> str:
    line = _plain_line(line).translate(_TABLE)
    line = _CONTEXTUAL_RE.sub(lambda m: f"&#{ord(m.group())};", line)
    # What starts a line: a list item or rule (`- x`, `---`), a block (`/// note`), an ordered
    # list (`1. item`).
    if line[:1] in ("-", "/"):
        line = f"&#{ord(line[0])};{line[1:]}"
    head = re.match(r"[0-9]{1,9}\.(?=\s|$)", line)
    if head:
        line = f"{head.group()[:-1]}&#46;{line[head.end():]}"
    return line


def md_inline(text: object) -> str:
    """``text`` as one line of inline Markdown, safe inside a table cell or a sentence.

    Newlines and runs of whitespace become one space; control characters are dropped; ``& < >
    "`` become HTML entities and other Markdown punctuation becomes character references.
    """
    return _escape_line(_text(text))


def md_text(text: object) -> str:
    """A multi-line description as Markdown paragraphs of plain text.

    Blank lines separate paragraphs (joined by one blank line); lines of a paragraph stay on
    their own lines, stripped, escaped as in :func:`md_inline`. No heading, list, quote, table,
    link, image, code block or raw HTML can result.
    """
    text = _NEWLINES_RE.sub("\n", _text(text))
    paragraphs = []
    for block in re.split(r"\n[ \t]*\n", text):
        lines = [_escape_line(line) for line in block.split("\n")]
        lines = [line for line in lines if line]
        if lines:
            paragraphs.append("\n".join(lines))
    return "\n\n".join(paragraphs)


_SNIPPET_RE = re.compile(r"(?m)^([ \t]*;*-+)(8<)")


def md_code_block(text: str, lang: str = "yaml") -> str:
    """A fenced code block holding ``text`` verbatim, ending with a newline.

    The fence is made of backticks, longer than any run of backticks or tildes in ``text``, so
    nothing in ``text`` can close it. Control characters are dropped, and a zero-width space is
    put into lines that pymdownx.snippets would read as an include (``--8<--``), which it does
    even inside code blocks.
    """
    body = _CONTROLS_RE.sub("", re.sub(r"\r\n?", "\n", _text(text)))
    body = _SNIPPET_RE.sub("\\1\u200b\\2", body)
    longest = max((len(run) for run in re.findall(r"`+|~+", body)), default=0)
    fence = "`" * max(3, longest + 1)
    lang = re.sub(r"[^A-Za-z0-9_+-]", "", lang)
    if not body.endswith("\n"):
        body += "\n"
    return f"{fence}{lang}\n{body}{fence}\n"


_MERMAID_SAFE = frozenset(" .,_-/:")


def mermaid_label(text: object) -> str:
    """``text`` for a Mermaid node label written as ``id["..."]``.

    Letters, digits, spaces and ``. , _ - / :`` stay; every other character becomes a Mermaid
    entity code ``#<decimal>;`` (``"`` is ``#34;``, ``#`` is ``#35;``), so quotes, brackets,
    pipes, arrows, ``%%`` directives, semicolons, HTML and backticks cannot break out. Newlines
    and runs of whitespace become one space.
    """
    line = _plain_line(_text(text))
    return "".join(c if c.isalnum() or c in _MERMAID_SAFE else f"#{ord(c)};" for c in line)


def mermaid_id(key: str) -> str:
    """A stable Mermaid node id for ``key``: ``n`` and 12 hex digits of its SHA-256."""
    digest = hashlib.sha256(str(key).encode("utf-8", "surrogatepass")).hexdigest()
    return f"n{digest[:12]}"

"""Credentials in comments: commented-out YAML and the comment part of a source line."""

from __future__ import annotations

import functools
import re
from typing import Any

from .judge import is_prose
from .text import MARKER
from .tree import redact_tree

_COMMENT_KEY_RE = re.compile(r"^\s*(?:-\s+)?[^\W\d][\w.-]*:(?:\s|$)")


def redact_comment_blocks(text: str) -> str:
    """Hide commented-out YAML that holds a credential.

    Each top-level entry of a run of comment lines whose text, with ``#`` stripped, is YAML
    with a credential in it (``# adminPassword: |`` / ``#   hunter2``, ``# - name:
    DB_PASSWORD`` / ``#   value: x``) has its lines replaced by :data:`MARKER`; line count
    and indentation are kept, prose comments around it stay. Single lines are
    :func:`redact_text`'s job.
    """
    if "#" not in text:
        return text
    lines = text.split("\n")
    out = list(lines)
    index = 0
    while index < len(lines):
        if not lines[index].lstrip().startswith("#"):
            index += 1
            continue
        start = index
        while index < len(lines) and lines[index].lstrip().startswith("#"):
            index += 1
        for offset in _secret_comment_lines(tuple(lines[start:index])):
            line = lines[start + offset]
            out[start + offset] = line[: len(line) - len(line.lstrip())] + "# " + MARKER
    return "\n".join(out)


@functools.lru_cache(maxsize=16_384)
def _secret_comment_lines(run: tuple[str, ...]) -> tuple[int, ...]:
    """Indexes of the lines of ``run`` (comment lines) that are YAML holding a credential."""
    content = [line.lstrip()[1:] for line in run]
    content = [line[1:] if line.startswith(" ") else line for line in content]
    if not any(_COMMENT_KEY_RE.match(line) for line in content):
        return ()
    # Each top-level entry on its own: a commented-out mapping key and a commented-out list
    # item next to each other are not one YAML document, and prose around them is not YAML.
    texts = [line for line in content if line.strip()]
    base = min(len(line) - len(line.lstrip()) for line in texts)
    chunks: list[list[int]] = []
    for number, line in enumerate(content):
        if not chunks or (line.strip() and len(line) - len(line.lstrip()) == base):
            chunks.append([])
        chunks[-1].append(number)
    hidden: list[int] = []
    for chunk in chunks:
        if _yaml_holds_secrets("\n".join(content[n][base:] for n in chunk)):
            hidden.extend(chunk)
    return tuple(hidden)


def _yaml_holds_secrets(text: str) -> bool:
    from ..load import YAML_ERRORS, parse_plain  # only commented-out YAML gets here

    try:
        data = parse_plain(text)
    except YAML_ERRORS:
        return False
    except (ValueError, TypeError, RecursionError):
        return False
    if not isinstance(data, dict | list):
        return False
    for finding in redact_tree(data)[1]:
        value: Any = data
        for key in finding.path:
            try:
                value = value[key]
            except (KeyError, IndexError, TypeError):
                value = None
                break
        if not (isinstance(value, str) and is_prose(value)):  # "password: see the vault"
            return True
    return False


def comment_of(line: str) -> str:
    """The comment of a YAML line: from a ``#`` at the start or after a space, outside quotes."""
    index = line.find("#")
    if index < 0:
        return ""
    if "'" not in line and '"' not in line:  # the common case: no quotes on the line
        while index > 0 and line[index - 1] not in " \t":
            index = line.find("#", index + 1)
            if index < 0:
                return ""
        return line[index:]
    quote = ""
    for index, char in enumerate(line):
        if quote:
            if char == quote:
                quote = ""
        elif char in "'\"":
            quote = char
        elif char == "#" and (index == 0 or line[index - 1] in " \t"):
            return line[index:]
    return ""

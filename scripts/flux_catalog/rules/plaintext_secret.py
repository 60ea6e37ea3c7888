"""plaintext-secret: no credential is written in Git in plaintext.

Fails: ``adminPassword: hunter2``, a Secret with ``data``/``stringData``, a PEM private key,
a token with a well-known prefix, ``https://user:pass@host``. Passes: references such as
``existingSecret: grafana-admin``, ``secretRef``, ``valuesFrom`` a Secret, ``${TOKEN}``
placeholders and SOPS-encrypted values (``ENC[...]``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ..load import line_at
from ..model import ERROR, Problem
from ..redact import (
    ENCRYPTED_REASONS,
    REASON_TOO_LARGE,
    might_hold_secrets,
    redact_comment_blocks,
    redact_text,
    redact_tree,
)

if TYPE_CHECKING:
    from . import Context

ID = "plaintext-secret"
LEVEL = ERROR


def check(ctx: Context) -> Iterator[Problem]:
    from . import unique_docs

    yield from _comments(ctx)
    for obj in unique_docs(ctx.catalog):
        if not might_hold_secrets(obj.body, kind=obj.kind):
            continue
        _, findings = redact_tree(obj.body, kind=obj.kind)
        for finding in findings:
            line = finding.line or line_at(obj.body, finding.path, obj.line)
            if finding.reason == REASON_TOO_LARGE:
                yield Problem(
                    obj.path,
                    line,
                    1,
                    ID,
                    "warning",
                    f"{obj.kind} '{obj.name}': too large to scan for credentials",
                )
            elif finding.reason not in ENCRYPTED_REASONS:
                where = ".".join(str(p) for p in finding.path) or "(document)"
                yield Problem(
                    obj.path,
                    line,
                    1,
                    ID,
                    LEVEL,
                    f"{obj.kind} '{obj.name}': {where}: {finding.reason} in plaintext; "
                    "reference a Secret created out of band or encrypt it with SOPS",
                )


def _comments(ctx: Context) -> Iterator[Problem]:
    """Credentials pasted into YAML comments (the fast loader does not keep comments)."""
    root = Path(ctx.catalog.root)
    for path in sorted({o.path for o in ctx.catalog.objects if not o.generated}):
        try:
            text = (root / path).read_text("utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue
        lines = text.splitlines()
        blocks = redact_comment_blocks("\n".join(lines)).split("\n")
        for number, line in enumerate(lines, 1):
            comment = _comment(line)
            if comment and (redact_text(comment) != comment or blocks[number - 1] != line):
                yield Problem(path, number, len(line) - len(comment) + 1, ID, LEVEL,
                              "a comment holds what looks like a credential; remove it "
                              "(and rotate the credential)")


def _comment(line: str) -> str:
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

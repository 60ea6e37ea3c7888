"""plaintext-secret: no credential is written in Git in plaintext.

Fails: ``adminPassword: hunter2``, a Secret with ``data``/``stringData``, a PEM private key,
a token with a well-known prefix, ``https://user:pass@host``. Passes: references such as
``existingSecret: grafana-admin``, ``secretRef``, ``valuesFrom`` a Secret, ``${TOKEN}``
placeholders and SOPS-encrypted values (``ENC[...]``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..load import line_at
from ..model import ERROR, Problem
from ..redact import ENCRYPTED_REASONS, REASON_TOO_LARGE, redact_tree

if TYPE_CHECKING:
    from . import Context

ID = "plaintext-secret"
LEVEL = ERROR


def check(ctx: Context) -> Iterator[Problem]:
    from . import unique_docs

    for obj in unique_docs(ctx.catalog):
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

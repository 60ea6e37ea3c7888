"""plaintext-secret: no credential is written in Git in plaintext.

Fails: ``adminPassword: hunter2``, a Secret with ``data``/``stringData``, a PEM private key,
a token of a known format, ``https://user:pass@host``, a ``secretGenerator`` literal or env
file, a credential in a comment. Passes: references such as ``existingSecret: grafana-admin``,
``secretRef``, ExternalSecret ``secretKey``, ``${TOKEN}`` placeholders, ``op://`` references
and SOPS-encrypted values (``ENC[...]``).

Every finding points at the file and line where the value is written: a value a kustomize
patch brings in is reported in the patch, each hit of a block scalar on its own line.

Passes::

    apiVersion: helm.toolkit.fluxcd.io/v2
    kind: HelmRelease
    metadata:
      name: grafana
      namespace: flux-system
    spec:
      interval: 1h
      chartRef:
        kind: OCIRepository
        name: grafana
      values:
        admin:
          existingSecret: grafana-admin

Fails::

    apiVersion: helm.toolkit.fluxcd.io/v2
    kind: HelmRelease
    metadata:
      name: grafana
      namespace: flux-system
    spec:
      interval: 1h
      chartRef:
        kind: OCIRepository
        name: grafana
      values:
        adminPassword: changeme
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..model import ERROR
from ..positions import LineDict, LineList, line_at
from ..secrets import (
    ENCRYPTED_REASONS,
    REASON_TOO_LARGE,
    might_hold_secrets,
    redact_tree,
)
from ..secrets import Finding as SecretFinding
from ..secrets.memo import comment_findings, tree_findings
from .base import Finding, unique_docs
from .generators import generator_findings

if TYPE_CHECKING:
    from .base import RuleContext

ID = "plaintext-secret"
LEVEL = ERROR
_HINT = "reference a Secret created out of band or encrypt it with SOPS"


def check(ctx: RuleContext) -> Iterator[Finding]:
    """One problem per place that holds a credential (a patch seen from its Kustomization and
    from the object it patches is one finding; a comment after a value is another)."""
    seen: set[tuple[str, int, int]] = set()
    for problem in _check(ctx):
        if (problem.path, problem.line, problem.col) not in seen:
            seen.add((problem.path, problem.line, problem.col))
            yield problem


def _check(ctx: RuleContext) -> Iterator[Finding]:
    documents = ctx.catalog.documents
    lines = documents.lines
    yield from _comments(ctx, lines)
    patched_values: set[tuple[str, str]] = set()
    reported: set[tuple[str, int, str]] = set()
    for obj in unique_docs(ctx.catalog):
        for patch in getattr(obj, "patches", ()):
            for problem, value in _patch_findings(patch, lines):
                patched_values.add((obj.path, value))
                key = (problem.path, problem.line, problem.message)
                if key not in reported:
                    reported.add(key)
                    yield problem
    for obj in unique_docs(ctx.catalog):
        for finding in tree_findings(obj.body, kind=obj.kind):
            if obj.patches and (obj.path, str(_value_at(obj.body, finding.path))) in \
                    patched_values:
                continue  # reported where the patch writes it
            line = _line(finding, obj.body, obj.line, lines(obj.path))
            if finding.reason == REASON_TOO_LARGE:
                yield Finding(obj.path, line,
                              f"{obj.kind} '{obj.name}': too large to scan for credentials",
                              level="warning")
            elif finding.reason not in ENCRYPTED_REASONS:
                where = ".".join(str(p) for p in finding.path) or "(document)"
                yield Finding(obj.path, line,
                              f"{obj.kind} '{obj.name}': {where}: {finding.reason} in "
                              f"plaintext; {_HINT}")
    seen: set[tuple[str, int]] = set()
    for obj in ctx.catalog.objects:
        if obj.generated and obj.kind == "Secret" and (obj.path, obj.line) not in seen:
            seen.add((obj.path, obj.line))
            for path, line, message in generator_findings(documents, obj.path, obj.line,
                                                          obj.name):
                yield Finding(path, line, f"{message}; {_HINT}")


def _value_at(body: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        try:
            body = body[key]
        except (KeyError, IndexError, TypeError):
            return None
    return body


def _line(finding: SecretFinding, body: Any, default: int, text: tuple[str, ...]) -> int:
    """The line where the hit is written: the key's line, or a line inside a block scalar."""
    line = finding.line or line_at(body, finding.path, default)
    if finding.line is None and 0 < line <= len(text):
        written = text[line - 1].split("#", 1)[0].rstrip()
        if written.endswith(("|", "|-", "|+", ">", ">-", ">+")) or \
                written.rstrip("0123456789").endswith(("|", "|-", "|+")):
            return line + 1 + finding.offset
        return line + finding.offset
    return line


def _patch_findings(patch: Any, lines: Any) -> Iterator[tuple[Finding, str]]:
    body = getattr(patch, "body", None)
    source = getattr(patch, "source", "")
    if not isinstance(body, (dict, list)) or not source:
        return
    if not might_hold_secrets(body):
        return
    inline = not isinstance(body, (LineDict, LineList))
    for finding in redact_tree(body)[1]:
        if finding.reason in ENCRYPTED_REASONS or finding.reason == REASON_TOO_LARGE:
            continue
        if inline:
            # An inline patch (a string in a kustomization): lines count from the patch text.
            line = _inline_start(lines(source), patch.line) + (finding.line or 1) - 1
        else:
            line = _line(finding, body, patch.line, lines(source))
        where = ".".join(str(p) for p in finding.path) or "(document)"
        value = _value_at(body, finding.path)
        yield (Finding(source, line, f"patch: {where}: {finding.reason} in plaintext; {_HINT}"),
               str(value))


def _inline_start(text: tuple[str, ...], entry: int) -> int:
    """The first line of an inline patch's text: below ``patch: |`` at or after ``entry``."""
    for number in range(max(entry, 1), min(len(text), entry + 40) + 1):
        written = text[number - 1].split("#", 1)[0].rstrip()
        if written.lstrip("- ").startswith("patch:") and written.endswith(("|", "|-", ">")):
            return number + 1
    return entry


def _comments(ctx: RuleContext, lines: Any) -> Iterator[Finding]:
    """Credentials pasted into YAML comments (the fast loader does not keep comments)."""
    for path in sorted({o.path for o in ctx.catalog.objects if not o.generated}):
        text = lines(path)
        if not text:
            continue
        for number, col, count in comment_findings(text):
            what = "a credential" if count == 1 else f"{count} credentials"
            yield Finding(path, number, f"a comment holds what looks like {what}; remove it "
                          "(and rotate the credential)", col=col)

"""Tree redaction: a redacted copy of a YAML tree and a :class:`Finding` per hidden value.

Kubernetes-aware: a Secret's ``data``/``stringData`` is hidden whole, a top-level ``sops:``
block is encrypted metadata, and a value is judged by its key (:func:`.judge.judge`) only when
it is a scalar directly under that key. Inside annotations and labels, under references
(``secretKeyRef``, ``existingSecret``, ``*Ref``) and in objects that only *name* secrets
(ExternalSecret, PushSecret, SecretStore, ...) keys are not judged; every string is still
scanned for token formats and credential text (:func:`.text.scan`).
"""

from __future__ import annotations

import copy
import functools
from dataclasses import dataclass
from typing import Any

from ruamel.yaml.comments import CommentedSet, LineCol, TaggedScalar, merge_attrib
from ruamel.yaml.scalarstring import LiteralScalarString, ScalarString

from .copying import CopyMixin, Path, Work, empty_like, line_of, own_items, path_key
from .judge import (
    REASON_AWS_SECRET,
    REASON_HIGH_ENTROPY,
    credential_context,
    high_entropy,
    is_aws_secret,
    judge,
    judge_in_context,
    plain_key_material,
)
from .keys import names_a_secret
from .text import MARKER, REASON_SOPS_VALUE, SOPS_VALUE_RE, scan, secret_reason

REASON_SECRET_DATA = "Secret data"
REASON_SOPS_METADATA = "SOPS metadata"
REASON_TOO_LARGE = "too large"
#: Reasons that hide encrypted (not plaintext) material: ``check`` should not call these leaks.
ENCRYPTED_REASONS = frozenset({REASON_SOPS_METADATA, REASON_SOPS_VALUE})

ORDINARY, CREDENTIAL, NAMES = 0, 1, 2  # how keys below a node are judged
# Kinds that name Secrets (and keys in them) but hold no credential values of their own.
NAME_KINDS = frozenset({
    "ExternalSecret", "ClusterExternalSecret", "PushSecret", "SecretStore",
    "ClusterSecretStore", "SealedSecret", "Certificate", "ClusterIssuer", "Issuer",
    "OnePasswordItem", "VaultStaticSecret", "VaultDynamicSecret", "InfisicalSecret",
    "Bitwarden", "BitwardenSecret", "ClusterSecret", "SecretProviderClass", "Password",
})
_CONTAINERS = (dict, list, CommentedSet)
_SELECTOR_KEYS = frozenset({"name", "key", "optional", "namespace"})
_OPTION_HIDES = frozenset({
    "--password", "-p", "--passwd", "--token", "--api-key", "--apikey", "--secret",
    "--client-secret", "--auth-token", "--access-token", "--pass", "-password", "-token",
    "--requirepass",
})


@dataclass(frozen=True)
class Finding:
    """One hidden value: where it was (keys and indexes from the root) and why it was hidden.

    ``line`` is 1-based and absolute within the file when the tree carries positions (ruamel),
    else ``None``. ``offset`` counts lines from the value's start to the hit (a hit deep in a
    block scalar read by a loader that keeps no positions).
    """

    path: tuple[str | int, ...]
    line: int | None
    reason: str
    offset: int = 0


def _is_selector(node: Any) -> bool:
    """``{name: ..., key: ...}`` (a SecretKeySelector) or a Secret volume (``secretName``)."""
    if not isinstance(node, dict) or not node:
        return False
    keys = {k for k in node if isinstance(k, str)}
    if len(keys) != len(node):
        return False
    return (keys <= _SELECTOR_KEYS and "name" in keys) or "secretName" in keys


def _names_only(key: Any) -> bool:
    if not isinstance(key, str):
        return False
    lower = key.lower()
    return lower in ("annotations", "labels", "matchlabels", "selector", "headers") or \
        lower.endswith(("annotations", "labels")) or names_a_secret(key)


def _text_of(value: Any) -> str | None:
    if isinstance(value, TaggedScalar):
        value = value.value
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (str, int, float)):
        return str(value)
    return None


class _Redactor(CopyMixin):
    def __init__(self, kind: str | None, budget: int) -> None:
        self.kind = kind
        self.budget = budget
        self.visits = 0
        self.exhausted = False
        self.findings: list[Finding] = []
        self.memo: dict[tuple[int, int], Any] = {}
        self.levels: dict[int, set[int]] = {}
        self.pending: dict[int, list[tuple[Any, Any]]] = {}  # copy id -> slots holding it
        self.text_memo: dict[int, Any] = {}
        self.stack: list[Work] = []
        self.new_work: list[Work] = []
        self.merges: list[tuple[Any, Any, list[Any], Any]] = []

    # -- driver ------------------------------------------------------------------------------

    def run(self, root: Any) -> Any:
        lc = getattr(root, LineCol.attrib, None)
        line = lc.line + 1 if lc is not None and lc.line is not None else None
        level = NAMES if self.kind in NAME_KINDS else ORDINARY
        result = self.child(root, None, level, None, line, None, None)
        self.stack.extend(reversed(self.new_work))
        self.new_work = []
        while self.stack:
            if self.visits >= self.budget:
                self.exhaust(self.stack[-1])
                break
            work = self.stack.pop()
            self.pending.pop(id(work.copy), None)
            self.fill(work)
            self.stack.extend(reversed(self.new_work))
            self.new_work = []
            if self.exhausted:
                self.exhaust(None)
                break
        if id(result) in self.pending:
            result = MARKER
        self.finish_merges()
        self.clear_duplicate_anchors()
        self.findings = list(dict.fromkeys(self.findings))
        self.findings.sort(key=lambda f: (f.line is None, f.line or 0,
                                          tuple(str(p) for p in f.path)))
        return result

    def exhaust(self, first: Work | None) -> None:
        if first is not None:
            self.found(first.path, first.line, REASON_TOO_LARGE)
        for work in self.stack:
            for parent, slot in self.pending.get(id(work.copy), ()):
                parent[slot] = MARKER
        self.stack = []

    def found(self, path: Path, line: int | None, reason: str, offset: int = 0) -> None:
        keys: list[str | int] = []
        while path is not None:
            path, key = path
            keys.append(key)
        self.findings.append(Finding(tuple(reversed(keys)), line, reason, offset))

    # -- nodes -------------------------------------------------------------------------------

    def child(self, node: Any, mode: str | None, level: int, path: Path,
              line: int | None, parent: Any, slot: Any) -> Any:
        if isinstance(node, _CONTAINERS):
            key = (id(node), level)
            copied = self.memo.get(key)
            if copied is None:
                copied = empty_like(node)
                self.memo[key] = copied
                self.levels.setdefault(id(node), set()).add(level)
                self.pending[id(copied)] = []
                self.new_work.append(Work(node, copied, level, path, line))
            if parent is not None and id(copied) in self.pending:
                self.pending[id(copied)].append((parent, slot))
            return copied
        self.visits += 1
        return self.scalar(node, mode, path, line)

    def scalar(self, node: Any, mode: str | None, path: Path,
               line: int | None) -> Any:
        if node is None or isinstance(node, bool):
            return node
        if mode is not None:
            text = node.value if isinstance(node, TaggedScalar) else node
            if isinstance(text, (str, int, float, bytes)):
                self.found(path, line, mode)
                return MARKER
            return node
        if isinstance(node, str):
            return self.text_scalar(node, path, line)
        if isinstance(node, TaggedScalar) and isinstance(node.value, str):
            text = self.text_scalar(node.value, path, line)
            if text is node.value:
                return node
            tagged = copy.copy(node)
            tagged.value = str(text)
            return tagged
        if isinstance(node, bytes):
            try:
                reason = secret_reason(node.decode("utf-8"))
            except UnicodeDecodeError:
                reason = None
            if reason is not None:
                self.found(path, line, reason)
                return MARKER
        return node

    def text_scalar(self, node: str, path: Path, line: int | None) -> Any:
        if id(node) in self.text_memo:
            return self.text_memo[id(node)]
        text, hits = scan(str(node))
        if path is not None and path[1] == "patch" and "\n" in text and self.budget > 1000:
            text, more = embedded_patch(text, self.kind)
            hits = sorted(hits + more)
        comment = getattr(node, "comment", None)  # after `|` or `>`, also kept by the parent
        comment_hits: list[tuple[int, str]] = []
        if isinstance(comment, str):
            redacted_comment, comment_hits = scan(comment)
            if comment_hits:
                self.found(path, line, f"{comment_hits[0][1]} in a comment", comment_hits[0][0])
                comment = redacted_comment
        if not hits and not comment_hits:
            result: Any = node
        else:
            for newlines, reason in hits:
                at, offset = line, newlines
                if at is not None and isinstance(node, LiteralScalarString):
                    at, offset = at + 1 + newlines, 0  # a literal block starts below its key
                self.found(path, at, reason, offset)
            result = self.restyle(node, text, comment)
        self.text_memo[id(node)] = result
        return result

    @staticmethod
    def restyle(node: str, text: str, comment: Any) -> Any:
        if not isinstance(node, ScalarString):
            return text
        result = type(node)(text)
        if comment is not None:
            result.comment = comment  # type: ignore[attr-defined]
        anchor = node.yaml_anchor(any=True)
        if anchor is not None and anchor.value:
            result.yaml_set_anchor(anchor.value, always_dump=anchor.always_dump)
        return result

    def key(self, key: Any, path: Path, line: int | None, target: Any) -> Any:
        text = key if isinstance(key, str) else None
        if text is None and not isinstance(key, (int, float, bool, type(None))):
            text = str(key)
        if text is None:
            return key
        hits = scan(text)[1]
        if not hits:
            return key
        self.found(path, line, f"{hits[0][1]} in a key")
        new_key, n = MARKER, 1
        while new_key in target:
            n += 1
            new_key = f"{MARKER} {n}"
        return new_key

    # -- containers --------------------------------------------------------------------------

    def over_budget(self) -> bool:
        if self.visits >= self.budget:
            self.exhausted = True
        return self.exhausted

    def fill(self, work: Work) -> None:
        self.visits += 1
        orig, new = work.orig, work.copy
        if isinstance(orig, dict):
            self.fill_mapping(work)
        elif isinstance(orig, list):
            for index, item in enumerate(orig):
                path = (work.path, index)
                line = line_of(orig, index)
                if self.over_budget():
                    self.found(path, line, REASON_TOO_LARGE)
                    new.append(MARKER)
                    break
                mode = self.decide_item(orig, index, work.level)
                new.append(self.child(item, mode, work.level, path, line, new, index))
        else:  # CommentedSet
            for item in orig:
                if self.over_budget():
                    self.found(work.path, work.line, REASON_TOO_LARGE)
                    new.add(MARKER)
                    break
                self.visits += 1
                new.add(self.scalar(item, None, work.path, work.line))
        self.copy_attributes(work)

    def fill_mapping(self, work: Work) -> None:
        orig, new, level = work.orig, work.copy, work.level
        root = work.path is None
        secret_object = orig.get("kind") == "Secret" or (root and self.kind == "Secret")
        if orig.get("kind") in NAME_KINDS:
            level = NAMES
        env_name = orig.get("name") if "value" in orig else None
        access_key = level != NAMES and any(
            isinstance(v, str) and secret_reason(v) == "AWS access key" for v in orig.values())
        for key, value in own_items(orig):
            path = (work.path, path_key(key))
            line = line_of(orig, key)
            if self.over_budget():
                self.found(path, line, REASON_TOO_LARGE)
                new[MARKER] = MARKER
                break
            new_key = self.key(key, path, line, new)
            if root and key == "sops" and isinstance(value, dict):
                self.visits += 1
                self.found(path, line, REASON_SOPS_METADATA)
                new[new_key] = MARKER
            elif secret_object and key in ("data", "stringData"):
                new[new_key] = self.secret_data(value, path, line)
            else:
                mode, child_level = self.decide(key, value, level, env_name, access_key)
                new[new_key] = self.child(value, mode, child_level, path, line, new, new_key)
        self.merge_keys(work, level)

    @staticmethod
    def decide(key: Any, value: Any, level: int, env_name: Any,
               access_key: bool) -> tuple[str | None, int]:
        """How to treat ``value`` under ``key``: a reason to hide it (or None) and the level
        its children are judged at."""
        if level == NAMES or _names_only(key) or _is_selector(value):
            return None, NAMES
        if not isinstance(key, str):
            return None, level
        if isinstance(value, _CONTAINERS):
            return None, CREDENTIAL if credential_context(key) or level == CREDENTIAL \
                else ORDINARY
        text = _text_of(value)
        if text is None:
            return None, level
        if isinstance(value, str) and SOPS_VALUE_RE.match(text.strip()):
            return None, level  # scanned as text: an encrypted value, not plaintext
        reason = judge(key, text)
        if reason is None and key == "value" and isinstance(env_name, str):
            reason = judge(env_name, text)
        if reason is None and level == CREDENTIAL and env_name is None:
            reason = judge_in_context(key, text)
        if reason is None and access_key and (
                is_aws_secret(text) or high_entropy(text) and len(text) >= 20):
            reason = REASON_AWS_SECRET
        if reason is None:
            reason = plain_key_material(key, text)
        return reason, level

    @staticmethod
    def decide_item(items: list[Any], index: int, level: int) -> str | None:
        """A list item: the value after ``--password``; random text in a credential list."""
        text = _text_of(items[index])
        if text is None or level == NAMES:
            return None
        before = items[index - 1] if index else None
        if isinstance(before, str) and before.strip().lower() in _OPTION_HIDES:
            return judge("password", text)
        if level == CREDENTIAL and high_entropy(text) and len(text) >= 20:
            return REASON_HIGH_ENTROPY
        return None

    def merge_keys(self, work: Work, level: int) -> None:
        orig, new = work.orig, work.copy
        merge = getattr(orig, merge_attrib, None)
        if merge:
            bases = [m[1] if isinstance(m, tuple) else m for m in merge]
            path = (work.path, "<<")
            copies = [self.child(b, None, level, path, work.line, None, None) for b in bases]
            sequence = getattr(merge, "sequence", None)
            seq_copy = (self.child(sequence, None, level, path, work.line, None, None)
                        if sequence is not None else None)
            self.merges.append((new, merge, copies, seq_copy))

    def secret_data(self, value: Any, path: Path, line: int | None) -> Any:
        self.visits += 1
        if not isinstance(value, dict):
            if value is None:
                return None
            self.found(path, line, REASON_SECRET_DATA)
            return MARKER
        hidden = empty_like(value)
        for key, item in own_items(value):
            item_path = (path, path_key(key))
            item_line = line_of(value, key)
            self.visits += 1
            sops = isinstance(item, str) and SOPS_VALUE_RE.match(item.strip()) is not None
            if item is None or (isinstance(item, str) and not item.strip()):
                hidden[self.key(key, item_path, item_line, hidden)] = item
                continue
            self.found(item_path, item_line, REASON_SOPS_VALUE if sops else REASON_SECRET_DATA)
            hidden[self.key(key, item_path, item_line, hidden)] = MARKER
        self.copy_attributes(Work(value, hidden, 0, path, line))
        return hidden


def embedded_patch(text: str, kind: str | None) -> tuple[str, list[tuple[int, str]]]:
    """A patch written as a string (Flux ``spec.patches``, ``postRenderers``, inline kustomize
    patches): the values its YAML judges secret, replaced in the text, with their lines."""
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    try:
        docs = [d for d in YAML(typ="rt").load_all(text) if d is not None]
    except (YAMLError, ValueError, TypeError, RecursionError):
        return text, []
    hits: list[tuple[int, str]] = []
    for doc in docs:
        for finding in redact_tree(doc, kind=kind, budget=1000)[1]:
            value: Any = doc
            for key in finding.path:
                try:
                    value = value[key]
                except (KeyError, IndexError, TypeError):
                    value = None
                    break
            if finding.reason in ENCRYPTED_REASONS or not isinstance(value, (str, int, float)):
                continue
            written = str(value)
            if written and written in text and written != MARKER:
                text = text.replace(written, MARKER)
                hits.append(((finding.line or 1) - 1 + finding.offset, finding.reason))
    return text, hits


def redact_tree(node: Any, *, kind: str | None = None,
                budget: int = 200_000) -> tuple[Any, list[Finding]]:
    """A redacted copy of a YAML tree and the list of what was hidden.

    ``node`` is a ruamel.yaml round-trip tree or plain ``dict``/``list``; it is never modified.
    The copy keeps key order, comments, styles, anchors and ruamel line information. Hidden
    values become :data:`MARKER`. Shared nodes (YAML aliases) are visited once and stay shared,
    so an alias bomb costs linear work. After ``budget`` visited nodes the walk stops: what was
    not visited becomes the marker and a ``"too large"`` finding is added.
    """
    redactor = _Redactor(kind, budget)
    result = redactor.run(node)
    return result, redactor.findings

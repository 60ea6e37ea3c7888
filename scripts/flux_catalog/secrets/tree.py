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
from dataclasses import dataclass
from typing import Any

from ruamel.yaml.comments import LineCol, TaggedScalar, merge_attrib
from ruamel.yaml.scalarstring import LiteralScalarString, ScalarString

from .copying import CopyMixin, Path, Work, empty_like, line_of, own_items, path_key
from .embedded import embedded_patch
from .kube import CONTAINERS, NAME_KINDS, NAMES, ORDINARY, decide, decide_item
from .text import MARKER, REASON_SOPS_VALUE, SOPS_VALUE_RE, scan, secret_reason

REASON_SECRET_DATA = "Secret data"
REASON_SOPS_METADATA = "SOPS metadata"
REASON_TOO_LARGE = "too large"
#: Reasons that hide encrypted (not plaintext) material: ``check`` should not call these leaks.
ENCRYPTED_REASONS = frozenset({REASON_SOPS_METADATA, REASON_SOPS_VALUE})


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
        if isinstance(node, CONTAINERS):
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
            text, more = embedded_patch(text, self.kind, redact_tree)
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
                mode = decide_item(orig, index, work.level)
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
            isinstance(v, str) and ("AKIA" in v or "ASIA" in v)
            and secret_reason(v) == "AWS access key" for v in orig.values())
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
                mode, child_level = decide(key, value, level, env_name, access_key)
                new[new_key] = self.child(value, mode, child_level, path, line, new, new_key)
        self.merge_keys(work, level)

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

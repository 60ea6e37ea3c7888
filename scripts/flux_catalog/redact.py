"""Redaction of credentials before anything is rendered or exported.

Three public entry points:

- :func:`is_secret_key` says whether a mapping key names a credential;
- :func:`secret_reason` / :func:`redact_text` find credential-looking text anywhere (values,
  descriptions, comments, URLs);
- :func:`redact_tree` returns a redacted copy of a YAML tree (ruamel.yaml round-trip nodes or plain
  ``dict``/``list``) together with a :class:`Finding` for every value it hid.

Whatever is hidden becomes :data:`MARKER`; the original never reaches the output.
"""

from __future__ import annotations

import base64
import binascii
import copy
import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from ruamel.yaml.anchor import Anchor
from ruamel.yaml.comments import (
    Comment,
    CommentedMap,
    CommentedSeq,
    CommentedSet,
    Format,
    LineCol,
    TaggedScalar,
    merge_attrib,
)
from ruamel.yaml.scalarstring import LiteralScalarString, ScalarString
from ruamel.yaml.tag import Tag
from ruamel.yaml.tokens import CommentToken

__all__ = [
    "ENCRYPTED_REASONS",
    "MARKER",
    "REASON_CREDENTIAL_KEY",
    "REASON_SECRET_DATA",
    "REASON_SOPS_METADATA",
    "REASON_SOPS_VALUE",
    "REASON_TOO_LARGE",
    "Finding",
    "is_secret_key",
    "redact_text",
    "redact_tree",
    "secret_reason",
]

MARKER = "••• приховано •••"

REASON_CREDENTIAL_KEY = "value under a credential key"
REASON_SECRET_DATA = "Secret data"
REASON_SOPS_METADATA = "SOPS metadata"
REASON_SOPS_VALUE = "SOPS-encrypted value"
REASON_TOO_LARGE = "too large"
#: Reasons that hide encrypted (not plaintext) material: ``check`` should not call these leaks.
ENCRYPTED_REASONS = frozenset({REASON_SOPS_METADATA, REASON_SOPS_VALUE})


@dataclass(frozen=True)
class Finding:
    """One hidden value: where it was (keys and indexes from the root) and why it was hidden.

    ``line`` is 1-based and absolute within the file (ruamel counts lines from the start of a
    multi-document stream); ``None`` when the tree carries no position (plain ``dict``/``list``).
    """

    path: tuple[str | int, ...]
    line: int | None
    reason: str


# --------------------------------------------------------------------------------------------
# Keys
# --------------------------------------------------------------------------------------------

_WORD_RE = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+")
_SECRET_NORM_RE = re.compile(
    r"passw(?:or)?d|passphrase|secret|token(?!i[sz])|apikey|privatekey|credential|bearer"
    r"|accesskey|authkey|signingkey|encryptionkey|masterkey|sessionkey|licensekey"
    r"|connectionstring|connstring"
)
# Words that name a credential only as the last word: `basicAuth`, `smtp_pass`, `sentryDsn`.
_SECRET_LAST = frozenset({"pwd", "pw", "pass", "auth", "authorization", "creds", "dsn", "pat"})
# Last words that make a key a *reference* to a secret: its value is a name, a path, a selector.
_REFERENCE_LAST = frozenset({
    "ref", "refs", "reference", "references", "name", "names", "file", "files", "filename",
    "path", "paths", "dir", "directory", "mount", "mounts", "selector", "from", "env", "envvar",
    "var", "vars", "variable", "volume", "volumes", "template", "templates", "namespace",
    "store", "provider", "providers", "manager", "class", "annotations", "labels", "source",
    "sources", "envs",
})
# Last words that make a key a *setting about* credentials, or an identity that is not secret.
_SETTING_LAST = frozenset({
    "enabled", "enable", "disabled", "disable", "required", "optional", "type", "types", "mode",
    "modes", "method", "methods", "policy", "policies", "algorithm", "algorithms", "algo",
    "strategy", "format", "length", "len", "size", "min", "max", "minimum", "maximum", "count",
    "ttl", "expiry", "expiration", "expires", "lifetime", "duration", "seconds", "minutes",
    "hours", "days", "interval", "timeout", "age", "rotation", "version", "versions", "url",
    "urls", "uri", "uris", "endpoint", "endpoints", "issuer", "issuers", "audience",
    "audiences", "scope", "scopes", "realm", "kind",
    # identities and places: shown even inside a credential mapping
    "user", "username", "users", "usernames", "login", "email", "host", "hostname", "hosts",
    "port", "database", "db", "server", "servers", "region",
})
# `<word>Key` / `<word>SecretKey` where <word> is one of these names the key *inside* a Secret.
_NAMED_CREDENTIALS = frozenset({
    "password", "passwd", "pwd", "pass", "passphrase", "token", "user", "username", "login",
    "value", "values", "data",
})
_PASSWORD_WORDS = frozenset({"password", "passwd", "pwd", "passphrase"})

_SECRET, _REFERENCE, _SETTING, _PLAIN = "secret", "reference", "setting", "plain"


def _words(key: str) -> tuple[str, ...]:
    return tuple(w.lower() for w in _WORD_RE.findall(key.replace("OAuth", "Oauth")))


def _is_reference(words: tuple[str, ...], norm: str) -> bool:
    if words[0] == "existing" or words[-1] in _REFERENCE_LAST:
        return True
    if norm.endswith(("pullsecret", "pullsecrets")):
        return True
    if len(words) >= 2 and words[-1] in ("key", "keys"):
        rest = list(words[:-1])
        while rest and rest[-1] in ("secret", "secrets"):
            rest.pop()
        if rest and rest[-1] in _NAMED_CREDENTIALS:
            return True
    return len(words) >= 2 and words[-1] in ("secret", "secrets") and words[-2] in _PASSWORD_WORDS


@functools.lru_cache(maxsize=8192)
def _classify(key: str) -> str:
    words = _words(key)
    if not words:
        return _PLAIN
    norm = "".join(words)
    if _is_reference(words, norm):
        return _REFERENCE
    if words[-1] in _SETTING_LAST:
        return _SETTING
    if (
        _SECRET_NORM_RE.search(norm)
        or words[-1] in _SECRET_LAST
        or (norm.endswith("auth") and not norm.endswith("oauth"))
        or norm.endswith(("pwd", "creds", "dsn"))
    ):
        return _SECRET
    return _PLAIN


def is_secret_key(key: object) -> bool:
    """Whether a mapping key names a credential, so that a string value under it is hidden.

    The key is split into words at separators (``_ - . /`` and spaces) and at camelCase
    boundaries, and compared case-insensitively. It names a credential when its words contain
    *password, passwd, passphrase, secret, token, apikey, privatekey, credential, bearer,
    accesskey, authkey, signingkey, encryptionkey, masterkey, sessionkey, licensekey,
    connectionstring* anywhere, or end in *pwd, pw, pass, auth, authorization, creds, dsn, pat*.

    It does **not** name a credential (its value is shown) when it is

    - a reference to a secret: it starts with *existing*, or ends in *ref, name, file, path,
      selector, from, env, volume, template, namespace, store, provider* (and plurals), or is an
      image pull secret list, or names the key inside a Secret (``passwordKey``,
      ``passwordSecretKey``, ``userKey``, ``passwordSecret``);
    - a setting or an identity: it ends in *enabled, type, mode, method, policy, algorithm,
      format, length, min, max, ttl, expiry, interval, timeout, url, endpoint, issuer, scope,
      user, username, email, host, port, database, region* and the like.

    Passing (secret) examples: ``password``, ``adminPassword``, ``DB_PASSWORD``, ``passwd``,
    ``pwd``, ``secret``, ``client-secret``, ``clientSecret``, ``token``, ``accessToken``,
    ``apikey``, ``api_key``, ``api-key``, ``apiKey``, ``private key``, ``privateKey``,
    ``credentials``, ``auth``, ``basicAuth``, ``bearer``, ``accessKey``, ``secretKey``,
    ``awsSecretKey``, ``connectionString``, ``dsn``, ``authKey``.

    Failing (not secret) examples: ``secretRef``, ``secretKeyRef``, ``existingSecret``,
    ``secretName``, ``secret.name``, ``tokenSecretRef``, ``passwordSecretKey``, ``passwordKey``,
    ``passwordFile``, ``imagePullSecrets``, ``author``, ``tokenizer``, ``oauth2_enabled``,
    ``authType``, ``passwordLength``, ``tokenUrl``, ``username``, ``key``.

    Only the *name* is judged here; :func:`redact_tree` hides strings (and numbers) under a secret
    key, never booleans or nulls, and never ``${VAR}`` placeholders or ``{{ }}`` templates.
    """
    return isinstance(key, str) and _classify(key) == _SECRET


# --------------------------------------------------------------------------------------------
# Text
# --------------------------------------------------------------------------------------------

# ${VAR} (Flux postBuild), $(VAR) (Kubernetes env), {{ ... }} (templates) and a shell
# variable in capitals written alone, e.g. `--from-literal=token="$TELE_TOKEN"` in a README.
_PLACEHOLDER_RE = re.compile(
    r"\$\{[^{}\n]*\}|\$\([A-Za-z_][A-Za-z0-9_]*\)|\{\{.*?\}\}|^\$[A-Z_][A-Z0-9_]*$", re.S)
_ALNUM_RE = re.compile(r"[^\W_]")


def _is_placeholder(text: str) -> bool:
    """``${VAR}``, ``$(VAR)``, ``{{ ... }}`` or a lone ``$VAR``, with nothing secret around."""
    if "$" not in text and "{{" not in text:
        return False
    rest = _PLACEHOLDER_RE.sub("", text)
    return rest != text and not _ALNUM_RE.search(rest)


_Span = Callable[["re.Match[str]"], "tuple[int, int] | None"]


def _whole(match: re.Match[str]) -> tuple[int, int] | None:
    return match.span()


def _group(n: int | str) -> _Span:
    def span(match: re.Match[str]) -> tuple[int, int] | None:
        value = match.group(n)
        if not value or _is_placeholder(value) or MARKER in value:
            return None
        return match.span(n)

    return span


def _mixed_case_digits(match: re.Match[str]) -> tuple[int, int] | None:
    body = match.group(0)[3:]
    has = (any(c.isupper() for c in body), any(c.islower() for c in body),
           any(c.isdigit() for c in body))
    return match.span() if all(has) else None


def _basic_auth(match: re.Match[str]) -> tuple[int, int] | None:
    try:
        decoded = base64.b64decode(match.group(1), validate=True)
    except (binascii.Error, ValueError):
        return None
    return match.span(1) if b":" in decoded else None


def _base64_private_key(match: re.Match[str]) -> tuple[int, int] | None:
    text = match.group(0)
    try:
        decoded = base64.b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        return None
    return match.span() if b"PRIVATE KEY" in decoded else None


_BLOCK_INDICATORS = frozenset({"|", ">", "|-", ">-", "|+", ">+", "null", "~", "none", "nil"})


_VALUE_END_RE = re.compile(r"[\n,;&]")
_VALUE_MAX = 4096  # a value is looked for this far, so that a scan stays linear


_PROSE_WORDS = frozenset({
    "a", "an", "the", "see", "in", "is", "are", "from", "to", "of", "for", "by", "with", "use",
    "set", "stored", "kept", "created", "read", "taken", "not", "no", "none", "and", "or",
})


def _is_prose(value: str) -> bool:
    """Several words with Cyrillic letters or English function words: a sentence, not a
    passphrase (``correct horse battery staple`` stays a credential)."""
    words = value.split()
    if len(words) < 2:
        return False
    return bool(re.search(r"[\u0400-\u04FF]", value)) or any(
        w.lower().strip(".,;:()") in _PROSE_WORDS for w in words)


def _assignment(match: re.Match[str]) -> tuple[int, int] | None:
    """The value after ``key:``/``key=`` when the key names a credential.

    The pattern consumes only the key and the separator, and the value is measured here, only
    for credential keys and within :data:`_VALUE_MAX` characters: a key that is not one
    (``https:``) cannot hide a later one (``?token=...``), and the scan stays linear. An unquoted
    value ends at a newline, ``,``, ``;``, ``&``, a `` #`` comment or an earlier marker.
    """
    if not is_secret_key(match.group("key").strip("-.")):
        return None
    text, start = match.string, match.end()
    limit = min(len(text), start + _VALUE_MAX)
    quote = text[start:start + 1]
    close = text.find(quote, start + 1, limit) if quote in ("\"", "'") else -1
    if close >= 0 and text.find("\n", start + 1, close) < 0:
        start, end = start + 1, close
    else:
        stop = _VALUE_END_RE.search(text, start, limit)
        end = stop.start() if stop else limit
        for cut in (" #", "\t#", MARKER):
            found = text.find(cut, start, end)
            if found >= 0:
                end = found
        while end > start and text[end - 1] in " \t":
            end -= 1
    value = text[start:end]
    key = match.group("key")
    if close < 0:
        if match.group(0).rstrip(" \t").endswith("="):
            # shell and query style (`PASSWORD=x next`): the value ends at whitespace
            space = re.search(r"\s", value)
            if space:
                end = start + space.start()
                value = text[start:end]
        elif _is_prose(value):
            return None  # "password: see the vault", "external-secrets: керує секретами"
        if "." in key and value.isdigit():
            return None  # host:port ("loki.secrets.svc:3100")
    if (
        not value.strip()
        or value.strip().lower() in _BLOCK_INDICATORS
        or value[0] in "*&{[!`#\"'"
        or _is_placeholder(value)
        or MARKER in value
    ):
        return None
    return start, end


@dataclass(frozen=True)
class _Rule:
    reason: str
    pattern: re.Pattern[str]
    span: _Span = _whole


_SOPS_VALUE_RE = re.compile(
    r"ENC\[[A-Z0-9_]+,data:[A-Za-z0-9+/=]*(?:,[a-z]+:[A-Za-z0-9+/=]*)*\]?")

_RULES: tuple[_Rule, ...] = (
    _Rule(REASON_SOPS_VALUE, _SOPS_VALUE_RE),
    # base64 of "-----BEGIN ... PRIVATE KEY-----" (a kubernetes.io/tls Secret's tls.key)
    _Rule("private key (base64)", re.compile(r"LS0tLS1CRUdJTi[A-Za-z0-9+/]{8,}={0,2}"),
          _base64_private_key),
    _Rule("password in a URL", re.compile(
        r"(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{0,31}://[^\s:/?#@\[\]]{0,256}:"
        r"([^\s/?#@]{1,256})@"), _group(1)),
    _Rule("age secret key", re.compile(r"AGE-SECRET-KEY-1[0-9A-Z]{20,}")),
    _Rule("GitHub token", re.compile(
        r"(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})")),
    _Rule("GitLab token", re.compile(r"(?<![A-Za-z0-9_-])glpat-[A-Za-z0-9_-]{20,}")),
    _Rule("Slack token", re.compile(r"(?<![A-Za-z0-9])xox[abposr]-[A-Za-z0-9-]{10,}")),
    _Rule("webhook URL", re.compile(
        r"(?:hooks\.slack\.com/(?:services|workflows|triggers)"
        r"|discord(?:app)?\.com/api/webhooks)/([A-Za-z0-9/_-]+)"), _group(1)),
    _Rule("AWS access key", re.compile(r"(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])")),
    _Rule("Google API key", re.compile(r"(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}")),
    _Rule("Stripe key", re.compile(r"(?<![A-Za-z0-9_])[sr]k_(?:live|test)_[0-9A-Za-z]{16,}")),
    _Rule("Telegram bot token", re.compile(
        r"(?<![0-9])[0-9]{8,10}:[A-Za-z0-9_-]{35}(?![A-Za-z0-9_-])")),
    _Rule("API key", re.compile(r"(?<![A-Za-z0-9_-])sk-[A-Za-z0-9_-]{20,}"), _mixed_case_digits),
    _Rule("npm token", re.compile(r"(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}")),
    _Rule("JWT", re.compile(
        r"(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*")),
    _Rule("bearer token", re.compile(
        r"(?<![A-Za-z0-9])(?i:bearer)[ \t]+([A-Za-z0-9._~+/-]{16,}=*)"), _group(1)),
    _Rule("basic auth", re.compile(
        r"(?<![A-Za-z0-9])(?i:basic)[ \t]+([A-Za-z0-9+/]{8,}={0,2})(?![A-Za-z0-9+/=])"),
        _basic_auth),
    _Rule("credential assignment", re.compile(
        r"(?<![A-Za-z0-9_./@])(?P<key>[A-Za-z_][A-Za-z0-9_.-]{0,127})[\"']?[ \t]*[:=][ \t]*"),
        _assignment),
    # Last: the only rule that swallows newlines, so line numbers of earlier hits stay exact.
    _Rule("private key", re.compile(
        r"-----BEGIN[A-Z0-9 ]{0,40}PRIVATE KEY[A-Z ]{0,20}-----.*?"
        r"(?:-----END[A-Z0-9 ]{0,40}PRIVATE KEY[A-Z ]{0,20}-----|\Z)", re.S)),
)

# Cheap filter: text without any of these cannot match a rule.
_PREFILTER = re.compile(
    r"[:=@]|LS0tLS1CRUdJTi|ENC\[|AGE-SECRET|gh[pousr]_|github_pat_|glpat-|xox|AKIA|ASIA|AIza"
    r"|_live_|_test_|sk-|npm_|eyJ|(?i:bearer|basic)|PRIVATE KEY|hooks\.slack|discord"
)


def _scan(text: str) -> tuple[str, list[tuple[int, str]]]:
    """Redacted text and ``(newlines before the hit, reason)`` for every hit, in rule order."""
    if not _PREFILTER.search(text):
        return text, []
    hits: list[tuple[int, str]] = []
    for rule in _RULES:
        parts: list[str] = []
        last = counted = newlines = 0
        for match in rule.pattern.finditer(text):
            if match.start() < last:
                continue  # inside a value already hidden
            span = rule.span(match)
            if span is None or span[0] < last:
                continue
            start, end = span
            parts += (text[last:start], MARKER)
            last = end
            newlines += text.count("\n", counted, start)
            counted = start
            hits.append((newlines, rule.reason))
        if parts:
            parts.append(text[last:])
            text = "".join(parts)
    return text, hits


# Both are pure functions of a string, and manifests repeat their strings (image names, URLs,
# helm-docs comments) across releases and clusters.
@functools.lru_cache(maxsize=65_536)
def secret_reason(value: str) -> str | None:
    """Why ``value`` looks like (or contains) a credential, or ``None``.

    Recognised: PEM private key blocks, JWTs, ``scheme://user:password@host``, GitHub
    (``ghp_``/``gho_``/``ghu_``/``ghs_``/``ghr_``/``github_pat_``), GitLab (``glpat-``), Slack
    (``xox[abposr]-`` and webhook URLs), Discord webhook URLs, AWS (``AKIA``/``ASIA``), Google
    (``AIza``), Stripe (``sk_live_``...), Telegram bot tokens, OpenAI-style ``sk-`` keys, npm
    tokens, age secret keys, SOPS ``ENC[...]`` values, ``Bearer``/``Basic`` credentials, and
    assignments such as ``password=...`` or ``"apiKey": "..."`` whose key :func:`is_secret_key`.
    ``${VAR}``, ``$(VAR)`` and ``{{ ... }}`` are never secrets.
    """
    if not isinstance(value, str) or _is_placeholder(value):
        return None
    hits = _scan(value)[1]
    return hits[0][1] if hits else None


@functools.lru_cache(maxsize=65_536)
def redact_text(text: str) -> str:
    """``text`` with every credential-looking substring (see :func:`secret_reason`) replaced by
    :data:`MARKER`; in URLs only the password is replaced: ``https://user:MARKER@host``."""
    return _scan(text)[0]


# --------------------------------------------------------------------------------------------
# Trees
# --------------------------------------------------------------------------------------------

_TEXT, _HIDE = 0, 1  # how a scalar is treated: scan its text, or hide it
_CONTAINERS = (dict, list, CommentedSet)
_SELECTOR_KEYS = frozenset({"name", "key", "optional", "namespace"})


# A path is a linked list `(parent, key)` built in O(1) per level (deep trees stay linear) and
# turned into a tuple only for a finding.
_Path = tuple[Any, str | int] | None


@dataclass
class _Work:
    orig: Any
    copy: Any
    level: int  # 0: ordinary; 1: inside a mapping or list under a credential key
    path: _Path
    line: int | None


def _path_key(key: object) -> str | int:
    """A path element: the key itself, or the marker when the key looks like a credential."""
    if isinstance(key, int) and not isinstance(key, bool):
        return int(key)
    text = str(key)
    return MARKER if _scan(text)[1] else text


def _line_of(container: Any, key: Any) -> int | None:
    lc = getattr(container, LineCol.attrib, None)
    data = getattr(lc, "data", None)
    if not data:
        return None
    entry = data.get(key)
    return entry[0] + 1 if entry else None


def _own_items(mapping: Any) -> Iterator[tuple[Any, Any]]:
    if isinstance(mapping, CommentedMap):
        yield from mapping.non_merged_items()
    else:
        yield from mapping.items()


def _empty_like(node: Any) -> Any:
    if isinstance(node, (CommentedMap, CommentedSeq, CommentedSet)):
        return type(node)()
    if isinstance(node, dict):
        return {}
    if isinstance(node, list):
        return []
    return type(node)()


def _is_selector(node: Any) -> bool:
    """``{name: ..., key: ...}`` (a SecretKeySelector) or a Secret volume (``secretName``)."""
    if not isinstance(node, dict) or not node:
        return False
    keys = {k for k in node if isinstance(k, str)}
    if len(keys) != len(node):
        return False
    # A selector names its Secret: `{key: hunter3}` alone under `credentials:` is a value.
    return (keys <= _SELECTOR_KEYS and "name" in keys) or "secretName" in keys


class _Redactor:
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
        self.stack: list[_Work] = []
        self.new_work: list[_Work] = []
        self.merges: list[tuple[Any, Any, list[Any], Any]] = []

    # -- driver ------------------------------------------------------------------------------

    def run(self, root: Any) -> Any:
        lc = getattr(root, LineCol.attrib, None)
        line = lc.line + 1 if lc is not None and lc.line is not None else None
        result = self.child(root, _TEXT, 0, None, line, None, None)
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

    def exhaust(self, first: _Work | None) -> None:
        if first is not None:
            self.found(first.path, first.line, REASON_TOO_LARGE)
        for work in self.stack:
            for parent, slot in self.pending.get(id(work.copy), ()):
                parent[slot] = MARKER
        self.stack = []

    def found(self, path: _Path, line: int | None, reason: str) -> None:
        keys: list[str | int] = []
        while path is not None:
            path, key = path
            keys.append(key)
        self.findings.append(Finding(tuple(reversed(keys)), line, reason))

    # -- nodes -------------------------------------------------------------------------------

    def child(self, node: Any, mode: int, level: int, path: _Path,
              line: int | None, parent: Any, slot: Any) -> Any:
        if isinstance(node, _CONTAINERS):
            key = (id(node), level)
            copied = self.memo.get(key)
            if copied is None:
                copied = _empty_like(node)
                self.memo[key] = copied
                self.levels.setdefault(id(node), set()).add(level)
                self.pending[id(copied)] = []
                self.new_work.append(_Work(node, copied, level, path, line))
            if parent is not None and id(copied) in self.pending:
                self.pending[id(copied)].append((parent, slot))
            return copied
        self.visits += 1
        return self.scalar(node, mode, path, line)

    def scalar(self, node: Any, mode: int, path: _Path,
               line: int | None) -> Any:
        if node is None or isinstance(node, bool):
            return node
        if mode == _HIDE:
            text = node.value if isinstance(node, TaggedScalar) else node
            if isinstance(text, str):
                if not text.strip() or _is_placeholder(text):
                    return node
                sops = _SOPS_VALUE_RE.match(text.strip()) is not None
                self.found(path, line, REASON_SOPS_VALUE if sops else REASON_CREDENTIAL_KEY)
                return MARKER
            if isinstance(text, (int, float, bytes)):
                self.found(path, line, REASON_CREDENTIAL_KEY)
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

    def text_scalar(self, node: str, path: _Path, line: int | None) -> Any:
        if id(node) in self.text_memo:
            return self.text_memo[id(node)]
        text, hits = _scan(str(node))
        comment = getattr(node, "comment", None)  # after `|` or `>`, also kept by the parent
        comment_hits: list[tuple[int, str]] = []
        if isinstance(comment, str):
            redacted_comment, comment_hits = _scan(comment)
            if comment_hits:
                self.found(path, line, f"{comment_hits[0][1]} in a comment")
                comment = redacted_comment
        if not hits and not comment_hits:
            result: Any = node
        else:
            if hits:
                at = line
                if at is not None and isinstance(node, LiteralScalarString):
                    at += 1 + hits[0][0]  # a literal block starts below its key, line by line
                self.found(path, at, hits[0][1])
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

    def key(self, key: Any, path: _Path, line: int | None, target: Any) -> Any:
        text = key if isinstance(key, str) else None
        if text is None and not isinstance(key, (int, float, bool, type(None))):
            text = str(key)
        if text is None:
            return key
        hits = _scan(text)[1]
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

    def fill(self, work: _Work) -> None:
        self.visits += 1
        orig, new = work.orig, work.copy
        if isinstance(orig, dict):
            self.fill_mapping(work)
        elif isinstance(orig, list):
            for index, item in enumerate(orig):
                path = (work.path, index)
                line = _line_of(orig, index)
                if self.over_budget():
                    self.found(path, line, REASON_TOO_LARGE)
                    new.append(MARKER)
                    break
                mode = _HIDE if work.level else _TEXT
                new.append(self.child(item, mode, work.level, path, line, new, index))
        else:  # CommentedSet
            for item in orig:
                if self.over_budget():
                    self.found(work.path, work.line, REASON_TOO_LARGE)
                    new.add(MARKER)
                    break
                self.visits += 1
                new.add(self.scalar(item, _HIDE if work.level else _TEXT, work.path, work.line))
        self.copy_attributes(work)

    def fill_mapping(self, work: _Work) -> None:
        orig, new, level = work.orig, work.copy, work.level
        root = work.path is None
        secret_object = orig.get("kind") == "Secret" or (root and self.kind == "Secret")
        env_name = orig.get("name") if "value" in orig else None
        for key, value in _own_items(orig):
            path = (work.path, _path_key(key))
            line = _line_of(orig, key)
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
                mode, child_level = self.decide(key, value, level, env_name)
                new[new_key] = self.child(value, mode, child_level, path, line, new, new_key)
        merge = getattr(orig, merge_attrib, None)
        if merge:
            bases = [m[1] if isinstance(m, tuple) else m for m in merge]
            path = (work.path, "<<")
            copies = [self.child(b, _TEXT, level, path, work.line, None, None) for b in bases]
            sequence = getattr(merge, "sequence", None)
            seq_copy = (self.child(sequence, _TEXT, level, path, work.line, None, None)
                        if sequence is not None else None)
            self.merges.append((new, merge, copies, seq_copy))

    @staticmethod
    def decide(key: Any, value: Any, level: int, env_name: Any) -> tuple[int, int]:
        cls = _classify(key) if isinstance(key, str) else _PLAIN
        if level:
            if cls == _REFERENCE:
                return _TEXT, 0
            if cls == _SETTING:
                return _TEXT, 1
        elif cls != _SECRET and not (
            key == "value" and isinstance(env_name, str) and is_secret_key(env_name)
        ):
            return _TEXT, 0
        if _is_selector(value):
            return _TEXT, 0
        if level and cls != _SECRET and isinstance(value, (int, float)):
            return _TEXT, 1  # numbers are hidden only directly under a credential key
        return _HIDE, 1

    def secret_data(self, value: Any, path: _Path, line: int | None) -> Any:
        self.visits += 1
        if not isinstance(value, dict):
            if value is None:
                return None
            self.found(path, line, REASON_SECRET_DATA)
            return MARKER
        hidden = _empty_like(value)
        for key, item in _own_items(value):
            item_path = (path, _path_key(key))
            item_line = _line_of(value, key)
            self.visits += 1
            sops = isinstance(item, str) and _SOPS_VALUE_RE.match(item.strip()) is not None
            self.found(item_path, item_line, REASON_SOPS_VALUE if sops else REASON_SECRET_DATA)
            hidden[self.key(key, item_path, item_line, hidden)] = MARKER
        self.copy_attributes(_Work(value, hidden, 0, path, line))
        return hidden

    def copy_attributes(self, work: _Work) -> None:
        orig, new = work.orig, work.copy
        for attrib in (Format.attrib, LineCol.attrib, Tag.attrib, Anchor.attrib):
            value = getattr(orig, attrib, None)
            if value is not None:
                setattr(new, attrib, copy.copy(value))
        comments = getattr(orig, Comment.attrib, None)
        if comments is None:
            return
        comments = copy.deepcopy(comments)
        seen: set[int] = set()
        items = getattr(comments, "_items", None)
        if isinstance(items, dict):
            for key, entry in items.items():
                self.redact_comments(entry, (work.path, _path_key(key)), _line_of(orig, key),
                                     seen)
        for attr in ("comment", "_post", "_pre"):
            self.redact_comments(getattr(comments, attr, None), work.path, work.line, seen)
        setattr(new, Comment.attrib, comments)

    def redact_comments(self, node: Any, path: _Path, line: int | None,
                        seen: set[int], depth: int = 0) -> None:
        """Redact, in place, the comment tokens and strings of a copied ``Comment`` entry."""
        if isinstance(node, CommentToken):
            if id(node) not in seen:
                seen.add(id(node))
                # a dump of the original marks printed comments; the copy is not printed yet
                node.reset()
                self.redact_comment(node, path)
        elif isinstance(node, list) and depth < 6:
            for index, item in enumerate(node):
                if isinstance(item, str):
                    redacted, hits = _scan(item)
                    if hits:
                        node[index] = redacted
                        self.found(path, line, f"{hits[0][1]} in a comment")
                else:
                    self.redact_comments(item, path, line, seen, depth + 1)

    def redact_comment(self, token: CommentToken, path: _Path) -> None:
        text = token.value
        if not isinstance(text, str):
            return
        redacted, hits = _scan(text)
        if redacted == text:
            return
        if text.endswith("\n") and not redacted.endswith("\n"):
            redacted += "\n"
        token.value = redacted
        start = getattr(getattr(token, "start_mark", None), "line", None)
        hash_at = text.find("#")
        lead = text.count("\n", 0, hash_at) if hash_at >= 0 else 0
        for newlines, reason in hits:
            line = None if start is None else start + 1 + newlines - lead
            self.found(path, line, f"{reason} in a comment")

    # -- after the walk ----------------------------------------------------------------------

    def finish_merges(self) -> None:
        by_copy = {id(entry[0]): entry for entry in self.merges}
        order: list[tuple[Any, Any, list[Any], Any]] = []
        state: dict[int, bool] = {}
        for entry in self.merges:
            todo: list[tuple[Any, bool]] = [(entry, False)]
            while todo:
                item, expanded = todo.pop()
                if expanded:
                    order.append(item)
                    continue
                if id(item[0]) in state:
                    continue
                state[id(item[0])] = True
                todo.append((item, True))
                todo.extend((by_copy[id(b)], False) for b in item[2]
                            if id(b) in by_copy and id(b) not in state)
        for new, merge, copies, seq_copy in order:
            if any(id(c) in self.pending for c in copies):
                continue  # a base was cut by the budget: drop the merge, keep own keys
            if isinstance(merge, list):
                value: Any = [(m[0], c) for m, c in zip(merge, copies, strict=True)]
            else:
                value = type(merge)()
                value.extend(copies)
                value.merge_pos = getattr(merge, "merge_pos", None)
                if seq_copy is not None and id(seq_copy) not in self.pending:
                    value.set_sequence(seq_copy)
            new.add_yaml_merge(value)

    def clear_duplicate_anchors(self) -> None:
        """A node reached both inside and outside a credential mapping is copied twice; only
        the ordinary copy keeps the anchor name, so a dump never defines it twice."""
        for node_id, levels in self.levels.items():
            if len(levels) > 1:
                copied = self.memo[(node_id, 1)]
                anchor = getattr(copied, Anchor.attrib, None)
                if anchor is not None:
                    anchor = copy.copy(anchor)
                    anchor.value = None
                    setattr(copied, Anchor.attrib, anchor)


def redact_tree(node: Any, *, kind: str | None = None,
                budget: int = 200_000) -> tuple[Any, list[Finding]]:
    """A redacted copy of a YAML tree and the list of what was hidden.

    ``node`` is a ruamel.yaml round-trip tree (``CommentedMap``/``CommentedSeq``/scalars) or
    plain ``dict``/``list``; it is never modified. The copy keeps key order, comments, styles,
    anchors and ruamel line information. Hidden values become :data:`MARKER`:

    - every value (nulls stay null) of ``data``/``stringData`` of a ``Secret`` (``kind="Secret"``
      for the root, or a ``kind: Secret`` key in any mapping, so Secrets embedded in values are
      covered too);
    - a top-level ``sops:`` mapping;
    - strings and numbers under a key for which :func:`is_secret_key` holds, and every string
      inside a mapping or list under such a key, except under keys that are references
      (``secretRef``, ``existingSecret``, ...) or settings/identities (``username``, ``type``);
      a ``{name, key}`` selector or a Secret volume (``secretName``) under a credential key is
      shown whole, as is an env entry's ``value`` unless its ``name`` is a credential key;
    - substrings that :func:`secret_reason` recognises, in any other string, mapping key or
      comment (``https://user:MARKER@host``).

    Shared nodes (YAML aliases) are visited once and stay shared in the copy, so an alias bomb
    costs linear work and a dump re-emits aliases. A node reached both inside and outside a
    credential mapping is copied once per context. After ``budget`` visited nodes the walk
    stops: what was not visited becomes :data:`MARKER` and a ``"too large"`` finding is added.
    Findings are sorted by line.
    """
    redactor = _Redactor(kind, budget)
    result = redactor.run(node)
    return result, redactor.findings


@functools.lru_cache(maxsize=8192)
def _key_may_hide(key: str) -> bool:
    return is_secret_key(key) or secret_reason(key) is not None


def might_hold_secrets(node: Any, *, kind: str | None = None, budget: int = 200_000) -> bool:
    """A cheap pre-check for :func:`redact_tree`: False only when it would find nothing.

    No copy is made; shared nodes are visited once. Used by ``check`` to skip the full
    redaction of the (many) objects that hold no credential at all.
    """
    if kind == "Secret":
        return True
    if isinstance(node, dict) and "sops" in node:
        return True
    seen: set[int] = set()
    stack = [node]
    visited = 0
    while stack:
        current = stack.pop()
        visited += 1
        if visited > budget:
            return True
        if isinstance(current, str):
            if secret_reason(current) is not None:
                return True
        elif isinstance(current, dict):
            if id(current) in seen:
                continue
            seen.add(id(current))
            if current.get("kind") == "Secret":
                return True
            name = current.get("name")  # an env entry: {name: DB_PASSWORD, value: ...}
            if isinstance(name, str) and "value" in current and _key_may_hide(name):
                return True
            for key, value in current.items():
                if isinstance(key, str) and _key_may_hide(key):
                    return True
                stack.append(value)
        elif isinstance(current, list):
            if id(current) in seen:
                continue
            seen.add(id(current))
            stack.extend(current)
    return False


_COMMENT_KEY_RE = re.compile(r"^\s*(?:-\s+)?[A-Za-z_][\w.-]*:(?:\s|$)")


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
    import yaml  # the fast loader's dependency; only commented-out YAML gets here

    try:
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (yaml.YAMLError, ValueError, TypeError, RecursionError):
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
        if not (isinstance(value, str) and _is_prose(value)):  # "password: see the vault"
            return True
    return False

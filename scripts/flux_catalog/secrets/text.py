"""Credentials in free text: values, descriptions, comments, READMEs, URLs, config files.

:func:`scan` returns the text with every credential-looking part replaced by :data:`MARKER`
and one hit (line offset, reason) per part. Context rules that know where a secret ends come
first (URL passwords, ``Bearer``, ``key: value`` assignments, ``.netrc``, ``.pgpass``, XML,
``requirepass``, ``curl -u``, ``--token VALUE``); then token formats (:mod:`.values`); PEM
private key blocks last, since they are the only hits that span lines.
"""

from __future__ import annotations

import base64
import binascii
import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .judge import is_non_value, is_prose, judge
from .keys import is_secret_key
from .literals import fold_ascii, folded_literals, required_literals
from .values import is_placeholder, token_rules

MARKER = "••• приховано •••"
REASON_SOPS_VALUE = "SOPS-encrypted value"

_Span = Callable[["re.Match[str]"], "tuple[int, int] | None"]


def _whole(match: re.Match[str]) -> tuple[int, int] | None:
    return match.span()


def _group(n: int | str) -> _Span:
    def span(match: re.Match[str]) -> tuple[int, int] | None:
        value = match.group(n)
        if not value or is_placeholder(value) or MARKER in value or is_non_value(value):
            return None
        return match.span(n)

    return span


def _secret_group(key: str, n: int | str) -> _Span:
    """The group when the value is a credential under ``key`` (e.g. ``password``)."""
    def span(match: re.Match[str]) -> tuple[int, int] | None:
        value = match.group(n)
        if not value or MARKER in value or judge(key, value) is None:
            return None
        return match.span(n)

    return span


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


_VALUE_END_RE = re.compile(r"[\n,;&]")
_VALUE_MAX = 4096  # a value is looked for this far, so that a scan stays linear
_KEY_WORD_RE = re.compile(r"([^\W\d][\w-]*)[ \t]+$")


def _key_of(match: re.Match[str]) -> str:
    """The assignment's key; for prose keys (``пароль адміністратора:``, ``admin password:``)
    the credential word may be one or two words before the last one."""
    key = match.group("key").strip("-.")
    if is_secret_key(key):
        return key
    before = match.string[max(0, match.start("key") - 40):match.start("key")]
    for _ in range(2):
        word = _KEY_WORD_RE.search(before)
        if not word:
            break
        if is_secret_key(word.group(1)):
            return word.group(1)
        before = before[:word.start()]
    return key


def _assignment(match: re.Match[str]) -> tuple[int, int] | None:
    """The value after ``key:``/``key=`` when the key names a credential.

    The pattern consumes only the key and the separator, and the value is measured here, only
    for credential keys and within :data:`_VALUE_MAX` characters, so the scan stays linear.
    An unquoted value ends at a newline, ``,``, ``;``, ``&``, a `` #`` comment or a marker.
    """
    key = _key_of(match)
    if not is_secret_key(key):
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
        for cut in (" #", "\t#", MARKER, "</", "\"", "'", " -->"):
            found = text.find(cut, start, end)
            if found >= 0:
                end = found
        while end > start and text[end - 1] in " \t":
            end -= 1
    value = text[start:end]
    if close < 0:
        sep = match.group(0).rstrip(" \t")
        if sep.endswith("=") or sep.endswith("=\"") or (" " in value and not is_prose(value)):
            space = re.search(r"\s", value)
            if space and sep.endswith("="):
                end = start + space.start()  # shell and query style: ends at whitespace
                value = text[start:end]
        if "." in match.group("key") and value.isdigit():
            return None  # host:port ("loki.secrets.svc:3100")
    if not value.strip() or value[0] in "*&{[!`#|>" or MARKER in value:
        return None
    if text[end:end + len(MARKER) + 1].lstrip(" \t").startswith(MARKER):
        return None  # "Authorization: Bearer MARKER": the credential is hidden already
    if judge(key, value) is None:
        return None
    return start, end


@dataclass(frozen=True)
class _Rule:
    reason: str
    pattern: re.Pattern[str]
    span: _Span = _whole


SOPS_VALUE_RE = re.compile(
    r"ENC\[[A-Z0-9_]+,data:[A-Za-z0-9+/=]*(?:,[a-z]+:[A-Za-z0-9+/=]*)*\]?")

_CONTEXT_RULES: tuple[_Rule, ...] = (
    _Rule(REASON_SOPS_VALUE, SOPS_VALUE_RE),
    # base64 of "-----BEGIN ... PRIVATE KEY-----" (a kubernetes.io/tls Secret's tls.key)
    _Rule("private key (base64)", re.compile(r"LS0tLS1CRUdJTi[A-Za-z0-9+/]{8,}={0,2}"),
          _base64_private_key),
    _Rule("password in a URL", re.compile(
        r"(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{0,31}://[^\s:/?#@\[\]]{0,256}:"
        r"([^\s/?#@]{1,256})@"), _group(1)),
    _Rule("webhook URL", re.compile(
        r"(?:hooks\.slack\.com/(?:services|workflows|triggers)"
        r"|discord(?:app)?\.com/api/webhooks|outlook\.office\.com/webhook"
        r"|webhook\.office\.com/webhookb2|chat\.googleapis\.com/v1/spaces)/([A-Za-z0-9/_@?=&%.-]+)"),
        _group(1)),
    _Rule("JWT", re.compile(
        r"(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*")),
    _Rule("bearer token", re.compile(
        r"(?<![A-Za-z0-9])(?i:bearer|token)[ \t]+([A-Za-z0-9._~+/-]{16,}=*)"), _group(1)),
    _Rule("basic auth", re.compile(
        r"(?<![A-Za-z0-9])(?i:basic)[ \t]+([A-Za-z0-9+/]{8,}={0,2})(?![A-Za-z0-9+/=])"),
        _basic_auth),
    _Rule("credentials on a command line", re.compile(
        r"(?:^|\s)(?:-u|--user)[ \t=]+['\"]?[^\s:'\"]+:([^\s'\"]+)"), _group(1)),
    _Rule("credential option", re.compile(
        r"(?:^|[\s\"'\[,])--?(?:password|passwd|token|api-key|apikey|secret|client-secret"
        r"|auth-token|access-token|pass)[\"']?(?:[ \t]+|[\"']?,[ \t]*[\"']|\n[ \t]*-[ \t]+)"
        r"[\"']?([^\s\"',\]]+)"), _secret_group("password", 1)),
    _Rule("redis password", re.compile(
        r"(?m)^[ \t]*(?:requirepass|masterauth)[ \t]+[\"']?([^\s\"']+)"),
        _secret_group("password", 1)),
    _Rule(".netrc password", re.compile(
        r"(?:^|\s)(?:machine|login|default)\s[^\n]*?\bpassword[ \t]+(\S+)"),
        _secret_group("password", 1)),
    _Rule(".netrc password", re.compile(r"(?m)^[ \t]*password[ \t]+(\S+)[ \t]*$"),
          _secret_group("password", 1)),
    _Rule(".pgpass password", re.compile(
        r"(?m)^[ \t#]*[A-Za-z0-9.*_-]+:(?:\d+|\*):[A-Za-z0-9*_-]+:[A-Za-z0-9*_.@-]+:(\S+)$"),
        _secret_group("password", 1)),
    _Rule("credential in XML", re.compile(
        r"<(?P<tag>[A-Za-z_][\w.-]*)>([^<\n]{1,512})</(?P=tag)>"), None),  # type: ignore[arg-type]
    _Rule("credential in XML", re.compile(
        r"(?i)key=\"(?P<xkey>[^\"]{1,64})\"\s+value=\"([^\"]{1,512})\""), None),  # type: ignore[arg-type]
    _Rule("credential in an env entry", re.compile(
        r"\bname:[ \t]*[\"']?([A-Za-z_][A-Za-z0-9_]*)[\"']?[ \t]*(?:,[ \t]*|\n[ \t]*)value:[ \t]*"
        r"[\"']?([^\"'}\s,]+)"), None),  # type: ignore[arg-type]
    _Rule("credential assignment", re.compile(
        r"(?<![\w./@:])(?P<key>[^\W\d][\w.-]{0,127})[\"']?[ \t]*(?::|=|:=|=>)[ \t]*")
        , _assignment),
)


def _xml(match: re.Match[str]) -> tuple[int, int] | None:
    key = match.group(1)
    value = match.group(2)
    if judge(key, value) is None or MARKER in value:
        return None
    return match.span(2)


_CONTEXT_RULES = tuple(
    _Rule(r.reason, r.pattern, _xml) if r.span is None else r for r in _CONTEXT_RULES)

_PEM_RULE = _Rule("private key", re.compile(
    r"-----BEGIN[A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?[A-Z ]{0,20}-----.*?"
    r"(?:-----END[A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?[A-Z ]{0,20}-----|\Z)", re.S))

# Cheap filters: text without any of these cannot match a rule.
_CONTEXT_PREFILTER = re.compile(
    r"[:=@<]|LS0tLS1CRUdJTi|ENC\[|eyJ|(?i:bearer|basic|token|requirepass|masterauth|password)"
    r"|(?:^|\s)--?[a-z]|PRIVATE KEY")
_TOKEN_PREFILTER = re.compile(r"[A-Za-z0-9_+/=.~-]{16}")
# _CONTEXT_PREFILTER's alternatives, each looked for the cheapest way (a search of an
# alternation finds a match where any alternative has one): the characters, the literals
# with ``in``, the option only where a "-" is, and the case-insensitive words in the text
# folded by fold_ascii (``w in fold_ascii(text)`` is ``(?i:w)`` found in ``text``: fold_ascii
# folds exactly the characters re.IGNORECASE matches for an ASCII letter, one for one).
_CONTEXT_CHARS = re.compile(r"[:=@<]")
_CONTEXT_LITERALS = ("LS0tLS1CRUdJTi", "ENC[", "eyJ", "PRIVATE KEY")
_CONTEXT_WORDS = ("bearer", "basic", "token", "requirepass", "masterauth", "password")
_CONTEXT_OPTION = re.compile(r"(?:^|\s)--?[a-z]")


def _context_candidate(text: str, folded: str) -> bool:
    """``_CONTEXT_PREFILTER.search(text) is not None``; ``folded`` is ``fold_ascii(text)``."""
    return (_CONTEXT_CHARS.search(text) is not None
            or any(literal in text for literal in _CONTEXT_LITERALS)
            or ("-" in text and _CONTEXT_OPTION.search(text) is not None)
            or any(word in folded for word in _CONTEXT_WORDS))


def _union(patterns: Iterable[re.Pattern[str]]) -> re.Pattern[str]:
    """One pattern matching wherever any of ``patterns`` does."""
    parts = []
    for pattern in patterns:
        flags = "i" if pattern.flags & re.IGNORECASE else ""
        if pattern.flags & re.VERBOSE:
            flags += "x"
        parts.append(f"(?{flags}:{pattern.pattern})" if flags else f"(?:{pattern.pattern})")
    return re.compile("|".join(parts) or r"(?!)")


class _Gate:
    """Token rules grouped by a literal they cannot match without (see :func:`_token_gate`):
    one alternation of every literal first, then only the rules whose literals are there."""

    def __init__(self, rules: list[tuple[frozenset[str], re.Pattern[str]]]) -> None:
        every = sorted({lit for lits, _ in rules for lit in lits}, key=lambda x: (-len(x), x))
        self.anchors = re.compile("|".join(re.escape(lit) for lit in every) or r"(?!)")
        self.literals = tuple(every)
        self.rules = {lit: tuple(i for i, (lits, _) in enumerate(rules) if lit in lits)
                      for lit in every}
        self.patterns = tuple(pattern for _, pattern in rules)

    def any_match(self, text: str, literal_text: str) -> bool:
        """Whether a rule matches ``text``, its literals looked for in ``literal_text``."""
        if self.anchors.search(literal_text) is None:
            return False
        found = {i for lit in self.literals if lit in literal_text for i in self.rules[lit]}
        return any(self.patterns[i].search(text) is not None for i in sorted(found))


@functools.cache
def _token_gate() -> tuple[_Gate, _Gate, re.Pattern[str]]:
    """The token rules split by what a match needs: the rules that cannot match without one of
    their literals (``ghp_``, ``AKIA``, ``xapp-``); the case-insensitive rules that cannot
    match without one in some case (``aws``, ``key``/``token``/``pass``..., looked for in the
    text folded by :func:`.literals.fold_ascii`); and one union of the rules without any
    (bare alphabets). Alternations of plain strings, which the regex engine skips through by
    first character, come before any rule's own search.
    """
    with_literals = []
    folded = []
    rest = []
    for _, pattern in token_rules():
        found = required_literals(pattern)
        if found is not None:
            with_literals.append((found, pattern))
            continue
        lowered = folded_literals(pattern)
        if lowered is None:
            rest.append(pattern)
        else:
            folded.append((lowered, pattern))
    return _Gate(with_literals), _Gate(folded), _union(rest)


def _any_token(text: str, folded_text: str | None = None) -> bool:
    """Whether any token rule matches ``text`` (``folded_text``: ``fold_ascii(text)`` when
    the caller has it). Most strings hold no token: a rule with literals is searched only
    when one of its literals is in the text, the others in one union. Seventy searches, or
    one union of all, cost more."""
    exact, folded, rest = _token_gate()
    if folded_text is None:
        folded_text = fold_ascii(text)
    return (exact.any_match(text, text) or folded.any_match(text, folded_text)
            or rest.search(text) is not None)


@functools.cache
def _rules() -> tuple[_Rule, ...]:
    tokens = tuple(_Rule(reason, pattern) for reason, pattern in token_rules())
    return (*_CONTEXT_RULES, *tokens, _PEM_RULE)


def scan(text: str) -> tuple[str, list[tuple[int, str]]]:
    """Redacted text and ``(newlines before the hit, reason)`` for every hit, in text order."""
    redacted, hits = _scan(text)
    return redacted, list(hits)


def has_hits(text: str) -> bool:
    """Whether :func:`scan` finds anything in ``text``, without copying its hits (the
    pre-check asks this of every string and key of every manifest)."""
    return bool(_scan(text)[1])


# Manifests repeat their strings (image names, URLs, helm-docs comments) across releases and
# clusters, and a scan runs some seventy regular expressions.
@functools.lru_cache(maxsize=65_536)
def _scan(text: str) -> tuple[str, tuple[tuple[int, str], ...]]:
    folded = fold_ascii(text)
    context = _context_candidate(text, folded)
    tokens = _TOKEN_PREFILTER.search(text) is not None and _any_token(text, folded)
    if not context and not tokens:
        return text, ()
    hits: list[tuple[int, str]] = []
    n_context = len(_CONTEXT_RULES)
    for index, rule in enumerate(_rules()):
        is_token = n_context <= index < len(_rules()) - 1
        if (is_token and not tokens) or (not is_token and not context):
            continue
        parts: list[str] = []
        last = 0
        for match in rule.pattern.finditer(text):
            if match.start() < last:
                continue  # inside a value already hidden
            span = rule.span(match)
            if span is None or span[0] < last:
                continue
            start, end = span
            if MARKER in text[start:end] and text[start:end] != MARKER:
                continue
            parts += (text[last:start], MARKER)
            last = end
            hits.append((start, rule.reason))
        if parts:
            parts.append(text[last:])
            # Earlier hits keep their offsets only if measured in the final text: recount.
            text = "".join(parts)
            hits = _reoffset(hits, text)
    hits.sort()
    return text, tuple((text.count("\n", 0, at), reason) for at, reason in hits)


def _reoffset(hits: list[tuple[int, str]], text: str) -> list[tuple[int, str]]:
    """Hits as offsets of their markers in ``text`` (markers are replaced left to right)."""
    positions = [m.start() for m in re.finditer(re.escape(MARKER), text)]
    if len(positions) != len(hits):
        return hits
    ordered = sorted(hits)
    return [(pos, reason) for pos, (_, reason) in zip(positions, ordered, strict=True)]


@functools.lru_cache(maxsize=65_536)
def secret_reason(value: str) -> str | None:
    """Why ``value`` looks like (or contains) a credential, or ``None``."""
    if not isinstance(value, str) or is_placeholder(value):
        return None
    hits = scan(value)[1]
    return hits[0][1] if hits else None


@functools.lru_cache(maxsize=65_536)
def redact_text(text: str) -> str:
    """``text`` with every credential-looking substring (see :func:`secret_reason`) replaced by
    :data:`MARKER`; in URLs only the password is replaced: ``https://user:MARKER@host``."""
    return scan(text)[0]

"""Judging one value by its key and context: the rule shared by trees and by text."""

from __future__ import annotations

import functools
import re

from .keys import REFERENCE, SECRET, classify, is_strong, words
from .values import high_entropy, is_default_password, is_placeholder, looks_like_name

REASON_CREDENTIAL_KEY = "value under a credential key"
REASON_DEFAULT_PASSWORD = "default password under a credential key"
REASON_HIGH_ENTROPY = "random-looking value where a credential is expected"
REASON_AWS_SECRET = "AWS secret access key"
REASON_IN_MAPPING = "value in a credential mapping"

_NON_VALUES = frozenset({
    "", "|", ">", "|-", ">-", "|+", ">+", "null", "~", "none", "nil", "true", "false", "yes",
    "no", "on", "off", "[]", "{}", "''", '""', "-", "n/a", "tbd", "todo", "xxx", "***",
    "<redacted>", "redacted", "<none>", "<secret>", "<password>", "<token>", "changeit?",
})
_PROSE_WORDS = frozenset({
    "a", "an", "the", "see", "in", "is", "are", "from", "to", "of", "for", "by", "with", "use",
    "set", "stored", "kept", "created", "read", "taken", "not", "no", "none", "and", "or",
    "this", "your", "must", "should", "will", "if", "when",
})
# Keys whose (random-looking) values are never credentials.
_NEVER_RANDOM_LAST = frozenset({
    "id", "ids", "tag", "tags", "digest", "sha", "hash", "checksum", "image", "version",
    "uuid", "fingerprint", "thumbprint", "name", "user", "username", "email", "url", "uri",
    "host", "hostname", "path", "revision", "commit", "ref", "repository", "repo", "kind",
    "type", "namespace", "bucket", "region", "account", "project", "tenant", "issuer",
    "audience", "subject", "sub", "label", "selector", "registry", "chart",
})
# Words of a mapping key that make random values inside it plausible credentials.
_CREDENTIAL_CONTEXT = frozenset({
    "auth", "oauth", "oauth2", "oidc", "credentials", "credential", "creds", "secrets",
    "secret", "sso", "smtp", "s3", "aws", "minio", "keys", "apikeys", "tokens", "security",
    "encryption", "signing", "jwt", "session", "cookie", "license", "hmac",
})
# Keys whose random-looking value is a key material: `key`, `salt`, `seed`, `signature`.
_KEY_MATERIAL_LAST = frozenset({
    "key", "salt", "seed", "nonce", "signature", "hmac", "cookie", "license", "pin", "otp",
    "value",
})
_ENV_NAME = re.compile(r"^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$")
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")


def is_prose(value: str) -> bool:
    """Several words with Cyrillic letters or English function words: a sentence, not a
    passphrase (``correct horse battery staple`` stays a credential)."""
    ws = value.split()
    if len(ws) < 2:
        return False
    if len(ws) >= 5 or ". " in value:
        return True
    return bool(_CYRILLIC.search(value)) or any(
        w.lower().strip(".,;:()") in _PROSE_WORDS for w in ws)


def is_non_value(text: str) -> bool:
    return text.strip().lower() in _NON_VALUES


@functools.lru_cache(maxsize=65_536)
def judge(key: str, value: str) -> str | None:
    """Why ``value``, written directly under ``key``, is a credential, or ``None``.

    Only credential keys (:func:`keys.classify`) make a value secret. Never: placeholders and
    secret-store references, booleans and empty markers, numbers (unless a default password),
    prose; under ``*Secret``/``*Key`` keys, an identifier (the name of a Secret or of a key in
    it: ``githubConfigSecret: my-secret``, ``secretKey: password``).
    """
    if classify(key) != SECRET:
        return None
    text = value.strip()
    if is_non_value(text) or is_placeholder(text):
        return None
    ws = words(key)
    name_key = bool(ws) and ws[-1] in ("secret", "secrets", "key", "keys")
    if _ENV_NAME.match(text):
        return None  # RCON_PASSWORD: the name of a variable or of a key in a Secret
    if name_key and (text.lower() in ("password", "token") or (
            looks_like_name(text) and not is_strong(key))):
        return None
    if is_default_password(text):
        return REASON_DEFAULT_PASSWORD
    if text.lstrip("-+").replace(".", "", 1).isdigit():
        return None  # a number: a count or a port, not a credential
    if is_prose(text):
        return None
    return REASON_CREDENTIAL_KEY


def credential_context(key: object) -> bool:
    """A mapping key under which random-looking values are plausibly credentials."""
    if not isinstance(key, str):
        return False
    cls = classify(key)
    if cls == SECRET:
        return True
    if cls == REFERENCE:
        return False
    return any(w in _CREDENTIAL_CONTEXT for w in words(key))


@functools.lru_cache(maxsize=65_536)
def judge_in_context(key: str, value: str) -> str | None:
    """A value under a plain key inside a credential mapping (or beside an access key)."""
    ws = words(key)
    if not ws or ws[-1] in _NEVER_RANDOM_LAST or classify(key) == REFERENCE:
        return None
    text = value.strip()
    if is_placeholder(text):
        return None
    if high_entropy(text) and (ws[-1] in _KEY_MATERIAL_LAST or len(text) >= 20):
        return REASON_HIGH_ENTROPY
    if ws[-1] in _KEY_MATERIAL_LAST and len(ws) == 1 and not looks_like_name(text) \
            and "://" not in text and not text.startswith("/") \
            and not is_non_value(text) and not text.isdigit() and not is_prose(text):
        return REASON_IN_MAPPING  # credentials: {key: ...}, auth: {value: ...}
    return None


_AWS_SECRET_RE = re.compile(r"^[A-Za-z0-9/+]{40}$")


def is_aws_secret(value: str) -> bool:
    """40 base64 characters, mixed: an AWS secret access key when an access key is beside it."""
    return _AWS_SECRET_RE.match(value.strip()) is not None and high_entropy(value)


@functools.lru_cache(maxsize=8192)
def names_key_material(key: str) -> bool:
    """``salt``, ``seed``, ``hmac``, ``pin``, ``otp``, ``nonce``: a random value under it is
    key material (:func:`plain_key_material`)."""
    ws = words(key)
    return len(ws) == 1 and ws[0] in ("salt", "seed", "hmac", "pin", "otp", "nonce")


def plain_key_material(key: str, value: str) -> str | None:
    """``key``/``salt``/``seed`` with a random value, anywhere: key material by its name."""
    if names_key_material(key) and high_entropy(value):
        return REASON_HIGH_ENTROPY
    return None

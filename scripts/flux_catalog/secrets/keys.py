"""Key classification: does a mapping key (or an assignment's left side) name a credential?

A key is split into words (separators, camelCase, Cyrillic runs) and classified as

- ``secret``: its value is a credential (``password``, ``clientSecret``, ``пароль``);
- ``reference``: its value names or points at a credential (``existingSecret``,
  ``secretKeyRef``, ``passwordKey``, ``tokenFile``);
- ``setting``: its value is a setting about credentials or an identity (``passwordLength``,
  ``authType``, ``username``, ``maxTokens``);
- ``plain``: anything else.
"""

from __future__ import annotations

import functools
import re

SECRET, REFERENCE, SETTING, PLAIN = "secret", "reference", "setting", "plain"

_WORD_RE = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+|[\u0400-\u04FF\u0027\u02BC]+")
_SECRET_NORM_RE = re.compile(
    r"passw(?:or)?d|passphrase|secret|token(?!i[sz])|apikey|privatekey|credential|bearer"
    r"|accesskey|authkey|signingkey|encryptionkey|masterkey|sessionkey|licensekey"
    r"|connectionstring|connstring|requirepass|masterauth"
    # Ukrainian and Russian: пароль/пароля/паролі, токен, секрет, ключ (API key), облікові дані
    r"|парол|токен|секрет|ключ|облікові"
)
# Words that name a credential only as the last word: `basicAuth`, `smtp_pass`, `sentryDsn`.
_SECRET_LAST = frozenset({"pwd", "pw", "pass", "auth", "authorization", "creds", "dsn", "pat"})
# Last words that make a key a *reference* to a secret: its value is a name, a path, a selector.
_REFERENCE_LAST = frozenset({
    "ref", "refs", "reference", "references", "name", "names", "file", "files", "filename",
    "path", "paths", "dir", "directory", "mount", "mounts", "selector", "from", "env", "envvar",
    "var", "vars", "variable", "volume", "volumes", "template", "templates", "namespace",
    "store", "provider", "providers", "manager", "class", "annotations", "labels", "source",
    "sources", "envs", "id", "ids", "arn", "label", "annotation", "field", "property",
    "prefix", "suffix", "header", "headers", "cookie", "claim", "claims", "param", "hash",
})
# Last words that make a key a *setting about* credentials, or an identity that is not secret.
_SETTING_LAST = frozenset({
    "enabled", "enable", "disabled", "disable", "required", "optional", "type", "types", "mode",
    "modes", "method", "methods", "policy", "policies", "algorithm", "algorithms", "algo",
    "strategy", "format", "length", "len", "size", "min", "max", "minimum", "maximum", "count",
    "ttl", "expiry", "expiration", "expires", "lifetime", "duration", "seconds", "minutes",
    "hours", "days", "interval", "timeout", "age", "rotation", "version", "versions", "url",
    "urls", "uri", "uris", "endpoint", "endpoints", "issuer", "issuers", "audience",
    "audiences", "scope", "scopes", "realm", "kind", "limit", "limits", "lookup", "form",
    "reload", "insecure", "image", "repository", "tag", "resources", "rules",
    "roles", "role", "group", "groups", "sync", "controller", "operator", "webhook",
    "server", "service", "ui", "page", "button", "login", "logout", "signup", "session",
    # identities and places: shown even inside a credential mapping
    "user", "username", "users", "usernames", "email", "host", "hostname", "hosts",
    "port", "database", "db", "servers", "region", "bucket", "account", "tenant", "project",
})
# First words that make a key a setting: `maxTokens`, `disable_login_form`, `allowTokens`.
_SETTING_FIRST = frozenset({
    "max", "min", "num", "number", "count", "total", "allow", "disable", "disabled", "enable",
    "enabled", "use", "is", "has", "show", "hide", "skip", "require", "required", "validate",
    "verify", "insecure", "default", "reload",
})
# `<word>Key` / `<word>SecretKey` where <word> is one of these names the key *inside* a Secret.
_NAMED_CREDENTIALS = frozenset({
    "password", "passwd", "pwd", "pass", "passphrase", "token", "user", "username", "login",
    "value", "values", "data", "secret", "client", "api", "access", "cert", "ca", "tls",
})
_PASSWORD_WORDS = frozenset({"password", "passwd", "pwd", "passphrase"})
# A value under these credential words is the credential even when it looks like a name.
STRONG_COMPOUNDS = frozenset({
    "clientsecret", "sharedsecret", "jwtsecret", "appsecret", "apisecret", "webhooksecret",
    "sessionsecret", "cookiesecret", "hmacsecret", "consumersecret", "signingsecret",
    "encryptionsecret", "oauthsecret", "oidcsecret", "secret", "secretkey", "apikey",
    "accesskey", "secretaccesskey", "privatekey", "masterkey", "encryptionkey", "signingkey",
    "token", "password", "passwd", "passphrase",
})


def words(key: str) -> tuple[str, ...]:
    """The lower-case words of ``key``: ``DB_PASSWORD`` -> ``("db", "password")``."""
    return tuple(w.lower() for w in _WORD_RE.findall(key.replace("OAuth", "Oauth")))


def _is_reference(ws: tuple[str, ...], norm: str) -> bool:
    if ws[0] == "existing" or ws[-1] in _REFERENCE_LAST:
        return True
    if norm.endswith(("pullsecret", "pullsecrets")):
        return True
    if len(ws) >= 2 and ws[-1] in ("key", "keys"):
        rest = list(ws[:-1])
        while rest and rest[-1] in ("secret", "secrets"):
            rest.pop()
        if rest and rest[-1] in _NAMED_CREDENTIALS and len(rest) < len(ws) - 1:
            return True  # passwordSecretKey, userSecretKey: the key inside a Secret
        if rest and rest[-1] in _NAMED_CREDENTIALS - {"api", "access", "secret", "client"}:
            return True  # passwordKey, tokenKey
    return len(ws) >= 2 and ws[-1] in ("secret", "secrets") and ws[-2] in _PASSWORD_WORDS


@functools.lru_cache(maxsize=16_384)
def classify(key: str) -> str:
    """One of :data:`SECRET`, :data:`REFERENCE`, :data:`SETTING`, :data:`PLAIN`."""
    ws = words(key)
    if not ws:
        return PLAIN
    norm = "".join(ws)
    if norm in ("ключ", "ключі"):
        return PLAIN  # "key" in general; `ключ_api`, `секретний ключ` are credentials
    if _is_reference(ws, norm):
        return REFERENCE
    if ws[-1] in _SETTING_LAST or (len(ws) > 1 and ws[0] in _SETTING_FIRST):
        return SETTING
    if norm.endswith(("tokenizer", "tokenizers")):
        return SETTING
    if (
        _SECRET_NORM_RE.search(norm)
        or ws[-1] in _SECRET_LAST
        or (norm.endswith("auth") and not norm.endswith("oauth"))
        or norm.endswith(("pwd", "creds", "dsn"))
    ):
        return SECRET
    return PLAIN


def is_secret_key(key: object) -> bool:
    """Whether a mapping key names a credential, so that a scalar directly under it is hidden.

    Secret: ``password``, ``adminPassword``, ``DB_PASSWORD``, ``client-secret``, ``apiKey``,
    ``privateKey``, ``credentials``, ``basicAuth``, ``dsn``, ``requirepass``, ``пароль``,
    ``токен_бота``, ``секретний_ключ``. Not secret: references (``existingSecret``,
    ``secretKeyRef``, ``passwordKey``, ``passwordFile``, ``tokenSecretRef``, ``clientId``),
    settings and identities (``passwordLength``, ``authType``, ``maxTokens``,
    ``disable_login_form``, ``username``, ``tokenUrl``) and plain keys (``author``, ``key``).
    """
    return isinstance(key, str) and classify(key) == SECRET


def is_strong(key: str) -> bool:
    """A credential key whose value is the credential even when it reads like a name."""
    ws = words(key)
    if not ws:
        return False
    norm = "".join(ws)
    last = ws[-1]
    if last not in ("secret", "key", "secrets", "keys"):
        return True  # password, token, auth, dsn, пароль...
    return norm in STRONG_COMPOUNDS or any(
        norm.endswith(c) for c in STRONG_COMPOUNDS if c not in _SINGLE_WORDS)


_SINGLE_WORDS = frozenset({"secret", "token", "password", "passwd", "passphrase"})
_SECRETISH = re.compile(r"secret|passw|token|credential|auth|apikey|privatekey|парол|токен")


def names_a_secret(key: str) -> bool:
    """A reference key that points at a credential (``secretKeyRef``, ``existingSecret``,
    ``passwordSecretRef``): keys below it name Secrets and keys in them, not values."""
    return classify(key) == REFERENCE and _SECRETISH.search("".join(words(key))) is not None

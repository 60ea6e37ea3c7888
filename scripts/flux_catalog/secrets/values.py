"""Value detectors: what a string is, whatever key it is under.

- :func:`is_placeholder`: ``${VAR}``, ``$(VAR)``, ``{{ ... }}`` and references to a secret
  store (``op://``, ``vault:``, ``ref+...``, ``os.environ/...``, ``secret://``): never secrets;
- :func:`is_default_password`: a stop-list of default passwords, always a finding;
- :func:`looks_like_name`: an identifier (``my-secret``, ``DB_PASSWORD``): a name of another
  object or of a key, not a credential;
- :func:`high_entropy`: random-looking text, tested only where context makes it plausible;
- :data:`TOKEN_RULES`: token formats, from Yelp's ``detect-secrets`` plugins (their regular
  expressions, used per value) plus the formats that rule set does not cover yet.
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
import math
import pkgutil
import re
from collections import Counter
from pathlib import Path

# ${VAR} (Flux postBuild), $(VAR) (Kubernetes env), {{ ... }} (templates) and a shell
# variable in capitals written alone, e.g. `--from-literal=token="$TELE_TOKEN"` in a README.
_PLACEHOLDER_RE = re.compile(
    r"\$\{[^{}\n]*\}|\$\([A-Za-z_][A-Za-z0-9_]*\)|\{\{.*?\}\}|^\$[A-Z_][A-Z0-9_]*$"
    r"|%\{[^{}\n]*\}|<%=?.*?%>", re.S)
_ALNUM_RE = re.compile(r"[^\W_]")
# References to a secret store or to the environment: the credential lives elsewhere.
_REFERENCE_RE = re.compile(
    r"^(?:op://|vault:|vault://|ref\+[a-z0-9]+://|os\.environ/|env:|secret://|secrets://"
    r"|awssm:|gcpsm:|azkv:|akv://|sm://|arn:aws:secretsmanager:|projects/[^/]+/secrets/"
    r"|file:/|/run/secrets/|/var/run/secrets/|/etc/|/secrets?/|keyvault:|bw:|doppler:"
    r"|infisical:|<path:)", re.I)


def is_placeholder(text: str) -> bool:
    """A template or variable with nothing secret around it, or a secret-store reference."""
    stripped = text.strip()
    if _REFERENCE_RE.match(stripped):
        return True
    if "$" not in text and "{{" not in text and "%{" not in text and "<%" not in text:
        return False
    rest = _PLACEHOLDER_RE.sub("", text)
    return rest != text and not _ALNUM_RE.search(rest)


# Default and trivially guessable passwords: written under a credential key they are always a
# finding (a chart default left in place is exactly what an attacker tries first).
DEFAULT_PASSWORDS = frozenset({
    "password", "passw0rd", "p@ssw0rd", "p@ssword", "password1", "password123", "admin",
    "admin123", "administrator", "changeme", "change-me", "change_me", "changeit", "secret",
    "root", "toor", "prom-operator", "guest", "default", "letmein", "qwerty", "123456",
    "1234567", "12345678", "123456789", "1234", "12345", "0000", "000000", "test", "test123",
    "postgres", "mysql", "redis", "minio123", "minioadmin", "rabbitmq", "elastic", "kibana",
    "grafana", "jenkins", "welcome", "welcome1", "pass", "pass123", "adminadmin", "demo",
    "user", "hunter2", "s3cr3t", "secret123", "supersecret", "пароль", "qwerty123",
})


def is_default_password(text: str) -> bool:
    return text.strip().lower() in DEFAULT_PASSWORDS


_NAME_RE = re.compile(
    r"^(?:[a-z][a-z0-9]*(?:[-_.][a-z][a-z0-9]*)*"  # my-secret, grafana.admin, db_pass
    r"|[A-Z][A-Z0-9]*(?:_[A-Z][A-Z0-9]*)*"  # DB_PASSWORD
    r"|[a-z]+(?:[A-Z][a-z]+)+)$"  # adminPassword
)


def looks_like_name(text: str) -> bool:
    """An identifier (a Secret's name, a key inside it) rather than a credential.

    Lower-case words joined by ``-``, ``_`` or ``.`` with no word starting with a digit,
    ``ENV_NAME`` or ``camelCase``; never a default password.
    """
    return (
        0 < len(text) <= 63 and _NAME_RE.match(text) is not None
        and not is_default_password(text)
        and sum(c.isdigit() for c in text) <= 2
    )


def entropy(text: str) -> float:
    counts = Counter(text)
    return -sum(n / len(text) * math.log2(n / len(text)) for n in counts.values())


_HEX_RE = re.compile(r"^[0-9a-fA-F]+$")
_RANDOM_RE = re.compile(r"^[A-Za-z0-9+/=_\-.~!@#%^&*]+$")
_NOT_RANDOM_RE = re.compile(
    r"^(?:sha\d+:|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-|v?\d+\.\d+|[a-z]+://|/)|@sha\d+:", re.I)


def high_entropy(text: str) -> bool:
    """Random-looking: long enough, mixed characters, Shannon entropy over a threshold.

    Digests (``sha256:...``), UUIDs, versions, URLs and paths are never random here; the
    caller decides whether the context (a credential key, a credential mapping, a sibling
    access key) makes a credential plausible.
    """
    text = text.strip()
    if len(text) < 16 or len(text) > 512 or " " in text or _NOT_RANDOM_RE.search(text):
        return False
    if not _RANDOM_RE.match(text):
        return False
    if _HEX_RE.match(text):
        return len(text) >= 32 and entropy(text) >= 3.3
    classes = sum((any(c.islower() for c in text), any(c.isupper() for c in text),
                   any(c.isdigit() for c in text)))
    return classes >= 3 and entropy(text) >= 3.7


# -- token formats -------------------------------------------------------------------------

# detect-secrets plugins not used per value: IP addresses are not credentials; private keys
# and URL credentials are matched by rules that know where the secret part ends.
_SKIPPED_PLUGINS = frozenset({"IPPublicDetector", "PrivateKeyDetector", "BasicAuthDetector"})

# Formats detect-secrets 1.5 has no plugin for (or matches too narrowly for current tokens).
# Each is the provider's documented prefix with its documented alphabet and length.
EXTRA_FORMATS: tuple[tuple[str, str], ...] = (
    ("GitHub token",
     r"(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})"),
    ("Slack token", r"(?<![A-Za-z0-9])xox[abposre]-[A-Za-z0-9-]{10,}"),
    ("Slack app token", r"(?<![A-Za-z0-9])xapp-\d-[A-Z0-9]+-\d+-[a-f0-9]{32,}"),
    ("Stripe key", r"(?<![A-Za-z0-9_])[sr]k_(?:live|test)_[0-9A-Za-z]{16,}"),
    ("AWS access key", r"(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Z0-9])"),
    ("Google API key", r"(?<![A-Za-z0-9_-])AIza[0-9A-Za-z_-]{35}"),
    ("Google OAuth client secret", r"(?<![A-Za-z0-9_-])GOCSPX-[A-Za-z0-9_-]{28}"),
    ("OpenAI/Anthropic API key",
     r"(?<![A-Za-z0-9_-])sk-(?:proj-|ant-(?:api|admin)\d\d-|svcacct-|admin-)?"
     r"(?=[A-Za-z0-9_-]*[0-9])(?=[A-Za-z0-9_-]*[A-Z])(?=[A-Za-z0-9_-]*[a-z])[A-Za-z0-9_-]{20,}"),
    ("npm token", r"(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}"),
    ("age secret key", r"AGE-SECRET-KEY-1[0-9A-Z]{20,}"),
    ("Vault token",
     r"(?<![A-Za-z0-9_.])(?:hv[sbr]\.[A-Za-z0-9_-]{24,}|s\.[A-Za-z0-9]{24})(?![A-Za-z0-9])"),
    ("Grafana token",
     r"(?<![A-Za-z0-9_])(?:glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}|glc_[A-Za-z0-9+/]{32,}={0,2})"),
    ("DigitalOcean token", r"(?<![A-Za-z0-9_])do[opr]_v1_[a-f0-9]{64}"),
    ("Hugging Face token", r"(?<![A-Za-z0-9_])hf_[A-Za-z0-9]{34,}"),
    ("Tailscale key",
     r"(?<![A-Za-z0-9_])tskey-(?:auth|api|client|webhook)-[A-Za-z0-9]{6,}-[A-Za-z0-9]{16,}"),
    ("PyPI token", r"(?<![A-Za-z0-9_])pypi-AgE[A-Za-z0-9_-]{50,}"),
    ("SendGrid key", r"(?<![A-Za-z0-9_])SG\.[A-Za-z0-9_-]{16,32}\.[A-Za-z0-9_-]{32,64}"),
    ("Cloudflare token", r"(?<![A-Za-z0-9_])cf(?:ut|at|k)_[A-Za-z0-9]{40,}"),
    ("Doppler token",
     r"(?<![A-Za-z0-9_])dp\.(?:st|ct|sa|scim|audit)\.(?:[a-z0-9_-]{2,35}\.)?[A-Za-z0-9]{40,44}"),
    ("1Password token", r"(?<![A-Za-z0-9_])ops_eyJ[A-Za-z0-9_-]{40,}"),
    ("Discord webhook", r"discord(?:app)?\.com/api/webhooks/\d+/[A-Za-z0-9_-]{30,}"),
    ("Telegram bot token", r"(?<![0-9])[0-9]{8,10}:AA[A-Za-z0-9_-]{33}(?![A-Za-z0-9_-])"),
    ("Linear key", r"(?<![A-Za-z0-9_])lin_api_[A-Za-z0-9]{40}"),
    ("Atlassian token", r"(?<![A-Za-z0-9_])ATATT3[A-Za-z0-9_=-]{100,}"),
    ("Shopify token", r"(?<![A-Za-z0-9_])shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}"),
    ("Postman key", r"(?<![A-Za-z0-9_])PMAK-[a-f0-9]{24}-[a-f0-9]{34}"),
    ("New Relic key", r"(?<![A-Za-z0-9_])NRAK-[A-Z0-9]{27}"),
    ("Pulumi token", r"(?<![A-Za-z0-9_])pul-[a-f0-9]{40}"),
    ("Terraform Cloud token", r"(?<![A-Za-z0-9_])[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,}"),
    ("Mailgun key", r"(?<![A-Za-z0-9_])key-[a-f0-9]{32}(?![A-Za-z0-9])"),
    ("Azure client secret", r"(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.-]{3}\dQ~[A-Za-z0-9_~.-]{31,34}"),
)


def _reason(secret_type: str) -> str:
    """``GitHub Token`` -> ``GitHub token``: names keep their case, common words do not."""
    ws = secret_type.split()
    return " ".join(w if i == 0 or any(c.isupper() for c in w[1:]) else w.lower()
                    for i, w in enumerate(ws))


def _detect_secrets_rules() -> list[tuple[str, re.Pattern[str]]]:
    """``(secret type, regex)`` for every regex-based detect-secrets plugin in use: from the
    table written for the installed version (:mod:`.detect_secrets_table`), else from the
    plugins themselves. Importing them (and ``requests`` with them) costs a third of a second,
    a tenth of a cold ``check``."""
    from . import detect_secrets_table as table

    if detect_secrets_version() == table.VERSION:
        return [(reason, re.compile(pattern, flags)) for reason, pattern, flags in
                table.RULES]
    return plugin_rules()


def plugin_rules() -> list[tuple[str, re.Pattern[str]]]:
    """:func:`_detect_secrets_rules` read from the plugins of the installed detect-secrets."""
    try:
        plugins = importlib.import_module("detect_secrets.plugins")
        base = importlib.import_module("detect_secrets.plugins.base")
    except ImportError:  # pragma: no cover - a declared dependency
        return []
    for module in pkgutil.iter_modules(plugins.__path__):
        importlib.import_module(f"detect_secrets.plugins.{module.name}")
    found: list[tuple[str, re.Pattern[str]]] = []
    todo = list(base.RegexBasedDetector.__subclasses__())
    while todo:
        cls = todo.pop(0)
        todo.extend(cls.__subclasses__())
        if cls.__name__ in _SKIPPED_PLUGINS:
            continue
        for pattern in getattr(cls, "denylist", ()) or ():
            found.append((_reason(str(cls.secret_type)), pattern))
    return found


def detect_secrets_table_source() -> str:
    """The text of :mod:`.detect_secrets_table` for the installed detect-secrets."""
    rows = "".join(f"    ({reason!r}, {pattern.pattern!r}, {pattern.flags!r}),\n"
                   for reason, pattern in plugin_rules())
    return ('"""The regular expressions of detect-secrets\' plugins, as '
            ':func:`.values.plugin_rules` reads\nthem. Generated: '
            'tests/test_secret_literals.py says how to write it again."""\n\n'
            f"VERSION = {detect_secrets_version()!r}\n"
            f"RULES: tuple[tuple[str, str, int], ...] = (\n{rows})\n")


@functools.cache
def token_rules() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Every token format: detect-secrets' plugins first, then :data:`EXTRA_FORMATS`."""
    rules = list(_detect_secrets_rules())
    rules += [(reason, re.compile(pattern)) for reason, pattern in EXTRA_FORMATS]
    return tuple(rules)


@functools.cache
def detect_secrets_version() -> str:
    """The installed detect-secrets' version: its ``__version__.py`` read as text (importing
    the package loads its plugins; ``importlib.metadata`` alone costs ~30 ms, a tenth of a
    re-check), else the distribution's metadata."""
    try:
        spec = importlib.util.find_spec("detect_secrets")
        if spec is not None and spec.origin:
            text = Path(spec.origin).with_name("__version__.py").read_text("utf-8")
            found = _VERSION_RE.search(text)
            if found:
                return found.group(1)
    except (ImportError, OSError, ValueError):
        pass
    try:
        from importlib.metadata import version

        return version("detect-secrets")
    except Exception:
        return "unknown"


_VERSION_RE = re.compile(r"""^VERSION\s*=\s*['"]([^'"]+)['"]""", re.M)

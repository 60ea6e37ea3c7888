"""Kubernetes-aware judging of one entry of a mapping or list, for :mod:`.tree`.

- levels: ``ORDINARY``; ``CREDENTIAL`` below a credential key or context (``auth:``,
  ``credentials:``, ``s3:``), where key material and random values are credentials;
  ``NAMES`` in annotations, labels, references (``secretKeyRef``, ``existingSecret``) and
  objects that only name secrets (:data:`NAME_KINDS`), where keys are not judged at all;
- a value is judged by its key only when it is a scalar directly under it; an env entry's
  ``value`` by its ``name``; a list item after ``--password`` as a password; a random value
  beside an AWS access key as its secret key.
"""

from __future__ import annotations

from typing import Any

from ruamel.yaml.comments import CommentedSet, TaggedScalar

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
from .text import SOPS_VALUE_RE

ORDINARY, CREDENTIAL, NAMES = 0, 1, 2  # how keys below a node are judged
# Kinds that name Secrets (and keys in them) but hold no credential values of their own.
NAME_KINDS = frozenset({
    "ExternalSecret", "ClusterExternalSecret", "PushSecret", "SecretStore",
    "ClusterSecretStore", "SealedSecret", "Certificate", "ClusterIssuer", "Issuer",
    "OnePasswordItem", "VaultStaticSecret", "VaultDynamicSecret", "InfisicalSecret",
    "Bitwarden", "BitwardenSecret", "ClusterSecret", "SecretProviderClass", "Password",
})
CONTAINERS = (dict, list, CommentedSet)
_SELECTOR_KEYS = frozenset({"name", "key", "optional", "namespace"})
_OPTION_HIDES = frozenset({
    "--password", "-p", "--passwd", "--token", "--api-key", "--apikey", "--secret",
    "--client-secret", "--auth-token", "--access-token", "--pass", "-password", "-token",
    "--requirepass",
})


def is_selector(node: Any) -> bool:
    """``{name: ..., key: ...}`` (a SecretKeySelector) or a Secret volume (``secretName``)."""
    if not isinstance(node, dict) or not node:
        return False
    keys = {k for k in node if isinstance(k, str)}
    if len(keys) != len(node):
        return False
    return (keys <= _SELECTOR_KEYS and "name" in keys) or "secretName" in keys


def names_only(key: Any) -> bool:
    if not isinstance(key, str):
        return False
    lower = key.lower()
    return lower in ("annotations", "labels", "matchlabels", "selector", "headers") or \
        lower.endswith(("annotations", "labels")) or names_a_secret(key)


def text_of(value: Any) -> str | None:
    if isinstance(value, TaggedScalar):
        value = value.value
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (str, int, float)):
        return str(value)
    return None


def decide(key: Any, value: Any, level: int, env_name: Any,
           access_key: bool) -> tuple[str | None, int]:
    """How to treat ``value`` under ``key``: a reason to hide it (or None) and the level
    its children are judged at."""
    if level == NAMES or names_only(key) or is_selector(value):
        return None, NAMES
    if not isinstance(key, str):
        return None, level
    if isinstance(value, CONTAINERS):
        return None, CREDENTIAL if credential_context(key) or level == CREDENTIAL \
            else ORDINARY
    text = text_of(value)
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
            is_aws_secret(text) or (high_entropy(text) and len(text) >= 20)):
        reason = REASON_AWS_SECRET
    if reason is None:
        reason = plain_key_material(key, text)
    return reason, level

def decide_item(items: list[Any], index: int, level: int) -> str | None:
    """A list item: the value after ``--password``; random text in a credential list."""
    text = text_of(items[index])
    if text is None or level == NAMES:
        return None
    before = items[index - 1] if index else None
    if isinstance(before, str) and before.strip().lower() in _OPTION_HIDES:
        return judge("password", text)
    if level == CREDENTIAL and high_entropy(text) and len(text) >= 20:
        return REASON_HIGH_ENTROPY
    return None

"""Objects that create Secrets: a reference to such a Secret is satisfied by its creator.

A Secret made by an operator is not written in Git, yet exists in the cluster: ExternalSecret
(``spec.target.name``, default the ExternalSecret's own name, unless ``creationPolicy`` is
``Merge`` or ``None``), cert-manager Certificate (``spec.secretName``) and an Issuer's ACME
account key, SealedSecret (its template's name, default its own), the 1Password operator's
OnePasswordItem, Vault Secrets Operator (``spec.destination.name``), Infisical
(``spec.managedSecretReference``) and CloudNativePG clusters (``<name>-app`` and friends). A
PushSecret reads a Secret, it creates none.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from .model import K8sObject

CNPG_SUFFIXES = ("app", "superuser", "ca", "replication", "server")


def _get(node: Any, *keys: str) -> Any:
    for key in keys:
        if not isinstance(node, Mapping):
            return None
        node = node.get(key)
    return node


def created_secrets(obj: K8sObject) -> Iterator[tuple[str | None, str]]:
    """``(namespace, name)`` of every Secret ``obj`` makes an operator create."""
    spec = obj.body.get("spec") if isinstance(obj.body, Mapping) else None
    ns = obj.namespace
    names: list[Any] = []
    if obj.kind == "ExternalSecret":
        if _get(spec, "target", "creationPolicy") not in ("Merge", "None"):
            names.append(_get(spec, "target", "name") or obj.name)
    elif obj.kind == "Certificate":
        names.append(_get(spec, "secretName"))
    elif obj.kind == "Issuer":
        names.append(_get(spec, "acme", "privateKeySecretRef", "name"))
    elif obj.kind == "SealedSecret":
        names.append(_get(spec, "template", "metadata", "name") or obj.name)
        template_ns = _get(spec, "template", "metadata", "namespace")
        ns = template_ns if isinstance(template_ns, str) else ns
    elif obj.kind == "OnePasswordItem":
        names.append(obj.name)
    elif obj.kind in ("VaultStaticSecret", "VaultDynamicSecret", "VaultPKISecret"):
        names.append(_get(spec, "destination", "name"))
    elif obj.kind == "InfisicalSecret":
        names.append(_get(spec, "managedSecretReference", "secretName"))
        managed_ns = _get(spec, "managedSecretReference", "secretNamespace")
        ns = managed_ns if isinstance(managed_ns, str) else ns
    elif obj.kind == "Cluster" and obj.api_version.startswith("postgresql.cnpg.io/"):
        names += [f"{obj.name}-{suffix}" for suffix in CNPG_SUFFIXES]
    for name in names:
        if isinstance(name, str) and name:
            yield ns, name

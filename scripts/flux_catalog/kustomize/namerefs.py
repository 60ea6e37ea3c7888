"""Name references: after prefixes, suffixes and hashes renamed objects, the fields that
name them follow (kustomize's ``FixBackReferences``, for the references pods, bindings,
ingresses and autoscalers make, plus ``configurations:`` nameReference entries)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from .fieldspecs import POD_SPEC_PATHS
from .resource import Change, Resource
from .transformers import set_fields

# Within a pod spec: (path, referenced kind).
_POD_REFS = [
    ("volumes[]/configMap/name", "ConfigMap"),
    ("volumes[]/projected/sources[]/configMap/name", "ConfigMap"),
    ("volumes[]/secret/secretName", "Secret"),
    ("volumes[]/projected/sources[]/secret/name", "Secret"),
    ("volumes[]/persistentVolumeClaim/claimName", "PersistentVolumeClaim"),
    ("imagePullSecrets[]/name", "Secret"),
    ("serviceAccountName", "ServiceAccount"),
    ("serviceAccount", "ServiceAccount"),
    *[(f"{c}[]/{p}", k) for c in ("containers", "initContainers", "ephemeralContainers")
      for p, k in (("env[]/valueFrom/configMapKeyRef/name", "ConfigMap"),
                   ("env[]/valueFrom/secretKeyRef/name", "Secret"),
                   ("envFrom[]/configMapRef/name", "ConfigMap"),
                   ("envFrom[]/secretRef/name", "Secret"))],
]

# Outside pod specs: (referrer kind or None for any, path, referenced kind).
_OTHER_REFS: list[tuple[str | None, str, str | None]] = [
    ("Ingress", "spec/tls[]/secretName", "Secret"),
    ("Ingress", "spec/rules[]/http/paths[]/backend/service/name", "Service"),
    ("Ingress", "spec/defaultBackend/service/name", "Service"),
    ("ServiceAccount", "secrets[]/name", "Secret"),
    ("ServiceAccount", "imagePullSecrets[]/name", "Secret"),
    ("StatefulSet", "spec/serviceName", "Service"),
    ("StatefulSet", "spec/volumeClaimTemplates[]/metadata/name", "PersistentVolumeClaim"),
    ("HorizontalPodAutoscaler", "spec/scaleTargetRef/name", None),
    ("RoleBinding", "roleRef/name", "Role"),
    ("RoleBinding", "roleRef/name", "ClusterRole"),
    ("ClusterRoleBinding", "roleRef/name", "ClusterRole"),
    ("RoleBinding", "subjects[]/name", "ServiceAccount"),
    ("ClusterRoleBinding", "subjects[]/name", "ServiceAccount"),
    ("PersistentVolumeClaim", "spec/volumeName", "PersistentVolume"),
]

Renames = dict[tuple[str, str, str | None], str]


def renames(resources: list[Resource]) -> Renames:
    """(kind, original name, namespace) -> current name, for every renamed resource."""
    out: Renames = {}
    for res in resources:
        kind, name, _ = res.origin
        if name and res.name != name:
            out[(kind, name, res.namespace)] = res.name
    return out


def _refs(res: Resource, extra: list[tuple[str | None, str, str]]
          ) -> Iterator[tuple[str, str | None]]:
    kind: str | None
    pod = POD_SPEC_PATHS.get(res.kind)
    if pod:
        prefix = "/".join(pod)
        for path, kind in _POD_REFS:
            yield f"{prefix}/{path}", kind
    for referrer, path, kind in (*_OTHER_REFS, *extra):
        if referrer is None or referrer == res.kind:
            yield path, kind


def fix(resources: list[Resource], table: Renames, change: Change,
        extra: list[tuple[str | None, str, str]] = ()) -> list[Resource]:  # type: ignore[assignment]
    """Update every reference to a renamed object (same namespace as the referrer)."""
    if not table:
        return resources
    by_name: dict[tuple[str, str], list[tuple[str | None, str]]] = {}
    for (kind, old, ns), new in table.items():
        by_name.setdefault((kind, old), []).append((ns, new))
    out = []
    for res in resources:
        body = res.edit()
        changed = False
        for path, ref_kind in _refs(res, list(extra)):
            changed |= set_fields(body, path, _updater(by_name, ref_kind, res, body), False)
        out.append(res.with_body(body, change) if changed else res)
    return out


def _updater(by_name: Mapping[tuple[str, str], list[tuple[str | None, str]]], kind: str | None,
             res: Resource, body: Mapping[str, Any]) -> Callable[[Any], Any]:
    def update(old: Any) -> Any:
        if not isinstance(old, str):
            return old
        kinds = [kind] if kind else _scale_kind(body)
        for k in kinds:
            for ns, new in by_name.get((k, old), []):
                if ns is None or res.namespace is None or ns == res.namespace:
                    return new
        return old

    return update


def _scale_kind(body: Mapping[str, Any]) -> list[str]:
    ref = (body.get("spec") or {}).get("scaleTargetRef") if isinstance(body.get("spec"),
                                                                       Mapping) else None
    return [str(ref.get("kind"))] if isinstance(ref, Mapping) and ref.get("kind") else []


def configured(config: Any) -> list[tuple[str | None, str, str]]:
    """``nameReference`` entries of a ``configurations:`` file."""
    out: list[tuple[str | None, str, str]] = []
    if not isinstance(config, Mapping):
        return out
    for entry in config.get("nameReference") or []:
        if not isinstance(entry, Mapping) or not isinstance(entry.get("kind"), str):
            continue
        for spec in entry.get("fieldSpecs") or []:
            if isinstance(spec, Mapping) and isinstance(spec.get("path"), str):
                kind = spec.get("kind") if isinstance(spec.get("kind"), str) else None
                out.append((kind, spec["path"], entry["kind"]))
    return out

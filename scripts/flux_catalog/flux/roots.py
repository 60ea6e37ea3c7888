"""Cluster roots: the Flux Kustomization each cluster starts from.

- ``flux bootstrap`` writes ``flux-system/gotk-sync.yaml``: a GitRepository and a
  Kustomization ``flux-system/flux-system`` whose path contains the file itself.
- The Flux Operator's ``FluxInstance`` (``spec.sync``: kind, url, ref, path), or a
  HelmRelease of the ``flux-instance`` chart with ``values.instance.sync``, makes the operator
  create the source and Kustomization ``flux-system/flux-system`` for ``sync.path``
  (controlplaneio-fluxcd/flux-operator, FluxInstance sync API).
- A bootstrapped repository may hold only a placeholder ``gotk-sync.yaml``: the cluster is
  the directory above ``flux-system/``.
Without any of these, self-applying Kustomizations are roots, and failing those every
Kustomization that nothing in the repository applies.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..kustomize import Kustomizer, Resource
from ..kustomize.resource import new_resource
from ..model import Document
from ..positions import line_at
from .sources import Sources

FLUX_INSTANCE_API = "fluxcd.controlplane.io"


@dataclass(frozen=True)
class Root:
    ks: Resource
    how: str  # gotk-sync, FluxInstance, flux-instance HelmRelease, placeholder, ...


def synthetic_root(doc_path: str, line: int, path: str, source_kind: str = "GitRepository"
                   ) -> Resource:
    body = {
        "apiVersion": "kustomize.toolkit.fluxcd.io/v1",
        "kind": "Kustomization",
        "metadata": {"name": "flux-system", "namespace": "flux-system"},
        "spec": {"path": "./" + path.strip("/") if path.strip("/") else "./",
                 "prune": True,
                 "sourceRef": {"kind": source_kind, "name": "flux-system"}},
    }
    return new_resource(Document(doc_path, 0, line, body), body, generated=True)


def instance_sync(data: Mapping[str, Any]) -> tuple[Mapping[str, Any], tuple[Any, ...]] | None:
    """``spec.sync`` of a FluxInstance, or ``values.instance.sync`` of a flux-instance
    HelmRelease, with its key path for line numbers."""
    api = str(data.get("apiVersion", ""))
    spec = data.get("spec")
    if not isinstance(spec, Mapping):
        return None
    if data.get("kind") == "FluxInstance" and api.startswith(FLUX_INSTANCE_API):
        sync = spec.get("sync")
        return (sync, ("spec", "sync")) if isinstance(sync, Mapping) else None
    if data.get("kind") == "HelmRelease" and _is_flux_instance_chart(spec):
        values = spec.get("values")
        instance = values.get("instance") if isinstance(values, Mapping) else None
        sync = instance.get("sync") if isinstance(instance, Mapping) else None
        if isinstance(sync, Mapping):
            return sync, ("spec", "values", "instance", "sync")
    return None


def _is_flux_instance_chart(spec: Mapping[str, Any]) -> bool:
    chart = spec.get("chart")
    chart_spec = chart.get("spec") if isinstance(chart, Mapping) else None
    if isinstance(chart_spec, Mapping) and chart_spec.get("chart") == "flux-instance":
        return True
    ref = spec.get("chartRef")
    return isinstance(ref, Mapping) and ref.get("name") == "flux-instance"


def operator_roots(k: Kustomizer, sources: Sources, docs: list[Document]) -> list[Root]:
    roots: list[Root] = []
    for doc in docs:
        found = instance_sync(doc.data)
        if found is None:
            continue
        sync, keys = found
        path = sync.get("path")
        if not isinstance(path, str):
            continue
        sources.note_repository(sync.get("url"))
        kind = str(sync.get("kind") or "GitRepository")
        line = line_at(doc.data, (*keys, "path"), doc.line)
        rel = posixpath.normpath(path.strip("/") or ".")
        rel = "" if rel == "." else rel
        if kind == "OCIRepository" and not k.fs.is_dir(rel):
            base = _artifact_root(k, rel)
            if base is not None:
                sources.artifact_root[("flux-system", "flux-system")] = base
                k.problem(doc.path, line, "artifact-root",
                          f"sync.path '{path}' is not at the repository root; CI is taken to "
                          f"push '{base}/' as the OCI artifact", "info")
        how = "FluxInstance" if doc.data.get("kind") == "FluxInstance" else \
            "flux-instance HelmRelease"
        roots.append(Root(synthetic_root(doc.path, line, path, kind), how))
    return roots


def _artifact_root(k: Kustomizer, rel: str) -> str | None:
    """The one sub-directory below which ``rel`` exists (an OCI artifact pushed from it)."""
    hits: list[str] = []
    todo = [""]
    while todo and len(hits) < 2:
        current = todo.pop()
        dirs, _ = k.fs.listdir(current)
        for name in dirs:
            if name.startswith("."):
                continue
            sub = posixpath.join(current, name) if current else name
            if k.fs.is_dir(posixpath.join(sub, rel)):
                hits.append(sub)
            elif sub.count("/") < 3:
                todo.append(sub)
    return hits[0] if len(hits) == 1 else None


def placeholder_roots(scope_files: list[str], covered: set[str], root_dirs: set[str]
                      ) -> list[Root]:
    """Clusters bootstrapped with ``flux bootstrap`` whose gotk-sync.yaml is not a real
    Kustomization: the cluster is the directory above ``flux-system/``."""
    roots: list[Root] = []
    for rel in scope_files:
        parent, name = posixpath.split(rel)
        if (name not in ("gotk-sync.yaml", "gotk-components.yaml")
                or posixpath.basename(parent) != "flux-system" or rel in covered):
            continue
        cluster_dir = posixpath.dirname(parent)
        if cluster_dir in root_dirs:
            continue
        root_dirs.add(cluster_dir)
        roots.append(Root(synthetic_root(posixpath.join(parent, "gotk-sync.yaml"), 1,
                                         cluster_dir), "placeholder gotk-sync.yaml"))
    return roots

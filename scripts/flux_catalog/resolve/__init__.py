"""Resolve a walk into a Catalog: charts, references, typed edges, directories, problems."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..creators import created_secrets
from ..documents import DocumentStore
from ..gc_pace import paced
from ..kustomize import FileSystem
from ..model import (
    APPLIED_BY,
    DEPENDS_ON,
    INFERRED_TYPES,
    INJECT,
    NAMESPACE,
    SECRET_REF,
    SERVICE,
    SOURCE,
    VALUES_FROM,
    Catalog,
    Directory,
    Edge,
    EdgeStatus,
    FluxKustomization,
    HelmRelease,
    K8sObject,
    ObjectKey,
    Problem,
    Reference,
    helm_release_name,
    object_id,
    scalar,
    sort_objects,
)
from ..paths import find_repo_root as find_repo_root  # re-exported
from ..policy import Policy, load_policy
from ..positions import line_at
from ..walk import WalkResult, walk
from .charts import Charts
from .strings import parent_key, path_of, strings_below

SVC_DNS = re.compile(
    r"(?<![\w.-])([a-z0-9](?:[a-z0-9-]*[a-z0-9])?)\.([a-z0-9](?:[a-z0-9-]*[a-z0-9])?)"
    r"\.svc(?:\.cluster\.local)?\b"
)
SVC_URL = re.compile(
    r"\b[a-z][a-z0-9+.-]*://([a-z0-9](?:[a-z0-9-]*[a-z0-9])?)\.([a-z0-9](?:[a-z0-9-]*[a-z0-9])?)"
    r"(?::\d+)"
)
# Annotations asking the OpenTelemetry operator to inject into pods: key -> target kind.
INJECT_ANNOTATIONS = {
    "sidecar.opentelemetry.io/inject": "OpenTelemetryCollector",
    **{
        f"instrumentation.opentelemetry.io/inject-{lang}": "Instrumentation"
        for lang in ("go", "java", "nodejs", "python", "dotnet", "apache-httpd", "nginx", "sdk")
    },
}
BUILTIN_NAMESPACES = frozenset({"default", "kube-system", "kube-public", "kube-node-lease"})
BOOTSTRAP_OBJECTS = (
    "Namespace//flux-system",
    "GitRepository/flux-system/flux-system",
    "Secret/flux-system/flux-system",
    "Kustomization/flux-system/flux-system",
)


@paced()
def build_catalog(
    root: Path, paths: list[str] | None = None, policy: Policy | None = None,
    source_dirs: Mapping[str, str] | None = None,
) -> tuple[Catalog, Policy]:
    """Walk ``paths`` (relative to ``root``) and resolve everything into a Catalog."""
    root = root.resolve()
    problems: list[Problem] = []
    if policy is None:
        policy, policy_problems = load_policy(root)
        problems.extend(policy_problems)
    scope = [p.strip("/") for p in (paths if paths is not None else list(policy.paths))]
    documents = DocumentStore(root)
    result = walk(root, scope, self_sources=policy.self_sources, source_dirs=source_dirs,
                  fs=FileSystem(root, documents))
    catalog = resolve_walk(root, scope, policy, result, documents, problems)
    return catalog, policy


def resolve_walk(root: Path, scope: list[str], policy: Policy, result: WalkResult,
                 documents: DocumentStore, problems: list[Problem] | None = None) -> Catalog:
    """The Catalog of a walk (of the whole repository, or of some of its clusters)."""
    problems = [*(problems or ()), *result.problems]
    objects = sort_objects(result.objects)
    resolver = _Resolver(objects, result, policy, str(root), documents)
    releases, kustomizations, edges = resolver.run()
    problems.extend(resolver.problems)
    return Catalog(
        root=str(root),
        clusters=tuple(sorted(result.clusters)),
        objects=tuple(objects),
        charts={key: release.chart for key, release in releases.items()},
        edges=tuple(edges),
        directories=tuple(_directories(documents, scope, objects, result)),
        problems=tuple(sorted(set(problems))),
        external=tuple(result.external),
        cluster_roots=dict(sorted(result.clusters.items())),
        cluster_scoped=result.cluster_scoped,
        implicit=resolver.implicit,
        releases=releases,
        kustomizations=kustomizations,
        store=documents,
    )


def _directories(
    documents: DocumentStore, scope: list[str], objects: list[K8sObject], result: WalkResult
) -> Iterator[Directory]:
    dirs: set[str] = set()
    for obj in objects:
        if obj.generated and not obj.path:
            continue
        parent = os.path.dirname(obj.path)
        while True:
            dirs.add(parent)
            if not parent or any(parent == s for s in scope):
                break
            parent = os.path.dirname(parent)
    dirs.update(result.clusters.values())
    for directory in sorted(dirs):
        if not directory and "" not in scope:
            continue
        readme_path = f"{directory}/README.md" if directory else "README.md"
        readme = documents.text(readme_path, encoding="utf-8")
        cluster = next(
            (
                c
                for c, d in sorted(result.clusters.items())
                if directory == d or directory.startswith(d + "/")
            ),
            None,
        )
        yield Directory(directory, readme, readme_path if readme is not None else None, cluster)


class _Resolver(Charts):
    def __init__(self, objects: list[K8sObject], result: WalkResult, policy: Policy,
                 root: str = ".", documents: DocumentStore | None = None) -> None:
        self.objects = objects
        self.documents = documents if documents is not None else DocumentStore(Path(root))
        self.policy = policy
        self.source_roots = result.source_roots
        self.root = root
        self.problems: list[Problem] = []
        self.by_cluster: dict[str | None, dict[str, K8sObject]] = {}
        for obj in objects:
            self.by_cluster.setdefault(obj.cluster, {}).setdefault(obj.id, obj)
        for obj in objects:  # a Secret an operator creates is there: its creator stands in
            for secret_ns, name in created_secrets(obj):
                self.by_cluster[obj.cluster].setdefault(object_id("Secret", secret_ns, name),
                                                        obj)
        # What exists in a cluster without being in Git: what `flux bootstrap` creates and
        # what the policy names as created out of band.
        self.implicit: dict[str, EdgeStatus] = {}
        for cluster in sorted(result.clusters):
            for external in policy.external:
                self.implicit[f"{cluster}:{external}"] = EdgeStatus.EXTERNAL
            for bootstrap in BOOTSTRAP_OBJECTS:
                self.implicit[f"{cluster}:{bootstrap}"] = EdgeStatus.BOOTSTRAP
        self._service_owners: (
            dict[tuple[str | None, str | None], list[tuple[str, K8sObject]]] | None) = None
        self.namespaces: dict[str | None, set[str]] = {}
        for obj in objects:
            ns = self.namespaces.setdefault(obj.cluster, set())
            if obj.kind == "Namespace":
                ns.add(obj.name)
            if obj.namespace:
                ns.add(obj.namespace)

    def lookup(
        self, obj: K8sObject, kind: str, namespace: str | None, name: str
    ) -> K8sObject | None:
        target_id = object_id(kind, namespace, name)
        found = self.by_cluster.get(obj.cluster, {}).get(target_id)
        if found is None and obj.cluster is not None and not obj.deployed:
            found = self.by_cluster.get(None, {}).get(target_id)
        if found is None and obj.cluster is None:
            for objs in self.by_cluster.values():
                if target_id in objs:
                    return objs[target_id]
        return found

    def run(self) -> tuple[dict[str, HelmRelease], dict[str, FluxKustomization], list[Edge]]:
        """HelmReleases and Flux Kustomizations by object key, and one edge per reference
        (plus applied-by edges)."""
        releases: dict[str, HelmRelease] = {}
        kustomizations: dict[str, FluxKustomization] = {}
        edges: list[Edge] = []
        for obj in self.objects:
            if obj.kind == "HelmRelease" and obj.is_flux:
                releases[obj.key] = self.release(obj)
            elif obj.kind == "Kustomization" and obj.is_flux:
                spec = obj.spec
                kustomizations[obj.key] = FluxKustomization(
                    obj.key, *(scalar(spec.get(k)) for k in (
                        "path", "targetNamespace", "prune", "wait", "timeout")))
            edges.extend(self.edge(obj, ref) for ref in self.references(obj))
            if obj.applied_by:
                edges.append(Edge(obj.key, ObjectKey.in_cluster(obj.cluster, obj.applied_by),
                                  APPLIED_BY))
        return releases, kustomizations, edges

    # -- references ------------------------------------------------------------------------

    def references(self, obj: K8sObject) -> Iterator[Reference]:
        """Every reference written in ``obj``, in a fixed order; wrong types are problems."""
        spec = obj.spec
        if obj.is_flux and "spec" in obj.body and not isinstance(obj.body["spec"], Mapping):
            yield from self._type_error(obj, ("spec",), "must be a mapping")
        if obj.namespace and obj.kind != "Namespace":
            yield Reference(NAMESPACE, "Namespace", obj.namespace, None, obj.path, obj.line)
        if not obj.is_flux:
            yield from self.service_references(obj, obj.body.get("spec"), ("spec",), obj.namespace)
            return
        if obj.kind == "HelmRelease":
            chart = _at(spec, ("chart", "spec"))
            if isinstance(chart, Mapping) and "sourceRef" in chart:
                yield from self._one(obj, ("spec", "chart", "spec", "sourceRef"), SOURCE, True)
            else:
                yield from self._one(obj, ("spec", "chartRef"), SOURCE, True)
        elif obj.kind in ("Kustomization", "HelmChart"):
            yield from self._one(obj, ("spec", "sourceRef"), SOURCE, obj.kind == "Kustomization")
        if obj.kind in ("HelmRelease", "Kustomization"):
            yield from self._listed(obj, ("spec", "dependsOn"), DEPENDS_ON, obj.kind)
        if obj.kind == "HelmRelease":
            yield from self._listed(obj, ("spec", "valuesFrom"), VALUES_FROM)
            release_ns = spec.get("targetNamespace") or obj.namespace
            yield from self.service_references(
                obj, spec.get("values"), ("spec", "values"),
                release_ns if isinstance(release_ns, str) else None)
        if obj.kind == "Kustomization":
            yield from self._listed(obj, ("spec", "postBuild", "substituteFrom"), VALUES_FROM)
            yield from self._one(obj, ("spec", "decryption", "secretRef"), SECRET_REF, False,
                                 "Secret")
        elif obj.kind != "HelmRelease":  # sources, providers, receivers
            yield from self._one(obj, ("spec", "secretRef"), SECRET_REF, False, "Secret")

    def _ref(self, obj: K8sObject, type_: str, kind: str, entry: Mapping[str, Any],
             keys: tuple[Any, ...], namespaced: bool) -> Iterator[Reference]:
        line = line_at(obj.body, keys, obj.line)
        name = entry.get("name")
        if not isinstance(name, str) or not name:
            self.problems.append(Problem(obj.path, line, 1, "invalid-field", "error",
                                         f"{obj.id}: reference needs a string 'name'"))
            return
        namespace = entry.get("namespace") if namespaced else None
        ns = namespace if isinstance(namespace, str) and namespace else obj.namespace
        yield Reference(type_, kind, name, ns, obj.path, line, bool(entry.get("optional")))

    def _one(self, obj: K8sObject, keys: tuple[Any, ...], type_: str, namespaced: bool,
             kind: str | None = None) -> Iterator[Reference]:
        """The reference at ``keys`` (``sourceRef``, ``secretRef``...), if it is there."""
        entry = _at(obj.body, keys)
        if entry is None:
            return
        if not isinstance(entry, Mapping):
            yield from self._type_error(obj, keys, "must be a mapping")
            return
        yield from self._ref(obj, type_, kind or str(entry.get("kind", "")), entry, keys,
                             namespaced)

    def _listed(self, obj: K8sObject, keys: tuple[Any, ...], type_: str,
                kind: str | None = None) -> Iterator[Reference]:
        """The references listed at ``keys`` (``dependsOn``, ``valuesFrom``...)."""
        entries = _at(obj.body, keys)
        if entries is None:
            return
        if not isinstance(entries, list):
            yield from self._type_error(obj, keys, "must be a list")
            return
        for i, entry in enumerate(entries):
            if not isinstance(entry, Mapping):
                yield from self._type_error(obj, (*keys, i), "entries must be mappings")
                continue
            # dependsOn may name another namespace; valuesFrom/substituteFrom may not
            yield from self._ref(obj, type_, kind or str(entry.get("kind", "")), entry,
                                 (*keys, i), namespaced=type_ == DEPENDS_ON)

    def _type_error(
        self, obj: K8sObject, keys: tuple[Any, ...], message: str
    ) -> Iterator[Reference]:
        line = line_at(obj.body, keys, obj.line)
        path = ".".join(str(k) for k in keys)
        self.problems.append(
            Problem(obj.path, line, 1, "invalid-field", "error", f"{obj.id}: {path} {message}")
        )
        return iter(())

    def service_references(
        self, obj: K8sObject, node: Any, keys: tuple[Any, ...], own_namespace: str | None
    ) -> Iterator[Reference]:
        known = self.namespaces.get(obj.cluster, set())
        found: dict[tuple[str, str, str, str], tuple[int, str]] = {}

        def add(
            type_: str, kind: str, name: str, ns: str, path: tuple[Any, ...], text: str
        ) -> None:
            if (type_, kind, ns, name) not in found:
                found[(type_, kind, ns, name)] = (line_at(obj.body, path, obj.line), text)

        for place, text in strings_below(node):
            # A match of SVC_DNS holds ".svc", one of SVC_URL "://": most strings hold neither.
            if ".svc" in text:
                for m in SVC_DNS.finditer(text):
                    add(SERVICE, "Service", m.group(1), m.group(2), path_of(keys, place), text)
            if "://" in text:
                for m in SVC_URL.finditer(text):
                    if m.group(2) in known:
                        add(SERVICE, "Service", m.group(1), m.group(2), path_of(keys, place),
                            text)
            key = place[1] if place else (keys[-1] if keys else None)
            inject_kind = INJECT_ANNOTATIONS.get(key) if isinstance(key, str) else None
            if inject_kind and text not in ("true", "false") and own_namespace:
                ns, _, name = text.rpartition("/")
                add(INJECT, inject_kind, name, ns or own_namespace, path_of(keys, place), text)
            secret_name = key == "existingSecret" or (
                key == "name" and parent_key(keys, place) in ("secret", "existingSecret")
            )
            if secret_name and own_namespace and "{{" not in text and "${" not in text:
                add(SECRET_REF, "Secret", text, own_namespace, path_of(keys, place), text)
        for (type_, kind, ns, name), (line, text) in sorted(found.items()):
            yield Reference(type_, kind, name, ns, obj.path, line, detail=text)

    # -- edges and charts ------------------------------------------------------------------

    def edge(self, obj: K8sObject, ref: Reference) -> Edge:
        return replace(self._edge(obj, ref), ref=ref)

    def _edge(self, obj: K8sObject, ref: Reference) -> Edge:
        if ref.type == SERVICE:
            target = self.service_owner(obj, ref)
            if target is not None:
                return Edge(obj.key, target.key, SERVICE, inferred=True)
            return Edge(
                obj.key,
                str(ObjectKey.of(obj.cluster, "Service", ref.namespace, ref.name)),
                SERVICE,
                inferred=True,
                status=EdgeStatus.MISSING,
            )
        inferred = ref.type in INFERRED_TYPES or bool(ref.detail)
        target = self.lookup(obj, ref.kind, ref.namespace, ref.name)
        if target is None and ref.kind == "ExternalArtifact":
            target = self.artifact_generator(obj, ref)
        if target is not None:
            return Edge(obj.key, target.key, ref.type, inferred=inferred)
        key = str(ObjectKey.of(obj.cluster, ref.kind, ref.namespace, ref.name))
        if ref.type == NAMESPACE and ref.name in BUILTIN_NAMESPACES:
            return Edge(obj.key, key, ref.type, status=EdgeStatus.BUILT_IN)
        return Edge(obj.key, key, ref.type, inferred=inferred,
                    status=self.implicit.get(key, EdgeStatus.MISSING))

    def artifact_generator(self, obj: K8sObject, ref: Reference) -> K8sObject | None:
        for candidate in self.by_cluster.get(obj.cluster, {}).values():
            if candidate.kind != "ArtifactGenerator" or candidate.namespace != ref.namespace:
                continue
            artifacts = candidate.spec.get("artifacts")
            for artifact in artifacts if isinstance(artifacts, list) else []:
                if isinstance(artifact, Mapping) and artifact.get("name") == ref.name:
                    return candidate
        return None

    def service_owner(self, obj: K8sObject, ref: Reference) -> K8sObject | None:
        """The object that creates Service ``ref``: a Service, a chart's release, a collector.

        A chart's Services are named after its release (``loki``, ``loki-gateway``,
        ``prometheus-server``); the longest release name that prefixes the Service wins.
        """
        objs = self.by_cluster.get(obj.cluster, {})
        direct = objs.get(object_id("Service", ref.namespace, ref.name))
        if direct is not None:
            return direct
        owners = self._owners().get((obj.cluster, ref.namespace), ())
        for release, candidate in owners:  # longest first
            if ref.name == release or ref.name.startswith(release + "-"):
                return candidate
        return None

    def _owners(self) -> dict[tuple[str | None, str | None], list[tuple[str, K8sObject]]]:
        if self._service_owners is None:
            owners: dict[tuple[str | None, str | None], list[tuple[str, K8sObject]]] = {}
            for candidate in self.objects:
                spec = candidate.spec
                if candidate.kind == "HelmRelease":
                    ns = spec.get("targetNamespace") or candidate.namespace
                    release, _ = helm_release_name(candidate.name, spec)
                elif candidate.kind == "OpenTelemetryCollector":
                    ns, release = candidate.namespace, f"{candidate.name}-collector"
                else:
                    continue
                if isinstance(release, str) and isinstance(ns, str):
                    owners.setdefault((candidate.cluster, ns), []).append((release, candidate))
            for entries in owners.values():
                entries.sort(key=lambda e: (-len(e[0]), e[0]))
            self._service_owners = owners
        return self._service_owners

def _at(node: Any, keys: tuple[Any, ...]) -> Any:
    for key in keys:
        if not isinstance(node, Mapping):
            return None
        node = node.get(key)
    return node

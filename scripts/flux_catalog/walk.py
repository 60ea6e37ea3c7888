"""Walk a repository the way Flux does: cluster roots, Flux Kustomizations, kustomize builds.

``walk()`` answers "which objects would Flux apply, in which cluster and namespace, and
which Flux Kustomization applies each one", from files alone. The kustomize semantics live
in ``kustomize/``, Flux's in ``flux/``; this module joins them. See DESIGN.md section 3.
"""

from __future__ import annotations

import posixpath
from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .flux.apply import amended_target, amends, apply, flux_path
from .flux.roots import Root, operator_roots, placeholder_roots
from .flux.sources import Sources
from .kustomize import Accumulation, FileSystem, Kustomizer, Resource, is_object, meta
from .kustomize.resource import new_resource
from .load import YAML_SUFFIXES, LoadedFile
from .model import Document, K8sObject, Problem, object_id
from .positions import line_at

FLUX_KUSTOMIZE_API = "kustomize.toolkit.fluxcd.io"
SELF_SOURCE_NAMES = frozenset({"flux-system"})
INFO = "info"


@dataclass
class WalkResult:
    objects: list[K8sObject]
    problems: list[Problem]
    files: dict[str, LoadedFile]
    external: list[tuple[str, int, str]]
    clusters: dict[str, str]  # cluster name -> root directory
    used_files: set[str]  # patches, generator inputs, kustomize configurations
    cluster_scoped: frozenset[str]
    # Sources that are this repository: "Kind/namespace/name" -> artifact root directory.
    source_roots: dict[str, str] = field(default_factory=dict)


def is_flux_kustomization(body: Mapping[str, Any]) -> bool:
    return body.get("kind") == "Kustomization" and str(body.get("apiVersion", "")).startswith(
        FLUX_KUSTOMIZE_API)


@dataclass
class Discovery:
    """What a walk knows before it builds any cluster: the YAML files in scope, the clusters
    (name, root directory and root Kustomization, in walk order), the sources that are this
    repository, the cluster-scoped kinds the repository's CRDs add, and what it reported."""

    files: list[str]
    plan: list[tuple[str, str, Root]]
    sources: Sources
    cluster_scoped: frozenset[str]
    problems: set[Problem]
    external: set[tuple[str, int, str]]
    # Directory builds made so far, shared by the clusters' Kustomizers (effects replayed).
    builds: dict[str, Accumulation] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)  # files discovery's builds used


@dataclass
class ClusterWalk:
    """One cluster's walk, built by a Kustomizer of its own: its objects, what it reported,
    and every file it read (a later run can tell whether an edit reaches this cluster)."""

    name: str
    objects: list[K8sObject]
    problems: set[Problem]
    used: set[str]
    external: set[tuple[str, int, str]]
    files: dict[str, LoadedFile]
    deployed: set[tuple[str, int]]


def walk(root: Path, scope: list[str], *, self_sources: Iterable[str] = SELF_SOURCE_NAMES,
         source_dirs: Mapping[str, str] | None = None, fs: FileSystem | None = None
         ) -> WalkResult:
    """Build the applied objects of every cluster reachable from ``scope`` (repo-relative).

    Each cluster is built by a Kustomizer of its own, sharing directory builds with the
    others (a shared build's reads and problems are replayed: ``kustomize/effects.py``)."""
    k = Kustomizer(fs or FileSystem(root))
    found = discover(k, root, scope, self_sources, source_dirs)
    walks = [walk_cluster(k.fs, found, name, item) for name, _, item in found.plan]
    return merge(k, found, walks)


def discover(k: Kustomizer, root: Path, scope: list[str], self_sources: Iterable[str],
             source_dirs: Mapping[str, str] | None) -> Discovery:
    """Load every YAML file in scope and find the clusters: their roots and directories."""
    sources = Sources(self_sources, source_dirs)
    scope_files: set[str] = set()
    for entry in scope:
        for rel, problem in k.fs.yaml_files(entry):
            if problem:
                k.problem(rel, 1, "path-escape", problem)
            elif not k.fs.ignored(rel):
                scope_files.add(rel)
    files = sorted(scope_files)
    docs = [d for rel in files for d in k.load(rel).docs if is_object(d.data)]
    for rel, message in k.fs.ignore_problems:
        k.problem(rel, 1, "sourceignore", message, "warning")

    for doc in docs:
        data = doc.data
        if data["kind"] == "GitRepository" and meta(data).get("name") == "flux-system":
            sources.note_repository((data.get("spec") or {}).get("url")
                                    if isinstance(data.get("spec"), Mapping) else None)
    roots = operator_roots(k, sources, docs)
    for doc in docs:
        ns = meta(doc.data).get("namespace")
        if doc.data["kind"] == "GitRepository":
            sources.note_source(doc.data, ns if isinstance(ns, str) else None)
        elif doc.data["kind"] == "ArtifactGenerator":
            sources.note_artifact_generator(doc.data, ns if isinstance(ns, str) else None)
    if not roots:
        roots = _bootstrap_roots(k, sources, docs, files)
    plan: list[tuple[str, str, Root]] = []
    directories: set[str] = set()
    for item in roots:
        directory = flux_path(k, sources, item.ks)
        if directory is None or directory in directories:
            continue
        name = posixpath.basename(directory) or root.name
        if any(name == other for other, _, _ in plan):
            name = directory.replace("/", "-")
        directories.add(directory)
        plan.append((name, directory, item))
    return Discovery(files, plan, sources, frozenset(k.cluster_scoped), set(k.problems),
                     set(k.external), k.builds, set(k.used))


def walk_cluster(fs: FileSystem, found: Discovery, name: str, root: Root) -> ClusterWalk:
    """Build one cluster from its root, with a Kustomizer of its own (directory builds are
    shared between clusters, with their effects: each cluster reads and reports as if it
    had built them)."""
    k = Kustomizer(fs, found.builds)
    k.cluster_scoped.update(found.cluster_scoped)
    deployed: set[tuple[str, int]] = set()
    objects = _walk_cluster(k, found.sources, name, root, deployed)
    return ClusterWalk(name, objects, set(k.problems), set(k.used), set(k.external),
                       dict(k.files), deployed)


def merge(k: Kustomizer, found: Discovery, walks: list[ClusterWalk]) -> WalkResult:
    """The walk of the whole repository: every cluster's objects, then the objects that no
    cluster applies."""
    clusters = {name: directory for name, directory, _ in found.plan}
    objects: list[K8sObject] = []
    deployed: set[tuple[str, int]] = set()
    for one in walks:
        objects.extend(one.objects)
        deployed |= one.deployed
        k.problems |= one.problems
        k.used |= one.used
        k.external |= one.external
        for rel, loaded in one.files.items():
            k.files.setdefault(rel, loaded)
    objects.extend(_not_deployed(k, found.files, clusters, deployed))
    return WalkResult(objects, sorted(k.problems), k.files, sorted(k.external), clusters,
                      k.used, frozenset(k.cluster_scoped),
                      source_roots(found.sources, objects, bool(clusters)))


def source_roots(sources: Sources, objects: Iterable[K8sObject], any_cluster: bool
                 ) -> dict[str, str]:
    """Sources that are this repository, by object id, and the directory each starts at."""
    out = {}
    for kind in ("GitRepository", "OCIRepository"):  # what bootstrap or the operator makes
        base = sources.root_of(kind, "flux-system", "flux-system")
        if base is not None and any_cluster:
            out[object_id(kind, "flux-system", "flux-system")] = base
    for obj in objects:
        if obj.kind in ("GitRepository", "OCIRepository", "Bucket") and obj.deployed:
            base = sources.root_of(obj.kind, obj.namespace, obj.name)
            if base is not None:
                out[obj.id] = base
    return out


def _bootstrap_roots(k: Kustomizer, sources: Sources, docs: list[Document],
                     files: list[str]) -> list[Root]:
    """Roots of repositories without a Flux Operator instance: self-applying Kustomizations
    (gotk-sync.yaml), bootstrapped clusters whose gotk-sync.yaml is a placeholder, and
    failing both every Kustomization nothing else applies."""
    candidates: list[Resource] = []
    dirs: dict[int, str] = {}
    for doc in docs:
        if is_flux_kustomization(doc.data) and k._valid_metadata(doc):
            res = new_resource(doc, doc.data)
            directory = flux_path(k, sources, res)
            if directory is not None:
                dirs[len(candidates)] = directory
                candidates.append(res)
    applies: dict[int, set[int]] = {}
    by_doc = {(c.doc.path, c.doc.index): i for i, c in enumerate(candidates)}
    covered: dict[int, set[str]] = {}
    for i, cand in enumerate(candidates):
        # which documents it applies: the accumulation is enough (cached, no copies), of
        # the kustomization as Flux amends it (a component may bring what a patch targets),
        # quietly: the amendments are read as written, before the parent's substitution
        # and patches (the cluster's walk builds it as applied, and reports what it finds)
        if amends(cand):
            built = k.accumulate_target(dirs[i], amended_target(k, cand, dirs[i]),
                                        quiet=True).resources
        else:
            built = k.accumulate(dirs[i], (), (cand.doc.path, cand.doc.line)).resources
        applies[i] = {by_doc[(r.doc.path, r.doc.index)] for r in built
                      if (r.doc.path, r.doc.index) in by_doc}
        covered[i] = {r.doc.path for r in built}
    self_applying = [i for i in applies if _reaches(i, i, applies)]
    chosen = [i for i in self_applying
              if not any(i in applies[o] and not _reaches(i, o, applies)
                         for o in applies if o != i)]
    roots = [Root(candidates[i], "gotk-sync") for i in chosen]
    root_dirs = {dirs[i] for i in chosen}
    roots += placeholder_roots(files, set().union(*(covered[i] for i in chosen)),
                               root_dirs)
    if not roots:
        applied = set().union(*applies.values()) if applies else set()
        roots = [Root(c, "top-level Kustomization") for i, c in enumerate(candidates)
                 if i not in applied]
    return roots


def _reaches(start: int, goal: int, graph: Mapping[int, set[int]]) -> bool:
    seen: set[int] = set()
    todo = list(graph.get(start, ()))
    while todo:
        node = todo.pop()
        if node == goal:
            return True
        if node not in seen:
            seen.add(node)
            todo.extend(graph.get(node, ()))
    return False


def _walk_cluster(k: Kustomizer, sources: Sources, cluster: str, root: Root,
                  deployed: set[tuple[str, int]]) -> list[K8sObject]:
    """Every object the cluster's Kustomizations apply, breadth first from the root. A
    second pass runs when ``substituteFrom`` named an object the first pass found later."""
    known: dict[tuple[str, str | None, str], Any] = {}
    before = (set(k.problems), dict(k.files), set(k.used), set(k.external))
    result, missing = _cluster_pass(k, sources, cluster, root, known)
    if any(key in known for key in missing):
        # The second pass starts from scratch: files it loads report their YAML errors again.
        k.problems, k.files = set(before[0]), dict(before[1])
        k.used, k.external = set(before[2]), set(before[3])
        result, missing = _cluster_pass(k, sources, cluster, root, known)
    for obj in result:
        deployed.add((obj.path, obj.index))
    return result


def _cluster_pass(k: Kustomizer, sources: Sources, cluster: str, root: Root,
                  known: dict[tuple[str, str | None, str], Any]
                  ) -> tuple[list[K8sObject], set[tuple[str, str | None, str]]]:
    objects: dict[tuple[str, str], K8sObject] = {}  # by (API group, id)
    root_id = object_id("Kustomization", root.ks.namespace, root.ks.name)
    queue: deque[tuple[Resource, str]] = deque([(root.ks, root_id)])
    visited: set[str] = set()
    missing: set[tuple[str, str | None, str]] = set()
    while queue:
        ks, ks_id = queue.popleft()
        if ks_id in visited:
            continue
        visited.add(ks_id)
        applied = apply(k, sources, ks, known)
        _note_missing(k, ks, applied.missing_sources, missing)
        for res in applied.resources:
            obj = _object(k, res, cluster, ks_id)
            key = (res.group, obj.id)
            previous = objects.get(key)
            if previous is not None:
                if (previous.path, previous.line) != (obj.path, obj.line):
                    k.problem(obj.path, obj.line, "duplicate-object",
                              f"{obj.id} is also defined at {previous.path}:{previous.line} "
                              f"in cluster '{cluster}'; Flux fails on duplicate objects")
                continue
            objects[key] = obj
            if obj.kind in ("ConfigMap", "Secret"):
                known[(obj.kind, obj.namespace, obj.name)] = res.body
            if is_flux_kustomization(res.body):
                queue.append((res, obj.id))
    root_key = (root.ks.group, root_id)
    if root_key not in objects:  # a root nobody applies: made by bootstrap or the operator
        objects[root_key] = _object(k, root.ks, cluster, None)
    return list(objects.values()), missing


def _note_missing(k: Kustomizer, ks: Resource, sources: list[str],
                  missing: set[tuple[str, str | None, str]]) -> None:
    if not sources:
        return
    for text in sources:
        kind, _, rest = text.partition("/")
        missing.add((kind, ks.namespace, rest.split(" ")[0]))
    line = line_at(ks.doc.data, ("spec", "postBuild", "substituteFrom"), ks.doc.line)
    k.problem(ks.doc.path, line, "substitution-unknown",
              f"Kustomization '{ks.name}': values from {', '.join(sources)} are unknown to the "
              "catalog; their ${VARIABLES} are shown as written", INFO)


def _object(k: Kustomizer, res: Resource, cluster: str, applied_by: str | None) -> K8sObject:
    body = res.body
    kind = str(body["kind"])
    ns = None if kind in k.cluster_scoped else res.namespace
    return K8sObject(
        str(body["apiVersion"]), kind, res.name, ns, res.doc.path, res.doc.line, body,
        cluster=cluster, deployed=True, applied_by=applied_by,
        patched_by=tuple(dict.fromkeys(p.source for p in res.patches)),
        generated=res.generated, index=res.doc.index, patches=res.patches,
        changes=tuple(str(c) for c in res.changes), written_name=res.written_name,
        unknown_vars=tuple(sorted(res.unknown_vars)))


def _not_deployed(k: Kustomizer, files: list[str], clusters: Mapping[str, str],
                  deployed: set[tuple[str, int]]) -> list[K8sObject]:
    """Objects written in scope that no walk applies, in the top-level directories Flux
    builds from (``talos/`` or ``bootstrap/`` beside ``kubernetes/`` are not Flux's)."""
    out: list[K8sObject] = []
    flux_tops = {path.split("/")[0] for path, _ in deployed if "/" in path}
    for rel in files:
        if rel in k.used or ("/" in rel and flux_tops and rel.split("/")[0] not in flux_tops):
            continue
        for doc in k.files[rel].docs:
            if (doc.path, doc.index) in deployed or not is_object(doc.data):
                continue
            cluster = next((c for c, d in clusters.items()
                            if d == "" or rel == d or rel.startswith(d + "/")), None)
            for res in k.objects(doc, report=False):
                kind = res.kind
                ns = None if kind in k.cluster_scoped else res.namespace
                out.append(K8sObject(res.api_version, kind, res.name, ns, rel, res.doc.line,
                                     res.body, cluster=cluster, deployed=False,
                                     index=doc.index))
    return out


__all__ = ["YAML_SUFFIXES", "ClusterWalk", "Discovery", "WalkResult", "discover",
           "is_flux_kustomization", "merge", "source_roots", "walk", "walk_cluster"]

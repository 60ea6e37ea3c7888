"""``check`` one cluster at a time, so that a re-check rebuilds only what an edit reaches.

A check is the union of independent parts:

- **discovery** loads every YAML file in scope and finds the clusters (``walk.discover``);
  what it reports that no cluster reports again (about files no cluster reads) is kept;
- one **unit** per cluster: its walk (a Kustomizer of its own), its resolution and its
  rules' findings (a cluster is judged on its own: ``rules.partition``), with every path
  read on the way (``DocumentStore.recording``);
- the policy's own problems.

``rules.finish`` makes one report of them, the same report ``rules.run`` makes of the whole
catalog. Objects that no cluster applies are judged against every cluster: a repository
that has any is checked as a whole, and every re-check of it is a full one.

A re-check (``previous`` and the changed paths given) rebuilds only the units that read a
changed file, when nothing else can have changed (else it checks everything again):

- no file was added or removed and no symlink changed (the manifest says so);
- no kustomization, ``.sourceignore``, bootstrap or policy file changed, nor a CRD file
  given (``--crds``, the policy's ``crds``), nor anything outside the repository;
- every changed file discovery read (those in scope, and what its builds of the Flux
  Kustomizations' directories read outside it) is read by some cluster, its Flux documents
  (those discovery reads: Flux Kustomizations, GitRepositories, ArtifactGenerators,
  FluxInstances) are as they were, lines included (and so are its CRDs: which kinds are
  cluster-scoped), and discovery's own builds reported nothing but YAML errors (what else
  they report may come from any file they read);
- no object ends up applied by no cluster (a duplicate, a document added to a patch).

What discovery reports about a file a cluster reads only as text (a generator input, a
Chart.yaml) is taken again from the edited file; a symlink's edit is the edit of every
link to it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import posixpath
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..documents import DocumentStore
from ..flux.roots import Root, instance_sync, synthetic_root
from ..flux.sources import Sources
from ..gc_pace import paced
from ..kustomize import FileSystem, Kustomizer, is_object
from ..kustomize.resource import new_resource
from ..load import RULE as LOAD_RULE
from ..load import LoadedFile
from ..model import Catalog, Problem
from ..policy import Policy
from ..resolve import resolve_walk
from ..rules import Raw, findings, finish, run
from ..walk import (
    ClusterWalk,
    Discovery,
    WalkResult,
    discover,
    is_flux_kustomization,
    merge,
    source_roots,
    walk_cluster,
)

# Files whose change can move clusters, roots, sources, listings or the policy.
STRUCTURAL = frozenset({
    "kustomization.yaml", "kustomization.yml", "Kustomization", ".sourceignore",
    "gotk-sync.yaml", "gotk-components.yaml", "pyproject.toml", ".flux-catalog.yaml",
    ".flux-catalog.yml",
})
# Documents discovery reads: sources, roots, and CRDs (which kinds are cluster-scoped).
DISCOVERY_KINDS = frozenset({"GitRepository", "ArtifactGenerator", "FluxInstance",
                             "CustomResourceDefinition"})


@dataclass
class Unit:
    """One cluster's part of a check."""

    reads: list[str]  # repository-relative paths (absolute outside the repository)
    raw: list[Raw]
    objects: int
    components: int
    deployed: list[tuple[str, int]] = field(default_factory=list)  # (file, document index)
    used: list[str] = field(default_factory=list)  # patches, generator inputs, kustomizations


@dataclass
class State:
    """What a re-check needs from the check before it."""

    files: list[str]
    plan: list[tuple[str, str, list[Any]]]  # cluster, directory, root record
    sources: dict[str, Any]
    cluster_scoped: list[str]
    discovery_only: list[Problem]
    digests: dict[str, str]  # scope YAML file -> digest of its Flux documents (if any)
    units: dict[str, Unit]
    external: list[tuple[str, int, str]] = field(default_factory=list)  # found by discovery
    used: list[str] = field(default_factory=list)  # what discovery's builds used
    # What discovery reported that clusters reported too: still reported when a re-check
    # leaves no cluster reporting it (discovery would, about the same unchanged file).
    shared: list[Problem] = field(default_factory=list)
    # What discovery read besides the files in scope: the directories of Flux
    # Kustomizations outside the paths, generator inputs, files it looked for
    discovered: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"files": self.files, "plan": [list(p) for p in self.plan],
                "sources": self.sources, "cluster_scoped": self.cluster_scoped,
                "discovery_only": [_problem_json(p) for p in self.discovery_only],
                "digests": self.digests, "external": [list(e) for e in self.external],
                "used": self.used, "shared": [_problem_json(p) for p in self.shared],
                "discovered": self.discovered,
                "units": {name: {"reads": u.reads, "objects": u.objects,
                                 "components": u.components, "used": u.used,
                                 "deployed": [list(d) for d in u.deployed],
                                 "raw": [[*_problem_json(p), once] for p, once in u.raw]}
                          for name, u in self.units.items()}}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> State:
        """Raises KeyError, TypeError or ValueError on anything but what ``to_json`` wrote."""
        units = {str(name): Unit([str(r) for r in u["reads"]],
                                 [(Problem(*raw[:6]), tuple(raw[6]) if raw[6] else None)
                                  for raw in u["raw"]], int(u["objects"]), int(u["components"]),
                                 [(str(f), int(i)) for f, i in u["deployed"]],
                                 [str(r) for r in u["used"]])
                 for name, u in data["units"].items()}
        return cls([str(f) for f in data["files"]],
                   [(str(n), str(d), list(r)) for n, d, r in data["plan"]],
                   dict(data["sources"]), [str(k) for k in data["cluster_scoped"]],
                   [Problem(*p) for p in data["discovery_only"]],
                   {str(k): str(v) for k, v in data["digests"].items()}, units,
                   [(str(p), int(line), str(url)) for p, line, url in data["external"]],
                   [str(r) for r in data["used"]], [Problem(*p) for p in data["shared"]],
                   [str(r) for r in data["discovered"]])


@dataclass
class Checked:
    problems: list[Problem]
    counts: tuple[int, int]  # objects, components
    state: State | None  # None: a re-check must check everything
    catalog: Catalog | None = None  # the whole catalog, when it was judged as a whole
    rechecked: list[str] | None = None  # clusters a re-check rebuilt (None: a full check)
    read: set[str] = field(default_factory=set)  # every path the result depends on reading
    fresh: set[str] = field(default_factory=set)  # those this run read itself


@paced()
def check(root: Path, scope: list[str], policy: Policy, policy_problems: Iterable[Problem],
          source_dirs: Mapping[str, str] | None, crds: tuple[Path, ...],
          previous: State | None = None, changed: set[str] | None = None,
          catalogs: dict[str, Catalog] | None = None) -> Checked:
    """The problems of ``check`` (``changed``: repository-relative paths that changed since
    ``previous`` was checked, None when unknown). ``catalogs``: each cluster's catalog, kept
    by the caller between runs (``previous`` must be the state they were made with); those
    of the clusters checked again are replaced, or all of them."""
    documents = DocumentStore(root)
    if previous is not None and changed is not None and (
            catalogs is None or set(catalogs) == set(previous.units)):
        affected = _affected(previous, changed, documents, _crd_inputs(root, policy, crds))
        if affected is not None:
            done = _recheck(root, scope, policy, list(policy_problems), crds, previous,
                            affected, changed, documents, catalogs)
            if done is not None:
                return _with_reads(done, documents)
    if catalogs is not None:
        catalogs.clear()
    return _with_reads(_full(root, scope, policy, list(policy_problems), source_dirs, crds,
                             documents, catalogs), documents)


def _with_reads(done: Checked, documents: DocumentStore) -> Checked:
    """``done`` with the paths read: by this run, and by the clusters it did not rebuild."""
    done.read = set(documents.read_paths)
    done.fresh = set(done.read)
    if done.state is not None:
        done.read.update(*(unit.reads for unit in done.state.units.values()))
    return done


# -- a full check ---------------------------------------------------------------------------


def _full(root: Path, scope: list[str], policy: Policy, policy_problems: list[Problem],
          source_dirs: Mapping[str, str] | None, crds: tuple[Path, ...],
          documents: DocumentStore, catalogs: dict[str, Catalog] | None) -> Checked:
    k = Kustomizer(FileSystem(root, documents))
    found = discover(k, root, scope, policy.self_sources, source_dirs)
    discovered = set(documents.read_paths).difference(found.files)
    walks = []
    for name, _, item in found.plan:
        view = documents.recording()
        walks.append((view, walk_cluster(k.fs.view(view), found, name, item)))
    result = merge(k, found, [cw for _, cw in walks])
    if any(not obj.deployed for obj in result.objects):
        catalog = resolve_walk(root, scope, policy, result, documents, policy_problems)
        problems = run(catalog, policy, crds)
        return Checked(problems, (len(catalog.objects), len(catalog.components())), None,
                       catalog)
    units = {cw.name: _judge(root, scope, policy, crds, found, cw, view, catalogs)
             for view, cw in walks}
    reported = set().union(*(cw.problems for _, cw in walks))
    state = State(
        found.files, [(name, directory, _root_record(item)) for name, directory, item
                      in found.plan],
        found.sources.state(), sorted(found.cluster_scoped),
        sorted(found.problems - reported), _digests(k.files), units,
        sorted(found.external), sorted(found.used), sorted(found.problems & reported),
        sorted(discovered))
    return _report(state, policy_problems, documents, policy)


def _judge(root: Path, scope: list[str], policy: Policy, crds: tuple[Path, ...],
           found: Discovery, cw: ClusterWalk, view: DocumentStore,
           catalogs: dict[str, Catalog] | None = None) -> Unit:
    """Resolve one cluster's walk and run the rules over it."""
    clusters = {name: directory for name, directory, _ in found.plan}
    result = WalkResult(cw.objects, sorted(cw.problems), cw.files, sorted(cw.external),
                        clusters, cw.used, found.cluster_scoped,
                        source_roots(found.sources, cw.objects, True))
    catalog = resolve_walk(root, scope, policy, result, view)
    if catalogs is not None:
        catalogs[cw.name] = catalog
    raw = {(p, None) for p in catalog.problems} | findings(catalog, policy, crds)
    assert view.reads is not None
    # What the build read: through the view, and what a shared build read for it.
    reads = _relative(root, view.reads) | cw.used | set(cw.files)
    return Unit(sorted(reads), sorted(raw, key=_raw_key),
                len(catalog.objects), len(catalog.components()), sorted(cw.deployed),
                sorted(cw.used))


def _report(state: State, policy_problems: list[Problem], documents: DocumentStore,
            policy: Policy) -> Checked:
    raw: set[Raw] = {(p, None) for p in (*policy_problems, *state.discovery_only,
                                         *state.shared)}
    for unit in state.units.values():
        raw.update(unit.raw)
    counts = (sum(u.objects for u in state.units.values()),
              sum(u.components for u in state.units.values()))
    return Checked(finish(raw, documents, policy), counts, state)


# -- a re-check -----------------------------------------------------------------------------


def _affected(previous: State, changed: set[str], documents: DocumentStore,
              crd_inputs: Iterable[str] = ()) -> set[str] | None:
    """The clusters to check again, or None when everything must be."""
    readers: dict[str, set[str]] = {}
    for name, unit in previous.units.items():
        for rel in unit.reads:
            readers.setdefault(rel, set()).add(name)
    discovered = {*previous.files, *previous.discovered}
    # A problem of discovery's own builds (of a directory no cluster builds as it does) may
    # come from any file those builds read.
    builds_reported = any(p.rule != LOAD_RULE for p in previous.discovery_only)
    affected: set[str] = set()
    for rel in changed:
        if posixpath.isabs(rel) or posixpath.basename(rel) in STRUCTURAL:
            return None
        if any(rel == c or rel.startswith(c + "/") or c == "." for c in crd_inputs):
            return None  # a CRD file given (--crds, the policy's crds): every cluster's
        if rel in discovered:
            if rel not in readers or builds_reported:
                return None  # what discovery alone reads: objects no cluster applies
            if _digest(documents.load(rel)) != previous.digests.get(rel, ""):
                return None  # sources, roots, cluster-scoped kinds
        affected |= readers.get(rel, set())
    return affected


def _crd_inputs(root: Path, policy: Policy, crds: Iterable[Path]) -> list[str]:
    """The CRD files and directories given, inside ``root``, repository-relative."""
    out = []
    for path in (*crds, *(root / p for p in policy.crds)):
        for form in (Path(os.path.normpath(root / path)), path.resolve()):
            with contextlib.suppress(ValueError):
                out.append(form.relative_to(root).as_posix())
    return out


def _recheck(root: Path, scope: list[str], policy: Policy, policy_problems: list[Problem],
             crds: tuple[Path, ...], previous: State, affected: set[str],
             changed: set[str], documents: DocumentStore,
             catalogs: dict[str, Catalog] | None) -> Checked | None:
    """The clusters ``affected`` checked again, the others as they were; None when the
    edit left an object that no cluster applies, or a problem discovery reported that no
    cluster reports any more (everything must be checked again)."""
    found = Discovery(previous.files, [], Sources.from_state(previous.sources),
                      frozenset(previous.cluster_scoped), set(), set())
    found.plan = [(name, directory, _root_of(record, documents))
                  for name, directory, record in previous.plan]
    units = dict(previous.units)
    fs = FileSystem(root, documents)
    for name, _, item in found.plan:
        if name in affected:
            view = documents.recording()
            cw = walk_cluster(fs.view(view), found, name, item)
            units[name] = _judge(root, scope, policy, crds, found, cw, view, catalogs)
    if not _all_deployed(previous, units, affected, changed, documents):
        return None
    # What discovery reported of a changed file (its YAML errors, when no cluster parses
    # it), as the file now is.
    only = [p for p in previous.discovery_only if p.path not in changed]
    only += [p for rel in sorted(changed & set(previous.files))
             for p in documents.load(rel).problems]
    # What discovery and a cluster reported, and now no cluster: a file's YAML errors stand
    # while it is unchanged; anything else (a patch that failed on an edited object) only
    # discovery run again can tell.
    reported = {p for unit in units.values() for p, _ in unit.raw}
    shared = [p for p in previous.shared if p.path not in changed]
    if any(p.rule != LOAD_RULE and p not in reported for p in shared):
        return None
    state = State(previous.files, previous.plan, previous.sources, previous.cluster_scoped,
                  sorted(set(only)), previous.digests, units, previous.external,
                  previous.used, shared, previous.discovered)
    done = _report(state, policy_problems, documents, policy)
    done.rechecked = sorted(affected)
    return done


def _all_deployed(previous: State, units: Mapping[str, Unit], affected: set[str],
                  changed: set[str], documents: DocumentStore) -> bool:
    """Whether every object written in the files the re-checked clusters read (before and
    after) and the changed files is still applied by some cluster (``walk._not_deployed``
    skips the same files)."""
    deployed = {(str(f), int(i)) for unit in units.values() for f, i in unit.deployed}
    used = set(previous.used).union(*(unit.used for unit in units.values()))
    tops = {path.split("/")[0] for path, _ in deployed if "/" in path}
    before = {path.split("/")[0] for unit in previous.units.values()
              for path, _ in unit.deployed if "/" in path}
    if tops - before:  # a directory Flux now builds from: its files no cluster read count
        return False
    touched = set(changed)
    for name in affected:
        touched.update(previous.units[name].reads, units[name].reads)
    for rel in touched & set(previous.files):
        if rel in used or ("/" in rel and tops and rel.split("/")[0] not in tops):
            continue
        for doc in documents.load(rel).docs:
            if is_object(doc.data) and (rel, doc.index) not in deployed:
                return False
    return True


# -- what a State keeps ---------------------------------------------------------------------


def _root_record(item: Root) -> list[Any]:
    ks = item.ks
    if ks.generated:  # made by bootstrap or the operator: rebuilt from what it was made of
        spec = ks.body["spec"]
        # the path it was made of: ``synthetic_root`` adds the "./" again
        return ["synthetic", ks.doc.path, ks.doc.line, spec["path"].removeprefix("./"),
                spec["sourceRef"]["kind"], item.how]
    return ["document", ks.doc.path, ks.doc.index, item.how]


def _root_of(record: list[Any], documents: DocumentStore) -> Root:
    if record[0] == "synthetic":
        _, path, line, spec_path, kind, how = record
        return Root(synthetic_root(path, int(line), str(spec_path), str(kind)), str(how))
    _, path, index, how = record
    doc = next(d for d in documents.load(str(path)).docs if d.index == index)
    return Root(new_resource(doc, doc.data), str(how))


def _digests(loaded: Mapping[str, LoadedFile]) -> dict[str, str]:
    out = {}
    for rel, file in loaded.items():
        digest = _digest(file)
        if digest:
            out[rel] = digest
    return out


def _digest(loaded: LoadedFile) -> str:
    """The documents of a file that discovery reads (where each starts, and what it says);
    "" for a file without any."""
    docs = [[d.index, d.line, d.data] for d in loaded.docs
            if is_object(d.data) and (d.data.get("kind") in DISCOVERY_KINDS
                                      or is_flux_kustomization(d.data)
                                      or instance_sync(d.data) is not None)]
    if not docs:
        return ""
    text = json.dumps(docs, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def _relative(root: Path, paths: Iterable[str]) -> set[str]:
    base = str(root) + "/"
    return {p[len(base):] if p.startswith(base) else p for p in paths}


def _problem_json(p: Problem) -> list[Any]:
    return [p.path, p.line, p.col, p.rule, p.level, p.message]


def _raw_key(raw: Raw) -> tuple[Problem, tuple[str, ...]]:
    return raw[0], raw[1] or ()

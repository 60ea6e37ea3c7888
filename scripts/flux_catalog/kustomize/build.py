"""A kustomize build, staged as kustomize's ``KustTarget`` stages it.

For one kustomization: resources (files, nested kustomizations, each built on its own),
transformer configurations, ``crds``, generators, components (which add to and transform
what has been accumulated so far), then the built-in transformers in kustomize's order:
patchesStrategicMerge, patches, namespace, namePrefix/nameSuffix, labels and commonLabels,
commonAnnotations, patchesJson6902, replicas, images, replacements. Only the outermost build
adds the generators' hash suffixes and then fixes name references, as
``makeCustomizedResMap`` does. A directory without a kustomization file builds as Flux's
generated kustomization (every YAML file below it; a sub-directory with a kustomization
file as one resource).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from ..load import LoadedFile
from ..model import CLUSTER_SCOPED_KINDS, ERROR, Document, Problem
from ..positions import key_line
from . import generators, namerefs
from .effects import Effects
from .fieldspecs import CLUSTER_SCOPED, SERVER_CLUSTER_SCOPED
from .fs import FileSystem
from .resource import Change, Resource, is_object, meta, metadata_problem, new_resource
from .stages import generate, transform
from .targets import Target

INFO = "info"
KUSTOMIZATION_FILES = ("kustomization.yaml", "kustomization.yml", "Kustomization")
REMOTE = re.compile(
    r"^(https?://|ssh://|git@|git::|github\.com/|gitlab\.com/|bitbucket\.org/|oci://)|\?ref=")
LOCAL_CONFIG = "config.kubernetes.io/local-config"


@dataclass
class Accumulation:
    resources: list[Resource] = field(default_factory=list)
    name_refs: list[tuple[str | None, str, str]] = field(default_factory=list)
    # ids of ``resources``, kept while resources are only appended (transformers replace
    # the list, which invalidates it)
    _ids: dict[tuple[str, str, str, str | None], Resource] = field(default_factory=dict)
    _ids_of: tuple[int, int] = (0, 0)
    effects: Effects = field(default_factory=Effects)  # what building it did (replayed)
    component: bool = False  # its kustomization is a Component (wrongly listed as a resource)

    def ids(self) -> dict[tuple[str, str, str, str | None], Resource]:
        if self._ids_of != (id(self.resources), len(self.resources)):
            self._ids = {_rid(r): r for r in self.resources}
        return self._ids


class Kustomizer:
    """Builds kustomizations of one repository; nested builds are cached by directory."""

    def __init__(self, fs: FileSystem, builds: dict[str, Accumulation] | None = None) -> None:
        """``builds``: a cache of directory builds shared with other Kustomizers (their
        effects are replayed: :mod:`.effects`)."""
        self.fs = fs
        self.files: dict[str, LoadedFile] = {}
        self.problems: set[Problem] = set()
        self.external: set[tuple[str, int, str]] = set()
        self.used: set[str] = set()
        self.cluster_scoped = set(CLUSTER_SCOPED_KINDS) | CLUSTER_SCOPED | SERVER_CLUSTER_SCOPED
        self.builds: dict[str, Accumulation] = {} if builds is None else builds
        self._kfiles: dict[str, str | None] = {}
        self._frames: list[Effects] = []  # the effects of the builds in progress
        self._entered: set[str] = set()  # builds in progress that met a cycle entered above
        self._quiet = 0  # > 0: what is found is kept with the builds, not reported here

    # -- files -----------------------------------------------------------------------------

    def problem(self, path: str, line: int, rule: str, message: str, level: str = ERROR,
                col: int = 1) -> None:
        self._report(Problem(path, line, col, rule, level, message))

    def _report(self, problem: Problem) -> None:
        if not self._quiet:
            self.problems.add(problem)
        for frame in self._frames:
            frame.problems.add(problem)

    def use(self, rel: str) -> None:
        """``rel`` is read as a patch, a generator input or a configuration."""
        self.used.add(rel)
        for frame in self._frames:
            frame.used.add(rel)

    def load(self, rel: str) -> LoadedFile:
        for frame in self._frames:
            frame.files.add(rel)
        loaded = self.files.get(rel)
        if loaded is None:
            loaded = self.fs.load(rel)
            self.files[rel] = loaded
            self.problems.update(loaded.problems)
            for doc in loaded.docs:
                self._note_crd(doc.data)
        return loaded

    def _note_crd(self, data: Any) -> None:
        if isinstance(data, Mapping) and data.get("kind") == "CustomResourceDefinition":
            spec = data.get("spec")
            if isinstance(spec, Mapping) and spec.get("scope") == "Cluster":
                names = spec.get("names")
                if isinstance(names, Mapping) and isinstance(names.get("kind"), str):
                    self.cluster_scoped.add(names["kind"])

    def kustomization_file(self, directory: str) -> str | None:
        if directory not in self._kfiles:
            self._kfiles[directory] = next(
                (n for n in KUSTOMIZATION_FILES
                 if self.fs.is_file(posixpath.join(directory, n))), None)
        return self._kfiles[directory]

    def join_inside(self, base: str, entry: str, path: str, line: int) -> str | None:
        """Repository-relative path of ``entry`` written in ``base``; None if it escapes."""
        joined = posixpath.normpath(posixpath.join(base, entry))
        joined = "" if joined == "." else joined
        if joined == ".." or joined.startswith("../") or posixpath.isabs(joined):
            self.problem(path, line, "path-escape", f"'{entry}' points outside the repository")
            return None
        if not self.fs.inside(joined):
            self.problem(path, line, "path-escape",
                         f"'{entry}' resolves outside the repository (symlink); not followed")
            return None
        return joined

    # -- targets ---------------------------------------------------------------------------

    def target(self, directory: str) -> Target:
        """The kustomization of ``directory``: its file, or what Flux generates."""
        kfile = self.kustomization_file(directory)
        if kfile is None:
            return self._generated_target(directory)
        kpath = posixpath.join(directory, kfile)
        self.use(kpath)
        docs = [d for d in self.load(kpath).docs if d.data is not None]
        if not docs:
            return Target(directory, kpath, Document(kpath, 0, 1, {}), {})
        if not isinstance(docs[0].data, Mapping):
            self.problem(kpath, docs[0].line, "invalid-field", "kustomization must be a mapping")
            return Target(directory, kpath, docs[0], {})
        return Target(directory, kpath, docs[0], docs[0].data)

    def _generated_target(self, directory: str) -> Target:
        resources: list[str] = []
        for rel, problem in self.fs.yaml_files(directory):
            if problem:
                self.problem(rel, 1, "path-escape", problem)
                continue
            if self.fs.ignored(rel):
                continue
            parent = posixpath.dirname(rel)
            owner = self._owner(directory, parent)
            entry = posixpath.relpath(owner if owner is not None else rel, directory or ".")
            if entry not in resources:
                resources.append(entry)
        doc = Document(posixpath.join(directory, "kustomization.yaml"), 0, 1, {})
        return Target(directory, "", doc, {"resources": resources}, generated=True)

    def _owner(self, top: str, directory: str) -> str | None:
        """The first directory below ``top`` (down to ``directory``) with a kustomization."""
        parts = directory.split("/") if directory else []
        top_parts = top.split("/") if top else []
        for depth in range(len(top_parts) + 1, len(parts) + 1):
            candidate = "/".join(parts[:depth])
            if self.kustomization_file(candidate) is not None:
                return candidate
        return None

    # -- builds ----------------------------------------------------------------------------

    def build(self, directory: str, target: Target | None = None,
              origin: tuple[str, int] = ("", 1)) -> list[Resource]:
        """The outermost build of ``directory`` (or of ``target``, a kustomization Flux has
        amended): accumulate, add hash suffixes, fix name references, drop local configs."""
        if target is None:
            acc = self.accumulate(directory, (), origin)
        else:
            acc = self.accumulate_target(directory, target)
        return self.finish(acc)

    def accumulate_target(self, directory: str, target: Target,
                          quiet: bool = False) -> Accumulation:
        """The accumulation of ``target``, the kustomization of ``directory`` as Flux has
        amended it (never kept: another Kustomization may build the directory as written).
        ``quiet``: what it finds is not reported here (an amendment read from a file before
        Flux substitutes or patches it); the builds of the directories it lists keep theirs,
        reported where they are used again."""
        acc = Accumulation()
        self._quiet += quiet
        try:
            self._run(target, acc, (directory,), component=False)
        finally:
            self._quiet -= quiet
        return acc

    def finish(self, acc: Accumulation) -> list[Resource]:
        out = []
        for res in acc.resources:
            if res.needs_hash:
                body = res.edit()
                body["metadata"]["name"] = f"{res.name}-{generators.content_hash(res.body)}"
                res = replace(res.with_body(body, Change("hash suffix", res.doc.path,
                                                         res.doc.line)), needs_hash=False)
            out.append(res)
        out = namerefs.fix(out, namerefs.renames(out), Change("name reference", "", 0),
                           acc.name_refs)
        return [r for r in out if not _local_config(meta(r.body).get("annotations"))]

    def accumulate(self, directory: str, stack: tuple[str, ...],
                   origin: tuple[str, int]) -> Accumulation:
        if directory in stack:
            chain = " -> ".join((*stack[stack.index(directory):], directory)) or "."
            self.problem(origin[0], origin[1], "kustomize-cycle", f"kustomization cycle: {chain}")
            self._cycle(directory, stack)
            return Accumulation()
        cached = self.builds.get(directory)
        # A build is reused unless the stack holds a directory it reached: then it is part of
        # a cycle this entry meets, which the build made from elsewhere did not see.
        if cached is not None and cached.effects.dirs.isdisjoint(stack):
            self._replay(cached.effects)
        else:
            cached = Accumulation()
            cached.effects.dirs.add(directory)
            self._frames.append(cached.effects)
            try:
                target = self.target(directory)
                cached.component = target.data.get("kind") == "Component"
                self._run(target, cached, (*stack, directory), component=False)
            finally:
                self._frames.pop()
            if directory in self._entered:
                self._entered.discard(directory)
            else:
                self.builds[directory] = cached
            for frame in self._frames:
                frame.dirs.update(cached.effects.dirs)
        if cached.component and stack:  # listed as a resource: each listing is a mistake
            # (at the top, as a Flux Kustomization's path, kustomize builds a Component)
            self.problem(origin[0], origin[1], "kustomize-kind",
                         f"'{directory}' is a Component; list it under 'components'")
        return cached

    def _cycle(self, directory: str, stack: tuple[str, ...]) -> None:
        """A cycle back to ``directory``: the builds in progress below it met the cycle only
        because of where this entry started (entered at one of them, kustomize reports
        another chain), so they are not kept for other entries to reuse."""
        self._entered.update(stack[stack.index(directory) + 1:])
        for frame in self._frames:
            frame.dirs.add(directory)

    def _replay(self, effects: Effects) -> None:
        for rel in sorted(effects.files):
            self.load(rel)
        for rel in effects.used:
            self.use(rel)
        for problem in effects.problems:
            self._report(problem)
        for entry in effects.external:
            self.external.add(entry)
            for frame in self._frames:
                frame.external.add(entry)
        for frame in self._frames:
            frame.dirs.update(effects.dirs)

    def _run(self, target: Target, acc: Accumulation, stack: tuple[str, ...],
             component: bool) -> None:
        """kustomize's ``accumulateTarget``: resources, configurations, generators,
        components, transformers, all over ``acc`` (a Component shares its parent's)."""
        for field_name in ("resources", "bases"):
            for entry, line in target.entries(self, field_name):
                self._resource(target, entry, line, acc, stack)
        for entry, line in target.entries(self, "configurations"):
            self._configuration(target, entry, line, acc)
        for entry, line in target.entries(self, "crds"):
            if isinstance(entry, str):
                rel = self.join_inside(target.directory, entry, target.path, line)
                if rel is not None:
                    self.use(rel)
        generate(self, target, acc)
        for entry, where, line in target.entries_at(self, "components"):
            self._component(target, entry, where, line, acc, stack)
        transform(self, target, acc)

    def _local(self, target: Target, field_name: str, entry: Any, where: str,
               line: int) -> str | None:
        """The repository path an entry of ``resources``/``components`` names; None (with
        the reason recorded) for non-strings, remote URLs (external) and escaping paths."""
        if not isinstance(entry, str):
            self.problem(where, line, "invalid-field", f"'{field_name}' entries must be strings")
            return None
        if REMOTE.search(entry):
            self.external.add((where, line, entry))
            for frame in self._frames:
                frame.external.add((where, line, entry))
            return None
        return self.join_inside(target.directory, entry, where, line)

    def _resource(self, target: Target, entry: Any, line: int, acc: Accumulation,
                  stack: tuple[str, ...]) -> None:
        where = target.path or target.doc.path
        rel = self._local(target, "resources", entry, where, line)
        if rel is None:
            return
        if self.fs.is_dir(rel):
            if self.kustomization_file(rel) is None and not target.generated:
                self.problem(where, line, "kustomize-missing",
                             f"'{entry}' is a directory without kustomization.yaml; "
                             "kustomize build fails on it")
            sub = self.accumulate(rel, stack, (where, line))
            self._absorb(acc, sub.resources, where, line)
            acc.name_refs.extend(sub.name_refs)
        elif self.fs.is_file(rel):
            self._absorb(acc, self._file(rel, target.generated), where, line)
        else:
            self.problem(where, line, "kustomize-missing", f"'{entry}' does not exist")

    def _absorb(self, acc: Accumulation, resources: list[Resource], path: str,
                line: int) -> None:
        seen = acc.ids()
        for res in resources:
            rid = _rid(res)
            other = seen.get(rid)
            if other is not None and other is not res:
                self.problem(res.doc.path, res.doc.line, "duplicate-object",
                             f"{res.kind}/{res.name} is also defined at {other.doc.path}:"
                             f"{other.doc.line}; kustomize fails: 'may not add resource with "
                             "an already registered id'")
                continue
            seen[rid] = res
            acc.resources.append(res)
        acc._ids_of = (id(acc.resources), len(acc.resources))

    def _file(self, rel: str, generated_dir: bool) -> list[Resource]:
        out: list[Resource] = []
        for doc in self.load(rel).docs:
            data = doc.data
            if data is None:
                continue
            if not is_object(data):
                if generated_dir and rel.endswith(KUSTOMIZATION_FILES):
                    continue
                self.problem(
                    rel, doc.line, "not-a-manifest",
                    "not a Kubernetes object (no apiVersion/kind); Flux generates a "
                    "kustomization for this directory and fails the whole Kustomization with "
                    "'failed to decode Kubernetes YAML ... missing Resource metadata'"
                    if generated_dir else
                    "listed as a resource but is not a Kubernetes object (no apiVersion/kind)")
                continue
            out.extend(self.objects(doc))
        return out

    def objects(self, doc: Document, report: bool = True) -> list[Resource]:
        """The resources of one document: itself, or the items of a ``kind: List``;
        ``report`` False for documents no build reads (their problems are not Flux's)."""
        if not report:
            problems = set(self.problems)
            try:
                return self.objects(doc)
            finally:
                self.problems = problems
        data = doc.data
        if data["kind"] == "List" or (str(data["kind"]).endswith("List")
                                      and isinstance(data.get("items"), list)):
            items = data.get("items")
            if not isinstance(items, list):
                self.problem(doc.path, doc.line, "invalid-field", "List: items must be a list")
                return []
            out = []
            for index, entry in enumerate(items):
                sub = Document(doc.path, doc.index, key_line(items, index, doc.line), entry)
                if not is_object(entry):
                    self.problem(doc.path, sub.line, "not-a-manifest",
                                 "List item is not a Kubernetes object (no apiVersion/kind)")
                elif self._valid_metadata(sub):
                    out.append(new_resource(sub, entry))
            return out
        return [new_resource(doc, data)] if self._valid_metadata(doc) else []

    def _valid_metadata(self, doc: Document) -> bool:
        found = metadata_problem(doc)
        if found is not None:
            self.problem(doc.path, found[0], "invalid-field", found[1])
        return found is None

    def _configuration(self, target: Target, entry: Any, line: int, acc: Accumulation) -> None:
        if not isinstance(entry, str) or REMOTE.search(entry):
            return
        rel = self.join_inside(target.directory, entry, target.path, line)
        if rel is None:
            return
        if not self.fs.is_file(rel):
            self.problem(target.path, line, "kustomize-missing", f"'{entry}' does not exist")
            return
        self.use(rel)
        for doc in self.load(rel).docs:
            acc.name_refs.extend(namerefs.configured(doc.data))

    def _component(self, target: Target, entry: Any, where: str, line: int,
                   acc: Accumulation, stack: tuple[str, ...]) -> None:
        rel = self._local(target, "components", entry, where, line)
        if rel is None:
            return
        if not self.fs.is_dir(rel) or self.kustomization_file(rel) is None:
            self.problem(where, line, "kustomize-missing",
                         f"component '{entry}' is not a directory with a kustomization file")
            return
        if rel in stack:
            self.problem(where, line, "kustomize-cycle", f"component cycle through '{rel}'")
            self._cycle(rel, stack)
            return
        for frame in self._frames:
            frame.dirs.add(rel)
        component = self.target(rel)
        if component.data.get("kind") != "Component":
            self.problem(where, line, "kustomize-kind",
                         f"'{entry}' is listed as a component but its kind is not Component; "
                         "kustomize build fails")
            return
        self._run(component, acc, (*stack, rel), component=True)


def _rid(res: Resource) -> tuple[str, str, str, str | None]:
    """``(res.group, res.kind, res.name, res.namespace)``, the metadata looked up once."""
    body = res.body
    api = str(body.get("apiVersion", ""))
    m = meta(body)
    ns = m.get("namespace")
    return (api.split("/", 1)[0] if "/" in api else "", str(body.get("kind", "")),
            str(m.get("name", "")), ns if isinstance(ns, str) and ns else None)


__all__ = ["INFO", "KUSTOMIZATION_FILES", "Accumulation", "Kustomizer", "Target"]


def _local_config(annotations: Any) -> bool:
    """Whether an object is marked local config (kustomize drops it from the output)."""
    return isinstance(annotations, Mapping) and str(annotations.get(LOCAL_CONFIG)) == "true"

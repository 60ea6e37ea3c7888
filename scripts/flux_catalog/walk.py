"""Walk a repository the way Flux does: kustomize builds and Flux Kustomizations.

``walk()`` answers "which objects would Flux apply, in which cluster and namespace, and
which Flux Kustomization applies each one", from files alone. See DESIGN.md section 3.
"""

from __future__ import annotations

import copy
import os
import posixpath
import re
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pathspec
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from .load import YAML_SUFFIXES, LoadedFile, key_line, line_at, load_commented, load_file
from .model import (
    CLUSTER_SCOPED_KINDS,
    ERROR,
    WARNING,
    Document,
    K8sObject,
    Problem,
    object_id,
)

KUSTOMIZATION_FILES = ("kustomization.yaml", "kustomization.yml", "Kustomization")
KUSTOMIZE_API = "kustomize.config.k8s.io"
REMOTE = re.compile(
    r"^(https?://|ssh://|git@|git::|github\.com/|gitlab\.com/|bitbucket\.org/)|\?ref="
)
FLUX_KUSTOMIZE_API = "kustomize.toolkit.fluxcd.io"
SELF_SOURCE_NAMES = frozenset({"flux-system"})


@dataclass(frozen=True, eq=False)
class Item:
    """A document produced by a kustomize build, with what the build did to it."""

    doc: Document
    body: Mapping[str, Any]
    namespace: str | None  # the namespace set by the outermost `namespace:` so far
    patches: tuple[Patch, ...] = ()  # applied, in order
    generated: bool = False


@dataclass
class Build:
    items: list[Item] = field(default_factory=list)
    # A Component's patches apply to the resources of the kustomization that includes it.
    component_patches: list[Patch] = field(default_factory=list)


@dataclass
class WalkResult:
    objects: list[K8sObject]
    problems: list[Problem]
    files: dict[str, LoadedFile]
    external: list[tuple[str, int, str]]
    clusters: dict[str, str]  # cluster name -> root directory
    used_files: set[str]  # patches, generator inputs, kustomize configurations
    cluster_scoped: frozenset[str]


def is_object(data: Any) -> bool:
    return (
        isinstance(data, Mapping)
        and isinstance(data.get("apiVersion"), str)
        and isinstance(data.get("kind"), str)
        and not data["apiVersion"].startswith(KUSTOMIZE_API)
    )


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _as_str(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _meta(body: Mapping[str, Any]) -> Mapping[str, Any]:
    meta = body.get("metadata")
    return meta if isinstance(meta, Mapping) else {}


class Walker:
    def __init__(
        self,
        root: Path,
        *,
        self_sources: Iterable[str] = SELF_SOURCE_NAMES,
    ) -> None:
        self.root = root
        self.self_sources = frozenset(self_sources)
        self.files: dict[str, LoadedFile] = {}
        self.problems: set[Problem] = set()
        self.external: set[tuple[str, int, str]] = set()
        self.used: set[str] = set()
        self._builds: dict[str, Build] = {}
        self._ignores: dict[str, pathspec.PathSpec | None] = {}
        self.cluster_scoped = set(CLUSTER_SCOPED_KINDS)
        self.artifacts: dict[str, list[tuple[str, str]]] = {}
        self._kfiles: dict[str, str | None] = {}
        self._inside_cache: dict[str, bool] = {}
        self._real_root = os.path.realpath(root)

    # -- helpers ---------------------------------------------------------------------------

    def problem(
        self, path: str, line: int, rule: str, message: str, level: str = ERROR, col: int = 1
    ) -> None:
        self.problems.add(Problem(path, line, col, rule, level, message))

    def load(self, rel: str) -> LoadedFile:
        loaded = self.files.get(rel)
        if loaded is None:
            loaded = load_file(self.root, rel)
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

    def ignored(self, rel: str) -> bool:
        """Whether a ``.sourceignore`` in the root or in any directory above ``rel`` excludes
        it (patterns of a directory's file are relative to that directory, as in Flux)."""
        parts = rel.split("/")
        for depth in range(len(parts)):
            directory = "/".join(parts[:depth])
            spec = self._sourceignore(directory)
            if spec is not None and spec.match_file("/".join(parts[depth:])):
                return True
        return False

    def _sourceignore(self, directory: str) -> pathspec.PathSpec | None:
        if directory in self._ignores:
            return self._ignores[directory]
        path = self.root / directory / ".sourceignore"
        spec = None
        if path.is_file():
            rel = f"{directory}/.sourceignore" if directory else ".sourceignore"
            try:
                spec = pathspec.PathSpec.from_lines("gitwildmatch",
                                                    path.read_text("utf-8").splitlines())
            except (OSError, UnicodeDecodeError, ValueError) as exc:
                self.problem(rel, 1, "sourceignore", f"cannot read: {exc}", WARNING)
        self._ignores[directory] = spec
        return spec

    def resolve(self, base: str, entry: str, path: str, line: int) -> str | None:
        """Repository-relative path of ``entry`` written in ``base``; None if it escapes."""
        joined = posixpath.normpath(posixpath.join(base, entry))
        if joined == ".":
            joined = ""
        if joined == ".." or joined.startswith("../") or posixpath.isabs(joined):
            self.problem(path, line, "path-escape", f"'{entry}' points outside the repository")
            return None
        if not self._inside(joined):
            self.problem(
                path,
                line,
                "path-escape",
                f"'{entry}' resolves outside the repository (symlink); not followed",
            )
            return None
        return joined

    def _inside(self, rel: str) -> bool:
        """Whether ``rel`` stays inside the repository once symlinks are resolved (cached)."""
        inside = self._inside_cache.get(rel)
        if inside is None:
            try:
                real = os.path.realpath(self.root / rel)
            except (OSError, ValueError):
                real = ""
            inside = real == self._real_root or real.startswith(self._real_root + os.sep)
            self._inside_cache[rel] = inside
        return inside

    def kustomization_file(self, directory: str) -> str | None:
        """The name of ``directory``'s kustomization file, if it has one (cached)."""
        if directory not in self._kfiles:
            full = self.root / directory
            self._kfiles[directory] = next(
                (n for n in KUSTOMIZATION_FILES if (full / n).is_file()), None)
        return self._kfiles[directory]

    # -- kustomize builds ------------------------------------------------------------------

    def build(
        self, directory: str, stack: tuple[str, ...] = (), origin: tuple[str, int] = ("", 1)
    ) -> Build:
        if directory in stack:
            chain = " -> ".join((*stack[stack.index(directory) :], directory)) or "."
            self.problem(origin[0], origin[1], "kustomize-cycle", f"kustomization cycle: {chain}")
            return Build()
        cached = self._builds.get(directory)
        if cached is not None:
            return cached
        stack = (*stack, directory)
        kfile = self.kustomization_file(directory)
        if kfile is not None:
            result = self._build_kustomization(directory, posixpath.join(directory, kfile), stack)
        else:
            result = self._build_generated(directory, stack)
        self._builds[directory] = result
        return result

    def _build_generated(self, directory: str, stack: tuple[str, ...]) -> Build:
        """What Flux generates for a directory without kustomization.yaml."""
        result = Build()
        full = self.root / directory
        subdirs_with_k: list[str] = []
        files: list[str] = []
        for rel, problem in _scan(self.root, full):
            if problem:
                self.problem(rel, 1, "path-escape", problem)
                continue
            if self.ignored(rel):
                continue
            parent = posixpath.dirname(rel)
            owner = self._kustomization_owner(directory, parent)
            if owner is None:
                files.append(rel)
            elif owner not in subdirs_with_k:
                subdirs_with_k.append(owner)
        for rel in files:
            self._add_file(result, rel, generated_dir=True)
        for sub in sorted(subdirs_with_k):
            result.items.extend(self.build(sub, stack, (directory, 1)).items)
        return result

    def _kustomization_owner(self, top: str, directory: str) -> str | None:
        """The first directory below ``top`` (inclusive of ``directory``) with a kustomization."""
        parts = directory.split("/") if directory else []
        top_parts = top.split("/") if top else []
        for depth in range(len(top_parts) + 1, len(parts) + 1):
            candidate = "/".join(parts[:depth])
            if self.kustomization_file(candidate) is not None:
                return candidate
        return None

    def _add_file(self, result: Build, rel: str, generated_dir: bool = False) -> None:
        loaded = self.load(rel)
        for doc in loaded.docs:
            data = doc.data
            if data is None:
                continue
            if not is_object(data):
                if generated_dir and not rel.endswith(KUSTOMIZATION_FILES):
                    self.problem(
                        rel,
                        doc.line,
                        "not-a-manifest",
                        "not a Kubernetes object (no apiVersion/kind); Flux generates a "
                        "kustomization for this directory and fails the whole Kustomization "
                        "with 'failed to decode Kubernetes YAML ... missing Resource metadata'",
                    )
                elif not generated_dir:
                    self.problem(
                        rel,
                        doc.line,
                        "not-a-manifest",
                        "listed as a resource but is not a Kubernetes object (no apiVersion/kind)",
                    )
                continue
            self._add_file_doc(result, doc)

    def _add_file_doc(self, result: Build, doc: Document) -> None:
        data = doc.data
        if data["kind"] == "List" or (
                data["kind"].endswith("List") and isinstance(data.get("items"), list)):
            self._add_list(result, doc)
        elif self._check_metadata(doc):
            result.items.append(Item(doc, data, None))

    def _add_list(self, result: Build, doc: Document) -> None:
        """A ``kind: List``: kustomize applies its items, each an object of its own."""
        items = doc.data.get("items")
        if not isinstance(items, list):
            self.problem(doc.path, doc.line, "invalid-field", "List: items must be a list")
            return
        for index, entry in enumerate(items):
            line = key_line(items, index, doc.line)
            sub = Document(doc.path, doc.index, line, entry)
            if not is_object(entry):
                self.problem(doc.path, line, "not-a-manifest",
                             "List item is not a Kubernetes object (no apiVersion/kind)")
            elif self._check_metadata(sub):
                result.items.append(Item(sub, entry, None))

    def _check_metadata(self, doc: Document) -> bool:
        data = doc.data
        meta = data.get("metadata")
        if not isinstance(meta, Mapping):
            self.problem(
                doc.path, doc.line, "invalid-field", f"{data['kind']}: metadata must be a mapping"
            )
            return False
        name = meta.get("name")
        if not isinstance(name, str) or not name:
            line = key_line(meta, "name", doc.line)
            self.problem(
                doc.path,
                line,
                "invalid-field",
                f"{data['kind']}: metadata.name must be a non-empty string, "
                f"got {type(name).__name__}",
            )
            return False
        namespace = meta.get("namespace")
        if namespace is not None and not isinstance(namespace, str):
            self.problem(
                doc.path,
                key_line(meta, "namespace", doc.line),
                "invalid-field",
                f"{data['kind']}/{name}: metadata.namespace must be a string",
            )
            return False
        return True

    def _build_kustomization(self, directory: str, kpath: str, stack: tuple[str, ...]) -> Build:
        result = Build()
        loaded = self.load(kpath)
        self.used.add(kpath)
        docs = [d for d in loaded.docs if d.data is not None]
        if not docs:
            return result
        kdoc = docs[0]
        k = kdoc.data
        if not isinstance(k, Mapping):
            self.problem(kpath, kdoc.line, "invalid-field", "kustomization must be a mapping")
            return result

        def entries(field_name: str) -> list[tuple[Any, int]]:
            value = k.get(field_name)
            if value is None:
                return []
            if not isinstance(value, list):
                self.problem(
                    kpath,
                    key_line(k, field_name, kdoc.line),
                    "invalid-field",
                    f"'{field_name}' must be a list",
                )
                return []
            return [(v, key_line(value, i, kdoc.line)) for i, v in enumerate(value)]

        for field_name in ("resources", "bases", "components", "crds"):
            for entry, line in entries(field_name):
                if not isinstance(entry, str):
                    self.problem(
                        kpath, line, "invalid-field", f"'{field_name}' entries must be strings"
                    )
                    continue
                if REMOTE.search(entry):
                    self.external.add((kpath, line, entry))
                    continue
                rel = self.resolve(directory, entry, kpath, line)
                if rel is None:
                    continue
                full = self.root / rel
                if full.is_dir():
                    if self.kustomization_file(rel) is None:
                        self.problem(
                            kpath,
                            line,
                            "kustomize-missing",
                            f"'{entry}' is a directory without kustomization.yaml; "
                            "kustomize build fails on it",
                        )
                    sub = self.build(rel, stack, (kpath, line))
                    result.items.extend(sub.items)
                    if field_name == "components":
                        result.items = self.patch_all(result.items, sub.component_patches)
                elif full.is_file():
                    self._add_file(result, rel)
                else:
                    self.problem(kpath, line, "kustomize-missing", f"'{entry}' does not exist")

        for field_name in ("configMapGenerator", "secretGenerator"):
            kind = "ConfigMap" if field_name == "configMapGenerator" else "Secret"
            for entry, line in entries(field_name):
                self._generator(result, kdoc, kind, entry, line, directory)

        for field_name in ("configurations", "transformers", "generators", "validators"):
            for entry, line in entries(field_name):
                if isinstance(entry, str) and not REMOTE.search(entry):
                    rel = self.resolve(directory, entry, kpath, line)
                    if rel is not None:
                        self.used.add(rel)

        patches = self._patches(directory, kpath, kdoc, entries)
        if k.get("kind") == "Component":
            result.component_patches = patches
        elif patches:
            result.items = self.patch_all(result.items, patches)

        result.items = self.rename(result.items, k, kpath, kdoc)
        namespace = k.get("namespace")
        if namespace is not None:
            if isinstance(namespace, str) and namespace:
                result.items = [
                    Item(i.doc, i.body, namespace, i.patches, i.generated) for i in result.items
                ]
            else:
                self.problem(
                    kpath,
                    key_line(k, "namespace", kdoc.line),
                    "invalid-field",
                    "'namespace' must be a non-empty string",
                )
        return result

    def _generator(
        self, result: Build, kdoc: Document, kind: str, entry: Any, line: int, directory: str
    ) -> None:
        if not isinstance(entry, Mapping) or not isinstance(entry.get("name"), str):
            self.problem(kdoc.path, line, "invalid-field", f"{kind} generator needs a 'name'")
            return
        for key in ("files", "envs"):
            values = entry.get(key)
            for value in values if isinstance(values, list) else []:
                if isinstance(value, str):
                    source = value.split("=", 1)[-1]
                    rel = self.resolve(directory, source, kdoc.path, line)
                    if rel is not None:
                        self.used.add(rel)
        meta: dict[str, Any] = {"name": entry["name"]}
        if isinstance(entry.get("namespace"), str):
            meta["namespace"] = entry["namespace"]
        body = {"apiVersion": "v1", "kind": kind, "metadata": meta}
        doc = Document(kdoc.path, kdoc.index, line, body)
        result.items.append(Item(doc, body, None, generated=True))

    # -- patches ---------------------------------------------------------------------------

    def _patches(
        self,
        directory: str,
        kpath: str,
        kdoc: Document,
        entries: Callable[[str], list[tuple[Any, int]]],
    ) -> list[Patch]:
        patches: list[Patch] = []
        for field_name in ("patches", "patchesStrategicMerge", "patchesJson6902"):
            for entry, line in entries(field_name):
                target = None
                text: str | None = None
                source = kpath
                if isinstance(entry, str):
                    if field_name == "patchesStrategicMerge" and "\n" in entry:
                        text = entry
                    else:
                        source = self.resolve(directory, entry, kpath, line) or ""
                elif isinstance(entry, Mapping):
                    target = (
                        entry.get("target") if isinstance(entry.get("target"), Mapping) else None
                    )
                    if isinstance(entry.get("path"), str):
                        source = self.resolve(directory, entry["path"], kpath, line) or ""
                    elif isinstance(entry.get("patch"), str):
                        text = entry["patch"]
                    else:
                        self.problem(kpath, line, "invalid-field", "patch needs 'path' or 'patch'")
                        continue
                else:
                    self.problem(kpath, line, "invalid-field", "patch entries must be mappings")
                    continue
                if not source:
                    continue
                bodies: list[Any]
                if text is None:
                    if not (self.root / source).is_file():
                        self.problem(
                            kpath, line, "kustomize-missing", f"patch '{source}' does not exist"
                        )
                        continue
                    self.used.add(source)
                    bodies = [d.data for d in self.load(source).docs if d.data is not None]
                else:
                    try:
                        bodies = [b for b in YAML(typ="rt").load_all(text) if b is not None]
                    except (YAMLError, ValueError) as exc:
                        self.problem(kpath, line, "yaml-syntax", f"inline patch: {exc}")
                        continue
                for body in bodies:
                    patches.append(Patch(source, line, body, target))
        return patches

    def _apply_patches(self, item: Item, patches: list[Patch]) -> Item | None:
        """``item`` with every matching patch applied to a copy of its body (builds are cached
        and shared between overlays, so a body is never changed in place); None when a patch
        deletes the object or leaves it without apiVersion, kind or name."""
        body = item.body
        applied: list[Patch] = []
        for patch in patches:
            if not patch.matches(body, item.namespace):
                continue
            if patch.deletes:
                return None
            if not applied:
                body = copy.deepcopy(body)
            try:
                patch.apply(body)
            except (KeyError, IndexError, TypeError, ValueError) as exc:
                self.problem(patch.source, patch.line, "patch", f"patch cannot be applied: {exc}")
                continue
            applied.append(patch)
        if not applied:
            return item
        if not is_object(body) or not isinstance(_meta(body).get("name"), str):
            last = applied[-1]
            self.problem(last.source, last.line, "patch",
                         f"after this patch, {item.doc.path}:{item.doc.line} has no apiVersion, "
                         "kind or metadata.name; kustomize build fails")
            return None
        return Item(item.doc, body, item.namespace, (*item.patches, *applied), item.generated)

    def rename(self, items: list[Item], config: Mapping[str, Any], path: str,
               doc: Document, keys: tuple[str, ...] = ()) -> list[Item]:
        """``namePrefix``/``nameSuffix`` (kustomize, or a Flux Kustomization's spec): every
        name but those of Namespaces and CustomResourceDefinitions, as kustomize does."""
        prefix, suffix = config.get("namePrefix"), config.get("nameSuffix")
        if prefix is None and suffix is None:
            return items
        for field_name, value in (("namePrefix", prefix), ("nameSuffix", suffix)):
            if value is not None and not isinstance(value, str):
                self.problem(path, line_at(doc.data, (*keys, field_name), doc.line),
                             "invalid-field", f"'{field_name}' must be a string")
                return items
        out = []
        for item in items:
            if item.body.get("kind") in ("Namespace", "CustomResourceDefinition"):
                out.append(item)
                continue
            body = copy.deepcopy(item.body)
            meta = body["metadata"]
            meta["name"] = f"{prefix or ''}{meta['name']}{suffix or ''}"
            out.append(Item(item.doc, body, item.namespace, item.patches, item.generated))
        return out

    def patch_all(self, items: list[Item], patches: list[Patch]) -> list[Item]:
        out = []
        for item in items:
            patched = self._apply_patches(item, patches)
            if patched is not None:
                out.append(patched)
        return out

    # -- Flux Kustomizations ---------------------------------------------------------------

    def is_self_source(self, ks: Mapping[str, Any]) -> bool:
        spec = ks.get("spec")
        ref = spec.get("sourceRef") if isinstance(spec, Mapping) else None
        if not isinstance(ref, Mapping):
            return False
        if ref.get("kind") == "ExternalArtifact":
            return ref.get("name") in self.artifacts
        return (
            ref.get("kind") in ("GitRepository", "OCIRepository")
            and ref.get("name") in self.self_sources
        )

    def note_artifact_generator(self, data: Mapping[str, Any]) -> None:
        """Map ExternalArtifacts that an ArtifactGenerator copies out of this repository."""
        spec = data.get("spec")
        if not isinstance(spec, Mapping):
            return
        sources = _list(spec.get("sources"))
        aliases = {
            s.get("alias")
            for s in sources
            if isinstance(s, Mapping)
            and s.get("kind") == "GitRepository"
            and s.get("name") in self.self_sources
        }
        artifacts = _list(spec.get("artifacts"))
        for artifact in artifacts:
            if not isinstance(artifact, Mapping) or not isinstance(artifact.get("name"), str):
                continue
            copies = _list(artifact.get("copy"))
            for op in copies:
                if not isinstance(op, Mapping):
                    continue
                src, dst = op.get("from"), op.get("to")
                if not (isinstance(src, str) and isinstance(dst, str)):
                    continue
                alias, _, src_path = src.lstrip("@").partition("/")
                if alias not in aliases or not dst.startswith("@artifact"):
                    continue
                src_dir = re.sub(r"/?\*\*?$", "", src_path).strip("/")
                dst_dir = dst[len("@artifact") :].strip("/")
                self.artifacts.setdefault(artifact["name"], []).append((dst_dir, src_dir))

    def _artifact_path(self, ks: Mapping[str, Any], raw: str) -> str | None:
        spec = ks.get("spec")
        ref = spec.get("sourceRef") if isinstance(spec, Mapping) else None
        if not isinstance(ref, Mapping) or ref.get("kind") != "ExternalArtifact":
            return raw
        wanted = posixpath.normpath(raw.lstrip("/") or ".")
        wanted = "" if wanted == "." else wanted
        best: tuple[int, str] | None = None
        for dst, src in self.artifacts.get(str(ref.get("name")), []):
            if dst == "" or wanted == dst or wanted.startswith(dst + "/"):
                rest = wanted[len(dst) :].lstrip("/")
                candidate = posixpath.join(src, rest) if rest else src
                if best is None or len(dst) > best[0]:
                    best = (len(dst), candidate)
        return best[1] if best else None

    def flux_path(self, item: Item) -> str | None:
        spec = item.body.get("spec")
        doc = item.doc
        if not isinstance(spec, Mapping):
            return None
        raw = spec.get("path", "./")
        if raw is None:
            raw = "./"
        if not isinstance(raw, str):
            self.problem(
                doc.path,
                line_at(doc.data, ("spec", "path"), doc.line),
                "invalid-field",
                "Kustomization spec.path must be a string",
            )
            return None
        line = line_at(doc.data, ("spec", "path"), doc.line)
        mapped = self._artifact_path(item.body, raw)
        if mapped is None:
            self.problem(
                doc.path,
                line,
                "kustomize-missing",
                f"spec.path '{raw}' is not part of the ExternalArtifact",
            )
            return None
        rel = self.resolve("", mapped.lstrip("/") or ".", doc.path, line)
        if rel is None:
            return None
        if not (self.root / rel).is_dir():
            self.problem(
                doc.path,
                line,
                "kustomize-missing",
                f"spec.path '{raw}' is not a directory of this repository",
            )
            return None
        return rel


@dataclass(frozen=True)
class Patch:
    source: str
    line: int
    body: Any
    target: Mapping[str, Any] | None

    @property
    def deletes(self) -> bool:
        return isinstance(self.body, Mapping) and self.body.get("$patch") == "delete"

    def matches(self, obj: Mapping[str, Any], namespace: str | None = None) -> bool:
        """Whether the patch targets ``obj``; ``namespace`` is what an inner ``namespace:``
        already set, which kustomize's selectors see."""
        meta = _meta(obj)
        effective_ns = namespace or meta.get("namespace")
        if self.target is not None:
            for key, value in (
                ("kind", obj.get("kind")),
                ("name", meta.get("name")),
                ("namespace", effective_ns),
            ):
                want = self.target.get(key)
                if isinstance(want, str) and not _match(want, value):
                    return False
            for key, field_name in (("labelSelector", "labels"),
                                    ("annotationSelector", "annotations")):
                selector = self.target.get(key)
                if isinstance(selector, str) and not _selects(selector, meta.get(field_name)):
                    return False
            group = self.target.get("group")
            return not isinstance(group, str) or str(obj.get("apiVersion", "")).startswith(group)
        if isinstance(self.body, Mapping):
            pmeta = _meta(self.body)
            return (
                self.body.get("kind") == obj.get("kind")
                and pmeta.get("name") == meta.get("name")
                and pmeta.get("namespace") in (None, effective_ns)
            )
        return False

    def apply(self, obj: Any, plain: bool = False) -> None:
        """Apply to ``obj`` in place; ``plain`` copies plain containers (for ruamel trees)."""
        body = _plain(self.body) if plain else self.body
        if isinstance(body, list):
            for op in body:
                _json6902(obj, op)
        elif isinstance(body, Mapping):
            if self.target is not None and isinstance(body.get("metadata"), Mapping):
                # With a target, kustomize applies the patch to each selected object under
                # that object's own name: the patch's name and namespace are placeholders.
                meta = {k: v for k, v in body["metadata"].items() if k not in ("name", "namespace")}
                body = {**body, "metadata": meta}
            _merge(obj, body)


def commented_body(root: Path, obj: K8sObject) -> Mapping[str, Any]:
    """``obj`` as written, with its YAML comments (ruamel round-trip), patches re-applied.

    Pages show values with their comments; the fast loader drops comments, so the few
    documents a page shows are read again here (cached by content hash).
    """
    if obj.generated:
        return obj.body
    loaded = load_commented(root, obj.path)
    if obj.index >= len(loaded.docs) or not isinstance(loaded.docs[obj.index].data, Mapping):
        return obj.body
    body = loaded.docs[obj.index].data
    if body.get("kind") != obj.kind:  # an item of a `kind: List`
        return obj.body
    if obj.patches:
        body = copy.deepcopy(body)
        for patch in obj.patches:
            try:
                patch.apply(body, plain=True)
            except (KeyError, IndexError, TypeError, ValueError):
                return obj.body
    return body


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _selects(selector: str, labels: Any) -> bool:
    """Equality-based label selectors: ``a=b``, ``a==b``, ``a!=b``, ``a``, ``!a``, comma-joined."""
    labels = labels if isinstance(labels, Mapping) else {}
    for term in (t.strip() for t in selector.split(",")):
        if not term:
            continue
        if "!=" in term:
            key, _, value = term.partition("!=")
            if str(labels.get(key.strip())) == value.strip():
                return False
        elif "=" in term:
            key, _, value = term.replace("==", "=").partition("=")
            if str(labels.get(key.strip())) != value.strip():
                return False
        elif term.startswith("!"):
            if term[1:].strip() in labels:
                return False
        elif term not in labels:
            return False
    return True


def _match(pattern: str, value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        return re.fullmatch(pattern, value) is not None
    except re.error:
        return pattern == value


def _merge(dst: Any, src: Mapping[str, Any]) -> None:
    for key, value in src.items():
        if key == "$patch":
            continue
        if isinstance(value, Mapping) and isinstance(dst.get(key), Mapping):
            _merge(dst[key], value)
        elif value is None:
            dst.pop(key, None)
        else:
            dst[key] = copy.deepcopy(value)


def _json6902(obj: Any, op: Any) -> None:
    if not isinstance(op, Mapping) or not isinstance(op.get("path"), str):
        raise ValueError("JSON patch operations need 'op' and 'path'")
    parts = [p.replace("~1", "/").replace("~0", "~") for p in op["path"].split("/")[1:]]
    if not parts:
        raise ValueError("empty JSON pointer")
    parent = obj
    for part in parts[:-1]:
        parent = parent[int(part)] if isinstance(parent, list) else parent[part]
    last = parts[-1]
    kind = op.get("op")
    if kind in ("add", "replace"):
        value = copy.deepcopy(op.get("value"))
        if isinstance(parent, list):
            if last == "-":
                parent.append(value)
            elif kind == "add":
                parent.insert(int(last), value)
            else:
                parent[int(last)] = value
        else:
            if kind == "replace" and last not in parent:
                raise KeyError(op["path"])
            parent[last] = value
    elif kind == "remove":
        del parent[int(last) if isinstance(parent, list) else last]
    elif kind in ("test", "move", "copy"):
        return
    else:
        raise ValueError(f"unknown JSON patch op {kind!r}")


def _scan(root: Path, start: Path) -> Iterable[tuple[str, str | None]]:
    """YAML files below ``start``, sorted; symlinks that leave the repository are reported."""
    root_resolved = root.resolve()

    def outside(full: Path) -> bool:
        try:
            full.resolve().relative_to(root_resolved)
        except (ValueError, OSError, RuntimeError):
            return True
        return False

    if start.is_file() or (start.is_symlink() and not start.is_dir()):
        if start.name.endswith(YAML_SUFFIXES):
            rel = start.relative_to(root).as_posix()
            yield (
                rel,
                "symlink points outside the repository; not followed" if outside(start) else None,
            )
        return
    for dirpath, dirnames, filenames in os.walk(start, followlinks=False):
        base = Path(dirpath)
        kept = []
        for d in sorted(dirnames):
            if d.startswith(".") or d == "node_modules":
                continue
            if (base / d).is_symlink() and outside(base / d):
                yield (
                    (base / d).relative_to(root).as_posix(),
                    ("symlink points outside the repository; not followed"),
                )
                continue
            kept.append(d)
        dirnames[:] = kept
        for name in sorted(filenames):
            if not name.endswith(YAML_SUFFIXES) or name.startswith("."):
                continue
            full = base / name
            rel = full.relative_to(root).as_posix()
            if full.is_symlink() and outside(full):
                yield rel, "symlink points outside the repository; not followed"
            else:
                yield rel, None


def walk(
    root: Path, scope: list[str], *, self_sources: Iterable[str] = SELF_SOURCE_NAMES
) -> WalkResult:
    """Build the applied objects of every cluster reachable from ``scope`` (repo-relative)."""
    w = Walker(root, self_sources=self_sources)
    scope_files: list[str] = []
    for entry in scope:
        start = root / entry if entry else root
        for rel, problem in _scan(root, start):
            if problem:
                w.problem(rel, 1, "path-escape", problem)
            elif not w.ignored(rel):
                scope_files.append(rel)
    scope_files = sorted(set(scope_files))
    for rel in scope_files:
        w.load(rel)

    for rel in scope_files:
        for doc in w.files[rel].docs:
            if is_object(doc.data) and doc.data["kind"] == "ArtifactGenerator":
                w.note_artifact_generator(doc.data)

    # Flux Kustomizations that build from this repository, as written in scope.
    candidates: list[Item] = []
    for rel in scope_files:
        for doc in w.files[rel].docs:
            data = doc.data
            if (
                is_object(data)
                and data["kind"] == "Kustomization"
                and str(data["apiVersion"]).startswith(FLUX_KUSTOMIZE_API)
                and w.is_self_source(data)
                and w._check_metadata(doc)
            ):
                candidates.append(Item(doc, data, None))

    def applied_docs(item: Item) -> tuple[str | None, list[Item]]:
        rel = w.flux_path(item)
        if rel is None:
            return None, []
        return rel, w.build(rel, (), (item.doc.path, item.doc.line)).items

    builds = {id(c.doc): applied_docs(c) for c in candidates}
    doc_ids = {id(c.doc) for c in candidates}
    applies: dict[int, set[int]] = {
        id(c.doc): {id(i.doc) for i in builds[id(c.doc)][1]} & doc_ids for c in candidates
    }
    self_applying = [c for c in candidates if _reaches(id(c.doc), id(c.doc), applies)]
    roots = [
        c
        for c in self_applying
        if not any(
            id(c.doc) in applies[o] and not _reaches(id(c.doc), o, applies)
            for o in doc_ids
            if o != id(c.doc)
        )
    ]

    # Bootstrapped clusters whose gotk-sync.yaml is not in the repository (a placeholder):
    # `flux bootstrap` points the flux-system Kustomization at the directory above flux-system/.
    root_dirs = {builds[id(r.doc)][0] for r in roots}
    covered = {i.doc.path for r in roots for i in builds[id(r.doc)][1]}
    for rel in scope_files:
        parent, name = posixpath.split(rel)
        if (
            name not in ("gotk-sync.yaml", "gotk-components.yaml")
            or posixpath.basename(parent) != "flux-system"
            or rel in covered
        ):
            continue
        cluster_dir = posixpath.dirname(parent)
        if cluster_dir in root_dirs:
            continue
        root_dirs.add(cluster_dir)
        body = {
            "apiVersion": "kustomize.toolkit.fluxcd.io/v1",
            "kind": "Kustomization",
            "metadata": {"name": "flux-system", "namespace": "flux-system"},
            "spec": {
                "path": "./" + cluster_dir,
                "prune": True,
                "sourceRef": {"kind": "GitRepository", "name": "flux-system"},
            },
        }
        synthetic = Item(
            Document(posixpath.join(parent, "gotk-sync.yaml"), 0, 1, body),
            body,
            None,
            generated=True,
        )
        builds[id(synthetic.doc)] = (cluster_dir, [])
        roots.append(synthetic)
    if not roots:  # not bootstrapped: every Kustomization that nothing else applies
        applied_somewhere = set().union(*applies.values()) if applies else set()
        roots = [c for c in candidates if id(c.doc) not in applied_somewhere]

    objects: list[K8sObject] = []
    clusters: dict[str, str] = {}
    deployed_docs: set[tuple[str, int]] = set()
    for root_item in roots:
        root_dir = builds[id(root_item.doc)][0]
        if root_dir is None:
            continue
        name = posixpath.basename(root_dir) or root.name
        if name in clusters:
            name = root_dir.replace("/", "-")
        clusters[name] = root_dir
        objects.extend(_walk_cluster(w, name, root_item, deployed_docs))

    # Objects written in scope that no walk applies.
    for rel in scope_files:
        if rel in w.used and rel.endswith(KUSTOMIZATION_FILES):
            continue
        for doc in w.files[rel].docs:
            if (doc.path, doc.index) in deployed_docs or not is_object(doc.data) or rel in w.used:
                continue
            unapplied = Build()
            w._add_file_doc(unapplied, doc)
            for item in unapplied.items:
                data = item.body
                meta = _meta(data)
                cluster = next(
                    (c for c, d in clusters.items() if rel == d or rel.startswith(d + "/")), None
                )
                ns = None if data["kind"] in w.cluster_scoped else _as_str(meta.get("namespace"))
                objects.append(K8sObject(
                    str(data["apiVersion"]), data["kind"], meta["name"], ns, rel,
                    item.doc.line, data, cluster=cluster, deployed=False, index=doc.index))

    return WalkResult(
        objects,
        sorted(w.problems),
        w.files,
        sorted(w.external),
        clusters,
        w.used,
        frozenset(w.cluster_scoped),
    )


def _reaches(start: int, goal: int, graph: Mapping[int, set[int]]) -> bool:
    seen: set[int] = set()
    todo = list(graph.get(start, ()))
    while todo:
        node = todo.pop()
        if node == goal:
            return True
        if node in seen:
            continue
        seen.add(node)
        todo.extend(graph.get(node, ()))
    return False


def _walk_cluster(
    w: Walker, cluster: str, root_item: Item, deployed_docs: set[tuple[str, int]]
) -> list[K8sObject]:
    objects: dict[str, K8sObject] = {}
    root_meta = _meta(root_item.body)
    root_ns = _as_str(root_meta.get("namespace"))
    root_id = object_id("Kustomization", root_ns, root_meta["name"])
    queue: deque[tuple[Item, str]] = deque([(root_item, root_id)])
    visited: set[str] = set()
    while queue:
        ks_item, ks_id = queue.popleft()
        if ks_id in visited:
            continue
        visited.add(ks_id)
        spec = ks_item.body.get("spec")
        spec = spec if isinstance(spec, Mapping) else {}
        target_ns = _as_str(spec.get("targetNamespace"))
        rel = w.flux_path(ks_item)
        if rel is None:
            continue
        items = w.build(rel, (), (ks_item.doc.path, ks_item.doc.line)).items
        items = _flux_components(w, ks_item, rel, items)
        ks_patches = _flux_patches(w, ks_item)
        if ks_patches:
            items = w.patch_all(items, ks_patches)
        if isinstance(spec, Mapping):
            items = w.rename(items, spec, ks_item.doc.path, ks_item.doc, ("spec",))
        for item in items:
            body = item.body
            kind = str(body["kind"])
            meta = _meta(body)
            if kind in w.cluster_scoped:
                ns = None
            else:
                ns = target_ns or item.namespace or _as_str(meta.get("namespace"))
            obj = K8sObject(
                str(body["apiVersion"]),
                kind,
                str(meta["name"]),
                ns,
                item.doc.path,
                item.doc.line,
                body,
                cluster=cluster,
                deployed=True,
                applied_by=ks_id,
                patched_by=tuple(dict.fromkeys(p.source for p in item.patches)),
                generated=item.generated,
                index=item.doc.index,
                patches=item.patches,
            )
            deployed_docs.add((item.doc.path, item.doc.index))
            previous = objects.get(obj.id)
            if previous is not None:
                if previous.path != obj.path or previous.line != obj.line:
                    w.problem(
                        obj.path,
                        obj.line,
                        "duplicate-object",
                        f"{obj.id} is also defined at {previous.path}:{previous.line} "
                        f"in cluster '{cluster}'; Flux fails on duplicate objects",
                    )
                continue
            objects[obj.id] = obj
            if (
                kind == "Kustomization"
                and str(body["apiVersion"]).startswith(FLUX_KUSTOMIZE_API)
                and w.is_self_source(body)
            ):
                queue.append((Item(item.doc, body, None), obj.id))
    if root_id not in objects:  # a root nobody applies: written by `flux bootstrap`
        doc = root_item.doc
        objects[root_id] = K8sObject(
            str(root_item.body["apiVersion"]),
            "Kustomization",
            str(root_meta["name"]),
            root_ns,
            doc.path,
            doc.line,
            root_item.body,
            cluster=cluster,
            deployed=True,
            generated=root_item.generated,
        )
        deployed_docs.add((doc.path, doc.index))
    return list(objects.values())


def _flux_components(w: Walker, ks_item: Item, path: str, items: list[Item]) -> list[Item]:
    """A Flux Kustomization's ``spec.components``: kustomize Components (paths relative to
    ``spec.path``) added to what the path builds, their patches applied to all of it."""
    spec = ks_item.body.get("spec")
    components = spec.get("components") if isinstance(spec, Mapping) else None
    if not isinstance(components, list):
        return items
    doc = ks_item.doc
    items = list(items)
    for index, entry in enumerate(components):
        line = line_at(doc.data, ("spec", "components", index), doc.line)
        rel = w.resolve(path, entry, doc.path, line) if isinstance(entry, str) else None
        if rel is None or not (w.root / rel).is_dir():
            if isinstance(entry, str) and rel is not None:
                w.problem(doc.path, line, "kustomize-missing",
                          f"component '{entry}' is not a directory of this repository")
            continue
        sub = w.build(rel, (), (doc.path, line))
        items.extend(sub.items)
        items = w.patch_all(items, sub.component_patches)
    return items


def _flux_patches(w: Walker, ks_item: Item) -> list[Patch]:
    spec = ks_item.body.get("spec")
    patches = spec.get("patches") if isinstance(spec, Mapping) else None
    if not isinstance(patches, list):
        return []
    out: list[Patch] = []
    doc = ks_item.doc
    for index, entry in enumerate(patches):
        line = line_at(doc.data, ("spec", "patches", index), doc.line)
        if not isinstance(entry, Mapping) or not isinstance(entry.get("patch"), str):
            w.problem(doc.path, line, "invalid-field", "spec.patches entries need a 'patch' string")
            continue
        target = entry.get("target") if isinstance(entry.get("target"), Mapping) else None
        try:
            bodies = [b for b in YAML(typ="rt").load_all(entry["patch"]) if b is not None]
        except (YAMLError, ValueError) as exc:
            w.problem(doc.path, line, "yaml-syntax", f"inline patch: {exc}")
            continue
        out.extend(Patch(doc.path, line, body, target) for body in bodies)
    return out


__all__ = ["YAML_SUFFIXES", "WalkResult", "Walker", "walk"]

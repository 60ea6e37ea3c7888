"""The generator and transformer stages of one kustomization, in kustomize's order."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..model import Document
from . import generators, replacements, transformers
from .fieldspecs import COMMON_ANNOTATIONS, COMMON_LABELS, METADATA_LABELS, TEMPLATE_LABELS
from .patching import apply_patches, read_patches
from .resource import Change
from .targets import Target

if TYPE_CHECKING:
    from .build import Accumulation, Kustomizer

INFO = "info"


def generate(k: Kustomizer, target: Target, acc: Accumulation) -> None:
    """configMapGenerator, secretGenerator (with generatorOptions), helmCharts."""
    options = target.mapping(k, "generatorOptions")
    for field_name, kind in (("configMapGenerator", "ConfigMap"), ("secretGenerator", "Secret")):
        for entry, line in target.entries(k, field_name):
            path = target.path or target.doc.path
            if not isinstance(entry, Mapping) or not isinstance(entry.get("name"), str):
                k.problem(path, line, "invalid-field", f"{kind} generator needs a 'name'")
                continue
            data = generators.gather(entry, target.directory, lambda rel: _read(k, rel))
            for error in data.errors:
                k.problem(path, line, "invalid-field", f"{kind} generator: {error}")
            if data.unknown:
                k.problem(path, line, "generator-input", f"{kind} '{entry['name']}': a file it "
                          "reads is not in this checkout, so its content and name hash are "
                          "unknown (kustomize build fails without it)", INFO)
            doc = Document(path, 0, line, {})
            made = generators.make(kind, entry, options, doc, data)
            _add_generated(k, acc, made, path, line)
    for _entry, line in target.entries(k, "helmCharts"):
        k.problem(target.path, line, "helm-charts", "helmCharts are rendered by kustomize "
                  "with Helm at build time; the catalog does not render them", INFO)


def _read(k: Kustomizer, rel: str) -> bytes | None:
    if not k.fs.is_file(rel) or not k.fs.inside(rel):
        return None
    k.use(rel)
    return k.fs.read_bytes(rel)


def _add_generated(k: Kustomizer, acc: Accumulation, made: Any, path: str, line: int) -> None:
    for i, res in enumerate(acc.resources):
        if res.kind == made.kind and res.origin[1] == made.name and (
                made.namespace is None or res.namespace == made.namespace):
            if made.behavior in ("merge", "replace"):
                acc.resources[i] = generators.merge_into(res, made)
            else:
                k.problem(path, line, "duplicate-object",
                          f"{made.kind} '{made.name}' is generated again; kustomize fails "
                          "(use behavior: merge or replace)")
            return
    if made.behavior in ("merge", "replace"):
        k.problem(path, line, "kustomize-missing",
                  f"{made.kind} '{made.name}': behavior {made.behavior} needs an existing "
                  "object of that name; kustomize fails")
        return
    acc.resources.append(made)


def transform(k: Kustomizer, target: Target, acc: Accumulation) -> None:
    """The built-in transformers, in kustomize's order."""

    def change(what: str, field_name: str) -> Change:
        path, line = target.where(field_name)
        return Change(what, path, line)

    apply_patches(k, acc, read_patches(k, target, "patchesStrategicMerge"))
    apply_patches(k, acc, read_patches(k, target, "patches"))
    namespace = target.string(k, "namespace")
    if namespace:
        acc.resources = transformers.namespace(acc.resources, namespace,
                                               change("namespace", "namespace"))
    prefix, suffix = target.string(k, "namePrefix"), target.string(k, "nameSuffix")
    if prefix or suffix:
        acc.resources = transformers.rename(acc.resources, prefix, suffix,
                                            change("name prefix/suffix",
                                                   "namePrefix" if prefix else "nameSuffix"))
    for entry, line in target.entries(k, "labels"):
        if not isinstance(entry, Mapping) or not isinstance(entry.get("pairs"), Mapping):
            continue
        specs = (COMMON_LABELS if entry.get("includeSelectors")
                 else TEMPLATE_LABELS if entry.get("includeTemplates") else METADATA_LABELS)
        specs = specs + _custom_specs(entry.get("fields"))
        path = target.where("labels")[0]
        acc.resources = transformers.add_map(acc.resources, entry["pairs"], specs,
                                             Change("labels", path, line))
    labels = target.mapping(k, "commonLabels")
    if labels:
        acc.resources = transformers.add_map(acc.resources, labels, COMMON_LABELS,
                                             change("commonLabels", "commonLabels"))
    annotations = target.mapping(k, "commonAnnotations")
    if annotations:
        acc.resources = transformers.add_map(acc.resources, annotations, COMMON_ANNOTATIONS,
                                             change("commonAnnotations", "commonAnnotations"))
    apply_patches(k, acc, read_patches(k, target, "patchesJson6902"))
    entries = [e for e, _ in target.entries(k, "replicas")]
    if entries:
        acc.resources = transformers.replicas(acc.resources, entries,
                                              change("replicas", "replicas"))
    entries = [e for e, _ in target.entries(k, "images")]
    if entries:
        acc.resources = transformers.images(acc.resources, entries, change("images", "images"))
    for entry, line in target.entries(k, "replacements"):
        _replacement(k, target, acc, entry, line)


def _custom_specs(fields: Any) -> list[tuple[str | None, str | None, str, bool]]:
    out: list[tuple[str | None, str | None, str, bool]] = []
    for spec in fields if isinstance(fields, list) else []:
        if isinstance(spec, Mapping) and isinstance(spec.get("path"), str):
            out.append((spec.get("group"), spec.get("kind"), spec["path"],
                        bool(spec.get("create"))))
    return out


def _replacement(k: Kustomizer, target: Target, acc: Accumulation, entry: Any,
                 line: int) -> None:
    path = target.where("replacements")[0]
    items: list[tuple[Any, str, int]] = [(entry, path, line)]
    if isinstance(entry, Mapping) and isinstance(entry.get("path"), str):
        rel = k.join_inside(target.directory, entry["path"], path, line)
        if rel is None:
            return
        if not k.fs.is_file(rel):
            k.problem(path, line, "kustomize-missing", f"'{entry['path']}' does not exist")
            return
        k.use(rel)
        items = []
        for doc in k.load(rel).docs:
            docs = doc.data if isinstance(doc.data, list) else [doc.data]
            items.extend((d, rel, doc.line) for d in docs if d is not None)
    for item, where, at in items:
        if not isinstance(item, Mapping):
            k.problem(where, at, "invalid-field", "a replacement must be a mapping")
            continue
        try:
            acc.resources = replacements.apply(acc.resources, item,
                                               Change("replacement", where, at))
        except replacements.ReplacementError as exc:
            k.problem(where, at, "replacement", f"{exc}; kustomize build fails")

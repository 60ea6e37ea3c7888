"""What one Flux Kustomization applies: its ``spec.path`` built the way kustomize-controller
builds it.

kustomize-controller (fluxcd/pkg ``kustomize/kustomize_generator.go``) writes a
kustomization for a directory without one, then amends the top-level kustomization with the
Kustomization's ``targetNamespace`` (as ``namespace``), ``patches``, ``images``,
``components`` and ``namePrefix``/``nameSuffix``, builds it with kustomize, and then, per
object, runs ``postBuild`` substitution (``kustomize_varsub.go``) and sets
``commonMetadata`` labels and annotations on the object's metadata.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from ..kustomize import Change, Kustomizer, Resource, Target
from ..positions import line_at
from .sources import Sources
from .substitute import Outcome, Variables, disabled, substitute

# Kustomization spec fields that amend the top-level kustomization: spec name -> field.
AMEND = {"patches": "patches", "images": "images", "components": "components",
         "namePrefix": "namePrefix", "nameSuffix": "nameSuffix"}


@dataclass
class Applied:
    directory: str | None
    resources: list[Resource] = field(default_factory=list)
    missing_sources: list[str] = field(default_factory=list)


def _spec(body: Mapping[str, Any]) -> Mapping[str, Any]:
    spec = body.get("spec")
    return spec if isinstance(spec, Mapping) else {}


def flux_path(k: Kustomizer, sources: Sources, ks: Resource) -> str | None:
    """The repository directory ``ks`` builds, or None (external source, or a problem)."""
    spec = _spec(ks.body)
    doc = ks.doc
    line = line_at(doc.data, ("spec", "path"), doc.line)
    raw = spec.get("path") or "./"
    if not isinstance(raw, str):
        k.problem(doc.path, line, "invalid-field", "Kustomization spec.path must be a string")
        return None
    ref = spec.get("sourceRef")
    if not isinstance(ref, Mapping):
        return None
    if ref.get("kind") == "ExternalArtifact":
        mapped = sources.artifact_path(ref.get("name"), raw)
        if mapped is None:
            return None
        raw, base = mapped, ""
    else:
        found = sources.root_of(ref.get("kind"), ref.get("namespace") or ks.namespace,
                                ref.get("name"))
        if found is None:
            return None
        base = found
    rel = k.join_inside(base, raw.lstrip("/") or ".", doc.path, line)
    if rel is None:
        return None
    if not k.fs.is_dir(rel):
        k.problem(doc.path, line, "kustomize-missing",
                  f"spec.path '{raw}' is not a directory of this repository")
        return None
    return rel


def amends(ks: Resource) -> bool:
    """Whether kustomize-controller rewrites the top-level kustomization of ``ks``'s path."""
    spec = _spec(ks.body)
    return any(spec.get(name) is not None for name in AMEND) or \
        bool(isinstance(spec.get("targetNamespace"), str) and spec["targetNamespace"])


def amended_target(k: Kustomizer, ks: Resource, directory: str) -> Target:
    """The top-level kustomization of ``directory`` as kustomize-controller rewrites it."""
    target = k.target(directory)
    spec = _spec(ks.body)
    data = dict(target.data)
    where: dict[str, tuple[str, int]] = {}
    origins: dict[str, tuple[tuple[str, int], ...]] = {}
    doc = ks.doc

    def at(name: str) -> tuple[str, int]:
        return (doc.path, line_at(doc.data, ("spec", name), doc.line))

    if isinstance(spec.get("targetNamespace"), str) and spec["targetNamespace"]:
        data["namespace"] = spec["targetNamespace"]
        where["namespace"] = at("targetNamespace")
    for name, field_name in AMEND.items():
        value = spec.get(name)
        if value is None:
            continue
        if isinstance(value, list):
            if field_name == "images":
                data["images"] = _merged_images(data.get("images"), value)
            else:  # patches, and components (paths relative to spec.path)
                data[field_name] = [*(_list(data.get(field_name))), *value]
            if field_name != "images":
                written_in = target.where(field_name)[0]
                origins[field_name] = (
                    *((written_in, line) for _, line in target.entries(k, field_name)),
                    *((doc.path, line_at(doc.data, ("spec", name, i), doc.line))
                      for i in range(len(value))))
            where[field_name] = at(name)
        elif isinstance(value, str):
            data[field_name] = value
            where[field_name] = at(name)
    return replace(target, data=data, amended=where, item_origins=origins)


def _list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list) else []


def _merged_images(current: Any, extra: list[Any]) -> list[Any]:
    images = _list(current)
    for image in extra:
        name = image.get("name") if isinstance(image, Mapping) else None
        index = next((i for i, v in enumerate(images)
                      if isinstance(v, Mapping) and v.get("name") == name), None)
        if index is None:
            images.append(image)
        else:
            images[index] = image
    return images


def variables(k: Kustomizer, ks: Resource, known: Mapping[tuple[str, str | None, str], Any]
              ) -> Variables:
    """The variables of ``postBuild``: ``substituteFrom`` ConfigMaps and Secrets the cluster
    walk has seen (looked up in the Kustomization's namespace), then ``substitute``."""
    post = _spec(ks.body).get("postBuild")
    out = Variables()
    if not isinstance(post, Mapping):
        return out
    for ref in post.get("substituteFrom") or []:
        if not isinstance(ref, Mapping) or ref.get("kind") not in ("ConfigMap", "Secret"):
            continue
        out.defined = True
        body = known.get((str(ref["kind"]), ks.namespace, str(ref.get("name"))))
        what = f"{ref['kind']}/{ref.get('name')}"
        if body is None:
            if not ref.get("optional"):
                out.unknown_sources.append(f"{what} (not in this repository)")
            continue
        if "sops" in body:
            out.unknown_sources.append(f"{what} (SOPS-encrypted)")
            continue
        out.values.update(_data(body))
    inline = post.get("substitute")
    if isinstance(inline, Mapping) and inline:
        out.defined = True
        out.values.update({str(key): str(v).replace("\n", "") for key, v in inline.items()
                           if v is not None})
    return out


def _data(body: Mapping[str, Any]) -> dict[str, str]:
    out: dict[str, str] = {}
    data = body.get("data")
    if isinstance(data, Mapping):
        for key, value in data.items():
            if body.get("kind") == "Secret":
                try:
                    value = base64.b64decode(str(value)).decode("utf-8")
                except (ValueError, UnicodeDecodeError):
                    continue
            out[str(key)] = str(value).replace("\n", "")
    string_data = body.get("stringData")
    if isinstance(string_data, Mapping):
        out.update({str(key): str(v).replace("\n", "") for key, v in string_data.items()})
    return out


def apply(k: Kustomizer, sources: Sources, ks: Resource,
          known: Mapping[tuple[str, str | None, str], Any]) -> Applied:
    directory = flux_path(k, sources, ks)
    out = Applied(directory)
    if directory is None:
        return out
    resources = k.build(directory, amended_target(k, ks, directory),
                        origin=(ks.doc.path, ks.doc.line))
    spec = _spec(ks.body)
    found = variables(k, ks, known)
    out.missing_sources = found.unknown_sources
    common = spec.get("commonMetadata")
    for res in resources:
        if found.defined and not disabled(res.body):
            outcome = Outcome()
            body = substitute(res.body, found, outcome)
            if outcome.changed:
                written = res.name
                res = res.with_body(body, Change("postBuild substitution", ks.doc.path,
                                                 line_at(ks.doc.data, ("spec", "postBuild"),
                                                         ks.doc.line)))
                if res.name != written:
                    res = replace(res, written_name=written)
            if outcome.unknown:
                res = replace(res, unknown_vars=frozenset(outcome.unknown))
        if isinstance(common, Mapping):
            res = _common_metadata(res, common, ks)
        out.resources.append(res)
    return out


def _common_metadata(res: Resource, common: Mapping[str, Any], ks: Resource) -> Resource:
    body = res.edit()
    meta = body.setdefault("metadata", {})
    changed = False
    for key in ("labels", "annotations"):
        values = common.get(key)
        if isinstance(values, Mapping) and values:
            meta.setdefault(key, {}).update({str(a): str(b) for a, b in values.items()})
            changed = True
    if not changed:
        return res
    return res.with_body(body, Change("commonMetadata", ks.doc.path,
                                      line_at(ks.doc.data, ("spec", "commonMetadata"),
                                              ks.doc.line)))


__all__ = ["Applied", "amended_target", "amends", "apply", "flux_path", "variables"]

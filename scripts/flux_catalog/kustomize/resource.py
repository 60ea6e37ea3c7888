"""Resources of a kustomize build: an object, where it was written, and what changed it."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from ..model import Document
from ..positions import key_line

KUSTOMIZE_API = "kustomize.config.k8s.io"


@dataclass(frozen=True)
class Change:
    """One step of a build that changed a resource: ``what`` (``patch``, ``namespace``,
    ``labels``, ...) written at ``path``:``line``."""

    what: str
    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.what} ({self.path}:{self.line})"


@dataclass(frozen=True, eq=False)
class Resource:
    """An object produced by a build. ``body`` is never changed in place: builds are cached
    and shared between overlays, so every transformation works on a copy."""

    doc: Document  # where it is written (a generator's entry for generated objects)
    body: Mapping[str, Any]
    patches: tuple[Any, ...] = ()  # the Patch objects applied, in order
    changes: tuple[Change, ...] = ()
    generated: bool = False
    # (kind, name, namespace) as first built: name references follow renames from here.
    origin: tuple[str, str, str | None] = ("", "", None)
    # Generator options: whether the name still gets kustomize's content hash suffix.
    needs_hash: bool = False
    # ``behavior`` of a generator entry (create, merge, replace).
    behavior: str = "create"
    # After Flux's postBuild substitution: the name as written, when substitution changed
    # it, and the variables whose value could not be known.
    written_name: str | None = None
    unknown_vars: frozenset[str] = frozenset()

    @property
    def kind(self) -> str:
        return str(self.body.get("kind", ""))

    @property
    def api_version(self) -> str:
        return str(self.body.get("apiVersion", ""))

    @property
    def group(self) -> str:
        api = self.api_version
        return api.split("/", 1)[0] if "/" in api else ""

    @property
    def name(self) -> str:
        return str(meta(self.body).get("name", ""))

    @property
    def namespace(self) -> str | None:
        ns = meta(self.body).get("namespace")
        return ns if isinstance(ns, str) and ns else None

    def with_body(self, body: Mapping[str, Any], change: Change | None = None,
                  patch: Any = None) -> Resource:
        changes = self.changes if change is None else (*self.changes, change)
        patches = self.patches if patch is None else (*self.patches, patch)
        return replace(self, body=body, changes=changes, patches=patches)

    def edit(self) -> dict[str, Any]:
        """A deep copy of the body to change."""
        return copy.deepcopy(dict(self.body))


def meta(body: Mapping[str, Any]) -> Mapping[str, Any]:
    value = body.get("metadata")
    # a dict first: the same answer, without the ABC's instance check
    return value if isinstance(value, (dict, Mapping)) else {}


def is_object(data: Any) -> bool:
    return (
        isinstance(data, Mapping)
        and isinstance(data.get("apiVersion"), str)
        and isinstance(data.get("kind"), str)
        and not data["apiVersion"].startswith(KUSTOMIZE_API)
    )


def new_resource(doc: Document, body: Mapping[str, Any], generated: bool = False,
                 **kwargs: Any) -> Resource:
    m = meta(body)
    ns = m.get("namespace")
    return Resource(doc, body, generated=generated,
                    origin=(str(body.get("kind", "")), str(m.get("name", "")),
                            ns if isinstance(ns, str) and ns else None), **kwargs)


def metadata_problem(doc: Document) -> tuple[int, str] | None:
    """(line, message) when an object's metadata cannot be read as Kubernetes reads it."""
    data = doc.data
    m = data.get("metadata")
    if not isinstance(m, Mapping):
        return doc.line, f"{data['kind']}: metadata must be a mapping"
    name = m.get("name")
    if not isinstance(name, str) or not name:
        return (key_line(m, "name", doc.line), f"{data['kind']}: metadata.name must be a "
                f"non-empty string, got {type(name).__name__}")
    ns = m.get("namespace")
    if ns is not None and not isinstance(ns, str):
        return (key_line(m, "namespace", doc.line),
                f"{data['kind']}/{name}: metadata.namespace must be a string")
    for key in ("labels", "annotations"):
        # kustomize passes such an object through (and fails on it in any transformer);
        # the API server rejects it, so Flux applies none of its Kustomization
        if m.get(key) is not None and not isinstance(m[key], Mapping):
            return (key_line(m, key, doc.line),
                    f"{data['kind']}/{name}: metadata.{key} must be a mapping")
    return None

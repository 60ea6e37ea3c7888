"""Container images an object names: in its manifest, or in a HelmRelease's chart values.

Manifests: every ``image:`` string (containers, init containers, operator resources such as an
OpenTelemetryCollector's ``spec.image``). Chart values follow Helm's conventions: a key ending
in ``image`` holds either ``repo:tag`` or a mapping with ``repository`` (and optionally
``registry``, ``tag``, ``digest``), as in Bitnami, Grafana and bjw-s app-template charts. A tag
the values do not set is the chart's own default, which the catalog cannot know offline.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from .model import K8sObject
from .secrets import redact_text

# Largest number of nodes visited in one object.
NODE_BUDGET = 20_000


@dataclass(frozen=True, order=True)
class Image:
    repository: str  # registry and repository, as written
    tag: str | None  # None when not written (the chart's default, or "latest")
    digest: str | None  # "sha256:...", when pinned by digest
    path: str  # where it is written, e.g. "spec.values.image" or "spec.template...image"

    @property
    def reference(self) -> str:
        """``repository:tag@digest`` (the parts written), as a registry reads it."""
        text = self.repository
        if self.tag is not None:
            text += f":{self.tag}"
        if self.digest is not None:
            text += f"@{self.digest}"
        return text


def images_of(obj: K8sObject) -> list[Image]:
    """The images ``obj`` names, in document order, each (path, reference) once.

    Remembered per object: the inventory page, inventory.json and inventory.csv all ask.
    """
    found = _CACHE.get(obj)
    if found is None:
        found = _CACHE[obj] = tuple(_images_of(obj))
    return list(found)


_CACHE: weakref.WeakKeyDictionary[K8sObject, tuple[Image, ...]] = weakref.WeakKeyDictionary()


def _images_of(obj: K8sObject) -> list[Image]:
    if obj.kind == "HelmRelease" and obj.is_flux:
        values = obj.spec.get("values")
        found = _walk(values, "spec.values", values=True) if isinstance(values, Mapping) else ()
    else:
        found = _walk({k: v for k, v in obj.body.items() if k != "metadata"}, "", values=False)
    seen: set[tuple[str, str]] = set()
    out = []
    for image in found:
        if (image.path, image.reference) not in seen:
            seen.add((image.path, image.reference))
            out.append(image)
    return out


def parse_reference(text: str) -> tuple[str, str | None, str | None]:
    """``("ghcr.io/x/y", "1.2", "sha256:...")`` from ``ghcr.io/x/y:1.2@sha256:...``.

    A colon in the last path segment starts the tag; one before it is a registry's port.
    """
    name, at, digest = text.strip().partition("@")
    if ":" in name.rpartition("/")[2]:
        repository, _, tag = name.rpartition(":")
        return repository, tag or None, (digest or None) if at else None
    return name, None, (digest or None) if at else None


def _walk(root: Any, base: str, values: bool) -> Iterator[Image]:
    stack: list[tuple[Any, str]] = [(root, base)]
    seen: set[int] = set()
    budget = NODE_BUDGET
    pending: list[Image] = []
    while stack and budget > 0:
        node, path = stack.pop()
        budget -= 1
        if id(node) in seen:
            continue
        if isinstance(node, Mapping):
            seen.add(id(node))
            children = []
            for key, value in node.items():
                child = f"{path}.{key}" if path else str(key)
                if isinstance(key, str) and _is_image_key(key, values):
                    image = _image(value, child)
                    if image is not None:
                        pending.append(image)
                        continue
                children.append((value, child))
            stack.extend(reversed(children))
        elif isinstance(node, list):
            seen.add(id(node))
            stack.extend(reversed([(v, f"{path}[{i}]") for i, v in enumerate(node)]))
    return iter(pending)  # depth first, children in order: document order


def _is_image_key(key: str, values: bool) -> bool:
    return key == "image" or (values and key.lower().endswith("image"))


def _image(value: Any, path: str) -> Image | None:
    if isinstance(value, str):
        text = value.strip()
        if not text or any(c.isspace() for c in text):
            return None
        return Image(*parse_reference(redact_text(text)), path)
    if isinstance(value, Mapping):
        repository = value.get("repository") or value.get("name")
        if not isinstance(repository, str) or not repository.strip():
            return None
        registry = value.get("registry")
        if isinstance(registry, str) and registry.strip():
            repository = f"{registry.strip().rstrip('/')}/{repository.strip()}"
        repository, tag, digest = parse_reference(redact_text(repository))
        written_tag = _scalar(value.get("tag"))
        if written_tag is not None:  # "1.2@sha256:..." pins a digest in the tag (app-template)
            tag, _, in_tag = written_tag.partition("@")
            digest = in_tag or digest
        digest = _scalar(value.get("digest")) or digest
        return Image(repository, tag, digest, path)
    return None


def _scalar(value: Any) -> str | None:
    """A tag written as a string or a number (``tag: 1.2`` is a float to YAML)."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    text = str(value).strip()
    return redact_text(text) if text else None

"""kustomize's built-in transformers over resources: namespace, name prefix and suffix,
labels, annotations, images and replicas. Each returns new resources (bodies are copied
before they change) and records the change on them."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from . import fieldspecs
from .fieldspecs import FieldSpec
from .resource import Change, Resource

Edit = Callable[[dict[str, Any]], bool]


def _each(resources: Iterable[Resource], edit: Callable[[Resource, dict[str, Any]], bool],
          change: Change) -> list[Resource]:
    out = []
    for res in resources:
        body = res.edit()
        out.append(res.with_body(body, change) if edit(res, body) else res)
    return out


def set_fields(body: dict[str, Any], path: str, update: Callable[[Any], Any],
               create: bool) -> bool:
    """Apply ``update`` to every value at ``path`` (see fieldspecs); True when one changed."""
    return _set(body, path.split("/"), update, create)


def _set(node: Any, parts: list[str], update: Callable[[Any], Any], create: bool) -> bool:
    if not parts:
        return False
    head, rest = parts[0], parts[1:]
    many = head.endswith("[]")
    key = head[:-2] if many else head
    if isinstance(node, list):  # a path segment over a list steps into every item
        return any([_set(item, parts, update, create) for item in node])
    if not isinstance(node, dict):
        return False
    if many:
        items = node.get(key)
        if not isinstance(items, list):
            return False
        return any([_set(item, rest, update, create) for item in items])
    if not rest:
        if key not in node and not create:
            return False
        old = node.get(key)
        new = update(old)
        if new is old and key in node:
            return False
        node[key] = new
        return True
    child = node.get(key)
    if child is None:
        if not create:
            return False
        child = node[key] = {}
    return _set(child, rest, update, create)


def _merged(pairs: Mapping[str, Any]) -> Callable[[Any], Any]:
    def update(old: Any) -> Any:
        out = dict(old) if isinstance(old, Mapping) else {}
        out.update({str(k): "" if v is None else str(v) for k, v in pairs.items()})
        return out
    return update


def add_map(resources: list[Resource], pairs: Mapping[str, Any], specs: list[FieldSpec],
            change: Change) -> list[Resource]:
    """commonLabels / labels / commonAnnotations: add ``pairs`` at every matching spec."""
    if not pairs:
        return resources

    def edit(res: Resource, body: dict[str, Any]) -> bool:
        changed = False
        for spec in specs:
            if fieldspecs.applies(spec, res.group, res.kind):
                changed |= set_fields(body, spec[2], _merged(pairs), spec[3])
        return changed

    return _each(resources, edit, change)


def namespace(resources: list[Resource], ns: str, change: Change) -> list[Resource]:
    """The namespace transformer: every namespaced object's ``metadata.namespace``, the
    name of Namespace objects, RoleBinding subjects named ``default``, webhook services."""

    def edit(res: Resource, body: dict[str, Any]) -> bool:
        kind, changed = res.kind, False
        if kind == "Namespace":
            changed |= set_fields(body, "metadata/name", lambda _: ns, True)
        elif kind not in fieldspecs.CLUSTER_SCOPED:
            changed |= set_fields(body, "metadata/namespace", lambda _: ns, True)
        if kind in ("RoleBinding", "ClusterRoleBinding"):
            for subject in body.get("subjects") or []:
                if isinstance(subject, dict) and subject.get("name") == "default":
                    subject["namespace"] = ns
                    changed = True
        elif kind in ("ValidatingWebhookConfiguration", "MutatingWebhookConfiguration"):
            changed |= set_fields(body, "webhooks[]/clientConfig/service/namespace",
                                  lambda _: ns, False)
        elif kind == "APIService":
            changed |= set_fields(body, "spec/service/namespace", lambda _: ns, True)
        elif kind == "CustomResourceDefinition":
            changed |= set_fields(body, "spec/conversion/webhook/clientConfig/service/namespace",
                                  lambda _: ns, False)
        return changed

    return _each(resources, edit, change)


def rename(resources: list[Resource], prefix: str, suffix: str, change: Change
           ) -> list[Resource]:
    """namePrefix / nameSuffix: every name but those of Namespaces and CRDs."""
    if not prefix and not suffix:
        return resources

    def edit(res: Resource, body: dict[str, Any]) -> bool:
        if res.kind in ("Namespace", "CustomResourceDefinition"):
            return False
        return set_fields(body, "metadata/name", lambda n: f"{prefix}{n}{suffix}", False)

    return _each(resources, edit, change)


_IMAGE = re.compile(r"^(?P<name>[^@]+?)(?::(?P<tag>[\w][\w.-]{0,127}))?(?:@(?P<digest>.+))?$")


def _image_update(entry: Mapping[str, Any]) -> Callable[[str], str | None]:
    name = str(entry.get("name", ""))
    new_name, new_tag, digest = (entry.get("newName"), entry.get("newTag"), entry.get("digest"))

    def update(image: str) -> str | None:
        m = _IMAGE.match(image)
        if m is None or m.group("name") != name:
            return None
        out = str(new_name) if new_name else m.group("name")
        if digest:
            return f"{out}@{digest}"
        if new_tag is not None and new_tag != "":
            return f"{out}:{new_tag}"
        tag, old_digest = m.group("tag"), m.group("digest")
        if tag:
            out += f":{tag}"
        if old_digest:
            out += f"@{old_digest}"
        return out

    return update


def images(resources: list[Resource], entries: list[Mapping[str, Any]], change: Change
           ) -> list[Resource]:
    """``images:`` over every ``image`` of every ``containers``/``initContainers`` list,
    wherever it is in the object (kustomize's legacy image filter)."""
    updates = [_image_update(e) for e in entries
               if isinstance(e, Mapping) and isinstance(e.get("name"), str)]
    if not updates:
        return resources

    def visit(node: Any) -> bool:
        changed = False
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("containers", "initContainers") and isinstance(value, list):
                    for container in value:
                        if isinstance(container, dict) and isinstance(container.get("image"),
                                                                      str):
                            for update in updates:
                                new = update(container["image"])
                                if new is not None:
                                    changed |= new != container["image"]
                                    container["image"] = new
                                    break
                changed |= visit(value)
        elif isinstance(node, list):
            for item in node:
                changed |= visit(item)
        return changed

    return _each(resources, lambda _, body: visit(body), change)


def replicas(resources: list[Resource], entries: list[Mapping[str, Any]], change: Change
             ) -> list[Resource]:
    counts = {str(e["name"]): e.get("count") for e in entries
              if isinstance(e, Mapping) and "name" in e}

    def edit(res: Resource, body: dict[str, Any]) -> bool:
        if res.name not in counts:
            return False
        changed = False
        for spec in fieldspecs.REPLICAS:
            if fieldspecs.applies(spec, res.group, res.kind):
                changed |= set_fields(body, spec[2], lambda _: counts[res.name], spec[3])
        return changed

    return _each(resources, edit, change)

"""Patches as a kustomization lists them (``patchesStrategicMerge``, ``patches``,
``patchesJson6902``): read from files or inline text, then applied to what has been
accumulated, with kustomize's errors for a patch that matches nothing or breaks an object."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from .patches import Patch, PatchError
from .resource import Change, Resource, is_object, meta
from .targets import Target, patch_bodies

if TYPE_CHECKING:
    from .build import Accumulation, Kustomizer


def read_patches(k: Kustomizer, target: Target, field_name: str) -> list[Patch]:
    """The patches a target lists under ``field_name``, parsed."""
    out: list[Patch] = []
    for entry, where, line in target.entries_at(k, field_name):
        patch_target = None
        text: str | None = None
        source = where
        if isinstance(entry, str):
            if "\n" in entry:
                text = entry
            else:
                source = k.join_inside(target.directory, entry, where, line) or ""
                if source and not k.fs.is_file(source):
                    # an inline one-line patch rather than a path
                    if entry.lstrip().startswith(("{", "[", "apiVersion")):
                        text, source = entry, where
                    else:
                        k.problem(where, line, "kustomize-missing",
                                     f"patch '{entry}' does not exist")
                        continue
        elif isinstance(entry, Mapping):
            if isinstance(entry.get("target"), Mapping):
                patch_target = entry["target"]
            if isinstance(entry.get("path"), str):
                source = k.join_inside(target.directory, entry["path"], where, line) or ""
                if source and not k.fs.is_file(source):
                    k.problem(where, line, "kustomize-missing",
                                 f"patch '{entry['path']}' does not exist")
                    continue
            elif isinstance(entry.get("patch"), str):
                text = entry["patch"]
            else:
                k.problem(where, line, "invalid-field", "patch needs 'path' or 'patch'")
                continue
        else:
            k.problem(where, line, "invalid-field", "patch entries must be mappings")
            continue
        if not source:
            continue
        if text is None:
            k.use(source)
            bodies = [d.data for d in k.load(source).docs if d.data is not None]
        else:
            bodies, error = patch_bodies(text)
            if error:
                k.problem(where, line, "yaml-syntax", f"inline patch: {error}")
                continue
        out.extend(Patch(source, line, body, patch_target) for body in bodies)
    return out

def apply_patches(k: Kustomizer, acc: Accumulation, patches: list[Patch]) -> None:
    for patch in patches:
        if patch.is_json6902 and patch.target is None:
            k.problem(patch.source, patch.line, "patch",
                         "a JSON 6902 patch needs a target")
            continue
        hits = 0
        out: list[Resource] = []
        for res in acc.resources:
            if not patch.matches(res.body, res.origin):
                out.append(res)
                continue
            hits += 1
            if patch.deletes:
                continue
            body = res.edit()
            try:
                patch.apply(body)
            except (PatchError, KeyError, IndexError, TypeError) as exc:
                k.problem(patch.source, patch.line, "patch",
                             f"patch cannot be applied to {res.kind}/{res.name}: {exc}")
                out.append(res)
                continue
            if not is_object(body) or not isinstance(meta(body).get("name"), str):
                k.problem(patch.source, patch.line, "patch",
                             f"after this patch, {res.doc.path}:{res.doc.line} has no "
                             "apiVersion, kind or metadata.name; kustomize build fails")
                continue
            out.append(res.with_body(body, Change("patch", patch.source, patch.line),
                                     patch))
        if hits == 0 and patch.target is None and isinstance(patch.body, Mapping):
            pm = meta(patch.body)
            k.problem(patch.source, patch.line, "patch",
                         f"no resource matches the patch {patch.body.get('kind')}/"
                         f"{pm.get('name')}; kustomize fails: 'failed to find unique "
                         "target for patch'")
        acc.resources = out

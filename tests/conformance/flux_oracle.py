"""An independent reference for what a Flux Kustomization builds: the kustomization
kustomize-controller writes (fluxcd/pkg ``kustomize/kustomize_generator.go``) put into a
copy of the repository, built with ``kubectl kustomize``.

kustomize-controller, for ``spec.path``: if the directory has no kustomization file it
writes one whose ``resources`` are every ``.yaml``/``.yml`` file below it (walked in lexical
order) and every sub-directory holding a kustomization file (not descended into); then it
sets ``namespace`` to ``spec.targetNamespace``, appends ``spec.patches`` to ``patches``,
merges ``spec.images`` into ``images`` by name, appends ``spec.components`` and sets
``namePrefix``/``nameSuffix``. Files a ``.sourceignore`` excludes are not in the artifact.
"""

from __future__ import annotations

import os
import posixpath
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pathspec
import yaml

KFILES = ("kustomization.yaml", "kustomization.yml", "Kustomization")


def copy_repository(src: Path, dst: Path) -> Path:
    """A copy without the files ``.sourceignore`` excludes (source-controller's artifact)."""
    shutil.copytree(src, dst, symlinks=True)
    for ignore in sorted(dst.rglob(".sourceignore")):
        spec = pathspec.PathSpec.from_lines("gitwildmatch", ignore.read_text().splitlines())
        base = ignore.parent
        for path in sorted(base.rglob("*"), reverse=True):
            rel = path.relative_to(base).as_posix()
            if path.is_file() and spec.match_file(rel):
                path.unlink()
    return dst


def _scan(directory: Path) -> list[str]:
    out: list[str] = []

    def walk(current: Path) -> None:
        for entry in sorted(os.scandir(current), key=lambda e: e.name):
            path = Path(entry.path)
            if entry.is_dir():
                if entry.name.startswith("."):
                    continue
                if any((path / k).is_file() for k in KFILES):
                    out.append("./" + path.relative_to(directory).as_posix())
                else:
                    walk(path)
            elif entry.name.endswith((".yaml", ".yml")) and not entry.name.startswith("."):
                out.append("./" + path.relative_to(directory).as_posix())

    walk(directory)
    return out


def write_flux_kustomization(directory: Path, spec: Mapping[str, Any]) -> None:
    """Rewrite ``directory``'s kustomization as kustomize-controller does for ``spec``."""
    existing = next((directory / k for k in KFILES if (directory / k).is_file()), None)
    if existing is not None:
        data = yaml.safe_load(existing.read_text()) or {}
        existing.unlink()
    else:
        data = {"apiVersion": "kustomize.config.k8s.io/v1beta1", "kind": "Kustomization",
                "resources": _scan(directory)}
    if spec.get("targetNamespace"):
        data["namespace"] = spec["targetNamespace"]
    for patch in spec.get("patches") or []:
        data.setdefault("patches", []).append(dict(patch))
    for image in spec.get("images") or []:
        images = data.setdefault("images", [])
        same = [i for i, v in enumerate(images) if v.get("name") == image.get("name")]
        if same:
            images[same[0]] = dict(image)
        else:
            images.append(dict(image))
    for component in spec.get("components") or []:
        data.setdefault("components", []).append(component)
    for key in ("namePrefix", "nameSuffix"):
        if spec.get(key):
            data[key] = spec[key]
    (directory / "kustomization.yaml").write_text(yaml.safe_dump(data, sort_keys=False))


def flux_directory(repo: Path, spec: Mapping[str, Any]) -> Path | None:
    raw = spec.get("path") or "./"
    rel = posixpath.normpath(str(raw).lstrip("/") or ".")
    path = repo / rel
    return path if path.is_dir() and not rel.startswith("..") else None

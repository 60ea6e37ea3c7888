"""What each Flux Kustomization builds, against kustomize-controller's procedure run with
``kubectl kustomize`` on a copy of the repository (see flux_oracle.py).

For every Flux Kustomization the engine finds deployed in the fixtures, our cluster and
``../shared/corpora``, the objects of its build (before postBuild substitution, which the
controller applies per object afterwards) must equal the reference's.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from flux_catalog.flux.apply import amended_target, flux_path
from flux_catalog.flux.sources import Sources
from flux_catalog.kustomize import FileSystem, Kustomizer
from flux_catalog.kustomize.resource import new_resource
from flux_catalog.model import Document
from flux_catalog.resolve import build_catalog

from .flux_oracle import copy_repository, flux_directory, write_flux_kustomization
from .oracle import KUBECTL, check, differences, fill_generator_inputs, index, kubectl_build

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parents[1]
REPOS = [
    *(p for p in sorted((HERE.parent / "fixtures").iterdir()) if p.is_dir()),
    PROJECT,
    *(p for p in sorted((PROJECT.parent / "shared" / "corpora").glob("*")) if p.is_dir()),
]


def _kustomizations(repo: Path) -> list[tuple[str, Mapping[str, Any], str, int]]:
    scope = ["clusters"] if repo == PROJECT else [""]
    catalog, _ = build_catalog(repo, scope)
    out = []
    for obj in catalog.objects:
        if (obj.kind == "Kustomization" and obj.is_flux and obj.deployed
                and not obj.generated and isinstance(obj.spec.get("path"), str)):
            out.append((f"{obj.cluster}:{obj.id}", json.loads(json.dumps(obj.body)),
                        obj.path, obj.line))
    return out


def _cases() -> list[Any]:
    cases = []
    for repo in REPOS:
        for name, body, path, line in _kustomizations(repo):
            label = "p72-flux" if repo == PROJECT else repo.name
            cases.append(pytest.param(repo, body, path, line, id=f"{label}/{name}"))
    return cases


@pytest.fixture(scope="module")
def copies(tmp_path_factory: pytest.TempPathFactory) -> dict[Path, Path]:
    return {}


@pytest.mark.slow
@pytest.mark.parametrize(("repo", "body", "path", "line"), _cases())
def test_a_flux_kustomization_builds_what_kustomize_controller_builds(
        repo: Path, body: Mapping[str, Any], path: str, line: int,
        copies: dict[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> None:
    if KUBECTL is None:
        if os.environ.get("CI"):
            pytest.fail("kubectl is not installed: CI must run the conformance suite")
        pytest.skip("kubectl is not installed")
    spec = body.get("spec") or {}
    if (spec.get("sourceRef") or {}).get("kind") not in ("GitRepository", None):
        pytest.skip("built from an artifact other than this Git repository")
    if repo not in copies:
        copies[repo] = copy_repository(repo, tmp_path_factory.mktemp("repo") / repo.name)
        fill_generator_inputs(copies[repo])
    copy = copies[repo]
    directory = flux_directory(copy, spec)
    if directory is None:
        pytest.skip("spec.path is not a directory of this repository")
    backup = directory.parent / (directory.name + ".orig")
    shutil.copytree(directory, backup, symlinks=True)
    try:
        write_flux_kustomization(directory, spec)
        expected, error = kubectl_build(directory)
    finally:
        shutil.rmtree(directory)
        backup.rename(directory)
    if expected is None:
        pytest.skip(f"kubectl cannot build it either: {error[:200]}")

    k = Kustomizer(FileSystem(copy))
    ks = new_resource(Document(path, 0, line, body), body)
    rel = flux_path(k, Sources(), ks)
    assert rel is not None
    resources = k.build(rel, amended_target(k, ks, rel))
    want, got = index(expected), index(r.body for r in resources)
    check(want, got, differences(want, got))

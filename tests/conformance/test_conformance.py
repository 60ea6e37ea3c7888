"""The engine's kustomize builds against the reference, ``kubectl kustomize`` (kustomize v5).

Every kustomization directory of the test fixtures and of ``../shared/corpora`` that kubectl
can build must build to the same objects with the same content. Both build a copy of the
repository in which generator input files the corpora lack (they keep only YAML and
Markdown) are filled in; directories kubectl still cannot build are skipped with its
reason. Without kubectl the suite is skipped, except under CI, where
that is a failure.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from .oracle import (
    KUBECTL,
    check,
    differences,
    engine_build,
    fill_generator_inputs,
    index,
    kubectl_build,
)

HERE = Path(__file__).resolve().parent
FIXTURES = HERE.parent / "fixtures"
CORPORA = HERE.parents[2] / "shared" / "corpora"
KFILES = ("kustomization.yaml", "kustomization.yml", "Kustomization")


def _cases() -> list[Any]:
    cases = []
    for base in (FIXTURES, CORPORA):
        if not base.is_dir():
            continue
        for repo in sorted(p for p in base.iterdir() if p.is_dir()):
            dirs = sorted({f.parent for name in KFILES for f in repo.rglob(name)})
            for directory in dirs:
                rel = directory.relative_to(repo).as_posix()
                # The real repositories are hundreds of kubectl runs: the full suite only.
                marks = [pytest.mark.slow] if base == CORPORA else []
                cases.append(pytest.param(repo, rel, id=f"{base.name}/{repo.name}/{rel}",
                                          marks=marks))
    return cases


@pytest.fixture(scope="module")
def copies() -> dict[Path, Path]:
    return {}


def _copy(repo: Path, copies: dict[Path, Path], factory: pytest.TempPathFactory) -> Path:
    """A copy of the repository with the generator inputs it lacks filled in."""
    if repo not in copies:
        target = factory.mktemp("repo") / repo.name
        shutil.copytree(repo, target, symlinks=True)
        fill_generator_inputs(target)
        copies[repo] = target
    return copies[repo]


@pytest.mark.parametrize(("repo", "rel"), _cases())
def test_build_matches_kubectl_kustomize(repo: Path, rel: str, copies: dict[Path, Path],
                                         tmp_path_factory: pytest.TempPathFactory) -> None:
    if KUBECTL is None:
        if os.environ.get("CI"):
            pytest.fail("kubectl is not installed: CI must run the conformance suite")
        pytest.skip("kubectl is not installed; the conformance suite needs it as the oracle")
    repo = _copy(repo, copies, tmp_path_factory)
    expected, error = kubectl_build(repo / rel)
    if expected is None:
        pytest.skip(f"kubectl cannot build it either: {error[:200]}")
    resources, _ = engine_build(repo, rel)
    want, got = index(expected), index(r.body for r in resources)
    diff = differences(want, got)
    check(want, got, diff)

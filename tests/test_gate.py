"""The docs gate end to end: the CLI and the strict site build fail together and pass together;
the CI and pre-commit configuration other people run is valid."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .test_site import build, copy_repo

ROOT = Path(__file__).resolve().parents[1]
RELEASE = "clusters/p72-flux/monitoring/grafana/release.yaml"


def check(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "flux_catalog", "check", "--repo-root", str(repo),
         str(repo / "clusters"), *args],
        capture_output=True, text=True, timeout=120, cwd=repo,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT / "scripts")},
    )


@pytest.mark.slow
def test_deleting_a_description_fails_gate_and_build_until_restored(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    release = repo / RELEASE
    original = release.read_text("utf-8")
    # Drop the `annotations:` block (its only entry is the folded description).
    start = original.index("  annotations:\n")
    end = original.index("spec:\n")
    release.write_text(original[:start] + original[end:], "utf-8")

    gate = check(repo)
    assert gate.returncode == 1, gate.stdout + gate.stderr
    assert f"{RELEASE}:1:1: [error] HelmRelease 'grafana' has no kubernetes.io/description" \
        in gate.stdout
    assert build(repo, tmp_path / "broken", check=False).returncode != 0

    release.write_text(original, "utf-8")
    gate = check(repo)
    assert gate.returncode == 0, gate.stdout + gate.stderr
    build(repo, tmp_path / "fixed")


def test_gate_is_clean_on_this_repository() -> None:
    result = check(ROOT, "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    # Only what the engine cannot know: the OpenTelemetry kinds, for which no CRD is at hand.
    lines = result.stdout.splitlines()
    assert all("[info]" in line for line in lines), result.stdout
    assert all("(schema)" in line and "opentelemetry.io" in line for line in lines), lines


def test_github_annotations_under_actions(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "tests/fixtures/broken", repo)
    result = subprocess.run(
        [sys.executable, "-m", "flux_catalog", "check", "--repo-root", str(repo), str(repo)],
        capture_output=True, text=True, timeout=120,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT / "scripts"),
             "GITHUB_ACTIONS": "true"},
    )
    assert result.returncode == 1
    assert ("::error file=clusters/prod/old.yaml,line=1,col=1,title=api-version::"
            in result.stdout)


@pytest.mark.skipif(shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))
                    is None, reason="check-jsonschema is not installed")
def test_workflows_match_the_github_schema() -> None:
    tool = Path(sys.executable).parent / "check-jsonschema"
    workflows = sorted((ROOT / ".github/workflows").glob("*.yml"))
    assert {w.name for w in workflows} == {"ci.yml", "diff.yml", "pages.yml"}
    result = subprocess.run(
        [str(tool), "--builtin-schema", "vendor.github-workflows", *map(str, workflows)],
        capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.skipif(shutil.which("pre-commit", path=str(Path(sys.executable).parent)) is None,
                    reason="pre-commit is not installed")
def test_pre_commit_files_are_valid() -> None:
    tool = str(Path(sys.executable).parent / "pre-commit")
    for args in (["validate-manifest", ".pre-commit-hooks.yaml"],
                 ["validate-config", ".pre-commit-config.yaml"]):
        result = subprocess.run([tool, *args], cwd=ROOT, capture_output=True, text=True,
                                timeout=120)
        assert result.returncode == 0, result.stdout + result.stderr

"""``flux-catalog diff`` on a fixture repository with two commits (tests/fixtures/diff)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from flux_catalog.cli import main
from flux_catalog.diff.semver import bump

FIXTURE = Path(__file__).parent / "fixtures" / "diff"
SECRETS = ("base-Secret-8f2k1x", "head-Secret-9q7w3z")


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        check=True, capture_output=True, text=True, timeout=60).stdout


def _commit_tree(repo: Path, tree: Path, message: str) -> None:
    for item in repo.iterdir():
        if item.name != ".git":
            shutil.rmtree(item) if item.is_dir() else item.unlink()
    shutil.copytree(tree, repo, dirs_exist_ok=True)
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", message)


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A repository whose HEAD~1 is fixtures/diff/base and HEAD is fixtures/diff/head."""
    repo = tmp_path_factory.mktemp("history") / "repo"
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "main")
    _commit_tree(repo, FIXTURE / "base", "base")
    _commit_tree(repo, FIXTURE / "head", "head")
    return repo


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["diff", *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def report(history: Path) -> dict[str, Any]:
    proc = subprocess.run(
        [sys.executable, "-m", "flux_catalog", "diff", "HEAD~1", "HEAD", "--repo-root",
         str(history), "--format", "json"], capture_output=True, text=True, timeout=120,
        env={"PATH": "/usr/bin:/bin",
             "PYTHONPATH": str(Path(__file__).parents[1] / "scripts")})
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def _changes(report: dict[str, Any], section: str, type_: str | None = None
             ) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for cluster in report["clusters"]:
        for c in cluster["changes"]:
            if c["section"] == section and (type_ is None or c["type"] == type_):
                out.setdefault(c["subject"], []).append(c)
    return out


def test_objects_added_removed_and_moved(report: dict[str, Any]) -> None:
    assert [c["cluster"] for c in report["clusters"]] == ["prod"]
    objects = _changes(report, "objects")
    assert {s: [c["type"] for c in cs] for s, cs in objects.items()} == {
        "Deployment/apps/old-tool": ["removed"],
        "HelmRelease/apps/metrics": ["added"],
        "HelmRelease/apps/worker": ["moved"],
        "HelmRelease/infra/cache": ["removed"],
        "HelmRelease/platform/proxy": ["moved"],
        "Namespace//infra": ["removed"],
        "Namespace//platform": ["added"],
    }
    worker = objects["HelmRelease/apps/worker"][0]
    assert worker["data"]["applied_by"] == ["Kustomization/flux-system/apps",
                                            "Kustomization/flux-system/jobs"]
    assert worker["file"] == "jobs/worker.yaml"
    proxy = objects["HelmRelease/platform/proxy"][0]
    assert proxy["data"]["from"] == "HelmRelease/infra/proxy"
    assert "namespace infra → platform" in proxy["message"]


def test_chart_changes_with_semver_level_and_range_to_pin(report: dict[str, Any]) -> None:
    charts = {s: cs[0] for s, cs in _changes(report, "charts").items()}
    assert set(charts) == {"HelmRelease/apps/web", "HelmRelease/apps/api", "HelmRelease/apps/queue"}
    assert charts["HelmRelease/apps/web"]["data"]["level"] == "major"
    assert charts["HelmRelease/apps/web"]["level"] == "warning"
    assert charts["HelmRelease/apps/api"]["data"]["level"] == "minor"
    assert charts["HelmRelease/apps/api"]["level"] == "info"
    assert charts["HelmRelease/apps/queue"]["data"]["pinned"] == [False, True]
    assert "range → pin" in charts["HelmRelease/apps/queue"]["message"]
    # the major bump stands out among the review flags
    assert "HelmRelease/apps/web" in _changes(report, "flags", "major-bump")


def test_values_diff_is_redacted_on_both_sides(history: Path, report: dict[str, Any],
                                               capsys: pytest.CaptureFixture[str]) -> None:
    values = _changes(report, "values")
    web = {c["type"]: c for c in values["HelmRelease/apps/web"]}
    assert "-replicas: 1\n+replicas: 2\n" in web["values"]["diff"]
    assert "password: ••• приховано •••" in web["values"]["diff"]
    assert web["hidden-value"]["data"]["paths"] == ["spec.values.auth.password"]
    assert web["hidden-value"]["level"] == "warning"
    api = {c["type"]: c for c in values["HelmRelease/apps/api"]}
    assert "-  timeout: 5m\n+  timeout: 10m" in api["settings"]["diff"]
    for fmt in ("text", "markdown", "json"):
        code, out, err = _run(capsys, "HEAD~1", "HEAD", "--repo-root", str(history),
                              "--format", fmt)
        assert code == 0
        for secret in SECRETS:
            assert secret not in out + err, fmt


def test_documentation_changes(report: dict[str, Any]) -> None:
    docs = {s: [c["type"] for c in cs] for s, cs in _changes(report, "docs").items()}
    assert docs == {
        "HelmRelease/apps/api": ["description-changed"],
        "HelmRelease/apps/metrics": ["undocumented"],
        "HelmRelease/apps/queue": ["description-removed"],
        "HelmRelease/apps/web": ["description-added"],
        "apps/README.md": ["readme-changed"],
        "infra/README.md": ["readme-changed"],
        "legacy/README.md": ["readme-removed"],
    }


def test_problems_introduced_and_fixed(report: dict[str, Any]) -> None:
    problems = [(c["type"], c["file"], c["data"]["rule"])
                for cluster in report["clusters"] for c in cluster["changes"]
                if c["section"] == "problems"]
    assert sorted(problems) == [
        ("fixed", "apps/queue.yaml", "chart-unpinned"),
        ("fixed", "apps/web.yaml", "description-missing"),
        ("introduced", "apps/metrics.yaml", "description-missing"),
        ("introduced", "apps/queue.yaml", "description-missing"),
        ("introduced", "legacy/README.md", "readme-missing"),
    ]


def test_review_flags(report: dict[str, Any]) -> None:
    flags = {(c["type"], s) for s, cs in _changes(report, "flags").items() for c in cs}
    assert flags == {
        ("pruned", "HelmRelease/infra/cache"),
        ("pruned", "Namespace//infra"),
        ("orphaned", "Deployment/apps/old-tool"),
        ("recreated", "HelmRelease/platform/proxy"),  # namespace move under prune: true
        ("recreated", "HelmRelease/apps/worker"),  # moved between Kustomizations
        ("suspend", "HelmRelease/apps/queue"),
        ("target-namespace", "Kustomization/flux-system/infra"),
        ("dependsOn-cycle", "HelmRelease/apps/api → HelmRelease/apps/web"),
        ("crds-policy", "HelmRelease/apps/api"),
        ("release-settings", "HelmRelease/apps/api"),
        ("major-bump", "HelmRelease/apps/web"),
    }
    crds = sorted(c["message"] for c in _changes(report, "flags", "crds-policy")[
        "HelmRelease/apps/api"])
    assert crds[0].startswith("install.crds Create → Skip")
    assert crds[1].startswith("upgrade.crds Skip → CreateReplace")
    settings = sorted(c["message"] for c in _changes(report, "flags", "release-settings")[
        "HelmRelease/apps/api"])
    assert settings == ["timeout 5m → 10m", 'upgrade.remediation {"retries": 3} → {"retries": 5}']
    assert "helm-controller uninstalls" in _changes(report, "flags", "pruned")[
        "HelmRelease/infra/cache"][0]["message"]


def test_markdown_is_a_stable_pr_comment(history: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    args = ("HEAD~1", "HEAD", "--repo-root", str(history), "--format", "markdown")
    _, first, _ = _run(capsys, *args)
    _, second, _ = _run(capsys, *args)
    assert first == second
    lines = first.splitlines()
    assert lines[0] == "<!-- flux-catalog-diff -->"
    assert lines[1].startswith("### flux-catalog diff: `HEAD~1 (")
    assert lines[3].startswith("**1 cluster changed&#58; 2 added, 3 removed, 2 moved")
    assert first.count("<details") == first.count("</details>")
    assert "<summary><b>prod</b>:" in first
    assert "```diff\n" in first


def test_text_output_and_unchanged_revisions(history: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "HEAD~1", "HEAD", "--repo-root", str(history), "--color", "never")
    assert code == 0
    assert out.splitlines()[1].startswith("1 cluster changed: ")
    assert "cluster prod: " in out
    assert "! HelmRelease/infra/cache: deleted from the cluster" in out
    code, out, _ = _run(capsys, "HEAD", "HEAD", "--repo-root", str(history))
    assert code == 0
    assert "no changes to what Flux deploys" in out


def test_default_base_is_origin_main_against_the_untouched_work_tree(
        history: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _git(history, "update-ref", "refs/remotes/origin/main", "HEAD~1")
    (history / "apps" / "metrics.yaml").unlink()  # an uncommitted edit is part of the head
    status = _git(history, "status", "--porcelain")
    try:
        code, out, _ = _run(capsys, "--repo-root", str(history), "--format", "json")
    finally:
        _git(history, "checkout", "--", "apps/metrics.yaml")
    data = json.loads(out)
    assert code == 0
    assert data["base"].startswith("origin/main (") and data["head"] == "work tree"
    assert "HelmRelease/apps/metrics" not in _changes(data, "objects")
    assert "HelmRelease/infra/cache" in _changes(data, "objects")
    assert status == " D apps/metrics.yaml\n"
    assert _git(history, "worktree", "list").count("\n") == 1


def test_two_directories(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "--base-dir", str(FIXTURE / "base"), "--head-dir",
                        str(FIXTURE / "head"), "--format", "json")
    assert code == 0
    assert "HelmRelease/apps/metrics" in _changes(json.loads(out), "objects")


@pytest.mark.parametrize("args", [
    ("no-such-revision", "HEAD"),
    ("HEAD", "HEAD", "HEAD"),
    ("--base-dir", "/nonexistent"),
    ("--format", "yaml"),
    ("HEAD~1", "--head-dir", "/nonexistent"),
], ids=["unknown-revision", "three-revisions", "missing-dir", "bad-format", "missing-head-dir"])
def test_usage_errors_exit_2(history: Path, args: tuple[str, ...],
                             capsys: pytest.CaptureFixture[str]) -> None:
    try:
        code = main(["diff", "--repo-root", str(history), *args])
    except SystemExit as exc:
        code = int(exc.code or 0)
    _, err = capsys.readouterr()
    assert code == 2
    assert "error" in err


def test_outside_a_git_repository_is_a_usage_error(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", "--repo-root", str(tmp_path)]) == 2
    assert "flux-catalog: error:" in capsys.readouterr().err


@pytest.mark.parametrize(("old", "new", "level", "down"), [
    ("1.2.3", "2.0.0", "major", False),
    ("1.2.3", "1.3.0", "minor", False),
    ("v1.2.3", "v1.2.4", "patch", False),
    ("1.0.0-rc.1", "1.0.0", "prerelease", False),
    ("2.0.0", "1.9.9", "major", True),
    ("1.x", "2.0.0", "major", False),
    ("^1.2", "1.4.0", "other", False),
    (">=1.0.0", "6.9.2", "other", False),
    ("sha256:aa", "sha256:bb", "other", False),
])
def test_semver_level(old: str, new: str, level: str, down: bool) -> None:
    change = bump(old, new)
    assert (change.level, change.downgrade) == (level, down)

"""Planted credentials in every form never reach the site, the inventory or the check report.

The manifests of ``tests/fixtures/credentials.py`` (plus a README with a pasted token) are
written into a bootstrapped cluster; the whole built site, ``inventory --format json/csv``
and ``check --format json`` are scanned for every planted value, while the references that
name secrets (not secrets themselves) must stay visible.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from .fixtures.credentials import KEPT, PLANTED, PLANTED_MANIFESTS
from .repos import gotk_sync, write_repo

ROOT = Path(__file__).resolve().parents[1]
README_TOKEN = "ghp_PLANTEDreadmeToken0123456789abcdefgh"
ALL_PLANTED = [*PLANTED, README_TOKEN]

GOTK_SYNC = gotk_sync("s", "https://github.com/example/secrets")


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    readme = f"# Розділ\n\nНе робіть так: `token: {README_TOKEN}`.\n"
    repo = write_repo(tmp_path_factory.mktemp("secrets") / "repo", {
        "clusters/s/flux-system/gotk-sync.yaml": GOTK_SYNC,
        **{f"clusters/s/{name}": text for name, text in PLANTED_MANIFESTS.items()},
        **{f"{d}/README.md": readme for d in ("clusters/s", "clusters/s/flux-system", "apps")},
        **{name: (ROOT / name).read_text("utf-8") for name in ("mkdocs.yml", "pyproject.toml")},
    })
    for name in ("docs", "scripts", "node_modules"):
        if (ROOT / name).exists():
            (repo / name).symlink_to(ROOT / name, target_is_directory=True)
    return repo


def _cli(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "flux_catalog", *args, "--repo-root", str(repo),
         str(repo / "clusters")],
        capture_output=True, text=True, timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT / "scripts")})


def _leaks(text: str) -> list[str]:
    return [secret for secret in ALL_PLANTED if secret in text]


@pytest.mark.slow
def test_no_planted_credential_in_any_site_file(repo: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-d", str(site)], cwd=repo,
        capture_output=True, text=True, timeout=300,
        env={**os.environ, "DISABLE_MKDOCS_2_WARNING": "true", "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 0, result.stderr
    assert _leaks(result.stdout + result.stderr) == []
    files = [p for p in site.rglob("*") if p.is_file()]
    assert any(p.name == "search_index.json" for p in files)
    scanned = 0
    for path in files:
        data = path.read_bytes()
        text = data.decode("utf-8", "replace")
        assert _leaks(text) == [], path
        scanned += 1
    assert scanned > 20
    # The secrets were really there to find: the pages show the marker instead...
    page = (site / "clusters/s/namespaces/planted/helmrelease/planted-app/index.html")
    html = page.read_text("utf-8")
    assert "••• приховано •••" in html
    # ...and references to secrets stay visible.
    for kept in ("planted-values-secret-ref", "planted-existing-secret", "planted-password-key"):
        assert kept in html, kept


@pytest.mark.parametrize("fmt", ["json", "csv", "table"])
def test_no_planted_credential_in_the_inventory(repo: Path, fmt: str) -> None:
    result = _cli(repo, "inventory", "--format", fmt)
    assert result.returncode == 0, result.stderr
    assert _leaks(result.stdout + result.stderr) == []
    if fmt == "json":  # the description with a token is there, redacted
        assert "Застосунок; токен для тесту ••• приховано •••" in result.stdout


def test_check_reports_plaintext_credentials_without_repeating_them(repo: Path) -> None:
    result = _cli(repo, "check", "--format", "json")
    assert result.returncode == 1
    assert _leaks(result.stdout + result.stderr) == []
    assert '"rule": "plaintext-secret"' in result.stdout
    text = _cli(repo, "check").stdout
    assert _leaks(text) == []
    # Each plaintext value is reported with its own line; SOPS-encrypted ones are not leaks.
    assert "clusters/s/helmrelease.yaml:25:1: [error] HelmRelease 'planted-app': " \
        "spec.values.password: value under a credential key in plaintext" in text
    assert "clusters/s/helmrelease.yaml:21:5: [error] a comment holds" in text
    assert "clusters/s/helmrelease.yaml:25:42: [error] a comment holds" in text
    assert "secret.sops.yaml" not in text.split("plaintext-secret")[0] or all(
        "secret.sops.yaml" not in line for line in text.splitlines()
        if "(plaintext-secret)" in line)


def test_kept_references_are_in_the_fixture() -> None:
    # Guards the test itself: every kept string is really written in the manifests.
    written = "\n".join(PLANTED_MANIFESTS.values())
    assert all(kept in written for kept in KEPT)
    assert all(secret in written for secret in PLANTED)


@pytest.mark.parametrize(("line", "comment"), [
    ("a: b # c", "# c"),
    ('a: "x # y" # z', "# z"),
    ("#top", "#top"),
    ("url: http://x/#frag", ""),
    ("a: b#c # d", "# d"),
    ("x: 'it''s # no' # yes", "# yes"),
    ('a: b#c "x # y"', ""),
])
def test_comment_of_a_yaml_line(line: str, comment: str) -> None:
    from flux_catalog.secrets import comment_of as _comment

    assert _comment(line) == comment


def test_commented_out_credentials_never_reach_a_page(tmp_path: Path) -> None:
    from flux_catalog.render import plan_pages
    from flux_catalog.resolve import build_catalog
    from flux_catalog.rules import run

    root = write_repo(tmp_path / "repo", {
        "clusters/s/flux-system/gotk-sync.yaml": GOTK_SYNC,
        "clusters/s/app.yaml":
        "apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: app\n"
        "  namespace: flux-system\n  annotations:\n    kubernetes.io/description: Застосунок.\n"
        "spec:\n  interval: 1h\n  chartRef: {kind: OCIRepository, name: app}\n  values:\n"
        "    # adminPassword: |\n    #   planted-commented-page-26\n    replicas: 1\n"})
    catalog, policy = build_catalog(root, ["clusters"])
    problems = run(catalog, policy)
    assert any(p.rule == "plaintext-secret" and p.line == 12 for p in problems)
    site = plan_pages(catalog, problems)
    assert all("planted-commented-page-26" not in page.markdown for page in site.pages)

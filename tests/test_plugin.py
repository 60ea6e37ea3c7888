"""The MkDocs plugin's adapter pieces, without a build, and the CRDs shipped with the package."""

from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.config import load_config

from flux_catalog.crd_data import bundled_crds
from flux_catalog.mkdocs_plugin import site_config
from tests.repos import gotk_sync

ROOT = Path(__file__).resolve().parents[1]


def _config(tmp_path: Path, text: str):
    (tmp_path / "docs").mkdir(exist_ok=True)
    (tmp_path / "mkdocs.yml").write_text(text, "utf-8")
    return load_config(config_file=str(tmp_path / "mkdocs.yml"))


@pytest.mark.parametrize(("settings", "expected"), [
    # MkDocs' default for GitHub points at docs/ on "master": the plugin edits from the root.
    ("", ("main", "edit/main/")),
    ("edit_uri: edit/trunk/docs/\n", ("trunk", "edit/trunk/")),
    ("edit_uri: blob/dev/\n", ("dev", "blob/dev/")),
])
def test_edit_links_start_at_the_repository_root(
        tmp_path: Path, settings: str, expected: tuple[str, str]) -> None:
    config = _config(tmp_path, "site_name: x\nrepo_url: https://github.com/o/r\n" + settings)
    assert site_config.edit_root(config, tmp_path) == expected


def test_the_theme_gets_the_features_and_no_google_fonts(tmp_path: Path) -> None:
    config = _config(tmp_path, "site_name: x\nrepo_url: https://github.com/o/r\n"
                               "theme: material\n")
    site_config.adapt_theme(config)
    assert config.theme["font"] is False
    assert "content.action.edit" in config.theme["features"]
    chosen = _config(tmp_path, "site_name: x\ntheme:\n  name: material\n  font:\n"
                               "    text: Inter\n")
    site_config.adapt_theme(chosen)
    assert chosen.theme["font"] == {"text": "Inter"}


def test_markdown_extensions_are_added_once(tmp_path: Path) -> None:
    config = _config(tmp_path, "site_name: x\nmarkdown_extensions:\n  - pymdownx.superfences\n")
    site_config.add_markdown_extensions(config)
    site_config.add_markdown_extensions(config)
    fences = config.mdx_configs["pymdownx.superfences"]["custom_fences"]
    assert [f["name"] for f in fences] == ["mermaid"]
    assert config.markdown_extensions.count("admonition") == 1


def test_without_vendored_scripts_the_log_says_so(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    config = _config(tmp_path, "site_name: x\n")
    monkeypatch.setattr(site_config, "ASSETS", tmp_path / "no-assets")
    with caplog.at_level(logging.INFO, "mkdocs.plugins.flux_catalog"):
        scripts = site_config.add_assets(config)
    assert scripts == []
    assert "Material will load Mermaid from its CDN" in caplog.text


def test_the_package_ships_mermaid_and_tablesort() -> None:
    found = {uri for _, uri in site_config.asset_files()}
    for name in (*site_config.VENDOR, *site_config.OWN_JS, *site_config.OWN_CSS):
        assert f"{site_config.SITE_DIR}/{name}" in found, (
            f"{name} missing: scripts/dev setup copies it from node_modules")


def test_ukrainian_search_count_has_no_plural(tmp_path: Path) -> None:
    partial = site_config.ASSETS / "templates/partials/language.html"
    text = partial.read_text("utf-8")
    assert '"search.result.other": "Знайдено збігів: #"' in text


def _check(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "flux_catalog", "check", "--repo-root", str(repo),
         str(repo / "clusters"), *args], capture_output=True, text=True, timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT / "scripts")})


def test_shipped_crds_catch_a_field_typo_by_default(tmp_path: Path) -> None:
    assert bundled_crds(), "the Flux CRDs are not shipped with the package"
    cluster = tmp_path / "clusters/c"
    (cluster / "flux-system").mkdir(parents=True)
    (cluster / "flux-system/gotk-sync.yaml").write_text(gotk_sync("c"), "utf-8")
    (cluster / "source.yaml").write_text(
        "apiVersion: source.toolkit.fluxcd.io/v1\nkind: HelmRepository\nmetadata:\n"
        "  name: charts\n  namespace: flux-system\nspec:\n  intreval: 1h\n"
        "  url: https://charts.example.com\n", "utf-8")
    result = _check(tmp_path)
    assert "source.yaml:7:1: [error]" in result.stdout, result.stdout + result.stderr
    assert "intreval" in result.stdout and "(schema)" in result.stdout
    # --crds replaces the shipped CRDs (here with none that know HelmRepository): the typo
    # goes unnoticed, and an info line says that HelmRepository is not validated.
    empty = tmp_path / "no-crds"
    empty.mkdir()
    unchecked = _check(tmp_path, "--crds", str(empty)).stdout
    assert "[error]" not in unchecked, unchecked
    assert ("source.yaml:1:1: [info] no CRD describes source.toolkit.fluxcd.io/v1 "
            "HelmRepository") in unchecked


def test_init_writes_a_starter_site_and_keeps_existing_files(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    subprocess.run(["git", "-C", str(tmp_path), "remote", "add", "origin",
                    "git@github.com:acme/fleet.git"], check=True)
    run = [sys.executable, "-m", "flux_catalog", "init", str(tmp_path), "--language", "en"]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "scripts")}
    first = subprocess.run(run, capture_output=True, text=True, timeout=60, env=env)
    assert first.returncode == 0, first.stderr
    config = load_config(config_file=str(tmp_path / "mkdocs.yml"))
    assert config.repo_url == "https://github.com/acme/fleet"
    assert config.site_name == f"{tmp_path.name}: Flux catalog"
    assert config.plugins["flux-catalog"].config.language == "en"
    assert (tmp_path / "docs/index.md").read_text("utf-8").startswith("# ")
    (tmp_path / "docs/index.md").write_text("# Mine\n", "utf-8")
    again = subprocess.run(run, capture_output=True, text=True, timeout=60, env=env)
    assert again.returncode == 0 and "kept the existing" in again.stderr
    assert (tmp_path / "docs/index.md").read_text("utf-8") == "# Mine\n"


def test_a_busy_port_is_one_clear_line(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: x\ntheme: material\nplugins: [search, flux-catalog]\n", "utf-8")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=tmp_path, capture_output=True, text=True, timeout=60,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"})
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert f"127.0.0.1:{port} is already in use" in result.stdout
    assert "--dev-addr" in result.stdout

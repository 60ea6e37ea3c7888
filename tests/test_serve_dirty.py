"""``mkdocs serve --dirty``: after an edit only the generated pages whose Markdown changed are
rendered again, and the site is then the one a clean build makes."""

from __future__ import annotations

import gc
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

FIXTURE = Path(__file__).parent / "fixtures" / "basic"
RELEASE = "apps/base/podinfo/release.yaml"
OLD = "Демонстраційний вебзастосунок podinfo."


def _config(repo: Path, site: Path):  # the plugin instance is kept, as `mkdocs serve` keeps it
    return load_config(config_file=str(repo / "mkdocs.yml"), site_dir=str(site))


def _html(site: Path) -> dict[str, bytes]:
    """Every HTML page, and the search index's entries (in any order)."""
    pages: dict[str, object] = {  # (MkDocs' theme writes the build time into the home page)
        p.relative_to(site).as_posix(): re.sub(rb"Build Date UTC : .*", b"", p.read_bytes())
        for p in site.rglob("*.html")}
    docs = json.loads((site / "search" / "search_index.json").read_text("utf-8"))["docs"]
    pages["search"] = sorted(json.dumps(d, ensure_ascii=False, sort_keys=True) for d in docs)
    return pages  # type: ignore[return-value]


def _mtimes(root: Path, suffix: str) -> dict[str, int]:
    return {p.relative_to(root).as_posix(): p.stat().st_mtime_ns
            for p in root.rglob(f"*{suffix}")}


def _clean_build(repo: Path, site: Path) -> dict[str, bytes]:
    """A clean build in a new process, as a person would run it (plugins start afresh)."""
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f",
                    str(repo / "mkdocs.yml"), "-d", str(site)], check=True, timeout=300,
                   cwd=repo, env={**os.environ, "DISABLE_MKDOCS_2_WARNING": "true",
                                  "NO_MKDOCS_2_WARNING": "1"})
    return _html(site)


@pytest.fixture(params=["material", "mkdocs"])  # Material's search plugin, and MkDocs' own
def repo(tmp_path: Path, request: pytest.FixtureRequest) -> Path:
    repo = tmp_path / "repo"
    shutil.copytree(FIXTURE, repo)
    (repo / "docs").mkdir()
    (repo / "mkdocs.yml").write_text(
        f"site_name: Каталог\ntheme:\n  name: {request.param}\n  language: uk\n"
        "plugins:\n  - search\n  - flux-catalog:\n      strict: false\n", "utf-8")
    return repo


def test_a_dirty_rebuild_renders_only_changed_pages_and_matches_a_clean_build(
        repo: Path, tmp_path: Path) -> None:
    site = tmp_path / "serve-site"
    config = _config(repo, site)
    config.plugins.on_startup(command="serve", dirty=True)
    plugin = config.plugins["flux-catalog"]
    try:
        build(config, dirty=True)
        pages = plugin._stable.directory
        sources, html = _mtimes(pages, ".md"), _mtimes(site, ".html")
        assert len(sources) > 5

        # one description edited: its pages are rewritten, the other pages keep file and time
        path = repo / RELEASE
        path.write_text(path.read_text("utf-8").replace(OLD, "Змінений опис podinfo."), "utf-8")
        build(_config(repo, site), dirty=True)
        rewritten = {p for p, t in _mtimes(pages, ".md").items() if sources.get(p) != t}
        assert rewritten and len(rewritten) < len(sources) / 2
        rendered = {p for p, t in _mtimes(site, ".html").items() if html.get(p) != t}
        assert rendered and len(rendered) < len(html) / 2
        assert any("Змінений опис podinfo." in (site / p).read_text("utf-8") for p in rendered)
        assert _html(site) == _clean_build(repo, tmp_path / "clean-1")

        # a page added (a new README'd directory of a component): every page gets the new nav
        html = _mtimes(site, ".html")
        (repo / "apps" / "base" / "podinfo" / "README.md").write_text(
            "# podinfo\n\nНовий опис каталогу.\n", "utf-8")
        plugin_config = _config(repo, site)
        build(plugin_config, dirty=True)
        assert _html(site) == _clean_build(repo, tmp_path / "clean-2")
        assert plugin._heap is not None  # garbage collected between builds, not during
    finally:
        plugin.on_shutdown()
    assert plugin._stable is None and not pages.exists()
    assert plugin._heap is None and gc.get_freeze_count() == 0  # nothing left frozen


def test_a_clean_or_non_serve_build_keeps_pages_in_memory(repo: Path, tmp_path: Path) -> None:
    config = _config(repo, tmp_path / "site")
    config.plugins.on_startup(command="build", dirty=True)
    assert config.plugins["flux-catalog"]._stable is None
    config.plugins.on_startup(command="serve", dirty=False)
    assert config.plugins["flux-catalog"]._stable is None


def test_an_edit_of_mkdocs_yml_renders_every_page_again(repo: Path, tmp_path: Path) -> None:
    site = tmp_path / "serve-site"
    config = _config(repo, site)
    config.plugins.on_startup(command="serve", dirty=True)
    plugin = config.plugins["flux-catalog"]
    try:
        build(config, dirty=True)
        build(_config(repo, site), dirty=True)  # nothing changed: 404.html is kept
        yml = repo / "mkdocs.yml"
        yml.write_text(yml.read_text("utf-8") + "copyright: Підвал сторінки\n", "utf-8")
        build(_config(repo, site), dirty=True)  # the navigation is the same, every page not
        pages = _html(site)
        assert "Підвал сторінки" in (site / "404.html").read_text("utf-8")
        assert pages == _clean_build(repo, tmp_path / "clean")
    finally:
        plugin.on_shutdown()

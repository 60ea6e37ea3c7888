"""A ``mkdocs.yml`` without a theme builds with Material and Material's search; a named theme stays.

Slow: each case is one ``mkdocs build`` of the small ``basic`` fixture.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from tests.test_site import build

pytestmark = pytest.mark.slow

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "basic"
THREE_LINES = """\
site_name: Basic fleet
repo_url: https://github.com/acme/basic
plugins: [search, flux-catalog]
"""


def _site(tmp_path: Path, mkdocs_yml: str) -> tuple[Path, str]:
    repo = tmp_path / "repo"
    shutil.copytree(FIXTURE, repo)
    (repo / "mkdocs.yml").write_text(mkdocs_yml, "utf-8")
    (repo / "docs").mkdir()
    result = build(repo, tmp_path / "site", strict=False)
    return tmp_path / "site", result.stdout + result.stderr


def _config(html: str) -> dict:
    found = re.search(r'id="__config" type="application/json">(.*?)</script>', html, re.S)
    assert found, "not a Material page"
    return json.loads(found.group(1))


def test_three_lines_build_a_material_site_with_material_search(tmp_path: Path) -> None:
    site, log = _site(tmp_path, THREE_LINES)
    home = (site / "index.html").read_text("utf-8")
    assert '<html lang="uk"' in home
    translations = _config(home)["translations"]
    # Material's search, with our Ukrainian strings (no wrong plural after a number).
    assert translations["search.result.other"] == "Знайдено збігів: #"
    index = json.loads((site / "search/search_index.json").read_text("utf-8"))
    assert "pipeline" in index["config"], "MkDocs' own search index, not Material's"
    assert index["config"]["lang"] == ["ru", "en"]
    assert not (site / "search/main.js").exists()
    assert 'class="md-search__input"' in home
    assert "fonts.googleapis.com" not in home
    assert "using Material" in log


def test_english_site_and_search_options_are_kept(tmp_path: Path) -> None:
    site, _ = _site(tmp_path, THREE_LINES.replace(
        "plugins: [search, flux-catalog]",
        "plugins:\n  - search:\n      lang: de\n  - flux-catalog:\n      language: en"))
    home = (site / "index.html").read_text("utf-8")
    assert '<html lang="en"' in home
    index = json.loads((site / "search/search_index.json").read_text("utf-8"))
    assert index["config"]["lang"] == ["de"]


def test_a_theme_the_user_names_is_kept(tmp_path: Path) -> None:
    site, log = _site(tmp_path, THREE_LINES + "theme: mkdocs\n")
    home = (site / "index.html").read_text("utf-8")
    assert "__config" not in home  # MkDocs' own theme, as asked
    assert "laid out for the Material theme" in log


def test_the_swap_leaves_no_handler_of_mkdocs_search(tmp_path: Path) -> None:
    from mkdocs.config import load_config
    from mkdocs.contrib.search import SearchPlugin

    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(THREE_LINES, "utf-8")
    config = load_config(config_file=str(tmp_path / "mkdocs.yml"))
    assert config.theme.name == "mkdocs" and "search" in config.plugins
    config.plugins.on_startup(command="build", dirty=False)
    config = config.plugins.on_config(config)
    assert config.theme.name == "material" and config.theme["language"] == "uk"
    assert "search" not in config.plugins
    search = config.plugins["material/search"]
    assert hasattr(search, "search_index")  # its on_config ran, once
    handlers = [h for hs in config.plugins.events.values() for h in hs]
    assert not any(isinstance(getattr(h, "__self__", None), SearchPlugin) for h in handlers)
    assert search.on_page_context in config.plugins.events["page_context"]

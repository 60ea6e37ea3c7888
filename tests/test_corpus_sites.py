"""Acceptance: the plugin builds the catalog of somebody else's Flux repository, as a user would.

The package is built as a wheel (which vendors Mermaid and tablesort from node_modules) and
installed with pip into a fresh virtual environment; its dependencies are reused offline from
this project's environment (a ``.pth`` line), so nothing is downloaded. Two real repositories
from ``../shared/corpora`` are copied to a temporary directory (never into the project), given
the three-line ``mkdocs.yml`` the README documents (title, repository, plugins) and an empty
``docs/``, built, and read in headless Chromium: their own titles and edit links, graphs
drawn as SVG, search, and no request leaving 127.0.0.1.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from .browser_support import (
    LINE_COUNT_JS,
    ROOT,
    Browser,
    SiteServer,
    find_chromium,
    rendered_svgs,
    wait_until,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CORPORA = ROOT.parent / "shared" / "corpora"
# name -> (site_name, repo_url, a component page, a word search must find, the page it finds)
SITES = {
    "flux2-kustomize-helm-example": (
        "Fleet of the kustomize-helm example",
        "https://github.com/fluxcd/flux2-kustomize-helm-example",
        "clusters/production/namespaces/podinfo/helmrelease/podinfo/",
        "podinfo",
    ),
    "flux2-monitoring-example": (
        "Monitoring example catalog",
        "https://github.com/fluxcd/flux2-monitoring-example",
        "clusters/test/namespaces/monitoring/helmrelease/kube-prometheus-stack/",
        "kube-prometheus-stack",
    ),
}


def _readme_mkdocs_yml() -> str:
    """The minimal ``mkdocs.yml`` of the README, with ``{title}`` and ``{repo}`` to fill in."""
    readme = (ROOT / "README.md").read_text("utf-8")
    found = re.search(r"cat > mkdocs\.yml <<'YAML'\n(.*?)\nYAML\n", readme, re.S)
    assert found, "the README no longer shows the minimal mkdocs.yml"
    text = found.group(1) + "\n"
    assert text.count("\n") == 3, text
    text = re.sub(r"(?m)^site_name: .*$", "site_name: {title}", text)
    return re.sub(r"(?m)^repo_url: .*$", "repo_url: {repo}", text)


MKDOCS_YML = _readme_mkdocs_yml()


def _env() -> dict[str, str]:
    env = dict(os.environ, DISABLE_MKDOCS_2_WARNING="true", NO_MKDOCS_2_WARNING="1")
    env.pop("PYTHONPATH", None)
    return env


@pytest.fixture(scope="module")
def chromium() -> tuple[str, str]:
    found = find_chromium()
    if isinstance(found, str):
        pytest.skip(f"browser tests need Debian's Chromium: {found}")
    if not CORPORA.is_dir():
        pytest.skip(f"no corpora at {CORPORA}")
    return found


@pytest.fixture(scope="module")
def venv(chromium: tuple[str, str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with the package installed from its wheel by pip."""
    work = tmp_path_factory.mktemp("wheel")
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--no-index", "-w", str(work / "dist"), str(ROOT)],
        capture_output=True, text=True, timeout=600, env=_env())
    assert build.returncode == 0, build.stdout + build.stderr
    wheel = next((work / "dist").glob("flux_catalog-*.whl"))
    env_dir = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env_dir)], check=True)
    python = env_dir / "bin" / "python"
    site_packages = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True).stdout.strip()
    # The dependencies (MkDocs, Material, ruamel, ...), offline: this environment's packages.
    # A path line in a .pth file is appended to sys.path without running that directory's own
    # .pth files, so the project's editable install is not imported from there.
    Path(site_packages, "_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    install = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps",
         "--no-index", str(wheel)], capture_output=True, text=True, timeout=300, env=_env())
    assert install.returncode == 0, install.stdout + install.stderr
    where = subprocess.run(
        [str(python), "-c", "import flux_catalog.mkdocs_plugin as p; print(p.__file__)"],
        capture_output=True, text=True, env=_env(), cwd=work, check=True).stdout
    assert where.startswith(site_packages), where
    return env_dir


@pytest.fixture(scope="module")
def sites(venv: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    built = {}
    for name, (title, repo_url, _, _) in SITES.items():
        repo = tmp_path_factory.mktemp("corpus") / name
        shutil.copytree(CORPORA / name, repo)
        (repo / "mkdocs.yml").write_text(MKDOCS_YML.format(title=title, repo=repo_url), "utf-8")
        (repo / "docs").mkdir()
        site = repo.parent / "site"
        result = subprocess.run([str(venv / "bin" / "python"), "-m", "mkdocs", "build",
                                 "-d", str(site)],
                                cwd=repo, capture_output=True, text=True, timeout=600,
                                env=_env())
        assert result.returncode == 0, result.stdout + result.stderr
        assert "flux-catalog:" in result.stderr
        built[name] = site
    return built


@pytest.fixture(scope="module")
def browser(chromium: tuple[str, str], tmp_path_factory: pytest.TempPathFactory
            ) -> Iterator[Browser]:
    session = Browser(*chromium, profile=tmp_path_factory.mktemp("chromium-profile"))
    try:
        yield session
    finally:
        session.quit()


@pytest.mark.parametrize("name", sorted(SITES))
def test_a_foreign_repository_gets_its_own_catalog(
        browser: Browser, sites: dict[str, Path], name: str) -> None:
    title, repo_url, component, word = SITES[name]
    with SiteServer(sites[name]) as server:
        browser.open(server.url)
        assert browser.driver.title.endswith(title) or title in browser.driver.title
        header = browser.js("return document.querySelector('.md-header__topic').textContent")
        assert title in header

        browser.open(server.url + component)
        edit = browser.js("return document.querySelector('a[rel=edit]')?.href")
        assert edit and edit.startswith(repo_url + "/edit/main/") and edit.endswith(".yaml"), edit
        expected = (sites[name] / component / "index.html").read_text("utf-8").count(
            '<pre class="mermaid">')
        assert expected >= 1
        report = browser.wait_for_diagrams(expected)
        assert rendered_svgs(report) == expected, report

        browser.open(server.url)
        box = browser.driver.find_element(By.CSS_SELECTOR, "input.md-search__input")
        box.click()
        box.send_keys(word)

        def found() -> list[str]:
            hrefs: list[str] = browser.js(
                "return Array.from(document.querySelectorAll("
                "'.md-search-result__list a.md-search-result__link')).map(a => a.href)")
            return hrefs

        hrefs = wait_until(found, 15, f"search results for {word!r}")
        assert any(h.startswith(server.url + component) for h in hrefs), hrefs
        box.send_keys(Keys.ESCAPE)
        browser.settle()
        assert browser.foreign_requests(server.url) == []
        assert browser.console_errors() == []


# Cells of one word, and names, links and code in cells, that a line break splits.
BROKEN_WORDS = LINE_COUNT_JS + """
return Array.from(document.querySelectorAll("article table td, article table td a"))
  .filter((el) => el.tagName === "A" || !/\\s/.test(el.textContent.trim()))
  .filter((el) => el.textContent.trim() && lines(el) > 1).map((el) => el.textContent.trim());
"""


@pytest.mark.parametrize("name", sorted(SITES))
def test_a_foreign_catalog_reads_at_a_glance(
        browser: Browser, sites: dict[str, Path], name: str) -> None:
    """The cluster graph fits and zooms, the inventory filters and sorts versions as versions,
    no word breaks in a table, and a component page explains its fields and links the chart."""
    component = SITES[name][2]
    cluster = component.split("namespaces/")[0]
    with SiteServer(sites[name]) as server:
        browser.open(server.url + cluster)
        expected = (sites[name] / cluster / "index.html").read_text("utf-8").count(
            '<pre class="mermaid">')
        assert rendered_svgs(browser.wait_for_diagrams(expected)) == expected
        fits = browser.js("const v = document.querySelector('.fc-zoom__viewport');"
                          "return v.scrollWidth <= v.clientWidth"
                          " && v.clientWidth <= document.querySelector('article').clientWidth")
        assert fits
        browser.driver.find_element(By.CSS_SELECTOR, ".fc-zoom__in").click()
        assert "scale(1.5)" in browser.js(
            "return document.querySelector('.fc-zoom .mermaid').style.transform")

        browser.open(server.url + "inventory/")
        labels = browser.js("return Array.from(document.querySelectorAll("
                            "'.fc-filter__controls label')).map(l => l.firstChild.textContent)")
        assert "Простір імен " in labels and "Тип " in labels
        version = browser.js(
            "const t = document.querySelector('div.fc-filter table');"
            "const i = Array.from(t.tHead.rows[0].cells).findIndex("
            "  th => th.textContent.trim() === 'Версія');"
            "return t.tHead.rows[0].cells[i].getAttribute('data-sort-method')")
        assert version == "version"  # ranges such as ">= 1.8.0-rc.0" too
        assert browser.js(BROKEN_WORDS) == []

        browser.open(server.url + component)
        assert browser.js("return document.querySelectorAll('article td abbr[title]').length") >= 8
        hub = browser.js("return Array.from(document.querySelectorAll('article td a'))"
                         ".map(a => a.href).find(h => h.includes('artifacthub.io'))")
        assert hub and hub.startswith("https://artifacthub.io/packages/search?kind=0&ts_query_web=")
        assert browser.js(BROKEN_WORDS) == []
        browser.settle()
        assert browser.foreign_requests(server.url) == []

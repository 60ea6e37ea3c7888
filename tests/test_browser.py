"""The built site in a real browser: Debian's headless Chromium against pages on 127.0.0.1.

Select with ``-m browser``, skip with ``-m "not browser"``. Skipped only when ``chromium`` or
``chromedriver`` is missing. The site is built once per session into a temporary directory and
served by a thread on a free port; one browser is shared by the tests.

Screenshots for review go to ``build/screenshots/`` (ignored by git). ``UPDATE_SCREENSHOT=1``
also rewrites the README's ``docs/assets/screenshot*.png`` (component, cluster, inventory).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from flux_catalog.report import inventory_rows
from flux_catalog.resolve import build_catalog

from .browser_support import (
    ROOT,
    Browser,
    SiteServer,
    png_size,
    rendered_svgs,
    wait_until,
)

pytestmark = pytest.mark.browser

NS = "clusters/p72-flux/namespaces"
HOME = ""
CLUSTER = "clusters/p72-flux/"
INVENTORY = "inventory/"
KBOT = f"{NS}/kbot-demo/helmrelease/kbot/"
LOKI = f"{NS}/monitoring/helmrelease/loki/"
GRAFANA = f"{NS}/monitoring/helmrelease/grafana/"
REPO_EDIT = "https://github.com/YuriiKosiy/p72-flux/edit/main/"
SCREENSHOTS = ROOT / "build" / "screenshots"
README_SCREENSHOT = ROOT / "docs" / "assets" / "screenshot.png"
README_CLUSTER = ROOT / "docs" / "assets" / "screenshot-cluster.png"
README_INVENTORY = ROOT / "docs" / "assets" / "screenshot-inventory.png"


# --- fixtures -------------------------------------------------------------------------------
# chromium, built_site, site, browser and page live in tests/browser_fixtures.py (shared with
# the other browser test modules through conftest.py, so the site is built once).

@pytest.fixture(scope="session")
def components() -> list[dict[str, Any]]:
    catalog, _ = build_catalog(ROOT, None)
    return [row for row in inventory_rows(catalog) if row["component"]]


# --- helpers --------------------------------------------------------------------------------

def mermaid_blocks(site_dir: Path, url: str) -> int:
    """How many Mermaid diagrams the built HTML of ``url`` contains."""
    return (site_dir / url / "index.html").read_text("utf-8").count('<pre class="mermaid">')


def fetch(url: str) -> tuple[int, bytes]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.read()


def page_path(url: str) -> str:
    return unquote(urlsplit(url).path)


def copy_site(built_site: Path, dest: Path) -> Path:
    shutil.copytree(built_site, dest)
    return dest


# --- pages load cleanly, with every asset from the site itself ------------------------------

@pytest.mark.parametrize("url", [HOME, CLUSTER, INVENTORY, KBOT],
                         ids=["home", "cluster", "inventory", "component"])
def test_page_loads_without_errors_or_foreign_requests(
        page: Browser, site: SiteServer, built_site: Path, url: str) -> None:
    page.open(site.url + url)
    expected = mermaid_blocks(built_site, url)
    if expected:
        # Material fetches Mermaid from its CDN only when it is about to draw a diagram.
        page.wait_for_diagrams(expected)
    page.settle()
    assert page.js("return document.querySelector('article h1') !== null")
    assert page.console_errors() == []
    assert page.foreign_requests(site.url) == []
    assert any(u.startswith(site.url + "assets/javascripts/bundle.") for u in page.requests)


# --- Mermaid --------------------------------------------------------------------------------

@pytest.mark.parametrize("url", [CLUSTER, KBOT], ids=["cluster", "component"])
def test_mermaid_renders_to_svg(page: Browser, site: SiteServer, built_site: Path,
                                url: str) -> None:
    expected = mermaid_blocks(built_site, url)
    assert expected >= 1, f"{url} has no Mermaid diagram"
    page.open(site.url + url)
    report = page.wait_for_diagrams(expected)
    assert report["errors"] == []
    assert report["pending"] == 0
    assert all(d["open"] for d in report["diagrams"])
    assert rendered_svgs(report) == expected, report


def test_component_graph_links_to_the_neighbours_page(
        page: Browser, site: SiteServer) -> None:
    page.open(site.url + KBOT)
    report = page.wait_for_diagrams(1)
    assert rendered_svgs(report) == 1, report
    links = report["diagrams"][0]["links"]
    assert links, "no node of the graph is a link"
    for link in links:
        assert link["href"].startswith(site.url), link
        assert fetch(link["href"])[0] == 200, link
    neighbour = site.url + f"{NS}/flux-system/kustomization/kbot-demo/"
    assert neighbour in [link["href"] for link in links]

    # Follow the link the way a reader does: click the node inside the (opened) shadow root.
    host = page.driver.find_element(By.CSS_SELECTOR, "div.mermaid")
    anchors = host.shadow_root.find_elements(By.CSS_SELECTOR, "a")
    target = next(a for a in anchors if "kbot-demo" in a.text and "Kustomization" in a.text)
    target.click()
    wait_until(lambda: page.driver.current_url == neighbour, 10, f"navigation to {neighbour}")
    wait_until(lambda: page.js("return document.readyState") == "complete", 10, "page load")
    assert page.js("return document.querySelector('article h1').textContent").strip() \
        .startswith("kbot-demo")


# --- search ---------------------------------------------------------------------------------

@pytest.mark.parametrize(("word", "component", "release"), [
    ("моноліт", LOKI, "clusters/p72-flux/monitoring/loki/release.yaml"),
    ("дашбордів", GRAFANA, "clusters/p72-flux/monitoring/grafana/release.yaml"),
], ids=["loki", "grafana"])
def test_search_finds_a_component_by_a_ukrainian_word(
        page: Browser, site: SiteServer, word: str, component: str, release: str) -> None:
    description = (ROOT / release).read_text("utf-8").split("spec:", 1)[0]
    assert word in description, f"pick another word: {word!r} left the description"
    page.open(site.url)
    box = page.driver.find_element(By.CSS_SELECTOR, "input.md-search__input")
    box.click()
    box.send_keys(word)

    def found() -> list[str]:
        paths: list[str] = page.js(
            "return Array.from(document.querySelectorAll("
            "'.md-search-result__list a.md-search-result__link')).map(a => a.href)")
        return [page_path(p) for p in paths]

    paths = wait_until(found, 15, f"search results for {word!r}")
    assert "/" + component in paths, paths
    box.send_keys(Keys.ESCAPE)


# --- inventory ------------------------------------------------------------------------------

# The first table of the inventory page lists the components (the second, their sources).
TABLE_ROWS = """
const table = document.querySelector("article table");
return Array.from(table.tBodies[0].rows).map(
  (row) => Array.from(row.cells).map((cell) => cell.textContent.trim()));
"""


def table_header(page: Browser) -> list[str]:
    header: list[str] = page.js(
        "return Array.from(document.querySelector('article table').tHead.rows[0].cells)"
        ".map(th => th.textContent.trim())")
    return header


def test_inventory_lists_every_component(
        page: Browser, site: SiteServer, components: list[dict[str, Any]]) -> None:
    page.open(site.url + INVENTORY)
    header = table_header(page)
    rows = page.js(TABLE_ROWS)
    col = {name: header.index(name) for name in ("Компонент", "Тип", "Простір імен")}
    # One cluster: the page leaves out the "Кластер" column.
    assert "Кластер" not in header
    assert {c["cluster"] for c in components} == {"p72-flux"}
    listed = sorted((r[col["Простір імен"]], r[col["Тип"]], r[col["Компонент"]]) for r in rows)
    expected = sorted((c["namespace"] or "—", c["kind"], c["name"]) for c in components)
    assert len(rows) == len(components)
    assert listed == expected
    # Every name links to the component's page, and the page is served.
    hrefs = page.js("return Array.from(document.querySelector('article table').tBodies[0]"
                    ".querySelectorAll('tr td:first-child a')).map(a => a.href)")
    assert len(hrefs) == len(components)
    for href in hrefs:
        assert fetch(href)[0] == 200, href


def test_inventory_sorts_by_a_column(page: Browser, site: SiteServer) -> None:
    page.open(site.url + INVENTORY)
    header = table_header(page)
    index = header.index("Компонент")

    def column() -> list[str]:
        return [row[index] for row in page.js(TABLE_ROWS)]

    before = column()
    ascending = sorted(before, key=str.lower)
    assert before != ascending, "the table already comes sorted by name; pick another column"
    table = page.driver.find_element(By.CSS_SELECTOR, "article table")
    th = table.find_elements(By.CSS_SELECTOR, "thead th")[index]
    th.click()
    wait_until(lambda: th.get_attribute("aria-sort") in ("ascending", "descending"), 5,
               "the column to be sorted")
    first = column()
    assert first in (ascending, ascending[::-1]), first
    th.click()
    wait_until(lambda: column() == first[::-1], 5, "the order to reverse on a second click")


def test_inventory_json_is_downloadable(
        page: Browser, site: SiteServer, components: list[dict[str, Any]]) -> None:
    page.open(site.url + INVENTORY)
    href = page.js("const a = document.querySelector('article a[href$=\"inventory.json\"]');"
                   "return a && a.href")
    assert href == site.url + "inventory.json"
    status, body = fetch(href)
    assert status == 200
    rows = json.loads(body)
    assert isinstance(rows, list) and rows
    ids = {row["id"] for row in rows if row.get("component")}
    assert ids == {c["id"] for c in components}
    # The browser can download it as well (same origin, parsed by the page).
    in_page = page.driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "fetch(arguments[0]).then(r => r.json()).then(d => done(d.length),"
        " e => done('error: ' + e));", href)
    assert in_page == len(rows)


# --- edit link ------------------------------------------------------------------------------

@pytest.mark.parametrize("url,object_id", [
    (KBOT, "HelmRelease/kbot-demo/kbot"),
    (GRAFANA, "HelmRelease/monitoring/grafana"),
    (f"{NS}/flux-system/kustomization/monitoring/", "Kustomization/flux-system/monitoring"),
], ids=["kbot", "grafana", "kustomization"])
def test_edit_link_opens_the_components_yaml(
        page: Browser, site: SiteServer, components: list[dict[str, Any]], url: str,
        object_id: str) -> None:
    row = next(c for c in components if c["id"] == object_id)
    assert (ROOT / row["file"]).is_file()
    page.open(site.url + url)
    edit = page.driver.find_element(By.CSS_SELECTOR, "a.md-content__button[rel='edit']")
    assert edit.get_attribute("href") == REPO_EDIT + row["file"]
    assert edit.is_displayed()


# --- screenshots ----------------------------------------------------------------------------

def set_scheme(page: Browser, scheme: str) -> None:
    """Switch the palette with the header's toggle, as a reader does."""
    if page.js("return document.body.dataset.mdColorScheme") == scheme:
        return
    target = {"default": "__palette_0", "slate": "__palette_1"}[scheme]
    toggle = page.driver.find_element(By.CSS_SELECTOR, f"label[for='{target}']")
    toggle.click()
    wait_until(lambda: page.js("return document.body.dataset.mdColorScheme") == scheme, 5,
               f"the {scheme} color scheme")


def background(page: Browser) -> tuple[int, ...]:
    color = page.js("return getComputedStyle(document.body).backgroundColor")
    return tuple(int(v) for v in re.findall(r"\d+", color)[:3])


def test_screenshots(page: Browser, site: SiteServer, built_site: Path) -> None:
    shots: dict[str, Path] = {}

    page.open(site.url)
    shots["home"] = page.screenshot(SCREENSHOTS / "home.png", full_page=True)

    page.open(site.url + KBOT)
    assert rendered_svgs(page.wait_for_diagrams(mermaid_blocks(built_site, KBOT))) == 1
    set_scheme(page, "default")
    assert sum(background(page)) > 600  # a light page
    if os.environ.get("UPDATE_SCREENSHOT") == "1":
        page.js("window.scrollTo(0, 0)")
        shots["readme"] = page.screenshot(README_SCREENSHOT)
    shots["component-light"] = page.screenshot(SCREENSHOTS / "component-light.png",
                                               full_page=True)
    set_scheme(page, "slate")
    assert sum(background(page)) < 200  # a dark page
    # The choice is kept: reloading stays dark, and the diagram is drawn again.
    page.open(site.url + KBOT)
    assert page.js("return document.body.dataset.mdColorScheme") == "slate"
    assert rendered_svgs(page.wait_for_diagrams(1)) == 1
    shots["component-dark"] = page.screenshot(SCREENSHOTS / "component-dark.png",
                                              full_page=True)
    set_scheme(page, "default")

    page.open(site.url + INVENTORY)
    shots["inventory"] = page.screenshot(SCREENSHOTS / "inventory.png", full_page=True)
    if os.environ.get("UPDATE_SCREENSHOT") == "1":
        shots["readme-inventory"] = page.screenshot(README_INVENTORY)
        page.open(site.url + CLUSTER)
        page.wait_for_diagrams(mermaid_blocks(built_site, CLUSTER))
        page.js("document.querySelector('.fc-zoom').scrollIntoView({block: 'center'})")
        shots["readme-cluster"] = page.screenshot(README_CLUSTER)

    for name, path in shots.items():
        width, height = png_size(path)
        assert width == 1280 and height >= 900, (name, width, height)
        assert path.stat().st_size > 20_000, f"{name} looks blank"


# --- the checks fail when the site is broken ------------------------------------------------

def test_broken_mermaid_source_is_detected(
        page: Browser, built_site: Path, tmp_path: Path) -> None:
    broken = copy_site(built_site, tmp_path / "site")
    html = broken / KBOT / "index.html"
    text = html.read_text("utf-8")
    assert '<pre class="mermaid"><code>graph LR' in text
    html.write_text(text.replace("<code>graph LR", "<code>grahp LR ]]-&gt;{{", 1), "utf-8")
    with SiteServer(broken) as server:
        page.open(server.url + KBOT)
        report = page.wait_for_diagrams(1, timeout=15)
        assert rendered_svgs(report) == 0, report
        # Mermaid rejects the source: the page reports it (and the console shows it).
        assert any("diagram" in e.lower() for e in report["errors"]), report["errors"]
        assert page.console_errors(), "the failure left no trace in the console"


def test_missing_local_mermaid_is_detected(
        page: Browser, built_site: Path, tmp_path: Path) -> None:
    broken = copy_site(built_site, tmp_path / "site")
    removed = sorted((broken / "flux-catalog").glob("mermaid*.js"))
    assert removed, "the plugin no longer ships flux-catalog/mermaid*.js"
    for path in removed:
        path.unlink()
    with SiteServer(broken) as server:
        page.open(server.url + CLUSTER)
        # Without the local copy Material asks its CDN for Mermaid (unreachable here).
        wait_until(lambda: page.foreign_requests(server.url), 10, "a request off the site")
        foreign = page.foreign_requests(server.url)
        assert any("mermaid" in url and "unpkg.com" in url for url in foreign), foreign
        errors = page.console_errors()
        assert any("mermaid.min.js" in e for e in errors), errors
        assert rendered_svgs(page.wait_for_diagrams(1, timeout=3)) == 0

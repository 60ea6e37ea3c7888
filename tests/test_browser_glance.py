"""Pages a reader grasps at a glance, in headless Chromium: inventory filters, versions sorted as
versions, zoomable graphs, no word broken inside a table, tooltips on field labels.

The site and the browser are the session's (``tests/browser_fixtures.py``).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from selenium.webdriver import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from .browser_support import LINE_COUNT_JS, Browser, SiteServer, rendered_svgs, wait_until
from .test_browser import CLUSTER, INVENTORY, KBOT, NS, mermaid_blocks

pytestmark = pytest.mark.browser

KUSTOMIZATION = f"{NS}/flux-system/kustomization/monitoring/"
MONITORING = f"{NS}/monitoring/"

# Rows of the first table inside each filter box: [visible?, cells...]
FILTERED_ROWS = """
const table = document.querySelectorAll("div.fc-filter table")[arguments[0]];
return Array.from(table.tBodies[0].rows).map(
  (row) => [!row.hidden, ...Array.from(row.cells).map((cell) => cell.textContent.trim())]);
"""


def _header(page: Browser, index: int = 0) -> list[str]:
    header: list[str] = page.js(
        "return Array.from(document.querySelectorAll('div.fc-filter table')[arguments[0]]"
        ".tHead.rows[0].cells).map(th => th.textContent.trim())", index)
    return header


def test_inventory_filters_by_namespace_kind_and_text(page: Browser, site: SiteServer) -> None:
    page.open(site.url + INVENTORY)
    box = page.driver.find_element(By.CSS_SELECTOR, "div.fc-filter")
    selects = box.find_elements(By.CSS_SELECTOR, ".fc-filter__controls select")
    labels = [s.find_element(By.XPATH, "..").text.split("\n")[0].strip() for s in selects]
    assert labels == ["Простір імен", "Тип"]
    header = _header(page)
    ns, kind, name = (header.index(h) for h in ("Простір імен", "Тип", "Компонент"))
    rows = page.js(FILTERED_ROWS, 0)
    total = len(rows)
    count = box.find_element(By.CSS_SELECTOR, ".fc-filter__count")
    assert count.text == f"Показано {total} з {total}"

    Select(selects[0]).select_by_visible_text("monitoring")
    rows = page.js(FILTERED_ROWS, 0)
    shown = [r for r in rows if r[0]]
    assert shown and all(r[1 + ns] == "monitoring" for r in shown)
    assert all(r[1 + ns] != "monitoring" for r in rows if not r[0])
    assert count.text == f"Показано {len(shown)} з {total}"

    Select(selects[1]).select_by_visible_text("HelmRelease")
    shown = [r for r in page.js(FILTERED_ROWS, 0) if r[0]]
    assert shown and all(r[1 + kind] == "HelmRelease" and r[1 + ns] == "monitoring"
                         for r in shown)

    search = box.find_element(By.CSS_SELECTOR, ".fc-filter__controls input[type=search]")
    search.send_keys("LOKI")  # any case, any column
    shown = [r for r in page.js(FILTERED_ROWS, 0) if r[0]]
    assert [r[1 + name] for r in shown] == ["loki"]

    search.clear()
    search.send_keys(" ")  # an input event with no words: the lists still apply
    Select(selects[0]).select_by_index(0)  # "усі"
    Select(selects[1]).select_by_index(0)
    wait_until(lambda: all(r[0] for r in page.js(FILTERED_ROWS, 0)), 5, "every row back")


def _version_key(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", text))


def test_inventory_sorts_versions_as_versions(page: Browser, site: SiteServer) -> None:
    page.open(site.url + INVENTORY)
    header = _header(page)
    column = header.index("Версія")
    th = page.driver.find_elements(By.CSS_SELECTOR, "div.fc-filter table thead th")[column]
    assert th.get_attribute("data-sort-method") == "version"

    def versions() -> list[str]:
        return [r[1 + column] for r in page.js(FILTERED_ROWS, 0) if r[1 + column] != "—"]

    written = versions()
    # the repository has 0.58.2 and 0.127.0: text order would put 0.127.0 first
    assert {"0.58.2", "0.127.0"} <= set(written)
    th.click()
    wait_until(lambda: th.get_attribute("aria-sort") == "ascending", 5, "an ascending sort")
    ascending = versions()
    assert ascending == sorted(written, key=_version_key)
    assert ascending.index("0.58.2") < ascending.index("0.127.0")
    th.click()
    wait_until(lambda: versions() == ascending[::-1], 5, "the order to reverse")


def test_version_comparison_follows_semver(page: Browser, site: SiteServer) -> None:
    page.open(site.url + INVENTORY)
    pairs = [("0.58.2", "0.127.0"), ("v1.9.0", "v1.10.0"), ("1.0.0-rc.1", "1.0.0"),
             ("1.0.0-alpha", "1.0.0-alpha.1"), ("1.0.0-alpha.2", "1.0.0-alpha.10"),
             ("1.0.0-2", "1.0.0-alpha"), ("—", "0.0.1")]
    for lower, higher in pairs:
        assert page.js("return fluxCatalogCompareVersions(arguments[0], arguments[1])",
                       lower, higher) < 0, (lower, higher)
        assert page.js("return fluxCatalogCompareVersions(arguments[0], arguments[1])",
                       higher, lower) > 0, (lower, higher)
    assert page.js("return fluxCatalogCompareVersions('1.2.0', 'v1.2')") == 0


def test_inventory_lists_images_from_chart_values(page: Browser, site: SiteServer) -> None:
    page.open(site.url + INVENTORY)
    header = _header(page, 1)
    assert header[:3] == ["Образ", "Тег", "Дайджест"]
    images = {r[1] for r in page.js(FILTERED_ROWS, 1)}
    release = Path(__file__).resolve().parents[1] / "clusters/p72-flux/kbot-demo/release.yaml"
    assert "repository: ghcr.io/yuriikosiy" in release.read_text("utf-8")
    assert "ghcr.io/yuriikosiy" in images


def _transform(page: Browser) -> str:
    value: str = page.js("return document.querySelector('.fc-zoom .mermaid').style.transform")
    return value


def test_cluster_graph_fits_its_column_and_zooms(
        page: Browser, site: SiteServer, built_site: Path) -> None:
    page.open(site.url + CLUSTER)
    assert rendered_svgs(page.wait_for_diagrams(mermaid_blocks(built_site, CLUSTER))) == 1
    viewport = page.driver.find_element(By.CSS_SELECTOR, ".fc-zoom__viewport")
    column = page.js("return document.querySelector('article').clientWidth")
    sizes = page.js("const v = arguments[0]; return [v.scrollWidth, v.clientWidth]", viewport)
    assert sizes[0] <= sizes[1] <= column  # nothing to scroll sideways: it fits
    assert _transform(page) == ""

    page.driver.find_element(By.CSS_SELECTOR, ".fc-zoom__in").click()
    page.driver.find_element(By.CSS_SELECTOR, ".fc-zoom__in").click()
    assert "scale(2.25)" in _transform(page)
    before = _transform(page)
    ActionChains(page.driver).move_to_element(viewport).click_and_hold() \
        .move_by_offset(-120, -40).release().perform()
    after = _transform(page)
    assert after != before and "scale(2.25)" in after
    assert page.driver.current_url == site.url + CLUSTER  # a drag opens no node
    page.driver.find_element(By.CSS_SELECTOR, ".fc-zoom__reset").click()
    assert _transform(page) == ""
    assert page.console_errors() == []


def test_namespace_page_draws_its_own_graph(
        page: Browser, site: SiteServer, built_site: Path) -> None:
    expected = mermaid_blocks(built_site, MONITORING)
    assert expected == 1
    page.open(site.url + MONITORING)
    report = page.wait_for_diagrams(expected)
    assert rendered_svgs(report) == 1, report
    hrefs = [link["href"] for link in report["diagrams"][0]["links"]]
    assert site.url + f"{NS}/monitoring/helmrelease/loki/" in hrefs
    assert site.url + f"{NS}/kbot-demo/helmrelease/kbot/" in hrefs  # linked from elsewhere


# Elements of a table that hold one name, link or path, and cells of one word: each must stay
# on one line.
BROKEN = LINE_COUNT_JS + """
const names = Array.from(document.querySelectorAll("article table td a, article table td code"));
const words = Array.from(document.querySelectorAll("article table td"))
  .filter((td) => td.textContent.trim() && !/\\s/.test(td.textContent.trim()));
return [...names, ...words].filter((el) => lines(el) > 1).map((el) => el.textContent.trim());
"""


@pytest.mark.parametrize("url", [INVENTORY, KUSTOMIZATION, MONITORING, KBOT],
                         ids=["inventory", "kustomization", "namespace", "component"])
def test_no_word_is_broken_inside_a_table(page: Browser, site: SiteServer, url: str) -> None:
    page.open(site.url + url)
    assert page.js("return document.querySelectorAll('article table td a').length") > 0
    assert page.js(BROKEN) == []


def test_every_field_label_has_a_tooltip_and_a_legend(page: Browser, site: SiteServer) -> None:
    page.open(site.url + KBOT)
    labels = page.js(
        "const t = document.querySelector('article table');"
        "return Array.from(t.tBodies[0].rows).map(r => [r.cells[0].textContent.trim(),"
        " !!r.cells[0].querySelector('abbr[title]')]);")
    assert len(labels) >= 10
    # "Джерело" is also a heading of the page, so it is explained by the legend only
    assert [name for name, has_tip in labels if not has_tip] == ["Джерело"]
    abbr = page.driver.find_element(By.CSS_SELECTOR, "article table td abbr")
    ActionChains(page.driver).move_to_element(abbr).perform()
    tip = wait_until(lambda: page.js(
        "const t = document.querySelector('.md-tooltip2--active');"
        "return t && t.textContent.trim()"), 5, "Material's tooltip")
    assert "kind" in tip and "apiVersion" in tip
    summary = page.driver.find_element(By.XPATH, "//summary[text()='Що означають поля']")
    summary.click()
    terms = page.js("return Array.from(document.querySelectorAll('details dl dt'))"
                    ".map(dt => dt.textContent.trim())")
    assert [name for name, _ in labels] == terms

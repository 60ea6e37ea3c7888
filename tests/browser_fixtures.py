"""Browser fixtures shared by the browser test modules (registered in ``conftest.py``): one
Chromium and one build of this repository's site per session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium.common.exceptions import WebDriverException

from .browser_support import Browser, SiteServer, build_site, find_chromium


@pytest.fixture(scope="session")
def chromium() -> tuple[str, str]:
    found = find_chromium()
    if isinstance(found, str):
        pytest.skip(f"browser tests need Debian's Chromium: {found}")
    return found


@pytest.fixture(scope="session")
def built_site(chromium: tuple[str, str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site, built once (``mkdocs build --strict``) into a temporary directory."""
    site = tmp_path_factory.mktemp("browser") / "site"
    build_site(site)
    if not (site / "flux-catalog/mermaid.min.js").is_file():
        pytest.fail("the build did not ship Mermaid (flux-catalog/mermaid.min.js); "
                    "run scripts/dev setup, which copies it from node_modules into the package")
    return site


@pytest.fixture(scope="session")
def site(built_site: Path) -> Iterator[SiteServer]:
    with SiteServer(built_site) as server:
        yield server


@pytest.fixture(scope="session")
def browser(chromium: tuple[str, str], tmp_path_factory: pytest.TempPathFactory
            ) -> Iterator[Browser]:
    profile = tmp_path_factory.mktemp("chromium-profile")
    session = Browser(*chromium, profile=profile)
    try:
        yield session
    finally:
        session.quit()


@pytest.fixture
def page(browser: Browser, site: SiteServer) -> Iterator[Browser]:
    """The shared browser, on the served site; palette and other stored state reset after."""
    yield browser
    try:
        if browser.driver.current_url.startswith(site.url):
            browser.js("window.localStorage.clear(); window.sessionStorage.clear();")
    except WebDriverException:
        pass

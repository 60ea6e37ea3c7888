from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from .browser_fixtures import browser, built_site, chromium, page, site  # noqa: F401

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
GOLDEN = ROOT / "tests" / "golden"
# No test reads or writes the user's check cache; tests of the cache point it elsewhere.
os.environ["FLUX_CATALOG_CACHE_DIR"] = "off"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true",
                     help="rewrite golden files from the current output (review the diff)")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Hypothesis properties run hundreds of examples each: the full suite only (`slow`)."""
    for item in items:
        if getattr(getattr(item, "obj", None), "is_hypothesis_test", False):
            item.add_marker(pytest.mark.slow)


@pytest.fixture
def golden(request: pytest.FixtureRequest):
    """Compare text with a golden file; ``--update-goldens`` rewrites it instead."""
    update = request.config.getoption("--update-goldens")

    def check(name: str, actual: str | object) -> None:
        text = actual if isinstance(actual, str) else (
            json.dumps(actual, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
        path = GOLDEN / name
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, "utf-8")
            return
        assert path.is_file(), f"missing golden file {path}; run pytest --update-goldens"
        assert text == path.read_text("utf-8"), f"output differs from {path}"

    return check

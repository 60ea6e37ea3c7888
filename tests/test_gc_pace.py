"""A build paces the garbage collector and gives the caller's setting back."""

from __future__ import annotations

import gc

import pytest

from flux_catalog.gc_pace import BUILD_THRESHOLD, paced
from flux_catalog.resolve import build_catalog


@pytest.fixture
def threshold():
    before = gc.get_threshold()
    yield
    gc.set_threshold(*before)


def test_paced_raises_the_threshold_and_restores_it(threshold) -> None:
    gc.set_threshold(700, 10, 10)
    with paced():
        assert gc.get_threshold() == (BUILD_THRESHOLD, 10, 10)
        with paced():  # nested: still paced, and the outer one restores
            assert gc.get_threshold() == (BUILD_THRESHOLD, 10, 10)
        assert gc.get_threshold() == (BUILD_THRESHOLD, 10, 10)
    assert gc.get_threshold() == (700, 10, 10)


def test_paced_keeps_a_higher_or_disabled_threshold(threshold) -> None:
    for setting in ((0, 10, 10), (BUILD_THRESHOLD * 2, 20, 20)):
        gc.set_threshold(*setting)
        with paced():
            assert gc.get_threshold() == setting
        assert gc.get_threshold() == setting


def test_a_failing_build_restores_the_threshold(threshold, tmp_path) -> None:
    gc.set_threshold(700, 10, 10)
    with pytest.raises(AttributeError):  # a path that is not a string
        build_catalog(tmp_path, paths=[None])  # type: ignore[list-item]
    assert gc.get_threshold() == (700, 10, 10)


def test_the_check_command_paces_its_build(threshold, monkeypatch, tmp_path) -> None:
    """``check`` builds through the cache's units, not build_catalog: paced all the same."""
    from pathlib import Path

    from flux_catalog.cache import units
    from flux_catalog.cli import main

    seen = []
    discover = units.discover

    def noting(*args):  # type: ignore[no-untyped-def]
        seen.append(gc.get_threshold()[0])
        return discover(*args)

    gc.set_threshold(700, 10, 10)
    monkeypatch.setattr(units, "discover", noting)
    monkeypatch.setenv("FLUX_CATALOG_CACHE_DIR", "off")
    fixture = Path(__file__).parent / "fixtures" / "basic"
    main(["check", "--repo-root", str(fixture), str(fixture / "clusters")])
    assert seen == [BUILD_THRESHOLD]
    assert gc.get_threshold() == (700, 10, 10)

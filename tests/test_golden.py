"""Golden pages of the ``basic`` fixture: review the diff, rewrite with ``--update-goldens``."""

from __future__ import annotations

from pathlib import Path

import pytest

from flux_catalog.render import Site, plan_pages
from flux_catalog.resolve import build_catalog
from flux_catalog.rules import run

BASIC = Path(__file__).parent / "fixtures" / "basic"


@pytest.fixture(scope="module")
def site() -> Site:
    catalog, policy = build_catalog(BASIC, None)
    return plan_pages(catalog, run(catalog, policy), "https://github.com/example/fleet")


@pytest.mark.parametrize(("page", "golden_name"), [
    ("clusters/dev/namespaces/podinfo/helmrelease/podinfo.md", "render/basic-podinfo.md"),
    ("clusters/dev/namespaces/flux-system/kustomization/infra.md", "render/basic-infra.md"),
    ("inventory.md", "render/basic-inventory.md"),
    ("clusters/dev/index.md", "render/basic-cluster.md"),
], ids=["component-helmrelease", "component-kustomization", "inventory", "cluster"])
def test_golden_page(site: Site, golden, page: str, golden_name: str) -> None:
    golden(golden_name, site.page(page).markdown)


def test_golden_summary(site: Site, golden) -> None:
    golden("render/basic-SUMMARY.md", site.summary())

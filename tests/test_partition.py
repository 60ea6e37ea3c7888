"""Catalogs of one cluster each, grouped in one pass, are what filtering each cluster's
objects, edges, charts, releases and Kustomizations out of the whole catalog gives."""

from __future__ import annotations

import sys
from pathlib import Path

from flux_catalog.resolve import build_catalog
from flux_catalog.rules.partition import by_cluster, part

from .conftest import FIXTURES, ROOT


def test_grouped_parts_are_the_filtered_parts(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "tests" / "bench"))
    try:
        import fleet
    finally:
        sys.path.pop(0)
    fleet.generate(tmp_path / "fleet", 3, 6, 0)
    checked = 0
    for root in (tmp_path / "fleet", ROOT, FIXTURES / "basic"):
        catalog, _ = build_catalog(root, None)
        parts = by_cluster(catalog)
        if parts == [catalog]:
            continue
        clusters = sorted({o.cluster for o in catalog.objects},
                          key=lambda c: (c is None, c or ""))
        assert len(parts) == len(clusters)
        for grouped, cluster in zip(parts, clusters, strict=True):
            filtered = part(catalog, cluster)
            for name in ("objects", "edges", "directories", "problems"):
                assert getattr(grouped, name) == getattr(filtered, name), (root, name)
            for name in ("charts", "releases", "kustomizations"):
                assert list(getattr(grouped, name).items()) == \
                    list(getattr(filtered, name).items()), (root, name)
            checked += 1
    assert checked == 3  # the three clusters of the fleet

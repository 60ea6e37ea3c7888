"""Container images found in manifests and chart values, and the inventory rows listing them."""

from __future__ import annotations

from pathlib import Path

import pytest

from flux_catalog.images import images_of, parse_reference
from flux_catalog.render import Site
from flux_catalog.report import inventory_csv, inventory_rows

from .glance_repo import APPS, make_repo, make_site


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return make_site(make_repo(tmp_path_factory.mktemp("shop"), APPS))


# --- images -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("nginx", ("nginx", None, None)),
    ("nginx:1.27", ("nginx", "1.27", None)),
    ("registry.local:5000/shop/migrate", ("registry.local:5000/shop/migrate", None, None)),
    ("registry.local:5000/shop/web:2", ("registry.local:5000/shop/web", "2", None)),
    ("ghcr.io/x/y:1.2@sha256:abc", ("ghcr.io/x/y", "1.2", "sha256:abc")),
    ("ghcr.io/x/y@sha256:abc", ("ghcr.io/x/y", None, "sha256:abc")),
])
def test_image_references_split_into_repository_tag_and_digest(
        text: str, expected: tuple[str, str | None, str | None]) -> None:
    assert parse_reference(text) == expected


def test_images_come_from_manifests_and_chart_values(shop: Site) -> None:
    by_name = {o.name: o for o in shop.context.catalog.objects}
    web = [(i.reference, i.path) for i in images_of(by_name["web"])]
    assert web == [
        ("registry.local:5000/shop/migrate", "spec.template.spec.initContainers[0].image"),
        ("ghcr.io/shop/web:1.4.2@sha256:0123456789abcdef0123456789abcdef",
         "spec.template.spec.containers[0].image"),
    ]
    db = [(i.reference, i.tag, i.path) for i in images_of(by_name["db"])]
    assert db == [
        ("docker.io/bitnami/postgresql:17.2.0", "17.2.0", "spec.values.image"),
        ("quay.io/prometheuscommunity/postgres-exporter:v0.16.0", "v0.16.0",
         "spec.values.metrics.exporterImage"),
        # no tag in the values: the chart's own default, which the catalog cannot know
        ("ghcr.io/shop/backup", None, "spec.values.backup.image"),
    ]
    assert images_of(by_name["cache"]) == []  # no values: nothing named


def test_inventory_rows_and_csv_list_the_images(shop: Site) -> None:
    rows = {r["name"]: r for r in inventory_rows(shop.context.catalog)}
    assert rows["db"]["images"][0] == "docker.io/bitnami/postgresql:17.2.0"
    assert rows["charts"]["images"] == []
    csv = inventory_csv(list(rows.values()))
    assert csv.splitlines()[0].endswith(",images")
    assert "docker.io/bitnami/postgresql:17.2.0 quay.io/prometheuscommunity/" in csv



def test_a_digest_written_in_the_tag_is_split_off(tmp_path: Path) -> None:
    files = dict(APPS)
    files["apps/db.yaml"] = APPS["apps/db.yaml"].replace(
        "tag: 17.2.0", "tag: 17.2.0@sha256:feedface")
    site = make_site(make_repo(tmp_path, files))
    db = next(o for o in site.context.catalog.objects if o.name == "db")
    first = images_of(db)[0]
    assert (first.repository, first.tag, first.digest) == (
        "docker.io/bitnami/postgresql", "17.2.0", "sha256:feedface")

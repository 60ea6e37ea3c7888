"""The catalog engine on fixture repositories: exact inventory and problems (golden files)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from flux_catalog.report import inventory_rows
from flux_catalog.resolve import build_catalog
from flux_catalog.rules import run

from .conftest import FIXTURES, ROOT

CORPORA = ROOT.parent / "shared" / "corpora"


def catalog_of(name: str, paths: list[str] | None = None):
    catalog, policy = build_catalog(FIXTURES / name, paths)
    return catalog, run(catalog, policy)


@pytest.mark.parametrize("fixture", ["basic", "broken"])
@pytest.mark.parametrize("scope", ["clusters", ""], ids=["clusters", "whole-repo"])
def test_fixture_golden(fixture: str, scope: str, golden) -> None:
    catalog, problems = catalog_of(fixture, [scope])
    # The broken fixture has nothing outside clusters/: both scopes must give one result.
    name = fixture if fixture == "broken" else f"{fixture}-{scope or 'repo'}"
    golden(f"engine/{name}-inventory.json", inventory_rows(catalog))
    golden(f"engine/{name}-problems.json", [p.as_dict() for p in problems])


def by_id(rows: list[dict]) -> dict[str, dict]:
    return {r["id"]: r for r in rows if r["cluster"] is not None or not r["deployed"]}


def test_basic_semantics() -> None:
    catalog, problems = catalog_of("basic", [""])
    rows = by_id(inventory_rows(catalog))
    # Nested kustomization `namespace:` applies to a HelmRelease without a namespace.
    podinfo = rows["HelmRelease/podinfo/podinfo"]
    assert podinfo["deployed"] and podinfo["applied_by"] == "Kustomization/flux-system/apps"
    # The overlay's patch changed the version; the patch file is not an object.
    assert podinfo["version"] == "6.7.2"
    assert podinfo["source"]["url"] == "https://stefanprodan.github.io/podinfo"
    assert not any(r["file"] == "apps/dev/podinfo-values.yaml" for r in rows.values())
    # targetNamespace overrides; generated kustomization includes nested units.
    assert "Deployment/team-a/web" in rows
    assert rows["Service/tools/redis"]["applied_by"] == "Kustomization/flux-system/infra"
    # OCIRepository chartRef.
    cert = rows["HelmRelease/cert-manager/cert-manager"]
    assert (cert["chart"], cert["version"]) == ("cert-manager", "v1.19.1")
    assert cert["source"]["kind"] == "OCIRepository"
    # postBuild.substitute is applied, as kustomize-controller applies it.
    assert cert["description"].endswith("кластера dev.")
    # A file no kustomization reaches.
    orphan = rows["Deployment/default/orphan"]
    assert not orphan["deployed"] and orphan["applied_by"] is None
    assert any(p.rule == "not-deployed" and p.path == "apps/unused/orphan.yaml" for p in problems)
    # Remote resources are recorded, never fetched.
    assert [u for _, _, u in catalog.external] == [
        "https://github.com/example/shared-config//dev?ref=v1.2.0"
    ]
    # Dependencies and inferred service edges.
    assert rows["Kustomization/flux-system/apps"]["depends_on"] == [
        "Kustomization/flux-system/infra"
    ]
    service_edges = [e for e in catalog.edges if e.type == "service"]
    assert [(e.source, e.target, e.inferred) for e in service_edges] == [
        ("dev:HelmRelease/podinfo/podinfo", "dev:Service/tools/redis", True)
    ]
    assert not [p for p in problems if p.level == "error"]


def test_broken_reports_everything_with_positions() -> None:
    _, problems = catalog_of("broken", [""])
    found = {(p.path, p.line, p.rule) for p in problems}
    expected = {
        ("clusters/prod/broken.yaml", 7, "yaml-syntax"),
        ("clusters/prod/dupkeys.yaml", 5, "yaml-syntax"),
        ("clusters/prod/notmap.yaml", 1, "not-a-manifest"),
        ("clusters/prod/old.yaml", 1, "api-version"),
        ("clusters/prod/old.yaml", 1, "description-missing"),
        ("clusters/prod/old.yaml", 11, "chart-unpinned"),
        ("clusters/prod/old.yaml", 12, "dangling-reference"),
        ("clusters/prod/old.yaml", 16, "dangling-reference"),
        ("clusters/prod/types.yaml", 8, "invalid-field"),
        ("clusters/prod/types.yaml", 13, "invalid-field"),
        ("clusters/prod/types.yaml", 27, "invalid-field"),
        ("clusters/prod/nons.yaml", 1, "namespace-missing"),
        ("apps/kustomization.yaml", 5, "path-escape"),
        ("apps/kustomization.yaml", 6, "kustomize-missing"),
        ("cycle-b/kustomization.yaml", 4, "kustomize-cycle"),
        ("cycle-a/README.md", 1, "readme-missing"),
    }
    assert expected <= found, sorted(expected - found)
    assert all(p.line >= 1 for p in problems)


EXPECTED = {
    "flux2-kustomize-helm-example": sorted(
        (cluster, ns, name)
        for cluster in ("production", "staging")
        for ns, name in (
            ("cert-manager", "cert-manager"),
            ("envoy-gateway-system", "envoy-gateway"),
            ("podinfo", "podinfo"),
        )
    ),
    "flux2-monitoring-example": [
        ("test", "monitoring", "kube-prometheus-stack"),
        ("test", "monitoring", "loki"),
        ("test", "monitoring", "promtail"),
    ],
}


@pytest.mark.skipif(not CORPORA.is_dir(), reason="../shared/corpora is not available")
@pytest.mark.parametrize("corpus", ["flux2-kustomize-helm-example", "flux2-monitoring-example"])
def test_real_repositories(corpus: str) -> None:
    root = CORPORA / corpus
    catalog, policy = build_catalog(root, ["clusters"])
    problems = run(catalog, policy)
    releases = [o for o in catalog.objects if o.kind == "HelmRelease"]
    assert sorted({(o.cluster, o.namespace, o.name) for o in releases}) == EXPECTED[corpus]
    for release in releases:
        chart = catalog.charts[release.key]
        assert release.deployed and release.namespace, release.key
        assert chart.name and chart.source and chart.source.url, release.key
    # Partial HelmRelease patches are patches, never objects.
    assert not any(o.path.endswith("podinfo-values.yaml") for o in catalog.objects)
    assert not any(p.rule in {"yaml-syntax", "kustomize-missing", "path-escape"} for p in problems)


def test_cli_json_matches_library(tmp_path: Path, capsys) -> None:
    from flux_catalog.cli import main

    code = main(
        [
            "inventory",
            "--repo-root",
            str(FIXTURES / "basic"),
            str(FIXTURES / "basic" / "clusters"),
            "--format",
            "json",
        ]
    )
    assert code == 0
    rows = json.loads(capsys.readouterr().out)
    catalog, _ = catalog_of("basic", ["clusters"])
    assert rows == inventory_rows(catalog)


def test_object_keys_are_built_and_read_in_one_place() -> None:
    from flux_catalog.model import ObjectKey

    key = ObjectKey.of("dev", "HelmRelease", "podinfo", "podinfo")
    assert str(key) == "dev:HelmRelease/podinfo/podinfo"
    assert ObjectKey.parse(str(key)) == key
    scoped = ObjectKey.of(None, "Namespace", None, "apps")
    assert str(scoped) == ":Namespace//apps" and ObjectKey.parse(str(scoped)) == scoped
    catalog, _ = catalog_of("basic", ["clusters"])
    for obj in catalog.objects:
        assert obj.key == str(ObjectKey.of(obj.cluster, obj.kind, obj.namespace, obj.name))
        assert ObjectKey.parse(obj.key).id == obj.id

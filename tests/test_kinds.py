"""Kinds the checks cannot validate are said once, quietly; a misspelt Flux kind is an error."""

from __future__ import annotations

from pathlib import Path

from flux_catalog.crd_data import bundled_crds
from flux_catalog.render.i18n import translate_message
from flux_catalog.resolve import build_catalog
from flux_catalog.rules import run
from tests.repos import gotk_sync

MANIFESTS = """\
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelase
metadata:
  name: podinfo
  namespace: flux-system
spec:
  interval: 1h
---
apiVersion: cert-manager.io/v1
kind: ClusterIssuer
metadata:
  name: letsencrypt
spec: {}
---
apiVersion: cert-manager.io/v1
kind: ClusterIssuer
metadata:
  name: staging
spec: {}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: deny
  namespace: flux-system
spec: {}
---
apiVersion: source.toolkit.fluxcd.io/v1
kind: ExternalArtifact
metadata:
  name: generated
  namespace: flux-system
"""


def _problems(tmp_path: Path):
    cluster = tmp_path / "clusters/c"
    (cluster / "flux-system").mkdir(parents=True)
    (cluster / "flux-system/gotk-sync.yaml").write_text(gotk_sync("c"), "utf-8")
    (cluster / "objects.yaml").write_text(MANIFESTS, "utf-8")
    catalog, policy = build_catalog(tmp_path, ["clusters"])
    return [p for p in run(catalog, policy, bundled_crds())
            if p.path == "clusters/c/objects.yaml"]


def test_a_misspelt_flux_kind_is_an_error_with_a_suggestion(tmp_path: Path) -> None:
    misspelt = [p for p in _problems(tmp_path) if p.rule == "api-version"]
    assert [(p.line, p.level) for p in misspelt] == [(2, "error")]
    assert misspelt[0].message == ("HelmRelase 'podinfo': helm.toolkit.fluxcd.io has no kind "
                                   "HelmRelase; did you mean HelmRelease?")
    uk = translate_message(misspelt[0].message, "uk")
    assert "немає типу HelmRelase — можливо, мали на увазі HelmRelease?" in uk


def test_a_kind_without_a_crd_is_said_once_as_info(tmp_path: Path) -> None:
    schema = [p for p in _problems(tmp_path) if p.rule == "schema"]
    # Once for ClusterIssuer (two objects); nothing for a built-in kind, a Flux kind the
    # shipped CRDs describe, or the misspelt kind the api-version rule reports.
    assert [(p.line, p.level) for p in schema] == [(9, "info")], schema
    assert "cert-manager.io/v1 ClusterIssuer" in schema[0].message
    assert "не перевіряються" in translate_message(schema[0].message, "uk")

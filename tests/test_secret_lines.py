"""plaintext-secret points at the file and line where a value is written, never elsewhere."""

from __future__ import annotations

from pathlib import Path

from flux_catalog.resolve import build_catalog
from flux_catalog.rules import run

from .corpus.measure import write
from .repos import write_repo

FLUX_KS = """\
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: apps
  namespace: flux-system
spec:
  interval: 1h
  path: ./apps
  prune: true
  sourceRef:
    kind: GitRepository
    name: flux-system
  patches:
    - target:
        kind: Deployment
      patch: |
        - op: add
          path: /spec/template/spec/containers/0/env/-
          value:
            name: API_TOKEN
            value: planted-line-test-0917
"""
DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: default
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: web
          image: nginx:1.27
          env: []
"""


def _plaintext(root: Path) -> list[tuple[str, int]]:
    catalog, policy = build_catalog(root, ["clusters", "apps"])
    return sorted((p.path, p.line) for p in run(catalog, policy) if p.rule == "plaintext-secret")


def test_a_flux_patch_is_reported_in_the_kustomization_not_the_patched_object(
        tmp_path: Path) -> None:
    root = write_repo(tmp_path / "repo", {"clusters/c/apps.yaml": FLUX_KS,
                                          "apps/deployment.yaml": DEPLOYMENT}, cluster="c")
    assert _plaintext(root) == [("clusters/c/apps.yaml", 21)]


def test_a_kustomize_patch_file_is_reported_in_the_patch(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    write(root)
    catalog, policy = build_catalog(root, ["clusters"])
    found = {(p.path, p.line) for p in run(catalog, policy) if p.rule == "plaintext-secret"}
    assert ("clusters/corpus/gen/patch.yaml", 12) in found
    assert not any(path == "clusters/corpus/gen/deployment.yaml" for path, _ in found)

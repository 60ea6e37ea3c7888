"""Small repositories written by tests: the bootstrap files every Flux cluster starts with."""

from __future__ import annotations


def gotk_sync(cluster: str, url: str = "https://github.com/example/fleet") -> str:
    """What `flux bootstrap` writes to ``clusters/<cluster>/flux-system/gotk-sync.yaml``."""
    return f"""\
apiVersion: source.toolkit.fluxcd.io/v1
kind: GitRepository
metadata:
  name: flux-system
  namespace: flux-system
spec:
  interval: 1m
  url: {url}
  ref:
    branch: main
---
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: flux-system
  namespace: flux-system
  annotations:
    kubernetes.io/description: Синхронізує кластер {cluster} із цим репозиторієм.
spec:
  interval: 10m
  path: ./clusters/{cluster}
  prune: true
  sourceRef:
    kind: GitRepository
    name: flux-system
"""

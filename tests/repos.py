"""Small repositories written by tests: the one builder every test uses, and the bootstrap
files every Flux cluster starts with."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from pathlib import Path


def write_repo(root: Path, files: Mapping[str, str | bytes], *, cluster: str | None = None,
               dedent: bool = False) -> Path:
    """Write ``files`` (repository-relative path -> content) under ``root`` and return it.

    ``cluster``: first the files ``flux bootstrap`` writes for that cluster
    (``clusters/<cluster>/flux-system/gotk-sync.yaml``), which ``files`` may replace.
    ``dedent``: strip the common indentation of each text (triple-quoted literals)."""
    if cluster is not None:
        files = {f"clusters/{cluster}/flux-system/gotk-sync.yaml": gotk_sync(cluster), **files}
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content) if dedent else content, "utf-8")
    return root


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

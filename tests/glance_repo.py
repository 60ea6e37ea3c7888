"""A small shop repository for the "at a glance" tests: a Deployment, HelmReleases with image
values, a chart in the repository and one from another Git repository."""

from __future__ import annotations

from pathlib import Path

import markdown

from flux_catalog.render import Site, plan_pages
from flux_catalog.resolve import build_catalog
from flux_catalog.rules import run

from .repos import write_repo

REPO_URL = "https://github.com/example/fleet"
NS_PAGE = "clusters/dev/namespaces/{}/index.md"
HR_PAGE = "clusters/dev/namespaces/{}/helmrelease/{}.md"


def make_repo(tmp_path: Path, files: dict[str, str]) -> Path:
    return write_repo(tmp_path, files, cluster="dev", dedent=True)


def make_site(root: Path, lang: str = "uk") -> Site:
    catalog, policy = build_catalog(root, None)
    return plan_pages(catalog, run(catalog, policy), REPO_URL, language_code=lang)


def to_html(text: str) -> str:
    return markdown.markdown(text, extensions=[
        "abbr", "admonition", "attr_list", "def_list", "md_in_html", "tables", "toc",
        "pymdownx.details", "pymdownx.superfences", "pymdownx.tabbed",
    ], extension_configs={"pymdownx.tabbed": {"alternate_style": True}})


KUSTOMIZATION = """\
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: {name}
  namespace: flux-system
spec:
  interval: 10m
  path: ./{path}
  prune: true
  sourceRef:
    kind: GitRepository
    name: flux-system
"""

APPS = {
    "clusters/dev/kustomization.yaml": """\
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        resources: [flux-system/gotk-sync.yaml, apps.yaml]
        """,
    "clusters/dev/apps.yaml": KUSTOMIZATION.format(name="apps", path="apps"),
    "apps/kustomization.yaml": """\
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        resources: [web.yaml, db.yaml, repo.yaml, cache.yaml, local.yaml, git.yaml]
        """,
    "apps/web.yaml": """\
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: shop
          annotations:
            kubernetes.io/description: Вітрина магазину.
        spec:
          template:
            spec:
              initContainers:
                - name: migrate
                  image: registry.local:5000/shop/migrate
              containers:
                - name: web
                  image: ghcr.io/shop/web:1.4.2@sha256:0123456789abcdef0123456789abcdef
        """,
    "apps/repo.yaml": """\
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: HelmRepository
        metadata:
          name: charts
          namespace: data
        spec:
          interval: 1h
          url: https://charts.example.org
        """,
    "apps/db.yaml": """\
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata:
          name: db
          namespace: data
          annotations:
            kubernetes.io/description: База даних магазину.
        spec:
          interval: 1h
          chart:
            spec:
              chart: postgresql
              version: 16.2.1
              sourceRef: {kind: HelmRepository, name: charts}
          values:
            image:
              registry: docker.io
              repository: bitnami/postgresql
              tag: 17.2.0
            metrics:
              exporterImage: quay.io/prometheuscommunity/postgres-exporter:v0.16.0
            backup:
              image:
                repository: ghcr.io/shop/backup
            imagePullPolicy: IfNotPresent
        """,
    "apps/cache.yaml": """\
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata:
          name: cache
          namespace: shop
          annotations:
            kubernetes.io/description: Кеш вітрини.
        spec:
          interval: 1h
          dependsOn:
            - name: db
              namespace: data
          chart:
            spec:
              chart: redis
              version: 20.1.0
              sourceRef: {kind: HelmRepository, name: charts, namespace: data}
          values:
            database:
              url: postgres://db.data.svc.cluster.local:5432/shop
        """,
    "apps/local.yaml": """\
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata:
          name: local
          namespace: shop
          annotations:
            kubernetes.io/description: Чарт із цього репозиторію.
        spec:
          interval: 1h
          chart:
            spec:
              chart: ./charts/local
              sourceRef: {kind: GitRepository, name: flux-system, namespace: flux-system}
        """,
    "charts/local/Chart.yaml": """\
        apiVersion: v2
        name: local
        version: 0.3.1
        home: https://local.example.org/docs
        sources:
          - https://github.com/example/local
          - javascript:alert(1)
          - https://user:secret@example.org/private
        """,
    "apps/git.yaml": """\
        apiVersion: source.toolkit.fluxcd.io/v1
        kind: GitRepository
        metadata:
          name: upstream
          namespace: shop
        spec:
          interval: 5m
          url: https://github.com/example/upstream
          ref:
            branch: release
        ---
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata:
          name: fromgit
          namespace: shop
          annotations:
            kubernetes.io/description: Чарт з чужого Git-репозиторію.
        spec:
          interval: 1h
          chart:
            spec:
              chart: ./deploy/chart
              version: 9.9.9
              sourceRef: {kind: GitRepository, name: upstream}
        """,
}

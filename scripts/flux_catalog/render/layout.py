"""Where each page lives in the docs directory, and links between pages.

Page paths are docs-relative POSIX paths ending in ``.md``. Every part taken from a manifest or a
directory name goes through :func:`flux_catalog.paths.page_path`, so a path can neither escape
the site nor collide with another; the fixed parts (``clusters``, ``namespaces``, ...) keep the
kinds of pages apart.

The site is built with ``use_directory_urls: true``: ``a/b.md`` and ``a/b/index.md`` are both
served at ``a/b/``. Markdown links use the ``.md`` source path (MkDocs checks and rewrites them);
only Mermaid ``click`` targets, which MkDocs never sees, need the final URL (:func:`relative_url`).
"""

from __future__ import annotations

import functools
import posixpath
from urllib.parse import quote

from ..model import (
    CLUSTER_SCOPED_KINDS,
    SERVED_FLUX_VERSIONS,
    WORKLOAD_KINDS,
    K8sObject,
)
from ..paths import page_path

HOME = "index.md"
HOW_TO_DOCUMENT = "how-to-document.md"
CONVENTIONS = "conventions.md"
INVENTORY = "inventory.md"
PROBLEMS = "problems.md"
UNDEPLOYED = "undeployed/index.md"
INVENTORY_JSON = "inventory.json"
INVENTORY_CSV = "inventory.csv"


# Kinds whose lower-case name is used as their path segment (``helmrelease``). Any other kind
# goes through ``slug("~" + kind)``, which always yields a hashed segment with ``_`` that no
# lower-case kind name can equal, so the mapping stays injective.
KNOWN_KINDS = frozenset({
    *SERVED_FLUX_VERSIONS, *WORKLOAD_KINDS, *CLUSTER_SCOPED_KINDS,
    "ArtifactGenerator", "ExternalArtifact", "ImageRepository", "ImagePolicy",
    "ImageUpdateAutomation", "FluxInstance", "ResourceSet", "ResourceSetInputProvider",
    "Service", "ConfigMap", "Secret", "ServiceAccount", "Role", "RoleBinding", "Ingress",
    "NetworkPolicy", "PersistentVolumeClaim", "Endpoints", "LimitRange", "ResourceQuota",
    "HorizontalPodAutoscaler", "PodDisruptionBudget", "ServiceMonitor", "PodMonitor",
    "PrometheusRule", "Certificate", "Issuer", "OpenTelemetryCollector", "Instrumentation",
    "HTTPRoute", "Gateway",
})


def _kind_part(kind: str) -> str:
    return kind.lower() if kind in KNOWN_KINDS else "~" + kind


def _index(*parts: str) -> str:
    """``<slugs>/index.md``: no slug is ever ``index`` or holds a dot, so nothing collides."""
    return page_path(*parts, suffix="") + "/index.md"


def cluster_page(cluster: str) -> str:
    return _index("clusters", cluster)


def namespace_page(cluster: str | None, namespace: str | None) -> str:
    """Index page of a namespace (or of the cluster-scoped objects) in a cluster."""
    if cluster is None:
        return UNDEPLOYED
    if namespace is None:
        return _index("clusters", cluster, "cluster-scoped")
    return _index("clusters", cluster, "namespaces", namespace)


def component_page(obj: K8sObject) -> str:
    kind = _kind_part(obj.kind)
    base: tuple[str, ...] = ("undeployed",) if obj.cluster is None else ("clusters", obj.cluster)
    if obj.namespace is None:
        return page_path(*base, "cluster-scoped", kind, obj.name)
    return page_path(*base, "namespaces", obj.namespace, kind, obj.name)


def section_page(directory: str) -> str:
    """Page of a repository directory (``""`` is the repository root)."""
    parts = [p for p in directory.split("/") if p]
    return _index("sections", *parts)


def page_url(path: str) -> str:
    """Site-relative URL of a page under ``use_directory_urls`` (``""`` for the home page)."""
    stem = path[: -len(".md")] if path.endswith(".md") else path
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        stem = stem[: -len("index")]
    else:
        stem += "/"
    return quote(stem, safe="/")


@functools.lru_cache(maxsize=65_536)  # every page links to its neighbours, on every rebuild
def relative_md(from_page: str, to_page: str) -> str:
    """A Markdown link target from one page source to another (MkDocs resolves it)."""
    start = posixpath.dirname(from_page) or "."
    return quote(posixpath.relpath(to_page, start), safe="/.")


def relative_url(from_page: str, to: str) -> str:
    """A URL from the rendered page ``from_page`` to ``to`` (a page, or a file when not ``.md``)."""
    base = page_url(from_page).rstrip("/") or "."
    if to.endswith(".md"):
        target = page_url(to).rstrip("/") or "."
        rel = posixpath.relpath(target, base)
        return "./" if rel == "." else rel + "/"
    return posixpath.relpath(quote(to, safe="/"), base)

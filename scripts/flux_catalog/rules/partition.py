"""A catalog seen one cluster at a time, as the rules judge it.

Flux applies each cluster on its own, so each cluster's objects are judged with what that
cluster has: the CRDs it applies, the patched bodies it applies (a file two clusters patch
differently is two objects, both checked). Objects no cluster applies form one more part.
Judging per cluster is also what lets ``check`` reuse the findings of clusters an edit does
not reach (:mod:`flux_catalog.cache.units`).
"""

from __future__ import annotations

import posixpath
from dataclasses import replace
from typing import Any

from ..model import Catalog


def by_cluster(catalog: Catalog) -> list[Catalog]:
    """One catalog per cluster (and one for the objects of no cluster), in a fixed order;
    the catalog itself when all its objects are in one part."""
    parts: dict[str | None, list[int]] = {}
    for index, obj in enumerate(catalog.objects):
        parts.setdefault(obj.cluster, []).append(index)
    if len(parts) <= 1:
        return [catalog]
    clusters = sorted(parts, key=lambda c: (c is None, c or ""))
    # What part() filters for each cluster, grouped in one pass over the catalog: an entry
    # goes to every cluster one of whose objects has its key, in the catalog's order.
    owners: dict[str, list[str | None]] = {}
    for cluster in clusters:
        for key in dict.fromkeys(catalog.objects[i].key for i in parts[cluster]):
            owners.setdefault(key, []).append(cluster)
    edges: dict[str | None, list[Any]] = {c: [] for c in clusters}
    for edge in catalog.edges:
        for cluster in owners.get(edge.source, ()):
            edges[cluster].append(edge)
    keyed: dict[str | None, dict[str, dict[str, Any]]] = {c: {} for c in clusters}
    for name in ("charts", "releases", "kustomizations"):
        for cluster in clusters:
            keyed[cluster][name] = {}
        for key, value in getattr(catalog, name).items():
            for cluster in owners.get(key, ()):
                keyed[cluster][name][key] = value
    return [_part(catalog, cluster, tuple(catalog.objects[i] for i in parts[cluster]),
                  tuple(edges[cluster]), keyed[cluster]) for cluster in clusters]


def part(catalog: Catalog, cluster: str | None) -> Catalog:
    """The objects of ``cluster``, their charts, edges and directories (the directories
    that hold them and their ancestors, and the cluster's root)."""
    objects = tuple(o for o in catalog.objects if o.cluster == cluster)
    keys = {o.key for o in objects}
    return _part(catalog, cluster, objects,
                 tuple(e for e in catalog.edges if e.source in keys),
                 {name: {k: v for k, v in getattr(catalog, name).items() if k in keys}
                  for name in ("charts", "releases", "kustomizations")})


def _part(catalog: Catalog, cluster: str | None, objects: tuple[Any, ...],
          edges: tuple[Any, ...], keyed: dict[str, dict[str, Any]]) -> Catalog:
    # The directories that hold the objects, and every directory above them.
    above: set[str] = set()
    for directory in {posixpath.dirname(obj.path) for obj in objects if obj.path}:
        while directory not in above:
            above.add(directory)
            if not directory:
                break
            directory = posixpath.dirname(directory)
    root = catalog.cluster_roots.get(cluster) if cluster is not None else None
    directories = tuple(d for d in catalog.directories if d.path == root or d.path in above)
    return replace(
        catalog, objects=objects, charts=keyed["charts"], edges=edges,
        directories=directories, problems=(), releases=keyed["releases"],
        kustomizations=keyed["kustomizations"])


"""Pages of the last plan reused while what they show is unchanged (``mkdocs serve``).

After one manifest edit, a plan of 2,000 pages would render every page again although only
the edited object's page and the few pages that show it changed. :class:`PageMemo` keeps each
page's Markdown with the *inputs* it was rendered from: the values of the catalog a renderer
reads for that page (the object, its edges, its neighbours, the files it quotes, the problems
of its file...). A page whose inputs compare equal to last time's is not rendered again.

What a page reads is listed here, next to nothing else, so a renderer that starts reading
something new must add it below: ``tests/test_incremental.py`` compares a memoised plan with a
fresh one after many kinds of edits. Anything read by every page (the page paths, the
repository URL, the language) is in :func:`_site_inputs`; when it changes, nothing is reused.
Pages that show the whole catalog (problems, home, undeployed) are always rendered; the
inventory page only when a row changed in what it shows (not the description).

Computing every component page's inputs costs more than the pages an edit changes. Under
``mkdocs serve`` the clusters an edit does not reach keep their catalog objects (the session
rebuilds only the others), so a component page first lists what its inputs are made of: the
objects, charts and edges (never changed once built: the same ones mean the same values) and
the rest by value. The same objects in the same places and equal values are the same inputs;
anything else falls back to comparing the inputs themselves.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Hashable, Iterable
from typing import Any

from ..images import images_of
from ..model import K8sObject, ObjectKey
from .context import Context
from .inventory import rows_of

__all__ = ["PageMemo"]


class PageMemo:
    """Markdown of the pages of the last plan, by page path, with the inputs it came from."""

    def __init__(self, keep: bool = True) -> None:
        self._keep = keep  # False: render every page, remember nothing (one plan only)
        self._site: Any = None
        self._pages: dict[str, tuple[Any, str, Any]] = {}  # inputs, Markdown, made of
        self.rendered = 0  # pages the last plan rendered
        self.rendered_paths: list[str] = []  # (which ones, for tests and logs)
        self.reused = 0  # pages it took from the previous plan
        self.identical = 0  # of those, pages made of the very same objects as last time

    def begin(self, ctx: Context, language: str, home: str | None) -> None:
        """Start a plan: forget every page when what all pages read has changed."""
        self.rendered = self.reused = self.identical = 0
        self.rendered_paths = []
        if not self._keep:
            return
        site = _site_inputs(ctx, language, home)
        if site != self._site:
            self._pages = {}
            self._site = site

    def page(self, path: str, inputs: Callable[[], Any], render: Callable[[], str],
             made_of: Callable[[], tuple[tuple[Any, ...], Any]] | None = None) -> str:
        """The Markdown of ``path``: last plan's if its inputs (``inputs()``) equal the inputs
        it was rendered from, else ``render()``. ``made_of()``: the objects the inputs are
        made of and the rest of them by value (see the module's docstring)."""
        self.rendered += 1
        if not self._keep:
            return render()
        previous = self._pages.get(path)
        parts = made_of() if made_of is not None else None
        if previous is not None and parts is not None and _identical(previous[2], parts):
            self.rendered -= 1
            self.reused += 1
            self.identical += 1
            return previous[1]
        now = inputs()
        if previous is not None and _same(previous[0], now):
            self.rendered -= 1
            self.reused += 1
            self._pages[path] = (previous[0], previous[1], parts)
            return previous[1]
        markdown = render()
        self._pages[path] = (now, markdown, parts)
        self.rendered_paths.append(path)
        return markdown

    def end(self, paths: set[str]) -> None:
        """Forget pages the plan no longer has."""
        for path in [p for p in self._pages if p not in paths]:
            del self._pages[path]


def _same(a: Any, b: Any) -> bool:
    try:
        return bool(a == b)
    except Exception:  # values that cannot be compared are never the same
        return False


def _identical(before: Any, now: tuple[tuple[Any, ...], Any]) -> bool:
    """Whether two ``made_of`` results list the same objects in the same places and equal
    values (``before`` None: nothing recorded)."""
    if before is None or len(before[0]) != len(now[0]):
        return False
    return all(a is b for a, b in zip(before[0], now[0], strict=True)) and _same(before[1],
                                                                                 now[1])


def _site_inputs(ctx: Context, language: str, home: str | None) -> Hashable:
    catalog = ctx.catalog
    return (
        language, home, ctx.repo_url, ctx.branch, ctx.hand_written,
        tuple(sorted(ctx.links.items())), tuple(sorted(ctx.sections.items())),
        tuple(sorted(ctx.namespaces.items(), key=repr)), catalog.clusters,
        tuple(sorted(catalog.cluster_roots.items())),
    )


_FIELDS = tuple(f.name for f in dataclasses.fields(K8sObject))


def _state(obj: K8sObject | None) -> tuple[Any, ...] | None:
    """An object's fields, to compare by value (``K8sObject`` compares by identity)."""
    return None if obj is None else tuple(getattr(obj, name) for name in _FIELDS)


def _states(objects: Iterable[K8sObject]) -> tuple[Any, ...]:
    return tuple(_state(obj) for obj in objects)


def _component_parts(ctx: Context, obj: K8sObject) -> tuple[Any, ...]:
    """What a component page reads, by reference: its chart, release, kustomization, edges
    out and in, the keys of its neighbours, and the rest by value."""
    catalog = ctx.catalog
    key = obj.key
    out = tuple(ctx.out_edges.get(key, ()))
    into = tuple(ctx.in_edges.get(key, ()))
    chart = catalog.charts.get(key)
    release = catalog.releases.get(key)
    neighbours = {e.target for e in out} | {e.source for e in into}
    files = [obj.path]
    if chart is not None:
        if chart.source is not None:
            source = chart.source
            neighbours.add(source.id or str(ObjectKey.of(obj.cluster, source.kind,
                                                         source.namespace, source.name)))
        if chart.chart_file is not None:
            files.append(chart.chart_file)
    if release is not None:
        neighbours.update(entry.target for entry in release.values_from if entry.target)
    values = (tuple(f for f in files if f), tuple(ctx.problems_by_file.get(obj.path, ())),
              tuple(ctx.doc_starts.get(obj.path, ())))
    return chart, release, catalog.kustomizations.get(key), out, into, sorted(neighbours), values


def component_inputs(ctx: Context, obj: K8sObject) -> Any:
    """What ``component_markdown`` reads for ``obj``'s page."""
    chart, release, kustomization, out, into, neighbours, values = _component_parts(ctx, obj)
    files, problems, lines = values
    raw = ctx.catalog.documents.raw
    return (_state(obj), chart, release, kustomization, out, into,
            tuple((key, _state(ctx.by_key.get(key))) for key in neighbours),
            tuple(raw(f) for f in files), problems, lines)


def component_made_of(ctx: Context, obj: K8sObject) -> tuple[tuple[Any, ...], Any]:
    """``component_inputs`` as the objects it is made of, and the rest by value. The files
    it quotes by path only: the object is the one of the last build only when its cluster was
    not built again, and the session builds again every cluster that read a changed file
    (its manifest and the Chart.yaml of its chart among them)."""
    chart, release, kustomization, out, into, neighbours, values = _component_parts(ctx, obj)
    by_key = ctx.by_key
    return ((obj, chart, release, kustomization, *out, *into,
             *(by_key.get(key) for key in neighbours)),
            (len(out), len(into), tuple(neighbours), values))


def section_inputs(ctx: Context, directory: str) -> Any:
    """What ``section_markdown`` reads for ``directory``'s page."""
    subdirectories = ctx.subdirectories.get(directory, [])
    return (ctx.directories.get(directory),
            tuple(ctx.directories.get(d) for d in subdirectories),
            _states(ctx.by_directory.get(directory, ())))


def _namespace_parts(ctx: Context, cluster: str, namespace: str | None
                     ) -> tuple[tuple[K8sObject, ...], str | None, list[Any], list[str]]:
    """A namespace page's objects, the key of its Namespace, their edges, and the keys of
    the objects at the other end of those edges."""
    objects = tuple(ctx.by_namespace.get((cluster, namespace), ()))
    own = {o.key for o in objects}
    ns_key = f"{cluster}:Namespace//{namespace}" if namespace else None
    others: set[str] = set()
    edges = []
    for key in sorted(own):
        for edge in (*ctx.out_edges.get(key, ()), *ctx.in_edges.get(key, ())):
            edges.append(edge)
            others.add(edge.target if edge.source == key else edge.source)
    return objects, ns_key, edges, sorted(others - own)


def namespace_inputs(ctx: Context, cluster: str, namespace: str | None) -> Any:
    """What ``namespace_markdown`` reads: the namespace's objects (with their charts), and
    for its graph their edges and the objects at the other end, with those objects' edges."""
    objects, ns_key, edges, others = _namespace_parts(ctx, cluster, namespace)
    second = tuple((key, _state(ctx.by_key.get(key)), tuple(ctx.out_edges.get(key, ())),
                    tuple(ctx.in_edges.get(key, ()))) for key in others)
    return (_states(objects), _state(ctx.by_key.get(ns_key)) if ns_key else None,
            tuple(ctx.catalog.charts.get(o.key) for o in objects), tuple(edges), second)


def namespace_made_of(ctx: Context, cluster: str, namespace: str | None
                      ) -> tuple[tuple[Any, ...], Any]:
    """``namespace_inputs`` as the objects it is made of, and the rest by value."""
    objects, ns_key, edges, others = _namespace_parts(ctx, cluster, namespace)
    charts = ctx.catalog.charts
    made: list[Any] = [*objects, ctx.by_key.get(ns_key) if ns_key else None,
                       *(charts.get(o.key) for o in objects), *edges]
    shape = [len(objects), len(edges), ns_key, tuple(others)]
    for key in others:
        out, into = ctx.out_edges.get(key, ()), ctx.in_edges.get(key, ())
        made += [ctx.by_key.get(key), *out, *into]
        shape += [len(out), len(into)]
    return tuple(made), tuple(shape)


def _in_cluster_page(obj: K8sObject) -> tuple[Any, ...]:
    """What a cluster page shows of one of its objects: counts, its namespace's description,
    a node of the graph (kind, name, link, box of its Flux Kustomization); no body."""
    return (obj.key, obj.api_version, obj.kind, obj.name, obj.namespace, obj.path,
            obj.applied_by, obj.deployed, obj.is_component,
            obj.description if obj.kind == "Namespace" else obj.description is None)


def cluster_inputs(ctx: Context, cluster: str) -> Any:
    """What ``cluster_markdown`` reads: the cluster's objects (not their bodies: an edited
    description or value leaves the page alone), their edges, its directories."""
    objects = tuple(ctx.catalog.in_cluster(cluster))
    root = ctx.catalog.cluster_roots.get(cluster, "")
    return (tuple(_in_cluster_page(o) for o in objects),
            tuple(e for o in objects for e in ctx.out_edges.get(o.key, ())),
            tuple(e for o in objects for e in ctx.in_edges.get(o.key, ())),
            tuple(info for d, info in sorted(ctx.directories.items())
                  if info.cluster == cluster or d == root))


def inventory_inputs(ctx: Context) -> Any:
    """What ``inventory_markdown`` reads: the inventory rows but their descriptions, and each
    deployed object's images with where they are written."""
    rows = [{k: v for k, v in row.items() if k != "description"} for row in rows_of(ctx)]
    images = [(o.key, o.kind, o.name, o.namespace, o.cluster, images_of(o))
              for o in ctx.catalog.objects if o.deployed]
    return rows, images

"""Mermaid dependency graphs: a component's neighbours, and a whole cluster.

Node ids are hashes of object keys (``mermaid_id``) and labels go through ``mermaid_label``, so no
manifest text can change the diagram's syntax. Edges carry their type as the label; inferred
(service) edges are dashed; targets missing from the repository get the ``missing`` class.
Nodes with a page link to it (``click id "url"``), relative to the page holding the diagram.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from ..model import APPLIED_BY, NAMESPACE, Edge, ObjectKey
from .context import Context
from .escape import mermaid_id, mermaid_label
from .i18n import t
from .layout import relative_url

# At most this many neighbours on each side of a component's graph.
MAX_NEIGHBOURS = 30
# A neighbour graph with more nodes than this gets the zoom controls.
ZOOM_FROM_NODES = 12
# A cluster graph with more nodes than this keeps Flux Kustomizations and HelmReleases only.
MAX_CLUSTER_NODES = 120

_CLASSES = (
    "classDef current stroke-width:4px",
    "classDef missing stroke-dasharray:4 3,stroke:#c62828,color:#c62828",
    "classDef implicit stroke-dasharray:2 2",
)


# Edge labels read as a phrase from the arrow's tail to its head ("kbot — залежить від →
# monitoring"); the "Зв'язки" tables spell the edges out. APPLIED_BY points from an object to
# the Flux Kustomization that applies it.
EDGE_LABELS = {
    "dependsOn": "залежить від",
    "source": "бере артефакт із",
    "valuesFrom": "бере значення з",
    APPLIED_BY: "його застосовує",
    "service": "звертається до",
    "secretRef": "читає секрет",
    "inject": "отримує інструментацію OTel від",
}


def _arrow(edges: list[Edge]) -> str:
    """One arrow for every edge between the same two nodes, with all their labels; dashed
    only when every one of them is inferred."""
    labels = dict.fromkeys(t(EDGE_LABELS.get(e.type, e.type)) for e in edges)
    label = mermaid_label(", ".join(labels))
    return f"-.->|{label}|" if all(e.inferred for e in edges) else f"-->|{label}|"


def _label(ctx: Context, key: str) -> str:
    obj = ctx.by_key.get(key)
    if obj is not None:
        return f"{mermaid_label(obj.kind)}<br>{mermaid_label(obj.name)}"
    parsed = ObjectKey.parse(key)
    return f"{mermaid_label(parsed.kind)}<br>{mermaid_label(parsed.name)}"


def _node_class(ctx: Context, key: str, edges: Iterable[Edge]) -> str | None:
    if key in ctx.by_key:
        return None
    return "missing" if any(not e.resolved for e in edges) else "implicit"


def _render(ctx: Context, page: str, nodes: list[str], edges: list[Edge],
            current: str | None = None, note: str | None = None, group: bool = False,
            direction: str = "LR") -> str:
    lines = [f"graph {direction}"]
    edges_to: dict[str, list[Edge]] = {}
    for edge in edges:
        edges_to.setdefault(edge.target, []).append(edge)
    # In a cluster graph, what one Flux Kustomization applies is drawn as one box.
    groups: dict[str, list[str]] = {}
    for key in nodes:
        obj = ctx.by_key.get(key)
        applier = ""
        if group and obj is not None and obj.applied_by and not (
                obj.kind == "Kustomization" and obj.is_flux):
            applier = obj.applier_key or ""
        groups.setdefault(applier, []).append(key)
    for applier, keys in sorted(groups.items()):
        indent = "    "
        if applier:
            title = t("Kustomization {name} застосовує:", name=ObjectKey.parse(applier).name)
            lines.append(f'    subgraph {mermaid_id("applied:" + applier)}'
                         f'["{mermaid_label(title)}"]')
            indent = "        "
        for key in keys:
            lines.append(f'{indent}{mermaid_id(key)}["{_label(ctx, key)}"]')
        if applier:
            lines.append("    end")
    pairs: dict[tuple[str, str], list[Edge]] = {}
    for edge in edges:
        pairs.setdefault((edge.source, edge.target), []).append(edge)
    for (tail, head), between in pairs.items():
        lines.append(f"    {mermaid_id(tail)} {_arrow(between)} {mermaid_id(head)}")
    for key in nodes:
        target = ctx.node_page(key)
        if target is not None and key != current:
            url = relative_url(page, target).replace('"', "%22")
            lines.append(f'    click {mermaid_id(key)} "{url}"')
    lines.extend(f"    {c}" for c in _CLASSES)
    for key in nodes:
        cls = "current" if key == current else _node_class(ctx, key, edges_to.get(key, []))
        if cls:
            lines.append(f"    class {mermaid_id(key)} {cls}")
    text = "```mermaid\n" + "\n".join(lines) + "\n```\n"
    return text + (f"\n{note}\n" if note else "")


def neighbour_graph(ctx: Context, key: str, page: str) -> str:
    """What ``key`` refers to (upstream) and what refers to it (downstream).

    What a Flux Kustomization applies is not drawn (a fan of every object it applies says
    little); its page lists those objects in a table instead.
    """
    upstream = sorted({e.target: e for e in ctx.out_edges.get(key, ()) if e.target != key
                       and e.type != NAMESPACE}.items())
    downstream = sorted({e.source: e for e in ctx.in_edges.get(key, ()) if e.source != key
                         and e.type not in (NAMESPACE, APPLIED_BY)}.items())
    omitted = max(0, len(upstream) - MAX_NEIGHBOURS) + max(0, len(downstream) - MAX_NEIGHBOURS)
    up_keys = [k for k, _ in upstream[:MAX_NEIGHBOURS]]
    down_keys = [k for k, _ in downstream[:MAX_NEIGHBOURS]]
    nodes = [key, *up_keys, *(k for k in down_keys if k not in up_keys)]
    keep = set(nodes)
    edges = sorted(
        {(e.source, e.target, e.type): e for e in (*ctx.out_edges.get(key, ()),
                                                    *ctx.in_edges.get(key, ()))
         if e.source in keep and e.target in keep and e.source != e.target
         and e.type != NAMESPACE and not (e.type == APPLIED_BY and e.target == key)}.values(),
        key=lambda e: (e.source, e.target, e.type))
    note = (t("Ще {omitted} сусідніх об'єктів не показано; повний перелік — на сторінках "
              "розділів.", omitted=omitted)
            if omitted else None)
    if len(nodes) <= ZOOM_FROM_NODES:
        return _render(ctx, page, nodes, edges, current=key, note=note)
    graph = zoomable(_render(ctx, page, nodes, edges, current=key))
    return graph + (f"\n{note}\n" if note else "")


def cluster_graph(ctx: Context, cluster: str, page: str) -> str:
    """Components of ``cluster`` (boxed by the Flux Kustomization that applies them) and the
    edges between them. The graph fits the column; zoom and drag show the detail
    (``zoom.js``), and each namespace page draws its own part at full size."""
    objects = [o for o in ctx.catalog.in_cluster(cluster) if o.is_component]
    note = None
    if len(objects) > MAX_CLUSTER_NODES:
        objects = [o for o in objects if o.is_flux and o.kind in ("Kustomization", "HelmRelease")]
        note = t("Кластер великий, тому на графі лише Flux Kustomization і HelmRelease; "
                 "решта зв'язків — на сторінках компонентів.")
        if len(objects) > MAX_CLUSTER_NODES:
            objects = [o for o in objects if o.kind == "Kustomization"][:MAX_CLUSTER_NODES]
            note = t("Кластер дуже великий, тому на графі лише Flux Kustomization; "
                     "решта зв'язків — на сторінках компонентів.")
    keys = sorted(o.key for o in objects)
    graph = _render(ctx, page, keys, _edges_between(ctx, set(keys)), note=note, group=True)
    return zoomable(graph)


def namespace_graph(ctx: Context, cluster: str | None, namespace: str | None,
                    page: str) -> str | None:
    """The components of one namespace that are linked to other components (here or in other
    namespaces), and those links; ``None`` when the namespace has no link to draw. The
    namespace's table lists the components without links."""
    own = {o.key for o in ctx.by_namespace.get((cluster, namespace), []) if o.is_component}
    linked: set[str] = set()
    for key in own:
        for edge in (*ctx.out_edges.get(key, ()), *ctx.in_edges.get(key, ())):
            other = edge.target if edge.source == key else edge.source
            obj = ctx.by_key.get(other)
            if edge.type not in (APPLIED_BY, NAMESPACE) and obj is not None \
                    and obj.is_component and other not in own:
                linked.add(other)
    keys = sorted(own) + sorted(linked)
    if len(keys) > MAX_CLUSTER_NODES:
        keys = sorted(own)[:MAX_CLUSTER_NODES]
    edges = _edges_between(ctx, set(keys))
    if not edges:
        return None
    linked_keys = {e.source for e in edges} | {e.target for e in edges}
    keys = [k for k in keys if k in linked_keys]
    return zoomable(_render(ctx, page, keys, edges, group=True))


def _edges_between(ctx: Context, keep: set[str]) -> list[Edge]:
    # Who applies what is shown by the boxes, so applied-by edges are left out.
    # (each source's edges in catalog order: the same last edge per triple as a full scan)
    return sorted(
        {(e.source, e.target, e.type): e for source in keep
         for e in ctx.out_edges.get(source, ())
         if e.target in keep and e.source != e.target
         and e.type not in (APPLIED_BY, NAMESPACE)}.values(),
        key=lambda e: (e.source, e.target, e.type))


def zoomable(graph: str) -> str:
    """A diagram that fits its column, with zoom buttons and drag to pan (``zoom.js``)."""
    attrs = {
        "data-fc-zoom-in": t("Збільшити"),
        "data-fc-zoom-out": t("Зменшити"),
        "data-fc-zoom-reset": t("Вмістити в колонку"),
        "data-fc-zoom-hint": t("Перетягуйте граф, щоб побачити решту"),
    }
    text = " ".join(f'{name}="{html.escape(value, quote=True)}"' for name, value in attrs.items())
    return f'<div class="fc-zoom" {text} markdown>\n\n{graph}\n</div>\n'

"""Inventory rows: one plain dict per object, shared by the CLI, inventory.json and the site."""

from __future__ import annotations

from typing import Any

from .images import images_of
from .model import DEPENDS_ON, Catalog
from .secrets import redact_text

INVENTORY_FIELDS = (
    "id",
    "cluster",
    "kind",
    "api_version",
    "namespace",
    "name",
    "file",
    "line",
    "description",
    "documented",
    "component",
    "deployed",
    "applied_by",
    "chart",
    "version",
    "source",
    "depends_on",
    "images",
)


def inventory_rows(catalog: Catalog) -> list[dict[str, Any]]:
    """Rows in catalog order (cluster, namespace, kind, name); secrets redacted."""
    depends: dict[str, list[str]] = {}
    by_key = catalog.by_key()
    for edge in catalog.edges:
        if edge.type == DEPENDS_ON:
            target = by_key.get(edge.target)
            depends.setdefault(edge.source, []).append(
                target.id if target else edge.target.split(":", 1)[1]
            )
    rows = []
    for obj in catalog.objects:
        chart = catalog.charts.get(obj.key)
        description = obj.description
        source = chart.source.as_dict() if chart and chart.source else None
        if source and source.get("url"):
            source["url"] = redact_text(source["url"])
        rows.append(
            {
                "id": obj.id,
                "cluster": obj.cluster,
                "kind": obj.kind,
                "api_version": obj.api_version,
                "namespace": obj.namespace,
                "name": obj.name,
                "file": obj.path,
                "line": obj.line,
                "description": redact_text(description) if description else None,
                "documented": description is not None,
                "component": obj.is_component,
                "deployed": obj.deployed,
                "applied_by": obj.applied_by,
                "chart": chart.name if chart else None,
                "version": chart.version if chart else None,
                "source": source,
                "depends_on": sorted(depends.get(obj.key, [])),
                # container images named in the manifest or the chart values, as written
                "images": list(dict.fromkeys(i.reference for i in images_of(obj))),
            }
        )
    return rows

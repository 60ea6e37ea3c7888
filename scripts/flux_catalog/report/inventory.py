"""Inventory rows: one plain dict per object, shared by the CLI, inventory.json and the site;
as CSV (``inventory.csv``, ``inventory --format csv``) and as the CLI's text table."""

from __future__ import annotations

import csv
import io
from typing import Any

from ..images import images_of
from ..model import DEPENDS_ON, Catalog, ObjectKey
from ..secrets import redact_text

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
                target.id if target else ObjectKey.parse(edge.target).id
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


def inventory_csv(rows: list[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(
        buffer, fieldnames=list(INVENTORY_FIELDS), extrasaction="ignore", lineterminator="\n"
    )
    writer.writeheader()
    for row in rows:
        flat = dict(row)
        source = row.get("source") or {}
        flat["source"] = " ".join(str(source.get(k) or "") for k in ("kind", "url")).strip()
        flat["depends_on"] = " ".join(row.get("depends_on") or [])
        flat["images"] = " ".join(row.get("images") or [])
        writer.writerow({k: _csv_cell(v) for k, v in flat.items()})
    return buffer.getvalue()


def _csv_cell(value: Any) -> Any:
    # Spreadsheets run cells that start with these as formulas.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def inventory_table(rows: list[dict[str, Any]], color: bool = False) -> str:
    """The CLI's aligned text table (the deployed column in yellow when not deployed)."""
    headers = ("CLUSTER", "ID", "CHART", "VERSION", "DEPLOYED", "FILE")
    lines = [
        (
            r.get("cluster") or "-",
            r["id"],
            r.get("chart") or "",
            r.get("version") or "",
            "yes" if r["deployed"] else "no",
            f"{r['file']}:{r['line']}",
        )
        for r in rows
    ]
    widths = [max([len(h)] + [len(str(line[i])) for line in lines]) for i, h in enumerate(headers)]
    text = ["  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    for line in lines:
        cells = [str(c).ljust(w) for c, w in zip(line, widths, strict=True)]
        if color and line[4] == "no":
            cells[4] = f"\033[33m{cells[4]}\033[0m"
        text.append("  ".join(cells).rstrip())
    return "\n".join(text) + "\n"

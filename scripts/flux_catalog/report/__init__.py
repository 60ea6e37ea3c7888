"""Reporting: what the CLI and the site both say about a catalog, in each output format.

Checking (``rules/``) decides what is wrong; this package only formats: problems as text
lines, GitHub annotations or JSON, and the inventory as rows, CSV or a text table.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .problems import (
    FORMATS,
    format_problem,
    github_annotation,
    problems_json,
    summary,
    text_line,
)

if TYPE_CHECKING:
    from .inventory import INVENTORY_FIELDS, inventory_csv, inventory_rows, inventory_table

_INVENTORY = frozenset({"INVENTORY_FIELDS", "inventory_csv", "inventory_rows", "inventory_table"})


def __getattr__(name: str) -> Any:
    """The inventory's names, imported when first asked for: a check that prints problems
    needs only :mod:`.problems` (the inventory pulls in the image and secret modules)."""
    if name in _INVENTORY:
        from . import inventory

        return getattr(inventory, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = [
    "FORMATS",
    "INVENTORY_FIELDS",
    "format_problem",
    "github_annotation",
    "inventory_csv",
    "inventory_rows",
    "inventory_table",
    "problems_json",
    "summary",
    "text_line",
]

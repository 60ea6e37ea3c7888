"""Reporting: what the CLI and the site both say about a catalog, in each output format.

Checking (``rules/``) decides what is wrong; this package only formats: problems as text
lines, GitHub annotations or JSON, and the inventory as rows, CSV or a text table.
"""

from __future__ import annotations

from .inventory import INVENTORY_FIELDS, inventory_csv, inventory_rows, inventory_table
from .problems import (
    FORMATS,
    format_problem,
    github_annotation,
    problems_json,
    summary,
    text_line,
)

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

"""``flux-catalog diff``: what a change does to the catalog, between two revisions or trees.

revision (``git archive`` into a temp dir) -> snapshot (catalog + problems) -> compare
(:class:`DiffReport`) -> text, Markdown or JSON.
"""

from __future__ import annotations

from .compare import compare
from .markdown import to_markdown
from .report import Change, ClusterDiff, DiffReport
from .snapshot import Snapshot, take
from .text import to_json, to_text

__all__ = ["Change", "ClusterDiff", "DiffReport", "Snapshot", "compare", "take", "to_json",
           "to_markdown", "to_text"]

"""``flux-catalog diff``: what a change does to the catalog, between two revisions or trees.

revision (its blobs exported into a temp dir) -> snapshot (catalog + problems) -> compare
(:class:`DiffReport`) -> text, Markdown or JSON.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .compare import compare
from .report import Change, ClusterDiff, DiffReport
from .snapshot import Snapshot, take
from .text import to_json, to_text

__all__ = ["Change", "ClusterDiff", "DiffReport", "Snapshot", "compare", "take", "to_json",
           "to_markdown", "to_text"]

if TYPE_CHECKING:
    from .markdown import to_markdown


def __getattr__(name: str) -> Any:
    # The Markdown report imports the page renderers (render/): loaded on first use, so that
    # `check`, whose parser builds the `diff` subcommand, does not pay for them.
    if name == "to_markdown":
        from .markdown import to_markdown

        return to_markdown
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

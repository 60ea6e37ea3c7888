"""The optional "What changed" page: this build's catalog against a base revision (``diff_base``).

The base is a Git revision of the same repository (a release tag, ``origin/main``), exported
with ``git archive`` into a temporary directory by the ``diff`` command's own code; the work
tree, the index and ``.git`` are never touched. Its catalog is kept while the base resolves to
the same commit, so ``mkdocs serve`` builds it once. A base that cannot be read gives one log
line and no page, never a failed build.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

log = logging.getLogger("mkdocs.plugins.flux_catalog")


class ChangesPage:
    def __init__(self) -> None:
        self._key: tuple[Any, ...] | None = None
        self._base: Any = None

    def markdown(self, root: Path, base: str, head: tuple[Any, Any, list[Any]],
                 paths: list[str] | None, crds: tuple[Path, ...], language: str,
                 page_of: Any = None) -> str | None:
        """The page for ``head`` (catalog, policy, problems) against ``base``, or ``None``;
        ``page_of`` maps an object key to its page in this build."""
        from ..diff import Snapshot, compare, take
        from ..diff.page import changes_markdown
        from ..diff.revision import (
            RevisionError,
            checkout,
            git_toplevel,
            has_local_changes,
            resolve_commit,
        )
        from ..render.i18n import language as site_language
        from ..render.i18n import t

        try:
            top = git_toplevel(root)
            commit = resolve_commit(top, base)
            key = (top, commit, tuple(paths or ()), crds)
            if key != self._key:
                with checkout(top, commit) as side:
                    self._base = take(side.root / root.relative_to(top),
                                      f"{base} ({commit[:12]})", paths, crds)
                self._key = key
            head_label = _head_label(top, resolve_commit)
            if has_local_changes(top, root):
                # the pages show the work tree: say so rather than name a commit alone
                with site_language(language):
                    head_label = t("{head} і зміни, ще не закомічені", head=head_label)
        except (RevisionError, ValueError, OSError) as exc:
            # Info, not a warning: `mkdocs build --strict` must not fail because, say, a
            # shallow CI clone lacks the tag.
            log.info("flux-catalog: no 'What changed' page: diff_base '%s' cannot be read "
                     "(%s); fetch it (e.g. fetch-depth: 0 in CI) or remove diff_base",
                     base, exc)
            self._key = self._base = None
            return None
        catalog, policy, problems = head
        report = compare(self._base, Snapshot(head_label, catalog, policy, tuple(problems)))
        with site_language(language):
            return changes_markdown(report, page_of)


def _head_label(top: Path, resolve: Any) -> str:
    try:
        return f"HEAD ({resolve(top, 'HEAD')[:12]})"
    except Exception:  # no commit yet
        return "work tree"

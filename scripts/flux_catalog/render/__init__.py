"""Markdown rendering of the catalog: pages, tables and graphs.

Pure functions from a :class:`~flux_catalog.model.Catalog` and its problems to Markdown text; no
MkDocs here (``scripts/gen_pages.py`` is the adapter). :func:`plan_pages` returns every generated
page with its path, title and edit path, and the navigation tree: clusters, then namespaces.
Component and section pages are reached from those index pages, never listed in the navigation,
so the size of every page stays independent of the number of components.
"""

from __future__ import annotations

import os
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace

from ..model import Catalog, Problem
from ..secrets.text import MARKER
from .cluster import (
    cluster_markdown,
    cluster_title,
    namespace_markdown,
    namespace_title,
    undeployed_markdown,
)
from .component import component_markdown
from .context import Context
from .escape import md_inline
from .home import home_markdown
from .i18n import language, t
from .incremental import (
    PageMemo,
    cluster_inputs,
    component_inputs,
    component_made_of,
    inventory_inputs,
    namespace_inputs,
    namespace_made_of,
    section_inputs,
)
from .inventory import inventory_json_rows, inventory_markdown, problems_markdown
from .layout import HOME, INVENTORY, PROBLEMS, UNDEPLOYED, cluster_page
from .section import readme_title, section_markdown

__all__ = ["NavItem", "Page", "PageMemo", "Site", "plan_pages"]


@dataclass(frozen=True)
class Page:
    path: str  # docs-relative, ends in .md
    markdown: str
    title: str
    edit_path: str | None  # repository file the edit link opens


@dataclass(frozen=True)
class NavItem:
    title: str
    path: str | None
    children: tuple[NavItem, ...] = ()


@dataclass(frozen=True)
class Site:
    pages: tuple[Page, ...]
    nav: tuple[NavItem, ...]
    context: Context

    def page(self, path: str) -> Page:
        for page in self.pages:
            if page.path == path:
                return page
        raise KeyError(path)

    def inventory(self) -> list[dict[str, object]]:
        """Rows for ``inventory.json``: the CLI's rows plus each row's ``page`` URL."""
        return inventory_json_rows(self.context)

    def summary(self, before: Sequence[NavItem] = ()) -> str:
        """The navigation as a literate-nav ``SUMMARY.md``, after the items in ``before``."""
        lines: list[str] = []

        def add(item: NavItem, depth: int) -> None:
            title = _nav_title(item.title)
            entry = f"[{title}]({item.path})" if item.path else title
            lines.append("    " * depth + f"* {entry}")
            for child in item.children:
                add(child, depth + 1)

        for item in (*before, *self.nav):
            add(item, 0)
        return "\n".join(lines) + "\n"


def plan_pages(catalog: Catalog, problems: Sequence[Problem], repo_url: str | None = None,
               branch: str = "main", language_code: str = "uk", home: str | None = None,
               hand_written: Collection[str] | None = None, memo: PageMemo | None = None
               ) -> Site:
    """Every generated page, in a stable order, and the navigation over them.

    ``language_code`` is the language of the pages (``uk`` or ``en``); with ``home`` (the
    site's title), a home page is generated too, for a docs directory without one.
    ``hand_written`` lists the docs directory's own pages, which generated pages may link to
    (default: the guides this project ships). With ``memo`` (the same one each time), a page
    whose inputs did not change since the last plan is taken from it instead of rendered.
    """
    with language(language_code):
        ctx = Context.build(catalog, problems, repo_url, branch)
        if hand_written is not None:
            ctx.hand_written = frozenset(hand_written)
        if memo is None:
            memo = PageMemo(keep=False)
        memo.begin(ctx, language_code, home)
        site = _plan_pages(ctx, home, memo)
        memo.end({page.path for page in site.pages})
        if t(MARKER) != MARKER:  # the redaction mark, in the page's language
            site = replace(site, pages=tuple(
                replace(p, markdown=p.markdown.replace(MARKER, t(MARKER))) for p in site.pages))
        return site


def _plan_pages(ctx: Context, home: str | None, memo: PageMemo) -> Site:
    catalog = ctx.catalog
    pages: list[Page] = []
    by_key = ctx.by_key
    for key, path in sorted(ctx.links.items(), key=lambda item: item[1]):
        obj = by_key[key]
        markdown = memo.page(path, lambda: component_inputs(ctx, obj),  # noqa: B023
                             lambda: component_markdown(ctx, obj, path),  # noqa: B023
                             lambda: component_made_of(ctx, obj))  # noqa: B023
        pages.append(Page(path, markdown, obj.name, obj.path or None))
    for directory, path in sorted(ctx.sections.items()):
        section = ctx.directories[directory]
        title = readme_title(section.readme) or directory or t("корінь репозиторію")
        markdown = memo.page(path, lambda: section_inputs(ctx, directory),  # noqa: B023
                             lambda: section_markdown(ctx, directory, path))  # noqa: B023
        pages.append(Page(path, markdown, title, section.readme_path))
    nav: list[NavItem] = []
    for cluster in catalog.clusters:
        path = cluster_page(cluster)
        root = catalog.cluster_roots.get(cluster, "")
        info = ctx.directories.get(root)
        readme = info.readme_path if info is not None else None
        markdown = memo.page(path, lambda: cluster_inputs(ctx, cluster),  # noqa: B023
                             lambda: cluster_markdown(ctx, cluster, path))  # noqa: B023
        pages.append(Page(path, markdown, cluster_title(ctx, cluster), readme))
        children = []
        for (c, namespace), ns_path in sorted(ctx.namespaces.items(),
                                              key=lambda item: (item[0][1] is None,
                                                                item[0][1] or "")):
            if c != cluster:
                continue
            ns_obj = by_key.get(f"{cluster}:Namespace//{namespace}") if namespace else None
            markdown = memo.page(
                ns_path, lambda: namespace_inputs(ctx, cluster, namespace),  # noqa: B023
                lambda: namespace_markdown(ctx, cluster, namespace, ns_path),  # noqa: B023
                lambda: namespace_made_of(ctx, cluster, namespace))  # noqa: B023
            pages.append(Page(ns_path, markdown, namespace_title(namespace),
                              ns_obj.path if ns_obj is not None else None))
            children.append(NavItem(namespace or t("рівень кластера"), ns_path))
        nav.append(NavItem(cluster, path, tuple(children)))
    if any(not o.deployed for o in catalog.objects):
        pages.append(Page(UNDEPLOYED, undeployed_markdown(ctx, UNDEPLOYED), t("Не розгорнуто"),
                          None))
        nav.append(NavItem(t("Не розгорнуто"), UNDEPLOYED))
    pages.append(Page(INVENTORY, memo.page(INVENTORY, lambda: inventory_inputs(ctx),
                                           lambda: inventory_markdown(ctx, INVENTORY)),
                      t("Інвентар"), None))
    pages.append(Page(PROBLEMS, problems_markdown(ctx, PROBLEMS), t("Проблеми"), None))
    nav = [NavItem(t("Інвентар"), INVENTORY), NavItem(t("Проблеми"), PROBLEMS),
           NavItem(t("Кластери"), None, tuple(nav))]
    if home is not None:
        pages.append(Page(HOME, home_markdown(ctx, home), home, None))
    _check_unique(pages)
    return Site(tuple(pages), tuple(nav), ctx)


_PLAIN_TITLE = re.compile(r"[^\W_]+(?:[ .-][^\W_]+)*")


def _nav_title(title: str) -> str:
    """A navigation title: plain words as they are, anything else escaped (MkDocs themes show
    titles as HTML, and literate-nav reads ``*`` as a wildcard)."""
    return title if _PLAIN_TITLE.fullmatch(title) else md_inline(title)


def _check_unique(pages: list[Page]) -> None:
    seen: dict[str, str] = {}
    for page in pages:
        folded = os.path.normcase(page.path).lower()
        if folded in seen:
            raise ValueError(f"two pages at {page.path!r}")
        seen[folded] = page.path

"""The site's navigation: the user's, then the catalog's (clusters and their namespaces)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from mkdocs.structure.files import File


def navigation(user_nav: Any, site: Any, hand_written: list[File], existing: set[str]
               ) -> list[Any]:
    """The user's navigation (or their hand-written pages, home first), then the catalog's."""
    if user_nav:
        before = list(user_nav)
    else:
        pages = sorted((f.src_uri for f in hand_written), key=lambda p: (p != "index.md", p))
        before = [p for p in pages if p in existing]
    generated_home = [] if "index.md" in existing or "index.md" in before else ["index.md"]
    return generated_home + before + [nav_entry(item) for item in site.nav]


def location(url: str) -> str:
    """A page's URL as search indexes write it (the home page ``./`` is ``""``)."""
    return "" if url in ("./", ".") else url


def titled(nav: list[Any], site: Any) -> list[Any]:
    """The navigation with a title for every generated page listed bare (the home page, the
    index page heading a section): a dirty build does not read unchanged pages, and an
    entry without a title would show "None" on the pages it does render."""
    bare: set[str] = set()

    def listed(items: list[Any]) -> None:
        for item in items:
            if isinstance(item, str):
                bare.add(item)
            elif isinstance(item, dict):
                for value in item.values():
                    if isinstance(value, list):
                        listed(value)

    listed(nav)
    headings = {page.path: next((line[2:].strip() for line in page.markdown.splitlines()
                                 if line.startswith("# ")), "")
                for page in site.pages if page.path in bare}  # not the 2,000 others

    def walk(items: list[Any]) -> list[Any]:
        out: list[Any] = []
        for item in items:
            if isinstance(item, str) and headings.get(item):
                item = {headings[item]: item}
            elif isinstance(item, dict):
                item = {k: walk(v) if isinstance(v, list) else v for k, v in item.items()}
            out.append(item)
        return out

    return walk(nav)


def nav_paths(items: Any) -> Iterator[str]:
    for item in items:
        if item.path:
            yield item.path
        yield from nav_paths(item.children)


def nav_entry(item: Any) -> Any:
    if not item.children:
        return {item.title: item.path}
    children = [nav_entry(child) for child in item.children]
    if item.path:  # a section with an index page (navigation.indexes shows it as the section)
        children.insert(0, item.path)
    return {item.title: children}

"""What every page renderer needs: the catalog, indexes over it, and where each page lives."""

from __future__ import annotations

import bisect
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..model import Catalog, Directory, Edge, K8sObject, Problem
from ..secrets import redact_text
from .escape import md_inline
from .i18n import t
from .layout import component_page, namespace_page, relative_md, section_page
from .markdown import file_ref


@dataclass
class Context:
    catalog: Catalog
    problems: Sequence[Problem]
    repo_url: str | None = None
    branch: str = "main"
    links: dict[str, str] = field(default_factory=dict)  # object key -> component page
    by_key: dict[str, K8sObject] = field(default_factory=dict)
    out_edges: dict[str, list[Edge]] = field(default_factory=dict)
    in_edges: dict[str, list[Edge]] = field(default_factory=dict)
    sections: dict[str, str] = field(default_factory=dict)  # directory -> section page
    directories: dict[str, Directory] = field(default_factory=dict)
    namespaces: dict[tuple[str | None, str | None], str] = field(default_factory=dict)
    doc_starts: dict[str, list[int]] = field(default_factory=dict)  # file -> object lines
    # Indexes so that every page costs time in its own size, not in the catalog's.
    by_directory: dict[str, list[K8sObject]] = field(default_factory=dict)
    by_namespace: dict[tuple[str | None, str | None], list[K8sObject]] = field(
        default_factory=dict)
    subdirectories: dict[str, list[str]] = field(default_factory=dict)
    problems_by_file: dict[str, list[Problem]] = field(default_factory=dict)
    # Hand-written pages the site has (None: assume the guides this project ships exist).
    hand_written: frozenset[str] | None = None
    # The catalog's inventory rows, made once for the inventory page, .json and .csv.
    inventory: list[dict[str, Any]] | None = field(default=None, repr=False)

    def has_page(self, path: str) -> bool:
        return self.hand_written is None or path in self.hand_written

    @classmethod
    def build(cls, catalog: Catalog, problems: Sequence[Problem], repo_url: str | None = None,
              branch: str = "main") -> Context:
        ctx = cls(catalog, problems, repo_url, branch)
        for obj in catalog.objects:
            ctx.by_key.setdefault(obj.key, obj)
            ctx.doc_starts.setdefault(obj.path, []).append(obj.line)
            if obj.path:
                ctx.by_directory.setdefault(os.path.dirname(obj.path), []).append(obj)
            ctx.by_namespace.setdefault((obj.cluster, obj.namespace), []).append(obj)
        for problem in problems:
            ctx.problems_by_file.setdefault(problem.path, []).append(problem)
        for lines in ctx.doc_starts.values():
            lines.sort()
        for edge in catalog.edges:
            ctx.out_edges.setdefault(edge.source, []).append(edge)
            ctx.in_edges.setdefault(edge.target, []).append(edge)
        used: set[str] = set()
        for obj in catalog.objects:
            if not obj.is_component or obj.key in ctx.links:
                continue
            page = component_page(obj)
            if page in used:  # two objects with one key or one page: keep both, apart
                page = page[: -len(".md")] + "/" + f"copy-{len(used)}.md"
            used.add(page)
            ctx.links[obj.key] = page
        for directory in catalog.directories:
            ctx.sections[directory.path] = section_page(directory.path)
            ctx.directories[directory.path] = directory
        for path in sorted(ctx.sections):
            parent = os.path.dirname(path)
            if path and parent != path:
                ctx.subdirectories.setdefault(parent, []).append(path)
        for obj in catalog.objects:
            if obj.is_component:
                ctx.namespaces.setdefault((obj.cluster, obj.namespace),
                                          namespace_page(obj.cluster, obj.namespace))
        for cluster in catalog.clusters:
            for obj in ctx.by_namespace.get((cluster, None), []):
                if obj.kind == "Namespace":
                    ctx.namespaces.setdefault((cluster, obj.name),
                                              namespace_page(cluster, obj.name))
        return ctx

    # -- pages of things ---------------------------------------------------------------------

    def section_of(self, obj: K8sObject) -> str | None:
        """The section page of the directory holding ``obj``'s file, if it has one."""
        return self.sections.get(os.path.dirname(obj.path)) if obj.path else None

    def node_page(self, key: str) -> str | None:
        """The page to open for an object key: its own, its namespace's, or its directory's."""
        if key in self.links:
            return self.links[key]
        obj = self.by_key.get(key)
        if obj is None:
            return None
        if obj.kind == "Namespace" and obj.namespace is None:
            page = self.namespaces.get((obj.cluster, obj.name))
            if page is not None:
                return page
        return self.section_of(obj)

    def object_link(self, key: str, from_page: str, text: str | None = None) -> str:
        """Markdown for an object key: a link to its page when there is one, else plain text."""
        obj = self.by_key.get(key)
        if text is None:
            text = obj.name if obj is not None else key.partition(":")[2] or key
        target = self.node_page(key)
        if target is None:
            return md_inline(text)
        return f"[{md_inline(text)}]({relative_md(from_page, target)})"

    def file(self, path: str, line: int | None = None) -> str:
        return file_ref(self.repo_url, path, line, self.branch)

    def folder(self, path: str) -> str:
        return file_ref(self.repo_url, path, None, self.branch, directory=True)

    def problems_in(self, path: str, start: int, end: int | None) -> list[Problem]:
        return [p for p in self.problems_by_file.get(path, [])
                if p.line >= start and (end is None or p.line < end)]

    def object_end(self, obj: K8sObject) -> int | None:
        """The line where the next document of ``obj``'s file starts (``None``: end of file)."""
        lines = self.doc_starts.get(obj.path, [])
        index = bisect.bisect_right(lines, obj.line)
        return lines[index] if index < len(lines) else None


def short_description(description: str | None, limit: int = 160) -> str:
    """A description for a table cell: redacted, one line, shortened, escaped."""
    if not description:
        return t("**не задокументовано**")
    text = " ".join(redact_text(description).split())
    if len(text) > limit:
        # End at a word: the last space in the allowed length, and no dangling punctuation.
        cut = text[: limit - 1]
        space = cut.rfind(" ")
        if space > limit // 2:
            cut = cut[:space]
        text = cut.rstrip(" ,;:—–-") + "…"
    return md_inline(text)

"""Section pages: one per repository directory, its README first, then what it holds."""

from __future__ import annotations

import posixpath
import re

from ..model import K8sObject, sort_objects
from ..secrets import redact_text
from .context import Context, short_description
from .escape import md_inline
from .i18n import t
from .layout import cluster_page, relative_md
from .markdown import (
    EMPTY,
    admonition,
    inline_code,
    repo_file_url,
    resolve_repo_link,
    sanitize_readme,
    table,
)

_H1_RE = re.compile(r"^#\s+(.+?)\s*#*\s*$")


def readme_title(text: str | None) -> str | None:
    """The text of the README's first level-1 ATX heading, outside code blocks."""
    if not text:
        return None
    fence = None
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith(("```", "~~~")):
            fence = None if fence and stripped.startswith(fence) else (fence or stripped[:3])
            continue
        if fence is None:
            match = _H1_RE.match(line)
            if match:
                return match.group(1).replace("`", "")
    return None


def readme_markdown(ctx: Context, directory: str, text: str, page: str) -> str:
    """A README sanitised for ``page``: relative links rewritten to site pages or the repo."""

    def rewrite(target: str) -> str | None:
        path, fragment = resolve_repo_link(directory, target)
        if path.startswith("../") or path == "..":
            return None
        suffix = f"#{fragment}" if fragment else ""
        base = posixpath.basename(path)
        folder = posixpath.dirname(path) if base.lower() == "readme.md" else path
        if folder in ctx.sections:
            return relative_md(page, ctx.sections[folder]) + suffix
        url = repo_file_url(ctx.repo_url, path, None, ctx.branch)
        return url + suffix if url else None

    # A README is the team's own Markdown, but a credential pasted into it must not be published.
    return sanitize_readme(redact_text(text), rewrite).strip() + "\n"


def section_markdown(ctx: Context, directory: str, page: str) -> str:
    info = ctx.directories.get(directory)
    out: list[str] = []
    title = directory or t("корінь репозиторію")
    if info is not None and info.readme:
        body = readme_markdown(ctx, directory, info.readme, page)
        if readme_title(info.readme) is None:
            out.append(f"# {md_inline(title)}\n")
        out.append(body)
    else:
        out.append(f"# {md_inline(title)}\n")
        out.append(admonition(
            "info", "Немає README",
            t("У директорії {directory} немає `README.md`. Напишіть його українською: що тут "
              "лежить і навіщо. GitHub покаже його під час перегляду директорії, а сайт — на "
              "цій сторінці.", directory=inline_code(directory or '.'))))
    out.append(t("## Вміст директорії\n"))
    out.append(_location(ctx, directory, page, info.cluster if info else None))
    subdirs = ctx.subdirectories.get(directory, [])
    if subdirs:
        rows = [(f"[{inline_code(posixpath.basename(d))}]({relative_md(page, ctx.sections[d])})",
                 md_inline(_title(ctx, d)))
                for d in subdirs]
        out.append(t("### Піддиректорії\n"))
        out.append(table(("Директорія", "Заголовок README"), rows))
    objects = sort_objects(ctx.by_directory.get(directory, []))
    components = [o for o in objects if o.is_component]
    others = [o for o in objects if not o.is_component]
    if components:
        out.append(t("### Компоненти\n"))
        out.append(_objects_table(ctx, components, page, with_description=True))
    if others:
        out.append(t("### Інші об'єкти\n"))
        out.append(_objects_table(ctx, others, page, with_description=False))
    if not objects and not subdirs:
        out.append(t("Тут немає маніфестів, які бачить каталог.\n"))
    return "\n".join(out)


def _title(ctx: Context, directory: str) -> str:
    info = ctx.directories.get(directory)
    return (readme_title(info.readme) if info else None) or EMPTY


def _location(ctx: Context, directory: str, page: str, cluster: str | None) -> str:
    parts = [t("Директорія {directory}",
               directory=ctx.folder(directory) if directory else inline_code('.'))]
    if cluster:
        parts.append(t("належить кластеру [{cluster}]({page})", cluster=md_inline(cluster),
                       page=relative_md(page, cluster_page(cluster))))
    parent = posixpath.dirname(directory) if directory else None
    if parent is not None and parent in ctx.sections and parent != directory:
        parts.append(t("батьківська директорія: [{parent}]({page})",
                       parent=inline_code(parent or '.'),
                       page=relative_md(page, ctx.sections[parent])))
    return "; ".join(parts) + ".\n"


def _objects_table(ctx: Context, objects: list[K8sObject], page: str,
                   with_description: bool) -> str:
    rows = []
    for obj in objects:
        name = ctx.object_link(obj.key, page) if obj.key in ctx.links else md_inline(obj.name)
        deployed = (md_inline(obj.cluster) if obj.deployed and obj.cluster
                    else t("**ні**"))
        row = [name, md_inline(obj.kind), md_inline(obj.namespace) if obj.namespace else EMPTY,
               deployed]
        if with_description:
            row.append(short_description(obj.description))
        row.append(ctx.file(obj.path, obj.line))
        rows.append(tuple(row))
    headers = ["Ім'я", "Тип", "Простір імен", "Розгорнуто в кластері"]
    if with_description:
        headers.append("Опис")
    headers.append("Файл")
    return table(headers, rows)

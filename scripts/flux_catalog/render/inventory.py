"""The inventory page (one sortable table across clusters) and the problems page."""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Sequence
from typing import Any

from ..images import images_of
from ..model import SOURCE_KINDS, sort_objects
from ..report.inventory import inventory_rows
from .context import Context
from .escape import md_inline
from .i18n import t
from .layout import INVENTORY_CSV, INVENTORY_JSON, UNDEPLOYED, page_url, relative_md
from .markdown import EMPTY, admonition, inline_code, table


def row_key(row: dict[str, Any]) -> str:
    return f"{row.get('cluster') or ''}:{row['id']}"


def rows_of(ctx: Context) -> list[dict[str, Any]]:
    """The CLI's inventory rows of ``ctx``'s catalog (made once per plan; read-only)."""
    if ctx.inventory is None:
        ctx.inventory = inventory_rows(ctx.catalog)
    return ctx.inventory


def inventory_json_rows(ctx: Context) -> list[dict[str, Any]]:
    """The CLI's inventory rows plus ``page``: the site URL of the row's page, or ``None``."""
    rows = []
    for row in rows_of(ctx):
        page = ctx.node_page(row_key(row))
        rows.append({**row, "page": page_url(page) if page is not None else None})
    return rows


def inventory_markdown(ctx: Context, page: str) -> str:
    rows = rows_of(ctx)
    components = [r for r in rows if r["component"]]
    sources = [r for r in rows if r["kind"] in SOURCE_KINDS]
    many_clusters = len(ctx.catalog.clusters) > 1

    def cluster_cell(row: dict[str, Any]) -> tuple[str, ...]:
        if not many_clusters:
            return ()
        return (md_inline(row["cluster"]) if row["cluster"] else "—",)

    cluster_header: tuple[str, ...] = ("Кластер",) if many_clusters else ()
    out = [
        # The table is wide: give it the whole page.
        # Components are found through their own pages; this one would only flood the index.
        "---\nhide:\n  - navigation\n  - toc\nsearch:\n  exclude: true\n---\n",
        t("# Інвентар\n"),
        t("Усі компоненти всіх кластерів в одній таблиці, згенерованій з YAML під час "
          "збирання. Клацніть заголовок стовпця, щоб відсортувати таблицю.\n"),
        t("Ті самі дані для програм: [{json}]({json_page}) і [{csv}]({csv_page}) — усі "
          "об'єкти, не лише компоненти; те саме друкує `flux-catalog inventory --format "
          "json`.\n", json=inline_code(INVENTORY_JSON),
          json_page=relative_md(page, INVENTORY_JSON), csv=inline_code(INVENTORY_CSV),
          csv_page=relative_md(page, INVENTORY_CSV)),
        t("## Компоненти\n"),
    ]
    table_rows = []
    for row in components:
        source = row.get("source") or {}
        source_text = " ".join(
            part for part in (md_inline(source.get("kind")) if source.get("kind") else "",
                              inline_code(source["url"]) if source.get("url") else "") if part)
        table_rows.append((
            ctx.object_link(row_key(row), page, row["name"]),
            md_inline(row["kind"]),
            md_inline(row["namespace"]) if row["namespace"] else EMPTY,
            *cluster_cell(row),
            inline_code(row["chart"]) if row["chart"] else EMPTY,
            inline_code(row["version"]) if row["version"] else EMPTY,
            source_text or EMPTY,
            t("так") if row["deployed"] else t("**ні**"),
            t("так") if row["documented"] else t("**ні**"),
            ", ".join(inline_code(_short_image(i)) for i in row["images"]) or EMPTY,
        ))
    headers = ("Компонент", "Тип", "Простір імен", *cluster_header, "Чарт", "Версія",
               "Джерело", "Розгорнуто", "Задокументовано", "Образи")
    out.append(filterable(table(headers, table_rows),
                          (*cluster_header, "Простір імен", "Тип"))
               if table_rows else t("Компонентів немає.\n"))
    out.append(_images(ctx, page, cluster_header))
    if sources:
        out.append(t("## Джерела\n"))
        out.append(table(
            ("Джерело", "Тип", "Простір імен", *cluster_header, "Розгорнуто", "Файл"),
            [(ctx.object_link(row_key(r), page, r["name"]), md_inline(r["kind"]),
              md_inline(r["namespace"]) if r["namespace"] else EMPTY,
              *cluster_cell(r),
              t("так") if r["deployed"] else t("**ні**"), ctx.file(r["file"], r["line"]))
             for r in sources]))
    if any(not r["deployed"] for r in rows):
        out.append(t("Об'єкти, яких не застосовує жодна Flux Kustomization, зібрано на "
                     "сторінці [Не розгорнуто]({page}).\n",
                     page=relative_md(page, UNDEPLOYED)))
    return "\n".join(out)


def filterable(table_md: str, columns: Sequence[str]) -> str:
    """``table_md`` with filters above it (``filter.js``): a list of the values of each of
    ``columns`` (header texts) and a free-text box; without JavaScript, just the table."""
    attrs = {
        "data-fc-filter": "|".join(t(column) for column in columns),  # as the headers show
        "data-fc-all": t("усі"),
        "data-fc-search": t("Пошук у таблиці"),
        "data-fc-count": t("Показано {shown} з {total}"),
    }
    text = " ".join(f'{name}="{html.escape(value, quote=True)}"' for name, value in attrs.items())
    return f'<div class="fc-filter" {text} markdown>\n\n{table_md}\n</div>\n'


def _short_image(reference: str) -> str:
    """``kbot:1.2`` for ``ghcr.io/x/kbot:1.2@sha256:...``: the images table has the rest."""
    return reference.partition("@")[0].rpartition("/")[2]


def _images(ctx: Context, page: str, cluster_header: tuple[str, ...]) -> str:
    """One row per image and object that names it, from manifests and chart values."""
    rows = []
    for obj in sort_objects(o for o in ctx.catalog.objects if o.deployed):
        for image in images_of(obj):
            rows.append((
                inline_code(image.repository),
                inline_code(image.tag) if image.tag else t("не вказано"),
                inline_code(image.digest[:19] + "…") if image.digest else EMPTY,
                ctx.object_link(obj.key, page, f"{obj.kind} {obj.name}"),
                md_inline(obj.namespace) if obj.namespace else EMPTY,
                *((md_inline(obj.cluster or "—"),) if cluster_header else ()),
                inline_code(image.path),
            ))
    out = [t("## Образи контейнерів\n"),
           t("Образи, названі в маніфестах (`image:`) і в значеннях чартів (ключі `image` "
             "з `repository` і `tag`, як заведено в Helm-чартах). «Не вказано» — тег бере "
             "сам чарт (зазвичай його `appVersion`), у маніфесті це `latest`.\n")]
    if not rows:
        out.append(t("Жодного образу в маніфестах і значеннях не знайдено.\n"))
        return "\n".join(out)
    rows.sort(key=lambda r: (r[0], r[1]))
    headers = (t("Образ"), t("Тег"), t("Дайджест"), t("Де використано"), "Простір імен",
               *cluster_header, t("Ключ у YAML"))
    out.append(filterable(table(headers, rows), (*cluster_header, "Простір імен")))
    return "\n".join(out)


def problems_markdown(ctx: Context, page: str) -> str:
    problems = list(ctx.problems)
    out = [
        t("# Проблеми\n"),
        t("Те саме, що повідомляє `flux-catalog check` для цього репозиторію: перевірка "
          "документації та конфігурації, яку запускає CI. Під час збирання сайту кожна "
          "проблема також потрапляє в журнал як попередження, тож `mkdocs build --strict` з "
          "ними не пройде.\n"),
    ]
    if not problems:
        out.append(admonition("success", "Проблем немає",
                              t("Усі компоненти задокументовані, посилання ведуть на наявні "
                                "об'єкти, версії чартів закріплені.")))
        return "\n".join(out)
    levels = Counter(p.level for p in problems)
    out.append(t("Помилок: {errors}, попереджень: {warnings}, приміток (рушій не може знати "
                 "напевно): {infos}.\n", errors=levels.get('error', 0),
                 warnings=levels.get('warning', 0), infos=levels.get('info', 0)))
    rows = [(_level(p.level), inline_code(p.rule), ctx.file(p.path, p.line),
             md_inline(p.message)) for p in problems]
    out.append(table(("Рівень", "Правило", "Місце", "Повідомлення"), rows))
    return "\n".join(out)


def _level(level: str) -> str:
    names = {"error": "**помилка**", "warning": "попередження", "info": "примітка"}
    return t(names[level]) if level in names else md_inline(level)

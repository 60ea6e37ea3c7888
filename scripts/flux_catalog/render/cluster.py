"""Cluster pages, namespace index pages and the page of objects no cluster deploys."""

from __future__ import annotations

import posixpath
from collections import Counter

from ..model import SOURCE_KINDS, K8sObject, sort_objects
from ..secrets import redact_text
from .context import Context, short_description
from .escape import md_inline, md_text
from .graph import cluster_graph, namespace_graph
from .i18n import t
from .layout import INVENTORY, cluster_page, relative_md
from .markdown import EMPTY, inline_code, table
from .section import readme_markdown, readme_title


def cluster_title(ctx: Context, cluster: str) -> str:
    return t("Кластер {cluster}", cluster=cluster)


def cluster_markdown(ctx: Context, cluster: str, page: str) -> str:
    root = ctx.catalog.cluster_roots.get(cluster, "")
    info = ctx.directories.get(root)
    out: list[str] = []
    if info is not None and info.readme:
        if readme_title(info.readme) is None:
            out.append(f"# {md_inline(cluster_title(ctx, cluster))}\n")
        out.append(readme_markdown(ctx, root, info.readme, page))
    else:
        out.append(f"# {md_inline(cluster_title(ctx, cluster))}\n")
    objects = ctx.catalog.in_cluster(cluster)
    components = [o for o in objects if o.is_component]
    out.append(t("## Огляд каталогу\n"))
    out.append(t("Цей розділ згенеровано з YAML кластера під час збирання сайту.\n"))
    kinds = Counter(o.kind for o in components)
    undocumented = sum(1 for o in components if o.description is None)
    namespaces = sorted({ns for (c, ns) in ctx.namespaces if c == cluster and ns is not None})
    rows = [
        ("Коренева директорія", ctx.folder(root) if root else inline_code(".")),
        ("Компоненти", str(len(components))),
        ("З них за типами", ", ".join(f"{md_inline(k)}: {v}" for k, v in sorted(kinds.items()))
         or EMPTY),
        ("Джерела чартів і маніфестів",
         str(sum(1 for o in objects if o.kind in SOURCE_KINDS))),
        ("Усього об'єктів", str(len(objects))),
        ("Простори імен", str(len(namespaces))),
        ("Не задокументовано", str(undocumented) if undocumented else t("0, усе описано")),
    ]
    out.append(table(("Показник", "Значення"), [(t(label), value) for label, value in rows]))
    out.append(t("Повний перелік усіх кластерів — в [інвентарі]({inventory}).\n",
                 inventory=relative_md(page, INVENTORY)))
    out.append(t("## Простори імен\n"))
    ns_rows = []
    for (c, ns), ns_page in sorted(ctx.namespaces.items(), key=lambda i: (i[0][1] or "",)):
        if c != cluster:
            continue
        count = sum(1 for o in components if o.namespace == ns)
        title = md_inline(ns) if ns else t("об'єкти рівня кластера")
        namespace = ctx.by_key.get(f"{cluster}:Namespace//{ns}") if ns else None
        ns_rows.append((f"[{title}]({relative_md(page, ns_page)})", str(count),
                        short_description(namespace.description) if namespace else EMPTY))
    out.append(table(("Простір імен", "Компонентів", "Опис"), ns_rows) if ns_rows
               else t("Немає.\n"))
    out.append(t("## Директорії\n"))
    out.append(_directory_tree(ctx, cluster, root, page))
    out.append("## " + t("Граф залежностей") + " { data-search-exclude }\n")
    out.append(t("Компоненти кластера, згруповані за Flux Kustomization, яка їх застосовує, і "
                 "зв'язки між ними: `dependsOn`, джерела, `valuesFrom`, секрети; пунктиром — "
                 "звернення до сервісів і вбудовування OpenTelemetry, виведені зі значень. "
                 "Клацніть вузол, щоб відкрити його сторінку. ")
               + t("Кнопки над графом збільшують його, а збільшений граф можна перетягувати; "
                   "кожен простір імен має свій, докладніший граф на своїй сторінці.") + "\n")
    out.append(cluster_graph(ctx, cluster, page))
    return "\n".join(out)


def _directory_tree(ctx: Context, cluster: str, root: str, page: str) -> str:
    dirs = sorted(d for d, info in ctx.directories.items()
                  if info.cluster == cluster or d == root)
    if not dirs:
        return t("Немає.\n")
    lines = []
    base_depth = root.count("/") + 1 if root else 0
    for directory in dirs:
        depth = (directory.count("/") + 1 if directory else 0) - base_depth
        name = posixpath.basename(directory) or "."
        title = readme_title(ctx.directories[directory].readme)
        suffix = f" — {md_inline(title)}" if title else ""
        lines.append("    " * max(0, depth) + f"- [{inline_code(name)}]"
                     f"({relative_md(page, ctx.sections[directory])}){suffix}")
    return "\n".join(lines) + "\n"


def namespace_title(namespace: str | None) -> str:
    return (t("Простір імен {namespace}", namespace=namespace) if namespace
            else t("Об'єкти рівня кластера"))


def namespace_markdown(ctx: Context, cluster: str, namespace: str | None, page: str) -> str:
    # Its tables are wide and its headings few: no table of contents.
    out = ["---\nhide:\n  - toc\n---\n", f"# {md_inline(namespace_title(namespace))}\n"]
    out.append(t("Кластер [{cluster}]({page}).\n", cluster=md_inline(cluster),
                 page=relative_md(page, cluster_page(cluster))))
    ns_obj = ctx.by_key.get(f"{cluster}:Namespace//{namespace}") if namespace else None
    if ns_obj is not None:
        if ns_obj.description:
            out.append(md_text(redact_text(ns_obj.description)) + "\n")
        else:
            out.append(t("Простір імен не має опису (анотації "
                         "`kubernetes.io/description`).\n"))
        out.append(t("Оголошено у файлі {file}.\n", file=ctx.file(ns_obj.path, ns_obj.line)))
    elif namespace:
        out.append(t("Об'єкта Namespace для цього простору імен у репозиторії немає.\n"))
    objects = ctx.by_namespace.get((cluster, namespace), [])
    components = [o for o in objects if o.is_component]
    others = [o for o in objects if not o.is_component and o.kind != "Namespace"]
    out.append(t("## Компоненти\n"))
    out.append(components_table(ctx, components, page) if components else t("Немає.\n"))
    graph = namespace_graph(ctx, cluster, namespace, page)
    if graph is not None:
        out.append(t("## Граф залежностей { data-search-exclude }\n"))
        out.append(t("Зв'язки компонентів цього простору імен між собою і з компонентами "
                     "інших просторів імен; вузли згруповано за Flux Kustomization, яка їх "
                     "застосовує. Компонентів без зв'язків на графі немає — вони є в таблиці "
                     "вище. Клацніть вузол, щоб відкрити його сторінку.\n"))
        out.append(graph)
    if others:
        out.append(t("## Інші об'єкти\n"))
        rows = [(md_inline(o.name), md_inline(o.kind), _section_link(ctx, o, page),
                 ctx.file(o.path, o.line)) for o in sort_objects(others)]
        out.append(table(("Ім'я", "Тип", "Розділ", "Файл"), rows))
    return "\n".join(out)


def _section_link(ctx: Context, obj: K8sObject, page: str) -> str:
    section = ctx.section_of(obj)
    if section is None:
        return EMPTY
    directory = posixpath.dirname(obj.path)
    return f"[{inline_code(posixpath.basename(directory) or '.')}]({relative_md(page, section)})"


def components_table(ctx: Context, components: list[K8sObject], page: str) -> str:
    rows = []
    for obj in sort_objects(components):
        chart = ctx.catalog.charts.get(obj.key)
        name = ctx.object_link(obj.key, page)
        if not obj.deployed:
            name += t(" (**не розгорнуто**)")
        rows.append((name, md_inline(obj.kind),
                     md_inline(chart.name) if chart and chart.name else EMPTY,
                     inline_code(chart.version) if chart and chart.version else EMPTY,
                     short_description(obj.description)))
    return table(("Ім'я", "Тип", "Чарт", "Версія", "Опис"), rows)


def undeployed_markdown(ctx: Context, page: str) -> str:
    out = [t("# Не розгорнуто\n"),
           t("Ці об'єкти лежать у репозиторії, але жодна Flux Kustomization жодного кластера "
             "їх не застосовує. Або підключіть їх до `kustomization.yaml`, або видаліть: опис "
             "того, чого немає в кластері, вводить в оману.\n")]
    objects = sort_objects(o for o in ctx.catalog.objects if not o.deployed)
    rows = [(ctx.object_link(o.key, page) if o.key in ctx.links else md_inline(o.name),
             md_inline(o.kind), md_inline(o.namespace) if o.namespace else EMPTY,
             md_inline(o.cluster) if o.cluster else EMPTY, ctx.file(o.path, o.line))
            for o in objects]
    out.append(table(("Ім'я", "Тип", "Простір імен", "Директорія кластера", "Файл"), rows)
               if rows else t("Немає.\n"))
    return "\n".join(out)

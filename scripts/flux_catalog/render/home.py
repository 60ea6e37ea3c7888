"""A home page for a site whose docs directory has no ``index.md`` of its own."""

from __future__ import annotations

from .cluster import cluster_title
from .context import Context
from .escape import md_inline
from .i18n import t
from .layout import HOME, INVENTORY, INVENTORY_CSV, INVENTORY_JSON, PROBLEMS, cluster_page


def home_markdown(ctx: Context, title: str) -> str:
    catalog = ctx.catalog
    components = catalog.components()
    out = [f"# {md_inline(title)}\n",
           t("Що Flux розгортає з цього репозиторію: {components} компонентів у {clusters} "
             "кластерах. Сторінки згенеровано з YAML-маніфестів під час збирання сайту, тож "
             "вони не можуть розійтися з тим, що лежить у Git.\n",
             components=len(components), clusters=len(catalog.clusters))]
    out.append(t("## Кластери\n"))
    if catalog.clusters:
        out.extend(f"- [{md_inline(cluster_title(ctx, c))}]({cluster_page(c)})"
                   for c in catalog.clusters)
        out.append("")
    else:
        out.append(t("Жоден Flux `Kustomization` не знайдено: кластерів немає.\n"))
    out.append(t("## Усе разом\n"))
    out.append(t("- [Інвентар]({inventory}) — усі компоненти в одній таблиці з фільтрами; ті "
                 "самі дані є у файлах [`inventory.json`]({json}) і [`inventory.csv`]({csv}).",
                 inventory=INVENTORY, json=INVENTORY_JSON, csv=INVENTORY_CSV))
    out.append(t("- [Проблеми]({problems}) — що знаходить перевірка `flux-catalog check`.\n",
                 problems=PROBLEMS))
    assert HOME == "index.md"
    return "\n".join(out)

"""English texts of the site, keyed by their Ukrainian originals in the render modules.

This table holds navigation, the generated home page, graph labels and notes; the texts of
the other pages are in :mod:`.i18n_en_pages`, merged in below.
"""

from __future__ import annotations

from .i18n_en_pages import PAGES

EN: dict[str, str] = {
    # navigation and page titles
    "Інвентар": "Inventory",
    "Проблеми": "Problems",
    "Кластери": "Clusters",
    "Не розгорнуто": "Not deployed",
    "рівень кластера": "cluster-scoped",
    "корінь репозиторію": "repository root",
    # graph edges, read from the arrow's tail to its head
    "залежить від": "depends on",
    "бере артефакт із": "takes its artifact from",
    "бере значення з": "takes values from",
    "його застосовує": "is applied by",
    "звертається до": "calls",
    "читає секрет": "reads the secret",
    "отримує інструментацію OTel від": "gets OpenTelemetry instrumentation from",
    "Kustomization {name} застосовує:": "Kustomization {name} applies:",
    "Ще {omitted} сусідніх об'єктів не показано; повний перелік — на сторінках розділів.":
        "{omitted} more neighbours are not shown; the section pages list them all.",
    "Кластер великий, тому на графі лише Flux Kustomization і HelmRelease; решта зв'язків — "
    "на сторінках компонентів.":
        "The cluster is large, so the graph shows only Flux Kustomizations and HelmReleases; "
        "the other edges are on the component pages.",
    "Кластер дуже великий, тому на графі лише Flux Kustomization; решта зв'язків — на "
    "сторінках компонентів.":
        "The cluster is very large, so the graph shows only Flux Kustomizations; the other "
        "edges are on the component pages.",
    # the generated home page
    "Що Flux розгортає з цього репозиторію: {components} компонентів у {clusters} кластерах. "
    "Сторінки згенеровано з YAML-маніфестів під час збирання сайту, тож вони не можуть "
    "розійтися з тим, що лежить у Git.\n":
        "What Flux deploys from this repository: {components} components in {clusters} "
        "clusters. The pages are generated from the YAML manifests when the site is built, so "
        "they cannot drift from what is in Git.\n",
    "## Кластери\n": "## Clusters\n",
    "Жоден Flux `Kustomization` не знайдено: кластерів немає.\n":
        "No Flux `Kustomization` was found: there are no clusters.\n",
    "## Усе разом\n": "## Everything at once\n",
    "- [Інвентар]({inventory}) — усі компоненти в одній таблиці з фільтрами; ті самі дані є у "
    "файлах [`inventory.json`]({json}) і [`inventory.csv`]({csv}).":
        "- [Inventory]({inventory}): every component in one table with filters; the same data "
        "is in [`inventory.json`]({json}) and [`inventory.csv`]({csv}).",
    "- [Проблеми]({problems}) — що знаходить перевірка `flux-catalog check`.\n":
        "- [Problems]({problems}): what `flux-catalog check` finds.\n",
    # the "What changed" page (diff_base)
    "Що змінилося": "What changed",
    "Що змінилося в каталозі від {base} до {head}: компоненти й об'єкти, чарти та їхні "
    "версії, значення, документація і проблеми. Секрети приховано з обох боків.\n":
        "What changed in the catalog from {base} to {head}: components and objects, charts "
        "and their versions, values, documentation and problems. Secrets are hidden on both "
        "sides.\n",
    "Змін немає: Flux розгортає те саме, і документація та проблеми ті самі.\n":
        "No changes: Flux deploys the same, and the documentation and problems are the same.\n",
    "Спільні файли й файли поза кластерами": "Shared files and files outside any cluster",
    "{head} і зміни, ще не закомічені": "{head} with uncommitted changes",
}
EN.update(PAGES)

from .i18n_en_glance import EN_GLANCE  # noqa: E402  (kept apart to merge cleanly)

EN.update(EN_GLANCE)

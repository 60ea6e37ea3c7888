"""English texts of the "at a glance" additions: inventory filters and images, zoomable graphs,
namespace graphs, field explanations and upstream chart links (keyed by their Ukrainian)."""

from __future__ import annotations

EN_GLANCE: dict[str, str] = {
    # inventory: filters and images
    "усі": "all",
    "Пошук у таблиці": "Search the table",
    "Показано {shown} з {total}": "Showing {shown} of {total}",
    "Образи": "Images",
    "не вказано": "not set",
    "## Образи контейнерів\n": "## Container images\n",
    "Образи, названі в маніфестах (`image:`) і в значеннях чартів (ключі `image` з "
    "`repository` і `tag`, як заведено в Helm-чартах). «Не вказано» — тег бере сам чарт "
    "(зазвичай його `appVersion`), у маніфесті це `latest`.\n":
        "Images named in manifests (`image:`) and in chart values (`image` keys with "
        "`repository` and `tag`, the Helm charts' convention). \"Not set\": the chart picks "
        "the tag itself (usually its `appVersion`); in a manifest it means `latest`.\n",
    "Жодного образу в маніфестах і значеннях не знайдено.\n":
        "No image was found in the manifests or the values.\n",
    "Образ": "Image",
    "Тег": "Tag",
    "Дайджест": "Digest",
    "Де використано": "Used by",
    "Ключ у YAML": "Key in the YAML",
    # graphs
    "Збільшити": "Zoom in",
    "Зменшити": "Zoom out",
    "Вмістити в колонку": "Fit the column",
    "Перетягуйте граф, щоб побачити решту": "Drag the graph to see the rest",
    "Кнопки над графом збільшують його, а збільшений граф можна перетягувати; кожен простір "
    "імен має свій, докладніший граф на своїй сторінці.":
        "The buttons above the graph zoom in, and a zoomed graph can be dragged; each "
        "namespace has a more detailed graph of its own on its page.",
    "## Граф залежностей { data-search-exclude }\n":
        "## Dependency graph { data-search-exclude }\n",
    "Компоненти цього простору імен, згруповані за Flux Kustomization, яка їх застосовує, і "
    "компоненти інших просторів імен, з якими вони пов'язані. Клацніть вузол, щоб відкрити "
    "його сторінку.\n":
        "The components of this namespace, grouped by the Flux Kustomization that applies "
        "them, and the components of other namespaces they are linked to. Click a node to "
        "open its page.\n",
}

"""English texts of the cluster, namespace, section, component, inventory and problems pages.

Keyed by the Ukrainian originals in the render modules (see :mod:`.i18n_en`); table headers,
admonition and tab titles are looked up by :mod:`.markdown`'s builders.
"""

from __future__ import annotations

PAGES: dict[str, str] = {
    # cluster and namespace pages
    "Кластер {cluster}": "Cluster {cluster}",
    "## Огляд каталогу\n": "## Catalog overview\n",
    "Цей розділ згенеровано з YAML кластера під час збирання сайту.\n":
        "This section is generated from the cluster's YAML when the site is built.\n",
    "Показник": "Measure",
    "Значення": "Value",
    "Коренева директорія": "Root directory",
    "Компоненти": "Components",
    "З них за типами": "By kind",
    "Джерела чартів і маніфестів": "Chart and manifest sources",
    "Усього об'єктів": "Objects in all",
    "Простори імен": "Namespaces",
    "Не задокументовано": "Undocumented",
    "0, усе описано": "0, everything is described",
    "Повний перелік усіх кластерів — в [інвентарі]({inventory}).\n":
        "Every cluster's full list is in the [inventory]({inventory}).\n",
    "## Простори імен\n": "## Namespaces\n",
    "## Директорії\n": "## Directories\n",
    "Граф залежностей": "Dependency graph",
    "Компоненти кластера, згруповані за Flux Kustomization, яка їх застосовує, і зв'язки між "
    "ними: `dependsOn`, джерела, `valuesFrom`, секрети; пунктиром — звернення до сервісів і "
    "вбудовування OpenTelemetry, виведені зі значень. Клацніть вузол, щоб відкрити його "
    "сторінку. ":
        "The cluster's components, grouped by the Flux Kustomization that applies them, and "
        "the edges between them: `dependsOn`, sources, `valuesFrom`, secrets; dashed: service "
        "calls and OpenTelemetry injection inferred from values. Click a node to open its "
        "page. ",
    "Немає.\n": "None.\n",
    "Простір імен {namespace}": "Namespace {namespace}",
    "Об'єкти рівня кластера": "Cluster-scoped objects",
    "об'єкти рівня кластера": "cluster-scoped objects",
    "Кластер [{cluster}]({page}).\n": "Cluster [{cluster}]({page}).\n",
    "Простір імен": "Namespace",
    "Компонентів": "Components",
    "Опис": "Description",
    "Простір імен не має опису (анотації `kubernetes.io/description`).\n":
        "The namespace has no description (`kubernetes.io/description` annotation).\n",
    "Оголошено у файлі {file}.\n": "Declared in {file}.\n",
    "Об'єкта Namespace для цього простору імен у репозиторії немає.\n":
        "The repository has no Namespace object for this namespace.\n",
    "## Компоненти\n": "## Components\n",
    "## Інші об'єкти\n": "## Other objects\n",
    "Ім'я": "Name",
    "Тип": "Kind",
    "Чарт": "Chart",
    "Версія": "Version",
    "Розділ": "Section",
    "Файл": "File",
    " (**не розгорнуто**)": " (**not deployed**)",
    "# Не розгорнуто\n": "# Not deployed\n",
    "Ці об'єкти лежать у репозиторії, але жодна Flux Kustomization жодного кластера їх не "
    "застосовує. Або підключіть їх до `kustomization.yaml`, або видаліть: опис того, чого "
    "немає в кластері, вводить в оману.\n":
        "These objects are in the repository, but no Flux Kustomization of any cluster applies "
        "them. Either list them in a `kustomization.yaml` or delete them: describing what is "
        "not in the cluster misleads.\n",
    "Директорія кластера": "Cluster directory",
    # component pages
    "## Призначення\n": "## Purpose\n",
    "## Відомості\n": "## Facts\n",
    "Поле": "Field",
    "## Зв'язки\n": "## Relations\n",
    "Граф сусідів": "Neighbour graph",
    "Що цей об'єкт використовує і що використовує його; пунктиром — звернення до сервісів, "
    "виведені зі значень. Клацніть вузол, щоб відкрити його сторінку.\n":
        "What this object uses and what uses it; dashed: service calls inferred from values. "
        "Click a node to open its page.\n",
    "## Джерело\n": "## Source\n",
    "Оголошено у файлі {file}. Кнопка редагування вгорі сторінки відкриває саме цей файл: "
    "опис і налаштування змінюють там, сторінку буде згенеровано заново.\n":
        "Declared in {file}. The edit button at the top of the page opens that very file: the "
        "description and settings are changed there, and this page is generated again.\n",
    "Не розгорнуто": "Not deployed",
    "Жодна Flux Kustomization не застосовує файл цього об'єкта, тож у кластері його немає, "
    "хоч він і лежить у репозиторії. Або підключіть файл до `kustomization.yaml` свого "
    "розділу, або видаліть його.":
        "No Flux Kustomization applies this object's file, so it is not in the cluster, "
        "although it is in the repository. Either list the file in its directory's "
        "`kustomization.yaml` or delete it.",
    "простір імен ": "namespace ",
    "об'єкт рівня кластера": "cluster-scoped object",
    "кластер ": "cluster ",
    "Компонент не задокументовано": "The component is not documented",
    "Що це за компонент і навіщо він у кластері, українською.":
        "What this component is and why it is in the cluster.",
    ", див. [Як задокументувати компонент]({page})":
        "; see [How to document a component]({page})",
    "В об'єкта немає анотації {annotation}, тож ні сайт, ні `kubectl describe` не скажуть, "
    "навіщо він у кластері. Додайте її в `metadata.annotations` у файлі {file}{guide}.":
        "The object has no {annotation} annotation, so neither this site nor `kubectl "
        "describe` can say why it is in the cluster. Add it under `metadata.annotations` in "
        "{file}{guide}.",
    "так": "yes",
    "ні": "no",
    "**ні**": "**no**",
    "— (рівень кластера)": "— (cluster-scoped)",
    "— (не розгорнуто)": "— (not deployed)",
    "Кластер": "Cluster",
    "Ім'я релізу": "Release name",
    " (типове)": " (default)",
    "Цільовий простір імен": "Target namespace",
    "— (простір імен HelmRelease)": "— (the HelmRelease's namespace)",
    "Шлях": "Path",
    "`./` (корінь)": "`./` (the root)",
    "Джерело": "Source",
    "URL джерела": "Source URL",
    "Видаляти зайве (prune)": "Delete what is gone (prune)",
    "Чекати готовності (wait)": "Wait for readiness (wait)",
    "Тайм-аут": "Timeout",
    "Інтервал": "Interval",
    "Призупинено (suspend)": "Suspended (suspend)",
    "**так**: Flux його не синхронізує": "**yes**: Flux does not reconcile it",
    "Розгорнуто": "Deployed",
    "Змінено патчами": "Changed by patches",
    "не вказано: Flux бере найновішу": "not set: Flux takes the latest",
    "{version} — з {file}: для чарта з Git-репозиторію Flux бере версію з його Chart.yaml, а "
    "не з HelmRelease":
        "{version}, from {file}: for a chart in a Git repository Flux takes the version from "
        "its Chart.yaml, not from the HelmRelease",
    " (діапазон або гілка: не закріплено)": " (a range or a branch: not pinned)",
    "Інтервал джерела": "Source interval",
    "Спосіб": "Reference",
    "**ні**: файл не застосовує жодна Flux Kustomization":
        "**no**: no Flux Kustomization applies the file",
    "так, вона застосовує сама себе (її створює `flux bootstrap`)":
        "yes, it applies itself (`flux bootstrap` creates it)",
    "так, його застосовує Flux Kustomization {link}":
        "yes, the Flux Kustomization {link} applies it",
    "## Значення\n": "## Values\n",
    "Значень у HelmRelease не задано: чарт встановлюється з власними типовими значеннями (або "
    "з `valuesFrom`).\n":
        "The HelmRelease sets no values: the chart is installed with its own defaults (or "
        "with `valuesFrom`).\n",
    "Значення завеликі для сторінки, показано лише початок; решта — у файлі.\n":
        "The values are too large for the page; only the beginning is shown, the rest is in "
        "the file.\n",
    "Ключ": "Key",
    "Жодне значення не задокументовано. Напишіть коментар `# -- опис` рядком вище ключа, і "
    "він з'явиться тут.\n":
        "No value is documented. Write a `# -- description` comment on the line above a key, "
        "and it appears here.\n",
    "Значення, які Flux передає чарту (`spec.values`), з коментарями з YAML. Секрети "
    "приховано й замінено на {mark}.\n":
        "The values Flux passes to the chart (`spec.values`), with the comments from the YAML. "
        "Secrets are hidden and replaced with {mark}.\n",
    "Документовані значення": "Documented values",
    "••• приховано •••": "••• hidden •••",
    "## Значення з інших об'єктів (valuesFrom)\n": "## Values from other objects (valuesFrom)\n",
    "Flux додає ці значення до `spec.values` перед встановленням; самі значення тут не "
    "показано, бо вони зберігаються поза HelmRelease (часто в Secret).\n":
        "Flux merges these values into `spec.values` before installing; the values themselves "
        "are not shown, as they live outside the HelmRelease (often in a Secret).\n",
    "Шлях у значеннях": "Target path",
    "Необов'язково": "Optional",
    "Встановлення, оновлення та відновлення": "Install, upgrade and remediation",
    "Не задано: діють типові налаштування helm-controller.":
        "Not set: helm-controller's defaults apply.",
    "Налаштування застосування": "Apply settings",
    "Не задано: діють типові налаштування kustomize-controller.":
        "Not set: kustomize-controller's defaults apply.",
    "Показано лише початок; решта — у файлі.\n":
        "Only the beginning is shown; the rest is in the file.\n",
    "## Що застосовує\n": "## What it applies\n",
    "Ця Kustomization не застосовує жодного об'єкта з репозиторію.\n":
        "This Kustomization applies no object of the repository.\n",
    "Об'єкт": "Object",
    "## Специфікація\n": "## Specification\n",
    "Поле `spec` об'єкта; секрети приховано.\n": "The object's `spec`; secrets are hidden.\n",
    "Зв'язок": "Relation",
    "Стан": "State",
    "Зв'язків з іншими об'єктами немає.\n": "No relations to other objects.\n",
    "Ще {count} зв'язків не показано.\n": "{count} more relations are not shown.\n",
    "залежить від (dependsOn)": "depends on (dependsOn)",
    "джерело": "source",
    "значення з (valuesFrom)": "values from (valuesFrom)",
    "звертається до сервісу (виведено зі значень)": "calls the service (inferred from values)",
    "читає секрет (secretRef)": "reads the secret (secretRef)",
    "отримує інструментацію OTel від (виведено з анотацій)":
        "gets OpenTelemetry instrumentation from (inferred from annotations)",
    "від нього залежить (dependsOn)": "depends on it (dependsOn)",
    "використовує як джерело": "uses it as its source",
    "бере з нього значення": "takes values from it",
    "застосовує": "applies",
    "звертається до його сервісу (виведено зі значень)":
        "calls its service (inferred from values)",
    "посилається як на секрет": "refers to it as a secret",
    "інструментує його поди (виведено з анотацій)":
        "instruments its pods (inferred from annotations)",
    "**немає в репозиторії**": "**not in the repository**",
    "створює `flux bootstrap`": "created by `flux bootstrap`",
    "створюють поза Git": "created outside Git",
    "вбудований": "built in",
    "знайдено (виведено зі значень)": "found (inferred from values)",
    "знайдено в репозиторії": "found in the repository",
    "## Проблеми\n": "## Problems\n",
    "Рівень": "Level",
    "Правило": "Rule",
    "Місце": "Where",
    "Повідомлення": "Message",
    "**помилка**": "**error**",
    "попередження": "warning",
    "примітка": "info",
    # inventory and problems pages
    "**не задокументовано**": "**undocumented**",
    "# Інвентар\n": "# Inventory\n",
    "Усі компоненти всіх кластерів в одній таблиці, згенерованій з YAML під час збирання. "
    "Клацніть заголовок стовпця, щоб відсортувати таблицю.\n":
        "Every component of every cluster in one table, generated from the YAML when the site "
        "is built. Click a column header to sort the table.\n",
    "Ті самі дані для програм: [{json}]({json_page}) і [{csv}]({csv_page}) — усі об'єкти, не "
    "лише компоненти; те саме друкує `flux-catalog inventory --format json`.\n":
        "The same data for programs: [{json}]({json_page}) and [{csv}]({csv_page}), with every "
        "object, not only components; `flux-catalog inventory --format json` prints the "
        "same.\n",
    "Компонент": "Component",
    "Задокументовано": "Documented",
    "Компонентів немає.\n": "There are no components.\n",
    "## Джерела\n": "## Sources\n",
    "Об'єкти, яких не застосовує жодна Flux Kustomization, зібрано на сторінці [Не "
    "розгорнуто]({page}).\n":
        "Objects no Flux Kustomization applies are listed on the [Not deployed]({page}) "
        "page.\n",
    "# Проблеми\n": "# Problems\n",
    "Те саме, що повідомляє `flux-catalog check` для цього репозиторію: перевірка "
    "документації та конфігурації, яку запускає CI. Під час збирання сайту кожна проблема "
    "також потрапляє в журнал як попередження, тож `mkdocs build --strict` з ними не "
    "пройде.\n":
        "What `flux-catalog check`, the documentation and configuration check CI runs, "
        "reports for this repository. When the site is built each problem is also logged as a "
        "warning, so `mkdocs build --strict` fails on them.\n",
    "Проблем немає": "No problems",
    "Усі компоненти задокументовані, посилання ведуть на наявні об'єкти, версії чартів "
    "закріплені.":
        "Every component is documented, references lead to existing objects, chart versions "
        "are pinned.",
    "Помилок: {errors}, попереджень: {warnings}, приміток (рушій не може знати напевно): "
    "{infos}.\n":
        "Errors: {errors}, warnings: {warnings}, info (what the engine cannot know for sure): "
        "{infos}.\n",
    # section (directory) pages
    "Немає README": "No README",
    "У директорії {directory} немає `README.md`. Напишіть його українською: що тут лежить і "
    "навіщо. GitHub покаже його під час перегляду директорії, а сайт — на цій сторінці.":
        "The directory {directory} has no `README.md`. Write one: what is here and why. GitHub "
        "shows it when the directory is browsed, and the site on this page.",
    "## Вміст директорії\n": "## Directory contents\n",
    "Директорія {directory}": "Directory {directory}",
    "належить кластеру [{cluster}]({page})": "belongs to the cluster [{cluster}]({page})",
    "батьківська директорія: [{parent}]({page})": "parent directory: [{parent}]({page})",
    "### Піддиректорії\n": "### Subdirectories\n",
    "Директорія": "Directory",
    "Заголовок README": "README title",
    "### Компоненти\n": "### Components\n",
    "### Інші об'єкти\n": "### Other objects\n",
    "Тут немає маніфестів, які бачить каталог.\n":
        "There are no manifests here the catalog sees.\n",
    "Розгорнуто в кластері": "Deployed in cluster",
}

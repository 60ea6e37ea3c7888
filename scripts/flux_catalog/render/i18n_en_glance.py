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
    "Зв'язки компонентів цього простору імен між собою і з компонентами інших просторів "
    "імен; вузли згруповано за Flux Kustomization, яка їх застосовує. Компонентів без "
    "зв'язків на графі немає — вони є в таблиці вище. Клацніть вузол, щоб відкрити його "
    "сторінку.\n":
        "How the components of this namespace are linked to each other and to components of "
        "other namespaces; nodes are grouped by the Flux Kustomization that applies them. "
        "Components without links are not drawn: they are in the table above. Click a node to "
        "open its page.\n",
    # field labels of a component page, and what they mean
    "Що означають поля": "What the fields mean",
    "Тип": "Kind",
    "Простір імен": "Namespace",
    "Кластер": "Cluster",
    "Чарт": "Chart",
    "Версія": "Version",
    "Джерело": "Source",
    "URL джерела": "Source URL",
    "Інтервал джерела": "Source interval",
    "Спосіб": "Reference",
    "Ім'я релізу": "Release name",
    "Цільовий простір імен": "Target namespace",
    "Шлях": "Path",
    "Видаляти зайве (prune)": "Prune",
    "Чекати готовності (wait)": "Wait",
    "Тайм-аут": "Timeout",
    "Інтервал": "Interval",
    "Призупинено (suspend)": "Suspended",
    "Розгорнуто": "Deployed",
    "Змінено патчами": "Patched by",
    "Файл": "File",
    "Документація чарта": "Chart documentation",
    "Тип об'єкта Kubernetes (kind) і версія його API (apiVersion).":
        "The Kubernetes kind of the object and its API version (apiVersion).",
    "Простір імен Kubernetes, у якому живе об'єкт; в об'єктів рівня кластера його немає.":
        "The Kubernetes namespace the object lives in; cluster-scoped objects have none.",
    "Кластер, директорію якого синхронізує Flux і до якого потрапляє об'єкт.":
        "The cluster whose directory Flux syncs and that the object ends up in.",
    "Helm-чарт, який встановлює HelmRelease (spec.chart.spec.chart або spec.chartRef).":
        "The Helm chart the HelmRelease installs (spec.chart.spec.chart or spec.chartRef).",
    "Версія чарта, яку встановить Flux: точна, діапазон semver або, для чарта з Git, версія "
    "з його Chart.yaml.":
        "The chart version Flux installs: exact, a semver range, or for a chart from Git the "
        "version in its Chart.yaml.",
    "Об'єкт Flux (HelmRepository, OCIRepository, GitRepository), звідки береться чарт або "
    "маніфести.":
        "The Flux object (HelmRepository, OCIRepository, GitRepository) the chart or the "
        "manifests come from.",
    "Адреса репозиторію, з якого source-controller завантажує артефакт.":
        "The address of the repository source-controller fetches the artifact from.",
    "Як часто source-controller перевіряє джерело на нові версії.":
        "How often source-controller checks the source for new versions.",
    "Як HelmRelease посилається на чарт: через spec.chart (Flux створює HelmChart) чи через "
    "spec.chartRef (готовий артефакт джерела).":
        "How the HelmRelease refers to its chart: spec.chart (Flux creates a HelmChart) or "
        "spec.chartRef (an artifact a source already holds).",
    "Ім'я Helm-релізу в кластері (його показує helm list); типово це ім'я HelmRelease, а з "
    "targetNamespace — «простір-імен-ім'я».":
        "The Helm release name in the cluster (what helm list shows); by default the "
        "HelmRelease's name, or namespace-name with a targetNamespace.",
    "Простір імен, у який Flux встановлює ресурси (targetNamespace); якщо його не задано — "
    "простір імен самого об'єкта.":
        "The namespace Flux installs the resources into (targetNamespace); when not set, the "
        "object's own namespace.",
    "Директорія в артефакті джерела, яку kustomize-controller збирає і застосовує "
    "(spec.path).":
        "The directory of the source artifact that kustomize-controller builds and applies "
        "(spec.path).",
    "Чи видаляє Flux з кластера об'єкти, які зникли з Git (spec.prune).":
        "Whether Flux deletes from the cluster the objects removed from Git (spec.prune).",
    "Чи чекає Flux, доки всі застосовані об'єкти стануть готовими, перш ніж вважати "
    "застосування успішним (spec.wait).":
        "Whether Flux waits for every applied object to become ready before it counts the "
        "apply as a success (spec.wait).",
    "Скільки Flux чекає на застосування і перевірку готовності, перш ніж вважати спробу "
    "невдалою (spec.timeout).":
        "How long Flux waits for the apply and the health checks before it counts the attempt "
        "as failed (spec.timeout).",
    "Як часто контролер Flux звіряє об'єкт із кластером (spec.interval).":
        "How often the Flux controller reconciles the object with the cluster "
        "(spec.interval).",
    "Flux не синхронізує призупинений об'єкт, доки spec.suspend не стане false.":
        "Flux does not reconcile a suspended object until spec.suspend is false again.",
    "Чи застосовує цей об'єкт якась Flux Kustomization, тобто чи є він у кластері.":
        "Whether a Flux Kustomization applies this object, that is, whether it is in the "
        "cluster.",
    "Патчі kustomize або Flux, що змінюють об'єкт перед застосуванням.":
        "The kustomize or Flux patches that change the object before it is applied.",
    "Файл і рядок у репозиторії, де оголошено об'єкт.":
        "The file and line of the repository where the object is declared.",
    "Домашня сторінка й код чарта з його Chart.yaml; якщо чарт лежить не в цьому "
    "репозиторії — пошук чарта на Artifact Hub.":
        "The chart's home page and sources from its Chart.yaml; for a chart kept elsewhere, "
        "a search for it on Artifact Hub.",
    # chart versions from Git, upstream links
    "з Chart.yaml чарта в {where}{ref}: Flux бере версію звідти, а цього файлу каталог не "
    "бачить, бо він в іншому репозиторії":
        "from the chart's Chart.yaml in {where}{ref}: Flux takes the version from there, and "
        "the catalog cannot see that file, which is in another repository",
    "; записане в HelmRelease {version} Flux для Git-джерел ігнорує":
        "; the {version} written in the HelmRelease is ignored by Flux for Git sources",
    "коміт": "commit",
    "тег": "tag",
    "semver": "semver",
    "посилання": "ref",
    "гілка": "branch",
    "[пошук «{chart}» на Artifact Hub]({url})": "[search for “{chart}” on Artifact Hub]({url})",
}

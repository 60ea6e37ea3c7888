"""What each field of a component's "Відомості" table means: a tooltip on the label (the
``abbr`` extension, shown by Material's ``content.tooltips``) and a legend under the table."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .escape import md_inline
from .i18n import t
from .markdown import indent

# Label (as the table shows it, in Ukrainian) -> what it means.
FIELD_HELP: dict[str, str] = {
    "Тип": "Тип об'єкта Kubernetes (kind) і версія його API (apiVersion).",
    "Простір імен": "Простір імен Kubernetes, у якому живе об'єкт; в об'єктів рівня кластера "
                    "його немає.",
    "Кластер": "Кластер, директорію якого синхронізує Flux і до якого потрапляє об'єкт.",
    "Чарт": "Helm-чарт, який встановлює HelmRelease (spec.chart.spec.chart або "
            "spec.chartRef).",
    "Версія": "Версія чарта, яку встановить Flux: точна, діапазон semver або, для чарта з "
              "Git, версія з його Chart.yaml.",
    "Джерело": "Об'єкт Flux (HelmRepository, OCIRepository, GitRepository), звідки береться "
               "чарт або маніфести.",
    "URL джерела": "Адреса репозиторію, з якого source-controller завантажує артефакт.",
    "Інтервал джерела": "Як часто source-controller перевіряє джерело на нові версії.",
    "Спосіб": "Як HelmRelease посилається на чарт: через spec.chart (Flux створює HelmChart) "
              "чи через spec.chartRef (готовий артефакт джерела).",
    "Ім'я релізу": "Ім'я Helm-релізу в кластері (його показує helm list); типово це ім'я "
                   "HelmRelease, а з targetNamespace — «простір-імен-ім'я».",
    "Цільовий простір імен": "Простір імен, у який Flux встановлює ресурси (targetNamespace); "
                             "якщо його не задано — простір імен самого об'єкта.",
    "Шлях": "Директорія в артефакті джерела, яку kustomize-controller збирає і застосовує "
            "(spec.path).",
    "Видаляти зайве (prune)": "Чи видаляє Flux з кластера об'єкти, які зникли з Git "
                              "(spec.prune).",
    "Чекати готовності (wait)": "Чи чекає Flux, доки всі застосовані об'єкти стануть "
                                "готовими, перш ніж вважати застосування успішним (spec.wait).",
    "Тайм-аут": "Скільки Flux чекає на застосування і перевірку готовності, перш ніж "
                "вважати спробу невдалою (spec.timeout).",
    "Інтервал": "Як часто контролер Flux звіряє об'єкт із кластером (spec.interval).",
    "Призупинено (suspend)": "Flux не синхронізує призупинений об'єкт, доки spec.suspend не "
                             "стане false.",
    "Розгорнуто": "Чи застосовує цей об'єкт якась Flux Kustomization, тобто чи є він у "
                  "кластері.",
    "Змінено патчами": "Патчі kustomize або Flux, що змінюють об'єкт перед застосуванням.",
    "Файл": "Файл і рядок у репозиторії, де оголошено об'єкт.",
    "Документація чарта": "Домашня сторінка й код чарта з його Chart.yaml; якщо чарт "
                          "лежить не в цьому репозиторії — пошук чарта на Artifact Hub.",
}


def field_help(labels: Iterable[str], page_text: str) -> tuple[str, str]:
    """``(legend, abbreviations)`` for the field ``labels`` a page's table shows.

    The legend is a collapsed note with a definition list; the abbreviations (``*[label]:``
    lines) put the same text in a tooltip on each label. A label that is also a heading of the
    page (a section "Джерело") gets no tooltip: it would show on the heading too.
    """
    terms = []
    abbreviations = []
    headings = {m.group(1).strip() for m in re.finditer(r"^#+ (.+?)(?: \{.*\})?$", page_text,
                                                         re.M)}
    # Labels may come in either language: look them up by their Ukrainian or shown text.
    known = {**{t(k): k for k in FIELD_HELP}, **{k: k for k in FIELD_HELP}}
    for label in dict.fromkeys(labels):
        if label not in known:
            continue
        shown, meaning = label, t(FIELD_HELP[known[label]])  # the label as the table has it
        terms.append(f"{md_inline(shown)}\n:   {md_inline(meaning)}\n")
        # abbr matches whole words (\b on both sides): "Видаляти зайве (prune)" ends in a
        # parenthesis, so the tooltip goes on the words before it.
        word = re.sub(r"\s*\([^()]*\)$", "", shown)
        if shown not in headings and word not in headings and '"' not in meaning:
            abbreviations.append(f"*[{word}]: {meaning}")
    if not terms:
        return "", ""
    # The same text on every page would flood the search results: kept out of the index.
    legend = ('<div data-search-exclude markdown>\n\n'
              f'??? info "{t("Що означають поля")}"\n\n' + indent("\n".join(terms))
              + "\n</div>\n")
    return legend, "\n".join(abbreviations) + "\n" if abbreviations else ""

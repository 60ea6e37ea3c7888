"""Ukrainian for the "Що змінилося" page: the diff report's English messages and summary.

The comparison writes its messages in English (the CLI's and the PR comment's language). A
Ukrainian site shows them in Ukrainian: each message is split into its ``; ``-separated parts
and each part matched against the patterns below, the way the rules' problem messages are
(:mod:`flux_catalog.render.i18n_problems`). A part no pattern fits stays as written; problem
messages quoted in a change are translated by the problems' own table.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from ..render.i18n import translate_message
from .report import (
    ADDED,
    CHART,
    CHARTS,
    DOCS,
    FLAGS,
    MAJOR_BUMP,
    MOVED,
    OBJECTS,
    PROBLEM_FIXED,
    PROBLEM_INTRODUCED,
    PROBLEMS,
    REMOVED,
    VALUES,
    Change,
    counts,
)

Rule = tuple[re.Pattern[str], Callable[[re.Match[str]], str]]
_LEVELS = {"error": "помилка", "warning": "попередження", "info": "примітка"}
_CRDS = {
    "CRDs in the chart are not installed": "CRD з чарта не встановлюються",
    "CRDs in the chart are not updated": "CRD з чарта не оновлюються",
    "CRDs in the chart are created and replaced (changed CRDs reach the cluster)":
        "CRD з чарта створюються й замінюються (змінені CRD потрапляють у кластер)",
    "CRDs in the chart are created, never updated": "CRD з чарта створюються, але не оновлюються",
}
_BUMPS = {"major bump": "мажорне оновлення", "minor bump": "мінорне оновлення",
          "patch bump": "патч-оновлення", "major downgrade": "мажорний відкат",
          "minor downgrade": "мінорний відкат", "patch downgrade": "патч-відкат"}


def _rules(table: Iterable[tuple[str, Callable[[re.Match[str]], str]]]) -> tuple[Rule, ...]:
    return tuple((re.compile(pattern, re.S), render) for pattern, render in table)


_PARTS = _rules((
    (r"removed", lambda m: "видалено"),
    (r"removed \(was applied by (.+)\)", lambda m: f"видалено (раніше застосовувала {m[1]})"),
    (r"removed from (.+) \(was not deployed\)",
     lambda m: f"видалено з {m[1]} (розгорнуто не було)"),
    (r"added", lambda m: "додано"),
    (r"added, applied by (.+)", lambda m: f"додано, застосовує {m[1]}"),
    (r"written in (.+) but not deployed", lambda m: f"записано в {m[1]}, але не розгорнуто"),
    # Parts of a "; "-separated message: no group runs over a ";".
    (r"moved: ([^;]+)", lambda m: "переміщено: " + translate_part(m[1])),
    (r"moved from (\S+): ([^;]+)",
     lambda m: f"переміщено з {m[1]}: " + translate_part(m[2])),
    (r"namespace (\S+) → (\S+)", lambda m: f"простір імен {m[1]} → {m[2]}"),
    (r"applied by (\S+) → (\S+)", lambda m: f"застосовує {m[1]} → {m[2]}"),
    (r"source ([^;]+?) → ([^;]+)", lambda m: f"джерело {m[1]} → {m[2]}"),
    (r"chart ([^;]+?) → ([^;]+)", lambda m: f"чарт {m[1]} → {m[2]}"),
    (r"version ([^;]+?) → ([^;\s]+)(?: \((.+)\))?",
     lambda m: f"версія {m[1]} → {m[2]}".replace("(latest)", "(найновіша)")
     + (f" ({_BUMPS.get(m[3], m[3])})" if m[3] else "")),
    (r"range → pin", lambda m: "діапазон → точна версія"),
    (r"pin → range \(no longer reproducible\)",
     lambda m: "точна версія → діапазон (збірка більше не відтворювана)"),
    (r"(\S+): (version [^;]+|source [^;]+|chart [^;]+|range → pin|pin → range[^;]*)",
     lambda m: f"{m[1]}: " + translate_part(m[2])),
    (r"settings changed", lambda m: "змінено налаштування"),
    (r"values changed", lambda m: "змінено значення"),
    (r"(\S+) changed", lambda m: f"змінено {m[1]}"),
    (r"hidden values? changed \(redacted on both sides\): (.+)",
     lambda m: f"змінено приховане значення (приховано з обох боків): {m[1]}"),
    (r"description added: (.+)", lambda m: f"додано опис: {m[1]}"),
    (r"description removed \(was: (.+)\)", lambda m: f"опис видалено (був: {m[1]})"),
    (r"description: (.+)", lambda m: f"опис: {m[1]}"),
    (r"README changed \(\+(\d+) −(\d+) lines\)",
     lambda m: f"README змінено (рядків: +{m[1]} −{m[2]})"),
    (r"README added", lambda m: "README додано"),
    (r"README removed", lambda m: "README видалено"),
    (r"new (\S+) without a kubernetes\.io/description",
     lambda m: f"новий {m[1]} без kubernetes.io/description"),
    (r"(introduced|fixed): \[(\w+)\] (.+) \((\S+)\)",
     lambda m: ("з'явилася" if m[1] == "introduced" else "виправлено")
     + f": [{_LEVELS.get(m[2], m[2])}] {translate_message(m[3], 'uk')} ({m[4]})"),
    # review flags
    (r"(?:(.+?): )?deleted from the cluster: (\S+) has prune: true"
     r"( and helm-controller uninstalls its release)?",
     lambda m: (translate_part(m[1]) + ": " if m[1] else "")
     + f"буде видалено з кластера: {m[2]} має prune: true"
     + (", і helm-controller видалить його реліз" if m[3] else "")),
    (r"(?:(.+?): )?orphaned: (\S+) has no prune: true, so the object stays in the cluster "
     r"unmanaged",
     lambda m: (translate_part(m[1]) + ": " if m[1] else "")
     + f"лишиться без нагляду: {m[2]} не має prune: true, тож об'єкт залишиться в кластері, "
       "але Flux ним більше не керуватиме"),
    (r"namespace (.+?) → (.+?) is a delete and a create: Flux deletes (\S+) \((\S+) has "
     r"prune: true\) and creates the new one",
     lambda m: f"простір імен {m[1]} → {m[2]} — це видалення і створення: Flux видалить "
               f"{m[3]} ({m[4]} має prune: true) і створить новий"),
    (r"moved from (\S+) \(prune: true\) to (\S+): each Kustomization reconciles on its own, "
     r"so the old one may delete the object before the new one applies it \((.+)\)",
     lambda m: f"переходить від {m[1]} (prune: true) до {m[2]}: кожна Kustomization "
               "синхронізується окремо, тож стара може видалити об'єкт раніше, ніж нова його "
               f"застосує ({m[3]})"),
    (r"suspended: Flux stops reconciling it",
     lambda m: "призупинено: Flux перестає його синхронізувати"),
    (r"resumed: Flux reconciles it again", lambda m: "відновлено: Flux знову його синхронізує"),
    (r"targetNamespace (.+?) → (.+?): every object it applies is deleted and created again in "
     r"the new namespace",
     lambda m: f"targetNamespace {m[1]} → {m[2]}: кожен об'єкт, який вона застосовує, буде "
               "видалено й створено знову в новому просторі імен"),
    (r"targetNamespace (.+?) → (.+?): the release is deleted and created again in the new "
     r"namespace",
     lambda m: f"targetNamespace {m[1]} → {m[2]}: реліз буде видалено й створено знову в "
               "новому просторі імен"),
    (r"((?:install|upgrade)\.crds \S+ → \S+): (.+)",
     lambda m: f"{m[1]}: {_CRDS.get(m[2], m[2])}"),
    (r"dependsOn cycle introduced: each waits for the next to be ready, so none of them is "
     r"ever reconciled",
     lambda m: "з'явився цикл dependsOn: кожен чекає, доки буде готовий наступний, тож жоден "
               "так і не буде синхронізовано"),
    (r"major chart version bump of (\S+): (.+?) → (.+?); read the chart's upgrade notes",
     lambda m: f"мажорне оновлення чарта {m[1]}: {m[2]} → {m[3]} — прочитайте примітки до "
               "оновлення чарта"),
))


def translate_part(text: str) -> str:
    for pattern, render in _PARTS:
        match = pattern.fullmatch(text)
        if match:
            return render(match)
    return text


def translate_change(change: Change) -> str:
    """The change's message in Ukrainian, part by part."""
    whole = translate_part(change.message)
    if whole != change.message:
        return whole
    return "; ".join(translate_part(part) for part in change.message.split("; "))


def summary_uk(changes: Iterable[Change], clusters: int | None = None) -> str:
    """The non-zero counts, each after a colon (no Ukrainian plural forms needed)."""
    changes = list(changes)
    if not changes:
        return "змін немає"
    c = counts(changes)

    def n(prefix: str) -> int:
        return sum(v for k, v in c.items() if k.startswith(prefix))

    parts = [f"{label}: {value}" for label, value in (
        ("додано", n(f"{OBJECTS}.{ADDED}")),
        ("видалено", n(f"{OBJECTS}.{REMOVED}")),
        ("переміщено", n(f"{OBJECTS}.{MOVED}")),
        ("змін чартів", n(f"{CHARTS}.{CHART}")),
        ("з них мажорних", n(f"{FLAGS}.{MAJOR_BUMP}")),
        ("змін значень і налаштувань", n(f"{VALUES}.")),
        ("змін документації", n(f"{DOCS}.")),
        ("нових проблем", n(f"{PROBLEMS}.{PROBLEM_INTRODUCED}")),
        ("виправлених проблем", n(f"{PROBLEMS}.{PROBLEM_FIXED}")),
        ("позначок для рев'ю", n(f"{FLAGS}.") - n(f"{FLAGS}.{MAJOR_BUMP}")),
    ) if value]
    head = f"кластерів зі змінами: {clusters}; " if clusters else ""
    return head + ", ".join(parts)

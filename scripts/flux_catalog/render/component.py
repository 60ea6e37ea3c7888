"""The page of one component: a HelmRelease, a Flux Kustomization or a documented object."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..model import (
    APPLIED_BY,
    DEPENDS_ON,
    DESCRIPTION_ANNOTATION,
    NAMESPACE,
    Chart,
    EdgeStatus,
    K8sObject,
    ObjectKey,
)
from ..secrets import redact_text
from ..secrets.text import MARKER
from .chart import chart_links, git_chart_version
from .context import Context
from .escape import md_inline, md_text
from .fields import field_help
from .graph import neighbour_graph
from .i18n import t
from .layout import HOW_TO_DOCUMENT, cluster_page, relative_md
from .markdown import EMPTY, admonition, code, inline_code, link, table, tabs
from .source import shown, source_blocks, values_as_written
from .values import Values, column_of, redacted_values, redacted_yaml, select_keys

HELM_SETTINGS = (
    "install", "upgrade", "rollback", "uninstall", "test", "driftDetection", "timeout",
    "maxHistory", "suspend", "serviceAccountName", "storageNamespace", "persistentClient",
    "postRenderers", "kubeConfig", "commonMetadata",
)
KUSTOMIZATION_SETTINGS = (
    "postBuild", "patches", "images", "components", "healthChecks", "healthCheckExprs",
    "decryption", "commonMetadata", "namePrefix", "nameSuffix", "force", "deletionPolicy",
    "retryInterval", "serviceAccountName", "kubeConfig",
)
MAX_EDGE_ROWS = 100
EDGE_TITLES = {
    DEPENDS_ON: "залежить від (dependsOn)",
    "source": "джерело",
    "valuesFrom": "значення з (valuesFrom)",
    APPLIED_BY: "його застосовує",
    "service": "звертається до сервісу (виведено зі значень)",
    "secretRef": "читає секрет (secretRef)",
    "inject": "отримує інструментацію OTel від (виведено з анотацій)",
}
REVERSE_TITLES = {
    DEPENDS_ON: "від нього залежить (dependsOn)",
    "source": "використовує як джерело",
    "valuesFrom": "бере з нього значення",
    APPLIED_BY: "застосовує",
    "service": "звертається до його сервісу (виведено зі значень)",
    "secretRef": "посилається як на секрет",
    "inject": "інструментує його поди (виведено з анотацій)",
}


def component_markdown(ctx: Context, obj: K8sObject, page: str) -> str:
    """The Markdown of ``obj``'s page, which lives at ``page``."""
    out = [f"# {md_inline(obj.name)}\n", _subtitle(ctx, obj, page)]
    if not obj.deployed:
        out.append(admonition(
            "danger", "Не розгорнуто",
            t("Жодна Flux Kustomization не застосовує файл цього об'єкта, тож у кластері його "
              "немає, хоч він і лежить у репозиторії. Або підключіть файл до "
              "`kustomization.yaml` свого розділу, або видаліть його.")))
    out.append(t("## Призначення\n"))
    description = obj.description
    if description:
        out.append(md_text(redact_text(description)) + "\n")
    else:
        out.append(_undocumented(ctx, obj, page))
    out.append(t("## Відомості\n"))
    facts = _facts(ctx, obj, page)
    out.append(table(("Поле", "Значення"), facts))
    legend_at = len(out)
    # What the page shows as YAML keeps its comments: the blocks of the file as written when
    # nothing in them needs redacting, else a redacted round-trip dump.
    documents = ctx.catalog.documents
    blocks = source_blocks(documents, obj) if obj.kind == "HelmRelease" and obj.is_flux else None
    commented: list[Mapping[str, Any]] = []

    def commented_spec() -> Mapping[str, Any]:
        if not commented:
            commented.append(documents.commented_body(obj))
        raw = commented[0].get("spec")
        return raw if isinstance(raw, Mapping) else {}

    if obj.kind == "HelmRelease" and obj.is_flux:
        fast = obj.spec
        values = None
        if "values" not in fast:
            values = NO_VALUES
        elif blocks is not None:
            values = values_as_written(blocks, fast["values"])
        out.append(_helm_values(values or redacted_values(commented_spec()["values"])))
        out.append(_values_from(ctx, obj, page))
        settings = shown(blocks.keys(fast, HELM_SETTINGS)) if blocks is not None else None
        title = t("Встановлення, оновлення та відновлення")
        if settings is not None:
            out.append(f"## {title}\n\n{code(settings, 'yaml')}")
        else:
            out.append(_settings(title, commented_spec(), HELM_SETTINGS,
                                 t("Не задано: діють типові налаштування helm-controller.")))
    elif obj.kind == "Kustomization" and obj.is_flux:
        out.append(_applied(ctx, obj, page))
        out.append(_settings(t("Налаштування застосування"), commented_spec(),
                             KUSTOMIZATION_SETTINGS,
                             t("Не задано: діють типові налаштування kustomize-controller.")))
    else:
        out.append(_spec(obj, commented_spec()))
    out.append(t("## Зв'язки\n"))
    out.append(_edges(ctx, obj, page))
    # The diagram's source is noise for the search index (node ids, arrows): keep it out.
    out.append("### " + t("Граф сусідів") + " { data-search-exclude }\n")
    out.append(t("Що цей об'єкт використовує і що використовує його; пунктиром — звернення до "
                 "сервісів, виведені зі значень. Клацніть вузол, щоб відкрити його сторінку.\n"))
    out.append(neighbour_graph(ctx, obj.key, page))
    out.append(_problems(ctx, obj))
    out.append(t("## Джерело\n"))
    out.append(t("Оголошено у файлі {file}. Кнопка редагування вгорі сторінки відкриває саме "
                 "цей файл: опис і налаштування змінюють там, сторінку буде згенеровано "
                 "заново.\n", file=ctx.file(obj.path, obj.line)))
    legend, abbreviations = field_help((label for label, _ in facts), "\n".join(out))
    out.insert(legend_at, legend)
    out.append(abbreviations)
    return "\n".join(part for part in out if part)


def _subtitle(ctx: Context, obj: K8sObject, page: str) -> str:
    parts = [f"**{md_inline(obj.kind)}** ({inline_code(obj.api_version)})"]
    if obj.namespace:
        ns_page = ctx.namespaces.get((obj.cluster, obj.namespace))
        ns = md_inline(obj.namespace)
        parts.append(t("простір імен ") + (f"[{ns}]({relative_md(page, ns_page)})" if ns_page
                                        else ns))
    else:
        parts.append(t("об'єкт рівня кластера"))
    if obj.cluster:
        parts.append(t("кластер ")
                     + link(obj.cluster, relative_md(page, cluster_page(obj.cluster))))
    return " · ".join(parts) + "\n"


def _undocumented(ctx: Context, obj: K8sObject, page: str) -> str:
    example = (
        "metadata:\n"
        "  annotations:\n"
        f"    {DESCRIPTION_ANNOTATION}: >-\n"
        "      " + t("Що це за компонент і навіщо він у кластері, українською.") + "\n"
    )
    guide = (t(", див. [Як задокументувати компонент]({page})",
                page=relative_md(page, HOW_TO_DOCUMENT))
             if ctx.has_page(HOW_TO_DOCUMENT) else "")
    body = (
        t("В об'єкта немає анотації {annotation}, тож ні сайт, ні `kubectl describe` не "
          "скажуть, навіщо він у кластері. Додайте її в `metadata.annotations` у файлі "
          "{file}{guide}.", annotation=inline_code(DESCRIPTION_ANNOTATION),
          file=ctx.file(obj.path, obj.line), guide=guide) + "\n\n"
        + code(example, "yaml")
    )
    return admonition("warning", "Компонент не задокументовано", body)


def _text(value: Any) -> str:
    if value is None:
        return EMPTY
    if isinstance(value, bool):
        return t("так") if value else t("ні")
    if isinstance(value, str | int | float):
        return inline_code(redact_text(str(value)))
    return EMPTY


def _facts(ctx: Context, obj: K8sObject, page: str) -> list[tuple[str, str]]:
    spec = obj.spec
    rows: list[tuple[str, str]] = [
        ("Тип", f"{md_inline(obj.kind)} ({inline_code(obj.api_version)})"),
        ("Простір імен", md_inline(obj.namespace) if obj.namespace
         else t("— (рівень кластера)")),
        ("Кластер", md_inline(obj.cluster) if obj.cluster else t("— (не розгорнуто)")),
    ]
    chart = ctx.catalog.charts.get(obj.key)
    if obj.kind == "HelmRelease" and obj.is_flux:
        rows.extend(_chart_rows(ctx, obj, chart, page))
        release = ctx.catalog.releases[obj.key]
        rows.append(("Ім'я релізу", _text(release.release_name)
                     + (t(" (типове)") if release.default_release_name else "")))
        target = spec.get("targetNamespace")
        rows.append(("Цільовий простір імен", _text(target) if target else
                     t("— (простір імен HelmRelease)")))
    elif obj.kind == "Kustomization" and obj.is_flux:
        ks = ctx.catalog.kustomizations[obj.key]
        rows.append(("Шлях", _text(ks.path) if ks.path else t("`./` (корінь)")))
        source = next((e for e in ctx.out_edges.get(obj.key, ()) if e.type == "source"), None)
        if source is not None:
            target = ctx.by_key.get(source.target)
            kind = target.kind if target else ObjectKey.parse(source.target).kind
            rows.append(("Джерело", f"{md_inline(kind)} "
                                    f"{ctx.object_link(source.target, page)}"))
            url = target.spec.get("url") if target else None
            if isinstance(url, str):
                rows.append(("URL джерела", inline_code(redact_text(url))))
        rows.append(("Цільовий простір імен", _text(ks.target_namespace)
                     if ks.target_namespace else EMPTY))
        rows.append(("Видаляти зайве (prune)", _text(ks.prune)))
        rows.append(("Чекати готовності (wait)", _text(ks.wait)))
        rows.append(("Тайм-аут", _text(ks.timeout)))
    if obj.is_flux and "interval" in spec:
        rows.append(("Інтервал", _text(spec.get("interval"))))
    if spec.get("suspend") is True:
        rows.append(("Призупинено (suspend)", t("**так**: Flux його не синхронізує")))
    rows.append(("Розгорнуто", _deployed(ctx, obj, page)))
    if obj.patched_by:
        rows.append(("Змінено патчами", ", ".join(ctx.file(p) for p in obj.patched_by)))
    rows.append(("Файл", ctx.file(obj.path, obj.line)))
    return [(t(label), value) for label, value in rows]


def _chart_rows(ctx: Context, obj: K8sObject, chart: Chart | None, page: str
                ) -> list[tuple[str, str]]:
    if chart is None:
        return [("Чарт", EMPTY)]
    rows = [("Чарт", _text(chart.name))]
    git_version = git_chart_version(obj, chart)
    if git_version is not None:
        version = git_version
    elif chart.version is None:
        version = t("не вказано: Flux бере найновішу")
    elif chart.chart_file is not None:
        version = t("{version} — з {file}: для чарта з Git-репозиторію Flux бере версію з "
                    "його Chart.yaml, а не з HelmRelease", version=_text(chart.version),
                    file=inline_code(chart.chart_file))
    elif chart.pinned:
        version = _text(chart.version)
    else:
        version = _text(chart.version) + t(" (діапазон або гілка: не закріплено)")
    rows.append(("Версія", version))
    source = chart.source
    if source is not None:
        key = source.id or str(ObjectKey.of(obj.cluster, source.kind, source.namespace,
                                            source.name))
        rows.append(("Джерело",
                     f"{md_inline(source.kind)} {ctx.object_link(key, page, source.name)}"))
        if source.url:
            rows.append(("URL джерела", inline_code(redact_text(source.url))))
        target = ctx.by_key.get(key)
        interval = target.spec.get("interval") if target is not None else None
        if interval is not None:
            rows.append(("Інтервал джерела", _text(interval)))
    if chart.via == "chartRef":
        rows.append(("Спосіб", f"{inline_code('spec.chartRef')}"))
    links = chart_links(ctx.catalog.documents, chart)
    if links is not None:
        rows.append(("Документація чарта", links))
    return rows


def _deployed(ctx: Context, obj: K8sObject, page: str) -> str:
    if not obj.deployed:
        return t("**ні**: файл не застосовує жодна Flux Kustomization")
    key = obj.applier_key
    if key is None:
        return t("так")
    if key == obj.key:
        return t("так, вона застосовує сама себе (її створює `flux bootstrap`)")
    return t("так, його застосовує Flux Kustomization {link}",
             link=ctx.object_link(key, page))


NO_VALUES = Values("", False, ())


def _helm_values(rendered: Values) -> str:
    if rendered is NO_VALUES:
        return t("## Значення\n") + "\n" + t(
            "Значень у HelmRelease не задано: чарт встановлюється з власними типовими "
            "значеннями (або з `valuesFrom`).\n")
    yaml_tab = code(rendered.yaml, "yaml")
    if rendered.truncated:
        yaml_tab += "\n" + t("Значення завеликі для сторінки, показано лише початок; решта — "
                              "у файлі.\n")
    if rendered.documented:
        rows = [(inline_code(d.path), inline_code(d.value), md_inline(d.description))
                for d in rendered.documented]
        doc_tab = table(("Ключ", "Значення", "Опис"), rows)
    else:
        doc_tab = t("Жодне значення не задокументовано. Напишіть коментар `# -- опис` рядком "
                    "вище ключа, і він з'явиться тут.\n")
    intro = t("Значення, які Flux передає чарту (`spec.values`), з коментарями з YAML. "
              "Секрети приховано й замінено на {mark}.\n",
              mark=inline_code(MARKER))
    return t("## Значення\n") + "\n" + intro + "\n" + tabs((("YAML", yaml_tab),
                                                    ("Документовані значення", doc_tab)))


def _values_from(ctx: Context, obj: K8sObject, page: str) -> str:
    entries = obj.spec.get("valuesFrom")
    if not isinstance(entries, list) or not entries:
        return ""
    rows = []
    for entry in ctx.catalog.releases[obj.key].values_from:
        shown = (ctx.object_link(entry.target, page, str(entry.name))
                 if entry.target in ctx.by_key else md_inline(entry.name))
        rows.append((md_inline(entry.kind), shown, _text(entry.values_key or "values.yaml"),
                     _text(entry.target_path), _text(entry.optional)))
    return (t("## Значення з інших об'єктів (valuesFrom)\n") + "\n"
            + t("Flux додає ці значення до `spec.values` перед встановленням; самі значення "
                "тут не показано, бо вони зберігаються поза HelmRelease (часто в Secret).\n")
            + "\n" + table(("Тип", "Ім'я", "Ключ", "Шлях у значеннях", "Необов'язково"), rows))


def _settings(title: str, spec: Any, keys: tuple[str, ...], empty: str) -> str:
    if not isinstance(spec, Mapping):
        return ""
    subset = select_keys(spec, keys)
    if not subset:
        return f"## {title}\n\n{empty}\n"
    text, truncated = redacted_yaml(subset, column_of(spec))
    note = "\n" + t("Показано лише початок; решта — у файлі.\n") if truncated else ""
    return f"## {title}\n\n{code(text, 'yaml')}{note}"


def _applied(ctx: Context, obj: K8sObject, page: str) -> str:
    applied = sorted((e.source for e in ctx.in_edges.get(obj.key, ())
                      if e.type == APPLIED_BY and e.source != obj.key),
                     key=lambda k: (ctx.by_key[k].namespace or "", ctx.by_key[k].kind,
                                    ctx.by_key[k].name) if k in ctx.by_key else ("", "", k))
    if not applied:
        return t("## Що застосовує\n") + "\n" + t(
            "Ця Kustomization не застосовує жодного об'єкта з репозиторію.\n")
    rows = []
    for key in applied:
        target = ctx.by_key.get(key)
        if target is None:
            continue
        rows.append((ctx.object_link(key, page), md_inline(target.kind),
                     md_inline(target.namespace) if target.namespace else EMPTY,
                     ctx.file(target.path, target.line)))
    return t("## Що застосовує\n") + "\n" + table(("Об'єкт", "Тип", "Простір імен", "Файл"), rows)


def _spec(obj: K8sObject, spec: Mapping[str, Any]) -> str:
    if not spec:
        return ""
    text, truncated = redacted_yaml(spec, column_of(spec), kind=obj.kind)
    note = "\n" + t("Показано лише початок; решта — у файлі.\n") if truncated else ""
    return (t("## Специфікація\n") + "\n" + t("Поле `spec` об'єкта; секрети приховано.\n")
            + f"\n{code(text, 'yaml')}{note}")


def _edges(ctx: Context, obj: K8sObject, page: str) -> str:
    rows: list[tuple[str, str, str]] = []
    for edge in sorted(ctx.out_edges.get(obj.key, ()), key=lambda e: (e.type, e.target)):
        if edge.type == NAMESPACE or edge.target == obj.key:
            continue
        rows.append((md_inline(t(EDGE_TITLES.get(edge.type, edge.type))),
                     ctx.object_link(edge.target, page, _display(ctx, edge.target)),
                     _state(edge.status, edge.inferred)))
    for edge in sorted(ctx.in_edges.get(obj.key, ()), key=lambda e: (e.type, e.source)):
        if edge.type in (NAMESPACE, APPLIED_BY) or edge.source == obj.key:
            continue
        rows.append((md_inline(t(REVERSE_TITLES.get(edge.type, edge.type))),
                     ctx.object_link(edge.source, page, _display(ctx, edge.source)),
                     _state(EdgeStatus.FOUND, edge.inferred)))
    if not rows:
        return t("Зв'язків з іншими об'єктами немає.\n")
    more = ""
    if len(rows) > MAX_EDGE_ROWS:
        more = "\n" + t("Ще {count} зв'язків не показано.\n", count=len(rows) - MAX_EDGE_ROWS)
        rows = rows[:MAX_EDGE_ROWS]
    return table(("Зв'язок", "Об'єкт", "Стан"), rows) + more


def _display(ctx: Context, key: str) -> str:
    obj = ctx.by_key.get(key)
    if obj is not None:
        return f"{obj.kind} {obj.namespace + '/' if obj.namespace else ''}{obj.name}"
    parsed = ObjectKey.parse(key)
    namespace = parsed.namespace
    return f"{parsed.kind} {namespace + '/' if namespace else ''}{parsed.name}"


STATES = {
    EdgeStatus.MISSING: t("**немає в репозиторії**"),
    EdgeStatus.BOOTSTRAP: t("створює `flux bootstrap`"),
    EdgeStatus.EXTERNAL: t("створюють поза Git"),
    EdgeStatus.BUILT_IN: t("вбудований"),
}


def _state(status: EdgeStatus, inferred: bool) -> str:
    if status in STATES:
        return t(STATES[status])
    return t("знайдено (виведено зі значень)") if inferred else t("знайдено в репозиторії")


def _problems(ctx: Context, obj: K8sObject) -> str:
    found = ctx.problems_in(obj.path, obj.line, ctx.object_end(obj))
    if not found:
        return ""
    rows = [(_level(p.level), md_inline(p.rule), ctx.file(p.path, p.line), md_inline(p.message))
            for p in found]
    return t("## Проблеми\n") + "\n" + table(("Рівень", "Правило", "Місце", "Повідомлення"), rows)


def _level(level: str) -> str:
    names = {"error": "**помилка**", "warning": "попередження", "info": "примітка"}
    return t(names[level]) if level in names else md_inline(level)

"""The site's "What changed" page: the diff report as Markdown for MkDocs (Material).

The same :class:`~flux_catalog.diff.report.DiffReport` as the PR comment, laid out for a site:
a heading per cluster (so the table of contents lists them), a sub-heading per section, and
each values diff in a collapsible admonition (``pymdownx.details``). Page texts are in the
site's language: on a Ukrainian site the messages and summaries too (:mod:`.page_uk`), on an
English one the report's own. Everything taken from manifests is escaped; the diffs are
already redacted by the comparison.
"""

from __future__ import annotations

from collections.abc import Callable

from ..render.escape import md_code_block, md_inline
from ..render.i18n import current, t
from ..render.markdown import indent, inline_code
from .page_uk import summary_uk, translate_change
from .report import SECTION_TITLES, SECTIONS, VALUES, WARNING, Change, DiffReport

PAGE = "changes.md"
TITLE = "Що змінилося"

_SECTION_TITLES_UK = {
    "Review flags": "На що звернути увагу",
    "Objects": "Об'єкти",
    "Charts": "Чарти",
    "Values and settings": "Значення й налаштування",
    "Documentation": "Документація",
    "Problems": "Проблеми",
}


def changes_markdown(report: DiffReport,
                     page_of: Callable[[str], str | None] | None = None) -> str:
    """The page, in the language set by :func:`flux_catalog.render.i18n.language`.

    ``page_of`` maps an object key (``cluster:Kind/namespace/name``) of the built catalog to
    its page (docs-relative), so what still exists links to its page; this page is at the
    docs root, so that path is the link.
    """
    out = [
        f"# {t(TITLE)}\n",
        t("Що змінилося в каталозі від {base} до {head}: компоненти й об'єкти, чарти та їхні "
          "версії, значення, документація і проблеми. Секрети приховано з обох боків.\n",
          base=inline_code(report.base), head=inline_code(report.head)),
    ]
    if not report.clusters:
        out.append(t("Змін немає: Flux розгортає те саме, і документація та проблеми ті "
                     "самі.\n"))
        return "\n".join(out)
    uk = current() == "uk"
    summary = (summary_uk(report.changes, sum(1 for c in report.clusters if c.cluster)) if uk
               else report.summary())
    out.append(f"**{md_inline(summary)}**\n")
    for cluster in report.clusters:
        title = cluster.cluster or t("Спільні файли й файли поза кластерами")
        out.append(f"## {md_inline(title)}\n")
        out.append(f"{md_inline(summary_uk(cluster.changes) if uk else cluster.summary())}\n")
        for section in SECTIONS:
            changes = [c for c in cluster.changes if c.section == section]
            if not changes:
                continue
            out.append(f"### {_section_title(SECTION_TITLES[section])}\n")
            link = _linker(cluster.cluster, page_of)
            if section == VALUES:
                out += [_values(c, link) for c in changes]
            else:
                out.append("\n".join(_item(c, link) for c in changes) + "\n")
    return "\n".join(out)


def _section_title(english: str) -> str:
    return english if current() == "en" else _SECTION_TITLES_UK.get(english, english)


def _message(c: Change) -> str:
    return translate_change(c) if current() == "uk" else c.message


def _linker(cluster: str, page_of: Callable[[str], str | None] | None
            ) -> Callable[[str], str]:
    def link(subject: str) -> str:
        target = page_of(f"{cluster}:{subject}") if page_of is not None and cluster else None
        return f"[{inline_code(subject)}]({target})" if target else inline_code(subject)
    return link


def _item(c: Change, link: Callable[[str], str] = inline_code) -> str:
    mark = "⚠️ " if c.level == WARNING else ""
    subject = "" if c.subject == c.path else f"{link(c.subject)}: "
    loc = f"{c.path}:{c.line}" if c.line else c.path
    where = f" ({inline_code(loc)})" if c.path else ""
    return f"- {mark}{subject}{md_inline(_message(c))}{where}"


def _values(c: Change, link: Callable[[str], str] = inline_code) -> str:
    if not c.diff:
        return _item(c, link) + "\n"
    kind = "warning" if c.level == WARNING else "note"
    title = " ".join(f"{c.subject}: {_message(c)}".split()).replace('"', "'")
    return f'??? {kind} "{md_inline(title)}"\n\n{indent(md_code_block(c.diff, "diff"))}\n'

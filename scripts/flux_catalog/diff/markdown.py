"""The diff report as a pull request comment (GitHub-flavoured Markdown).

A hidden marker comes first, so the CI job finds and updates its own comment; then a one-line
summary, then one collapsible section per cluster. Everything taken from manifests is escaped
(:mod:`flux_catalog.render.escape`), diffs sit in fenced blocks that nothing can close. The
order is stable, so posting the same diff again changes nothing.
"""

from __future__ import annotations

import html
import re

from ..render.escape import md_code_block, md_inline
from .report import (
    FLAGS,
    SECTION_TITLES,
    SECTIONS,
    VALUES,
    WARNING,
    Change,
    ClusterDiff,
    DiffReport,
)

MARKER = "<!-- flux-catalog-diff -->"
# GitHub refuses comments longer than 65,536 characters.
MAX_CHARS = 60_000


def to_markdown(report: DiffReport, max_chars: int = MAX_CHARS) -> str:
    text = _render(report, with_diffs=True)
    if len(text) > max_chars:
        text = _render(report, with_diffs=False)
        if len(text) > max_chars:
            cut = text.rfind("\n", 0, max_chars - 200)
            text = text[:cut] + "\n\n</details>\n\n" + _NOTE_CUT
    return text


_NOTE_DIFFS = ("\n> Values and settings diffs are left out to keep this comment under GitHub's "
               "size limit; run `flux-catalog diff` locally or read the job log.\n")
_NOTE_CUT = ("> This comment was cut at GitHub's size limit; run `flux-catalog diff` locally or "
             "read the job log for the rest.\n")


def _render(report: DiffReport, with_diffs: bool) -> str:
    out = [
        MARKER,
        f"### flux-catalog diff: {_code(report.base)} → {_code(report.head)}",
        "",
        f"**{md_inline(report.summary())}**",
    ]
    if not with_diffs:
        out.append(_NOTE_DIFFS)
    for cluster in report.clusters:
        out += ["", *_cluster(cluster, with_diffs)]
    return "\n".join(out).rstrip("\n") + "\n"


def _cluster(cluster: ClusterDiff, with_diffs: bool) -> list[str]:
    flagged = cluster.count(FLAGS) > 0
    out = [
        f"<details{' open' if flagged else ''}>",
        f"<summary><b>{md_inline(cluster.title)}</b>: {md_inline(cluster.summary())}</summary>",
        "",
    ]
    for section in SECTIONS:
        changes = [c for c in cluster.changes if c.section == section]
        if not changes:
            continue
        out += [f"#### {SECTION_TITLES[section]}", ""]
        if section == VALUES:
            for c in changes:
                out += _values(c, with_diffs)
        else:
            out += [_item(c) for c in changes]
        out.append("")
    out.append("</details>")
    return out


def _item(c: Change) -> str:
    mark = "⚠️ " if c.level == WARNING else ""
    loc = f"{c.path}:{c.line}" if c.line else c.path
    where = f" ({_code(loc)})" if c.path else ""
    subject = "" if c.subject == c.path else f"{_code(c.subject)}: "
    return f"- {mark}{subject}{md_inline(c.message)}{where}"


def _values(c: Change, with_diffs: bool) -> list[str]:
    if not c.diff or not with_diffs:
        return [_item(c)]
    mark = "⚠️ " if c.level == WARNING else ""
    return [
        "<details>",
        f"<summary>{mark}{_html_code(c.subject)}: {md_inline(c.message)}</summary>",
        "",
        md_code_block(c.diff, "diff").rstrip("\n"),
        "",
        "</details>",
        "",
    ]


def _code(text: str) -> str:
    """Inline code that no backtick in ``text`` can close, on one line."""
    text = " ".join(str(text).split())
    ticks = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{ticks}{pad}{text}{pad}{ticks}"


def _html_code(text: str) -> str:
    """Code inside raw HTML (a ``<summary>``), where Markdown is not read."""
    return f"<code>{html.escape(' '.join(str(text).split()))}</code>"

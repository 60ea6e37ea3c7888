"""The diff report for a terminal, and as JSON for machines."""

from __future__ import annotations

import json

from .report import SECTION_TITLES, SECTIONS, WARNING, DiffReport


def to_json(report: DiffReport) -> str:
    return json.dumps(report.as_dict(), ensure_ascii=False, indent=2) + "\n"


def to_text(report: DiffReport, color: bool = False) -> str:
    def bold(s: str) -> str:
        return f"\033[1m{s}\033[0m" if color else s

    def warn(s: str) -> str:
        return f"\033[33m{s}\033[0m" if color else s

    def diff_line(s: str) -> str:
        if not color:
            return s
        if s.startswith("+"):
            return f"\033[32m{s}\033[0m"
        if s.startswith("-"):
            return f"\033[31m{s}\033[0m"
        return s

    out = [f"flux-catalog diff {report.base} → {report.head}", report.summary()]
    for cluster in report.clusters:
        title = f"cluster {cluster.title}" if cluster.cluster else cluster.title
        out += ["", bold(f"{title}: {cluster.summary()}")]
        for section in SECTIONS:
            changes = [c for c in cluster.changes if c.section == section]
            if not changes:
                continue
            out.append(f"  {SECTION_TITLES[section]}")
            for c in changes:
                mark = warn("!") if c.level == WARNING else "-"
                where = f"  ({c.path}:{c.line})" if c.line else f"  ({c.path})" if c.path else ""
                subject = "" if c.subject == c.path else f"{c.subject}: "
                out.append(f"    {mark} {subject}{c.message}{where}")
                for line in c.diff.splitlines():
                    out.append("        " + diff_line(line))
    return "\n".join(out) + "\n"

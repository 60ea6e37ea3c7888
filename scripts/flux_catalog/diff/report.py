"""The result of comparing two catalogs: plain frozen data, in a stable order."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

# Sections, in the order every output shows them.
FLAGS = "flags"
OBJECTS = "objects"
CHARTS = "charts"
VALUES = "values"
DOCS = "docs"
PROBLEMS = "problems"
SECTIONS = (FLAGS, OBJECTS, CHARTS, VALUES, DOCS, PROBLEMS)
SECTION_TITLES = {
    FLAGS: "Review flags",
    OBJECTS: "Objects",
    CHARTS: "Charts",
    VALUES: "Values and settings",
    DOCS: "Documentation",
    PROBLEMS: "Problems",
}

# Change types.
ADDED = "added"
REMOVED = "removed"
MOVED = "moved"
CHART = "chart"
VALUES_CHANGED = "values"
SETTINGS_CHANGED = "settings"
SPEC_CHANGED = "changed"
HIDDEN_CHANGED = "hidden-value"
DESCRIPTION_ADDED = "description-added"
DESCRIPTION_CHANGED = "description-changed"
DESCRIPTION_REMOVED = "description-removed"
README_ADDED = "readme-added"
README_CHANGED = "readme-changed"
README_REMOVED = "readme-removed"
UNDOCUMENTED = "undocumented"
PROBLEM_INTRODUCED = "introduced"
PROBLEM_FIXED = "fixed"
# Review flags.
PRUNED = "pruned"
ORPHANED = "orphaned"
RECREATED = "recreated"
SUSPEND = "suspend"
TARGET_NAMESPACE = "target-namespace"
CYCLE = "dependsOn-cycle"
CRDS = "crds-policy"
RELEASE_SETTINGS = "release-settings"
MAJOR_BUMP = "major-bump"

WARNING = "warning"
INFO = "info"

NOT_DEPLOYED = ""  # the cluster name for files no Flux Kustomization applies


@dataclass(frozen=True)
class Change:
    """One thing that differs between the base and the head, already redacted."""

    section: str  # one of SECTIONS
    type: str  # ADDED, CHART, PRUNED, ...
    subject: str  # what changed: an object id ``Kind/namespace/name``, a path, a cycle
    message: str  # one line for people
    path: str = ""  # file (head side when it exists, else base) and line to look at
    line: int = 0
    level: str = INFO  # WARNING for what a reviewer must not miss
    diff: str = ""  # a redacted unified diff, for values and settings
    data: Mapping[str, Any] = field(default_factory=dict)  # details for machines

    def sort_key(self) -> tuple[int, int, str, str, str]:
        return (SECTIONS.index(self.section), 0 if self.level == WARNING else 1, self.subject,
                self.type, self.message)

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "section": self.section,
            "type": self.type,
            "subject": self.subject,
            "level": self.level,
            "message": self.message,
            "file": self.path or None,
            "line": self.line or None,
        }
        if self.diff:
            out["diff"] = self.diff
        if self.data:
            out["data"] = dict(self.data)
        return out


@dataclass(frozen=True)
class ClusterDiff:
    cluster: str  # NOT_DEPLOYED for files no Flux Kustomization applies
    changes: tuple[Change, ...]

    @property
    def title(self) -> str:
        return self.cluster or "shared files and files outside any cluster"

    def count(self, section: str, type_: str | None = None) -> int:
        return sum(c.section == section and (type_ is None or c.type == type_)
                   for c in self.changes)

    def summary(self) -> str:
        return summary_text(self.changes)


@dataclass(frozen=True)
class DiffReport:
    base: str  # labels of the two sides
    head: str
    clusters: tuple[ClusterDiff, ...]  # only clusters with changes, sorted by name

    @property
    def changes(self) -> list[Change]:
        return [c for cluster in self.clusters for c in cluster.changes]

    def summary(self) -> str:
        changes = self.changes
        if not changes:
            return "no changes to what Flux deploys, its documentation or its problems"
        n = sum(1 for c in self.clusters if c.cluster)
        where = f"{n} cluster{'s' if n != 1 else ''} changed" if n else "changes"
        return f"{where}: {summary_text(changes)}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "base": self.base,
            "head": self.head,
            "summary": self.summary(),
            "counts": counts(self.changes),
            "clusters": [
                {"cluster": c.cluster or None, "summary": c.summary(), "counts": counts(c.changes),
                 "changes": [x.as_dict() for x in c.changes]}
                for c in self.clusters
            ],
        }


def counts(changes: Iterable[Change]) -> dict[str, int]:
    out: dict[str, int] = {}
    for change in changes:
        key = f"{change.section}.{change.type}"
        out[key] = out.get(key, 0) + 1
    return dict(sorted(out.items()))


def summary_text(changes: Iterable[Change]) -> str:
    """``3 added, 1 removed, 2 chart changes (1 major), ...``: the non-zero counts, in order."""
    c = counts(changes)

    def n(*keys: str) -> int:
        return sum(c.get(k, 0) for k in keys)

    parts = []
    for label, value in (
        ("added", n(f"{OBJECTS}.{ADDED}")),
        ("removed", n(f"{OBJECTS}.{REMOVED}")),
        ("moved", n(f"{OBJECTS}.{MOVED}")),
    ):
        if value:
            parts.append(f"{value} {label}")
    charts = n(f"{CHARTS}.{CHART}")
    if charts:
        major = n(f"{FLAGS}.{MAJOR_BUMP}")
        parts.append(f"{charts} chart change{'s' if charts != 1 else ''}"
                     + (f" ({major} major)" if major else ""))
    values = sum(v for k, v in c.items() if k.startswith(VALUES + "."))
    if values:
        parts.append(f"{values} values/settings change{'s' if values != 1 else ''}")
    docs = sum(v for k, v in c.items() if k.startswith(DOCS + "."))
    if docs:
        parts.append(f"{docs} documentation change{'s' if docs != 1 else ''}")
    introduced, fixed = n(f"{PROBLEMS}.{PROBLEM_INTRODUCED}"), n(f"{PROBLEMS}.{PROBLEM_FIXED}")
    if introduced or fixed:
        parts.append(f"problems +{introduced} −{fixed}")
    flags = sum(v for k, v in c.items() if k.startswith(FLAGS + ".") and k != f"{FLAGS}."
                f"{MAJOR_BUMP}")
    if flags:
        parts.append(f"{flags} review flag{'s' if flags != 1 else ''}")
    return ", ".join(parts) or "no changes"


def sort_changes(changes: Iterable[Change]) -> tuple[Change, ...]:
    return tuple(sorted(changes, key=lambda c: (*c.sort_key(), c.path, c.line, c.diff)))

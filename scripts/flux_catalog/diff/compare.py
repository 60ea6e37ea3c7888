"""Compare the catalogs of two revisions, cluster by cluster, into a :class:`DiffReport`.

Objects are matched by cluster and id (``Kind/namespace/name``). An object whose namespace
changed is matched by cluster, kind and name and reported as moved (Flux deletes and creates
it); one whose applying Kustomization changed is moved too. Generated ConfigMaps and Secrets
whose name hash changed are matched by their name without the hash.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterator, Mapping
from typing import Any

from ..model import Catalog, Chart, K8sObject, Problem
from ..secrets import redact_text
from . import flags
from .report import (
    ADDED,
    CHART,
    CHARTS,
    DESCRIPTION_ADDED,
    DESCRIPTION_CHANGED,
    DESCRIPTION_REMOVED,
    DOCS,
    FLAGS,
    HIDDEN_CHANGED,
    INFO,
    MAJOR_BUMP,
    MOVED,
    NOT_DEPLOYED,
    OBJECTS,
    PROBLEM_FIXED,
    PROBLEM_INTRODUCED,
    PROBLEMS,
    README_ADDED,
    README_CHANGED,
    README_REMOVED,
    REMOVED,
    SETTINGS_CHANGED,
    SPEC_CHANGED,
    UNDOCUMENTED,
    VALUES,
    VALUES_CHANGED,
    WARNING,
    Change,
    ClusterDiff,
    DiffReport,
    sort_changes,
)
from .semver import MAJOR, bump
from .snapshot import Snapshot
from .values import hidden_changes, without, yaml_diff

_HASH_SUFFIX = re.compile(r"-[a-z0-9]{10}$")
# Parts of a HelmRelease shown as chart changes, not as settings.
_CHART_KEYS = (("chart", "spec", "chart"), ("chart", "spec", "version"),
               ("chart", "spec", "sourceRef"), ("chartRef",), ("values",))


def compare(base: Snapshot, head: Snapshot) -> DiffReport:
    """Everything that differs between ``base`` and ``head``, per cluster, in a stable order."""
    out: dict[str, list[Change]] = {}

    def add(cluster: str | None, change: Change | None) -> None:
        if change is not None:
            out.setdefault(cluster or NOT_DEPLOYED, []).append(change)

    b_by_key = base.catalog.by_key()
    pairs, removed, added = _match(base.catalog.objects, head.catalog.objects)
    for old in removed:
        add(old.cluster, Change(OBJECTS, REMOVED, old.id, _removed_text(old), old.path, old.line,
                                data=_object_data(old)))
        add(old.cluster, flags.removal(old, b_by_key))
    for new in added:
        add(new.cluster, Change(OBJECTS, ADDED, new.id, _added_text(new), new.path, new.line,
                                data=_object_data(new)))
        if (new.is_component and new.kind in head.policy.describe and new.description is None
                and new.cluster is not None):
            add(new.cluster, Change(DOCS, UNDOCUMENTED, new.id,
                                    f"new {new.kind} without a kubernetes.io/description",
                                    new.path, new.line, WARNING))
    for old, new in pairs:
        for change in _changed(old, new, base.catalog, head.catalog, b_by_key):
            add(new.cluster, change)
    for where, change in (*flags.new_cycles(base.catalog, head.catalog),
                          *_readmes(base.catalog, head.catalog), *_problems(base, head)):
        add(where, change)
    clusters = tuple(ClusterDiff(name, sort_changes(changes))
                     for name, changes in sorted(out.items(), key=lambda kv: (not kv[0], kv[0])))
    return DiffReport(base.label, head.label, clusters)


def _match(base: tuple[K8sObject, ...], head: tuple[K8sObject, ...]
           ) -> tuple[list[tuple[K8sObject, K8sObject]], list[K8sObject], list[K8sObject]]:
    b: dict[tuple[str | None, str], K8sObject] = {}
    h: dict[tuple[str | None, str], K8sObject] = {}
    for obj in base:
        b.setdefault((obj.cluster, obj.id), obj)
    for obj in head:
        h.setdefault((obj.cluster, obj.id), obj)
    pairs = [(b[k], h[k]) for k in b.keys() & h.keys()]
    removed = [b[k] for k in b.keys() - h.keys()]
    added = [h[k] for k in h.keys() - b.keys()]
    for loose in (_by_name, _by_generated_name):
        unmatched: dict[Any, list[K8sObject]] = {}
        for obj in removed:
            unmatched.setdefault(loose(obj), []).append(obj)
        still_added = []
        for obj in added:
            candidates = unmatched.get(loose(obj))
            if candidates and loose(obj) is not None:
                pairs.append((candidates.pop(0), obj))
            else:
                still_added.append(obj)
        matched = {id(o) for o, _ in pairs}
        removed = [o for o in removed if id(o) not in matched]
        added = still_added
    order = lambda o: (o.cluster or "", o.id, o.path, o.line)  # noqa: E731
    pairs.sort(key=lambda p: order(p[1]))
    return pairs, sorted(removed, key=order), sorted(added, key=order)


def _by_name(obj: K8sObject) -> tuple[str | None, str, str] | None:
    return (obj.cluster, obj.kind, obj.name)


def _by_generated_name(obj: K8sObject) -> tuple[str | None, str, str | None, str] | None:
    if not obj.generated or not _HASH_SUFFIX.search(obj.name):
        return None
    return (obj.cluster, obj.kind, obj.namespace, _HASH_SUFFIX.sub("", obj.name))


def _changed(old: K8sObject, new: K8sObject, base: Catalog, head: Catalog,
             b_by_key: Mapping[str, K8sObject]) -> Iterator[Change]:
    if old.namespace != new.namespace or old.applied_by != new.applied_by:
        moves = []
        if old.namespace != new.namespace:
            moves.append(f"namespace {old.namespace or '-'} → {new.namespace or '-'}")
        if old.applied_by != new.applied_by:
            moves.append(f"applied by {old.applied_by or 'nothing'} → "
                         f"{new.applied_by or 'nothing'}")
        origin = "moved" if old.id == new.id else f"moved from {old.id}"
        yield Change(OBJECTS, MOVED, new.id, f"{origin}: " + "; ".join(moves),
                     new.path, new.line, data={"from": old.id, "to": new.id,
                                               "applied_by": [old.applied_by, new.applied_by]})
        yield from flags.moved(old, new, b_by_key)
    elif old.name != new.name:
        yield Change(OBJECTS, MOVED, new.id, f"generated name {old.name} → {new.name} "
                     "(content hash changed; the old one is pruned)", new.path, new.line)
    if new.kind == "HelmRelease" and new.is_flux:
        yield from _chart(old, new, base.charts.get(old.key), head.charts.get(new.key))
    if old.body == new.body:
        return
    yield from _description(old, new)
    yield from flags.settings(old, new)
    yield from _body(old, new)


def _chart(before: K8sObject, obj: K8sObject, old: Chart | None, new: Chart | None
           ) -> Iterator[Change]:
    if old is None or new is None or old == new:
        return
    parts: list[str] = []
    data: dict[str, Any] = {}
    if old.source != new.source:
        # A source in the release's own namespace that moved with it is not a source change.
        follows = (old.source is not None and new.source is not None
                   and old.source.namespace == before.namespace
                   and new.source.namespace == obj.namespace)
        a, b = _source(old, follows), _source(new, follows)
        if a != b:
            parts.append(f"source {a} → {b}")
            data["source"] = [a, b]
    if old.name != new.name:
        parts.append(f"chart {old.name or '?'} → {new.name or '?'}")
        data["chart"] = [old.name, new.name]
    level = None
    if old.version != new.version:
        change = bump(old.version, new.version)
        level = change.level
        parts.append(f"version {old.version or '(latest)'} → {new.version or '(latest)'}"
                     + ("" if change.level == "other" else f" ({change.describe()})"))
        data["version"] = [old.version, new.version]
        data["level"] = change.level
        data["downgrade"] = change.downgrade
    if old.pinned != new.pinned:
        parts.append("range → pin" if new.pinned else "pin → range (no longer reproducible)")
        data["pinned"] = [old.pinned, new.pinned]
    if not parts:
        return
    message = redact_text("; ".join(parts))
    name = new.name or old.name or "?"
    yield Change(CHARTS, CHART, obj.id, f"{name}: {message}", obj.path, obj.line,
                 WARNING if level == MAJOR else INFO, data=data)
    if level == MAJOR:
        yield Change(FLAGS, MAJOR_BUMP, obj.id,
                     f"major chart version bump of {name}: {old.version} → {new.version}; read "
                     "the chart's upgrade notes", obj.path, obj.line, WARNING)


def _source(chart: Chart, same_namespace: bool = False) -> str:
    s = chart.source
    if s is None:
        return "(none)"
    where = f" {redact_text(s.url)}" if s.url else ""
    ns = "(own namespace)" if same_namespace else s.namespace or ""
    return f"{s.kind}/{ns}/{s.name}{where}"


def _description(old: K8sObject, new: K8sObject) -> Iterator[Change]:
    a, b = old.description, new.description
    if a == b:
        return
    if a is None:
        yield Change(DOCS, DESCRIPTION_ADDED, new.id, f"description added: {_one_line(b)}",
                     new.path, new.line)
    elif b is None:
        yield Change(DOCS, DESCRIPTION_REMOVED, new.id, f"description removed (was: "
                     f"{_one_line(a)})", new.path, new.line, WARNING)
    else:
        yield Change(DOCS, DESCRIPTION_CHANGED, new.id,
                     f"description: {_one_line(a)} → {_one_line(b)}", new.path, new.line)


def _body(old: K8sObject, new: K8sObject) -> Iterator[Change]:
    """Redacted diffs: values and settings for HelmReleases, the rest for other objects."""
    kind = new.kind if new.kind == old.kind else None
    a, b = _without_docs(old.body), _without_docs(new.body)
    if new.kind == "HelmRelease" and new.is_flux:
        values = yaml_diff(old.spec.get("values"), new.spec.get("values"))
        if values:
            yield Change(VALUES, VALUES_CHANGED, new.id, "values changed", new.path, new.line,
                         diff=values)
        a = {**a, "spec": without(old.spec, _CHART_KEYS)}
        b = {**b, "spec": without(new.spec, _CHART_KEYS)}
        diff = yaml_diff(a, b)
        if diff:
            yield Change(VALUES, SETTINGS_CHANGED, new.id, "settings changed", new.path,
                         new.line, diff=diff)
    else:
        diff = yaml_diff(a, b, kind=kind)
        if diff:
            yield Change(VALUES, SPEC_CHANGED, new.id, f"{new.kind} changed", new.path,
                         new.line, diff=diff)
    hidden = hidden_changes(old.body, new.body, kind=kind)
    if hidden:
        yield Change(VALUES, HIDDEN_CHANGED, new.id,
                     f"hidden value{'s' if len(hidden) > 1 else ''} changed (redacted on both "
                     f"sides): {', '.join(hidden)}", new.path, new.line, WARNING,
                     data={"paths": hidden})


def _without_docs(body: Mapping[str, Any]) -> dict[str, Any]:
    """The body without the parts shown elsewhere: identity and the description annotation."""
    out = without(body, (("metadata", "name"), ("metadata", "namespace"),
                         ("metadata", "annotations", "kubernetes.io/description"), ("status",)))
    return out


def _readmes(base: Catalog, head: Catalog) -> Iterator[tuple[str | None, Change]]:
    old_where, new_where = _cluster_of_path(base), _cluster_of_path(head)
    a = {d.path: d for d in base.directories if d.readme_path}
    b = {d.path: d for d in head.directories if d.readme_path}
    head_dirs = {d.path for d in head.directories}
    for path in sorted(a.keys() | b.keys()):
        old, new = a.get(path), b.get(path)
        if old is not None and new is not None:
            if old.readme == new.readme:
                continue
            plus, minus = _line_changes(old.readme or "", new.readme or "")
            readme = new.readme_path or path
            yield new_where(readme), Change(DOCS, README_CHANGED, readme,
                                            f"README changed (+{plus} −{minus} lines)", readme, 1)
        elif new is not None:
            readme = new.readme_path or path
            yield new_where(readme), Change(DOCS, README_ADDED, readme, "README added", readme, 1)
        # A directory that no longer holds manifests drops out of the catalog with its
        # README: only a README that is really gone is reported.
        elif old is not None and path in head_dirs:
            readme = old.readme_path or path
            yield old_where(readme), Change(DOCS, README_REMOVED, readme, "README removed",
                                            readme, 1, WARNING)


def _line_changes(a: str, b: str) -> tuple[int, int]:
    import difflib

    plus = minus = 0
    for line in difflib.ndiff(a.splitlines(), b.splitlines()):
        plus += line.startswith("+ ")
        minus += line.startswith("- ")
    return plus, minus


def _problems(base: Snapshot, head: Snapshot) -> Iterator[tuple[str | None, Change]]:
    def key(p: Problem) -> tuple[str, str, str, str]:
        return (p.path, p.rule, p.level, p.message)

    before = Counter(key(p) for p in base.problems)
    after = Counter(key(p) for p in head.problems)
    first = {key(p): p for p in (*head.problems, *base.problems)}
    for snapshot, extra, type_ in ((head, after - before, PROBLEM_INTRODUCED),
                                   (base, before - after, PROBLEM_FIXED)):
        where = _cluster_of_path(snapshot.catalog)
        for k in sorted(extra):
            p = first[k]
            verb = "introduced" if type_ == PROBLEM_INTRODUCED else "fixed"
            level = WARNING if type_ == PROBLEM_INTRODUCED and p.level == "error" else INFO
            for _ in range(extra[k]):
                yield where(p.path), Change(
                    PROBLEMS, type_, p.path, f"{verb}: [{p.level}] {redact_text(p.message)} "
                    f"({p.rule})", p.path, p.line if type_ == PROBLEM_INTRODUCED else 0, level,
                    data={"rule": p.rule, "problem_level": p.level})


def _cluster_of_path(catalog: Catalog) -> Any:
    by_path: dict[str, str | None] = {}
    for obj in catalog.objects:
        if obj.cluster is not None:
            # A file deployed in several clusters (a shared base) belongs to none of them.
            for key in (obj.path, os.path.dirname(obj.path)):
                seen = by_path.setdefault(key, obj.cluster)
                if seen != obj.cluster:
                    by_path[key] = None
    dirs = {d.path: d.cluster for d in catalog.directories}

    def where(path: str) -> str | None:
        if path in by_path:
            return by_path[path]
        parent = os.path.dirname(path)
        while True:
            if parent in by_path:
                return by_path[parent]
            if parent in dirs and dirs[parent] is not None:
                return dirs[parent]
            if not parent:
                return None
            parent = os.path.dirname(parent)

    return where


def _removed_text(obj: K8sObject) -> str:
    if obj.cluster is None:
        return f"removed from {obj.path} (was not deployed)"
    return "removed" + (f" (was applied by {obj.applied_by})" if obj.applied_by else "")


def _added_text(obj: K8sObject) -> str:
    if obj.cluster is None:
        return f"written in {obj.path} but not deployed"
    return "added" + (f", applied by {obj.applied_by}" if obj.applied_by else "")


def _object_data(obj: K8sObject) -> dict[str, Any]:
    return {"kind": obj.kind, "namespace": obj.namespace, "name": obj.name,
            "applied_by": obj.applied_by, "component": obj.is_component}


def _one_line(text: str | None, limit: int = 160) -> str:
    line = " ".join(redact_text(text or "").split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


__all__ = ["compare"]

"""Review flags: changes that read like ordinary diffs but matter to Flux.

- removing an object under a Kustomization with ``prune: true`` deletes it from the cluster;
  without it the object is orphaned (it stays, no longer managed);
- a namespace change is a delete and a create, never a rename;
- moving an object to another Kustomization: each Kustomization reconciles on its own, so the
  old one's garbage collection may delete what the new one applies
  (https://github.com/fluxcd/kustomize-controller/issues/339);
- ``suspend`` flipped, ``targetNamespace`` changed, ``dependsOn`` cycles introduced;
- a HelmRelease's CRD policy (``install.crds``, default ``Create``; ``upgrade.crds``, default
  ``Skip``) or its timeouts and remediation changed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any

from ..model import DEPENDS_ON, Catalog, K8sObject
from ..secrets import redact_text
from .report import (
    CRDS,
    CYCLE,
    FLAGS,
    INFO,
    ORPHANED,
    PRUNED,
    RECREATED,
    RELEASE_SETTINGS,
    SUSPEND,
    TARGET_NAMESPACE,
    WARNING,
    Change,
)

CRD_DEFAULTS = {"install": "Create", "upgrade": "Skip"}
RELEASE_SETTING_PATHS = (
    ("timeout",),
    ("install", "timeout"),
    ("install", "remediation"),
    ("upgrade", "timeout"),
    ("upgrade", "remediation"),
    ("rollback", "timeout"),
)


def removal(obj: K8sObject, by_key: Mapping[str, K8sObject], reason: str = "") -> Change | None:
    """What Flux does with ``obj`` (deployed; ``by_key`` its catalog) once it is gone from Git."""
    if obj.cluster is None or not obj.deployed or not obj.applied_by:
        return None
    owner = by_key.get(f"{obj.cluster}:{obj.applied_by}")
    what = f"{reason}: " if reason else ""
    uninstall = " and helm-controller uninstalls its release" if obj.kind == "HelmRelease" else ""
    if owner is None:
        return Change(FLAGS, ORPHANED, obj.id,
                      f"{what}applied by {obj.applied_by}, which is not in the repository: "
                      "whether Flux deletes it depends on that Kustomization's prune setting",
                      obj.path, obj.line, INFO)
    if owner.spec.get("prune") is True:
        return Change(FLAGS, PRUNED, obj.id,
                      f"{what}deleted from the cluster: {owner.id} has prune: true{uninstall}",
                      obj.path, obj.line, WARNING, data={"applied_by": owner.id})
    return Change(FLAGS, ORPHANED, obj.id,
                  f"{what}orphaned: {owner.id} has no prune: true, so the object stays in the "
                  "cluster unmanaged", obj.path, obj.line, WARNING,
                  data={"applied_by": owner.id})


def moved(old: K8sObject, new: K8sObject, base: Mapping[str, K8sObject]) -> Iterator[Change]:
    """Flags for an object whose namespace or applying Kustomization changed."""
    if old.namespace != new.namespace:
        flag = removal(old, base)
        if flag is not None and flag.type == PRUNED:
            yield Change(FLAGS, RECREATED, new.id,
                         f"namespace {old.namespace or '-'} → {new.namespace or '-'} is a delete "
                         f"and a create: Flux deletes {old.id} ({flag.data['applied_by']} has "
                         "prune: true) and creates the new one", new.path, new.line, WARNING,
                         data=flag.data)
        elif flag is not None:
            yield Change(FLAGS, flag.type, new.id,
                         f"namespace {old.namespace or '-'} → {new.namespace or '-'}: a new "
                         f"object is created and {old.id} is {flag.message}", new.path,
                         new.line, flag.level, data=flag.data)
        return
    if old.applied_by != new.applied_by and old.applied_by and old.cluster is not None:
        owner = base.get(f"{old.cluster}:{old.applied_by}")
        if owner is not None and owner.spec.get("prune") is True:
            yield Change(
                FLAGS, RECREATED, new.id,
                f"moved from {old.applied_by} (prune: true) to {new.applied_by or 'nothing'}: "
                "each Kustomization reconciles on its own, so the old one may delete the object "
                "before the new one applies it (fluxcd/kustomize-controller#339)",
                new.path, new.line, WARNING)


def settings(old: K8sObject, new: K8sObject) -> Iterator[Change]:
    """Flags for ``spec`` fields of Flux objects that change how Flux acts."""
    if not (old.is_flux and new.is_flux):
        return
    a, b = old.spec, new.spec
    if bool(a.get("suspend")) != bool(b.get("suspend")):
        now = "suspended: Flux stops reconciling it" if b.get("suspend") else \
            "resumed: Flux reconciles it again"
        yield Change(FLAGS, SUSPEND, new.id, now, new.path, new.line, WARNING)
    if a.get("targetNamespace") != b.get("targetNamespace") and new.kind in (
            "Kustomization", "HelmRelease"):
        what = "every object it applies" if new.kind == "Kustomization" else "the release"
        yield Change(FLAGS, TARGET_NAMESPACE, new.id,
                     f"targetNamespace {_show(a.get('targetNamespace'))} → "
                     f"{_show(b.get('targetNamespace'))}: {what} is deleted and created again "
                     "in the new namespace", new.path, new.line, WARNING)
    if new.kind != "HelmRelease":
        return
    for action, default in CRD_DEFAULTS.items():
        before = _get(a, (action, "crds")) or default
        after = _get(b, (action, "crds")) or default
        if before != after:
            yield Change(FLAGS, CRDS, new.id, f"{action}.crds {before} → {after}: "
                         + _crds_meaning(action, str(after)), new.path, new.line, WARNING)
    for keys in RELEASE_SETTING_PATHS:
        before, after = _get(a, keys), _get(b, keys)
        if before != after:
            yield Change(FLAGS, RELEASE_SETTINGS, new.id,
                         f"{'.'.join(keys)} {_show(before)} → {_show(after)}",
                         new.path, new.line, INFO)


def new_cycles(base: Catalog, head: Catalog) -> Iterator[tuple[str, Change]]:
    """``dependsOn`` cycles in ``head`` that ``base`` did not have, with their cluster."""
    old = set(_cycles(base))
    by_key = head.by_key()
    for cycle in _cycles(head):
        if cycle in old:
            continue
        cluster, ids = cycle
        first = by_key.get(f"{cluster}:{ids[0]}")
        yield cluster, Change(
            FLAGS, CYCLE, " → ".join(ids),
            "dependsOn cycle introduced: each waits for the next to be ready, so none of them "
            "is ever reconciled", first.path if first else "", first.line if first else 0, WARNING)


def _cycles(catalog: Catalog) -> list[tuple[str, tuple[str, ...]]]:
    graph: dict[str, list[str]] = {}
    for edge in catalog.edges:
        if edge.type == DEPENDS_ON and edge.resolved:
            graph.setdefault(edge.source, []).append(edge.target)
    out = []
    for component in _strongly_connected(graph):
        if len(component) == 1 and component[0] not in graph.get(component[0], ()):
            continue
        keys = sorted(component)
        cluster = keys[0].split(":", 1)[0]
        out.append((cluster, tuple(k.split(":", 1)[1] for k in keys)))
    return sorted(out)


def _strongly_connected(graph: Mapping[str, list[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iterative (a long dependsOn chain must not hit the recursion limit)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    out: list[list[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, 0)]
        while work:
            node, i = work.pop()
            if i == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            children = graph.get(node, [])
            for j in range(i, len(children)):
                child = children[j]
                if child not in index:
                    work.append((node, j + 1))
                    work.append((child, 0))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                if low[node] == index[node]:
                    component = []
                    while True:
                        top = stack.pop()
                        on_stack.discard(top)
                        component.append(top)
                        if top == node:
                            break
                    out.append(component)
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
    return out


def _crds_meaning(action: str, value: str) -> str:
    if value == "Skip":
        return f"CRDs in the chart are not {'installed' if action == 'install' else 'updated'}"
    if value == "CreateReplace":
        return "CRDs in the chart are created and replaced (changed CRDs reach the cluster)"
    return "CRDs in the chart are created, never updated"


def _get(node: Mapping[str, Any], keys: tuple[str, ...]) -> Any:
    current: Any = node
    for key in keys:
        if not isinstance(current, Mapping):
            return None
        current = current.get(key)
    return current


def _show(value: Any) -> str:
    if value is None:
        return "(unset)"
    if isinstance(value, str):
        return redact_text(value)
    return redact_text(json.dumps(value, sort_keys=True, ensure_ascii=False, default=str))

"""The catalog of one repository kept in memory between builds (``mkdocs serve``): after an
edit, only the clusters that read an edited file are walked, resolved and judged again.

The same units as ``check``'s re-check (:mod:`.units`), with each cluster's catalog kept
in memory; the catalog of the repository is their union, in the order a whole build gives
(objects sort by cluster first), and the problems are what ``rules.run`` reports on it.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from ..documents import DocumentStore
from ..model import Catalog, Directory, Problem
from ..policy import Policy
from . import units
from .manifest import below_skipped, changed_paths, manifest, not_listed, settle_reads


class CatalogSession:
    """One repository's catalog, rebuilt by cluster."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self._key: Any = None
        self._manifest: dict[str, Any] | None = None
        self._taken = 0.0
        self._state: units.State | None = None
        self._catalogs: dict[str, Catalog] = {}
        self.rebuilt: list[str] | None = None  # clusters rebuilt by the last build (None: all)

    def build(self, paths: list[str] | None, policy: Policy,
              policy_problems: Iterable[Problem], crds: tuple[Path, ...],
              source_dirs: Mapping[str, str] | None = None) -> tuple[Catalog, list[Problem]]:
        """The catalog of ``paths`` (None: the policy's) and its problems, as
        ``build_catalog`` and ``rules.run`` give them."""
        scope = [p.strip("/") for p in (paths if paths is not None else list(policy.paths))]
        key = (scope, policy, crds, dict(source_dirs or {}))
        taken = time.time()
        # CRDs outside the repository (``crds``, the policy's) are read too: their edits are
        # changes (absolute paths: everything is checked again), as in ``check``'s cache.
        extra = [c for c in (*crds, *((self.root / p).resolve() for p in policy.crds))
                 if not_listed(self.root, c)]
        current = manifest([self.root, *extra], None, self._manifest, self._taken,
                           [p for p in self._manifest or () if below_skipped(self.root, p)])
        changed = None
        if key == self._key and self._manifest is not None and self._state is not None:
            changed = changed_paths(self._manifest, current, self.root)
        done = units.check(self.root, scope, policy, policy_problems, source_dirs, crds,
                           self._state if changed is not None else None, changed,
                           self._catalogs)
        settle_reads(current, self.root, done.read, taken, done.fresh)
        self._key, self._manifest, self._taken, self._state = key, current, taken, done.state
        self.rebuilt = done.rechecked
        if done.catalog is not None:  # judged as a whole: no cluster kept
            self._catalogs.clear()
            return done.catalog, done.problems
        assert done.state is not None
        # by cluster name, as objects sort (the plan is in walk order)
        names = [name for name, _, _ in done.state.plan]
        catalog = merge_catalogs(self.root, [self._catalogs[n] for n in sorted(names)],
                                 done.state, policy_problems)
        return catalog, done.problems


def merge_catalogs(root: Path, parts: list[Catalog], state: units.State,
                   policy_problems: Iterable[Problem]) -> Catalog:
    """One catalog of the clusters' catalogs (given by cluster name, as objects sort)."""
    first = parts[0] if parts else None
    problems: set[Problem] = {*policy_problems, *state.discovery_only, *state.shared}
    directories: dict[str, Directory] = {}
    external = set(state.external)
    for part in parts:
        problems.update(part.problems)
        external.update(part.external)
        for directory in part.directories:
            directories.setdefault(directory.path, directory)
    clusters = {name: directory for name, directory, _ in state.plan}
    return Catalog(
        root=str(root), clusters=tuple(sorted(clusters)),
        objects=tuple(o for part in parts for o in part.objects),
        charts={k: v for part in parts for k, v in part.charts.items()},
        edges=tuple(e for part in parts for e in part.edges),
        directories=tuple(directories[d] for d in sorted(directories)),
        problems=tuple(sorted(problems)), external=tuple(sorted(external)),
        cluster_roots=dict(sorted(clusters.items())),
        cluster_scoped=frozenset(state.cluster_scoped),
        implicit=first.implicit if first is not None else {},
        releases={k: v for part in parts for k, v in part.releases.items()},
        kustomizations={k: v for part in parts for k, v in part.kustomizations.items()},
        store=DocumentStore(root))

"""One side of a diff: the catalog of a directory, with the problems ``check`` would report."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..model import Catalog, Problem
from ..policy import Policy
from ..resolve import build_catalog
from ..rules import run as run_rules


@dataclass(frozen=True)
class Snapshot:
    label: str
    catalog: Catalog
    policy: Policy
    problems: tuple[Problem, ...]


def take(root: Path, label: str, paths: list[str] | None = None,
         crds: tuple[Path, ...] = ()) -> Snapshot:
    """Build the catalog of ``root`` as ``check`` does (its own policy, its own paths)."""
    catalog, policy = build_catalog(root, paths)
    problems = run_rules(catalog, policy, crds)
    return Snapshot(label, catalog, policy, tuple(problems))

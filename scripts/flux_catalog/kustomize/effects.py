"""What building one directory did besides its resources, so that a build reusing it can
do the same.

Builds are cached by directory (a base is built once however many overlays list it). A
cached build is also shared by the Kustomizers of different clusters (each cluster is walked
by its own Kustomizer, which must know every file its build read and report every problem
its build has). So each cached build keeps its effects: the files it loaded, the files it
used (patches, generator inputs, configurations), the problems and the remote resources it
reported, nested builds' included. A Kustomizer that takes a build from the cache replays
them as its own.

A build that met a kustomization cycle entered above it is not cached: another entry into the
cycle meets it at another directory (``kubectl kustomize`` reports the chain from where it
started), and the report must not depend on which cluster was built first.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Problem


@dataclass
class Effects:
    files: set[str] = field(default_factory=set)
    used: set[str] = field(default_factory=set)
    problems: set[Problem] = field(default_factory=set)
    external: set[tuple[str, int, str]] = field(default_factory=set)
    dirs: set[str] = field(default_factory=set)  # every directory built or reached

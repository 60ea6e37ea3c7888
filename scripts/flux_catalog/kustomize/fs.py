"""The file system a build reads: the repository on disk, or files in memory for tests.

Paths are POSIX and relative to the repository root (``""`` is the root). YAML files are
read and parsed through the build's ``DocumentStore`` (once each); ``.sourceignore`` files
are honoured as source-controller honours them when it packs the artifact Flux builds from.
"""

from __future__ import annotations

import copy
import os
import posixpath
from collections.abc import Iterator, Mapping
from pathlib import Path

import pathspec

from ..documents import DocumentStore
from ..load import YAML_SUFFIXES, LoadedFile

OUTSIDE = "symlink points outside the repository; not followed"
# Looked for in every directory: a cache treats them as structural by name.
_KUSTOMIZATION_NAMES = frozenset({"kustomization.yaml", "kustomization.yml", "Kustomization"})


class FileSystem:
    """The repository on disk."""

    def __init__(self, root: Path, documents: DocumentStore | None = None) -> None:
        self.root = root
        self.documents = documents if documents is not None else DocumentStore(root)
        self._real_root = os.path.realpath(root)
        self._root_str = str(root)
        self._inside: dict[str, bool] = {}
        self._links: dict[str, frozenset[str]] = {}  # listed directory -> its symlinks
        self._ignores: dict[str, pathspec.PathSpec | None] = {}
        self.ignore_problems: list[tuple[str, str]] = []

    def view(self, documents: DocumentStore) -> FileSystem:
        """This file system reading through ``documents`` (a recording view of its store),
        with the same caches of what is inside the repository and what is ignored."""
        other = copy.copy(self)
        other.documents = documents
        return other

    # -- primitives (overridden in memory) ------------------------------------------------

    def is_dir(self, rel: str) -> bool:
        return os.path.isdir(self._os_path(rel))

    def is_file(self, rel: str) -> bool:
        found = os.path.isfile(self._os_path(rel))
        if not found and posixpath.basename(rel) not in _KUSTOMIZATION_NAMES:
            # A file looked for and missing (a generator input, a patch) is read as much as
            # one found: making it changes the build.
            self.documents.read_paths.add(rel)
            if self.documents.reads is not None:
                self.documents.reads.add(rel)
        return found

    def _os_path(self, rel: str) -> str:
        """``self.root / rel`` as a string, without a Path per call (a build asks ~10,000
        times). Path drops ``.`` components and a trailing slash, which change what a stat
        sees (``file/.`` is not a file): such a path still goes through Path."""
        if rel.endswith("/") or "/./" in f"/{rel}/":
            return str(self.root / rel)
        return os.path.join(self._root_str, rel)

    def read_bytes(self, rel: str) -> bytes | None:
        self.documents.read_paths.add(rel)
        if self.documents.reads is not None:
            self.documents.reads.add(rel)
        try:
            return (self.root / rel).read_bytes()
        except (OSError, ValueError):
            return None

    def load(self, rel: str) -> LoadedFile:
        return self.documents.load(rel)

    def inside(self, rel: str) -> bool:
        """Whether ``rel`` stays inside the repository once symlinks are resolved.

        Resolved once per directory: an entry of a listed directory that is inside and that
        is not a symlink itself is inside too."""
        inside = self._inside.get(rel)
        if inside is None:
            parent, _, name = rel.rpartition("/")
            links = self._links.get(parent)
            if links is not None and name not in links and name not in ("", ".", "..") \
                    and self.inside(parent):
                self._inside[rel] = True
                return True
            try:
                real = os.path.realpath(self.root / rel)
            except (OSError, ValueError):
                real = ""
            inside = real == self._real_root or real.startswith(self._real_root + os.sep)
            self._inside[rel] = inside
        return inside

    def listdir(self, rel: str) -> tuple[list[str], list[str]]:
        """(sub-directories, files) of ``rel``, sorted."""
        try:
            entries = sorted(os.scandir(self.root / rel), key=lambda e: e.name)
        except OSError:
            return [], []
        self._links[rel] = frozenset(e.name for e in entries if e.is_symlink())
        dirs = [e.name for e in entries if e.is_dir(follow_symlinks=True)]
        files = [e.name for e in entries if not e.is_dir(follow_symlinks=True)]
        return dirs, files

    # -- derived --------------------------------------------------------------------------

    def yaml_files(self, start: str) -> Iterator[tuple[str, str | None]]:
        """YAML files below ``start`` (lexical order, as Go's filepath.Walk), with a problem
        for symlinks leaving the repository. Dot-directories are skipped (``.git``,
        ``.github``: source-controller excludes VCS metadata and most keep CI files there)."""
        if self.is_file(start):
            if start.endswith(YAML_SUFFIXES):
                yield start, None if self.inside(start) else OUTSIDE
            return
        dirs, files = self.listdir(start)
        entries = sorted([(d, True) for d in dirs] + [(f, False) for f in files])
        for name, is_dir in entries:
            rel = posixpath.join(start, name) if start else name
            if is_dir:
                if name.startswith(".") or name == "node_modules":
                    continue
                if not self.inside(rel):
                    yield rel, OUTSIDE
                    continue
                yield from self.yaml_files(rel)
            elif name.endswith(YAML_SUFFIXES) and not name.startswith("."):
                yield rel, None if self.inside(rel) else OUTSIDE

    def ignored(self, rel: str) -> bool:
        """Whether a ``.sourceignore`` in the root or a directory above ``rel`` excludes it."""
        parts = rel.split("/")
        for depth in range(len(parts)):
            directory = "/".join(parts[:depth])
            spec = self._sourceignore(directory)
            if spec is not None and spec.match_file("/".join(parts[depth:])):
                return True
        return False

    def _sourceignore(self, directory: str) -> pathspec.PathSpec | None:
        if directory in self._ignores:
            return self._ignores[directory]
        rel = f"{directory}/.sourceignore" if directory else ".sourceignore"
        spec = None
        raw = self.read_bytes(rel) if self.is_file(rel) else None
        if raw is not None:
            try:
                spec = pathspec.PathSpec.from_lines("gitwildmatch",
                                                    raw.decode("utf-8").splitlines())
            except (UnicodeDecodeError, ValueError) as exc:
                self.ignore_problems.append((rel, f"cannot read: {exc}"))
        self._ignores[directory] = spec
        return spec


class MemoryFileSystem(FileSystem):
    """Files given as a mapping of path to text: builds in tests need no disk."""

    def __init__(self, files: Mapping[str, str | bytes]) -> None:
        super().__init__(Path("/nonexistent-memory-fs"))
        self.files = {k.strip("/"): v.encode() if isinstance(v, str) else v
                      for k, v in files.items()}
        self.dirs = {""}
        for path in self.files:
            parent = posixpath.dirname(path)
            while parent not in self.dirs:
                self.dirs.add(parent)
                parent = posixpath.dirname(parent)

    def is_dir(self, rel: str) -> bool:
        return rel in self.dirs

    def is_file(self, rel: str) -> bool:
        return rel in self.files

    def read_bytes(self, rel: str) -> bytes | None:
        return self.files.get(rel)

    def load(self, rel: str) -> LoadedFile:
        return self.documents.parse(rel, self.files.get(rel, b""))

    def inside(self, rel: str) -> bool:
        return not (rel == ".." or rel.startswith("../"))

    def listdir(self, rel: str) -> tuple[list[str], list[str]]:
        prefix = f"{rel}/" if rel else ""
        dirs = sorted({d[len(prefix):].split("/")[0] for d in self.dirs
                       if d.startswith(prefix) and d != rel and d})
        files = sorted(f[len(prefix):] for f in self.files
                       if f.startswith(prefix) and "/" not in f[len(prefix):])
        return dirs, files

"""The manifest of a repository: every file below it, by size, change time, inode and
content hash, and what changed between two manifests (which paths, or "too much to tell").

A manifest is taken before a run reads anything, and settled after it with what the run
read (:func:`settle_reads`): a file that changed during the run can never make the next
run replay this one's result.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable
from pathlib import Path
from stat import S_ISREG
from typing import Any

# Directories below the repository root whose files the engine never reads.
SKIPPED_DIRS = frozenset({".git", "node_modules", ".venv"})
# a quick test before the exact one: the paths below no skipped directory are most of them
_MAYBE_SKIPPED = re.compile("|".join(re.escape(d) for d in sorted(SKIPPED_DIRS)))
RACY_SECONDS = 2.0  # a file changed this close to when it was recorded is hashed again

# [size, ctime_ns, inode, sha256 or symlink target]: the change time, which every write
# (and chmod) sets and no tool can set back, unlike the modification time (`touch -r`)
Entry = list[Any]


def manifest(roots: Iterable[Path], skip: Path | None = None,
             known: dict[str, Entry] | None = None, recorded: float = 0.0,
             extra: Iterable[str] = ()) -> dict[str, Entry]:
    """Every file and symlink below ``roots`` (absolute paths as keys), and the ``extra``
    files (below a skipped directory: a kustomization may list one) that exist. Content
    hashes are taken from ``known`` when size, time and inode match and the time is not
    racy."""
    out: dict[str, Entry] = {}
    for path in extra:
        try:
            st = os.stat(path, follow_symlinks=False)
        except OSError:  # looked for and missing: its making is a change too
            out[path] = [0, 0, 0, "missing"]
            continue
        _entry(path, st, out, known, recorded)
    for root in roots:
        if root.is_file():
            _entry(str(root), os.stat(root), out, known, recorded)
            continue
        stack = [str(root)]
        while stack:
            directory = stack.pop()
            try:
                entries = list(os.scandir(directory))
            except OSError:
                continue
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    if entry.name not in SKIPPED_DIRS and (skip is None
                                                           or entry.path != str(skip)):
                        stack.append(entry.path)
                        # listed too: an empty directory made or removed changes a build
                        out[entry.path] = [0, 0, 0, "directory"]
                    continue
                try:
                    _entry(entry.path, entry.stat(follow_symlinks=False), out, known, recorded)
                except OSError:
                    continue
    return out


def below_skipped(root: Path, path: str) -> bool:
    """Whether the absolute ``path`` is below a directory of ``root`` the manifest skips."""
    base = str(root) + os.sep
    return (path.startswith(base) and _MAYBE_SKIPPED.search(path) is not None
            and not SKIPPED_DIRS.isdisjoint(path[len(base):].split(os.sep)[:-1]))


def settle_reads(current: dict[str, Entry], root: Path, read: Iterable[str],
                      taken: float, fresh: Iterable[str] | None = None) -> None:
    """Settle the manifest ``current`` (taken at ``taken``, before a run) with what the
    result depends on (``read``, repository-relative) and what the run read itself
    (``fresh``, by default all of ``read``):

    - a file the run read that changed during it (its size, time or inode are not what the
      manifest holds) is marked racy, which no later manifest equals: the run may have read
      either content, and the file saved back as it was would else replay this result;
    - the files below skipped directories (a kustomization may list one) join it, hashed
      after the run: one changed since ``taken`` is racy, one missing is recorded so."""
    base = str(root) + os.sep
    extra = [path for path in (rel if os.path.isabs(rel) else base + rel.replace("/", os.sep)
                               for rel in read)
             # a regex pre-test: the paths below no skipped directory are most of them
             if path not in current and _MAYBE_SKIPPED.search(path)
             and below_skipped(root, path)]
    for rel in read if fresh is None else fresh:
        path = rel if os.path.isabs(rel) else base + rel.replace("/", os.sep)
        entry = current.get(path)
        if entry is not None and str(entry[3]).startswith("->"):  # read through a link
            path = os.path.realpath(path)
            entry = current.get(path)
        if entry is None:
            continue
        if isinstance(entry[3], str) and len(entry[3]) == 64:  # a file's content hash
            try:
                st = os.stat(path, follow_symlinks=False)
                same = [st.st_size, st.st_ctime_ns, st.st_ino] == entry[:3]
            except OSError:
                same = False
            if not same:
                current[path] = [*entry[:3], "racy"]
    for path, entry in manifest((), extra=extra).items():
        if entry[1] / 1e9 >= taken - RACY_SECONDS:
            entry = [*entry[:3], "racy"]
        current[path] = entry


def not_listed(root: Path, path: Path) -> bool:
    """Whether the manifest of ``root`` leaves ``path`` out: outside it, or below a
    directory it skips (CRDs in node_modules/)."""
    return not path.is_relative_to(root) or \
        bool(SKIPPED_DIRS.intersection(path.relative_to(root).parts))


def _entry(path: str, st: os.stat_result, out: dict[str, Entry],
           known: dict[str, Entry] | None, recorded: float) -> None:
    stat = [st.st_size, st.st_ctime_ns, st.st_ino]
    old = known.get(path) if known else None
    if old is not None and old[:3] == stat and st.st_ctime_ns / 1e9 < recorded - RACY_SECONDS:
        out[path] = old
        return
    if os.path.islink(path):
        out[path] = [*stat, "->" + os.readlink(path)]
        return
    if not S_ISREG(st.st_mode):  # a FIFO would block, a device never ends
        out[path] = [*stat, f"special {st.st_mode:o}"]
        return
    try:
        with open(path, "rb") as fh:
            out[path] = [*stat, hashlib.file_digest(fh, "sha256").hexdigest()]
    except OSError:
        out[path] = [*stat, "unreadable"]


def changed_paths(old: dict[str, Entry], new: dict[str, Entry], root: Path) -> set[str] | None:
    """The paths whose content differs between two manifests, relative to ``root`` (absolute
    outside it), files added or removed that nothing lists (:func:`_inert`) among them; None
    when another file was added or removed, or a symlink or a directory changed (into a
    file, or back)."""
    base = str(root) + os.sep
    differ: list[str] = []
    for path in old.keys() ^ new.keys():
        if not _inert(path, (old.get(path) or new[path])[3], base):
            return None
        differ.append(path)
    for path, entry in new.items():
        before = old.get(path)
        if before is None or before[3] == entry[3]:
            continue
        if str(before[3]).startswith("->") or str(entry[3]).startswith("->") or \
                "directory" in (before[3], entry[3]):  # a directory made a file, or back
            return None
        differ.append(path)
    # A symlink's file (or directory) is read through the link: its edit is the link's too.
    links = [(path, os.path.realpath(path)) for path, entry in new.items()
             if str(entry[3]).startswith("->")]
    changed: set[str] = set()
    for path in differ:
        seen_as = [path] + [link + path[len(real):] for link, real in links
                            if path == real or path.startswith(real + os.sep)]
        changed.update(p[len(base):].replace(os.sep, "/") if p.startswith(base) else p
                       for p in seen_as)
    return changed


# Files the engine lists or looks for by name: YAML (directory listings, discovery), READMEs,
# and the kustomization, ignore and policy files. Any other file is read only when something
# names it, and the run records what it read or looked for.
_LISTED_SUFFIXES = (".yaml", ".yml", ".md")
_LISTED_NAMES = frozenset({"Kustomization", ".sourceignore", "pyproject.toml"})


def _inert(path: str, content: Any, base: str) -> bool:
    """Whether adding or removing ``path`` (a manifest entry: ``content`` its hash) changes
    nothing but what reads it: a regular file in the repository that no directory listing
    or name lookup finds (an editor's swap or backup file, a generator input)."""
    name = os.path.basename(path)
    return (path.startswith(base) and isinstance(content, str) and len(content) == 64
            and not name.endswith(_LISTED_SUFFIXES) and name not in _LISTED_NAMES)


def same(old: dict[str, Entry], new: dict[str, Entry]) -> bool:
    return old.keys() == new.keys() and all(old[k][3] == new[k][3] for k in old)

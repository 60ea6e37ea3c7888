"""The on-disk cache of ``flux-catalog check``: a re-check reuses what files did not change.

Two tables, both keyed by the engine (its version and the content of its code and data) so
that another engine never reads them:

- **results**: the problems and the summary of one ``check`` (one repository, one set of
  paths, sources and CRDs), with a manifest of every file below the repository root (and of
  the CRD paths given): size, change time (ctime), inode and SHA-256 of the content. When no
  file was added, removed or changed, the run is replayed without building the catalog. A
  file whose size, time or inode differ (or whose time is too recent to trust) is hashed
  again: a touched but unchanged file is still a hit. When files changed, the result also
  holds what :mod:`.units` needs to check again only the clusters that read them.
- **findings**: the plaintext-secret judgements of documents and of files, by content
  (:mod:`flux_catalog.secrets.memo`), schema violations and the strict schemas of the CRD
  files used, so that after an edit only what changed is judged again.

Where: ``$FLUX_CATALOG_CACHE_DIR`` if set (empty or ``off``: no cache), else
``$XDG_CACHE_HOME/flux-catalog`` (``~/.cache/flux-catalog``); nothing is written into the
repository. Safe to delete at any time; unreadable or foreign entries are misses. JSON only
(never pickle), written atomically.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import json
import os
import re
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from stat import S_ISREG
from typing import Any

from .. import __version__
from ..model import Problem

ENV = "FLUX_CATALOG_CACHE_DIR"
FORMAT = 2
# Directories below the repository root whose files the engine never reads.
SKIPPED_DIRS = frozenset({".git", "node_modules", ".venv"})
# a quick test before the exact one: the paths below no skipped directory are most of them
_MAYBE_SKIPPED = re.compile("|".join(re.escape(d) for d in sorted(SKIPPED_DIRS)))
RACY_SECONDS = 2.0  # a file changed this close to when it was recorded is hashed again
_ENGINE_DIR = Path(__file__).resolve().parents[1]
_fingerprint: str | None = None

# [size, ctime_ns, inode, sha256 or symlink target]: the change time, which every write
# (and chmod) sets and no tool can set back, unlike the modification time (`touch -r`)
Entry = list[Any]
# (stored state or None, changed paths or None)
#   -> (problems, (objects, components), state, repository-relative paths the run read)
Compute = Callable[[Any, "set[str] | None"],
                   tuple[list[Problem], tuple[int, int], Any, Iterable[str]]]


def cache_dir() -> Path | None:
    """The cache directory, or None when the cache is off."""
    value = os.environ.get(ENV)
    if value is not None:
        return Path(value) if value.strip() and value.lower() not in ("off", "0", "no") \
            else None
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            base = str(Path.home() / ".cache")
        except RuntimeError:  # no $HOME and no passwd entry (a CI container's user)
            return None
    return Path(base) / "flux-catalog"


def engine_fingerprint() -> str:
    """Version, and every file of the engine (code and shipped data) by name, size and
    modification time (what CPython trusts to reuse a module's bytecode; reading the 4 MB
    of them took a tenth of a replayed check), with Python's version and the installed
    version of the libraries its findings come from."""
    global _fingerprint
    if _fingerprint is None:
        digest = hashlib.sha256(f"{__version__}\0{FORMAT}\0{_libraries()}".encode())
        for rel, st in sorted(_engine_files(str(_ENGINE_DIR), "")):
            digest.update(f"{rel}\0{st.st_size}\0{st.st_mtime_ns}\0".encode())
        _fingerprint = digest.hexdigest()
    return _fingerprint


def _engine_files(directory: str, prefix: str) -> list[tuple[str, os.stat_result]]:
    out = []
    with os.scandir(directory) as entries:
        for entry in entries:
            if entry.is_dir():
                if entry.name not in ("__pycache__", "mkdocs_plugin"):
                    out += _engine_files(entry.path, f"{prefix}{entry.name}/")
            elif entry.is_file():
                out.append((prefix + entry.name, entry.stat()))
    return out


# Libraries whose versions are in what check reports (YAML parsers' messages, schema
# validation, .sourceignore patterns, token formats), by module and distribution name.
LIBRARIES = (("ruamel.yaml", "ruamel_yaml"), ("yaml", "pyyaml"), ("jsonschema", "jsonschema"),
             ("jsonschema_rs", "jsonschema_rs"), ("pathspec", "pathspec"),
             ("detect_secrets", "detect_secrets"))


def _libraries() -> str:
    """Python's version and each library's installed version, read from the name of the
    metadata directory beside it (importlib.metadata takes ~100 ms to find them)."""
    parts = [sys.version]
    for module, distribution in LIBRARIES:
        try:
            spec = importlib.util.find_spec(module)
        except (ImportError, ValueError):
            spec = None
        where = (list(spec.submodule_search_locations or ()) or [spec.origin or ""]
                 if spec is not None else [""])[0]
        found = "missing" if spec is None else f"at {where}"
        if where:
            with contextlib.suppress(OSError, IndexError):
                site = Path(where).parents[module.count(".")]
                for entry in sorted(os.listdir(site)):
                    stem, dot, suffix = entry.lower().rpartition(".")
                    name, _, version = stem.partition("-")
                    if dot and suffix in ("dist-info", "egg-info") and \
                            re.sub(r"[-_.]+", "_", name) == distribution:
                        found = version
        parts.append(f"{distribution}={found}")
    return "\0".join(parts)


def manifest(roots: Iterable[Path], skip: Path | None = None,
             known: dict[str, Entry] | None = None, recorded: float = 0.0,
             extra: Iterable[str] = ()) -> dict[str, Entry]:
    """Every file and symlink below ``roots`` (absolute paths as keys), and the ``extra``
    files (below a skipped directory: a kustomization may list one) that exist. Content
    hashes are taken from ``known`` when size, time and inode match and the time is not
    racy."""
    out: dict[str, Entry] = {}
    for path in extra:
        with contextlib.suppress(OSError):
            _entry(path, os.stat(path, follow_symlinks=False), out, known, recorded)
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


def add_skipped_reads(current: dict[str, Entry], root: Path, read: Iterable[str],
                      taken: float) -> None:
    """Add to the manifest ``current`` (taken at ``taken``) the files below skipped
    directories that a run read (``read``, repository-relative): a kustomization may list
    one. They are hashed after the run: one changed since ``taken`` is marked racy, which
    no later manifest equals."""
    base = str(root) + os.sep
    extra = [p for p in (base + rel.replace("/", os.sep) for rel in read
                         if _MAYBE_SKIPPED.search(rel) and not os.path.isabs(rel))
             if p not in current and below_skipped(root, p)]
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


def _same(old: dict[str, Entry], new: dict[str, Entry]) -> bool:
    return old.keys() == new.keys() and all(old[k][3] == new[k][3] for k in old)


class CheckCache:
    """The cached result of one ``check`` configuration of one repository."""

    def __init__(self, directory: Path, root: Path, config: Any,
                 inputs: Iterable[Path] = ()) -> None:
        # absolute and resolved, as the manifest's paths are: else its own files are inputs
        self.directory = directory.resolve()
        self.root = root
        self.inputs = [root, *(p for p in inputs if not_listed(root, p))]
        key = hashlib.sha256(json.dumps([engine_fingerprint(), str(root), config],
                                        sort_keys=True, default=str).encode()).hexdigest()
        self.result_path = directory / f"check-{key[:40]}.json"
        self.findings_path = directory / f"findings-{engine_fingerprint()[:40]}.json"
        self._manifest: dict[str, Entry] | None = None
        self._taken = 0.0
        self._known: dict[str, Entry] | None = None
        self._state: Any = None

    # -- results ----------------------------------------------------------------------------

    def replay(self) -> tuple[list[Problem], tuple[int, int]] | None:
        """The stored problems and counts when no input changed since they were stored."""
        data = _read_json(self.result_path)
        known: dict[str, Entry] | None = None
        recorded = 0.0
        if data is not None:
            try:
                known, recorded = dict(data["manifest"]), float(data["recorded"])
                if not all(isinstance(e, list) and len(e) == 4 for e in known.values()):
                    known = None  # not what ``store`` wrote: a miss
            except (KeyError, TypeError, ValueError):
                known = None
        # Taken before the build: a file edited while the catalog is built makes the next
        # run a miss, never a stale hit.
        self._taken = time.time()
        self._manifest = manifest(self.inputs, self.directory, known, recorded,
                                  [p for p in known or () if below_skipped(self.root, p)])
        if known is not None and data is not None and _same(known, self._manifest):
            try:
                objects, components = data["counts"]
                return [Problem(*p) for p in data["problems"]], (int(objects), int(components))
            except (KeyError, TypeError, ValueError):
                return None
        if known is not None and data is not None:
            self._known, self._state = known, data.get("state")
        return None

    def changes(self) -> tuple[Any, set[str] | None]:
        """The stored re-check state (JSON data, or None) and the repository-relative paths
        whose content changed since (an absolute path: a changed input outside the
        repository); None when files were added or removed, or a symlink changed."""
        if self._known is None or self._manifest is None:
            return self._state, None
        return self._state, changed_paths(self._known, self._manifest, self.root)

    def store(self, problems: list[Problem], counts: tuple[int, int], state: Any = None,
              read: Iterable[str] = ()) -> None:
        """Store the result of a run that :meth:`replay` could not replay; ``read``: the
        repository-relative paths it read (those below skipped directories join the
        manifest, as they are now: one edited since the manifest was taken is racy)."""
        if self._manifest is None:
            return
        add_skipped_reads(self._manifest, self.root, read, self._taken)
        _write_json(self.result_path, {
            "recorded": self._taken, "manifest": self._manifest, "counts": list(counts),
            "problems": [[p.path, p.line, p.col, p.rule, p.level, p.message]
                         for p in problems], "state": state})

    # -- findings ---------------------------------------------------------------------------

    def load_findings(self) -> None:
        from .. import crds
        from ..secrets import memo

        data = _read_json(self.findings_path)
        if data is None:
            return
        try:
            memo.load_tables(data)
            crds.VIOLATIONS_CACHE.update(
                (bytes.fromhex(k), tuple((tuple(path), str(message)) for path, message in v))
                for k, v in data.get("schema", {}).items())
            crds.load_file_schemas(data.get("crd_schemas", ()))
        except (KeyError, TypeError, ValueError):
            return
        crds.VIOLATIONS_USED.clear()
        crds.FILE_SCHEMAS_USED.clear()

    def store_findings(self) -> None:
        from .. import crds
        from ..secrets import memo

        data = memo.dump_tables()
        # what this run asked for (what it loaded and did not ask for again is dropped)
        data["schema"] = {k.hex(): [[list(path), message] for path, message in v]
                          for k, v in crds.VIOLATIONS_CACHE.items() if k in crds.VIOLATIONS_USED}
        data["crd_schemas"] = crds.dump_file_schemas()  # strict CRD schemas: not parsed again
        _write_json(self.findings_path, data)


def _read_json(path: Path) -> Any:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _write_json(path: Path, data: Any) -> None:
    """Atomically; a cache that cannot be written is no cache (never an error)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=path.name, dir=path.parent)
    except OSError:
        return
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            # one C-encoded string: json.dump streams through the pure-Python encoder
            fh.write(json.dumps(data, ensure_ascii=False, separators=(",", ":")))
        os.replace(tmp, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def cached_check(directory: Path | None, root: Path, config: Any, inputs: Iterable[Path],
                 compute: Compute) -> tuple[list[Problem], tuple[int, int]]:
    """The problems and the object and component counts of a check: stored, when no input
    changed; else ``compute(state, changed)`` with what the last run stored and the paths
    that changed since (both None when unknown); ``directory`` None: no cache."""
    if directory is None:
        problems, counts, _, _ = compute(None, None)
        return problems, counts
    cache = CheckCache(directory, root, config, inputs)
    hit = cache.replay()
    if hit is not None:
        return hit
    cache.load_findings()
    state, changed = cache.changes()
    problems, counts, state, read = compute(state, changed)
    cache.store(problems, counts, state, read)
    cache.store_findings()
    return problems, counts

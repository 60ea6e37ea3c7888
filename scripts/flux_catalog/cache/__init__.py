"""The on-disk cache of ``flux-catalog check``: a re-check reuses what files did not change.

Two tables, both keyed by the engine (its version, and the size and time of its files) so
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
from typing import Any

from .. import __version__
from ..model import Problem
from .manifest import (
    Entry,
    below_skipped,
    changed_paths,
    manifest,
    not_listed,
    same,
    settle_reads,
)

ENV = "FLUX_CATALOG_CACHE_DIR"
FORMAT = 2
_ENGINE_DIR = Path(__file__).resolve().parents[1]
_fingerprint: str | None = None

# (stored state or None, changed paths or None)
#   -> (problems, (objects, components), state, repository-relative paths the result
#       depends on, those of them this run read itself)
Compute = Callable[[Any, "set[str] | None"],
                   tuple[list[Problem], tuple[int, int], Any, Iterable[str], Iterable[str]]]


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
        if known is not None and data is not None and same(known, self._manifest):
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
              read: Iterable[str] = (), fresh: Iterable[str] | None = None) -> None:
        """Store the result of a run that :meth:`replay` could not replay; ``read``: the
        repository-relative paths it read (those below skipped directories join the
        manifest, as they are now: one edited since the manifest was taken is racy)."""
        if self._manifest is None:
            return
        settle_reads(self._manifest, self.root, read, self._taken, fresh)
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
        problems, counts, _, _, _ = compute(None, None)
        return problems, counts
    cache = CheckCache(directory, root, config, inputs)
    hit = cache.replay()
    if hit is not None:
        return hit
    cache.load_findings()
    state, changed = cache.changes()
    problems, counts, state, read, fresh = compute(state, changed)
    cache.store(problems, counts, state, read, fresh)
    cache.store_findings()
    return problems, counts

"""One build's documents: each file read once, as raw text, fast tree and commented tree.

``DocumentStore`` is the only way the engine reads a repository file after the walk has found
it: the kustomize file system loads through it, resolve reads READMEs and Chart.yaml files
through it, rules read lines and render reads commented trees from it. Rules and render never
open a file nor parse YAML themselves.

Two levels of caching, both bounded and evicted by least use:

- per store (one build): the bytes of every path read, and what they parse to;
- shared between stores (``PARSED``): parsed files keyed by path, content hash and mode, so a
  ``mkdocs serve`` rebuild reparses only the files that changed. A persistent cache can plug
  in here: anything with ``get(key)`` and ``put(key, value)`` will do.
"""

from __future__ import annotations

import copy
import hashlib
import os
from collections import OrderedDict
from collections.abc import Hashable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

from .load import LoadedFile, load_bytes, read_limited

if TYPE_CHECKING:
    from .model import K8sObject

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
ParseKey = tuple[str, str, bool]  # (path, sha256 of the content, commented)


class LruCache(Generic[K, V]):
    """A mapping of at most ``limit`` entries; the least recently used one goes first."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._data: OrderedDict[K, V] = OrderedDict()

    def get(self, key: K) -> V | None:
        value = self._data.get(key)
        if value is not None:
            self._data.move_to_end(key)
        return value

    def put(self, key: K, value: V) -> None:
        self._data[key] = value
        self._data.move_to_end(key)
        while len(self._data) > self.limit:
            self._data.popitem(last=False)

    def __len__(self) -> int:
        return len(self._data)

    def clear(self) -> None:
        self._data.clear()

    def __contains__(self, key: object) -> bool:
        return key in self._data


class ParseCache(Protocol):
    """Where parsed files are kept between builds (memory by default, disk later)."""

    def get(self, key: ParseKey) -> LoadedFile | None: ...

    def put(self, key: ParseKey, value: LoadedFile) -> None: ...


# Parsed files shared by the stores of one process, keyed by content: always valid.
PARSED: LruCache[ParseKey, LoadedFile] = LruCache(20_000)


class DocumentStore:
    """The files of one build under ``root`` (paths are repository-relative POSIX strings;
    an absolute path, such as a CRD directory outside the repository, works too)."""

    def __init__(self, root: Path, parsed: ParseCache | None = None,
                 limit: int = 50_000) -> None:
        self.root = root
        self._parsed: ParseCache = parsed if parsed is not None else PARSED
        self._raw: LruCache[str, bytes | LoadedFile] = LruCache(limit)
        # Set by ``recording()``: every path read through this store.
        self.reads: set[str] | None = None
        # Every path read through this store and its views (files a cache must watch).
        self.read_paths: set[str] = set()
        self._loaded: LruCache[tuple[str, bool], LoadedFile] = LruCache(limit)
        # Compiled JSON-schema validators of the schema rule, by schema (see crds.py).
        self.validators: LruCache[int, tuple[Any, Any]] = LruCache(1024)

    # -- raw text ---------------------------------------------------------------------------

    def recording(self) -> DocumentStore:
        """A view of this store (the same caches) that notes in ``reads`` every path read
        through it: what one cluster's walk, resolution and rules depend on."""
        view = copy.copy(self)
        view.reads = set()
        return view

    def raw(self, rel: str) -> bytes | None:
        """The file's bytes, or None when it cannot be read or is too large."""
        self.read_paths.add(rel)
        if self.reads is not None:
            self.reads.add(rel)
        data = self._read(rel)
        return data if isinstance(data, bytes) else None

    def text(self, rel: str, encoding: str = "utf-8-sig") -> str | None:
        """The file as text (UTF-8, a byte-order mark dropped unless ``encoding`` is
        ``"utf-8"``), or None when it cannot be read."""
        raw = self.raw(rel)
        if raw is None:
            return None
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            return None

    def lines(self, rel: str) -> tuple[str, ...]:
        text = self.text(rel)
        return tuple(text.splitlines()) if text is not None else ()

    # -- trees ------------------------------------------------------------------------------

    def load(self, rel: str) -> LoadedFile:
        """Every document of the file, fast (``LineDict``/``LineList``, no comments)."""
        return self._load(rel, commented=False)

    def commented(self, rel: str) -> LoadedFile:
        """Every document of the file with its comments (ruamel.yaml round-trip nodes)."""
        return self._load(rel, commented=True)

    def parse(self, rel: str, raw: bytes, commented: bool = False) -> LoadedFile:
        """``raw`` as the content of ``rel``, for files that are not on disk (cached too)."""
        digest = hashlib.sha256(raw).hexdigest()
        key = (rel, digest, commented)
        loaded = self._parsed.get(key)
        if loaded is None:
            loaded = load_bytes(rel, raw, commented, digest)
            self._parsed.put(key, loaded)
        return loaded

    def _read(self, rel: str) -> bytes | LoadedFile:
        data = self._raw.get(rel)
        if data is None:
            # os.path.join where it names the same file as Path's join (which drops "."
            # components and a trailing slash: ``file/.`` is no file to a stat)
            plain = not rel.endswith("/") and "/./" not in f"/{rel}/"
            data = read_limited(os.path.join(self.root, rel) if plain else self.root / rel, rel)
            self._raw.put(rel, data)
        return data

    def _load(self, rel: str, commented: bool) -> LoadedFile:
        self.read_paths.add(rel)
        if self.reads is not None:
            self.reads.add(rel)
        loaded = self._loaded.get((rel, commented))
        if loaded is None:
            data = self._read(rel)
            loaded = data if isinstance(data, LoadedFile) else self.parse(rel, data, commented)
            self._loaded.put((rel, commented), loaded)
        return loaded

    def commented_body(self, obj: K8sObject) -> Mapping[str, Any]:
        """``obj`` as written, with its YAML comments (ruamel round-trip), patches re-applied.

        Pages show values with their comments; the fast loader drops comments, so the few
        documents a page shows are read again here (cached by content hash).
        """
        if obj.generated or obj.written_name is not None:
            return obj.body
        loaded = self.commented(obj.path)
        if obj.index >= len(loaded.docs) or not isinstance(loaded.docs[obj.index].data, Mapping):
            return obj.body
        body = loaded.docs[obj.index].data
        if body.get("kind") != obj.kind:  # an item of a `kind: List`
            return obj.body
        if obj.patches:
            body = copy.deepcopy(body)
            for patch in obj.patches:
                try:
                    patch.apply(body, plain=True)
                except (KeyError, IndexError, TypeError, ValueError):
                    return obj.body
        return body

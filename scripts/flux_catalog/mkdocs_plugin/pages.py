"""Generated pages as files on disk that change only when their content does.

MkDocs' dirty build (``mkdocs serve --dirty``, ``mkdocs build --dirty``) re-renders a page
only when its source is newer than its HTML. A page handed over as in-memory content is
always "modified", so every rebuild re-rendered all of them; written here instead, a page
whose Markdown did not change keeps its file and its time, and MkDocs skips it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket

SEARCH_INDEX = Path("search") / "search_index.json"


class StablePages:
    """A directory of generated pages, rewritten only where the content changed."""

    def __init__(self, directory: Path | None = None) -> None:
        self._owned = directory is None
        self.directory = directory or Path(tempfile.mkdtemp(prefix="flux-catalog-pages-"))
        self._digests: dict[str, bytes] = {}
        # The text last written per page (and its file): a page the memo kept is the very same
        # string, known to be on disk without encoding and hashing 2,000 pages again.
        self._texts: dict[str, tuple[str, str]] = {}
        self.written = 0  # pages written by the last build

    def begin(self) -> None:
        self.written = 0

    def write(self, path: str, content: str) -> str:
        """The absolute path of page ``path`` holding ``content`` (written if it differs)."""
        last = self._texts.get(path)
        if last is not None and last[0] is content:
            return last[1]
        target = self.directory / path
        data = content.encode("utf-8")
        digest = hashlib.blake2b(data, digest_size=16).digest()
        if self._digests.get(path) == digest and target.is_file():
            self._texts[path] = (content, str(target))
            return str(target)
        try:
            same = target.read_bytes() == data
        except OSError:
            same = False
        if not same:
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(f".{target.name}.tmp")
            tmp.write_bytes(data)
            os.replace(tmp, target)
            self.written += 1
        self._digests[path] = digest
        self._texts[path] = (content, str(target))
        return str(target)

    def prune(self, keep: set[str]) -> None:
        """Remove the files of pages that are no longer generated."""
        for path in [p for p in self._digests if p not in keep]:
            del self._digests[path]
            self._texts.pop(path, None)
            with contextlib.suppress(OSError):
                (self.directory / path).unlink()

    def close(self) -> None:
        if self._owned:
            shutil.rmtree(self.directory, ignore_errors=True)


class _KeptRows:
    """Each row's text kept for the next build, reused while the row at its place is equal:
    after an edit nearly every row of the inventory is the one of the last build."""

    def __init__(self) -> None:
        self._rows: list[tuple[Any, str]] = []

    def _texts(self, rows: list[Any], encode: Callable[[Any], str]) -> list[str]:
        previous = self._rows
        kept = [previous[i] if i < len(previous) and previous[i][0] == row
                else (row, encode(row)) for i, row in enumerate(rows)]
        self._rows = kept
        return [text for _, text in kept]


class JsonRows(_KeptRows):
    """``json.dumps(rows, ensure_ascii=False, sort_keys=True, indent=2)``, byte for byte, each
    row's text kept (an indented dump runs Python's slow encoder)."""

    def dumps(self, rows: list[Any]) -> str:
        texts = self._texts(rows, lambda row: "  " + json.dumps(
            row, ensure_ascii=False, sort_keys=True, indent=2).replace("\n", "\n  "))
        return "[\n" + ",\n".join(texts) + "\n]" if rows else "[]"


class CsvRows(_KeptRows):
    """``write(rows)`` (a CSV writer of a header and one line per row), byte for byte, each
    row's line kept."""

    def text(self, rows: list[Any], write: Callable[[list[Any]], str]) -> str:
        header = write([])
        return header + "".join(self._texts(rows, lambda row: write([row])[len(header):]))


class MemoryBytecodeCache(BytecodeCache):
    """Compiled Jinja templates kept in memory across ``serve`` rebuilds (each build makes a
    new Jinja environment, which compiled the theme's templates again: about a second).
    Jinja checks each template's source checksum, so an edited template is compiled anew."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


class SearchIndexKeeper:
    """The search index of a dirty build, made whole again.

    Search plugins index the pages a build renders. After a dirty rebuild MkDocs' own plugin
    lists only those; Material's merges the previous index but replaces the entries of the
    first rendered page only (and of every page whose address starts with it), so other
    rendered pages appear twice and pages below the first one vanish. Here every page keeps
    the entries of the build that last rendered it.
    """

    def __init__(self) -> None:
        self._entries: dict[str, list[Any]] = {}  # page URL -> its entries
        self._texts: dict[str, str] = {}  # page URL -> its entries as JSON, made once

    def complete(self, site_dir: Path, pages: set[str], rendered: set[str]) -> None:
        """Rewrite ``site_dir``'s index: the pages (URLs) of this build, each with its
        newest entries (``rendered``: the pages this build rendered)."""
        path = site_dir / SEARCH_INDEX
        try:
            index = json.loads(path.read_text("utf-8"))
            docs = index["docs"]
            runs = _last_runs(docs)
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return
        for url, entries in runs.items():
            if url in rendered or url not in self._entries:
                if self._entries.get(url) != entries:
                    self._texts.pop(url, None)
                self._entries[url] = entries
        self._entries = {url: e for url, e in self._entries.items() if url in pages}
        self._texts = {url: t for url, t in self._texts.items() if url in pages}
        order = sorted(self._entries, key=_url_order)
        merged = [entry for url in order for entry in self._entries[url]]
        if merged == docs:
            return
        # json.dumps(index with the merged docs), byte for byte, from each page's kept text
        fields = []
        for key, value in index.items():
            if key == "docs":
                value_text = "[" + ",".join(t for t in map(self._text, order) if t) + "]"
            else:
                value_text = _dumps(value)
            fields.append(f"{_dumps(key)}:{value_text}")
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_text("{" + ",".join(fields) + "}", "utf-8")
        os.replace(tmp, path)

    def _text(self, url: str) -> str:
        text = self._texts.get(url)
        if text is None:
            text = self._texts[url] = ",".join(_dumps(e) for e in self._entries[url])
        return text


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _last_runs(docs: list[Any]) -> dict[str, list[Any]]:
    """Each page's last contiguous run of entries (a plugin appends the newest ones)."""
    runs: dict[str, list[Any]] = {}
    previous = None
    for entry in docs:
        url = str(entry["location"]).split("#")[0]
        if url != previous:
            runs[url] = []
            previous = url
        runs[url].append(entry)
    return runs


def _url_order(url: str) -> tuple[bool, str]:
    return (url != "", url)

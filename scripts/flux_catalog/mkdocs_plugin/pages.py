"""Generated pages as files on disk that change only when their content does.

MkDocs' dirty build (``mkdocs serve --dirty``, ``mkdocs build --dirty``) re-renders a page
only when its source is newer than its HTML. A page handed over as in-memory content is
always "modified", so every rebuild re-rendered all of them; written here instead, a page
whose Markdown did not change keeps its file and its time, and MkDocs skips it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import tempfile
from pathlib import Path


class StablePages:
    """A directory of generated pages, rewritten only where the content changed."""

    def __init__(self, directory: Path | None = None) -> None:
        self._owned = directory is None
        self.directory = directory or Path(tempfile.mkdtemp(prefix="flux-catalog-pages-"))
        self._digests: dict[str, bytes] = {}
        self.written = 0  # pages written by the last build

    def begin(self) -> None:
        self.written = 0

    def write(self, path: str, content: str) -> str:
        """The absolute path of page ``path`` holding ``content`` (written if it differs)."""
        data = content.encode("utf-8")
        digest = hashlib.blake2b(data, digest_size=16).digest()
        target = self.directory / path
        if self._digests.get(path) == digest and target.is_file():
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
        return str(target)

    def prune(self, keep: set[str]) -> None:
        """Remove the files of pages that are no longer generated."""
        for path in [p for p in self._digests if p not in keep]:
            del self._digests[path]
            with contextlib.suppress(OSError):
                (self.directory / path).unlink()

    def close(self) -> None:
        if self._owned:
            shutil.rmtree(self.directory, ignore_errors=True)

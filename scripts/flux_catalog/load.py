"""Load YAML files into documents with positions and comments (ruamel.yaml round-trip).

Nothing here raises on bad input: a file that cannot be read or parsed yields a Problem
with its position, and the caller goes on with the rest of the repository.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from .model import ERROR, Document, Problem

YAML_SUFFIXES = (".yaml", ".yml")
MAX_FILE_BYTES = 8 * 1024 * 1024
RULE = "yaml-syntax"


@dataclass(frozen=True)
class LoadedFile:
    path: str
    docs: tuple[Document, ...]
    problems: tuple[Problem, ...]
    sha256: str


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    return yaml


# Parsed files keyed by content hash: `mkdocs serve` rebuilds and repeated walks reuse them.
_CACHE: dict[tuple[str, str], LoadedFile] = {}
_CACHE_LIMIT = 20_000


def load_file(root: Path, rel: str) -> LoadedFile:
    """Load every document of ``root/rel``; ``rel`` is a POSIX path relative to ``root``."""
    full = root / rel
    try:
        size = full.stat().st_size
        if size > MAX_FILE_BYTES:
            return _failed(
                rel,
                1,
                f"file is {size // (1024 * 1024)} MiB, larger than the "
                f"{MAX_FILE_BYTES // (1024 * 1024)} MiB the catalog reads; not parsed",
            )
        raw = full.read_bytes()
    except OSError as exc:
        return _failed(rel, 1, f"cannot read file: {exc.strerror or exc}")
    digest = hashlib.sha256(raw).hexdigest()
    cached = _CACHE.get((rel, digest))
    if cached is not None:
        return cached
    loaded = _parse(rel, raw, digest)
    if len(_CACHE) >= _CACHE_LIMIT:
        _CACHE.clear()
    _CACHE[(rel, digest)] = loaded
    return loaded


def _failed(rel: str, line: int, message: str, col: int = 1) -> LoadedFile:
    return LoadedFile(rel, (), (Problem(rel, line, col, RULE, ERROR, message),), "")


def _parse(rel: str, raw: bytes, digest: str) -> LoadedFile:
    if b"\x00" in raw[:8192]:
        return _failed(rel, 1, "binary file (contains NUL bytes), not YAML")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return _failed(rel, line, f"not valid UTF-8 (byte 0x{raw[exc.start]:02x})")
    docs: list[Document] = []
    try:
        for index, data in enumerate(_yaml().load_all(text)):
            docs.append(Document(rel, index, _start_line(data), data))
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        col = mark.column + 1 if mark is not None else 1
        last = text.count("\n") + (0 if text.endswith("\n") else 1)
        if line > max(last, 1):  # "but got <stream end>": point at the last line instead
            line, col = max(last, 1), 1
        message = " ".join(str(p) for p in (exc.context, exc.problem) if p)
        if "duplicate key" in message or "found duplicate key" in str(exc):
            message = _duplicate_message(exc)
        problem = Problem(rel, line, col, RULE, ERROR, message or "invalid YAML")
        return LoadedFile(rel, tuple(docs), (problem,), digest)
    except YAMLError as exc:
        return LoadedFile(rel, tuple(docs), (Problem(rel, 1, 1, RULE, ERROR, str(exc)),), digest)
    except RecursionError:
        return _failed(rel, 1, "YAML nested too deeply to read")
    except (ValueError, TypeError, OverflowError) as exc:  # e.g. bad timestamps or numbers
        return _failed(rel, 1, f"cannot construct YAML value: {exc}")
    return LoadedFile(rel, tuple(docs), (), digest)


def _duplicate_message(exc: MarkedYAMLError) -> str:
    problem = str(exc.problem or "")
    return f"duplicate key {problem.split('key', 1)[-1].strip()}".strip()


def _start_line(data: Any) -> int:
    lc = getattr(data, "lc", None)
    if lc is not None and getattr(lc, "line", None) is not None:
        return int(lc.line) + 1
    return 1


def key_line(node: Any, key: Any, default: int) -> int:
    """1-based line of ``key`` in a ruamel mapping (or index in a sequence)."""
    lc = getattr(node, "lc", None)
    if lc is None:
        return default
    try:
        if isinstance(key, int) and not isinstance(node, dict):
            return int(lc.item(key)[0]) + 1
        return int(lc.key(key)[0]) + 1
    except (KeyError, IndexError, TypeError, AttributeError):
        return default


def line_at(node: Any, path: tuple[Any, ...], default: int) -> int:
    """1-based line of the deepest element of ``path`` that exists below ``node``."""
    line = default
    for key in path:
        if isinstance(node, dict):
            if key not in node:
                break
        elif isinstance(node, list):
            if not isinstance(key, int) or not 0 <= key < len(node):
                break
        else:
            break
        line = key_line(node, key, line)
        node = node[key]
    return line

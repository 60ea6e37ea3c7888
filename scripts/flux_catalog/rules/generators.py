"""Credentials written for a kustomize ``secretGenerator``: literals, env files and files.

The generated Secret's body holds no data (the engine does not read generator inputs into
objects), so the inputs are read here, where ``check`` needs them: each literal on its line,
each ``KEY=value`` of an env file on its line, each file as a whole (unless SOPS-encrypted).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ..positions import key_line
from ..secrets import is_secret_key
from ..secrets.values import is_placeholder

if TYPE_CHECKING:
    from ..documents import DocumentStore


def generator_findings(documents: DocumentStore, path: str, line: int,
                       name: str) -> Iterator[tuple[str, int, str]]:
    """``(file, line, message)`` for every plaintext input of the generator at ``path:line``."""
    loaded = documents.load(path)
    for doc in loaded.docs:
        data = doc.data
        entries = data.get("secretGenerator") if isinstance(data, dict) else None
        if not isinstance(entries, list):
            continue
        for index, entry in enumerate(entries):
            if key_line(entries, index, 0) != line or not isinstance(entry, dict):
                continue
            yield from _entry(documents, path, entry, name)


def _entry(documents: DocumentStore, path: str, entry: Any,
           name: str) -> Iterator[tuple[str, int, str]]:
    root = documents.root
    literals = entry.get("literals")
    for index, literal in enumerate(literals if isinstance(literals, list) else []):
        if isinstance(literal, str) and "=" in literal:
            key, value = literal.split("=", 1)
            if value.strip() and not is_placeholder(value.strip()):
                yield (path, key_line(literals, index, 0),
                       f"secretGenerator '{name}': literal '{key}' in plaintext")
    directory = (root / path).parent
    for field in ("envs", "files", "env"):
        sources = entry.get(field)
        if isinstance(sources, str):
            sources = [sources]
        for source in sources if isinstance(sources, list) else []:
            if not isinstance(source, str):
                continue
            rel_file = source.split("=", 1)[-1]
            file = (directory / rel_file).resolve()
            if not file.is_relative_to(root.resolve()) or not file.is_file():
                continue
            rel = file.relative_to(root.resolve()).as_posix()
            text = documents.text(rel)
            if text is None:
                continue
            if "ENC[" in text or ("sops" in text and ("mac" in text or "age" in text)):
                continue  # SOPS-encrypted
            if field in ("envs", "env"):
                yield from _env_file(rel, text, name)
            elif text.strip():
                yield (rel, 1, f"secretGenerator '{name}': file '{rel_file}' in plaintext")


def _env_file(rel: str, text: str, name: str) -> Iterator[tuple[str, int, str]]:
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#") or "=" not in stripped:
            continue
        key, value = stripped.split("=", 1)
        value = value.strip().strip("\"'")
        if value and not is_placeholder(value):
            secretish = " (a credential key)" if is_secret_key(key.strip()) else ""
            yield (rel, number, f"secretGenerator '{name}': '{key.strip()}'{secretish} in "
                   "an env file in plaintext")

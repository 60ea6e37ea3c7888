"""Safe, collision-free page paths derived from names and namespaces.

A canonical Kubernetes-like name (a DNS-1123 label: ``podinfo``, ``flux-system``,
``kube-prometheus-stack``) is used as is. Anything else (``../etc``, ``a/b``, ``Foo``, ``a.b``,
``pоdinfo`` with a Cyrillic о, a 300-character name, an empty string) becomes a readable ASCII
prefix, ``_`` and 10 hex digits of the SHA-256 of the original string. Canonical names never
contain ``_``, so the two kinds cannot collide; every output is lowercase, so case-insensitive
file systems are safe too.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

__all__ = ["page_path", "slug"]

# A DNS-1123 label. Dotted names (legal for most kinds) are hashed too: segments then never
# contain a dot, so a page `a.md` can never be a directory `a.md/` of another path.
_CANONICAL_RE = re.compile(r"[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?")
_SUFFIX_RE = re.compile(r"(\.[a-z0-9]{1,8}){0,2}")
# Names a file system or MkDocs treats specially: Windows devices, and the stems MkDocs reads as
# a section index.
_RESERVED = frozenset(
    {"con", "prn", "aux", "nul", "index", "readme"}
    | {f"com{i}" for i in range(10)}
    | {f"lpt{i}" for i in range(10)}
)
_PREFIX_MAX = 40


def _is_canonical(part: str) -> bool:
    return _CANONICAL_RE.fullmatch(part) is not None and part not in _RESERVED


def slug(part: str) -> str:
    """One safe path segment for ``part``: at most 63 characters of ``[a-z0-9_-]``, no dot.

    ``slug("podinfo") == "podinfo"``; ``slug("Foo") == "foo_" + sha256("Foo")[:10]``;
    ``slug("../x") == "x_" + ...``; ``slug("a.b") == "a-b_" + ...``. Distinct inputs give
    distinct outputs (up to a 40-bit SHA-256 collision among non-canonical names). Reserved
    stems (``index``, ``readme``, ``con``, ``nul``, ``com1``...) are hashed as well.
    """
    part = str(part)
    if _is_canonical(part):
        return part
    folded = unicodedata.normalize("NFKC", part).lower()
    ascii_text = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode("ascii")
    prefix = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")[:_PREFIX_MAX].rstrip("-")
    digest = hashlib.sha256(part.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return f"{prefix}_{digest}"


def page_path(*parts: str, suffix: str = ".md") -> str:
    """A relative page path: the :func:`slug` of each part joined by ``/``, plus ``suffix``.

    Never absolute, never containing ``..``, no segment longer than 80 characters. ``suffix``
    is empty or one or two lowercase extensions (``.md``, ``.json``, ``.tar.gz``).
    """
    if not parts:
        raise ValueError("page_path needs at least one part")
    if _SUFFIX_RE.fullmatch(suffix) is None:
        raise ValueError(f"unsupported suffix {suffix!r}")
    return "/".join(slug(part) for part in parts) + suffix


def find_repo_root(path: Path) -> Path:
    """The enclosing Git work tree of ``path``, else ``path`` itself (a directory)."""
    start = path.resolve()
    if start.is_file():
        start = start.parent
    for candidate in (start, *start.parents):
        if (candidate / ".git").exists():
            return candidate
    return start

"""How far a chart version moved: the semver level of a bump, and range/pin changes."""

from __future__ import annotations

import re
from dataclasses import dataclass

MAJOR = "major"
MINOR = "minor"
PATCH = "patch"
PRERELEASE = "prerelease"
BUILD = "build"
OTHER = "other"  # not both semver (a digest, a Git ref, a range)

_SEMVER = re.compile(
    r"^v?(0|[1-9]\d*)(?:\.(0|[1-9]\d*))?(?:\.(0|[1-9]\d*))?"
    r"(?:-([0-9A-Za-z.-]+))?(?:\+([0-9A-Za-z.-]+))?$"
)


@dataclass(frozen=True)
class Version:
    major: int
    minor: int
    patch: int
    prerelease: tuple[int | str, ...]
    build: str

    def key(self) -> tuple[int, int, int, int, tuple[tuple[int, int | str], ...]]:
        # A version without a pre-release sorts after its pre-releases (semver 2.0.0, 11).
        pre = tuple((0, p) if isinstance(p, int) else (1, p) for p in self.prerelease)
        return (self.major, self.minor, self.patch, 0 if self.prerelease else 1, pre)


def parse(text: str | None) -> Version | None:
    """``1.2.3``, ``v1.2``, ``1.2.3-rc.1+build``; None for anything else (ranges included)."""
    if not text:
        return None
    m = _SEMVER.match(text.strip())
    if not m:
        return None
    pre = tuple(int(p) if p.isdigit() else p for p in (m.group(4) or "").split(".") if p)
    return Version(int(m.group(1)), int(m.group(2) or 0), int(m.group(3) or 0), pre,
                   m.group(5) or "")


# Ranges held to one major: ``1.x``, ``1.2.*``, ``~1.2``, ``^1.2.3``, ``=1.2``.
_ONE_MAJOR = re.compile(r"^\s*(?:[~^=]\s*)?v?(0|[1-9]\d*)(?:\.(?:\d+|[xX*]))*\s*$")


def _floor(text: str | None) -> Version | None:
    """The major a range is held to (``1.x``, ``~1.2``, ``^1``); None for open ranges."""
    if not text:
        return None
    m = _ONE_MAJOR.match(text)
    return Version(int(m.group(1)), 0, 0, (), "") if m else None


@dataclass(frozen=True)
class Bump:
    level: str  # MAJOR, MINOR, PATCH, PRERELEASE, BUILD or OTHER
    downgrade: bool = False

    def describe(self) -> str:
        if self.level == OTHER:
            return "changed"
        return f"{self.level} {'downgrade' if self.downgrade else 'bump'}"


def bump(old: str | None, new: str | None) -> Bump:
    """The level of the change from ``old`` to ``new`` (OTHER unless both are versions)."""
    a, b = parse(old), parse(new)
    if a is None or b is None:
        # A range held to one major (``1.x``, ``^1.2``) still says which major it allows.
        fa, fb = a or _floor(old), b or _floor(new)
        if fa is not None and fb is not None and fa.major != fb.major:
            return Bump(MAJOR, fb.major < fa.major)
        return Bump(OTHER)
    down = b.key() < a.key()
    if a.major != b.major:
        return Bump(MAJOR, down)
    if a.minor != b.minor:
        return Bump(MINOR, down)
    if a.patch != b.patch:
        return Bump(PATCH, down)
    if a.prerelease != b.prerelease:
        return Bump(PRERELEASE, down)
    return Bump(BUILD if a.build != b.build else OTHER, down)

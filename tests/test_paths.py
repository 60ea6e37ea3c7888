"""Page paths from names: examples and Hypothesis properties."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from flux_catalog.paths import page_path, slug

SEGMENT_RE = re.compile(r"[a-z0-9_-]{1,63}")
BASE = Path("/srv/site/docs")


def digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:10]


@pytest.mark.parametrize("name", ["podinfo", "flux-system", "a", "0", "kube-prometheus-stack",
                                  "a" * 63, "app-1"])
def test_canonical_names_are_kept(name: str) -> None:
    assert slug(name) == name


@pytest.mark.parametrize(("name", "prefix"), [
    ("Foo", "foo"), ("../etc/passwd", "etc-passwd"), ("..", ""), (".", ""), ("", ""),
    ("a/b", "a-b"), ("a\\b", "a-b"), ("/abs", "abs"), ("a.b", "a-b"), ("-a", "a"), ("a-", "a"),
    ("a" * 64, "a" * 40), ("café", "cafe"), ("Моніторинг", ""), ("pоdinfo", "pdinfo"),
    ("index", "index"), ("README", "readme"), ("con", "con"), ("nul", "nul"), ("a_b", "a-b"),
    ("C:\\x", "c-x"), ("a\x00b", "a-b"), ("ｐｏｄｉｎｆｏ", "podinfo"),
])
def test_other_names_are_hashed(name: str, prefix: str) -> None:
    assert slug(name) == f"{prefix}_{digest(name)}"


def test_collisions_are_kept_apart() -> None:
    names = ["podinfo", "Podinfo", "PODINFO", "pоdinfo", "ｐｏｄｉｎｆｏ", "podinfo.", "podinfo_"]
    assert len({slug(n) for n in names}) == len(names)
    assert len({slug(n).lower() for n in names}) == len(names)  # case-insensitive file systems


def test_page_path_examples() -> None:
    assert page_path("flux-system", "podinfo") == "flux-system/podinfo.md"
    assert page_path("inventory", suffix=".json") == "inventory.json"
    assert page_path("a", suffix="") == "a"
    assert page_path("..", "..", "etc") == f"_{digest('..')}/_{digest('..')}/etc.md"
    # a dotted name cannot make a page `a.md` that is also the directory of another page
    assert page_path("a.md", "x").split("/")[0] != page_path("a")


@pytest.mark.parametrize("suffix", ["md", "/x.md", ".MD", "../x", ". md", ".a.b.c"])
def test_page_path_rejects_odd_suffixes(suffix: str) -> None:
    with pytest.raises(ValueError):
        page_path("a", suffix=suffix)


def test_page_path_needs_a_part() -> None:
    with pytest.raises(ValueError):
        page_path()


@given(st.text())
def test_slug_property_one_safe_segment(name: str) -> None:
    segment = slug(name)
    assert SEGMENT_RE.fullmatch(segment), segment
    assert segment not in (".", "..") and "." not in segment


@given(st.lists(st.text(), unique=True, max_size=60))
def test_slug_property_injective(names: list[str]) -> None:
    assert len({slug(n) for n in names}) == len(names)


@given(st.lists(st.text(), min_size=1, max_size=6))
def test_page_path_property_stays_under_base(parts: list[str]) -> None:
    path = page_path(*parts)
    assert not path.startswith("/") and ".." not in path.split("/")
    assert all(len(segment) <= 80 for segment in path.split("/"))
    assert len(path.split("/")) == len(parts)
    resolved = (BASE / path).resolve()
    assert resolved.is_relative_to(BASE.resolve())


@given(st.lists(st.lists(st.text(max_size=8), min_size=1, max_size=3).map(tuple), unique=True,
                max_size=40))
def test_page_path_property_injective(paths: list[tuple[str, ...]]) -> None:
    assert len({page_path(*p) for p in paths}) == len(paths)

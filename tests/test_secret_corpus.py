"""Acceptance: the labelled corpus (tests/corpus) is found, and never leaks.

``check`` must report >= 97% of the planted fake credentials at their file:line and flag at
most 1% of the non-secrets; the built site, the inventory and the check report must contain
none of the credential values, searched after decoding HTML entities and JSON escapes.
"""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .corpus.build import Case
from .corpus.measure import measure, write

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Case]]:
    root = tmp_path_factory.mktemp("corpus") / "repo"
    cases = write(root)
    return root, cases


def test_the_corpus_is_large_enough(corpus: tuple[Path, list[Case]]) -> None:
    _, cases = corpus
    assert sum(c.secret for c in cases) >= 150
    assert sum(not c.secret for c in cases) >= 100
    assert len({c.value for c in cases if c.secret}) == sum(c.secret for c in cases)


def test_check_finds_the_credentials_at_their_lines(corpus: tuple[Path, list[Case]]) -> None:
    root, cases = corpus
    result = measure(root, cases)
    secrets = len(result.found) + len(result.missed)
    assert len(result.found) / secrets >= 0.97, [(c.category, c.file) for c in result.missed]


def test_check_flags_almost_no_non_secret(corpus: tuple[Path, list[Case]]) -> None:
    root, cases = corpus
    result = measure(root, cases)
    others = len(result.flagged) + len(result.clean)
    assert len(result.flagged) / others <= 0.01, [(c.category, c.value) for c in result.flagged]


def _decoded(text: str) -> str:
    """The text with HTML entities and JSON string escapes undone (both, in turn)."""
    out = html.unescape(text)
    out = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), out)
    out = out.replace("\\/", "/").replace('\\"', '"').replace("\\n", "\n")
    return html.unescape(out)


def _needles(case: Case) -> list[str]:
    """What a leak of ``case`` looks like: the value, or for a common word (``admin``, a
    default password) the key and value together."""
    if case.category.startswith("default password"):
        return [case.anchor, case.anchor.replace('"', "")]
    return [case.value]


def _leaks(text: str, cases: list[Case]) -> list[str]:
    decoded = _decoded(text)
    return [c.category for c in cases if c.secret and any(
        n in text or n in decoded for n in _needles(c))]


def _cli(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "flux_catalog", *args, "--repo-root", str(root),
         str(root / "clusters")],
        capture_output=True, text=True, timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT / "scripts")})


@pytest.mark.parametrize("args", [("check", "--format", "json"), ("check",),
                                  ("inventory", "--format", "json"),
                                  ("inventory", "--format", "csv")])
def test_no_credential_in_cli_output(corpus: tuple[Path, list[Case]],
                                     args: tuple[str, ...]) -> None:
    root, cases = corpus
    result = _cli(root, *args)
    assert _leaks(result.stdout + result.stderr, cases) == []


@pytest.mark.slow
def test_no_credential_anywhere_in_the_built_site(corpus: tuple[Path, list[Case]],
                                                  tmp_path: Path) -> None:
    root, cases = corpus
    for name in ("mkdocs.yml", "pyproject.toml"):
        (root / name).write_text((ROOT / name).read_text("utf-8"), "utf-8")
    for name in ("docs", "scripts", "node_modules"):
        if (ROOT / name).exists() and not (root / name).exists():
            (root / name).symlink_to(ROOT / name, target_is_directory=True)
    site = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-d", str(site)], cwd=root,
        capture_output=True, text=True, timeout=600,
        env={**os.environ, "DISABLE_MKDOCS_2_WARNING": "true", "NO_MKDOCS_2_WARNING": "1"})
    assert _leaks(result.stdout + result.stderr, cases) == []
    files = [p for p in site.rglob("*") if p.is_file()]
    assert any(p.name == "search_index.json" for p in files)
    pages = 0
    for path in files:
        text = path.read_bytes().decode("utf-8", "replace")
        assert _leaks(text, cases) == [], path
        pages += path.suffix == ".html"
    assert pages > 10

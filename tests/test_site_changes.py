"""The site's optional "What changed" page (``diff_base``), on the two-commit diff fixture.

Slow: each case is one ``mkdocs build``.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from tests.test_diff import FIXTURE, SECRETS, _commit_tree, _git
from tests.test_site import build

pytestmark = pytest.mark.slow

MKDOCS_YML = """\
site_name: Fleet
repo_url: https://github.com/acme/fleet
plugins:
  - search
  - flux-catalog:
      diff_base: {base}
{language}"""


def _repo(tmp_path: Path, base: str, language: str = "") -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "main")
    _commit_tree(repo, FIXTURE / "base", "base")
    _git(repo, "tag", "v1.0.0")
    _commit_tree(repo, FIXTURE / "head", "head")
    (repo / "mkdocs.yml").write_text(MKDOCS_YML.format(base=base, language=language), "utf-8")
    (repo / "docs").mkdir()
    return repo


def _all_text(site: Path) -> str:
    return "\n".join(p.read_text("utf-8", "replace") for p in site.rglob("*")
                     if p.is_file() and p.suffix in {".html", ".json", ".csv", ".xml"})


def test_the_page_compares_the_build_with_the_base(tmp_path: Path) -> None:
    repo = _repo(tmp_path, "v1.0.0")
    result = build(repo, tmp_path / "site", strict=False)
    page = html.unescape((tmp_path / "site/changes/index.html").read_text("utf-8"))
    assert "<h1 id=\"що-змінилося\">Що змінилося" in page
    assert "v1.0.0 (" in page and "HEAD (" in page
    assert "На що звернути увагу" in page  # review flags, in Ukrainian
    assert "мажорне оновлення чарта web: 1.2.3 → 2.0.0" in page
    assert "worker" in page and "-replicas: 1" in page
    # What still exists links to its page (MkDocs checked and rewrote the .md link).
    assert re.search(r'<a href="../clusters/prod/namespaces/apps/helmrelease/web/">'
                     r'<code>HelmRelease/apps/web</code></a>', page), page
    assert 'href="changes/"' in (tmp_path / "site/index.html").read_text("utf-8")  # in the nav
    site = _all_text(tmp_path / "site")
    for secret in SECRETS:  # redacted on both sides, everywhere (search index too)
        assert secret not in site
    assert "no 'What changed' page" not in result.stderr
    # The work tree, the index and the history are untouched (an empty docs/ is not listed).
    assert _git(repo, "status", "--porcelain").splitlines() == ["?? mkdocs.yml"]
    # The head is the work tree: with a file Git does not have yet, the page says so; once
    # everything is committed, it names the commit alone.
    assert "і зміни, ще не закомічені" in page
    _git(repo, "add", "mkdocs.yml")
    _git(repo, "commit", "-qm", "site")
    build(repo, tmp_path / "site2", strict=False)
    page = html.unescape((tmp_path / "site2/changes/index.html").read_text("utf-8"))
    assert "HEAD (" in page and "ще не закомічені" not in page


def test_english_page(tmp_path: Path) -> None:
    repo = _repo(tmp_path, "v1.0.0", "      language: en\n")
    build(repo, tmp_path / "site", strict=False)
    page = (tmp_path / "site/changes/index.html").read_text("utf-8")
    assert "What changed" in page and "Review flags" in page
    assert "major chart version bump of web" in html.unescape(page)
    assert "with uncommitted changes" in page


def test_a_base_that_cannot_be_read_is_one_line_and_no_page(tmp_path: Path) -> None:
    repo = _repo(tmp_path, "v9.9.9")
    result = build(repo, tmp_path / "site", strict=False)
    assert not (tmp_path / "site/changes").exists()
    lines = [line for line in result.stderr.splitlines() if "What changed" in line]
    assert len(lines) == 1 and "v9.9.9" in lines[0] and "unknown revision" in lines[0], lines
    assert "Traceback" not in result.stderr


def test_every_change_of_the_fixture_reads_in_ukrainian() -> None:
    from flux_catalog.diff import compare, take
    from flux_catalog.diff.page import changes_markdown
    from flux_catalog.diff.page_uk import translate_change
    from flux_catalog.diff.report import RELEASE_SETTINGS
    from flux_catalog.render.i18n import language

    report = compare(take(FIXTURE / "base", "base"), take(FIXTURE / "head", "head"))
    # Release settings are field paths and values ("timeout 5m → 10m"): nothing to translate.
    english = [c.message for c in report.changes
               if c.type != RELEASE_SETTINGS and translate_change(c) == c.message]
    assert english == []
    with language("uk"):
        page = changes_markdown(report)
    assert "кластерів зі змінами&#58; 1" in page and "is a delete" not in page
    with language("en"):
        assert "1 cluster changed&#58;" in changes_markdown(report)

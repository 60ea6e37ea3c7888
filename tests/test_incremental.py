"""Pages reused between plans (``PageMemo``, what ``mkdocs serve`` keeps): after any edit, a
memoised plan is the plan a fresh run makes, page for page, and it renders only a few pages."""

from __future__ import annotations

import importlib.util
import re
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from flux_catalog.cache.session import CatalogSession
from flux_catalog.policy import load_policy
from flux_catalog.render import PageMemo, Site, plan_pages
from flux_catalog.resolve import build_catalog
from flux_catalog.rules import run

BENCH = Path(__file__).parent / "bench"
BASIC = Path(__file__).parent / "fixtures" / "basic"
REPO_URL = "https://github.com/example/fleet"


def _fleet_module():
    spec = importlib.util.spec_from_file_location("bench_fleet", BENCH / "fleet.py")
    assert spec is not None and spec.loader is not None
    if spec.name in sys.modules:
        return sys.modules[spec.name]
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _plan(root: Path, memo: PageMemo | None, language: str = "uk") -> Site:
    catalog, policy = build_catalog(root, None)
    return plan_pages(catalog, run(catalog, policy), REPO_URL, language_code=language,
                      home="Каталог", memo=memo)


def _pages(site: Site) -> dict[str, tuple[str, str, str | None]]:
    return {p.path: (p.markdown, p.title, p.edit_path) for p in site.pages}


@pytest.fixture(scope="module")
def fleet_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fleet") / "repo"
    _fleet_module().generate(root, 2, 6, 0)
    return root


@pytest.fixture
def fleet(fleet_template: Path, tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(fleet_template, root)
    return root


def _releases(root: Path) -> list[Path]:
    return sorted(p for p in (root / "clusters").rglob("release.yaml")
                  if "kubernetes.io/description" in p.read_text("utf-8"))


def _sub(path: Path, pattern: str, replacement: str, count: int = 1) -> None:
    text = path.read_text("utf-8")
    new, n = re.subn(pattern, replacement, text, count=count, flags=re.M)
    assert n, f"{pattern!r} not in {path}"
    path.write_text(new, "utf-8")


def _edit_description(root: Path) -> None:
    _sub(_releases(root)[3], r"(kubernetes\.io/description: >-\n\s+)", r"\1Змінено. ")


def _edit_values_comment(root: Path) -> None:
    _sub(_releases(root)[2], r"# -- ", "# -- Оновлений коментар. ")


def _edit_depends_on(root: Path) -> None:
    release = _releases(root)[-1]
    text = release.read_text("utf-8")
    if "dependsOn:" in text:
        _sub(release, r"^  dependsOn:\n(    - name: .*\n)+", "")
    else:
        _sub(release, r"^spec:\n", "spec:\n  dependsOn:\n    - name: nowhere-to-be-found\n")


def _edit_readme(root: Path) -> None:
    readme = sorted((root / "clusters").rglob("README.md"))[5]
    readme.write_text(readme.read_text("utf-8") + "\nЩе один абзац.\n", "utf-8")


def _drop_description(root: Path) -> None:  # a problem appears on the page and elsewhere
    _sub(_releases(root)[1], r"^    kubernetes\.io/description: >-\n(      .*\n)+", "")


def _edit_namespace(root: Path) -> None:
    namespace = sorted((root / "clusters").rglob("namespace.yaml"))[0]
    _sub(namespace, r"(kubernetes\.io/description: >-\n\s+)", r"\1Змінено. ")


def _edit_source_url(root: Path) -> None:  # a neighbour of every release using it
    repository = sorted((root / "clusters").rglob("repository.yaml"))[0]
    _sub(repository, r"url: (\S+)", r"url: \1/moved")


def _edit_chart_version(root: Path) -> None:
    pattern = r"^(\s+version: ['\"]?)(\d+)"
    release = next(p for p in _releases(root) if re.search(pattern, p.read_text("utf-8"), re.M))
    _sub(release, pattern, r"\g<1>9\2")


def _remove_release(root: Path) -> None:  # the set of pages changes
    release = _releases(root)[4]
    _sub(release.parent / "kustomization.yaml", r"^\s*- release\.yaml\n", "")


def _add_line_above(root: Path) -> None:  # every line of the file moves
    release = _releases(root)[5]
    release.write_text("# a comment on top\n" + release.read_text("utf-8"), "utf-8")


EDITS: dict[str, Callable[[Path], None]] = {
    "description": _edit_description,
    "values comment": _edit_values_comment,
    "dependsOn": _edit_depends_on,
    "README": _edit_readme,
    "description removed": _drop_description,
    "namespace description": _edit_namespace,
    "source URL": _edit_source_url,
    "chart version": _edit_chart_version,
    "release removed": _remove_release,
    "line numbers": _add_line_above,
}


@pytest.mark.parametrize("edit", EDITS, ids=list(EDITS))
def test_a_memoised_plan_after_an_edit_is_the_fresh_plan(fleet: Path, edit: str) -> None:
    memo = PageMemo()
    before = _pages(_plan(fleet, memo))
    EDITS[edit](fleet)
    warm = _pages(_plan(fleet, memo))
    fresh = _pages(_plan(fleet, None))
    assert warm.keys() == fresh.keys()
    for path in fresh:
        assert warm[path] == fresh[path], path
    assert warm != before  # the edit shows somewhere


def test_one_description_edit_renders_a_few_pages(fleet: Path) -> None:
    memo = PageMemo()
    site = _plan(fleet, memo)
    # every page but those of the whole catalog (problems, home), always rendered
    assert memo.reused == 0 and memo.rendered == len(site.pages) - 2
    _plan(fleet, memo)
    assert memo.rendered == 0
    _edit_description(fleet)
    site = _plan(fleet, memo)
    assert 0 < memo.rendered < len(site.pages) / 4
    assert memo.reused + memo.rendered == len(site.pages) - 2
    assert "inventory.md" not in memo.rendered_paths  # it shows no description
    assert memo.rendered_paths  # the release's own page, its namespace's, its neighbours'
    assert not [p for p in memo.rendered_paths  # nor a cluster page
                if re.fullmatch(r"clusters/[^/]+/index\.md", p)]


def test_edits_in_a_row_and_a_language_switch_stay_fresh(fleet: Path) -> None:
    memo = PageMemo()
    _plan(fleet, memo)
    for edit in ("description", "values comment", "README", "chart version"):
        EDITS[edit](fleet)
        assert _pages(_plan(fleet, memo)) == _pages(_plan(fleet, None)), edit
    assert _pages(_plan(fleet, memo, "en")) == _pages(_plan(fleet, None, "en"))
    assert _pages(_plan(fleet, memo)) == _pages(_plan(fleet, None))


def test_the_basic_fixture_after_each_file_edit(tmp_path: Path) -> None:
    root = tmp_path / "repo"
    shutil.copytree(BASIC, root)
    memo = PageMemo()
    _plan(root, memo)
    for path in sorted(root.rglob("*.yaml")) + sorted(root.rglob("README.md")):
        text = path.read_text("utf-8")
        path.write_text(text.replace("description: ", "description: x ", 1)
                        if "description: " in text else text + "\n# edited\n", "utf-8")
        assert _pages(_plan(root, memo)) == _pages(_plan(root, None)), path


def test_the_site_inventory_csv_from_its_json_rows_is_the_cli_csv(fleet: Path) -> None:
    from flux_catalog.report import inventory_csv, inventory_rows

    catalog, policy = build_catalog(fleet, None)
    site = plan_pages(catalog, run(catalog, policy), REPO_URL)
    rows = site.inventory()
    assert all("page" in row for row in rows)
    assert inventory_csv(rows) == inventory_csv(inventory_rows(catalog))


def _session_plan(session: CatalogSession, memo: PageMemo | None
                  ) -> tuple[Site, dict[str, tuple[str, str, str | None]]]:
    """A plan of the serve session's catalog with ``memo``, and a fresh plan of the same."""
    policy, policy_problems = load_policy(session.root)
    catalog, problems = session.build(None, policy, policy_problems, ())
    site = plan_pages(catalog, problems, REPO_URL, home="Каталог", memo=memo)
    return site, _pages(plan_pages(catalog, problems, REPO_URL, home="Каталог"))


@pytest.mark.parametrize("edit", EDITS, ids=list(EDITS))
def test_a_memoised_plan_of_the_serve_session_is_the_fresh_plan(fleet: Path, edit: str) -> None:
    """Pages of the clusters an edit did not reach are made of the very same objects: reused
    without comparing their inputs, and still the pages a fresh plan makes."""
    session, memo = CatalogSession(fleet), PageMemo()
    _session_plan(session, memo)
    EDITS[edit](fleet)
    site, fresh = _session_plan(session, memo)
    assert _pages(site) == fresh
    if session.rebuilt is not None and len(session.rebuilt) < len(site.context.catalog.clusters):
        ctx = site.context
        untouched = [path for key, path in ctx.links.items()
                     if ctx.by_key[key].cluster not in session.rebuilt]
        untouched += [path for (cluster, _), path in ctx.namespaces.items()
                      if cluster not in session.rebuilt]
        assert untouched and memo.identical >= len(untouched)


def test_identical_pages_need_the_same_objects_in_the_same_places(fleet: Path) -> None:
    session, memo = CatalogSession(fleet), PageMemo()
    site, _ = _session_plan(session, memo)
    _session_plan(session, memo)  # nothing changed: every component and namespace page
    ctx = site.context  # by identity
    assert memo.identical == len(ctx.links) + len(ctx.namespaces) and memo.rendered == 0
    session = CatalogSession(fleet)  # a new session: new objects, equal values
    site, fresh = _session_plan(session, memo)
    assert memo.identical == 0 and memo.rendered == 0 and _pages(site) == fresh

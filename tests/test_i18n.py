"""The site's language: Ukrainian problem messages and the language switch of page texts."""

from __future__ import annotations

import pytest

from flux_catalog.render.i18n import language, t, translate_message


@pytest.mark.parametrize(("english", "ukrainian"), [
    ("HelmRelease 'loki' has no kubernetes.io/description annotation",
     "HelmRelease «loki» не має анотації kubernetes.io/description"),
    ("Kustomization 'apps': dependsOn Kustomization 'flux-system/infra' is not defined in this "
     "cluster", "Kustomization «apps»: Kustomization «flux-system/infra» (dependsOn) у цьому "
     "кластері не визначено"),
    ("directory 'apps/base' has no README.md describing it",
     "директорія «apps/base» не має README.md з описом"),
    ("HelmRelease 'x': chart version '1.x' is a range; pin an exact version",
     "HelmRelease «x»: версія чарта «1.x» — це діапазон; зафіксуйте точну версію"),
    # Kustomization is feminine on every page ("жодна Flux Kustomization")
    ("ConfigMap 'a' is not applied by any Flux Kustomization (no kustomization.yaml or "
     "spec.path reaches this file)",
     "ConfigMap «a» не застосовує жодна Flux Kustomization: до цього файлу не доходить ні "
     "kustomization.yaml, ні spec.path"),
])
def test_problem_messages_read_in_ukrainian(english: str, ukrainian: str) -> None:
    assert translate_message(english, "uk") == ukrainian
    assert translate_message(english, "en") == english


def test_an_unknown_message_stays_as_written() -> None:
    assert translate_message("something new", "uk") == "something new"


def test_page_texts_follow_the_language() -> None:
    assert t("## Кластери\n") == "## Кластери\n"
    with language("en"):
        assert t("## Кластери\n") == "## Clusters\n"
    with pytest.raises(ValueError), language("de"):
        pass


def test_every_text_passed_to_t_has_an_english_version() -> None:
    import ast
    from pathlib import Path

    from flux_catalog.render import i18n
    from flux_catalog.render.i18n_en import EN

    missing = []
    for path in Path(i18n.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id == "t" and node.args
                    and isinstance(node.args[0], ast.Constant)
                    and node.args[0].value not in EN):
                missing.append(f"{path.name}:{node.lineno}")
    assert not missing


def test_an_english_site_has_no_ukrainian_of_ours(tmp_path) -> None:
    """Every page of an English site, from a repository with no Ukrainian in it."""
    import re
    import shutil
    from pathlib import Path

    from flux_catalog.render import plan_pages
    from flux_catalog.resolve import build_catalog
    from flux_catalog.rules import run

    fixture = Path(__file__).parent / "fixtures" / "basic"
    repo = tmp_path / "repo"
    shutil.copytree(fixture, repo)
    cyrillic = re.compile("[\u0400-\u04ff]+")
    for path in repo.rglob("*"):
        if path.is_file() and path.suffix in {".yaml", ".yml", ".md"}:
            path.write_text(cyrillic.sub("text", path.read_text("utf-8")), "utf-8")
    catalog, policy = build_catalog(repo, [""])
    problems = run(catalog, policy)
    site = plan_pages(catalog, problems, "https://github.com/acme/basic", "main", "en",
                      "Basic", hand_written=())
    assert len(site.pages) > 10
    for page in site.pages:
        assert not cyrillic.search(page.markdown), (page.path,
                                                    cyrillic.findall(page.markdown)[:5])


@pytest.mark.parametrize("fixture", ["basic", "broken", "kustomize-semantics"])
def test_every_problem_of_the_fixtures_reads_in_ukrainian(fixture: str) -> None:
    from pathlib import Path

    from flux_catalog.crd_data import bundled_crds
    from flux_catalog.resolve import build_catalog
    from flux_catalog.rules import run

    catalog, policy = build_catalog(Path(__file__).parent / "fixtures" / fixture, [""])
    english = sorted({p.message for p in run(catalog, policy, bundled_crds())
                      if translate_message(p.message, "uk") == p.message})
    assert english == []

"""Pages a reader grasps at a glance: inventory filters, namespace graphs, field help, chart
versions from Git, upstream chart links and comments kept with their block."""

from __future__ import annotations

import html
import re
import textwrap
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from flux_catalog.render import Site
from flux_catalog.render.context import short_description
from flux_catalog.render.escape import mermaid_id
from flux_catalog.render.fields import FIELD_HELP
from flux_catalog.render.values import column_of, redacted_yaml, select_keys

from .glance_repo import APPS, HR_PAGE, KUSTOMIZATION, NS_PAGE, make_repo, make_site, to_html

FIXTURES = Path(__file__).parent / "fixtures"
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return make_site(make_repo(tmp_path_factory.mktemp("shop"), APPS))


# --- inventory page --------------------------------------------------------------------------

def test_inventory_page_has_filters_and_an_images_table(shop: Site) -> None:
    text = shop.page("inventory.md").markdown
    html = to_html(text)
    boxes = re.findall(r'<div class="fc-filter" [^>]*data-fc-filter="([^"]*)"', html)
    assert boxes == ["Простір імен|Тип", "Простір імен"]  # components, images
    assert 'data-fc-count="Показано {shown} з {total}"' in html
    images = text[text.index("## Образи контейнерів"):text.index("## Джерела")]
    assert "<code>bitnami/postgresql</code>" not in images  # the registry is kept
    assert "| <code>docker.io/bitnami/postgresql</code> | <code>17.2.0</code>" \
        in images
    assert "| <code>ghcr.io/shop/backup</code> | не вказано |" in images
    assert "<code>sha256&#58;0123456789ab…</code>" in images
    # the components table names each image briefly: the images table has the rest
    assert "<code>web&#58;1.4.2</code>" in text


def test_inventory_filters_speak_english_on_an_englishmake_site(tmp_path: Path) -> None:
    site = make_site(make_repo(tmp_path, APPS), "en")
    text = site.page("inventory.md").markdown
    assert 'data-fc-all="all"' in text and "## Container images" in text


# --- graphs -------------------------------------------------------------------------------------

def _mermaid(text: str) -> str:
    start = text.index("```mermaid")
    return text[start:text.index("\n```\n", start)]


def test_namespace_page_draws_its_components_and_their_links(shop: Site) -> None:
    graph = _mermaid(shop.page(NS_PAGE.format("shop")).markdown)
    cache = mermaid_id("dev:HelmRelease/shop/cache")
    db = mermaid_id("dev:HelmRelease/data/db")
    # db lives in another namespace, and is drawn because cache depends on it
    assert f"{db}[\"HelmRelease<br>db\"]" in graph
    # two edges between the same pair are one arrow carrying both labels
    assert f"{cache} -->|залежить від, звертається до| {db}" in graph
    assert graph.count(f"{cache} -->") == 1
    assert graph.startswith("```mermaid\ngraph LR\n")
    # a namespace whose components link to nothing has no graph
    assert "```mermaid" not in shop.page(NS_PAGE.format("flux-system")).markdown


def test_cluster_graph_fits_its_column_with_zoom_controls(shop: Site) -> None:
    text = shop.page("clusters/dev/index.md").markdown
    html = to_html(text)
    box = re.search(r'<div class="fc-zoom" [^>]*data-fc-zoom-in="Збільшити"[^>]*>(.*?)</div>',
                    html, re.S)
    assert box is not None
    assert "<code>graph LR\n" in box.group(1)
    assert "fc-wide-graph" not in html and "min-width" not in text


def test_kustomization_page_lists_what_it_applies_instead_of_drawing_it(shop: Site) -> None:
    text = shop.page("clusters/dev/namespaces/flux-system/kustomization/apps.md").markdown
    listed = text[text.index("## Що застосовує"):]
    listed = listed[:listed.index("\n## ")]
    for name in ("web", "db", "cache", "charts", "upstream"):
        assert f"[{name}]" in listed, name
    graph = _mermaid(text)
    assert mermaid_id("dev:HelmRelease/data/db") not in graph  # no fan of what it applies


# --- tables -------------------------------------------------------------------------------------

def test_a_shortened_description_ends_at_a_word() -> None:
    text = ("Стек моніторингу кластера: збирає метрики й логи, показує дашборди та "
            "надсилає сповіщення, коли щось ламається в будь-якому просторі імен")
    short = html.unescape(short_description(text, limit=60))
    assert short.endswith("…") and len(short) <= 60
    cut = short[:-1]
    assert text.startswith(cut)
    assert text[len(cut)] == " "  # the next character starts a word


def test_no_word_breaks_inside_names_in_tables() -> None:
    css = (ROOT / "scripts/flux_catalog/mkdocs_plugin/assets/catalog.css").read_text("utf-8")
    rule = css[css.index(".md-typeset table:not([class]) td code,"):]
    rule = rule[:rule.index("}")]
    assert "td a" in rule and "td.fc-word" in rule and "white-space: nowrap" in rule
    script = (ROOT / "scripts/flux_catalog/mkdocs_plugin/assets/tablesort-init.js").read_text()
    assert 'cell.classList.add("fc-word")' in script
    assert "word-break: normal" in css and "hyphens: manual" in css


# --- component pages ----------------------------------------------------------------------------

FACT_ROW = re.compile(r"^\| ([^|]+?) \| .* \|$", re.M)


def _fact_labels(text: str) -> list[str]:
    """The labels of a component page's facts table: the first table of the page."""
    facts = text[text.index("\n| "):]
    facts = facts[:facts.index("\n\n", 1)]
    # without the header and the line under it
    return [m.group(1) for m in FACT_ROW.finditer(facts)][2:]


@pytest.mark.parametrize("root", ["shop", "basic", "p72-flux"])
def test_every_field_label_is_explained(shop: Site, tmp_path: Path, root: str) -> None:
    site = shop if root == "shop" else make_site(FIXTURES / "basic" if root == "basic" else ROOT)
    components = [p for p in site.pages if p.path in set(site.context.links.values())]
    assert components
    for page in components:
        labels = _fact_labels(page.markdown)
        assert labels, page.path
        unexplained = [label for label in labels if label not in FIELD_HELP]
        assert unexplained == [], (page.path, unexplained)
        html = to_html(page.markdown)
        assert "<summary>Що означають поля</summary>" in html
        # a tooltip on each label, except one that is also a heading of the page
        for label in labels:
            if label != "Джерело":
                words, _, rest = label.partition(" (")  # "Видаляти зайве (prune)"
                tail = re.escape(f" ({rest}") if rest else ""
                assert re.search(rf'<td><abbr title="[^"]+">{re.escape(words)}</abbr>{tail}</td>',
                                 html), (page.path, label)


def test_a_chart_in_this_repository_links_its_chart_yaml(shop: Site) -> None:
    text = shop.page(HR_PAGE.format("shop", "local")).markdown
    row = next(line for line in text.splitlines() if line.startswith("| Документація чарта |"))
    assert "(https://local.example.org/docs)" in row
    assert "(https://github.com/example/local)" in row
    assert "javascript" not in row and "secret" not in row  # unsafe or credentialed: dropped
    assert "<code>0.3.1</code> — з <code>charts/local/Chart.yaml</code>" in text


def test_a_published_chart_links_a_search_on_artifact_hub(shop: Site) -> None:
    text = shop.page(HR_PAGE.format("data", "db")).markdown
    assert ("| Документація чарта | [пошук «postgresql» на Artifact Hub]"
            "(https://artifacthub.io/packages/search?kind=0&ts_query_web=postgresql) |") in text


def test_a_chart_from_another_git_repository_says_where_its_version_comes_from(
        shop: Site) -> None:
    text = shop.page(HR_PAGE.format("shop", "fromgit")).markdown
    row = next(line for line in text.splitlines() if line.startswith("| Версія |"))
    assert "з Chart.yaml чарта в GitRepository upstream (гілка <code>release</code>)" in row
    assert "<code>9.9.9</code> Flux для Git-джерел ігнорує" in row
    assert "Документація чарта" not in text  # nothing known about an outside Git chart


# --- comments stay with their block -------------------------------------------------------------

SPEC = """\
spec:
  interval: 10m
  # how often
  prune: true  # remove what left Git
  # -- the substitutions of every manifest
  postBuild:
    substitute:
      # the domain
      DOMAIN: example.org
  # the images we pin
  images:
    - name: web
      newTag: "1"
  # forced on every apply
  force: true
"""


@pytest.mark.parametrize(("keys", "expected"), [
    (("postBuild", "images", "force"),
     "# -- the substitutions of every manifest\npostBuild:\n  substitute:\n    # the domain\n"
     "    DOMAIN: example.org\n# the images we pin\nimages:\n  - name: web\n    newTag: '1'\n"
     "# forced on every apply\nforce: true\n"),
    # images left out: its comment does not end up under postBuild
    (("postBuild", "force"),
     "# -- the substitutions of every manifest\npostBuild:\n  substitute:\n    # the domain\n"
     "    DOMAIN: example.org\n# forced on every apply\nforce: true\n"),
    (("prune",), "# how often\nprune: true  # remove what left Git\n"),
])
def test_a_subset_of_settings_keeps_the_comment_above_each_key(
        keys: tuple[str, ...], expected: str) -> None:
    spec = YAML().load(SPEC)["spec"]
    text, _ = redacted_yaml(select_keys(spec, keys), column_of(spec))
    assert text.strip("\n") + "\n" == expected
    # the tree the page was made from is left as it was
    assert "# the images we pin" in str(spec["postBuild"]["substitute"].ca)


def test_kustomization_settings_on_the_page_keep_their_comments(tmp_path: Path) -> None:
    files = dict(APPS)
    files["clusters/dev/apps.yaml"] = KUSTOMIZATION.format(name="apps", path="apps").replace(
        "  prune: true\n",
        "  prune: true\n  # -- what every manifest gets substituted\n  postBuild:\n"
        "    substitute:\n      DOMAIN: example.org\n  # pinned by hand\n"
        "  timeout: 5m\n  # applied even when immutable\n  force: true\n")
    site = make_site(make_repo(tmp_path, files))
    text = site.page("clusters/dev/namespaces/flux-system/kustomization/apps.md").markdown
    settings = text[text.index("## Налаштування застосування"):]
    settings = settings[:settings.index("\n## ")]
    assert "# -- what every manifest gets substituted\npostBuild:" in settings
    assert "# applied even when immutable\nforce: true" in settings
    assert "# pinned by hand" not in settings  # timeout is a fact row, not a setting


def test_a_namespace_graph_leaves_out_components_without_links(tmp_path: Path) -> None:
    files = dict(APPS)
    files["apps/lonely.yaml"] = """\
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata:
          name: lonely
          namespace: shop
          annotations:
            kubernetes.io/description: Ні з чим не пов'язаний.
        spec:
          interval: 1h
          chart:
            spec:
              chart: lonely
              version: 1.0.0
              sourceRef: {kind: HelmRepository, name: charts, namespace: data}
        """
    files["apps/kustomization.yaml"] = APPS["apps/kustomization.yaml"].replace(
        "git.yaml]", "git.yaml, lonely.yaml]")
    site = make_site(make_repo(tmp_path, files))
    text = site.page(NS_PAGE.format("shop")).markdown
    assert "[lonely]" in text  # in the table
    graph = _mermaid(text)
    assert mermaid_id("dev:HelmRelease/shop/lonely") not in graph
    assert mermaid_id("dev:HelmRelease/shop/cache") in graph


def test_field_help_follows_the_site_language(tmp_path: Path) -> None:
    site = make_site(make_repo(tmp_path, APPS), "en")
    text = site.page(HR_PAGE.format("data", "db")).markdown
    html = to_html(text)
    assert "<summary>What the fields mean</summary>" in html
    # the tooltip is on the label the table shows, whichever language that is
    label = _fact_labels(text)[0]
    assert re.search(rf'<td><abbr title="The Kubernetes kind of the object[^"]*">'
                     rf"{re.escape(label)}</abbr></td>", html)


def test_a_large_neighbour_graph_gets_the_zoom_controls(shop: Site, tmp_path: Path) -> None:
    small = shop.page(HR_PAGE.format("data", "db")).markdown
    assert "```mermaid" in small and "fc-zoom" not in small
    files = dict(APPS)
    names = [f"dep{i}" for i in range(14)]
    files["apps/deps.yaml"] = "---\n".join(textwrap.dedent(f"""\
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata:
          name: {name}
          namespace: data
        spec:
          interval: 1h
          dependsOn: [{{name: db}}]
          chart:
            spec:
              chart: x
              version: 1.0.0
              sourceRef: {{kind: HelmRepository, name: charts}}
        """) for name in names)
    files["apps/kustomization.yaml"] = APPS["apps/kustomization.yaml"].replace(
        "git.yaml]", "git.yaml, deps.yaml]")
    site = make_site(make_repo(tmp_path, files))
    large = site.page(HR_PAGE.format("data", "db")).markdown
    assert '<div class="fc-zoom"' in large
    assert all(mermaid_id(f"dev:HelmRelease/data/{n}") in _mermaid(large) for n in names)

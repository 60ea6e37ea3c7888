"""Unit tests of the Markdown renderers (flux_catalog.render), without running MkDocs."""

from __future__ import annotations

import posixpath
import re
import textwrap
import time
from pathlib import Path

import markdown
import pytest
from ruamel.yaml import YAML

from flux_catalog.model import Catalog, Edge, EdgeStatus, K8sObject
from flux_catalog.render import Site, plan_pages
from flux_catalog.render.context import Context
from flux_catalog.render.escape import mermaid_id
from flux_catalog.render.graph import neighbour_graph
from flux_catalog.render.layout import page_url, relative_md, relative_url
from flux_catalog.render.markdown import sanitize_readme
from flux_catalog.render.values import documented_values, redacted_values
from flux_catalog.resolve import build_catalog
from flux_catalog.rules import run
from flux_catalog.secrets import MARKER

from .repos import gotk_sync, write_repo

FIXTURES = Path(__file__).parent / "fixtures"
REPO_URL = "https://github.com/example/fleet"
PODINFO = "clusters/dev/namespaces/podinfo/helmrelease/podinfo.md"
APPS = "clusters/dev/namespaces/flux-system/kustomization/apps.md"

GOTK_SYNC = gotk_sync("dev", "ssh://git@github.com/example/fleet")


def _site(root: Path) -> Site:
    catalog, policy = build_catalog(root, None)
    return plan_pages(catalog, run(catalog, policy), REPO_URL)


def _repo(tmp_path: Path, files: dict[str, str]) -> Path:
    """A small Flux repository: a bootstrapped cluster ``dev`` plus ``files``."""
    return write_repo(tmp_path, {"clusters/dev/flux-system/gotk-sync.yaml": GOTK_SYNC, **files},
                      dedent=True)


def _html(text: str) -> str:
    """The page as MkDocs would render it (the Markdown extensions of mkdocs.yml)."""
    return markdown.markdown(text, extensions=[
        "admonition", "attr_list", "md_in_html", "tables", "toc", "pymdownx.details",
        "pymdownx.superfences", "pymdownx.tabbed",
    ], extension_configs={"pymdownx.tabbed": {"alternate_style": True}})


@pytest.fixture(scope="module")
def basic() -> Site:
    return _site(FIXTURES / "basic")


# -- layout ------------------------------------------------------------------------------------


def test_page_urls_follow_use_directory_urls() -> None:
    assert page_url("index.md") == ""
    assert page_url("inventory.md") == "inventory/"
    assert page_url("clusters/dev/index.md") == "clusters/dev/"
    assert page_url("clusters/dev/namespaces/a/helmrelease/b.md") == \
        "clusters/dev/namespaces/a/helmrelease/b/"


def test_relative_links_between_pages() -> None:
    page = "clusters/dev/namespaces/a/helmrelease/b.md"
    assert relative_md(page, "clusters/dev/index.md") == "../../../index.md"
    assert relative_url(page, "clusters/dev/index.md") == "../../../../"
    assert relative_url(page, "clusters/dev/namespaces/a/kustomization/c.md") == \
        "../../kustomization/c/"
    assert relative_url("index.md", "inventory.md") == "inventory/"
    assert relative_url("inventory.md", "index.md") == "../"
    assert relative_url("inventory.md", "inventory.json") == "../inventory.json"


# -- the fixture repository --------------------------------------------------------------------


def test_every_component_of_the_fixture_has_a_page(basic: Site) -> None:
    catalog = basic.context.catalog
    paths = {page.path for page in basic.pages}
    for obj in catalog.components():
        assert basic.context.links[obj.key] in paths
    assert PODINFO in paths
    assert "inventory.md" in paths and "problems.md" in paths
    assert "clusters/dev/index.md" in paths
    assert "clusters/dev/namespaces/podinfo/index.md" in paths
    assert "sections/apps/base/podinfo/index.md" in paths


def test_edit_paths_point_at_the_yaml_and_readme(basic: Site) -> None:
    assert basic.page(PODINFO).edit_path == "apps/base/podinfo/release.yaml"
    assert basic.page("sections/infra/index.md").edit_path == "infra/README.md"
    assert basic.page("clusters/dev/index.md").edit_path == "clusters/dev/README.md"


def _assert_links_resolve(site: Site) -> int:
    """Every relative Markdown link and Mermaid click target opens a page; returns clicks."""
    paths = {page.path for page in site.pages} | {"index.md", "how-to-document.md",
                                                  "conventions.md", "inventory.json",
                                                  "inventory.csv"}
    urls = {page_url(page.path) for page in site.pages}
    clicks = 0
    for page in site.pages:
        for target in re.findall(r"\]\(([^)\s]+)\)", page.markdown):
            if target.startswith(("http://", "https://", "#")):
                continue
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page.path), target))
            assert resolved in paths, f"{page.path}: broken link {target}"
        base = page_url(page.path)
        for url in re.findall(r'^\s*click n[0-9a-f]{12} "([^"]+)"$', page.markdown, re.M):
            resolved = posixpath.normpath(posixpath.join(base, url)) + "/"
            assert resolved in urls, f"{page.path}: {url}"
            clicks += 1
    return clicks


def test_every_link_and_graph_node_opens_a_page(basic: Site) -> None:
    assert _assert_links_resolve(basic) > 10


def test_objects_nothing_applies_are_flagged(tmp_path: Path) -> None:
    site = _site(_repo(tmp_path, {
        "clusters/dev/kustomization.yaml": """\
            apiVersion: kustomize.config.k8s.io/v1beta1
            kind: Kustomization
            resources:
              - flux-system/gotk-sync.yaml
            """,
        "clusters/dev/unused/orphan.yaml": """\
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: orphan
              namespace: default
              annotations:
                kubernetes.io/description: Ніхто не застосовує.
            spec: {}
            """,
    }))
    orphan = site.page("clusters/dev/namespaces/default/deployment/orphan.md")
    assert '!!! danger "Не розгорнуто"' in orphan.markdown
    undeployed = site.page("undeployed/index.md").markdown
    assert "[orphan](../clusters/dev/namespaces/default/deployment/orphan.md)" in undeployed
    namespace = site.page("clusters/dev/namespaces/default/index.md").markdown
    assert "[orphan](deployment/orphan.md) (**не розгорнуто**)" in namespace
    assert "(undeployed/index.md)" in site.summary()
    _assert_links_resolve(site)


def test_component_page_of_podinfo(basic: Site) -> None:
    text = basic.page(PODINFO).markdown
    assert text.startswith("# podinfo\n")
    assert "Демонстраційний вебзастосунок podinfo." in text
    assert "!!! warning" not in text  # documented
    # the patch from apps/dev raised the version and the replicas; the comment stays
    assert "<code>6.7.2</code>" in text
    assert "    # -- Кількість реплік\n    replicaCount: 2\n" in text
    assert '=== "YAML"' in text and '=== "Документовані значення"' in text
    assert "| <code>replicaCount</code> | <code>2</code> | Кількість реплік |" in text
    # deployed by the apps Kustomization, linked
    assert "застосовує Flux Kustomization [apps](../../flux-system/kustomization/apps.md)" in text
    assert f"{REPO_URL}/blob/main/apps/base/podinfo/release.yaml#L1" in text


def test_neighbour_graph_links_nodes_and_dashes_inferred_edges(basic: Site) -> None:
    text = basic.page(PODINFO).markdown
    graph = text[text.index("```mermaid"):]
    graph = graph[: graph.index("\n```\n")]
    me = mermaid_id("dev:HelmRelease/podinfo/podinfo")
    apps = mermaid_id("dev:Kustomization/flux-system/apps")
    redis = mermaid_id("dev:Service/tools/redis")
    assert graph.startswith("```mermaid\ngraph LR\n")
    assert f"{me} -->|його застосовує| {apps}" in graph
    assert f"{me} -.->|звертається до| {redis}" in graph  # inferred from the values: dashed
    assert f'click {apps} "../../../flux-system/kustomization/apps/"' in graph
    assert f"class {me} current" in graph
    assert f"click {me} " not in graph  # the page does not link to itself


def test_navigation_lists_clusters_and_namespaces_only(basic: Site) -> None:
    summary = basic.summary()
    assert "[dev](clusters/dev/index.md)" in summary
    assert "(clusters/dev/namespaces/podinfo/index.md)" in summary
    assert "helmrelease" not in summary and "sections/" not in summary
    assert len(summary.splitlines()) == 3 + 1 + len(
        [k for k in basic.context.namespaces if k[0] == "dev"])


def test_namespace_page_links_its_components(basic: Site) -> None:
    text = basic.page("clusters/dev/namespaces/podinfo/index.md").markdown
    assert "[podinfo](helmrelease/podinfo.md)" in text


def test_section_page_starts_with_the_readme(basic: Site) -> None:
    text = basic.page("sections/apps/base/podinfo/index.md").markdown
    readme = (FIXTURES / "basic/apps/base/podinfo/README.md").read_text("utf-8")
    first = readme.strip().splitlines()[0]
    assert text.startswith(first)
    assert "## Вміст директорії" in text
    assert "[podinfo](../../../../clusters/dev/namespaces/podinfo/helmrelease/podinfo.md)" in text


def test_inventory_rows_carry_page_urls(basic: Site) -> None:
    rows = {row["id"]: row for row in basic.inventory()}
    assert rows["HelmRelease/podinfo/podinfo"]["page"] == \
        "clusters/dev/namespaces/podinfo/helmrelease/podinfo/"
    assert rows["Namespace//podinfo"]["page"] == "clusters/dev/namespaces/podinfo/"


def test_rendering_is_deterministic() -> None:
    first = _site(FIXTURES / "basic")
    second = _site(FIXTURES / "basic")
    assert [(p.path, p.markdown) for p in first.pages] == \
        [(p.path, p.markdown) for p in second.pages]
    assert first.summary() == second.summary()


# -- hand-made repositories --------------------------------------------------------------------


def test_undocumented_component_gets_a_visible_admonition(tmp_path: Path) -> None:
    site = _site(_repo(tmp_path, {"clusters/dev/web.yaml": """\
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: default
        spec:
          replicas: 1
        """}))
    text = site.page("clusters/dev/namespaces/default/deployment/web.md").markdown
    assert '!!! warning "Компонент не задокументовано"' in text
    assert "kubernetes.io/description" in text
    assert "[Як задокументувати компонент](../../../../../how-to-document.md)" in text
    html = _html(text)
    assert 'class="admonition warning"' in html


HOSTILE = """\
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: "<img src=x onerror=alert(1)>"
      namespace: "a|b"
      annotations:
        kubernetes.io/description: "<script>alert(1)</script> | [x](javascript:alert(2))\\n\\
          # h\\n{: onclick=alert(3) }\\n```"
    spec:
      template:
        spec:
          containers:
            - name: "c`|<b>"
              image: x
              env:
                - name: DB_PASSWORD
                  value: hunter2-plaintext
    """


def test_hostile_names_and_descriptions_are_escaped(tmp_path: Path) -> None:
    site = _site(_repo(tmp_path, {"clusters/dev/evil.yaml": HOSTILE}))
    for page in site.pages:
        for bad in ("<script", "<img", "javascript:alert", "onclick=alert", "hunter2"):
            assert bad not in page.markdown, (page.path, bad)
        html = _html(page.markdown)
        for bad in ("<script", "<img", "<b>", 'href="javascript', "onclick=", "onerror=",
                    "hunter2"):
            assert bad not in html, (page.path, bad)
    paths = [p.path for p in site.pages]
    assert all(".." not in p and not p.startswith("/") for p in paths)
    assert "[a&#124;b](clusters/dev/namespaces/a-b_" in site.summary()
    component = next(p for p in site.pages if "/deployment/" in p.path)
    assert "&lt;img src&#61;x onerror&#61;alert&#40;1&#41;&gt;" in component.markdown
    assert MARKER in component.markdown


def test_unresolved_target_is_marked_missing(tmp_path: Path) -> None:
    site = _site(_repo(tmp_path, {"clusters/dev/app.yaml": """\
        apiVersion: helm.toolkit.fluxcd.io/v2
        kind: HelmRelease
        metadata:
          name: app
          namespace: default
          annotations:
            kubernetes.io/description: Застосунок.
        spec:
          interval: 1h
          dependsOn:
            - name: ghost
          chart:
            spec:
              chart: app
              version: 1.0.0
              sourceRef:
                kind: HelmRepository
                name: nowhere
        """}))
    text = site.page("clusters/dev/namespaces/default/helmrelease/app.md").markdown
    ghost = mermaid_id("dev:HelmRelease/default/ghost")
    assert f"class {ghost} missing" in text
    assert f"click {ghost}" not in text
    assert "**немає в репозиторії**" in text
    assert "dangling-reference" in text  # the problems of the component are on its page


def _handmade_catalog() -> Catalog:
    def obj(kind: str, name: str, api: str) -> K8sObject:
        return K8sObject(api, kind, name, "apps", "c/app.yaml", 1, {"metadata": {}},
                         cluster="c", deployed=True)

    a = obj("HelmRelease", "a", "helm.toolkit.fluxcd.io/v2")
    b = obj("HelmRelease", "b", "helm.toolkit.fluxcd.io/v2")
    edges = (
        Edge(a.key, b.key, "dependsOn"),
        Edge(a.key, b.key, "service", inferred=True),
        Edge(a.key, "c:ConfigMap/apps/gone", "valuesFrom", status=EdgeStatus.MISSING),
    )
    return Catalog(root="/", clusters=("c",), objects=(a, b), charts={}, edges=edges,
                   directories=(), problems=())


def test_graph_of_a_handmade_catalog() -> None:
    ctx = Context.build(_handmade_catalog(), [])
    a, b = mermaid_id("c:HelmRelease/apps/a"), mermaid_id("c:HelmRelease/apps/b")
    gone = mermaid_id("c:ConfigMap/apps/gone")
    page = ctx.links["c:HelmRelease/apps/a"]
    graph = neighbour_graph(ctx, "c:HelmRelease/apps/a", page)
    # Two edges between the same pair are one arrow with both labels (solid: one is declared).
    assert f"{a} -->|залежить від, звертається до| {b}" in graph
    assert graph.count(f"{a} -") == 2  # to b, and to the missing ConfigMap
    assert f'{gone}["ConfigMap<br>gone"]' in graph
    assert f"class {gone} missing" in graph
    assert f'click {b} "../b/"' in graph


def test_mermaid_labels_cannot_break_out() -> None:
    catalog = _handmade_catalog()
    evil = K8sObject("v1", "Deployment", 'x"]; click A "javascript:alert(1)', "apps", "c/x.yaml",
                     1, {"metadata": {}}, cluster="c", deployed=True)
    catalog = Catalog(root="/", clusters=("c",), objects=(*catalog.objects, evil), charts={},
                      edges=(Edge(evil.key, "c:HelmRelease/apps/a", "dependsOn"),),
                      directories=(), problems=())
    ctx = Context.build(catalog, [])
    graph = neighbour_graph(ctx, evil.key, ctx.links[evil.key])
    for line in graph.splitlines()[1:-1]:
        assert line.count('"') in (0, 2), line  # a label never closes its quotes early
        assert not (line.strip().startswith("click") and "javascript" in line), line


# -- values ------------------------------------------------------------------------------------


def _values(text: str):
    return YAML().load(textwrap.dedent(text))["values"]


def test_values_keep_comments_and_aliases_and_hide_secrets() -> None:
    values = _values("""\
        values:
          # -- Скільки реплік
          replicas: 2  # end of line
          base: &base
            # -- Розмір
            size: 10Gi
          copy: *base
          auth:
            # -- Пароль адміністратора
            adminPassword: s3cr3t-value
            existingSecret: admin
          url: https://user:pa55word@example.com/x
        """)
    rendered = redacted_values(values)
    assert rendered.yaml.startswith("# -- Скільки реплік\nreplicas: 2  # end of line\n")
    assert "base: &base\n" in rendered.yaml and "copy: *base\n" in rendered.yaml
    assert "s3cr3t" not in rendered.yaml and "pa55word" not in rendered.yaml
    assert MARKER in rendered.yaml
    assert "existingSecret: admin" in rendered.yaml
    docs = {d.path: d for d in rendered.documented}
    assert docs["replicas"].description == "Скільки реплік"
    assert docs["base.size"].value == "10Gi"
    assert docs["auth.adminPassword"].value == MARKER
    assert set(docs) == {"replicas", "base.size", "auth.adminPassword"}


def test_documented_values_follow_helm_docs() -> None:
    values = _values("""\
        values:
          # plain comment, not documentation
          a: 1
          # -- first line
          # second line
          b:
            # not this one
            c: 3
          # -- list
          d:
            - x
            # -- not a key of its own
            - y

          # -- after a blank line
          e.f: "quoted"
        """)
    docs = [(d.path, d.value, d.description) for d in documented_values(values)]
    assert docs == [
        ("b", "{…}", "first line second line"),
        ("d", "[…]", "list"),
        ('"e.f"', "quoted", "after a blank line"),
    ]


def test_alias_bomb_renders_in_bounded_time() -> None:
    lines = ["values:", '  a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for i in range(1, 9):
        lines.append(f"  a{i}: &a{i} [{', '.join(['*a' + str(i - 1)] * 9)}]")
    values = YAML().load("\n".join(lines))["values"]
    started = time.perf_counter()
    rendered = redacted_values(values)
    assert time.perf_counter() - started < 5
    assert "*a7" in rendered.yaml and len(rendered.yaml) < 10_000


# -- README sanitising -------------------------------------------------------------------------


def test_readme_sanitiser_strips_html_and_rewrites_links() -> None:
    text = textwrap.dedent("""\
        # Розділ <script>alert(1)</script>

        Див. [інший](../other/README.md#top), [файл](release.yaml), [погане](javascript:alert(1)),
        [дужки](javascript:void(0)), <https://example.com>, <namespace>/<name>, `<b>code</b>`.

        <div onclick="x">текст</div> {: onclick="alert(1)" }

        [ref]: javascript:alert(1)

        ```html
        <script>kept in code</script>
        ```
        """)

    def rewrite(target: str) -> str | None:
        return "OTHER.md#top" if target.startswith("../other") else None

    out = sanitize_readme(text, rewrite)
    assert "<script>alert" not in out and "<div" not in out and "javascript" not in out
    assert "[інший](OTHER.md#top)" in out
    assert "[файл]" in out and "(release.yaml)" not in out
    assert "<https://example.com>" in out
    assert "&lt;namespace&gt;/&lt;name&gt;" in out
    assert "`<b>code</b>`" in out
    assert "<script>kept in code</script>" in out
    assert "текст" in out
    html = _html(out)
    assert not re.search(r"<[^>]*\son\w+=", html)  # no event handler attribute
    assert "<script>" not in html and "<div onclick" not in html

"""Edits after which a re-check once printed something else than a full check (each found by
review): a cached ``check`` must print what ``check --no-cache`` prints, byte for byte."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from .repos import gotk_sync, write_repo
from .test_check_units import Runs

CM = ("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {}\n  namespace: {}\n  annotations:\n"
      "    kubernetes.io/description: Налаштування застосунку.\n")
BASE = {"clusters/c1/flux-system/gotk-sync.yaml": gotk_sync("c1"),
        "clusters/c1/README.md": "# c1\n\nКластер.\n",
        "clusters/c1/flux-system/README.md": "# fs\n\nFlux.\n"}
CRD = """\
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  names: {kind: Widget, plural: widgets, singular: widget, listKind: WidgetList}
  scope: Cluster
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
"""
RELEASE = """\
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: app
  namespace: default
  annotations:
    kubernetes.io/description: Застосунок.
spec:
  interval: 1h
  chart:
    spec:
      chart: ./charts/app
      sourceRef: {kind: GitRepository, name: flux-system, namespace: flux-system}
"""


def _ks(name: str, path: str, substitute: bool = False) -> str:
    text = f"""\
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: {name}
  namespace: flux-system
  annotations:
    kubernetes.io/description: Застосунки кластера.
spec:
  interval: 10m
  path: {path}
  prune: true
  sourceRef: {{kind: GitRepository, name: flux-system}}
"""
    if substitute:
        text += "  postBuild:\n    substituteFrom:\n      - kind: ConfigMap\n        name: vars\n"
    return text


def _component_cluster(name: str) -> dict[str, str]:
    return {f"clusters/{name}/flux-system/gotk-sync.yaml": gotk_sync(name),
            f"clusters/{name}/flux-system/kustomization.yaml": "resources: [gotk-sync.yaml]\n",
            f"clusters/{name}/README.md": "# c\n\nКластер.\n",
            f"clusters/{name}/flux-system/README.md": "# fs\n\nFlux.\n",
            f"clusters/{name}/kustomization.yaml":
                "resources:\n  - flux-system\n  - own.yaml\n  - ../../shared/comp\n",
            f"clusters/{name}/own.yaml": CM.format("own-" + name, "default")}


def _cycle_cluster(name: str, entry: str) -> dict[str, str]:
    files = _component_cluster(name)
    files[f"clusters/{name}/kustomization.yaml"] = (
        f"resources:\n  - flux-system\n  - own.yaml\n  - ../../shared/{entry}\n")
    return files


def edit(path: str, old: str, new: str) -> Callable[[Path], None]:
    def apply(repo: Path) -> None:
        text = (repo / path).read_text("utf-8")
        assert old in text, (path, old)
        (repo / path).write_text(text.replace(old, new, 1), "utf-8")
    return apply


CASES: dict[str, tuple[dict[str, str], list[Callable[[Path], None]]]] = {
    # which kinds are cluster-scoped comes from the CRDs discovery reads
    "a CRD's scope": (
        {**BASE, "clusters/c1/crd.yaml": CRD, "clusters/c1/widget.yaml":
         "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n"},
        [edit("clusters/c1/crd.yaml", "scope: Cluster", "scope: Namespaced"),
         edit("clusters/c1/crd.yaml", "scope: Namespaced", "scope: Cluster")]),
    # a YAML file a cluster reads only as text: its YAML errors are discovery's
    "a generator input": (
        {**BASE, "clusters/c1/app/README.md": "# app\n\nЗастосунок.\n",
         "clusters/c1/app/kustomization.yaml": "namespace: default\nconfigMapGenerator:\n"
                                               "  - name: app-config\n    files: [config.yaml]\n",
         "clusters/c1/app/config.yaml": "level: info\n"},
        [edit("clusters/c1/app/config.yaml", "level: info", "level: [info"),
         edit("clusters/c1/app/config.yaml", "level: [info", "level: info")]),
    "a Chart.yaml": (
        {**BASE, "clusters/c1/release.yaml": RELEASE,
         "charts/app/Chart.yaml": "apiVersion: v2\nname: app\nversion: 1.0.0\n",
         "charts/app/README.md": "# app\n\nЧарт.\n",
         "pyproject.toml": '[tool.flux-catalog]\npaths = ["clusters", "charts"]\n'},
        [edit("charts/app/Chart.yaml", "version: 1.0.0", "version: [1.0.0"),
         edit("charts/app/Chart.yaml", "version: [1.0.0", "version: 2.0.0")]),
    # an object that no cluster applies any more (a duplicate name)
    "a duplicate": (
        {**BASE, "clusters/c1/a.yaml": CM.format("x", "default"),
         "clusters/c1/b.yaml": CM.format("y", "default")},
        [edit("clusters/c1/b.yaml", "name: y", "name: x"),
         edit("clusters/c1/b.yaml", "name: x", "name: y")]),
    # a Component listed as a resource by two clusters: each listing is reported
    "a Component listed by two clusters": (
        {**_component_cluster("a"), **_component_cluster("b"),
         "pyproject.toml": '[tool.flux-catalog]\npaths = ["clusters", "shared"]\n',
         "shared/README.md": "# s\n\nСпільне.\n", "shared/comp/README.md": "# s\n\nСпільне.\n",
         "shared/comp/kustomization.yaml":
             "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n"
             "resources: [cm.yaml]\n",
         "shared/comp/cm.yaml": CM.format("shared", "default")},
        [edit("clusters/b/own.yaml", "Налаштування", "Нові налаштування")]),
    # a kustomization cycle that two clusters enter at different directories: each reports
    # the cycle as its own build meets it, whichever cluster was built first
    "a cycle entered at two points": (
        {**_cycle_cluster("a", "x"), **_cycle_cluster("b", "y"),
         "pyproject.toml": '[tool.flux-catalog]\npaths = ["clusters", "shared"]\n',
         "shared/README.md": "# s\n\nСпільне.\n",
         "shared/x/kustomization.yaml": "resources: [cm.yaml, ../y]\n",
         "shared/x/cm.yaml": CM.format("x", "default"),
         "shared/y/kustomization.yaml": "resources: [cm.yaml, ../x]\n",
         "shared/y/cm.yaml": CM.format("y", "default")},
        [edit("clusters/b/own.yaml", "Налаштування", "Нові налаштування"),
         edit("clusters/a/own.yaml", "Налаштування", "Нові налаштування")]),
    # a second walk pass (substituteFrom found late) reloads its files
    "a second pass": (
        {**BASE, "pyproject.toml": '[tool.flux-catalog]\npaths = ["clusters", "apps"]\n',
         "clusters/c1/a-apps.yaml": _ks("apps", "./apps/app1", substitute=True),
         "clusters/c1/b-vars.yaml": _ks("vars", "./apps/vars"),
         "apps/README.md": "# a\n\nЗастосунки.\n", "apps/app1/README.md": "# a\n\nЗастосунок.\n",
         "apps/app1/kustomization.yaml": "resources: [cm.yaml, bad.yaml, ../../extra/bad2.yaml]\n",
         "apps/app1/cm.yaml": CM.format("app", "default"),
         "apps/app1/bad.yaml": CM.format("bad", "default") + "data:\n  k: [v\n",
         "extra/bad2.yaml": CM.format("bad2", "default") + "data:\n  k: [v\n",
         "apps/vars/README.md": "# a\n\nЗмінні.\n",
         "apps/vars/kustomization.yaml": "resources: [vars.yaml]\n",
         "apps/vars/vars.yaml": CM.format("vars", "flux-system")},
        [edit("apps/app1/bad.yaml", "k: [v", "k: {v"),
         edit("apps/app1/cm.yaml", "Налаштування", "Нові налаштування")]),
    # an empty directory made where a kustomization lists a missing one
    "an empty directory": (
        {**BASE, "clusters/c1/kustomization.yaml":
         "resources:\n  - flux-system/gotk-sync.yaml\n  - extra\n"},
        [lambda repo: (repo / "clusters/c1/extra").mkdir()]),
}


def _dir_to_file(repo: Path) -> None:
    (repo / "clusters/c1/extra").rmdir()
    (repo / "clusters/c1/extra").write_text(CM.format("extra", "default"), "utf-8")


def _file_to_dir(repo: Path) -> None:
    (repo / "clusters/c1/extra").unlink()
    (repo / "clusters/c1/extra").mkdir()


# an empty directory and a file of the same name: one path in both manifests
CASES["a directory replaced by a file"] = (
    {**BASE, "clusters/c1/kustomization.yaml":
     "resources:\n  - flux-system/gotk-sync.yaml\n  - extra\n"},
    [lambda repo: (repo / "clusters/c1/extra").mkdir(), _dir_to_file, _file_to_dir])
# a Flux Kustomization outside the paths, edited to apply a directory beside the others:
# objects in the files of that top directory that nothing applies count as not deployed
CASES["a new top directory applied"] = (
    {"pyproject.toml": '[tool.flux-catalog]\npaths = ["clusters", "extra"]\n',
     "clusters/c1/flux-system/gotk-sync.yaml": gotk_sync("c1"),
     "clusters/c1/kustomization.yaml":
         "resources: [flux-system/gotk-sync.yaml, ../../flux/apps.yaml]\n",
     "flux/apps.yaml": _ks("apps", "./clusters/c1/apps"),
     "clusters/c1/apps/kustomization.yaml": "resources: []\n",
     "extra/one/cm.yaml": CM.format("one", "default"),
     "extra/two/cm.yaml": CM.format("two", "default")},
    [edit("flux/apps.yaml", "./clusters/c1/apps", "./extra/one"),
     edit("flux/apps.yaml", "./extra/one", "./clusters/c1/apps")])
# the same, away from a directory with a YAML error: discovery reports it, as it did
# when the cluster reported it too
CASES["a file no cluster reads any more"] = (
    {**{k: v for k, v in CASES["a new top directory applied"][0].items()
        if k != "extra/two/cm.yaml"},
     "flux/apps.yaml": _ks("apps", "./extra/one"), "extra/one/bad.yaml": "a: [\n"},
    [edit("flux/apps.yaml", "./extra/one", "./clusters/c1/apps"),
     edit("flux/apps.yaml", "./clusters/c1/apps", "./extra/one")])
# a patch that fails on an object, reported by discovery's build and the cluster's, then
# fixed in the object's file: neither reports it any more
CASES["a failed patch fixed in its target"] = (
    {**BASE, "clusters/c1/kustomization.yaml":
     "resources: [flux-system/gotk-sync.yaml, cm.yaml]\npatches:\n"
     "  - target: {kind: ConfigMap, name: x}\n"
     "    patch: '[{op: replace, path: /data/a, value: b}]'\n",
     "clusters/c1/cm.yaml": CM.format("x", "default") + "data:\n  c: d\n"},
    [edit("clusters/c1/cm.yaml", "c: d", "a: d"), edit("clusters/c1/cm.yaml", "a: d", "c: d")])
# a cluster whose gotk-sync.yaml bootstrap has not written yet
PLACEHOLDER = {
    "clusters/c1/flux-system/gotk-sync.yaml": "# written by flux bootstrap\n",
    "clusters/c1/flux-system/gotk-components.yaml": "# written by flux bootstrap\n",
    "clusters/c1/flux-system/kustomization.yaml":
        "resources: [gotk-components.yaml, gotk-sync.yaml]\n",
    "clusters/c1/README.md": "# c1\n\nКластер.\n",
    "clusters/c1/flux-system/README.md": "# fs\n\nFlux.\n",
    "clusters/c1/cm.yaml": CM.format("x", "default"),
}
CASES["a placeholder gotk-sync.yaml"] = (
    PLACEHOLDER, [edit("clusters/c1/cm.yaml", "name: x", "name: y")])
# a GitRepository of this repository that cluster a applies: cluster b, whose HelmRelease
# names it, has no such source (a whole build once found its chart through cluster a's)
CASES["a source of this repository in another cluster"] = (
    {"clusters/a/flux-system/gotk-sync.yaml": gotk_sync("a"),
     "clusters/b/flux-system/gotk-sync.yaml": gotk_sync("b"),
     "clusters/a/self.yaml": gotk_sync("a").split("---")[0].replace("name: flux-system",
                                                                    "name: self", 1),
     "clusters/b/release.yaml": RELEASE.replace("name: flux-system,", "name: self,"),
     "charts/app/Chart.yaml": "apiVersion: v2\nname: app\nversion: 1.0.0\n"},
    [edit("charts/app/Chart.yaml", "1.0.0", "2.0.0")])
# clusters walked in the order of their paths (1/zeta, 2/alpha): objects sort by name
CASES["clusters named against the order of their paths"] = (
    {"clusters/1/zeta/flux-system/gotk-sync.yaml": gotk_sync("1/zeta"),
     "clusters/2/alpha/flux-system/gotk-sync.yaml": gotk_sync("2/alpha"),
     "clusters/1/zeta/cm.yaml": CM.format("z", "default"),
     "clusters/2/alpha/cm.yaml": CM.format("a", "default")},
    [edit("clusters/2/alpha/cm.yaml", "name: a", "name: b")])


def _write(path: str, text: str) -> Callable[[Path], None]:
    def apply(repo: Path) -> None:
        (repo / path).parent.mkdir(parents=True, exist_ok=True)
        (repo / path).write_text(text, "utf-8")
    return apply


def _remove(path: str) -> Callable[[Path], None]:
    return lambda repo: (repo / path).unlink()


# files nothing lists, made and removed: what the run looked for changes its output
CASES["a generator input made and removed"] = (
    {**BASE, "clusters/c1/kustomization.yaml":
     "resources: [flux-system/gotk-sync.yaml]\nconfigMapGenerator:\n"
     "  - name: app\n    namespace: default\n    files: [app.conf]\n"},
    [_write("clusters/c1/app.conf", "level=info\n"), _remove("clusters/c1/app.conf")])
CASES["a patch file made and removed"] = (
    {**BASE, "clusters/c1/cm.yaml": CM.format("x", "default"), "clusters/c1/kustomization.yaml":
     "resources: [flux-system/gotk-sync.yaml, cm.yaml]\npatches:\n  - path: patch.json\n"
     "    target: {kind: ConfigMap}\n"},
    [_write("clusters/c1/patch.json",
            '[{"op": "add", "path": "/data", "value": {"k": "v"}}]\n'),
     _remove("clusters/c1/patch.json")])


WIDGET = "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n  namespace: team-a\n"
STRING_CRD = CRD.replace("scope: Cluster", "scope: Namespaced").replace(
    "openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}",
    "openAPIV3Schema:\n          type: object\n          properties:\n"
    "            spec: {type: object, properties: {size: {type: string}}}")
# (found by review) a CRD file the policy names, not a YAML name, made after the first run
CASES["a policy CRD file made"] = (
    {**BASE, "pyproject.toml": '[tool.flux-catalog]\ncrds = ["crds/widgets.crd"]\n',
     "crds/README.md": "# CRD\n",
     "clusters/c1/widget.yaml": WIDGET.replace("team-a", "default") + "spec:\n  size: 3\n"},
    [_write("crds/widgets.crd", STRING_CRD), _remove("crds/widgets.crd")])
# (found by review) a CRD outside the checked paths, in a directory a cluster's Flux
# Kustomization applies: its scope decides for every cluster
CASES["a CRD's scope outside the paths"] = (
    {**BASE, "clusters/c1/infra.yaml": _ks("infra", "./infrastructure"),
     "infrastructure/README.md": "# і\n\nІнфраструктура.\n",
     "infrastructure/crd.yaml": CRD, "infrastructure/widget.yaml": WIDGET},
    [edit("infrastructure/crd.yaml", "scope: Cluster", "scope: Namespaced"),
     edit("infrastructure/crd.yaml", "scope: Namespaced", "scope: Cluster"),
     edit("infrastructure/crd.yaml", "kind: Widget,", "kind: Gadget,")])
CASES["a CRD's scope outside the paths, its kind in another cluster"] = (
    {**BASE, **{k.replace("c1", "c2"): v.replace("c1", "c2") for k, v in BASE.items()},
     "clusters/c1/infra.yaml": _ks("infra", "./infrastructure"),
     "infrastructure/README.md": "# і\n\nІнфраструктура.\n",
     "infrastructure/crd.yaml": CRD, "clusters/c2/widget.yaml": WIDGET},
    [edit("infrastructure/crd.yaml", "scope: Cluster", "scope: Namespaced"),
     edit("infrastructure/crd.yaml", "scope: Namespaced", "scope: Cluster")])
# (found by review) a directory that discovery builds as written but that the cluster
# builds elsewhere (a patched spec.path): discovery alone reads its files
CASES["a directory discovery alone builds"] = (
    {**BASE, "clusters/c1/apps.yaml": _ks("apps", "./apps/orig"),
     "clusters/c1/kustomization.yaml":
         "resources: [flux-system/gotk-sync.yaml, apps.yaml]\npatches:\n"
         "  - target: {kind: Kustomization, name: apps}\n"
         "    patch: '[{op: replace, path: /spec/path, value: ./apps/real}]'\n",
     "apps/README.md": "# a\n\nЗастосунки.\n",
     "apps/orig/README.md": "# a\n\nЗастосунки.\n", "apps/real/README.md": "# a\n\nЗ.\n",
     "apps/orig/cm.yaml": CM.format("orig", "default"),
     "apps/real/cm.yaml": CM.format("real", "default")},
    [edit("apps/orig/cm.yaml", "name: orig", "name: [orig"),
     edit("apps/orig/cm.yaml", "name: [orig", "name: orig")])
DEPLOY = ("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {}\n  namespace: default\n"
          "  annotations:\n    kubernetes.io/description: Сервіс.\nspec:\n  replicas: 1\n")
# (found by review) Flux adds spec.components before kustomize runs the kustomization's own
# patches: a patch of an object a component brings matches it
CASES["a patch of an object a component brings"] = (
    {**BASE, "clusters/c1/apps.yaml": _ks("apps", "./apps/x") + "  components: [../comp]\n",
     "apps/README.md": "# a\n\nЗастосунки.\n", "apps/x/README.md": "# a\n\nЗ.\n",
     "apps/comp/README.md": "# a\n\nЗ.\n",
     "apps/x/kustomization.yaml": "resources: [deploy.yaml]\npatches:\n  - path: patch.yaml\n",
     "apps/x/deploy.yaml": DEPLOY.format("web"),
     "apps/x/patch.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n"
                          "  namespace: default\nspec:\n  replicas: 2\n",
     "apps/comp/kustomization.yaml":
         "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\nresources: [api.yaml]\n",
     "apps/comp/api.yaml": DEPLOY.format("api")},
    [edit("apps/x/deploy.yaml", "name: web", "name: api"),
     edit("apps/x/deploy.yaml", "name: api", "name: web")])
# (found by review) a file listed below node_modules/ before it is installed
CASES["a listed file below node_modules installed"] = (
    {**BASE, "clusters/c1/kustomization.yaml":
     "resources:\n  - flux-system/gotk-sync.yaml\n  - ../../node_modules/@acme/m/cm.yaml\n"},
    [_write("node_modules/@acme/m/cm.yaml", CM.format("acme", "default")),
     _remove("node_modules/@acme/m/cm.yaml")])


def test_an_editors_swap_file_rebuilds_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = write_repo(tmp_path / "repo", {**BASE, "clusters/c1/cm.yaml":
                                          CM.format("x", "default")})
    runs = Runs(repo, tmp_path / "cache", monkeypatch)
    runs.same_as_uncached()
    for apply in (_write("clusters/c1/.cm.yaml.swp", "b0VIM 9.0\x00"),
                  _write("clusters/c1/cm.yaml~", CM.format("x", "default")),
                  _write("clusters/c1/4913", ""), _remove("clusters/c1/4913"),
                  _remove("clusters/c1/.cm.yaml.swp"), _remove("clusters/c1/cm.yaml~")):
        apply(repo)
        assert runs.same_as_uncached() == ([], 0)
    # a YAML file made is listed by its directory: everything is checked again
    _write("clusters/c1/cm2.yaml", CM.format("y", "default"))(repo)
    assert runs.same_as_uncached() == (["c1"], 1)


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_recheck_prints_what_a_full_check_prints(
        case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files, edits = CASES[case]
    repo = write_repo(tmp_path / "repo", files)
    runs = Runs(repo, tmp_path / "cache", monkeypatch)
    assert runs.check(True) == runs.check(False)
    for apply in edits:
        apply(repo)
        assert runs.check(True) == runs.check(False)


def test_a_second_pass_keeps_the_yaml_errors_of_its_files(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = write_repo(tmp_path / "repo", CASES["a second pass"][0])
    out = Runs(repo, tmp_path / "cache", monkeypatch).check(False)[1]
    assert "apps/app1/bad.yaml" in out and "extra/bad2.yaml" in out


def test_each_listing_of_a_component_as_a_resource_is_reported(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = write_repo(tmp_path / "repo", CASES["a Component listed by two clusters"][0])
    out = Runs(repo, tmp_path / "cache", monkeypatch).check(False)[1]
    assert "clusters/a/kustomization.yaml:4:1" in out
    assert "clusters/b/kustomization.yaml:4:1" in out


@pytest.mark.parametrize("linked", ["file", "directory"])
def test_an_edit_through_a_symlink_is_seen_by_the_cluster_reading_the_link(
        linked: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = write_repo(tmp_path / "repo", {**BASE, "shared/cm.yaml": CM.format("x", "default")})
    if linked == "file":
        os.symlink("../../shared/cm.yaml", repo / "clusters/c1/cm.yaml")
    else:
        os.symlink("../../shared", repo / "clusters/c1/linked")
    runs = Runs(repo, tmp_path / "cache", monkeypatch)
    assert runs.check(True) == runs.check(False)
    edit("shared/cm.yaml", "  name: x\n", "  name: [x\n")(repo)
    assert runs.check(True) == runs.check(False)
    assert "yaml-syntax" in runs.check(True)[1]


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_serve_session_after_each_edit_is_a_whole_build(case: str, tmp_path: Path) -> None:
    from flux_catalog.cache.session import CatalogSession
    from flux_catalog.crd_data import bundled_crds
    from flux_catalog.policy import load_policy
    from flux_catalog.resolve import build_catalog
    from flux_catalog.rules import run

    from .test_check_units import _same_catalog

    files, edits = CASES[case]
    repo = write_repo(tmp_path / "repo", files)
    session = CatalogSession(repo)

    def same() -> None:
        policy, policy_problems = load_policy(repo)
        catalog, problems = session.build(None, policy, policy_problems, bundled_crds())
        whole, policy = build_catalog(repo)
        assert _same_catalog(catalog, whole)
        assert problems == run(whole, policy, bundled_crds())

    same()
    for apply in edits:
        apply(repo)
        same()


@pytest.mark.parametrize("where", ["crds", "repo/node_modules/crds"])
@pytest.mark.parametrize("given", ["crds", "policy"])
def test_a_serve_session_sees_an_edit_of_crds_the_repository_does_not_list(
        given: str, where: str, tmp_path: Path) -> None:
    from flux_catalog.cache.session import CatalogSession
    from flux_catalog.policy import load_policy
    from flux_catalog.resolve import build_catalog
    from flux_catalog.rules import run

    crd = CRD.replace("x-kubernetes-preserve-unknown-fields: true",
                      "properties: {spec: {type: object, properties: {size: {type: integer}}}}")
    outside = write_repo(tmp_path / where, {"widget.yaml": crd})
    files = {**BASE, "clusters/c1/widget.yaml":
             "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n"
             "spec:\n  size: big\n"}
    if given == "policy":
        relative = os.path.relpath(outside, tmp_path / "repo")
        files["pyproject.toml"] = f'[tool.flux-catalog]\ncrds = ["{relative}"]\n'
    repo = write_repo(tmp_path / "repo", files)
    crds = (outside,) if given == "crds" else ()
    session = CatalogSession(repo)

    def schema_problems() -> list[str]:
        policy, policy_problems = load_policy(repo)
        _, problems = session.build(None, policy, policy_problems, crds)
        whole, policy = build_catalog(repo)
        assert problems == run(whole, policy, crds)
        return [p.message for p in problems if "spec.size" in p.message]

    assert schema_problems() == ["Widget 'w': spec.size: must be of type integer"]
    edit("widget.yaml", "type: integer", "type: string")(outside)
    assert schema_problems() == []


@pytest.mark.parametrize("skipped", ["node_modules", ".venv"])
def test_an_edit_of_a_file_listed_below_node_modules_is_seen(
        skipped: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # the manifest skips node_modules/ and .venv/ (never hashed, for speed), but lists the
    # files a run read there
    repo = write_repo(tmp_path / "repo", {
        **BASE, f"{skipped}/x/cm.yaml": CM.format("x", "default"),
        "clusters/c1/kustomization.yaml":
            f"resources: [flux-system/gotk-sync.yaml, ../../{skipped}/x/cm.yaml]\n"})
    runs = Runs(repo, tmp_path / "cache", monkeypatch)
    assert runs.check(True) == runs.check(False)
    for old, new in (("name: x", "name: [x"), ("name: [x", "name: y")):
        edit(f"{skipped}/x/cm.yaml", old, new)(repo)
        assert runs.check(True) == runs.check(False)
    (repo / skipped / "x" / "cm.yaml").unlink()
    assert runs.check(True) == runs.check(False)


def test_a_serve_session_sees_an_edit_of_a_file_listed_below_node_modules(
        tmp_path: Path) -> None:
    from flux_catalog.cache.session import CatalogSession
    from flux_catalog.policy import load_policy
    from flux_catalog.resolve import build_catalog
    from flux_catalog.rules import run

    repo = write_repo(tmp_path / "repo", {
        **BASE, "node_modules/x/cm.yaml": CM.format("x", "default"),
        "clusters/c1/kustomization.yaml":
            "resources: [flux-system/gotk-sync.yaml, ../../node_modules/x/cm.yaml]\n"})
    session = CatalogSession(repo)

    def names() -> list[str]:
        policy, policy_problems = load_policy(repo)
        catalog, problems = session.build(None, policy, policy_problems, ())
        whole, policy = build_catalog(repo)
        assert problems == run(whole, policy, ())
        assert [o.id for o in catalog.objects] == [o.id for o in whole.objects]
        return [o.name for o in catalog.objects if o.kind == "ConfigMap"]

    assert names() == ["x"]
    edit("node_modules/x/cm.yaml", "name: x", "name: y")(repo)
    assert names() == ["y"]


@pytest.mark.parametrize("given", ["crds", "policy"])
def test_an_edit_of_crds_below_node_modules_is_seen(
        given: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    crd = CRD.replace("x-kubernetes-preserve-unknown-fields: true",
                      "properties: {spec: {type: object, properties: {size: {type: integer}}}}")
    files = {**BASE, "node_modules/crds/widget.yaml": crd, "clusters/c1/widget.yaml":
             "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n"
             "spec:\n  size: big\n"}
    args: tuple[str, ...] = ()
    if given == "crds":
        args = ("--crds", str(tmp_path / "repo/node_modules/crds"))
    else:
        files["pyproject.toml"] = '[tool.flux-catalog]\ncrds = ["node_modules/crds"]\n'
    repo = write_repo(tmp_path / "repo", files)
    runs = Runs(repo, tmp_path / "cache", monkeypatch)
    assert "spec.size" in runs.check(True, *args)[1]
    edit("node_modules/crds/widget.yaml", "type: integer", "type: string")(repo)
    assert runs.check(True, *args) == runs.check(False, *args)
    assert "spec.size" not in runs.check(True, *args)[1]


def test_a_patch_of_an_object_a_component_brings_is_no_problem(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """kustomize runs a kustomization's patches after its components, and Flux appends
    ``spec.components`` to them: discovery's build of the directory once left them out
    and reported the patch as matching nothing (a false alarm)."""
    files, _ = CASES["a patch of an object a component brings"]
    repo = write_repo(tmp_path / "repo", files)
    code, out, err = Runs(repo, tmp_path / "cache", monkeypatch).check(False)
    assert "patch" not in out + err and code == 0, out + err


@pytest.mark.parametrize("through", ["check", "serve"])
def test_a_file_saved_during_a_run_and_saved_back_is_checked_again(
        through: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """(found by review) A save that lands while a run builds: the run reads the new
    content, and its manifest, taken before, the old one. Saved back as it was, the file
    equals the manifest again: the result of the content in between was replayed."""
    from flux_catalog.cache import session as session_module
    from flux_catalog.cache import units

    before = CM.format("settings", "default") + "data:\n  level: info\n"
    between = ("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n"
               "  namespace: default\nspec: {}\n")  # no description: a problem
    repo = write_repo(tmp_path / "repo", {**BASE, "clusters/c1/app.yaml": before})
    app = repo / "clusters/c1/app.yaml"
    check = units.check

    def saving(*args, **kwargs):  # type: ignore[no-untyped-def]
        app.write_text(between, "utf-8")
        return check(*args, **kwargs)

    if through == "check":
        runs = Runs(repo, tmp_path / "cache", monkeypatch)
        with monkeypatch.context() as during:
            during.setattr(units, "check", saving)
            assert "description" in runs.check(True)[1]  # what the run read
        app.write_text(before, "utf-8")
        cold = runs.check(False)
        assert cold[0] == 0 and runs.check(True) == cold
        return
    from flux_catalog.crd_data import bundled_crds
    from flux_catalog.policy import load_policy

    session = session_module.CatalogSession(repo)
    policy, policy_problems = load_policy(repo)
    with monkeypatch.context() as during:
        during.setattr(session_module.units, "check", saving)
        _, problems = session.build(None, policy, policy_problems, bundled_crds())
    assert any(p.path == "clusters/c1/app.yaml" for p in problems)
    app.write_text(before, "utf-8")
    _, problems = session.build(None, policy, policy_problems, bundled_crds())
    assert not [p for p in problems if p.path == "clusters/c1/app.yaml"]


_APPS_CLUSTER = {**BASE, "clusters/c1/kustomization.yaml":
                 "resources: [flux-system/gotk-sync.yaml, apps.yaml]\n",
                 "clusters/c1/apps/README.md": "# a\n\nЗастосунки.\n",
                 "web/README.md": "# w\n\nВеб.\n", "components/README.md": "# c\n\nКомпоненти.\n",
                 "web/cm.yaml": CM.format("web", "default")}
# (found by review) what discovery builds of a Flux Kustomization is only what its file
# says: Flux amends it as its parent applies it (substituted, patched)
NO_FALSE_ALARMS = {
    "components substituted by the parent's postBuild": {
        **_APPS_CLUSTER,
        "clusters/c1/apps.yaml": _ks("apps", "./clusters/c1/apps")
        + "  postBuild:\n    substitute:\n      ENV: prod\n",
        "clusters/c1/apps/web.yaml": _ks("web", "./web")
        + "  components:\n    - ../components/${ENV}\n",
        "components/prod/README.md": "# p\n\nProd.\n",
        "components/prod/kustomization.yaml":
            "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n"
            "labels:\n  - pairs: {env: prod}\n"},
    "components added by the parent's patch": {
        **_APPS_CLUSTER,
        "clusters/c1/apps.yaml": _ks("apps", "./clusters/c1/apps"),
        "clusters/c1/apps/kustomization.yaml":
            "resources: [web.yaml]\npatches:\n  - target: {kind: Kustomization, name: web}\n"
            "    patch: '[{op: add, path: /spec/components, value: [../components/extra]}]'\n",
        "clusters/c1/apps/web.yaml": _ks("web", "./web")
        + "  patches:\n    - patch: |\n        apiVersion: v1\n        kind: ConfigMap\n"
          "        metadata: {name: extra, namespace: default}\n"
          "        data: {tuned: \"yes\"}\n",
        "web/kustomization.yaml": "resources: [cm.yaml]\n",
        "components/extra/README.md": "# e\n\nДодаткове.\n",
        "components/extra/kustomization.yaml":
            "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n"
            "resources: [cm.yaml]\n",
        "components/extra/cm.yaml": CM.format("extra", "default")},
    # kustomize builds a Component at the top (kubectl kustomize DIR): only a Component
    # listed under resources is a mistake
    "a Component as a Flux Kustomization's path": {
        **BASE, "clusters/c1/web.yaml": _ks("web", "./web"),
        "web/README.md": "# w\n\nВеб.\n", "web/cm.yaml": CM.format("web", "default"),
        "web/kustomization.yaml": "apiVersion: kustomize.config.k8s.io/v1alpha1\n"
                                  "kind: Component\nresources: [cm.yaml]\n"},
}
NO_FALSE_ALARMS["a Component as an amended Flux Kustomization's path"] = {
    **NO_FALSE_ALARMS["a Component as a Flux Kustomization's path"],
    "clusters/c1/web.yaml": _ks("web", "./web") + "  targetNamespace: default\n"}


@pytest.mark.parametrize("case", sorted(NO_FALSE_ALARMS))
def test_what_flux_builds_is_judged_not_what_a_file_says(
        case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = write_repo(tmp_path / "repo", NO_FALSE_ALARMS[case])
    code, out, err = Runs(repo, tmp_path / "cache", monkeypatch).check(False)
    assert (code, out) == (0, ""), out + err

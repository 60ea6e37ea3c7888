"""Walker cases found in review, each checked against `kubectl kustomize` semantics."""

from __future__ import annotations

from pathlib import Path

from flux_catalog.resolve import build_catalog
from flux_catalog.rules import run

from .repos import write_repo

KUSTOMIZATION = "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"


def repo(tmp_path: Path, files: dict[str, str]) -> Path:
    return write_repo(tmp_path, files, cluster="dev")


def flux_ks(name: str, path: str) -> str:
    return (f"apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n"
            f"  name: {name}\n  namespace: flux-system\nspec:\n  interval: 1h\n  path: {path}\n"
            "  prune: true\n  sourceRef: {kind: GitRepository, name: flux-system}\n")


CONFIGMAP = ("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n  namespace: x\n"
             "data:\n  base: '1'\n")


def test_overlays_do_not_leak_patches_into_each_other(tmp_path: Path) -> None:
    root = repo(tmp_path, {
        "clusters/dev/apps.yaml": flux_ks("dev", "./overlays/dev") + "---\n"
                                  + flux_ks("prod", "./overlays/prod"),
        "shared/kustomization.yaml": KUSTOMIZATION + "resources: [cm.yaml]\npatches:\n"
        "  - patch: '{apiVersion: v1, kind: ConfigMap, metadata: {name: cm, namespace: x}, "
        "data: {s: s}}'\n",
        "shared/cm.yaml": CONFIGMAP,
        "overlays/dev/kustomization.yaml": KUSTOMIZATION + "resources: [../../shared]\n"
        "namespace: dev\npatches:\n"
        "  - patch: '{apiVersion: v1, kind: ConfigMap, metadata: {name: cm, namespace: x}, "
        "data: {dev: d}}'\n",
        "overlays/prod/kustomization.yaml": KUSTOMIZATION + "resources: [../../shared]\n"
        "namespace: prod\npatches:\n"
        "  - patch: '{apiVersion: v1, kind: ConfigMap, metadata: {name: cm, namespace: x}, "
        "data: {prod: p}}'\n",
    })
    catalog, _ = build_catalog(root, ["clusters"])
    data = {o.namespace: dict(o.body["data"]) for o in catalog.objects if o.kind == "ConfigMap"}
    assert data == {"dev": {"base": "1", "s": "s", "dev": "d"},
                    "prod": {"base": "1", "s": "s", "prod": "p"}}


def test_a_patch_that_removes_the_name_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    root = repo(tmp_path, {
        "clusters/dev/apps.yaml": flux_ks("apps", "./apps"),
        "apps/kustomization.yaml": KUSTOMIZATION + "resources: [cm.yaml]\npatches:\n"
        "  - patch: '[{op: remove, path: /metadata}]'\n    target: {kind: ConfigMap}\n",
        "apps/cm.yaml": CONFIGMAP,
    })
    catalog, policy = build_catalog(root, ["clusters"])
    assert not [o for o in catalog.objects if o.kind == "ConfigMap"]
    assert any(p.rule == "patch" and p.path == "apps/kustomization.yaml"
               for p in run(catalog, policy))


def test_patch_delete_label_selectors_and_effective_namespace(tmp_path: Path) -> None:
    two = ("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels: {app: a}\n---\n"
           "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n  labels: {app: b}\n---\n"
           "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: gone\n")
    root = repo(tmp_path, {
        "clusters/dev/apps.yaml": flux_ks("apps", "./apps/dev"),
        "apps/base/kustomization.yaml": KUSTOMIZATION + "namespace: team\nresources: [cms.yaml]\n",
        "apps/base/cms.yaml": two,
        "apps/dev/kustomization.yaml": KUSTOMIZATION + "resources: [../base]\npatches:\n"
        "  - patch: '{apiVersion: v1, kind: ConfigMap, metadata: {name: x}, data: {l: y}}'\n"
        "    target: {kind: ConfigMap, labelSelector: app=b}\n"
        "  - patch: '{apiVersion: v1, kind: ConfigMap, metadata: {name: x}, data: {n: y}}'\n"
        "    target: {kind: ConfigMap, namespace: team, name: a}\n"
        "  - patch: '{$patch: delete, apiVersion: v1, kind: ConfigMap, metadata: {name: gone}}'\n",
    })
    catalog, _ = build_catalog(root, ["clusters"])
    data = {o.name: dict(o.body.get("data") or {}) for o in catalog.objects
            if o.kind == "ConfigMap"}
    assert data == {"a": {"n": "y"}, "b": {"l": "y"}}


def test_a_list_document_applies_its_items(tmp_path: Path) -> None:
    root = repo(tmp_path, {
        "clusters/dev/list.yaml": "apiVersion: v1\nkind: List\nitems:\n"
        "  - apiVersion: v1\n    kind: ConfigMap\n    metadata: {name: from-list, namespace: x}\n",
    })
    catalog, policy = build_catalog(root, ["clusters"])
    listed = [o for o in catalog.objects if o.name == "from-list"]
    assert len(listed) == 1 and listed[0].deployed and listed[0].line == 4
    assert not [p for p in run(catalog, policy) if p.rule == "invalid-field"]


def test_sourceignore_in_a_subdirectory(tmp_path: Path) -> None:
    root = repo(tmp_path, {
        "clusters/dev/apps/.sourceignore": "draft.yaml\n",
        "clusters/dev/apps/draft.yaml": CONFIGMAP.replace("name: cm", "name: draft"),
        "clusters/dev/apps/real.yaml": CONFIGMAP.replace("name: cm", "name: real"),
        "clusters/dev/.sourceignore": "/other.yaml\n",
        "clusters/dev/other.yaml": CONFIGMAP.replace("name: cm", "name: other"),
    })
    catalog, _ = build_catalog(root, ["clusters"])
    assert sorted(o.name for o in catalog.objects if o.kind == "ConfigMap") == ["real"]


def test_a_components_patches_apply_to_the_including_kustomization(tmp_path: Path) -> None:
    component = ("apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n"
                 "resources: [extra.yaml]\npatches:\n"
                 "  - patch: '{apiVersion: v1, kind: ConfigMap, metadata: {name: x}, "
                 "data: {c: c}}'\n    target: {kind: ConfigMap}\n")
    root = repo(tmp_path, {
        "clusters/dev/apps.yaml": flux_ks("apps", "./apps") + "  components: [../comp2]\n",
        "apps/kustomization.yaml": KUSTOMIZATION + "resources: [cm.yaml]\ncomponents: [../comp]\n",
        "apps/cm.yaml": CONFIGMAP,
        "comp/kustomization.yaml": component,
        "comp/extra.yaml": CONFIGMAP.replace("name: cm", "name: extra"),
        "comp2/kustomization.yaml": component.replace("{c: c}", "{f: f}").replace(
            "resources: [extra.yaml]\n", ""),
    })
    catalog, _ = build_catalog(root, ["clusters"])
    data = {o.name: dict(o.body["data"]) for o in catalog.objects if o.kind == "ConfigMap"}
    assert data == {"cm": {"base": "1", "c": "c", "f": "f"},
                    "extra": {"base": "1", "c": "c", "f": "f"}}


def test_name_prefix_and_suffix_skip_namespaces(tmp_path: Path) -> None:
    root = repo(tmp_path, {
        "clusters/dev/apps.yaml": flux_ks("apps", "./apps") + "  nameSuffix: -dev\n",
        "apps/kustomization.yaml": KUSTOMIZATION + "namePrefix: team-\n"
        "resources: [cm.yaml, ns.yaml]\npatches:\n"
        "  - patch: '{apiVersion: v1, kind: ConfigMap, metadata: {name: cm, namespace: x}, "
        "data: {p: p}}'\n",
        "apps/cm.yaml": CONFIGMAP,
        "apps/ns.yaml": "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\n",
    })
    catalog, _ = build_catalog(root, ["clusters"])
    names = sorted((o.kind, o.name) for o in catalog.objects
                   if o.kind in ("ConfigMap", "Namespace"))
    assert names == [("ConfigMap", "team-cm-dev"), ("Namespace", "x")]
    cm = next(o for o in catalog.objects if o.kind == "ConfigMap")
    assert cm.body["data"]["p"] == "p"  # patches target the names as written

"""Flux semantics over kustomize builds: cluster roots made by the Flux Operator, sources,
postBuild substitution, and what an enclosing kustomization does to Flux Kustomizations."""

from __future__ import annotations

from pathlib import Path

from flux_catalog.flux.substitute import Outcome, Variables, substitute_text
from flux_catalog.resolve import build_catalog

from .repos import write_repo

KUSTOMIZATION = "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"


write = write_repo


def ks(name: str, path: str, extra: str = "", namespace: str | None = None,
       source_ns: str | None = "flux-system") -> str:
    ns = f"  namespace: {namespace}\n" if namespace else ""
    src_ns = f"    namespace: {source_ns}\n" if source_ns else ""
    return (f"apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata:\n"
            f"  name: {name}\n{ns}spec:\n  interval: 1h\n  path: {path}\n  prune: true\n"
            f"  sourceRef:\n    kind: GitRepository\n    name: flux-system\n{src_ns}{extra}")


FLUX_INSTANCE = """\
apiVersion: fluxcd.controlplane.io/v1
kind: FluxInstance
metadata:
  name: flux
  namespace: flux-system
spec:
  distribution: {version: "2.x", registry: ghcr.io/fluxcd}
  sync:
    kind: GitRepository
    url: https://github.com/example/home-ops
    ref: refs/heads/main
    path: kubernetes/flux/cluster
"""

CM = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\ndata: {{a: '1'}}\n"


def operator_repo(tmp_path: Path, instance: str = FLUX_INSTANCE) -> Path:
    return write(tmp_path, {
        "kubernetes/apps/flux-system/instance.yaml": instance,
        "kubernetes/apps/flux-system/kustomization.yaml":
            KUSTOMIZATION + "namespace: flux-system\nresources: [instance.yaml]\n",
        "kubernetes/flux/cluster/ks.yaml": ks("cluster-apps", "./kubernetes/apps",
                                              namespace="flux-system"),
        "kubernetes/apps/media/kustomization.yaml":
            KUSTOMIZATION + "namespace: media\nresources: [ks.yaml]\n",
        "kubernetes/apps/media/ks.yaml": ks("jellyfin", "./kubernetes/apps/media/app",
                                            "  targetNamespace: media\n  postBuild:\n"
                                            "    substitute:\n      APP: jellyfin\n"),
        "kubernetes/apps/media/app/cm.yaml": CM.format(name="${APP}-settings"),
        "talos/machine.yaml": "version: v1alpha1\nmachine: {type: worker}\n",
    })


def test_a_flux_instance_is_the_one_root_of_the_repository(tmp_path: Path) -> None:
    catalog, _ = build_catalog(operator_repo(tmp_path), [""])
    assert catalog.cluster_roots == {"cluster": "kubernetes/flux/cluster"}
    deployed = {o.id for o in catalog.objects if o.deployed}
    # the enclosing kustomization's namespace reaches the Flux Kustomization, and the
    # postBuild-substituted name is what Flux applies
    assert "Kustomization/media/jellyfin" in deployed
    assert "ConfigMap/media/jellyfin-settings" in deployed
    settings = next(o for o in catalog.objects if o.name == "jellyfin-settings")
    assert settings.written_name == "${APP}-settings"
    assert not [p for p in catalog.problems if p.rule in ("not-deployed", "invalid-field")]


def test_a_flux_instance_helm_release_is_a_root_too(tmp_path: Path) -> None:
    release = """\
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: flux-instance
  namespace: flux-system
spec:
  interval: 1h
  chartRef: {kind: OCIRepository, name: flux-instance}
  values:
    instance:
      sync:
        kind: GitRepository
        url: https://github.com/example/home-ops
        ref: refs/heads/main
        path: kubernetes/flux/cluster
"""
    catalog, _ = build_catalog(operator_repo(tmp_path, release), [""])
    assert catalog.cluster_roots == {"cluster": "kubernetes/flux/cluster"}
    assert "ConfigMap/media/jellyfin-settings" in {o.id for o in catalog.objects}


def test_source_ref_namespace_defaults_to_the_kustomizations_namespace(tmp_path: Path) -> None:
    root = operator_repo(tmp_path)
    write(root, {"kubernetes/apps/media/ks.yaml":
                 ks("jellyfin", "./kubernetes/apps/media/app", source_ns=None)})
    catalog, _ = build_catalog(root, [""])
    # media/flux-system is not this repository: nothing is built from it
    assert not any(o.path == "kubernetes/apps/media/app/cm.yaml" and o.deployed
                   for o in catalog.objects)


def test_values_from_a_sops_secret_stay_placeholders(tmp_path: Path) -> None:
    root = operator_repo(tmp_path)
    write(root, {
        "kubernetes/apps/media/ks.yaml": ks(
            "jellyfin", "./kubernetes/apps/media/app",
            "  targetNamespace: media\n  postBuild:\n    substitute:\n      APP: jellyfin\n"
            "    substituteFrom:\n      - kind: Secret\n        name: cluster-secrets\n"),
        "kubernetes/apps/media/secret.sops.yaml":
            "apiVersion: v1\nkind: Secret\nmetadata:\n  name: cluster-secrets\n"
            "stringData:\n  DOMAIN: ENC[AES256_GCM,data:abc,type:str]\n"
            "sops:\n  version: 3.9.0\n",
        "kubernetes/apps/media/kustomization.yaml":
            KUSTOMIZATION + "namespace: media\nresources: [ks.yaml, secret.sops.yaml]\n",
        "kubernetes/apps/media/app/cm.yaml":
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${APP}-settings\ndata:\n"
            "  host: media.${DOMAIN}\n  mode: ${MODE:=fast}\n",
    })
    catalog, _ = build_catalog(root, [""])
    cm = next(o for o in catalog.objects if o.kind == "ConfigMap")
    assert cm.name == "jellyfin-settings"
    assert cm.body["data"]["host"] == "media.${DOMAIN}"
    assert cm.unknown_vars == ("DOMAIN", "MODE")
    assert any(p.rule == "substitution-unknown" and p.level == "info" for p in catalog.problems)


def test_substitution_follows_kustomize_controller() -> None:
    known = Variables({"A": "x", "EMPTY": ""}, defined=True)
    cases = {
        "${A}": "x", "${MISSING}": "", "${MISSING:=d}": "d", "${EMPTY:-d}": "d",
        "${EMPTY-d}": "", "$${A}": "${A}", "pre-${A}-post": "pre-x-post", "$A": "$A",
    }
    for text, want in cases.items():
        assert substitute_text(text, known, Outcome()) == want, text


def test_substitution_can_be_disabled_per_object(tmp_path: Path) -> None:
    root = operator_repo(tmp_path)
    write(root, {"kubernetes/apps/media/app/cm.yaml":
                 "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: raw\n  annotations:\n"
                 "    kustomize.toolkit.fluxcd.io/substitute: disabled\ndata: {x: '${APP}'}\n"})
    catalog, _ = build_catalog(root, [""])
    raw = next(o for o in catalog.objects if o.name == "raw")
    assert raw.body["data"]["x"] == "${APP}"


def test_objects_with_the_same_kind_and_name_in_other_groups_are_not_duplicates(
        tmp_path: Path) -> None:
    root = operator_repo(tmp_path)
    write(root, {"kubernetes/apps/media/app/sa.yaml":
                 "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: runner\n---\n"
                 "apiVersion: talos.dev/v1alpha1\nkind: ServiceAccount\nmetadata:\n"
                 "  name: runner\nspec: {roles: [os:admin]}\n"})
    catalog, _ = build_catalog(root, [""])
    assert not [p for p in catalog.problems if p.rule == "duplicate-object"]


def test_folded_scalars_read_as_flux_applies_them() -> None:
    from flux_catalog.load import load_bytes

    text = b"v: >-\n  [\n    {\n      \"a\": 1\n    }\n  ]\nw: >\n  a\n  b\n\n  c\n"
    data = load_bytes("folded.yaml", text).docs[0].data
    # go-yaml's round trip in kustomize-controller adds a line break before a more-indented
    # line (kubectl kustomize prints the same); plain folding is unchanged
    assert data["v"] == '[\n\n  {\n    "a": 1\n  }\n]'
    assert data["w"] == "a b\nc\n"


def test_plain_scalars_resolve_as_yaml_resolves_them_every_time() -> None:
    import yaml

    from flux_catalog.load import load_bytes

    # each text twice, plain and quoted in both orders: a remembered tag is the text's own
    scalars = ["1", "true", "1.5", "~", "null", "0x1F", "2001-12-14", "yes", "a", "", ".inf",
               "1e3", "0o17", "1_000", "<<x", "0", "+1", "FALSE"]
    lines = [f"k{i}: {s}\nq{i}: '{s}'\nr{i}: {s}\n" for i, s in enumerate(scalars)]
    text = "".join(lines) + "".join(f"z{i}: {s}\n" for i, s in enumerate(scalars))
    data = load_bytes("scalars.yaml", text.encode()).docs[0].data
    expected = yaml.safe_load(text)
    for key, value in expected.items():
        if isinstance(value, str) or value is None or isinstance(value, bool | int | float):
            if key.startswith("k") and scalars[int(key[1:])] == "2001-12-14":
                assert data[key] == "2001-12-14"  # timestamps stay strings
                continue
            assert data[key] == value and type(data[key]) is type(value), key


def test_an_alert_on_a_kind_installations_add_is_not_an_error(tmp_path: Path) -> None:
    from flux_catalog.crd_data import bundled_crds
    from flux_catalog.rules import run

    root = operator_repo(tmp_path)
    write(root, {"kubernetes/apps/media/app/alert.yaml":
                 "apiVersion: notification.toolkit.fluxcd.io/v1beta3\nkind: Alert\nmetadata:\n"
                 "  name: all\nspec:\n  providerRef: {name: slack}\n  eventSources:\n"
                 "    - kind: FluxInstance\n      name: '*'\n    - kind: Kustomization\n"
                 "      name: '*'\n  intreval: 5m\n"})
    catalog, policy = build_catalog(root, [""])
    found = {(p.rule, p.level, p.line) for p in run(catalog, policy, bundled_crds())
             if p.path.endswith("alert.yaml") and p.rule == "schema"}
    assert found == {("schema", "info", 8), ("schema", "error", 12)}


def test_a_chart_from_this_repository_takes_its_version_from_chart_yaml(tmp_path: Path) -> None:
    from flux_catalog.rules import run

    root = operator_repo(tmp_path)
    write(root, {
        "charts/web/Chart.yaml": "apiVersion: v2\nname: web\nversion: 2.3.4\n",
        "kubernetes/apps/media/app/release.yaml": """\
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: web
spec:
  interval: 1h
  chart:
    spec:
      chart: ./charts/web
      version: ">=1.0.0"
      sourceRef: {kind: GitRepository, name: flux-system, namespace: flux-system}
""",
    })
    catalog, policy = build_catalog(root, [""])
    chart = next(c for key, c in catalog.charts.items() if key.endswith("HelmRelease/media/web"))
    assert (chart.name, chart.version, chart.pinned) == ("web", "2.3.4", True)
    assert chart.chart_file == "charts/web/Chart.yaml"
    assert not [p for p in run(catalog, policy) if p.rule == "chart-unpinned"]


def test_a_source_mapped_to_a_directory_is_built_from_it(tmp_path: Path) -> None:
    import subprocess
    import sys

    root = operator_repo(tmp_path)
    write(root, {
        "kubernetes/apps/media/ks.yaml": ks("jellyfin", "./app", source_ns=None).replace(
            "kind: GitRepository\n    name: flux-system", "kind: OCIRepository\n    name: media"),
        "kubernetes/apps/media/bundle/app/cm.yaml": CM.format(name="bundled"),
    })
    mapped = {"media/media": "kubernetes/apps/media/bundle"}
    catalog, _ = build_catalog(root, [""], source_dirs=mapped)
    assert "ConfigMap//bundled" in {o.id for o in catalog.objects if o.deployed}
    unmapped, _ = build_catalog(root, [""])
    assert not any(o.name == "bundled" and o.deployed for o in unmapped.objects)
    cli = [sys.executable, "-m", "flux_catalog", "inventory", str(root), "--repo-root", str(root),
           "--format", "json"]
    out = subprocess.run([*cli, "--source", "media/media=kubernetes/apps/media/bundle"],
                         capture_output=True, text=True, check=False)
    assert '"bundled"' in out.stdout
    bad = subprocess.run([*cli, "--source", "nodir"], capture_output=True, text=True,
                         check=False)
    assert bad.returncode == 2 and "NAME=DIR" in bad.stderr


def _git_chart_repo(tmp_path: Path, ref: str, version: str | None = "1.2.3",
                    source_kind: str = "GitRepository") -> Path:
    written = f"      version: \"{version}\"\n" if version is not None else ""
    source = (f"apiVersion: source.toolkit.fluxcd.io/v1\nkind: {source_kind}\nmetadata:\n"
              "  name: app\n  namespace: apps\nspec:\n  interval: 1h\n")
    source += ("  url: https://github.com/example/app\n" + ref if source_kind == "GitRepository"
               else "  endpoint: minio.example.com\n  bucketName: charts\n")
    return write_repo(tmp_path, {
        "clusters/one/apps/kustomization.yaml":
            "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"
            "resources: [source.yaml, release.yaml]\n",
        "clusters/one/apps/source.yaml": source,
        "clusters/one/apps/release.yaml": f"""\
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: app
  namespace: apps
spec:
  interval: 1h
  chart:
    spec:
      chart: ./helm
{written}      sourceRef:
        kind: {source_kind}
        name: app
""",
    }, cluster="one")


def _chart_and_findings(root: Path) -> tuple[tuple[str | None, bool], list[str]]:
    from flux_catalog.rules import run

    catalog, policy = build_catalog(root, ["clusters"])
    chart = next(c for key, c in catalog.charts.items() if key.endswith("HelmRelease/apps/app"))
    return (chart.version, chart.pinned), [f"{p.line}: {p.message}" for p in run(catalog, policy)
                                           if p.rule == "chart-unpinned"]


def test_a_git_chart_follows_the_ref_whatever_version_the_release_writes(tmp_path: Path) -> None:
    # HelmRelease CRD, spec.chart.spec.version: "ignored for charts from v1.GitRepository and
    # v1.Bucket sources"; the branch decides which chart is installed.
    chart, findings = _chart_and_findings(_git_chart_repo(tmp_path, "  ref:\n    branch: main\n"))
    assert chart == ("branch main", False)  # not the "1.2.3" the release writes
    assert findings == ["12: HelmRelease 'app': chart follows branch 'main' of GitRepository "
                        "'app'; pin a tag or commit in its spec.ref (Flux ignores the "
                        "HelmRelease's chart version for Git sources)"]


def test_a_git_ref_pins_by_flux_precedence(tmp_path: Path) -> None:
    # GitRepository CRD: commit over everything, name over semver/tag/branch, semver over tag.
    cases = {
        "  ref:\n    tag: v2.0.0\n": ("v2.0.0", True),
        "  ref:\n    branch: main\n    tag: v2.0.0\n": ("v2.0.0", True),
        "  ref:\n    tag: v2.0.0\n    semver: '>=2.0.0'\n": ("semver >=2.0.0", False),
        "  ref:\n    semver: 2.1.0\n": ("2.1.0", True),
        "  ref:\n    tag: v2.0.0\n    name: refs/heads/dev\n": ("refs/heads/dev", False),
        "  ref:\n    branch: dev\n    name: refs/tags/v3\n": ("refs/tags/v3", True),
        "  ref:\n    branch: main\n    commit: 0123abc\n": ("0123abc", True),
        # an empty field is no ref (source-controller checks for ""), a partial semver is a
        # range (Masterminds: "2.1" means ~2.1)
        "  ref:\n    commit: ''\n    branch: main\n": ("branch main", False),
        "  ref:\n    semver: '2.1'\n": ("semver 2.1", False),
    }
    for index, (ref, expected) in enumerate(cases.items()):
        root = _git_chart_repo(tmp_path / str(index), ref, version=None)
        chart, findings = _chart_and_findings(root)
        assert chart == expected, ref
        assert bool(findings) != expected[1], ref


def test_an_unknowable_git_pin_is_not_reported(tmp_path: Path) -> None:
    bucket = _git_chart_repo(tmp_path / "bucket", "", source_kind="Bucket")
    chart, findings = _chart_and_findings(bucket)
    assert chart == (None, False) and findings == []
    no_ref = _git_chart_repo(tmp_path / "default", "")
    chart, findings = _chart_and_findings(no_ref)
    assert chart == (None, False)
    assert [f.split(": ", 1)[1] for f in findings] == [
        "HelmRelease 'app': chart follows the default branch of GitRepository 'app'; pin a tag "
        "or commit in its spec.ref (Flux ignores the HelmRelease's chart version for Git "
        "sources)"]


def test_a_helm_chart_from_a_git_source_is_pinned_by_the_ref_too(tmp_path: Path) -> None:
    # HelmChart CRD, spec.version: "ignored for charts from GitRepository and Bucket sources"
    root = _git_chart_repo(tmp_path, "  ref:\n    branch: main\n")
    release = root / "clusters/one/apps/release.yaml"
    text = release.read_text("utf-8")
    release.write_text(text[:text.index("  chart:\n")] + "  chartRef:\n    kind: HelmChart\n"
                       "    name: app\n", "utf-8")
    (root / "clusters/one/apps/chart.yaml").write_text(
        "apiVersion: source.toolkit.fluxcd.io/v1\nkind: HelmChart\nmetadata:\n  name: app\n"
        "  namespace: apps\nspec:\n  interval: 1h\n  chart: ./helm\n  version: '1.0.0'\n"
        "  sourceRef:\n    kind: GitRepository\n    name: app\n", "utf-8")
    kustomization = root / "clusters/one/apps/kustomization.yaml"
    kustomization.write_text(kustomization.read_text("utf-8").replace(
        "release.yaml]", "release.yaml, chart.yaml]"), "utf-8")
    chart, findings = _chart_and_findings(root)
    assert chart == ("branch main", False)
    assert [f.split(": ", 1)[0] for f in findings] == ["8"]  # the chartRef line


def test_a_partial_chart_version_is_a_range(tmp_path: Path) -> None:
    from flux_catalog.resolve.charts import exact

    assert exact("1.2.3") and exact("v1.2.3") and exact("1.2.3-rc.1+build.5")
    assert not any(exact(v) for v in ("1.2", "1", "1.2.x", ">=1.2.3", "~1.2.3", "*", "", "latest"))

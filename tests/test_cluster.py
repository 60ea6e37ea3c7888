"""Tests of the real cluster configuration under clusters/p72-flux.

They read the repository from disk only: no cluster, no network. The Flux CRDs come from
``../shared/schemas/flux-crds`` beside the checkout (upstream files, never copied here).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from flux_catalog.crds import load_crd_schemas, validate_object
from flux_catalog.resolve import build_catalog

REPO = Path(__file__).resolve().parents[1]
CLUSTERS = REPO / "clusters"
CLUSTER = CLUSTERS / "p72-flux"
CRD_DIR = Path(__file__).resolve().parents[1].parent / "shared/schemas/flux-crds"

FLUX_GROUP_SUFFIX = ".toolkit.fluxcd.io"
KUSTOMIZATION_FILES = ("kustomization.yaml", "kustomization.yml", "Kustomization")
DESCRIPTION = "kubernetes.io/description"

# API groups Kubernetes serves itself; anything else needs a CRD from somewhere.
BUILTIN_GROUPS = {
    "",
    "apps",
    "batch",
    "policy",
    "autoscaling",
    "networking.k8s.io",
    "rbac.authorization.k8s.io",
    "storage.k8s.io",
    "scheduling.k8s.io",
    "coordination.k8s.io",
    "admissionregistration.k8s.io",
    "apiextensions.k8s.io",
}

# Kinds whose CRD a chart of this cluster installs: (group, kind) -> (namespace, HelmRelease).
CHART_CRDS: dict[tuple[str, str], tuple[str, str]] = {
    ("opentelemetry.io", "OpenTelemetryCollector"): ("monitoring", "opentelemetry-operator"),
    ("opentelemetry.io", "Instrumentation"): ("monitoring", "opentelemetry-operator"),
}


@dataclass(frozen=True)
class ChartService:
    """A Service that a chart creates: which HelmRelease, and which ports it listens on."""

    release_namespace: str
    release: str
    ports: tuple[int, ...]


# Services created by charts (not defined as objects in Git), keyed by (namespace, service).
# Each chart derives the name from the Helm release name; see the component READMEs.
CHART_SERVICES: dict[tuple[str, str], ChartService] = {
    # grafana-community/loki, deploymentMode Monolithic: Service "<fullname>" = release name.
    ("monitoring", "loki"): ChartService("monitoring", "loki", (3100,)),
    # prometheus-community/prometheus: Service "<release>-server" on port 80.
    ("monitoring", "prometheus-server"): ChartService("monitoring", "prometheus", (80,)),
    # grafana-community/grafana: Service "<release>" on port 80.
    ("monitoring", "grafana"): ChartService("monitoring", "grafana", (80,)),
}


@dataclass(frozen=True)
class OutOfBandSecret:
    """A Secret that is created by hand (or by flux bootstrap) and documented in a README."""

    readme: str
    how: str
    keys: tuple[str, ...] = ()


OUT_OF_BAND_SECRETS: dict[tuple[str, str], OutOfBandSecret] = {
    ("flux-system", "flux-system"): OutOfBandSecret(
        "clusters/p72-flux/flux-system/README.md", "flux bootstrap github"
    ),
    ("kbot-demo", "kbot"): OutOfBandSecret(
        "clusters/p72-flux/kbot-demo/README.md",
        "kubectl -n kbot-demo create secret generic kbot",
        ("token", "openweather"),
    ),
    ("monitoring", "grafana-admin"): OutOfBandSecret(
        "clusters/p72-flux/monitoring/grafana/README.md",
        "kubectl -n monitoring create secret generic grafana-admin",
        ("admin-user", "admin-password"),
    ),
}

# Namespaces that exist without an object in the walked tree, and who creates them.
OUT_OF_BAND_NAMESPACES = {
    "flux-system": "flux bootstrap (gotk-components.yaml)",
    "kube-system": "Kubernetes",
    "default": "Kubernetes",
}

DESCRIBED_KINDS = {
    "HelmRelease",
    "Kustomization",
    "Namespace",
    "GitRepository",
    "HelmRepository",
    "OCIRepository",
    "Bucket",
    "HelmChart",
    "Deployment",
    "StatefulSet",
    "DaemonSet",
    "Job",
    "CronJob",
    "Pod",
    "OpenTelemetryCollector",
    "Instrumentation",
}

EXACT_VERSION = re.compile(r"^v?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$")
CYRILLIC = re.compile(r"[А-Яа-яІіЇїЄєҐґ]")
UKRAINIAN_LETTERS = re.compile(r"[ІіЇїЄєҐґ]")
DNS_LABEL = r"[a-z0-9](?:[-a-z0-9]*[a-z0-9])?"
SERVICE_FQDN = re.compile(
    rf"(?<![-a-z0-9.])({DNS_LABEL})\.({DNS_LABEL})\.svc(?:\.cluster\.local)?(?::(\d+))?(?![-a-z0-9])"
)
SERVICE_SHORT_URL = re.compile(rf"\bhttps?://({DNS_LABEL})\.({DNS_LABEL}):(\d+)")


# --- loading the repository ------------------------------------------------------------------


@dataclass(frozen=True)
class Doc:
    path: Path
    line: int
    obj: dict[str, Any] = field(hash=False, compare=False)

    @property
    def where(self) -> str:
        return f"{self.path.relative_to(REPO)}:{self.line}"

    @property
    def api_version(self) -> str:
        return str(self.obj.get("apiVersion", ""))

    @property
    def group(self) -> str:
        return self.api_version.rpartition("/")[0]

    @property
    def kind(self) -> str:
        return str(self.obj.get("kind", ""))

    @property
    def name(self) -> str:
        return str((self.obj.get("metadata") or {}).get("name", ""))

    @property
    def namespace(self) -> str | None:
        ns = (self.obj.get("metadata") or {}).get("namespace")
        return str(ns) if ns is not None else None

    @property
    def spec(self) -> dict[str, Any]:
        return self.obj.get("spec") or {}

    @property
    def ref(self) -> str:
        return f"{self.kind} {self.namespace}/{self.name}"


@cache
def load_file(path: Path) -> tuple[Doc, ...]:
    yaml = YAML(typ="rt")
    docs = []
    for obj in yaml.load_all(path.read_text(encoding="utf-8")):
        if obj is None:
            continue
        assert isinstance(obj, dict), f"{path}: a document is not a mapping"
        docs.append(Doc(path, obj.lc.line + 1, obj))  # type: ignore[attr-defined]
    return tuple(docs)


@dataclass
class Cluster:
    """What Flux applies, starting from the bootstrap Kustomization flux-system/flux-system."""

    applied_by: dict[Path, list[tuple[str, str]]]
    docs: list[Doc]
    owner: dict[int, list[tuple[str, str]]]  # id(doc.obj) -> Flux Kustomizations applying it
    kustomizations: dict[tuple[str, str], Doc]
    problems: list[str]

    def find(self, kind: str, namespace: str | None, name: str) -> Doc | None:
        for doc in self.docs:
            if doc.kind == kind and doc.name == name and doc.namespace == namespace:
                return doc
        return None

    def of_kind(self, *kinds: str) -> list[Doc]:
        return [doc for doc in self.docs if doc.kind in kinds]

    def flux_kustomizations(self) -> list[Doc]:
        return [d for d in self.of_kind("Kustomization") if d.group.endswith(FLUX_GROUP_SUFFIX)]

    def depends_on(self, ks: tuple[str, str]) -> set[tuple[str, str]]:
        """Flux Kustomizations that `ks` waits for, transitively."""
        seen: set[tuple[str, str]] = set()
        stack = [ks]
        while stack:
            doc = self.kustomizations.get(stack.pop())
            if doc is None:
                continue
            for dep in doc.spec.get("dependsOn") or []:
                key = (str(dep.get("namespace") or doc.namespace), str(dep["name"]))
                if key not in seen:
                    seen.add(key)
                    stack.append(key)
        return seen


@cache
def cluster() -> Cluster:
    """What Flux applies to p72-flux, as the engine builds it: its kustomize and Flux builds
    are held to ``kubectl kustomize`` and kustomize-controller by tests/conformance/, so these
    tests read the engine's catalog instead of walking the files a second, simpler way."""
    catalog, _ = build_catalog(REPO, ["clusters"])
    problems = [f"{p.path}:{p.line}: [{p.level}] {p.message} ({p.rule})"
                for p in catalog.problems if p.level != "info"]
    applied_by: dict[Path, list[tuple[str, str]]] = defaultdict(list)
    docs: list[Doc] = []
    owner: dict[int, list[tuple[str, str]]] = defaultdict(list)
    kustomizations: dict[tuple[str, str], Doc] = {}
    for obj in catalog.objects:
        if obj.cluster != "p72-flux" or not obj.deployed or obj.generated:
            continue
        doc = Doc(REPO / obj.path, obj.line, obj.body)  # type: ignore[arg-type]
        docs.append(doc)
        if obj.applied_by is not None:
            _, namespace, name = obj.applied_by.split("/", 2)
            key = (namespace, name)
            owner[id(doc.obj)].append(key)
            if key not in applied_by[doc.path]:
                applied_by[doc.path].append(key)
        if obj.kind == "Kustomization" and obj.is_flux:
            kustomizations[(str(obj.namespace), obj.name)] = doc
    return Cluster(dict(applied_by), docs, dict(owner), kustomizations, problems)


def all_yaml_files() -> list[Path]:
    return sorted(
        p.resolve()
        for p in CLUSTERS.rglob("*")
        if p.suffix in (".yaml", ".yml") and p.is_file() and p.name not in KUSTOMIZATION_FILES
    )


def helm_release_name(doc: Doc) -> str:
    if doc.spec.get("releaseName"):
        return str(doc.spec["releaseName"])
    if doc.spec.get("targetNamespace"):
        return f"{doc.spec['targetNamespace']}-{doc.name}"
    return doc.name


def helm_release_namespace(doc: Doc) -> str:
    return str(doc.spec.get("targetNamespace") or doc.namespace)


def walk_values(
    node: Any, path: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple[str | int, ...], Any]]:
    yield path, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from walk_values(value, (*path, str(key)))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from walk_values(value, (*path, index))


def dotted(path: tuple[str | int, ...]) -> str:
    return ".".join(str(p) for p in path)


# --- the seed's structure --------------------------------------------------------------------


def test_seed_names_exist() -> None:
    for name in ("flux-system", "kbot-demo", "monitoring"):
        assert (CLUSTER / name).is_dir(), f"clusters/p72-flux/{name}/ is missing"
    for name in ("monitoring/kustomization.yaml", "monitoring/ns-monitoring.yaml"):
        assert (CLUSTER / name).is_file(), f"clusters/p72-flux/{name} is missing"
    (ns,) = load_file(CLUSTER / "monitoring/ns-monitoring.yaml")
    assert (ns.kind, ns.name) == ("Namespace", "monitoring")


def test_monitoring_kustomization_lists_every_component() -> None:
    kfile = CLUSTER / "monitoring/kustomization.yaml"
    (doc,) = load_file(kfile)
    resources = {str(r).rstrip("/") for r in doc.obj.get("resources") or []}
    components = sorted(
        d.name for d in (CLUSTER / "monitoring").iterdir() if d.is_dir() and any(d.rglob("*.yaml"))
    )
    assert components, "monitoring/ has no component directories"
    for expected in (
        "cert-manager",
        "fluent-bit",
        "grafana",
        "loki",
        "opentelemetry",
        "prometheus",
    ):
        assert expected in components, f"monitoring/{expected}/ is missing"
    missing = [c for c in components if c not in resources]
    assert not missing, f"monitoring/kustomization.yaml does not list {missing}"
    assert "ns-monitoring.yaml" in resources


def test_no_commented_out_resources() -> None:
    commented = re.compile(r"^\s*#\s*-\s*\S")
    offenders = [
        f"{k.relative_to(REPO)}:{n}: {line.strip()}"
        for k in CLUSTERS.rglob("kustomization.yaml")
        for n, line in enumerate(k.read_text(encoding="utf-8").splitlines(), 1)
        if commented.match(line)
    ]
    assert not offenders, "commented-out kustomization entries:\n" + "\n".join(offenders)


def test_gotk_components_is_a_comment_only_placeholder() -> None:
    path = CLUSTER / "flux-system/gotk-components.yaml"
    text = path.read_text(encoding="utf-8")
    assert load_file(path) == (), "gotk-components.yaml must hold no YAML document"
    assert all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines())
    assert "flux bootstrap" in text
    assert re.search(r"Flux v2\.\d+", text), "the placeholder must name the Flux version"
    (doc,) = load_file(CLUSTER / "flux-system/kustomization.yaml")
    assert doc.obj["resources"] == ["gotk-components.yaml", "gotk-sync.yaml"]


def test_bootstrap_sync() -> None:
    docs = {d.kind: d for d in load_file(CLUSTER / "flux-system/gotk-sync.yaml")}
    repo, ks = docs["GitRepository"], docs["Kustomization"]
    assert (repo.namespace, repo.name) == ("flux-system", "flux-system")
    assert repo.spec["ref"] == {"branch": "main"}
    assert repo.spec["secretRef"] == {"name": "flux-system"}
    assert str(repo.spec["url"]).startswith("https://github.com/")
    assert (ks.namespace, ks.name) == ("flux-system", "flux-system")
    assert ks.spec["path"] == "./clusters/p72-flux"
    assert ks.spec["prune"] is True


# --- what Flux applies -----------------------------------------------------------------------


def test_walk_has_no_problems() -> None:
    assert not cluster().problems, "\n".join(cluster().problems)


def test_every_manifest_is_applied_exactly_once() -> None:
    c = cluster()
    # A file without documents (the gotk-components.yaml placeholder) applies nothing.
    orphans = [str(p.relative_to(REPO)) for p in all_yaml_files()
               if p not in c.applied_by and load_file(p)]
    twice = {str(p.relative_to(REPO)): ks for p, ks in c.applied_by.items() if len(ks) > 1}
    assert not orphans, f"manifests no Flux Kustomization applies: {orphans}"
    assert not twice, f"manifests applied by more than one Flux Kustomization: {twice}"


def test_flux_objects_validate_against_crds() -> None:
    if not CRD_DIR.is_dir():
        pytest.skip(
            f"Flux CRDs not found at {CRD_DIR} (they live in ../shared beside the checkout)"
        )
    schemas, errors = load_crd_schemas([CRD_DIR])
    assert not errors, errors
    assert schemas, f"no CRD found in {CRD_DIR}"
    problems = []
    docs = [d for p in all_yaml_files() for d in load_file(p)]
    flux_docs = [d for d in docs if d.group.endswith(FLUX_GROUP_SUFFIX)]
    assert flux_docs
    for doc in flux_docs:
        schema = schemas.get((doc.api_version, doc.kind))
        if schema is None:
            problems.append(f"{doc.where}: {doc.api_version} {doc.kind} is not served by Flux")
            continue
        for path, message in validate_object(doc.obj, schema):
            problems.append(f"{doc.where}: {doc.ref}: {dotted(path)}: {message}")
        if doc.namespace is None:
            problems.append(f"{doc.where}: {doc.ref}: metadata.namespace is not set")
    assert not problems, "\n".join(problems)


def test_namespaced_objects_name_an_existing_namespace() -> None:
    c = cluster()
    namespaces = {d.name for d in c.of_kind("Namespace")} | set(OUT_OF_BAND_NAMESPACES)
    problems = []
    for doc in c.docs:
        if doc.kind == "Namespace":
            continue
        if doc.namespace is None:
            problems.append(f"{doc.where}: {doc.ref}: no metadata.namespace")
        elif doc.namespace not in namespaces:
            problems.append(f"{doc.where}: {doc.ref}: namespace {doc.namespace} is not defined")
    assert not problems, "\n".join(problems)


# --- references ------------------------------------------------------------------------------


def test_source_and_chart_references_resolve() -> None:
    c = cluster()
    problems = []
    for doc in c.docs:
        refs: list[tuple[str, dict[str, Any]]] = []
        if doc.kind == "HelmRelease":
            chart = (doc.spec.get("chart") or {}).get("spec")
            if chart:
                refs.append(("chart.spec.sourceRef", chart.get("sourceRef") or {}))
            if doc.spec.get("chartRef"):
                refs.append(("chartRef", doc.spec["chartRef"]))
            if not chart and not doc.spec.get("chartRef"):
                problems.append(f"{doc.where}: {doc.ref} has neither chart nor chartRef")
        elif doc.kind == "Kustomization" and doc.group.endswith(FLUX_GROUP_SUFFIX):
            refs.append(("sourceRef", doc.spec.get("sourceRef") or {}))
        for field_name, ref in refs:
            kind, name = ref.get("kind"), ref.get("name")
            namespace = ref.get("namespace") or doc.namespace
            if c.find(str(kind), namespace, str(name)) is None:
                problems.append(
                    f"{doc.where}: {doc.ref}: {field_name} {kind} {namespace}/{name} is not defined"
                )
    assert not problems, "\n".join(problems)


def test_depends_on_and_health_checks_resolve() -> None:
    c = cluster()
    problems = []
    for doc in c.of_kind("HelmRelease", "Kustomization"):
        for dep in doc.spec.get("dependsOn") or []:
            namespace = dep.get("namespace") or doc.namespace
            if c.find(doc.kind, namespace, str(dep.get("name"))) is None:
                problems.append(
                    f"{doc.where}: {doc.ref}: dependsOn {namespace}/{dep.get('name')} "
                    "is not defined"
                )
        for check in doc.spec.get("healthChecks") or []:
            namespace = check.get("namespace") or doc.namespace
            target = c.find(str(check.get("kind")), namespace, str(check.get("name")))
            if target is None or target.api_version != check.get("apiVersion"):
                problems.append(f"{doc.where}: {doc.ref}: healthCheck {check} is not defined")
    for key in c.kustomizations:
        if key in c.depends_on(key):
            problems.append(f"Kustomization {key} depends on itself")
    assert not problems, "\n".join(problems)


def test_values_from_resolves() -> None:
    c = cluster()
    problems = []
    for doc in c.of_kind("HelmRelease"):
        for ref in doc.spec.get("valuesFrom") or []:
            kind, name = str(ref.get("kind")), str(ref.get("name"))
            if c.find(kind, doc.namespace, name) is not None:
                continue
            if kind == "Secret" and (doc.namespace, name) in OUT_OF_BAND_SECRETS:
                continue
            problems.append(f"{doc.where}: {doc.ref}: valuesFrom {kind} {name} is not defined")
    assert not problems, "\n".join(problems)


def secret_references(doc: Doc) -> Iterator[tuple[str, str, tuple[str, ...], str]]:
    """(namespace, secret, keys, where) for every Secret an object or its Helm values name."""
    namespace = helm_release_namespace(doc) if doc.kind == "HelmRelease" else str(doc.namespace)
    for path, node in walk_values(doc.obj):
        if not isinstance(node, dict):
            continue
        for key, value in node.items():
            key = str(key)
            if key.lower().endswith("secretref") and isinstance(value, dict) and value.get("name"):
                yield (
                    str(value.get("namespace") or doc.namespace),
                    str(value["name"]),
                    (),
                    dotted((*path, key)),
                )
            elif key == "secretKeyRef" and isinstance(value, dict) and value.get("name"):
                keys: tuple[str, ...] = (str(value["key"]),) if value.get("key") else ()
                yield namespace, str(value["name"]), keys, dotted((*path, key))
            elif key in ("existingSecret", "secretName") and isinstance(value, str) and value:
                keys = tuple(
                    str(v) for k, v in node.items() if str(k).endswith("Key") and isinstance(v, str)
                )
                yield namespace, value, keys, dotted((*path, key))
            elif key == "secret" and isinstance(value, dict) and isinstance(value.get("name"), str):
                keys = tuple(
                    str(e["key"])
                    for e in value.get("env") or []
                    if isinstance(e, dict) and "key" in e
                )
                yield namespace, str(value["name"]), keys, dotted((*path, key))


def test_secret_references_resolve_or_are_documented() -> None:
    c = cluster()
    problems = []
    found = set()
    for doc in c.docs:
        for namespace, name, keys, where in secret_references(doc):
            found.add((namespace, name))
            if c.find("Secret", namespace, name) is not None:
                continue
            documented = OUT_OF_BAND_SECRETS.get((namespace, name))
            if documented is None:
                problems.append(
                    f"{doc.where}: {doc.ref}: {where}: Secret {namespace}/{name} "
                    "is neither defined nor documented"
                )
                continue
            missing = [k for k in keys if k not in documented.keys]
            if missing:
                problems.append(
                    f"{doc.where}: {doc.ref}: Secret {namespace}/{name} "
                    f"keys {missing} are not documented"
                )
    assert ("kbot-demo", "kbot") in found, "the kbot release must take its tokens from a Secret"
    assert ("monitoring", "grafana-admin") in found, "Grafana must take its admin from a Secret"
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("key", sorted(OUT_OF_BAND_SECRETS), ids=lambda k: "/".join(k))
def test_out_of_band_secret_is_documented(key: tuple[str, str]) -> None:
    secret = OUT_OF_BAND_SECRETS[key]
    text = (REPO / secret.readme).read_text(encoding="utf-8")
    name = key[1]
    assert name in text, f"{secret.readme} does not mention the Secret {name}"
    assert secret.how in text, f"{secret.readme} does not show how to create it: {secret.how!r}"
    for k in secret.keys:
        assert f"--from-literal={k}=" in text, f"{secret.readme}: key {k} is not created"
    literal = re.findall(r"--from-literal=[\w.-]+=(?![\"']?\$)(\S+)", text)
    assert all(v in ("admin",) for v in literal), (
        f"{secret.readme}: literal secret values {literal}"
    )


def service_references(doc: Doc) -> Iterator[tuple[str, str, int | None, str]]:
    namespaces = {d.name for d in cluster().of_kind("Namespace")} | set(OUT_OF_BAND_NAMESPACES)
    for path, node in walk_values(doc.obj):
        if not isinstance(node, str):
            continue
        for match in SERVICE_FQDN.finditer(node):
            port = int(match.group(3)) if match.group(3) else None
            yield match.group(2), match.group(1), port, dotted(path)
        for match in SERVICE_SHORT_URL.finditer(node):
            if match.group(2) in namespaces:
                yield match.group(2), match.group(1), int(match.group(3)), dotted(path)


def test_service_references_resolve() -> None:
    c = cluster()
    problems = []
    found = set()
    for doc in c.docs:
        for namespace, service, port, where in service_references(doc):
            found.add((namespace, service))
            prefix = f"{doc.where}: {doc.ref}: {where}: Service {namespace}/{service}"
            if c.find("Service", namespace, service) is not None:
                continue
            chart_service = CHART_SERVICES.get((namespace, service))
            if chart_service is None:
                problems.append(f"{prefix} is not defined and no chart is known to create it")
                continue
            release = c.find("HelmRelease", chart_service.release_namespace, chart_service.release)
            if release is None:
                problems.append(f"{prefix}: HelmRelease {chart_service.release} is not defined")
                continue
            if (helm_release_name(release), helm_release_namespace(release)) != (
                chart_service.release,
                namespace,
            ):
                problems.append(f"{prefix}: release {release.ref} installs under another name")
            values = release.spec.get("values") or {}
            if values.get("fullnameOverride") or values.get("nameOverride"):
                problems.append(f"{prefix}: {release.ref} overrides the chart's names")
            if port is not None and port not in chart_service.ports:
                problems.append(f"{prefix}: port {port} is not one of {chart_service.ports}")
    for expected in (("monitoring", "loki"), ("monitoring", "prometheus-server")):
        assert expected in found, f"nothing refers to Service {expected}"
    assert not problems, "\n".join(problems)


def test_loki_keeps_the_service_the_cluster_uses() -> None:
    loki = cluster().find("HelmRelease", "monitoring", "loki")
    assert loki is not None
    values = loki.spec["values"]
    assert values["deploymentMode"] in ("Monolithic", "SingleBinary")
    assert values["gateway"]["enabled"] is False, "clients talk to Service loki:3100 directly"
    assert values["loki"]["storage"]["type"] == "filesystem"


def test_prometheus_accepts_otlp() -> None:
    prometheus = cluster().find("HelmRelease", "monitoring", "prometheus")
    assert prometheus is not None
    assert "web.enable-otlp-receiver" in prometheus.spec["values"]["server"]["extraFlags"]


# --- OpenTelemetry ---------------------------------------------------------------------------


def test_opentelemetry_annotations_resolve() -> None:
    c = cluster()
    problems = []
    seen = set()
    for doc in c.of_kind("HelmRelease"):
        for _, node in walk_values(doc.spec.get("values") or {}):
            if not isinstance(node, dict):
                continue
            for key, value in node.items():
                key = str(key)
                if key == "sidecar.opentelemetry.io/inject":
                    kind = "OpenTelemetryCollector"
                elif key.startswith("instrumentation.opentelemetry.io/inject-"):
                    kind = "Instrumentation"
                else:
                    continue
                seen.add(kind)
                namespace, _, name = str(value).rpartition("/")
                namespace = namespace or helm_release_namespace(doc)
                target = c.find(kind, namespace, name)
                if target is None:
                    problems.append(
                        f"{doc.where}: {doc.ref}: {key}: {kind} {namespace}/{name} is not defined"
                    )
                    continue
                if kind == "OpenTelemetryCollector" and target.spec.get("mode") != "sidecar":
                    problems.append(f"{target.where}: {target.ref} is not in sidecar mode")
                for needs in c.owner[id(target.obj)]:
                    for mine in c.owner[id(doc.obj)]:
                        if needs not in c.depends_on(mine):
                            problems.append(
                                f"{doc.where}: {doc.ref} (Kustomization {mine}) is applied "
                                f"before {target.ref} (Kustomization {needs}) exists"
                            )
    assert seen == {"OpenTelemetryCollector", "Instrumentation"}, seen
    assert not problems, "\n".join(problems)


def test_chart_crd_objects_wait_for_their_chart() -> None:
    c = cluster()
    problems = []
    for doc in c.docs:
        if doc.group in BUILTIN_GROUPS or doc.group.endswith(FLUX_GROUP_SUFFIX):
            continue
        installed_by = CHART_CRDS.get((doc.group, doc.kind))
        if installed_by is None:
            problems.append(f"{doc.where}: {doc.ref}: which chart installs this CRD? (CHART_CRDS)")
            continue
        release = c.find("HelmRelease", *installed_by)
        if release is None:
            problems.append(f"{doc.where}: {doc.ref}: HelmRelease {installed_by} is not defined")
            continue
        for mine in c.owner[id(doc.obj)]:
            for theirs in c.owner[id(release.obj)]:
                if mine == theirs:
                    problems.append(
                        f"{doc.where}: {doc.ref} is applied together with {release.ref}"
                    )
                    continue
                if theirs not in c.depends_on(mine):
                    problems.append(
                        f"{doc.where}: {doc.ref}: Kustomization {mine} does not depend on {theirs}"
                    )
                gate = c.kustomizations[theirs].spec
                checked = any(
                    (h.get("kind"), h.get("name"), h.get("namespace"))
                    == ("HelmRelease", release.name, release.namespace)
                    for h in gate.get("healthChecks") or []
                )
                if not (gate.get("wait") is True or checked):
                    problems.append(
                        f"Kustomization {theirs} is Ready before {release.ref} is: "
                        "add wait or a healthCheck"
                    )
    assert not problems, "\n".join(problems)


def test_opentelemetry_collectors_are_current() -> None:
    collectors = cluster().of_kind("OpenTelemetryCollector")
    assert collectors
    problems = []
    for doc in collectors:
        if doc.api_version != "opentelemetry.io/v1beta1":
            problems.append(
                f"{doc.where}: {doc.ref}: use opentelemetry.io/v1beta1, not {doc.api_version}"
            )
        config = doc.spec.get("config")
        if not isinstance(config, dict):
            problems.append(f"{doc.where}: {doc.ref}: spec.config must be a mapping in v1beta1")
            continue
        for section in ("receivers", "processors", "exporters"):
            defined = set(config.get(section) or {})
            if section == "exporters":
                removed = sorted(e for e in defined if e.split("/")[0] == "logging")
                if removed:
                    problems.append(
                        f"{doc.where}: {doc.ref}: exporter {removed} was removed; use debug"
                    )
            for name, pipeline in ((config.get("service") or {}).get("pipelines") or {}).items():
                for used in pipeline.get(section) or []:
                    if used not in defined:
                        problems.append(
                            f"{doc.where}: {doc.ref}: pipeline {name} "
                            f"uses undefined {section[:-1]} {used}"
                        )
    assert not problems, "\n".join(problems)


# --- versions and credentials ----------------------------------------------------------------


def test_chart_versions_are_pinned() -> None:
    c = cluster()
    releases = c.of_kind("HelmRelease")
    assert releases
    problems = []
    for doc in releases:
        chart = (doc.spec.get("chart") or {}).get("spec")
        if chart:
            version = str(chart.get("version") or "")
            if not EXACT_VERSION.match(version):
                problems.append(f"{doc.where}: {doc.ref}: chart version {version!r} is not exact")
            continue
        ref = doc.spec.get("chartRef") or {}
        source = c.find(
            str(ref.get("kind")), ref.get("namespace") or doc.namespace, str(ref.get("name"))
        )
        if source is None:
            problems.append(f"{doc.where}: {doc.ref}: chartRef does not resolve")
        elif source.kind == "OCIRepository":
            oci_ref = source.spec.get("ref") or {}
            if "semver" in oci_ref or "semverFilter" in oci_ref:
                problems.append(
                    f"{source.where}: {source.ref}: semver range instead of a pinned tag"
                )
            if not (oci_ref.get("digest") or EXACT_VERSION.match(str(oci_ref.get("tag") or ""))):
                problems.append(
                    f"{source.where}: {source.ref}: tag {oci_ref.get('tag')!r} is not exact"
                )
        elif source.kind == "HelmChart" and not EXACT_VERSION.match(
            str(source.spec.get("version") or "")
        ):
            problems.append(f"{source.where}: {source.ref}: version is not exact")
    assert not problems, "\n".join(problems)


CREDENTIAL_WORDS = (
    "password",
    "passwd",
    "token",
    "apikey",
    "secretkey",
    "accesskey",
    "clientsecret",
    "privatekey",
)
REFERENCE_SUFFIXES = ("Key", "Ref", "Name", "File", "Path", "Secret", "Env")
PLACEHOLDER = re.compile(r"^\$\{[^}]+\}$|^\$\([^)]+\)$|^\{\{.*\}\}$")
HIGH_CONFIDENCE_SECRETS = {
    "Telegram bot token": re.compile(r"\b\d{8,10}:[A-Za-z0-9_-]{35}\b"),
    "GitHub token": re.compile(r"\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,})\b"),
    "AWS access key": re.compile(r"\bAKIA[0-9A-Z]{16}\b"),
    "private key": re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----"),
}
CONFIG_CREDENTIAL_LINE = re.compile(
    r"(?im)^\s*(http_passwd|passwd|password|token|api_key)\s+(\S+)\s*$"
)


def is_credential_key(key: str) -> bool:
    normalized = re.sub(r"[^a-z]", "", key.lower())
    if not any(word in normalized for word in CREDENTIAL_WORDS):
        return False
    if normalized in CREDENTIAL_WORDS:
        return True
    return not key.endswith(REFERENCE_SUFFIXES)


def test_no_plaintext_credentials() -> None:
    problems = []
    for path in sorted(p for p in CLUSTERS.rglob("*") if p.is_file()):
        text = path.read_text(encoding="utf-8")
        for label, pattern in HIGH_CONFIDENCE_SECRETS.items():
            if pattern.search(text):
                problems.append(f"{path.relative_to(REPO)}: looks like a {label}")
    for path in all_yaml_files():
        for doc in load_file(path):
            has_data = doc.obj.get("data") or doc.obj.get("stringData")
            if doc.kind == "Secret" and has_data and "sops" not in doc.obj:
                problems.append(f"{doc.where}: {doc.ref} holds data that is not SOPS-encrypted")
            for where, node in walk_values(doc.obj):
                if isinstance(node, dict):
                    for key, value in node.items():
                        if (
                            not is_credential_key(str(key))
                            or value is None
                            or isinstance(value, dict | list | bool)
                        ):
                            continue
                        if str(value) and not PLACEHOLDER.match(str(value)):
                            problems.append(
                                f"{doc.where}: {dotted((*where, str(key)))} is a literal credential"
                            )
                elif isinstance(node, str):
                    for match in CONFIG_CREDENTIAL_LINE.finditer(node):
                        if not PLACEHOLDER.match(match.group(2)):
                            problems.append(
                                f"{doc.where}: {dotted(where)}: literal {match.group(1)}"
                            )
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    ("key", "flagged"),
    [
        ("password", True),
        ("adminPassword", True),
        ("apiKey", True),
        ("TELE_TOKEN", True),
        ("passwordKey", False),
        ("existingSecret", False),
        ("tokenSecretRef", False),
        ("name", False),
    ],
)
def test_credential_key_heuristic(key: str, flagged: bool) -> None:
    assert is_credential_key(key) is flagged


# --- descriptions and READMEs ----------------------------------------------------------------


def test_objects_carry_ukrainian_descriptions() -> None:
    c = cluster()
    problems = []
    described = [d for d in c.docs if d.kind in DESCRIBED_KINDS]
    assert described
    for doc in described:
        annotations = (doc.obj.get("metadata") or {}).get("annotations") or {}
        text = annotations.get(DESCRIPTION)
        if not isinstance(text, str) or not text.strip():
            problems.append(f"{doc.where}: {doc.ref} has no {DESCRIPTION}")
        elif len(text) < 40 or not CYRILLIC.search(text) or not UKRAINIAN_LETTERS.search(text):
            problems.append(
                f"{doc.where}: {doc.ref}: {DESCRIPTION} is not a Ukrainian sentence: {text!r}"
            )
    assert not problems, "\n".join(problems)


def test_helm_values_document_keys() -> None:
    problems = []
    for doc in cluster().of_kind("HelmRelease"):
        if not doc.spec.get("values"):
            continue
        comments = re.findall(r"^\s*# -- (.+)$", doc.path.read_text(encoding="utf-8"), re.M)
        if not comments or not all(CYRILLIC.search(c) for c in comments):
            problems.append(f"{doc.where}: {doc.ref}: values need `# -- <Ukrainian text>` comments")
    assert not problems, "\n".join(problems)


def test_every_directory_has_a_ukrainian_readme() -> None:
    problems = []
    directories = [CLUSTER, *sorted(d for d in CLUSTER.rglob("*") if d.is_dir())]
    for directory in directories:
        readme = directory / "README.md"
        if not readme.is_file():
            problems.append(f"{directory.relative_to(REPO)}/README.md is missing")
            continue
        text = readme.read_text(encoding="utf-8")
        if len(CYRILLIC.findall(text)) < 200:
            problems.append(f"{readme.relative_to(REPO)} is not a Ukrainian overview")
        tables = [line for line in text.splitlines() if re.match(r"^\s*\|.*\|\s*$", line)]
        if tables:
            problems.append(
                f"{readme.relative_to(REPO)}: hand-written table (the site generates those)"
            )
    assert not problems, "\n".join(problems)


# --- the strict CRD validation itself (scripts/flux_catalog/crds.py) -------------------------

WIDGET_CRD = """\
# a comment before the first document
---
apiVersion: v1
kind: ConfigMap
metadata: {name: not-a-crd}
---
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  names: {kind: Widget, plural: widgets}
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            apiVersion: {type: string}
            kind: {type: string}
            metadata: {type: object}
            spec:
              type: object
              required: [size]
              properties:
                size: {type: integer}
                note: {type: string, nullable: true}
                labels:
                  type: object
                  additionalProperties: {type: string}
                free:
                  type: object
                  x-kubernetes-preserve-unknown-fields: true
                  properties:
                    known: {type: string}
    - name: v0
      served: false
      storage: false
      schema:
        openAPIV3Schema: {type: object}
"""


def widget(**spec: Any) -> dict[str, Any]:
    return {
        "apiVersion": "example.com/v1",
        "kind": "Widget",
        "metadata": {"name": "w", "namespace": "default"},
        "spec": spec,
    }


def test_crds_loads_served_versions_only(tmp_path: Path) -> None:
    (tmp_path / "crds").mkdir()
    (tmp_path / "crds" / "widget.yaml").write_text(WIDGET_CRD, encoding="utf-8")
    (tmp_path / "crds" / "readme.txt").write_text("not yaml", encoding="utf-8")
    schemas, errors = load_crd_schemas([tmp_path / "crds"])
    assert errors == []
    assert set(schemas) == {("example.com/v1", "Widget")}


def test_crds_reports_bad_files_without_raising(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("apiVersion: v1\nkind: [unclosed\n", encoding="utf-8")
    no_schema = tmp_path / "no-schema.yml"
    no_schema.write_text(
        "apiVersion: v1\nkind: ConfigMap\n---\n"
        "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\n"
        "spec: {group: g.io, names: {kind: K}, versions: [{name: v1, served: true}]}\n",
        encoding="utf-8",
    )
    schemas, errors = load_crd_schemas([bad, no_schema, tmp_path / "missing.yaml"])
    assert schemas == {}
    by_file = {(path.name, line): message for path, line, message in errors}
    # The loader's convention for every file: an error at the end of the stream points at
    # the last line, not past it.
    assert ("bad.yaml", 2) in by_file and "invalid YAML" in by_file[("bad.yaml", 2)]
    assert ("no-schema.yml", 4) in by_file, errors
    assert ("missing.yaml", 0) in by_file


def test_crds_validation_is_strict(tmp_path: Path) -> None:
    (tmp_path / "widget.yaml").write_text(WIDGET_CRD, encoding="utf-8")
    schemas, _ = load_crd_schemas([tmp_path])
    schema = schemas[("example.com/v1", "Widget")]
    assert validate_object(widget(size=1, labels={"a": "b"}, free={"any": 1}), schema) == []
    assert validate_object(widget(size=1, note=None), schema) == []
    assert validate_object(widget(size=1, extra=True, typo={}), schema) == [
        (("spec", "extra"), 'unknown field "extra"'),
        (("spec", "typo"), 'unknown field "typo"'),
    ]
    problems = validate_object(widget(size="big"), schema)
    assert [path for path, _ in problems] == [("spec", "size")]
    assert validate_object(widget(size=None), schema) == [
        (("spec",), "missing required field 'size'")
    ]
    bad_meta = widget(size=1)
    bad_meta["metadata"] = {"namespace": 7}
    assert [path for path, _ in validate_object(bad_meta, schema)] == [
        ("metadata",),
        ("metadata", "namespace"),
    ]


def test_schema_messages_never_repeat_the_value(tmp_path: Path) -> None:
    # A value that fails validation may be a credential: messages say what was expected only.
    (tmp_path / "widget.yaml").write_text(WIDGET_CRD, encoding="utf-8")
    schemas, _ = load_crd_schemas([tmp_path])
    schema = schemas[("example.com/v1", "Widget")]
    problems = validate_object(widget(size="hunter2-planted"), schema)
    assert problems and all("hunter2" not in message for _, message in problems)
    assert "must be of type" in problems[0][1]


def test_a_schema_jsonschema_cannot_compile_is_reported_not_raised(tmp_path: Path) -> None:
    from flux_catalog.crds import SchemaUnusable

    # RE2 (what Kubernetes accepts) has \\p{L}; Python's re does not.
    crd = WIDGET_CRD.replace("size: {type: integer}", "size: {type: string, pattern: '^\\p{L}+$'}")
    (tmp_path / "widget.yaml").write_text(crd, encoding="utf-8")
    schemas, _ = load_crd_schemas([tmp_path])
    schema = schemas[("example.com/v1", "Widget")]
    with pytest.raises(SchemaUnusable):
        validate_object(widget(size="x"), schema)

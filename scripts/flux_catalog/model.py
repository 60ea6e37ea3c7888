"""The catalog's data model: plain frozen dataclasses, no I/O.

Every object carries the repository-relative POSIX ``path`` of the file it came from and
the 1-based ``line`` where it starts, so any page or problem can point back at the YAML.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .documents import DocumentStore

ERROR = "error"
WARNING = "warning"
# What the engine cannot know (a chart's own Service, a Secret made by hand): said, never failing.
INFO = "info"

DESCRIPTION_ANNOTATION = "kubernetes.io/description"

# Flux kinds, with the API versions that current Flux (v2.7+) serves.
SERVED_FLUX_VERSIONS: dict[str, str] = {
    "HelmRelease": "helm.toolkit.fluxcd.io/v2",
    "GitRepository": "source.toolkit.fluxcd.io/v1",
    "HelmRepository": "source.toolkit.fluxcd.io/v1",
    "HelmChart": "source.toolkit.fluxcd.io/v1",
    "OCIRepository": "source.toolkit.fluxcd.io/v1",
    "Bucket": "source.toolkit.fluxcd.io/v1",
    "Kustomization": "kustomize.toolkit.fluxcd.io/v1",
    "Provider": "notification.toolkit.fluxcd.io/v1beta3",
    "Alert": "notification.toolkit.fluxcd.io/v1beta3",
    "Receiver": "notification.toolkit.fluxcd.io/v1",
}
FLUX_GROUPS = frozenset(v.split("/")[0] for v in SERVED_FLUX_VERSIONS.values())
SOURCE_KINDS = frozenset(
    {"GitRepository", "HelmRepository", "OCIRepository", "Bucket", "HelmChart"}
)

# Kinds that have no namespace. CRDs found in the repository extend this set.
CLUSTER_SCOPED_KINDS = frozenset(
    {
        "Namespace",
        "CustomResourceDefinition",
        "ClusterRole",
        "ClusterRoleBinding",
        "PersistentVolume",
        "StorageClass",
        "PriorityClass",
        "IngressClass",
        "RuntimeClass",
        "ValidatingWebhookConfiguration",
        "MutatingWebhookConfiguration",
        "ValidatingAdmissionPolicy",
        "ValidatingAdmissionPolicyBinding",
        "APIService",
        "CSIDriver",
        "VolumeSnapshotClass",
        "GatewayClass",
        "ClusterIssuer",
        "ClusterPolicy",
        "PodSecurityPolicy",
        "Node",
    }
)

WORKLOAD_KINDS = frozenset(
    {
        "Deployment",
        "StatefulSet",
        "DaemonSet",
        "CronJob",
        "Job",
        "Pod",
        "ReplicaSet",
    }
)

# Edge types between objects.
DEPENDS_ON = "dependsOn"
SOURCE = "source"
VALUES_FROM = "valuesFrom"
APPLIED_BY = "applied-by"
NAMESPACE = "namespace"
SERVICE = "service"
SECRET_REF = "secretRef"
INJECT = "inject"  # OpenTelemetry operator injection annotations found in values
INFERRED_TYPES = frozenset({SERVICE, INJECT})


def is_flux_kind(api_version: str, kind: str) -> bool:
    return api_version.split("/")[0] in FLUX_GROUPS and kind in SERVED_FLUX_VERSIONS


def object_id(kind: str, namespace: str | None, name: str) -> str:
    """``Kind/namespace/name``; cluster-scoped objects have an empty namespace part."""
    return f"{kind}/{namespace or ''}/{name}"


@dataclass(frozen=True, order=True)
class ObjectKey:
    """An object's place in the fleet, unique across clusters.

    Written ``cluster:Kind/namespace/name`` (empty parts for no cluster and for cluster-scoped
    objects): the string form is what the Catalog's maps and edges use; this class builds and
    reads it, so no module splits keys by hand.
    """

    cluster: str
    kind: str
    namespace: str
    name: str

    @classmethod
    def of(cls, cluster: str | None, kind: str, namespace: str | None, name: str) -> ObjectKey:
        return cls(cluster or "", kind, namespace or "", name)

    @classmethod
    def parse(cls, key: str) -> ObjectKey:
        cluster, _, rest = key.partition(":")
        kind, _, rest = rest.partition("/")
        namespace, _, name = rest.partition("/")
        return cls(cluster, kind, namespace, name)

    @classmethod
    def in_cluster(cls, cluster: str | None, object_id: str) -> str:
        """The key of the object ``Kind/namespace/name`` in ``cluster``."""
        return f"{cluster or ''}:{object_id}"

    @property
    def id(self) -> str:
        return f"{self.kind}/{self.namespace}/{self.name}"

    def __str__(self) -> str:
        return f"{self.cluster}:{self.id}"


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    col: int
    rule: str
    level: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "file": self.path,
            "line": self.line,
            "col": self.col,
            "rule": self.rule,
            "level": self.level,
            "message": self.message,
        }


@dataclass(frozen=True, eq=False)
class Document:
    """One YAML document of one file, as loaded (ruamel round-trip nodes)."""

    path: str
    index: int
    line: int
    data: Any


@dataclass(frozen=True)
class SourceInfo:
    kind: str
    name: str
    namespace: str | None
    url: str | None = None
    id: str | None = None  # object id of the source object when it is in the repository

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "name": self.name, "namespace": self.namespace, "url": self.url}


# Sources whose chart is a path in their artifact: Flux ignores a HelmRelease's chart version.
GIT_SOURCES = ("GitRepository", "Bucket")


@dataclass(frozen=True)
class Chart:
    """What a HelmRelease installs."""

    name: str | None
    version: str | None  # as written (exact, a semver range), or None when unpinned
    pinned: bool
    source: SourceInfo | None
    via: str  # "chart" (spec.chart.spec) or "chartRef"
    # Where the version comes from when not written in the HelmRelease: the chart's own
    # Chart.yaml in this repository (repo-relative path), for charts from a GitRepository.
    chart_file: str | None = None
    # For a chart from a GitRepository outside this repository: the ``spec.ref`` field Flux
    # follows (``commit``, ``tag``, ``semver``, ``name`` or ``branch``) and its value.
    git_ref: tuple[str, str] | None = None


Scalar = str | int | float | bool | None


def scalar(value: Any) -> Scalar:
    """``value`` if it is a YAML scalar, else None (a mapping where a string belongs)."""
    return value if isinstance(value, str | int | float | bool) else None


def helm_release_name(name: str, spec: Mapping[str, Any]) -> tuple[str, bool]:
    """The Helm release a HelmRelease installs, and whether it is Flux's default:
    ``spec.releaseName``, else ``[targetNamespace-]name`` (helm-controller's default)."""
    release = spec.get("releaseName")
    if isinstance(release, str) and release:
        return release, False
    target = spec.get("targetNamespace")
    return (f"{target}-{name}" if isinstance(target, str) and target else name), True


@dataclass(frozen=True)
class ValuesFrom:
    """One ``spec.valuesFrom`` entry of a HelmRelease, as written."""

    kind: Scalar
    name: Scalar
    target: str  # key of the ConfigMap or Secret it names, in the release's namespace
    values_key: Scalar  # None: Flux reads "values.yaml"
    target_path: Scalar
    optional: bool
    line: int


@dataclass(frozen=True)
class HelmRelease:
    """What a Flux HelmRelease installs, read once by resolve for every page and rule."""

    key: str
    chart: Chart
    release_name: str
    default_release_name: bool  # no releaseName written: Flux's default applies
    target_namespace: str | None
    values_from: tuple[ValuesFrom, ...]


@dataclass(frozen=True)
class FluxKustomization:
    """What a Flux Kustomization applies and how, as written (None where it is not a scalar)."""

    key: str
    path: Scalar  # spec.path; None or "" is the source's root
    target_namespace: Scalar
    prune: Scalar
    wait: Scalar
    timeout: Scalar


@dataclass(frozen=True)
class Reference:
    """A reference written in an object (sourceRef, dependsOn, valuesFrom...)."""

    type: str  # DEPENDS_ON, SOURCE, VALUES_FROM, NAMESPACE, SERVICE, SECRET_REF or INJECT
    kind: str
    name: str
    namespace: str | None
    path: str
    line: int
    optional: bool = False
    detail: str = ""  # e.g. the URL a service reference was inferred from


@dataclass(frozen=True, eq=False)
class K8sObject:
    """One Kubernetes object as Flux would apply it in one cluster (or not at all)."""

    api_version: str
    kind: str
    name: str
    namespace: str | None
    path: str
    line: int
    body: Mapping[str, Any]
    cluster: str | None = None
    deployed: bool = False
    applied_by: str | None = None  # id of the Flux Kustomization that applies it
    patched_by: tuple[str, ...] = ()
    generated: bool = False  # made by a kustomize generator, not written as YAML
    index: int = 0  # the document's index in its file
    patches: tuple[Any, ...] = ()  # the kustomize/Flux patches applied to it, in order
    changes: tuple[str, ...] = ()  # every build step that changed it, "what (file:line)"
    written_name: str | None = None  # the name before Flux's postBuild substitution
    unknown_vars: tuple[str, ...] = ()  # substitution variables whose value is unknown

    @property
    def id(self) -> str:
        return object_id(self.kind, self.namespace, self.name)

    @property
    def key(self) -> str:
        """Unique across clusters: ``cluster:Kind/namespace/name`` (see ObjectKey)."""
        return ObjectKey.in_cluster(self.cluster, self.id)

    @property
    def applier_key(self) -> str | None:
        """Key of the Flux Kustomization that applies this object, if any."""
        return ObjectKey.in_cluster(self.cluster, self.applied_by) if self.applied_by else None

    @property
    def description(self) -> str | None:
        meta = self.body.get("metadata")
        annotations = meta.get("annotations") if isinstance(meta, Mapping) else None
        if isinstance(annotations, Mapping):
            value = annotations.get(DESCRIPTION_ANNOTATION)
            if isinstance(value, str) and value.strip():
                return value.strip()
        return None

    @property
    def spec(self) -> Mapping[str, Any]:
        spec = self.body.get("spec")
        return spec if isinstance(spec, Mapping) else {}

    @property
    def is_flux(self) -> bool:
        return is_flux_kind(self.api_version, self.kind)

    @property
    def is_component(self) -> bool:
        """Objects that get a page of their own on the site."""
        if self.kind == "HelmRelease" and self.is_flux:
            return True
        if self.kind == "Kustomization" and self.is_flux:
            return True
        return self.kind in WORKLOAD_KINDS or (
            self.description is not None
            and self.kind not in {"Namespace"}
            and self.kind not in SOURCE_KINDS
        )


class EdgeStatus(StrEnum):
    """Whether an edge's target exists, and where it comes from when not from Git."""

    FOUND = "found"  # an object of this repository (or one an operator makes from it)
    MISSING = "missing"  # nowhere: a dangling reference
    BOOTSTRAP = "bootstrap"  # made by `flux bootstrap` (the flux-system Secret)
    EXTERNAL = "external"  # created out of band, listed under `external` in the policy
    BUILT_IN = "built-in"  # a namespace every cluster has (default, kube-system...)


@dataclass(frozen=True)
class Edge:
    source: str  # key of the object the reference is written in
    target: str  # key of the target object, or a synthetic key when dangling
    type: str
    inferred: bool = False
    status: EdgeStatus = EdgeStatus.FOUND
    ref: Reference | None = None  # what the edge was made from (None for applied-by)

    @property
    def resolved(self) -> bool:
        return self.status is not EdgeStatus.MISSING


@dataclass(frozen=True)
class Directory:
    path: str  # repo-relative, "" for the root
    readme: str | None  # README.md text, if any
    readme_path: str | None
    cluster: str | None


@dataclass(frozen=True)
class Catalog:
    root: str  # absolute path of the repository root
    clusters: tuple[str, ...]
    objects: tuple[K8sObject, ...]
    charts: Mapping[str, Chart]  # by object key, for HelmReleases
    edges: tuple[Edge, ...]  # one per reference (Edge.ref), plus applied-by edges
    directories: tuple[Directory, ...]
    problems: tuple[Problem, ...]
    external: tuple[tuple[str, int, str], ...] = ()  # (path, line, url) of remote resources
    cluster_roots: Mapping[str, str] = field(default_factory=dict)  # cluster -> root dir
    cluster_scoped: frozenset[str] = frozenset()
    # Keys of objects that exist without being written in Git (bootstrap, policy "external").
    implicit: Mapping[str, EdgeStatus] = field(default_factory=dict)
    # The typed view of every Flux HelmRelease, by object key (its chart is charts[key]).
    releases: Mapping[str, HelmRelease] = field(default_factory=dict)
    # The typed view of every Flux Kustomization, by object key.
    kustomizations: Mapping[str, FluxKustomization] = field(default_factory=dict)
    # The files this catalog was built from, read once (rules and pages read them here).
    store: DocumentStore | None = field(default=None, compare=False, repr=False)

    @property
    def documents(self) -> DocumentStore:
        if self.store is None:
            from .documents import DocumentStore

            object.__setattr__(self, "store", DocumentStore(Path(self.root)))
        assert self.store is not None
        return self.store

    def by_key(self) -> dict[str, K8sObject]:
        return {o.key: o for o in self.objects}

    def components(self) -> list[K8sObject]:
        return [o for o in self.objects if o.is_component]

    def in_cluster(self, cluster: str | None) -> list[K8sObject]:
        return [o for o in self.objects if o.cluster == cluster]


def sort_objects(objects: Iterable[K8sObject]) -> list[K8sObject]:
    return sorted(
        objects,
        key=lambda o: (o.cluster or "\uffff", o.namespace or "", o.kind, o.name, o.path, o.line),
    )

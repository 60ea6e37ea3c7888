"""Where kustomize's built-in transformers write, after its ``builtinpluginconsts``.

A field spec is ``(group, kind, path, create)``; ``kind`` None matches every kind, ``group``
None every group; ``path`` is slash-separated, ``[]`` stepping into every list item.
"""

from __future__ import annotations

FieldSpec = tuple[str | None, str | None, str, bool]

_WORKLOADS = (("apps", "Deployment"), ("apps", "ReplicaSet"), ("apps", "DaemonSet"),
              ("apps", "StatefulSet"), ("batch", "Job"), ("", "ReplicationController"))

_AFFINITY = [
    f"spec/template/spec/affinity/{kind}/{mode}/{term}labelSelector/matchLabels"
    for kind in ("podAffinity", "podAntiAffinity")
    for mode, term in (("preferredDuringSchedulingIgnoredDuringExecution", "podAffinityTerm/"),
                       ("requiredDuringSchedulingIgnoredDuringExecution", ""))
]

COMMON_LABELS: list[FieldSpec] = [
    (None, None, "metadata/labels", True),
    ("", "Service", "spec/selector", True),
    ("", "ReplicationController", "spec/selector", True),
    ("", "ReplicationController", "spec/template/metadata/labels", True),
    (None, "Deployment", "spec/selector/matchLabels", True),
    (None, "Deployment", "spec/template/metadata/labels", True),
    *[("apps", "Deployment", p, False) for p in _AFFINITY],
    (None, "ReplicaSet", "spec/selector/matchLabels", True),
    (None, "ReplicaSet", "spec/template/metadata/labels", True),
    (None, "DaemonSet", "spec/selector/matchLabels", True),
    (None, "DaemonSet", "spec/template/metadata/labels", True),
    ("apps", "StatefulSet", "spec/selector/matchLabels", True),
    ("apps", "StatefulSet", "spec/template/metadata/labels", True),
    *[("apps", "StatefulSet", p, False) for p in _AFFINITY],
    ("apps", "StatefulSet", "spec/volumeClaimTemplates[]/metadata/labels", True),
    ("batch", "Job", "spec/selector/matchLabels", False),
    ("batch", "Job", "spec/template/metadata/labels", True),
    ("batch", "CronJob", "spec/jobTemplate/spec/selector/matchLabels", False),
    ("batch", "CronJob", "spec/jobTemplate/metadata/labels", True),
    ("batch", "CronJob", "spec/jobTemplate/spec/template/metadata/labels", True),
    ("policy", "PodDisruptionBudget", "spec/selector/matchLabels", False),
    ("networking.k8s.io", "NetworkPolicy", "spec/podSelector/matchLabels", False),
    ("networking.k8s.io", "NetworkPolicy",
     "spec/ingress/from/podSelector/matchLabels", False),
    ("networking.k8s.io", "NetworkPolicy", "spec/egress/to/podSelector/matchLabels", False),
]

# `labels:` with includeTemplates (and without includeSelectors): metadata and pod templates.
TEMPLATE_LABELS: list[FieldSpec] = [
    (None, None, "metadata/labels", True),
    *[(g, k, "spec/template/metadata/labels", True) for g, k in _WORKLOADS],
    ("batch", "CronJob", "spec/jobTemplate/metadata/labels", True),
    ("batch", "CronJob", "spec/jobTemplate/spec/template/metadata/labels", True),
]

METADATA_LABELS: list[FieldSpec] = [(None, None, "metadata/labels", True)]

COMMON_ANNOTATIONS: list[FieldSpec] = [
    (None, None, "metadata/annotations", True),
    *[(g, k, "spec/template/metadata/annotations", True) for g, k in _WORKLOADS],
    ("batch", "CronJob", "spec/jobTemplate/metadata/annotations", True),
    ("batch", "CronJob", "spec/jobTemplate/spec/template/metadata/annotations", True),
]

REPLICAS: list[FieldSpec] = [
    (None, "Deployment", "spec/replicas", True),
    (None, "ReplicationController", "spec/replicas", True),
    (None, "ReplicaSet", "spec/replicas", True),
    ("apps", "StatefulSet", "spec/replicas", True),
]

# Kinds kustomize (kyaml's built-in OpenAPI schema) knows to be cluster-scoped, as measured
# with `kubectl kustomize` (v5.5): every other kind, custom resources and newer built-in
# kinds (ValidatingAdmissionPolicy, FlowSchema, ...) included, gets the namespace.
CLUSTER_SCOPED = frozenset({
    "APIService", "CertificateSigningRequest", "ClusterRole", "ClusterRoleBinding",
    "ComponentStatus", "CSIDriver", "CSINode", "CustomResourceDefinition", "IngressClass",
    "MutatingWebhookConfiguration", "Namespace", "Node", "PersistentVolume",
    "PodSecurityPolicy", "PriorityClass", "RuntimeClass", "StorageClass",
    "ValidatingWebhookConfiguration", "VolumeAttachment",
})

# Built-in kinds the API server serves cluster-scoped although kustomize sets a namespace on
# them: the server ignores it, so the catalog shows them without one.
SERVER_CLUSTER_SCOPED = frozenset({
    "FlowSchema", "PriorityLevelConfiguration", "SelfSubjectAccessReview",
    "SelfSubjectRulesReview", "SubjectAccessReview", "TokenReview",
    "ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding",
    "MutatingAdmissionPolicy", "MutatingAdmissionPolicyBinding", "StorageVersionMigration",
    "IPAddress", "ServiceCIDR", "DeviceClass", "VolumeAttributesClass",
})

# Pod specs, where name references to ConfigMaps, Secrets and the like are written.
POD_SPEC_PATHS = {
    "Pod": ("spec",),
    "Deployment": ("spec", "template", "spec"),
    "ReplicaSet": ("spec", "template", "spec"),
    "DaemonSet": ("spec", "template", "spec"),
    "StatefulSet": ("spec", "template", "spec"),
    "Job": ("spec", "template", "spec"),
    "ReplicationController": ("spec", "template", "spec"),
    "CronJob": ("spec", "jobTemplate", "spec", "template", "spec"),
}


def applies(spec: FieldSpec, group: str, kind: str) -> bool:
    want_group, want_kind, _, _ = spec
    return (want_kind is None or want_kind == kind) and (
        want_group is None or want_group == group)

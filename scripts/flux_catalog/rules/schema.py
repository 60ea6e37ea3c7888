"""schema: custom resources validate against their CRD's ``openAPIV3Schema``, strictly.

CRDs come from the repository itself (``gotk-components.yaml`` of a bootstrapped cluster, or
any CustomResourceDefinition in scope), from ``crds`` in the policy and from ``--crds``.
Unknown fields are rejected as ``kubectl --validate=strict`` would: ``spec.chart.spec.vesion``
fails. A custom resource whose kind no CRD describes is not validated, and an info line says
so once per kind (the CRD can be added with ``--crds`` or the policy's ``crds``); an unknown
kind in a Flux API group is the api-version rule's error.

Passes::

    # clusters/c/app.yaml
    apiVersion: source.toolkit.fluxcd.io/v1
    kind: GitRepository
    metadata:
      name: app
      namespace: flux-system
    spec:
      interval: 1h
      url: https://github.com/example/app
      ref:
        branch: main

Fails::

    # clusters/c/app.yaml
    apiVersion: source.toolkit.fluxcd.io/v1
    kind: GitRepository
    metadata:
      name: app
      namespace: flux-system
    spec:
      interval: 1h
      url: https://github.com/example/app
      ref:
        branch: main
      intervall: 5m
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ..crds import SchemaUnusable, load_crd_schemas, validate_remembered
from ..model import ERROR, INFO
from ..positions import line_at
from .api_version import unknown_flux_kind
from .base import Finding, unique_docs

if TYPE_CHECKING:
    from .base import RuleContext

ID = "schema"
LEVEL = ERROR


def check(ctx: RuleContext) -> Iterator[Finding]:
    root = Path(ctx.catalog.root)
    sources = sorted(
        {
            root / o.path
            for o in ctx.catalog.objects
            if o.kind == "CustomResourceDefinition" and not o.generated
        }
    )
    sources += list(ctx.crds)
    for extra in ctx.policy.crds:
        path = (root / extra).resolve()
        if path.exists():
            sources.append(path)
        else:
            yield Finding(
                "pyproject.toml",
                1,
                f"CRD path '{extra}' in the policy does not exist",
                level="warning",
            )
    documents = ctx.catalog.documents
    schemas, errors = load_crd_schemas(sources, documents) if sources else ({}, [])
    for path, line, message in errors:
        try:
            shown = path.resolve().relative_to(root).as_posix()
        except ValueError:
            shown = str(path)
        yield Finding(shown, line, f"CRD not usable: {message}", level="warning")
    unusable: set[tuple[str, str]] = set()
    for obj in unique_docs(ctx.catalog):
        schema = schemas.get((obj.api_version, obj.kind))
        if schema is None:
            key = (obj.api_version, obj.kind)
            if _custom_resource(*key) and not unknown_flux_kind(*key):
                yield Finding(obj.path, obj.line, level=INFO, once=("no CRD", *key), message=
                              f"no CRD describes {obj.api_version} {obj.kind}, so objects of "
                              "this kind are not validated (add the CRD with --crds or the "
                              "policy's crds)")
            continue
        if (obj.api_version, obj.kind) in unusable:
            continue
        try:
            violations = validate_remembered(dict(obj.body), schema, documents.validators)
        except SchemaUnusable as exc:
            unusable.add((obj.api_version, obj.kind))
            yield Finding(
                obj.path,
                obj.line,
                f"the CRD schema of {obj.api_version} {obj.kind} cannot be used here "
                f"({str(exc)[:200]}); objects of this kind are not validated",
                level="warning",
            )
            continue
        for where, message in violations:
            line = line_at(obj.body, tuple(where), obj.line)
            dotted = ".".join(str(w) for w in where) or "(root)"
            if _extensible_kind(obj.kind, where):
                yield Finding(
                    obj.path,
                    line,
                    f"{obj.kind} '{obj.name}': {dotted}: not a kind the upstream CRD "
                    "lists; installations extend this list (the Flux Operator adds "
                    "FluxInstance and ResourceSet, other controllers their own "
                    "kinds), so the catalog cannot tell whether the cluster accepts "
                    "it",
                    level="info",
                )
                continue
            yield Finding(
                obj.path,
                line,
                f"{obj.kind} '{obj.name}': {dotted}: {message}",
            )


def _extensible_kind(kind: str, where: list[object] | tuple[object, ...]) -> bool:
    """Alert ``eventSources[].kind`` and Receiver ``resources[].kind``: enums that
    installations patch in the CRD (flux-operator, tofu-controller and others document it)."""
    path = [str(w) for w in where]
    return (len(path) == 4 and path[0] == "spec" and path[-1] == "kind"
            and ((kind == "Alert" and path[1] == "eventSources")
                 or (kind == "Receiver" and path[1] == "resources")))


# API groups the Kubernetes API server itself serves; any other group is a custom resource.
_BUILT_IN_GROUPS = frozenset({
    "", "apps", "batch", "autoscaling", "policy", "admissionregistration.k8s.io",
    "apiextensions.k8s.io", "apiregistration.k8s.io", "authentication.k8s.io",
    "authorization.k8s.io", "certificates.k8s.io", "coordination.k8s.io", "discovery.k8s.io",
    "events.k8s.io", "flowcontrol.apiserver.k8s.io", "internal.apiserver.k8s.io",
    "networking.k8s.io", "node.k8s.io", "rbac.authorization.k8s.io", "resource.k8s.io",
    "scheduling.k8s.io", "storage.k8s.io", "storagemigration.k8s.io",
})


def _custom_resource(api_version: str, kind: str) -> bool:
    group = api_version.rpartition("/")[0] if "/" in api_version else ""
    # kustomize's own files (kustomize.config.k8s.io) are never applied to a cluster.
    return bool(kind) and group not in _BUILT_IN_GROUPS and not group.endswith(
        "config.k8s.io")

"""schema: custom resources validate against their CRD's ``openAPIV3Schema``, strictly.

CRDs come from the repository itself (``gotk-components.yaml`` of a bootstrapped cluster, or
any CustomResourceDefinition in scope), from ``crds`` in the policy and from ``--crds``.
Unknown fields are rejected as ``kubectl --validate=strict`` would: ``spec.chart.spec.vesion``
fails; a kind whose apiVersion no CRD serves is left to the api-version rule.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ..crds import SchemaUnusable, load_crd_schemas, validate_object
from ..load import line_at
from ..model import ERROR, Problem

if TYPE_CHECKING:
    from . import Context

ID = "schema"
LEVEL = ERROR


def check(ctx: Context) -> Iterator[Problem]:
    from . import unique_docs

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
            yield Problem(
                "pyproject.toml",
                1,
                1,
                ID,
                "warning",
                f"CRD path '{extra}' in the policy does not exist",
            )
    if not sources:
        return
    schemas, errors = load_crd_schemas(sources)
    for path, line, message in errors:
        try:
            shown = path.resolve().relative_to(root).as_posix()
        except ValueError:
            shown = str(path)
        yield Problem(shown, line, 1, ID, "warning", f"CRD not usable: {message}")
    unusable: set[tuple[str, str]] = set()
    for obj in unique_docs(ctx.catalog):
        schema = schemas.get((obj.api_version, obj.kind))
        if schema is None:
            continue
        if (obj.api_version, obj.kind) in unusable:
            continue
        try:
            violations = validate_object(dict(obj.body), schema)
        except SchemaUnusable as exc:
            unusable.add((obj.api_version, obj.kind))
            yield Problem(obj.path, obj.line, 1, ID, "warning",
                          f"the CRD schema of {obj.api_version} {obj.kind} cannot be used here "
                          f"({str(exc)[:200]}); objects of this kind are not validated")
            continue
        for where, message in violations:
            line = line_at(obj.body, tuple(where), obj.line)
            dotted = ".".join(str(w) for w in where) or "(root)"
            if _extensible_kind(obj.kind, where):
                yield Problem(obj.path, line, 1, ID, "info",
                              f"{obj.kind} '{obj.name}': {dotted}: not a kind the upstream CRD "
                              "lists; installations extend this list (the Flux Operator adds "
                              "FluxInstance and ResourceSet, other controllers their own "
                              "kinds), so the catalog cannot tell whether the cluster accepts "
                              "it")
                continue
            yield Problem(
                obj.path, line, 1, ID, LEVEL, f"{obj.kind} '{obj.name}': {dotted}: {message}"
            )


def _extensible_kind(kind: str, where: list[object] | tuple[object, ...]) -> bool:
    """Alert ``eventSources[].kind`` and Receiver ``resources[].kind``: enums that
    installations patch in the CRD (flux-operator, tofu-controller and others document it)."""
    path = [str(w) for w in where]
    return (len(path) == 4 and path[0] == "spec" and path[-1] == "kind"
            and ((kind == "Alert" and path[1] == "eventSources")
                 or (kind == "Receiver" and path[1] == "resources")))

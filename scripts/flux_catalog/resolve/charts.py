"""What a HelmRelease installs: its chart, version, source and release, as typed views.

A mixin of the resolver (``resolve._Resolver``): it needs ``lookup`` (an object of the same
cluster by kind, namespace and name), ``documents`` (Chart.yaml files of charts kept in this
repository) and ``source_roots`` (the sources that are this repository).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..model import (
    GIT_SOURCES,
    Chart,
    HelmRelease,
    K8sObject,
    ObjectKey,
    SourceInfo,
    ValuesFrom,
    helm_release_name,
    object_id,
    scalar,
)
from ..positions import line_at

if TYPE_CHECKING:
    from ..documents import DocumentStore

# An exact version: major.minor.patch (pre-release and build allowed). Anything else is a
# range to Flux (Masterminds semver: "1.2" and "1.2.x" mean ~1.2, ">=1" and "*" are ranges).
EXACT_VERSION = re.compile(r"v?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?")


def exact(version: str) -> bool:
    return EXACT_VERSION.fullmatch(version.strip()) is not None
# The fields of a GitRepository's spec.ref in the order Flux gives them precedence
# (GitRepository CRD: commit over all, name over semver, tag and branch, semver over tag,
# tag over branch).
GIT_REF_PRECEDENCE = ("commit", "name", "semver", "tag", "branch")


def git_version(git_ref: tuple[str, str] | None) -> tuple[str | None, bool]:
    """The version cell of a chart from a Git source outside this repository, and whether
    the ref pins it: a commit, a tag, an exact semver or a ``refs/tags/`` name do; a branch,
    a semver range or another reference name follow whatever is pushed."""
    if git_ref is None:
        return None, False
    key, value = git_ref
    if key in ("commit", "tag"):
        return value, True
    if key == "semver":
        pinned = exact(value)
        return (value if pinned else f"semver {value}"), pinned
    if key == "name":
        return value, value.startswith("refs/tags/")
    return f"{key} {value}", False


class Charts:
    documents: DocumentStore
    source_roots: dict[str, str]

    if TYPE_CHECKING:
        def lookup(self, obj: K8sObject, kind: str, namespace: str | None, name: str
                   ) -> K8sObject | None: ...

    def release(self, obj: K8sObject) -> HelmRelease:
        spec = obj.spec
        name, default = helm_release_name(obj.name, spec)
        target = spec.get("targetNamespace")
        rows = []
        entries = spec.get("valuesFrom")
        for index, entry in enumerate(entries if isinstance(entries, list) else []):
            if not isinstance(entry, Mapping):
                continue
            kind, ref_name = scalar(entry.get("kind")), scalar(entry.get("name"))
            rows.append(ValuesFrom(
                kind, ref_name, str(ObjectKey.of(obj.cluster, str(kind), obj.namespace,
                                                 str(ref_name))),
                scalar(entry.get("valuesKey")) or None, scalar(entry.get("targetPath")),
                bool(entry.get("optional")),
                line_at(obj.body, ("spec", "valuesFrom", index), obj.line)))
        return HelmRelease(obj.key, self.chart(obj), name, default,
                           target if isinstance(target, str) and target else None, tuple(rows))

    def chart(self, obj: K8sObject) -> Chart:
        spec = obj.spec
        chart = spec.get("chart")
        chart_spec = chart.get("spec") if isinstance(chart, Mapping) else None
        if isinstance(chart_spec, Mapping):
            name = chart_spec.get("chart")
            version = chart_spec.get("version")
            version = str(version) if isinstance(version, str | int | float) else None
            source = self.source_info(obj, chart_spec.get("sourceRef"))
            local = self._chart_in_repository(source, name)
            if local is not None:
                # source-controller packages the chart at that path and uses its Chart.yaml
                # version; the HelmRelease's `version` does not apply to Git sources.
                chart_name, chart_version, chart_file = local
                return Chart(chart_name or (name if isinstance(name, str) else None),
                             chart_version, chart_version is not None, source, "chart",
                             chart_file)
            git_ref = None
            if source is not None and source.kind in GIT_SOURCES:
                # Flux ignores `version` for charts from GitRepository and Bucket sources
                # (HelmRelease CRD, spec.chart.spec.version): the chart is whatever the
                # source's artifact holds, so the Git ref is what pins it. A Bucket has no
                # ref: its objects change in place.
                if source.kind == "GitRepository":
                    git_ref = self._git_ref(obj, chart_spec.get("sourceRef"))
                version, pinned = git_version(git_ref)
            else:
                pinned = version is not None and exact(version)
            return Chart(name if isinstance(name, str) else None, version, pinned, source, "chart",
                         git_ref=git_ref)
        ref = spec.get("chartRef")
        if isinstance(ref, Mapping):
            source = self.source_info(obj, ref)
            target = self.lookup(
                obj,
                str(ref.get("kind")),
                source.namespace if source else None,
                str(ref.get("name")),
            )
            name = version = None
            pinned = False
            if target is not None and target.kind == "OCIRepository":
                url = target.spec.get("url")
                name = url.rstrip("/").rsplit("/", 1)[-1] if isinstance(url, str) else None
                oci_ref = target.spec.get("ref")
                if isinstance(oci_ref, Mapping):
                    for key in ("digest", "tag", "semver"):
                        if isinstance(oci_ref.get(key), str):
                            version = oci_ref[key]
                            pinned = key != "semver" or exact(version)
                            break
            git_ref = None
            if target is not None and target.kind == "HelmChart":
                name = target.spec.get("chart")
                version = target.spec.get("version")
                version = str(version) if version is not None else None
                pinned = version is not None and exact(version)
                inner = self.source_info(target, target.spec.get("sourceRef"))
                if inner is not None:
                    source = inner
                if inner is not None and inner.kind in GIT_SOURCES:
                    # HelmChart CRD: version is "ignored for charts from GitRepository and
                    # Bucket sources", as a HelmRelease's is.
                    if inner.kind == "GitRepository":
                        git_ref = self._git_ref(target, target.spec.get("sourceRef"))
                    version, pinned = git_version(git_ref)
            return Chart(
                name if isinstance(name, str) else None, version, pinned, source, "chartRef",
                git_ref=git_ref,
            )
        return Chart(None, None, False, None, "chart")

    def source_info(self, obj: K8sObject, ref: Any) -> SourceInfo | None:
        if not isinstance(ref, Mapping) or not isinstance(ref.get("name"), str):
            return None
        kind = str(ref.get("kind", ""))
        ns = ref.get("namespace") if isinstance(ref.get("namespace"), str) else obj.namespace
        target = self.lookup(obj, kind, ns, ref["name"])
        url = None
        if target is not None:
            spec = target.spec
            if isinstance(spec.get("url"), str):
                url = spec["url"]
            elif isinstance(spec.get("endpoint"), str):
                url = f"{spec['endpoint']}/{spec.get('bucketName', '')}"
        return SourceInfo(kind, ref["name"], ns, url, target.key if target else None)

    def _chart_in_repository(self, source: SourceInfo | None, path: Any
                             ) -> tuple[str | None, str | None, str] | None:
        """(name, version, Chart.yaml path) of a chart a source that is this repository
        holds at ``path``."""
        if source is None or source.kind not in ("GitRepository", "Bucket"):
            return None
        if not isinstance(path, str):
            return None
        base = self.source_roots.get(object_id(source.kind, source.namespace, source.name))
        # A source of another cluster is not this release's (roots are by id, not cluster):
        # only the one bootstrap makes needs no object in the release's cluster.
        if base is None or (source.id is None and (source.kind, source.namespace, source.name)
                            != ("GitRepository", "flux-system", "flux-system")):
            return None
        rel = os.path.normpath(os.path.join(base, path.lstrip("/"), "Chart.yaml"))
        if rel.startswith(".."):
            return None
        loaded = self.documents.load(rel)
        data = loaded.docs[0].data if loaded.docs else None
        if not isinstance(data, Mapping):
            return None
        name, version = data.get("name"), data.get("version")
        return (str(name) if name is not None else None,
                str(version) if version is not None else None, rel)

    def _git_ref(self, obj: K8sObject, ref: Any) -> tuple[str, str] | None:
        """The field of the GitRepository's ``spec.ref`` that Flux follows, and its value."""
        if not isinstance(ref, Mapping):
            return None
        target = self.lookup(
            obj, "GitRepository", ref.get("namespace") or obj.namespace, str(ref.get("name"))
        )
        git_ref = target.spec.get("ref") if target is not None else None
        if not isinstance(git_ref, Mapping):
            return None
        for key in GIT_REF_PRECEDENCE:
            value = git_ref.get(key)
            if isinstance(value, str) and value:  # source-controller skips empty fields
                return key, value
        return None

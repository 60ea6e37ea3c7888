"""A HelmRelease's chart on its page: where the version comes from, and the chart's own docs.

For a chart from a GitRepository or a Bucket, source-controller packages the chart directory
and the version is the one in its ``Chart.yaml``; ``spec.chart.spec.version`` is ignored
("Version semver expression, ignored for charts from v1.GitRepository and v1beta2.Bucket
sources", the HelmRelease CRD). Upstream links come from that ``Chart.yaml`` (``home``,
``sources``) when the chart is in this repository; for a chart published elsewhere the page
links a search on Artifact Hub (its package pages are named after the Artifact Hub
repository, which cannot be known offline from a Helm repository's URL).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlsplit

from ..model import GIT_SOURCES, Chart, K8sObject
from ..secrets import redact_text
from .escape import md_inline
from .i18n import t
from .markdown import inline_code

GIT_KINDS = GIT_SOURCES
ARTIFACT_HUB_SEARCH = "https://artifacthub.io/packages/search?kind=0&ts_query_web="
MAX_LINKS = 4

if TYPE_CHECKING:
    from ..documents import DocumentStore


def git_chart_version(obj: K8sObject, chart: Chart) -> str | None:
    """The version cell for a chart from a Git source outside this repository, else None."""
    source = chart.source
    if chart.chart_file is not None or source is None or source.kind not in GIT_KINDS:
        return None
    spec = obj.spec.get("chart")
    spec = spec.get("spec") if isinstance(spec, Mapping) else None
    written = spec.get("version") if isinstance(spec, Mapping) else None
    where = md_inline(f"{source.kind} {source.name}")
    ref = _git_ref_text(chart.git_ref)
    text = t("з Chart.yaml чарта в {where}{ref}: Flux бере версію звідти, а цього файлу "
             "каталог не бачить, бо він в іншому репозиторії",
             where=where, ref=f" ({ref})" if ref else "")
    if isinstance(written, str | int | float) and str(written) not in ("", "*"):
        text += t("; записане в HelmRelease {version} Flux для Git-джерел ігнорує",
                  version=inline_code(redact_text(str(written))))
    return text


def _git_ref_text(git_ref: tuple[str, str] | None) -> str | None:
    if git_ref is None or not git_ref[1]:
        return None
    key, value = git_ref
    label = {"commit": t("коміт"), "tag": t("тег"), "semver": t("semver"),
             "name": t("посилання"), "branch": t("гілка")}[key]
    return f"{label} {inline_code(redact_text(value))}"


def chart_links(documents: DocumentStore, chart: Chart) -> str | None:
    """Links to the chart's home page and sources, or a search for it on Artifact Hub."""
    if chart.chart_file is not None:
        meta = _chart_yaml(documents, chart.chart_file)
        urls = []
        for value in (meta.get("home"), *(meta.get("sources") or [])[:MAX_LINKS]):
            url = _safe_url(value)
            if url is not None and url not in urls:
                urls.append(url)
        if urls:
            return ", ".join(f"[{inline_code(_short(u))}]({u})" for u in urls)
        return None
    source = chart.source
    if chart.name and source is not None and source.kind in ("HelmRepository",
                                                             "OCIRepository"):
        url = ARTIFACT_HUB_SEARCH + quote(chart.name, safe="")
        return t("[пошук «{chart}» на Artifact Hub]({url})", chart=md_inline(chart.name),
                 url=url)
    return None


def _chart_yaml(documents: DocumentStore, path: str) -> Mapping[str, Any]:
    loaded = documents.load(path)  # the build read it already (resolve's chart version)
    data = loaded.docs[0].data if loaded.docs and not loaded.problems else None
    if not isinstance(data, Mapping):
        return {}
    sources = data.get("sources")
    return {"home": data.get("home"),
            "sources": [s for s in sources if isinstance(s, str)]
            if isinstance(sources, list) else []}


def _safe_url(value: Any) -> str | None:
    """An http(s) URL fit for a Markdown link target, or None."""
    if not isinstance(value, str) or redact_text(value) != value:
        return None
    text = value.strip()
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.username:
        return None
    return quote(text, safe=":/?#[]@!$&'*+,;=%~")


def _short(url: str) -> str:
    parts = urlsplit(url)
    return (parts.netloc + parts.path).rstrip("/")

"""The real site: ``mkdocs build --strict`` of this repository, drift, determinism and serve.

Slow (each build takes about a second and a half): select with ``-m slow``, skip with
``-m "not slow"``.
"""

from __future__ import annotations

import filecmp
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from flux_catalog.render import plan_pages
from flux_catalog.render.layout import page_url
from flux_catalog.resolve import build_catalog
from flux_catalog.rules import run

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
CLUSTER = "clusters/p72-flux"
NS = "clusters/p72-flux/namespaces"
COMPONENT_PAGES = [
    f"{NS}/kbot-demo/helmrelease/kbot/",
    f"{NS}/monitoring/helmrelease/cert-manager/",
    f"{NS}/monitoring/helmrelease/fluent-bit/",
    f"{NS}/monitoring/helmrelease/grafana/",
    f"{NS}/monitoring/helmrelease/loki/",
    f"{NS}/monitoring/helmrelease/opentelemetry-operator/",
    f"{NS}/monitoring/helmrelease/prometheus/",
    f"{NS}/monitoring/opentelemetrycollector/opentelemetry-sidecar/",
    f"{NS}/monitoring/instrumentation/opentelemetry-instrumentation/",
    f"{NS}/flux-system/kustomization/flux-system/",
    f"{NS}/flux-system/kustomization/kbot-demo/",
    f"{NS}/flux-system/kustomization/monitoring/",
    f"{NS}/flux-system/kustomization/monitoring-otel-collectors/",
]
SECTION_PAGES = [
    "sections/clusters/p72-flux/flux-system/",
    "sections/clusters/p72-flux/kbot-demo/",
    "sections/clusters/p72-flux/monitoring/",
]
# What a copy of the repository needs to build: the plugin comes from the installed package
# (scripts/ only because mkdocs.yml watches it).
COPIED = ("clusters", "docs", "scripts", "mkdocs.yml", "pyproject.toml")


def _env() -> dict[str, str]:
    env = dict(os.environ, DISABLE_MKDOCS_2_WARNING="true", NO_MKDOCS_2_WARNING="1")
    env.pop("PYTHONPATH", None)  # the plugin is found through its entry point
    return env


def build(root: Path, dest: Path, strict: bool = True, check: bool = True,
          args: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "mkdocs", "build", "-f", str(root / "mkdocs.yml"),
           "-d", str(dest), *(["--strict"] if strict else []), *args]
    result = subprocess.run(cmd, cwd=root, env=_env(), capture_output=True, text=True,
                            timeout=300)
    if check:
        assert result.returncode == 0, result.stdout + result.stderr
    return result


def copy_repo(dest: Path) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, dest / name,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        elif source.is_file():
            shutil.copy2(source, dest / name)
    return dest


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text("utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    site = tmp_path_factory.mktemp("site") / "site"
    result = build(ROOT, site)
    return site, result.stderr


def test_strict_build_makes_every_page(built: tuple[Path, str]) -> None:
    site, log = built
    for url in [*COMPONENT_PAGES, *SECTION_PAGES, f"{CLUSTER}/", "inventory/", "problems/",
                "", "how-to-document/", "conventions/"]:
        assert (site / url / "index.html").is_file(), url
    assert "flux-catalog:" in log
    assert not (site / "SUMMARY").exists()


def test_every_component_of_the_catalog_has_a_page(built: tuple[Path, str]) -> None:
    site, _ = built
    catalog, policy = build_catalog(ROOT, None)
    plan = plan_pages(catalog, run(catalog, policy))
    components = [o for o in catalog.components() if o.cluster == "p72-flux"]
    assert len(components) >= len(COMPONENT_PAGES)
    for obj in components:
        url = page_url(plan.context.links[obj.key])
        assert (site / url / "index.html").is_file(), obj.key


def test_inventory_json_has_page_urls(built: tuple[Path, str]) -> None:
    site, _ = built
    rows = json.loads((site / "inventory.json").read_text("utf-8"))
    by_id = {row["id"]: row for row in rows}
    grafana = by_id["HelmRelease/monitoring/grafana"]
    assert grafana["page"] == f"{NS}/monitoring/helmrelease/grafana/"
    assert grafana["version"] and grafana["chart"] == "grafana"
    for row in rows:
        if row["page"] is not None:
            assert (site / row["page"] / "index.html").is_file(), row["page"]
    assert (site / "inventory.csv").read_text("utf-8").startswith("id,cluster,kind,")


def test_component_page_content(built: tuple[Path, str]) -> None:
    site, _ = built
    html = page(site, f"{NS}/monitoring/helmrelease/grafana/")
    assert ('href="https://github.com/YuriiKosiy/p72-flux/edit/main/'
            'clusters/p72-flux/monitoring/grafana/release.yaml"') in html
    assert '<pre class="mermaid"><code>graph LR' in html
    assert "вебінтерфейс для дашбордів" in html
    assert "existingSecret" in html
    assert 'data-md-component="source"' not in html  # no call to api.github.com
    # The values keep their YAML comments and fill the documented-values table (a regression:
    # the fast loader drops comments, so pages must read their document with comments).
    kbot = page(site, f"{NS}/kbot-demo/helmrelease/kbot/")
    assert "# -- Реєстр, куди CI застосунку публікує образи kbot." in kbot
    assert "Жодне значення не задокументовано" not in kbot


def test_assets_are_local(built: tuple[Path, str]) -> None:
    site, _ = built
    html = page(site, "")
    scripts = re.findall(r'<script src="([^"]+)"', html)
    assert scripts.index("flux-catalog/mermaid.min.js") < scripts.index(
        "flux-catalog/tablesort-init.js")
    assert all(not s.startswith(("http:", "https:", "//")) for s in scripts), scripts
    assert "fonts.googleapis" not in html
    assert (site / "flux-catalog/mermaid.min.js").stat().st_size > 100_000


def test_two_builds_are_identical(built: tuple[Path, str], tmp_path: Path) -> None:
    first, _ = built
    second = tmp_path / "again"
    build(ROOT, second)
    mismatched: list[str] = []
    for path in sorted(first.rglob("*")):
        rel = path.relative_to(first)
        if path.is_dir() or rel.name.startswith("sitemap.xml"):
            continue
        other = second / rel
        if not other.is_file() or not filecmp.cmp(path, other, shallow=False):
            mismatched.append(str(rel))
    assert not mismatched
    assert sorted(p.relative_to(second) for p in second.rglob("*")) == \
        sorted(p.relative_to(first) for p in first.rglob("*"))


def test_site_follows_the_manifests(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    release = repo / "clusters/p72-flux/monitoring/grafana/release.yaml"
    text = release.read_text("utf-8")
    version = re.search(r'version: "([0-9.]+)"', text)
    assert version is not None
    text = text.replace(f'version: "{version.group(1)}"', 'version: "99.1.0"', 1)
    text = text.replace("Grafana: вебінтерфейс", "Grafana: оновлений опис для перевірки", 1)
    release.write_text(text, "utf-8")
    site = tmp_path / "site"
    build(repo, site)
    html = page(site, f"{NS}/monitoring/helmrelease/grafana/")
    assert "99.1.0" in html
    assert "оновлений опис для перевірки" in html
    assert "вебінтерфейс для дашбордів" not in html
    inventory = json.loads((site / "inventory.json").read_text("utf-8"))
    grafana = next(r for r in inventory if r["id"] == "HelmRelease/monitoring/grafana")
    assert grafana["version"] == "99.1.0"

    # Remove a component: its YAML and its line in kustomization.yaml.
    kbot = f"{NS}/kbot-demo/helmrelease/kbot/"
    assert (site / kbot / "index.html").is_file()
    (repo / "clusters/p72-flux/kbot-demo/release.yaml").unlink()
    kustomization = repo / "clusters/p72-flux/kbot-demo/kustomization.yaml"
    kustomization.write_text(re.sub(r"(?m)^\s*- release\.yaml\n", "",
                                    kustomization.read_text("utf-8")), "utf-8")
    site2 = tmp_path / "site2"
    build(repo, site2, strict=False)
    assert not (site2 / kbot).exists()
    inventory = json.loads((site2 / "inventory.json").read_text("utf-8"))
    assert all(r["id"] != "HelmRelease/kbot-demo/kbot" for r in inventory)


def test_problems_fail_the_strict_build(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    release = repo / "clusters/p72-flux/monitoring/loki/release.yaml"
    text = release.read_text("utf-8")
    start = text.index("  annotations:\n")
    end = text.index("spec:\n")
    release.write_text(text[:start] + text[end:], "utf-8")
    strict = build(repo, tmp_path / "strict", check=False)
    assert strict.returncode != 0
    assert re.search(r"WARNING\s+-\s+clusters/p72-flux/monitoring/loki/release\.yaml:\d+:\d+: "
                     r"\[error\] .*\(description-missing\)", strict.stderr), strict.stderr
    # Quiet mode drops warnings before MkDocs counts them: the plugin fails the build itself.
    quiet = build(repo, tmp_path / "quiet", check=False, args=("-q",))
    assert quiet.returncode != 0, quiet.stderr
    assert "problems fail the strict build" in quiet.stderr
    assert "loki/release.yaml" in quiet.stderr and "(description-missing)" in quiet.stderr
    site = tmp_path / "site"
    build(repo, site, strict=False)
    html = page(site, f"{NS}/monitoring/helmrelease/loki/")
    assert "Компонент не задокументовано" in html
    problems = page(site, "problems/")
    assert "description-missing" in problems
    # The log speaks English (as flux-catalog check does); the Ukrainian site, Ukrainian.
    assert "HelmRelease «loki» не має анотації" in problems


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _wait_for(url: str, text: str, deadline: float) -> str | None:
    while time.monotonic() < deadline:
        body = _fetch(url)
        if body is not None and text in body:
            return body
        time.sleep(0.5)
    return None


def test_serve_regenerates_after_a_manifest_edit(tmp_path: Path) -> None:
    repo = copy_repo(tmp_path / "repo")
    port = _free_port()
    url = f"http://127.0.0.1:{port}/{NS}/monitoring/helmrelease/loki/"
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}",
         "-f", str(repo / "mkdocs.yml")],
        cwd=repo, env=_env(), stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        assert _wait_for(url, "<h1", deadline) is not None, "mkdocs serve did not start"
        release = repo / "clusters/p72-flux/monitoring/loki/release.yaml"
        marker = "Позначка перевірки serve"
        text = release.read_text("utf-8")
        release.write_text(text.replace("kubernetes.io/description: >-\n",
                                        f"kubernetes.io/description: >-\n      {marker}.\n", 1),
                           "utf-8")
        assert marker in release.read_text("utf-8")
        assert _wait_for(url, marker, deadline) is not None, "page not regenerated in 60 s"
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()

"""Re-checking only what an edit reaches (flux_catalog.cache.units): after any edit, a cached
``check`` prints exactly what an uncached one prints, and rebuilds only the clusters that read
an edited file when nothing structural changed."""

from __future__ import annotations

import importlib.util
import io
import json
import shutil
import sys
from collections.abc import Iterator
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from types import ModuleType

import pytest

from flux_catalog.cache import units
from flux_catalog.cli import main as cli_main

from .repos import gotk_sync, write_repo

BENCH = Path(__file__).parent / "bench"


def _fleet_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_fleet_units", BENCH / "fleet.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


class Runs:
    """``check`` in this process, with or without the cache, counting what it rebuilt."""

    def __init__(self, repo: Path, store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.repo, self.store, self.monkeypatch = repo, store, monkeypatch
        self.walked: list[str] = []
        self.discovered = 0
        walk_cluster, discover = units.walk_cluster, units.discover

        def counting_walk(fs, found, name, item):  # type: ignore[no-untyped-def]
            self.walked.append(name)
            return walk_cluster(fs, found, name, item)

        def counting_discover(*args):  # type: ignore[no-untyped-def]
            self.discovered += 1
            return discover(*args)

        monkeypatch.setattr(units, "walk_cluster", counting_walk)
        monkeypatch.setattr(units, "discover", counting_discover)
        monkeypatch.chdir(repo)
        monkeypatch.setenv("NO_COLOR", "1")

    def check(self, cached: bool, *args: str) -> tuple[int, str, str]:
        self.monkeypatch.setenv("FLUX_CATALOG_CACHE_DIR", str(self.store) if cached else "off")
        out, err = io.StringIO(), io.StringIO()
        with redirect_stdout(out), redirect_stderr(err):
            code = cli_main(["check", "--repo-root", str(self.repo), *args])
        return code, out.getvalue(), err.getvalue()

    def same_as_uncached(self) -> tuple[list[str], int]:
        """Check cached, then uncached (in text and JSON); both must print the same. Returns
        the clusters the cached run walked and whether it discovered (a full check)."""
        self.walked, self.discovered = [], 0
        cached = self.check(True)
        walked, discovered = sorted(self.walked), self.discovered
        assert cached == self.check(False)
        assert self.check(True, "--format", "json") == self.check(False, "--format", "json")
        return walked, discovered


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), "utf-8")


@pytest.fixture
def fleet(tmp_path: Path) -> Iterator[Path]:
    repo = tmp_path / "fleet"
    _fleet_module().generate(repo, 3, 4, seed=1)
    yield repo


def _release(repo: Path, cluster_index: int) -> Path:
    clusters = sorted(p.name for p in (repo / "clusters").iterdir() if p.is_dir())
    return sorted((repo / "clusters" / clusters[cluster_index]).glob("apps/*/*/release.yaml"))[0]


def test_an_edit_rebuilds_only_the_cluster_that_reads_it(
        fleet: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    runs = Runs(fleet, tmp_path / "cache", monkeypatch)
    walked, discovered = runs.same_as_uncached()  # cold: fills the cache
    assert len(walked) == 3 and discovered == 1
    release = _release(fleet, 1)
    cluster = release.relative_to(fleet / "clusters").parts[0]
    _edit(release, "  interval: ", "  bogus: true\n  interval: ")
    walked, discovered = runs.same_as_uncached()
    assert (walked, discovered) == ([cluster], 0)
    assert "bogus" in runs.check(True)[1]  # the problem the edit made is reported
    _edit(release, "  bogus: true\n", "")  # and gone once the edit is undone
    assert runs.same_as_uncached() == ([cluster], 0)
    assert runs.check(True)[1] == ""
    # a description: the description rule and the page text, the same cluster only
    text = release.read_text("utf-8")
    start = text.index("kubernetes.io/description:")
    release.write_text(text[:start] + "kubernetes.io/description-x:" +
                       text[start + len("kubernetes.io/description:"):], "utf-8")
    assert runs.same_as_uncached() == ([cluster], 0)
    assert "description" in runs.check(True)[1]


def test_what_can_move_clusters_or_sources_checks_everything(
        fleet: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    runs = Runs(fleet, tmp_path / "cache", monkeypatch)
    runs.same_as_uncached()
    cluster_dir = sorted(p for p in (fleet / "clusters").iterdir() if p.is_dir())[0]
    # a Flux Kustomization (what discovery reads), a kustomization, a file added, removed
    _edit(cluster_dir / "apps.yaml", "interval: ", "interval: 2")
    assert runs.same_as_uncached()[1] == 1
    kustomization = next(cluster_dir.glob("apps/*/*/kustomization.yaml"))
    _edit(kustomization, "resources:\n", "resources:\n  - missing.yaml\n")
    assert runs.same_as_uncached()[1] == 1
    assert "missing.yaml" in runs.check(True)[1]
    extra = kustomization.parent / "extra.yaml"
    extra.write_text("a: [\n", "utf-8")
    assert runs.same_as_uncached()[1] == 1
    extra.unlink()
    assert runs.same_as_uncached()[1] == 1
    # the policy
    _edit(fleet / "pyproject.toml", 'readme = "error"', 'readme = "warning"')
    assert runs.same_as_uncached()[1] == 1
    # a file no cluster reads and discovery does not parse: nothing is rebuilt
    (fleet / "NOTES.md").write_text("notes\n", "utf-8")
    runs.same_as_uncached()
    _edit(fleet / "NOTES.md", "notes", "more notes")
    assert runs.same_as_uncached() == ([], 0)


SHARED_BASE = {
    "apps/base/web/kustomization.yaml": "resources: [release.yaml]\n",
    "apps/base/web/README.md": "# web\n\nСпільна база застосунку web.\n",
    "apps/base/web/release.yaml": """\
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: web
  namespace: web
  annotations:
    kubernetes.io/description: Вебзастосунок.
spec:
  interval: 1h
  chart:
    spec:
      chart: web
      version: "1.0.0"
      sourceRef: {kind: HelmRepository, name: web}
  values:
    replicas: 1
""",
}


def _overlay(cluster: str, patch: str) -> dict[str, str]:
    return {
        f"clusters/{cluster}/flux-system/gotk-sync.yaml": gotk_sync(cluster),
        f"clusters/{cluster}/README.md": f"# {cluster}\n\nКластер {cluster}.\n",
        f"clusters/{cluster}/apps.yaml": f"""\
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata:
  name: apps
  namespace: flux-system
  annotations:
    kubernetes.io/description: Застосунки кластера {cluster}.
spec:
  interval: 10m
  path: ./apps/{cluster}
  prune: true
  sourceRef: {{kind: GitRepository, name: flux-system}}
""",
        f"apps/{cluster}/kustomization.yaml":
            "resources: [../base/web]\npatches:\n  - path: patch.yaml\n",
        f"apps/{cluster}/README.md": f"# {cluster}\n\nЗастосунки {cluster}.\n",
        f"apps/{cluster}/patch.yaml": patch,
    }


def _patch(replicas: str) -> str:
    return ("apiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n"
            f"  name: web\n  namespace: web\nspec:\n  values:\n    replicas: {replicas}\n")


@pytest.fixture
def shared(tmp_path: Path) -> Path:
    repo = tmp_path / "shared"
    write_repo(repo, {"pyproject.toml": '[tool.flux-catalog]\npaths = ["clusters", "apps"]\n',
                      **SHARED_BASE, **_overlay("staging", _patch("1")),
                      **_overlay("production", _patch("3"))})
    return repo


def test_a_shared_base_rebuilds_every_cluster_that_builds_it(
        shared: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    runs = Runs(shared, tmp_path / "cache", monkeypatch)
    assert runs.same_as_uncached() == (["production", "staging"], 1)
    _edit(shared / "apps/base/web/release.yaml", 'version: "1.0.0"', 'version: ">=1.0.0"')
    assert runs.same_as_uncached() == (["production", "staging"], 0)
    # a patch one cluster reads: broken YAML, then a value the schema rejects, then fixed
    patch = shared / "apps/staging/patch.yaml"
    _edit(patch, "replicas: 1", "replicas: [1")
    assert runs.same_as_uncached() == (["staging"], 0)
    assert "yaml-syntax" in runs.check(True)[1]
    _edit(patch, "replicas: [1", "replicas: 1\n  chart: 7")
    assert runs.same_as_uncached() == (["staging"], 0)
    _edit(patch, "\n  chart: 7", "")
    assert runs.same_as_uncached() == (["staging"], 0)
    # a README of a directory that holds objects (both clusters' pages read it), and one of
    # a directory without any, which nothing reads
    (shared / "apps/base/web/README.md").write_text("", "utf-8")
    assert runs.same_as_uncached() == (["production", "staging"], 0)
    (shared / "apps/production/README.md").write_text("", "utf-8")
    assert runs.same_as_uncached() == ([], 0)
    shutil.rmtree(tmp_path / "cache")  # a lost cache is a full check
    assert runs.same_as_uncached()[1] == 1


def test_objects_no_cluster_applies_make_every_recheck_full(
        shared: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (shared / "apps/stray.yaml").write_text(
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: stray\n  namespace: web\n",
        "utf-8")
    runs = Runs(shared, tmp_path / "cache", monkeypatch)
    runs.same_as_uncached()
    assert "not-deployed" in runs.check(True)[1]
    _edit(shared / "apps/staging/patch.yaml", "replicas: 1", "replicas: 2")
    assert runs.same_as_uncached()[1] == 1
    stored = json.loads(next((tmp_path / "cache").glob("check-*.json")).read_text("utf-8"))
    assert stored["state"] is None


def _same_catalog(a: object, b: object) -> bool:
    """Catalogs equal field by field (patches compared by what they are: they have no ==)."""
    import dataclasses

    def norm(obj: object) -> dict[str, object]:
        fields = {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)}  # type: ignore[arg-type]
        fields["patches"] = tuple((p.source, p.line, repr(p.body)) for p in fields["patches"])
        return fields

    for field in dataclasses.fields(a):  # type: ignore[arg-type]
        if field.name == "store":
            continue
        left, right = getattr(a, field.name), getattr(b, field.name)
        if field.name == "objects":
            left, right = [norm(o) for o in left], [norm(o) for o in right]
        if left != right:
            return False
    return True


def test_a_serve_session_rebuilds_the_clusters_an_edit_reaches(shared: Path) -> None:
    from flux_catalog.cache.session import CatalogSession
    from flux_catalog.crd_data import bundled_crds
    from flux_catalog.policy import load_policy
    from flux_catalog.resolve import build_catalog
    from flux_catalog.rules import run

    session = CatalogSession(shared)

    def both() -> list[str] | None:
        policy, policy_problems = load_policy(shared)
        catalog, problems = session.build(None, policy, policy_problems, bundled_crds())
        whole, policy = build_catalog(shared)
        assert _same_catalog(catalog, whole)
        assert problems == run(whole, policy, bundled_crds())
        return session.rebuilt

    assert both() is None  # the first build builds everything
    assert both() == []
    _edit(shared / "apps/staging/patch.yaml", "replicas: 1", "replicas: 5")
    assert both() == ["staging"]
    _edit(shared / "apps/base/web/release.yaml", 'version: "1.0.0"', 'version: "2.0.0"')
    assert sorted(both() or ()) == ["production", "staging"]
    _edit(shared / "clusters/production/apps.yaml", "interval: 10m", "interval: 5m")
    assert both() is None  # a Flux Kustomization changed: everything again


def test_serve_pages_of_a_shared_base_after_edits_of_one_cluster(shared: Path) -> None:
    """The untouched cluster's pages are reused by identity, and still show what an edit of
    the other cluster changed in the files they share (their problems)."""
    from flux_catalog.cache.session import CatalogSession
    from flux_catalog.crd_data import bundled_crds
    from flux_catalog.policy import load_policy
    from flux_catalog.render import PageMemo, plan_pages

    session, memo = CatalogSession(shared), PageMemo()

    def plans() -> tuple[dict[str, str], dict[str, str]]:
        policy, policy_problems = load_policy(shared)
        catalog, problems = session.build(None, policy, policy_problems, bundled_crds())
        warm = plan_pages(catalog, problems, memo=memo)
        fresh = plan_pages(catalog, problems)
        return ({p.path: p.markdown for p in warm.pages},
                {p.path: p.markdown for p in fresh.pages})

    plans()
    patch = shared / "apps/staging/patch.yaml"
    for old, new in (("replicas: 1", "replicas: [1"), ("replicas: [1", "replicas: 1\n  chart: 7"),
                     ("\n  chart: 7", "")):
        _edit(patch, old, new)
        warm, fresh = plans()
        assert session.rebuilt == ["staging"] and memo.identical > 0
        assert warm == fresh

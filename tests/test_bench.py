"""The fleet generator and the benchmark (tests/bench/): deterministic, clean, and runnable.

No timing is asserted here: the benchmark reports ratios, it does not gate on them.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from flux_catalog.cli import main as cli_main
from flux_catalog.crd_data import bundled_crds
from flux_catalog.resolve import build_catalog
from flux_catalog.rules import run

BENCH = Path(__file__).resolve().parent / "bench"
PROJECT = BENCH.parents[1]


def _module(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCH / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


fleet = _module("fleet")


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_same_seed_writes_the_same_bytes(tmp_path: Path) -> None:
    fleet.generate(tmp_path / "a", 2, 12, seed=3)
    fleet.generate(tmp_path / "b", 2, 12, seed=3)
    fleet.generate(tmp_path / "c", 2, 12, seed=4)
    a, b, c = (_tree(tmp_path / n) for n in "abc")
    assert a == b
    assert a != c


def test_generate_refuses_a_non_empty_directory(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("mine")
    with pytest.raises(FileExistsError):
        fleet.generate(tmp_path, 1, 1)


def test_generated_fleet_is_clean_and_complete(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    made = fleet.generate(tmp_path, 3, 15, seed=1)
    assert made.releases == 45
    catalog, policy = build_catalog(tmp_path, None)
    problems = run(catalog, policy, bundled_crds())  # validated against the Flux CRDs too
    assert [p for p in problems if p.level == "error"] == []
    assert problems == [], "the generated fleet is meant to be spotless"

    assert cli_main(["inventory", "--format", "json", str(tmp_path / "clusters"),
                     "--repo-root", str(tmp_path)]) == 0
    rows = json.loads(capsys.readouterr().out)
    releases = [r for r in rows if r["kind"] == "HelmRelease"]
    assert len(releases) == 45
    assert all(r["deployed"] and r["documented"] for r in releases)
    assert {r["cluster"] for r in releases} == set(made.clusters)
    assert any(r["depends_on"] for r in releases)
    kinds = {r["kind"] for r in rows}
    assert {"OCIRepository", "HelmRepository", "Namespace", "Kustomization"} <= kinds


def test_generated_releases_look_real(tmp_path: Path) -> None:
    fleet.generate(tmp_path, 2, 30, seed=0)
    releases = sorted(tmp_path.rglob("release.yaml"))
    assert len(releases) == 60
    chart_refs = 0
    for path in releases:
        text = path.read_text("utf-8")
        lines = text.splitlines()
        values = lines[lines.index("  values:") + 1:]
        assert 40 <= len(values) <= 80, path
        assert any(line.strip().startswith("# --") for line in values)
        assert "kubernetes.io/description: >-" in text
        chart_refs += "chartRef:" in text
        assert (path.parent / "README.md").is_file()
    assert 0 < chart_refs < len(releases)
    all_text = "".join(p.read_text("utf-8") for p in releases)
    assert ".svc.cluster.local:" in all_text
    assert "dependsOn:" in all_text


def test_static_baseline_config_drops_only_the_catalog_plugin() -> None:
    bench = _module("benchmark")
    text = (PROJECT / "mkdocs.yml").read_text("utf-8")
    static, removed = bench._without_plugin(text, "flux-catalog")
    assert removed
    assert "- flux-catalog" not in static
    assert static.count("\n") < text.count("\n")
    for kept in ("- search", "theme:", "markdown_extensions:"):
        assert kept in static
    assert bench._count_nav(["index.md", {"A": "a.md"}, {"B": ["b.md", {"C": "c.md"}]}]) == 5
    assert "  - bench_dump_hook.py\n" in bench._with_hook(text, "bench_dump_hook.py")


def test_edit_description_marks_the_annotation() -> None:
    bench = _module("benchmark")
    text = ("metadata:\n  annotations:\n    kubernetes.io/description: >-\n"
            "      Реліз.\nspec: {}\n")
    assert "      МІТКА Реліз." in bench._edit_description(text, "МІТКА")


@pytest.mark.slow
def test_benchmark_quick_run_writes_results(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    proc = subprocess.run(
        [sys.executable, str(BENCH / "benchmark.py"), "--quick", "--skip-site",
         "--work", str(tmp_path / "work"), "--out", str(out)],
        cwd=PROJECT, capture_output=True, text=True, timeout=300, check=False)
    assert proc.returncode == 0, proc.stderr[-3000:]
    results = json.loads(out.read_text("utf-8"))
    assert results["error"] is None
    figures = {f["id"]: f for f in results["figures"]}
    for key in ("check.inprocess", "check.inprocess.crds", "check.cli", "scaling.10", "scaling.40",
                "check.inprocess.100", "check.cache.cold", "check.cache.unchanged",
                "check.cache.edited", "diff.inprocess"):
        assert figures[key]["ratio"] is not None and figures[key]["ratio"] > 0
        assert figures[key]["max_rss_mb"] > 0
    assert figures["check.inprocess"]["target"] == 2.5
    assert figures["check.cache.edited"]["target"] == 0.1
    assert "ratio" in proc.stdout and "(a) check" in proc.stdout
    assert not (tmp_path / "work").exists()

"""Hostile and broken input: one positioned problem per bad input, the rest still cataloged.

Each case is written next to a good HelmRelease in a bootstrapped cluster whose directory has
no kustomization.yaml (so Flux's generated kustomization takes every file). The CLI must exit
1 (errors found), never 2 or a traceback, within a bounded time; a non-strict site build must
still produce the good release's page.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from .repos import gotk_sync, write_repo

ROOT = Path(__file__).resolve().parents[1]
CLUSTER = "clusters/h"
HANG_GUARD = 60  # seconds: a hang fails the test; real runs take well under a second

GOTK_SYNC = gotk_sync("h", "https://github.com/example/hostile")

GOOD = """\
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: good
  namespace: flux-system
  annotations:
    kubernetes.io/description: Хороший реліз, що мусить мати сторінку.
spec:
  interval: 1h
  chartRef: {kind: OCIRepository, name: good}
---
apiVersion: source.toolkit.fluxcd.io/v1
kind: OCIRepository
metadata:
  name: good
  namespace: flux-system
spec:
  interval: 1h
  url: oci://example.com/charts/good
  ref: {tag: "1.0.0"}
"""

BOMB = "\n".join(
    [f'{n}: &{n} ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]' if n == "a"
     else f"{n}: &{n} [{','.join([f'*{p}'] * 9)}]"
     for p, n in zip(" abcdefgh", "abcdefghi", strict=True)]) + "\n"


def _text(name: str, text: str) -> Callable[[Path], None]:
    def write(cluster: Path) -> None:
        (cluster / name).write_text(text, "utf-8")
    return write


def _bytes(name: str, data: bytes) -> Callable[[Path], None]:
    def write(cluster: Path) -> None:
        (cluster / name).write_bytes(data)
    return write


def _big(cluster: Path) -> None:
    with (cluster / "big.yaml").open("w", encoding="utf-8") as out:
        out.write("apiVersion: v1\nkind: ConfigMap\n"
                  "metadata:\n  name: big\n  namespace: x\ndata:\n")
        line = "  k{0}: " + "x" * 200 + "\n"
        for i in range(50 * 1024 * 1024 // 210):
            out.write(line.format(i))


def _symlink(cluster: Path) -> None:
    outside = cluster.parents[2] / "outside.yaml"
    outside.write_text("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: outside}\n", "utf-8")
    (cluster / "link.yaml").symlink_to(outside)


def _cycle(cluster: Path) -> None:
    loop = cluster / "loop"
    loop.mkdir()
    (loop / "kustomization.yaml").write_text(
        "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n"
        "resources:\n  - ../loop\n", "utf-8")
    (loop / "README.md").write_text("# loop\n\nЦикл.\n", "utf-8")


def _deep(cluster: Path) -> None:
    depth = 20_000
    (cluster / "deep.yaml").write_text(
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep, namespace: x}\ndata:\n  a: "
        + "[" * depth + "]" * depth + "\n", "utf-8")


def _deep_but_parsable(cluster: Path) -> None:
    # as deep as the parser allows (it stops near 1,000): every walk must still be iterative
    depth = 990
    (cluster / "deep-ok.yaml").write_text(
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep-ok, namespace: flux-system}\n"
        "data:\n  a: " + "[" * depth + "]" * depth + "\n  password: hunter2-correct-horse\n",
        "utf-8")


# case id -> (writer, file that must carry a problem, rule expected)
CASES: dict[str, tuple[Callable[[Path], None], str, str]] = {
    "unparsable": (_text("unparsable.yaml", "apiVersion: v1\nkind: ConfigMap\ndata: [a\n"),
                   "unparsable.yaml", "yaml-syntax"),
    "duplicate-keys": (_text("dup.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n"
                                         "  name: a\n  name: b\n"), "dup.yaml", "yaml-syntax"),
    "alias-bomb": (_text("bomb.yaml", BOMB), "bomb.yaml", "yaml-syntax"),
    "deep-nesting": (_deep, "deep.yaml", "yaml-syntax"),
    "deep-but-parsable": (_deep_but_parsable, "deep-ok.yaml", "plaintext-secret"),
    "50-MB-file": (_big, "big.yaml", "yaml-syntax"),
    "binary": (_bytes("binary.yaml", b"\x7fELF\x00\x01\x02" * 100), "binary.yaml",
               "yaml-syntax"),
    "not-utf-8": (_bytes("latin1.yaml", "name: caf\u00e9\n".encode("latin-1")), "latin1.yaml",
                  "yaml-syntax"),
    "symlink-outside": (_symlink, "link.yaml", "path-escape"),
    "kustomization-cycle": (_cycle, "loop/kustomization.yaml", "kustomize-cycle"),
    "not-a-mapping": (_text("list.yaml", "- a\n- b\n"), "list.yaml", "not-a-manifest"),
    "spec-is-a-list": (_text("spec.yaml", "apiVersion: helm.toolkit.fluxcd.io/v2\n"
                                          "kind: HelmRelease\nmetadata:\n  name: s\n"
                                          "  namespace: flux-system\n  annotations:\n"
                                          "    kubernetes.io/description: Опис.\nspec: []\n"),
                       "spec.yaml", "invalid-field"),
    "name-is-a-number": (_text("name.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n"
                                            "  name: 42\n  namespace: x\n"),
                         "name.yaml", "invalid-field"),
    "dependsOn-is-a-string": (_text("deps.yaml", "apiVersion: kustomize.toolkit.fluxcd.io/v1\n"
                                                 "kind: Kustomization\nmetadata:\n  name: d\n"
                                                 "  namespace: flux-system\n  annotations:\n"
                                                 "    kubernetes.io/description: Опис.\n"
                                                 "spec:\n  interval: 1h\n"
                                                 "  path: ./clusters/h/flux-system\n"
                                                 "  prune: true\n  dependsOn: x\n"
                                                 "  sourceRef: {kind: GitRepository, "
                                                 "name: flux-system}\n"),
                              "deps.yaml", "invalid-field"),
    # (found by review: a traceback) kustomize cannot read such an object either
    "annotations-are-a-string": (_text("ann.yaml", "apiVersion: v1\nkind: Namespace\n"
                                                   "metadata:\n  name: team-a\n"
                                                   "  annotations: oops\n"),
                                 "ann.yaml", "invalid-field"),
    "labels-are-a-list": (_text("labels.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n"
                                               "  name: c\n  namespace: x\n  labels: [a]\n"),
                          "labels.yaml", "invalid-field"),
}


def make_repo(base: Path, case: str | None) -> Path:
    readme = "# Кластер h\n\nВорожі вхідні дані.\n"
    repo = write_repo(base / "repo", {
        f"{CLUSTER}/flux-system/gotk-sync.yaml": GOTK_SYNC, f"{CLUSTER}/good.yaml": GOOD,
        f"{CLUSTER}/README.md": readme, f"{CLUSTER}/flux-system/README.md": readme})
    cluster = repo / CLUSTER
    if case is not None:
        CASES[case][0](cluster)
    return repo


def run_check(repo: Path, *args: str) -> tuple[subprocess.CompletedProcess[str], float]:
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "flux_catalog", "check", "--repo-root", str(repo),
         str(repo / "clusters"), *args],
        capture_output=True, text=True, timeout=HANG_GUARD,
        env={**os.environ, "PYTHONPATH": str(ROOT / "scripts")},
    )
    return result, time.perf_counter() - start


def test_the_good_repository_is_clean(tmp_path: Path) -> None:
    result, _ = run_check(make_repo(tmp_path, None))
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_input_is_one_positioned_problem(case: str, tmp_path: Path) -> None:
    repo = make_repo(tmp_path, case)
    result, seconds = run_check(repo, "--format", "json")
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 1, result.stdout + result.stderr
    problems = json.loads(result.stdout)
    path = f"{CLUSTER}/{CASES[case][1]}"
    mine = [p for p in problems if p["file"] == path]
    assert [p["rule"] for p in mine] == [CASES[case][2]], problems
    assert mine[0]["line"] >= 1 and mine[0]["level"] == "error"
    # Nothing else breaks: the good release is still there and still clean.
    assert not [p for p in problems if p["file"].endswith("good.yaml")], problems
    print(f"{case}: {seconds:.2f} s")


@pytest.mark.slow
def test_site_still_builds_the_good_pages(tmp_path: Path) -> None:
    repo = make_repo(tmp_path, None)
    for case in CASES:
        if case != "50-MB-file":  # covered by the CLI test; keeps this build fast
            CASES[case][0](repo / CLUSTER)
    for name in ("mkdocs.yml", "pyproject.toml"):
        (repo / name).write_text((ROOT / name).read_text("utf-8"), "utf-8")
    for name in ("docs", "scripts"):
        (repo / name).symlink_to(ROOT / name, target_is_directory=True)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-d", str(tmp_path / "site")],
        cwd=repo, capture_output=True, text=True, timeout=300,
        env={**os.environ, "DISABLE_MKDOCS_2_WARNING": "true", "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    page = tmp_path / "site/clusters/h/namespaces/flux-system/helmrelease/good/index.html"
    assert "Хороший реліз, що мусить мати сторінку." in page.read_text("utf-8")
    problems = (tmp_path / "site/problems/index.html").read_text("utf-8")
    assert "excessive aliasing" in problems

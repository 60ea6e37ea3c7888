"""The on-disk check cache: a warm run prints exactly what a cold run prints, byte for byte."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from flux_catalog import cache
from flux_catalog.model import Problem

FIXTURES = Path(__file__).parent / "fixtures"


def _check(repo: Path, cache_dir: Path | None, *args: str) -> tuple[int, str, str]:
    env = dict(os.environ, FLUX_CATALOG_CACHE_DIR=str(cache_dir) if cache_dir else "off",
               NO_COLOR="1")
    proc = subprocess.run([sys.executable, "-m", "flux_catalog", "check", "--repo-root",
                           str(repo), *args], cwd=repo, env=env, capture_output=True,
                          text=True, timeout=120)
    return proc.returncode, proc.stdout, proc.stderr


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    dest = tmp_path / "repo"
    shutil.copytree(FIXTURES / "broken", dest)
    return dest


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_cold_warm_and_edited_runs_print_what_an_uncached_run_prints(
        repo: Path, tmp_path: Path, fmt: str) -> None:
    store = tmp_path / "cache"
    uncached = _check(repo, None, "--format", fmt)
    assert uncached[0] == 1 and uncached[1]
    assert _check(repo, store, "--format", fmt) == uncached  # cold, fills the cache
    assert list(store.glob("check-*.json")) and list(store.glob("findings-*.json"))
    assert _check(repo, store, "--format", fmt) == uncached  # warm: replayed
    # one file edited: the warm run sees it, as an uncached run does
    _edit(repo / "clusters" / "prod" / "types.yaml", "bad-depends", "worse-depends")
    edited = _check(repo, None, "--format", fmt)
    assert edited != uncached
    assert _check(repo, store, "--format", fmt) == edited
    # a file added, then removed again
    (repo / "clusters" / "prod" / "extra.yaml").write_text("a: [\n")
    added = _check(repo, None, "--format", fmt)
    assert added != edited
    assert _check(repo, store, "--format", fmt) == added
    (repo / "clusters" / "prod" / "extra.yaml").unlink()
    assert _check(repo, store, "--format", fmt) == edited


def test_a_deleted_or_corrupt_cache_is_a_miss(repo: Path, tmp_path: Path) -> None:
    store = tmp_path / "cache"
    uncached = _check(repo, None)
    assert _check(repo, store) == uncached
    for entry in store.iterdir():
        entry.write_text("{not json", "utf-8")
    assert _check(repo, store) == uncached
    shutil.rmtree(store)
    assert _check(repo, store) == uncached
    assert _check(repo, store, "--no-cache") == uncached


def test_a_foreign_manifest_entry_is_a_miss(repo: Path, tmp_path: Path) -> None:
    store = tmp_path / "cache"
    uncached = _check(repo, None)
    assert _check(repo, store) == uncached
    result = next(store.glob("check-*.json"))
    data = json.loads(result.read_text("utf-8"))
    data["manifest"][next(iter(data["manifest"]))] = [1]
    result.write_text(json.dumps(data), "utf-8")
    assert _check(repo, store) == uncached


def _counting(problems: list[Problem]) -> tuple[list[int], object]:
    calls: list[int] = []

    def compute(state: object, changed: object
                ) -> tuple[list[Problem], tuple[int, int], None, list[str], list[str]]:
        calls.append(1)
        return problems, (3, 2), None, [], []

    return calls, compute


def test_replayed_only_while_no_input_changed(repo: Path, tmp_path: Path) -> None:
    store = tmp_path / "cache"
    problems = [Problem("a.yaml", 1, 1, "rule", "error", "message ✓")]
    calls, compute = _counting(problems)
    config = {"scope": None}
    for _ in range(2):
        assert cache.cached_check(store, repo, config, (), compute) == (problems, (3, 2))
    assert len(calls) == 1
    # touched but not changed (the time is recent, so the content is hashed again): a hit
    path = repo / "clusters" / "prod" / "types.yaml"
    os.utime(path, (time.time() + 5, time.time() + 5))
    cache.cached_check(store, repo, config, (), compute)
    assert len(calls) == 1
    # another configuration, another engine, a changed input outside the root: misses
    cache.cached_check(store, repo, {"scope": ["clusters"]}, (), compute)
    assert len(calls) == 2
    crds = tmp_path / "crds"
    crds.mkdir()
    (crds / "x.yaml").write_text("kind: CustomResourceDefinition\n")
    cache.cached_check(store, repo, config, (crds,), compute)
    cache.cached_check(store, repo, config, (crds,), compute)
    assert len(calls) == 3
    (crds / "x.yaml").write_text("kind: CustomResourceDefinition\nspec: {}\n")
    cache.cached_check(store, repo, config, (crds,), compute)
    assert len(calls) == 4


def test_an_edit_that_keeps_size_and_modification_time_is_a_change(
        repo: Path, tmp_path: Path) -> None:
    # `touch -r`, `cp -p`, `rsync -t` and some editors put the old modification time back;
    # the change time they cannot set
    store = tmp_path / "cache"
    calls, compute = _counting([])
    path = repo / "clusters" / "prod" / "types.yaml"
    old = time.time() - 60
    os.utime(path, (old, old))
    cache.cached_check(store, repo, {}, (), compute)
    text = path.read_text("utf-8")
    path.write_text(text.replace("a", "b", 1) if "a" in text else text + "#", "utf-8")
    os.utime(path, (old, old))
    assert len(path.read_text("utf-8")) == len(text)
    cache.cached_check(store, repo, {}, (), compute)
    assert len(calls) == 2


def test_another_engine_never_reads_the_entries(repo: Path, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    store = tmp_path / "cache"
    calls, compute = _counting([])
    cache.cached_check(store, repo, {}, (), compute)
    monkeypatch.setattr(cache, "_fingerprint", "another engine")
    cache.cached_check(store, repo, {}, (), compute)
    assert len(calls) == 2
    assert len(list(store.glob("check-*.json"))) == 2


def test_an_edited_engine_file_is_another_engine(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    engine = tmp_path / "engine"
    (engine / "rules").mkdir(parents=True)
    (engine / "__pycache__").mkdir()
    rule = engine / "rules" / "rule.py"
    rule.write_text("LEVEL = 'error'\n")
    monkeypatch.setattr(cache, "_ENGINE_DIR", engine)

    def fingerprint() -> str:
        monkeypatch.setattr(cache, "_fingerprint", None)
        return cache.engine_fingerprint()

    first = fingerprint()
    (engine / "__pycache__" / "rule.pyc").write_bytes(b"compiled")  # not the engine's code
    assert fingerprint() == first
    rule.write_text("LEVEL = 'warn'\n\n")  # another size
    second = fingerprint()
    assert second != first
    os.utime(rule, ns=(1, 1))  # same size, another time
    assert fingerprint() != second
    (engine / "data.json").write_text("{}")  # shipped data counts too
    assert len({first, second, fingerprint()}) == 3


def test_another_version_of_a_library_is_another_engine(repo: Path, tmp_path: Path) -> None:
    import pathspec

    store = tmp_path / "cache"
    assert _check(repo, store)[0] == 1
    # the same library, installed as another version: what it decides may have changed
    site = tmp_path / "site"
    shutil.copytree(Path(pathspec.__file__).parent, site / "pathspec")
    (site / "pathspec-99.0.dist-info").mkdir()
    env = dict(os.environ, FLUX_CATALOG_CACHE_DIR=str(store), NO_COLOR="1",
               PYTHONPATH=os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")]))
    proc = subprocess.run([sys.executable, "-m", "flux_catalog", "check", "--repo-root",
                           str(repo)], cwd=repo, env=env, capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 1, proc.stderr
    assert len(list(store.glob("check-*.json"))) == 2
    assert len(list(store.glob("findings-*.json"))) == 2


def test_cache_location(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("FLUX_CATALOG_CACHE_DIR", "off")
    assert cache.cache_dir() is None
    monkeypatch.setenv("FLUX_CATALOG_CACHE_DIR", str(tmp_path))
    assert cache.cache_dir() == tmp_path
    monkeypatch.delenv("FLUX_CATALOG_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir() == tmp_path / "xdg" / "flux-catalog"


def test_findings_survive_between_runs_as_json(repo: Path, tmp_path: Path) -> None:
    store = tmp_path / "cache"
    _edit(repo / "clusters" / "prod" / "types.yaml", "bad-depends", "bad-depends-2")
    _check(repo, store)
    (findings,) = store.glob("findings-*.json")
    data = json.loads(findings.read_text("utf-8"))
    assert data["trees"] and data["comments"] and data["schema"]


def test_remembered_schema_violations_equal_a_fresh_validation() -> None:
    from flux_catalog.crd_data import bundled_crds
    from flux_catalog.crds import (
        VIOLATIONS_CACHE,
        load_crd_schemas,
        validate_object,
        validate_remembered,
    )

    schemas, _ = load_crd_schemas(bundled_crds())
    schema = schemas[("helm.toolkit.fluxcd.io/v2", "HelmRelease")]
    good = {"apiVersion": "helm.toolkit.fluxcd.io/v2", "kind": "HelmRelease",
            "metadata": {"name": "a"}, "spec": {"interval": "1h", "chart": {"spec": {
                "chart": "x", "sourceRef": {"kind": "HelmRepository", "name": "x"}}}}}
    typo = json.loads(json.dumps(good).replace('"interval"', '"intervall"'))
    VIOLATIONS_CACHE.clear()
    for obj in (good, typo, json.loads(json.dumps(typo)), good):
        assert validate_remembered(obj, schema) == validate_object(obj, schema)
    assert len(VIOLATIONS_CACHE) == 2
    assert validate_remembered(typo, schema) != validate_remembered(good, schema)


def test_a_policy_crd_outside_the_repository_is_an_input(repo: Path, tmp_path: Path) -> None:
    """The policy's ``crds`` may name a directory beside the repository: editing a CRD there
    changes what ``check`` reports, so a warm run must not replay the old result."""
    crds = tmp_path / "shared-crds"
    crds.mkdir()
    crd = crds / "widget.yaml"
    crd.write_text(
        "apiVersion: apiextensions.k8s.io/v1\n"
        "kind: CustomResourceDefinition\n"
        "metadata:\n  name: widgets.example.com\n"
        "spec:\n  group: example.com\n  names: {kind: Widget, plural: widgets}\n"
        "  scope: Namespaced\n"
        "  versions:\n    - name: v1\n      served: true\n      storage: true\n"
        "      schema:\n        openAPIV3Schema:\n          type: object\n"
        "          properties:\n            spec:\n              type: object\n"
        "              properties:\n                size: {type: integer}\n", "utf-8")
    (repo / ".flux-catalog.yaml").write_text(f"crds: [{crds}]\n", "utf-8")
    (repo / "clusters" / "prod" / "widget.yaml").write_text(
        "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n  namespace: default\n"
        "spec:\n  size: 3\n", "utf-8")
    store = tmp_path / "cache"
    before = _check(repo, None)
    assert _check(repo, store) == before
    _edit(crd, "size: {type: integer}", "size: {type: string}")
    after = _check(repo, None)
    assert after != before and "widget.yaml" in after[1]
    assert _check(repo, store) == after


def test_a_relative_cache_directory_inside_the_repository_is_not_an_input(
        repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``FLUX_CATALOG_CACHE_DIR=.flux-catalog-cache`` run from the repository: the cache's own
    files must not count as changed inputs, or no run is ever replayed."""
    monkeypatch.chdir(repo)
    calls, compute = _counting([])
    for _ in range(3):
        cache.cached_check(Path(".flux-catalog-cache"), repo, {}, (), compute)
    assert len(calls) == 1


def test_no_home_directory_means_no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    """A CI container running as a user without a passwd entry and without $HOME: Python
    cannot tell a home directory, and check runs without a cache instead of failing."""
    for name in ("FLUX_CATALOG_CACHE_DIR", "XDG_CACHE_HOME", "HOME"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr("os.path.expanduser", lambda path: path)  # what a missing user gets
    with pytest.raises(RuntimeError):
        Path.home()
    assert cache.cache_dir() is None


def test_a_named_pipe_in_the_repository_is_not_opened(repo: Path) -> None:
    """Only regular files are hashed: opening a FIFO without a writer blocks for ever."""
    os.mkfifo(repo / "pipe")
    code = ("import sys; from pathlib import Path; from flux_catalog import cache; "
            "print(sorted(cache.manifest([Path(sys.argv[1])])[sys.argv[2]][3:]))")
    proc = subprocess.run([sys.executable, "-c", code, str(repo), str(repo / "pipe")],
                          capture_output=True, text=True, timeout=30)
    assert proc.returncode == 0, proc.stderr


def test_a_replayed_check_imports_none_of_the_engine(repo: Path, tmp_path: Path) -> None:
    """A replay is most of what a pre-commit hook runs: it reads the cache and prints, so it
    must not pay for importing the walk, the resolver, the rules or the inventory."""
    store = tmp_path / "cache"
    assert _check(repo, store)[0] == 1  # fills the cache
    probe = ("import sys\n"
             "from flux_catalog.cli import main\n"
             "main(['check', '--repo-root', sys.argv[1]])\n"
             "print(sorted(m for m in sys.modules if m.startswith('flux_catalog.')), "
             "file=sys.stderr)\n")
    env = dict(os.environ, FLUX_CATALOG_CACHE_DIR=str(store), NO_COLOR="1")
    proc = subprocess.run([sys.executable, "-c", probe, str(repo)], cwd=repo, env=env,
                          capture_output=True, text=True, timeout=120)
    loaded = proc.stderr.strip().splitlines()[-1]
    assert "flux_catalog.cli" in loaded and proc.stdout == _check(repo, store)[1]
    for module in ("walk", "resolve", "rules", "kustomize", "load", "secrets",
                   "report.inventory", "cache.units"):
        assert f"'flux_catalog.{module}'" not in loaded, module


def test_the_command_exits_with_its_code_and_whole_output(repo: Path, tmp_path: Path) -> None:
    """The command skips the interpreter's teardown (os._exit): what it printed is flushed
    first, its exit code kept, and a reader that stops early is no error."""
    code, out, _ = _check(repo, None, "--format", "json")
    assert code == 1 and json.loads(out)
    code, out, err = _check(repo, None)
    assert code == 1 and out.count("\n") > 10 and "problems" in err.splitlines()[-1]
    env = dict(os.environ, FLUX_CATALOG_CACHE_DIR="off", NO_COLOR="1")
    proc = subprocess.Popen([sys.executable, "-m", "flux_catalog", "inventory", "--repo-root",
                             str(repo)], cwd=repo, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.read(10)
    proc.stdout.close()  # as `| head -c 10` does
    stderr = proc.stderr.read().decode()
    assert proc.wait(timeout=120) in (0, 1) and "Traceback" not in stderr
    assert "Exception ignored" not in stderr


def test_the_console_script_is_the_command() -> None:
    import tomllib

    project = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text("utf-8"))
    assert project["project"]["scripts"]["flux-catalog"] == "flux_catalog.cli:entry"

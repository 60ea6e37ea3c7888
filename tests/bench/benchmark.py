"""Performance of flux-catalog at fleet scale, as ratios to floors measured in the same run.

    python tests/bench/benchmark.py            # the full run (about 10 minutes on 2 cores)
    python tests/bench/benchmark.py --quick    # small sizes: a smoke test of the benchmark
    python tests/bench/benchmark.py --skip-site
    python tests/bench/benchmark.py --only-serve  # part d alone (about 6 minutes)

What it measures, on fleets written by ``tests/bench/fleet.py`` (10 clusters x R HelmReleases):

a. ``flux-catalog check`` at 1,000 HelmReleases, in-process (library calls, engine caches
   cleared before each run: without CRDs, the library's default, and with the bundled Flux
   CRDs, as the CLI validates) and as the CLI (a new interpreter each run), against the
   floor: reading and parsing the same YAML files with the fastest loader here (PyYAML
   ``CSafeLoader``, else ruamel ``typ="safe"``), without any walking, the floors and the
   checks taking turns round after round (the machine's speed drifts). Target: at most 2.5x.
b. Scaling of ``check`` at 500, 1,000 and 2,000 HelmReleases (time ratio to 1,000), and
   ``check`` against the floor at 5,000 (target: at most 2.5x there too).
c. ``mkdocs build`` of the generated site at 100 and 1,000 components against a build of the
   very same pages written beforehand as static Markdown, with the same mkdocs.yml minus the
   flux-catalog plugin (same theme and navigation). Target: at most 1.3x. And bytes per
   HTML page at 1,000 against 100 (target: at most 1.5x, i.e. no navigation that grows with
   every component).
d. One manifest edit under ``mkdocs serve --dirty --livereload`` (what ``scripts/dev serve``
   runs) at 100 and 1,000 components: seconds from editing a HelmRelease's description to the
   served page showing it, against a cold build of the same site. Target: at most 0.05x.
e. Peak memory (max RSS) of every measured process, from ``os.wait4``.
f. ``flux-catalog diff HEAD~1 HEAD`` (in-process: two ``git archive`` exports, two catalogs with
   their problems, the comparison and the Markdown report) on a Git history of the fleet of (a)
   whose second commit bumps the chart major, the replicas and the timeout of every 20th
   release, against one in-process ``check`` of the same fleet. Target: at most 2.5x.
g. The check cache (CLI, its own cache directory): a first run filling it against a run
   without it; a run with nothing changed, and a run after a one-file edit (a release's
   description), against a cold run. Target after the edit: at most 0.1x.

Each measured step runs in its own process, with the engine byte-compiled first (as an
installed package is). Timings are medians of several runs where a run is
short enough to repeat; the table says how many. Nothing here asserts a timing: it prints each
figure with its baseline and ratio and writes them to ``build/bench/results.json``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parents[1]
sys.path.insert(0, str(HERE))

import fleet  # noqa: E402

SEED = 0
MKDOCS_ENV = {"DISABLE_MKDOCS_2_WARNING": "true", "NO_MKDOCS_2_WARNING": "1"}
SERVE_START_TIMEOUT = 600.0
SERVE_EDIT_TIMEOUT = 600.0
BUILD_TIMEOUT = 900.0
CHECK_TIMEOUT = 600.0

# The floor: read and parse every YAML file below clusters/ with the fastest loader, no walk.
# The CLI floor runs exactly this code in a new interpreter (`python -c`).
FLOOR_SOURCE = r'''
import os, sys, time

def floor_loader():
    try:
        import yaml
        loader = yaml.CSafeLoader
        return "PyYAML CSafeLoader", lambda raw: list(yaml.load_all(raw, Loader=loader))
    except (ImportError, AttributeError):
        from ruamel.yaml import YAML
        y = YAML(typ="safe", pure=False)
        try:
            import _ruamel_yaml  # noqa: F401
            name = "ruamel.yaml typ=safe (clib)"
        except ImportError:
            name = "ruamel.yaml typ=safe (pure Python: no clib)"
        return name, lambda raw: list(y.load_all(raw))

def yaml_files(root):
    out = []
    for base, dirs, files in os.walk(os.path.join(root, "clusters")):
        dirs.sort()
        out.extend(os.path.join(base, f) for f in sorted(files)
                   if f.endswith((".yaml", ".yml")))
    return out

def parse_all(files, load):
    docs = size = 0
    for path in files:
        with open(path, "rb") as fh:
            raw = fh.read()
        size += len(raw)
        docs += len(load(raw))
    return docs, size
'''
FLOOR_CLI = FLOOR_SOURCE + r'''
name, load = floor_loader()
parse_all(yaml_files(sys.argv[1]), load)
'''

# Added to the mkdocs.yml of `mkdocs serve`: writes the pages the flux-catalog plugin generated
# (and its navigation) to $FLUX_BENCH_DUMP, so the static baseline at 1,000 components needs no
# build of its own. Runs after the plugin's on_files (priority -50).
DUMP_HOOK = '''\
"""Benchmark only: copy the pages flux-catalog generated, and the nav, to $FLUX_BENCH_DUMP."""
import json
import os
from pathlib import Path

from mkdocs.plugins import event_priority


def dump(files, config, dest):
    tmp = Path(dest + ".partial")
    for f in files:
        if getattr(f, "generated_by", None) != "flux-catalog" or not f.src_uri.endswith(".md"):
            continue
        out = tmp / f.src_uri
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(f.content_bytes)
    tmp.mkdir(parents=True, exist_ok=True)
    (tmp / "nav.json").write_text(json.dumps(config.nav, ensure_ascii=False), "utf-8")
    tmp.rename(dest)


@event_priority(-100)
def on_files(files, config):
    dest = os.environ.get("FLUX_BENCH_DUMP")
    if dest and not Path(dest).exists():
        dump(files, config, dest)
    return files
'''


# -- measuring processes ---------------------------------------------------------------------


@dataclass
class Proc:
    seconds: float  # wall clock
    cpu: float  # user + system time of the child (and of its reaped children)
    returncode: int
    max_rss_mb: float
    stdout: str
    stderr: str


def _env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env.update(MKDOCS_ENV)
    scripts = str(PROJECT / "scripts")
    env["PYTHONPATH"] = scripts + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH")
                                   else "")
    env.setdefault("PYTHONHASHSEED", "0")
    env["FLUX_CATALOG_CACHE_DIR"] = "off"  # every check cold unless a figure says otherwise
    if extra:
        env.update(extra)
    return env


def compile_engine() -> None:
    """Byte-compile the engine, as installing a package does: with PYTHONDONTWRITEBYTECODE
    set (some containers set it), every measured interpreter would otherwise compile each
    module it imports again (~0.1-0.2 s a run, a third of a warm check)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(PROJECT / "scripts")],
                   env=env, check=True, stdout=subprocess.DEVNULL)


def _reap(pid: int, timeout: float | None) -> tuple[int, Any]:
    """``os.wait4`` with a timeout: (exit code, rusage of exactly this child)."""
    deadline = None if timeout is None else time.monotonic() + timeout
    while True:
        done, status, usage = os.wait4(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status), usage
        if deadline is not None and time.monotonic() > deadline:
            raise TimeoutError
        time.sleep(0.002)


def run(cmd: list[str], *, cwd: Path, env: dict[str, str] | None = None,
        timeout: float = CHECK_TIMEOUT) -> Proc:
    """Run ``cmd`` to completion; wall time and the child's own peak RSS."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env or _env(), stdout=out, stderr=err,
                                start_new_session=True)
        killer = threading.Timer(timeout, lambda: _kill_group(proc.pid))
        killer.start()
        try:
            code, usage = _reap(proc.pid, None)
        finally:
            killer.cancel()
        seconds = time.perf_counter() - started
        proc.returncode = code  # reaped by os.wait4, not by Popen
        out.seek(0)
        err.seek(0)
        return Proc(seconds, usage.ru_utime + usage.ru_stime, code, usage.ru_maxrss / 1024,
                    out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"))


def _kill_group(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, signal.SIGKILL)  # the session this benchmark started for the child


def worker(mode: str, params: dict[str, Any], *, timeout: float = CHECK_TIMEOUT
           ) -> tuple[dict[str, Any], Proc]:
    proc = run([sys.executable, str(Path(__file__).resolve()), "_worker", mode,
                json.dumps(params)], cwd=PROJECT, timeout=timeout)
    if proc.returncode != 0:
        raise RuntimeError(f"worker {mode} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1]), proc


# -- workers (each in its own process) -------------------------------------------------------


def _clear_engine_caches() -> None:
    """Forget what the engine memoises, so every in-process run parses from scratch."""
    from flux_catalog.documents import LruCache

    for name, module in list(sys.modules.items()):
        if not name.startswith("flux_catalog"):
            continue
        for attr, value in list(vars(module).items()):
            # documents.PARSED (an LruCache) keeps parsed files by content
            if (isinstance(value, dict) and "CACHE" in attr.upper()) or \
                    isinstance(value, LruCache):
                value.clear()
            elif callable(getattr(value, "cache_clear", None)):
                value.cache_clear()


def _repeat(fn: Any, min_runs: int, max_runs: int, budget: float
            ) -> tuple[list[float], list[float]]:
    """Wall and CPU seconds of ``fn()``: at least ``min_runs``, more while within ``budget``."""
    walls: list[float] = []
    cpus: list[float] = []
    started = time.perf_counter()
    while len(walls) < max_runs and (len(walls) < min_runs
                                      or time.perf_counter() - started < budget):
        wall, cpu = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return walls, cpus


def _worker_check(p: dict[str, Any]) -> dict[str, Any]:
    import gc

    from flux_catalog.resolve import build_catalog
    from flux_catalog.rules import run as run_rules

    root = Path(p["root"])
    result: dict[str, Any] = {}
    crds: tuple[Path, ...] = ()
    if p.get("crds"):  # validate against the shipped Flux CRDs, as the CLI does
        from flux_catalog.crd_data import bundled_crds

        crds = bundled_crds()

    def once() -> None:
        _clear_engine_caches()
        result.clear()
        gc.collect()
        catalog, policy = build_catalog(root, None)
        problems = run_rules(catalog, policy, crds)
        releases = [o for o in catalog.objects if o.kind == "HelmRelease"]
        result.update(
            objects=len(catalog.objects), components=len(catalog.components()),
            helmreleases=len(releases), deployed=sum(o.deployed for o in releases),
            errors=sum(x.level == "error" for x in problems), problems=len(problems))

    times, cpu = _repeat(once, p["min_runs"], p["max_runs"], p["budget"])
    # A second build in the same process keeps the engine's caches: what a rebuild costs.
    warm, warm_cpu = time.perf_counter(), time.process_time()
    catalog, policy = build_catalog(root, None)
    run_rules(catalog, policy, crds)
    warm, warm_cpu = time.perf_counter() - warm, time.process_time() - warm_cpu
    return {"times": times, "cpu": cpu, "warm": warm, "warm_cpu": warm_cpu, **result}


def _worker_floor(p: dict[str, Any]) -> dict[str, Any]:
    scope: dict[str, Any] = {}
    exec(FLOOR_SOURCE, scope)
    name, load = scope["floor_loader"]()
    files = scope["yaml_files"](p["root"])
    info: dict[str, Any] = {}

    def once() -> None:
        info["docs"], info["bytes"] = scope["parse_all"](files, load)

    times, cpu = _repeat(once, p["min_runs"], p["max_runs"], p["budget"])
    return {"times": times, "cpu": cpu, "loader": name, "files": len(files), **info}


def _worker_materialize(p: dict[str, Any]) -> dict[str, Any]:
    """Run the site's plugins up to ``on_files`` outside a build; dump the generated pages."""
    import runpy

    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files

    config = load_config(config_file=p["config"])
    config = config.plugins.on_config(config)
    files = config.plugins.on_files(get_files(config), config=config)
    runpy.run_path(p["hook"])["dump"](files, config, p["out"])
    return {"pages": sum(1 for f in files if f.src_uri.endswith(".md"))}


def _worker_diff(p: dict[str, Any]) -> dict[str, Any]:
    import gc

    from flux_catalog.diff import compare, take, to_markdown
    from flux_catalog.diff.revision import checkout

    repo = Path(p["repo"])
    info: dict[str, Any] = {}

    def once() -> None:
        _clear_engine_caches()
        gc.collect()
        with checkout(repo, "HEAD~1") as base_side, \
                checkout(repo, "HEAD", reuse=base_side) as head_side:
            base = take(base_side.root, base_side.label)
            head = take(head_side.root, head_side.label)
        report = compare(base, head)
        info["summary"] = report.summary()
        info["markdown_chars"] = len(to_markdown(report))

    times, cpu = _repeat(once, p["min_runs"], p["max_runs"], p["budget"])
    return {"times": times, "cpu": cpu, **info}


def make_history(fleet_root: Path, dest: Path, every: int = 20) -> int:
    """A Git repository of ``fleet_root`` with a second commit changing every ``every``-th
    release: chart major bump (its OCIRepository tag), replicas and timeout. Returns how many."""
    shutil.copytree(fleet_root, dest)
    git = ["git", "-C", str(dest), "-c", "user.name=bench", "-c", "user.email=bench@example.com"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "base"], check=True)
    releases = sorted(dest.glob("clusters/*/apps/*/*/release.yaml"))
    changed = 0
    for release in releases[::every]:
        repository = release.with_name("repository.yaml")
        text = repository.read_text("utf-8")
        bumped = re.sub(r'tag: "(\d+)\.', lambda m: f'tag: "{int(m.group(1)) + 1}.', text,
                        count=1)
        repository.write_text(bumped, "utf-8")
        body = release.read_text("utf-8")
        body = body.replace("replicaCount: 2", "replicaCount: 3", 1)
        body = body.replace("timeout: 5m", "timeout: 10m", 1)
        release.write_text(body, "utf-8")
        changed += 1
    subprocess.run([*git, "commit", "-qam", "head"], check=True)
    return changed


WORKERS = {"check": _worker_check, "floor": _worker_floor, "materialize": _worker_materialize,
           "diff": _worker_diff}


# -- results ---------------------------------------------------------------------------------


@dataclass
class Figure:
    id: str
    label: str
    value: float | None  # wall seconds (or bytes)
    unit: str = "s"
    baseline: float | None = None
    baseline_label: str = ""
    cpu: float | None = None  # CPU seconds of the same measurement
    baseline_cpu: float | None = None
    target: float | None = None  # the ratio should be at most this
    max_rss_mb: float | None = None
    baseline_rss_mb: float | None = None
    runs: int | None = None
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        if self.value is None or not self.baseline:
            return None
        return self.value / self.baseline

    @property
    def cpu_ratio(self) -> float | None:
        if self.cpu is None or not self.baseline_cpu:
            return None
        return self.cpu / self.baseline_cpu

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["ratio"] = None if self.ratio is None else round(self.ratio, 3)
        data["cpu_ratio"] = None if self.cpu_ratio is None else round(self.cpu_ratio, 3)
        data["meets_target"] = (None if self.ratio is None or self.target is None
                                else self.ratio <= self.target)
        data["meets_target_cpu"] = (None if self.cpu_ratio is None or self.target is None
                                    else self.cpu_ratio <= self.target)
        for key in ("value", "baseline", "cpu", "baseline_cpu", "max_rss_mb",
                    "baseline_rss_mb"):
            if isinstance(data[key], float):
                data[key] = round(data[key], 4)
        return data


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    if unit == "s":
        return f"{value:.3f} s" if value < 10 else f"{value:.1f} s"
    if unit == "B":
        return f"{value / 1024:.1f} KiB"
    return f"{value:g} {unit}"


def _verdict(ratio: float | None, target: float | None) -> str:
    if ratio is None:
        return "-"
    text = f"{ratio:.2f}x"
    if target is not None:
        text += " ok" if ratio <= target else " MISSED"
    return text


def print_table(figures: list[Figure]) -> None:
    rows = [("figure", "wall", "baseline", "ratio", "CPU", "CPU base", "CPU ratio", "target",
             "peak RSS / base")]
    for f in figures:
        rss = "-" if f.max_rss_mb is None else f"{f.max_rss_mb:.0f} MB"
        if f.baseline_rss_mb is not None:
            rss += f" / {f.baseline_rss_mb:.0f} MB"
        label = f.label + (f" [median of {f.runs}]" if f.runs and f.runs > 1 else "")
        rows.append((label, _fmt(f.value, f.unit), _fmt(f.baseline, f.unit),
                     _verdict(f.ratio, f.target), _fmt(f.cpu, "s"), _fmt(f.baseline_cpu, "s"),
                     _verdict(f.cpu_ratio, f.target),
                     "-" if f.target is None else f"<= {f.target:g}x", rss))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    for n, row in enumerate(rows):
        print("  ".join(c.ljust(w) if i == 0 else c.rjust(w)
                        for i, (c, w) in enumerate(zip(row, widths, strict=True))).rstrip())
        if n == 0:
            print("  ".join("-" * w for w in widths))
    for f in figures:
        if f.note:
            print(f"  * {f.label}: {f.note}")


# -- the benchmark ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Sizes:
    clusters: int
    check: int  # releases per cluster for (a)
    scaling: tuple[int, ...]
    site: tuple[int, ...]  # releases per cluster for (c) and (d)
    check_runs: tuple[int, int, float]  # min runs, max runs, time budget (s)
    big: int  # releases per cluster for the check against the floor at the largest size


FULL = Sizes(10, 100, (50, 100, 200), (10, 100), (3, 5, 20.0), 500)
QUICK = Sizes(2, 10, (5, 10, 20), (5, 20), (3, 5, 2.0), 50)


class Bench:
    def __init__(self, work: Path, sizes: Sizes, log: Any, logs: Path) -> None:
        self.work = work
        self.logs = logs  # kept after the run: serve.log
        self.sizes = sizes
        self.log = log
        self.figures: list[Figure] = []
        self.facts: dict[str, Any] = {}
        self._fleets: dict[tuple[int, int], Path] = {}

    def say(self, text: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {text}", file=self.log, flush=True)

    def fleet(self, clusters: int, releases: int) -> Path:
        key = (clusters, releases)
        if key not in self._fleets:
            dest = self.work / f"fleet-{clusters}x{releases}"
            if dest.exists():
                shutil.rmtree(dest)
            started = time.perf_counter()
            made = fleet.generate(dest, clusters, releases, SEED)
            self.say(f"generated {dest.name}: {made.releases} HelmReleases, {made.files} files "
                     f"in {time.perf_counter() - started:.1f} s")
            self._fleets[key] = dest
        return self._fleets[key]

    # a + b ---------------------------------------------------------------------------------

    def check(self) -> None:
        s = self.sizes
        _, rounds, budget = s.check_runs
        root = self.fleet(s.clusters, s.check)
        n = s.clusters * s.check
        # The floors and the checks take turns, round after round: the machine's speed
        # drifts over a minute (shared hosts), and a ratio of runs made minutes apart
        # measured the drift as much as the code.
        self.say(f"(a) floor and check at {n} HelmReleases, in turns ({rounds} rounds)")
        floor: dict[str, Any] = {}
        check: dict[str, Any] = {}
        schema: dict[str, Any] = {}
        procs: dict[str, list[Proc]] = {"floor": [], "check": [], "schema": []}
        floor_cli: list[Proc] = []
        cli: list[Proc] = []
        for _ in range(rounds):
            for key, mode, params, into in (
                    ("floor", "floor", {"min_runs": 2, "max_runs": 2}, floor),
                    ("check", "check", {"min_runs": 1, "max_runs": 1}, check),
                    ("schema", "check", {"min_runs": 1, "max_runs": 1, "crds": True}, schema)):
                data, proc = worker(mode, {"root": str(root), "budget": 0.0, **params})
                procs[key].append(proc)
                for name, value in data.items():
                    if name in ("times", "cpu"):
                        into.setdefault(name, []).extend(value)
                    else:
                        into[name] = value
            floor_cli.append(run([sys.executable, "-c", FLOOR_CLI, str(root)], cwd=root))
            proc = run([sys.executable, "-m", "flux_catalog", "check", "clusters", "--repo-root",
                        str(root), "--color", "never"], cwd=root)
            if proc.returncode != 0:
                raise RuntimeError(f"flux-catalog check failed:\n{proc.stdout[-2000:]}"
                                   f"{proc.stderr[-2000:]}")
            cli.append(proc)
        if check["errors"] or check["deployed"] != n:
            raise RuntimeError(f"generated fleet is not clean: {check}")
        self.facts["floor_loader"] = floor["loader"]
        self.facts["yaml_files"] = floor["files"]
        self.facts["yaml_bytes"] = floor["bytes"]
        floor_proc, check_proc, schema_proc = (
            max(procs[key], key=lambda p: p.max_rss_mb) for key in ("floor", "check", "schema"))
        med = statistics.median
        floor_med, floor_cpu = med(floor["times"]), med(floor["cpu"])
        inproc_med, inproc_cpu = med(check["times"]), med(check["cpu"])
        self.figures += [
            Figure("check.inprocess", f"(a) check, in-process, {n} HelmReleases", inproc_med,
                   baseline=floor_med, baseline_label=f"parse only, {floor['loader']}",
                   cpu=inproc_cpu, baseline_cpu=floor_cpu,
                   target=2.5, max_rss_mb=check_proc.max_rss_mb,
                   baseline_rss_mb=floor_proc.max_rss_mb, runs=len(check["times"]),
                   extra={"times": check["times"], "cpu_times": check["cpu"],
                          "floor_times": floor["times"], "floor_cpu_times": floor["cpu"],
                          "objects": check["objects"], "components": check["components"]}),
            Figure("check.inprocess.crds", f"(a) same, validating with the bundled CRDs, {n} HR",
                   med(schema["times"]), baseline=floor_med,
                   baseline_label=f"parse only, {floor['loader']}", cpu=med(schema["cpu"]),
                   baseline_cpu=floor_cpu, max_rss_mb=schema_proc.max_rss_mb,
                   baseline_rss_mb=floor_proc.max_rss_mb, runs=len(schema["times"]),
                   note="what the CLI checks by default (schema rule against the shipped Flux "
                        "CRDs); the figure above is the library's default, without CRDs"),
            Figure("check.cli", f"(a) check, CLI incl. interpreter, {n} HelmReleases",
                   med(p.seconds for p in cli), baseline=med(p.seconds for p in floor_cli),
                   baseline_label="python -c: import + walk dir + parse", target=2.5,
                   cpu=med(p.cpu for p in cli), baseline_cpu=med(p.cpu for p in floor_cli),
                   max_rss_mb=max(p.max_rss_mb for p in cli),
                   baseline_rss_mb=max(p.max_rss_mb for p in floor_cli), runs=len(cli),
                   extra={"times": [p.seconds for p in cli],
                          "floor_times": [p.seconds for p in floor_cli]}),
            Figure("check.warm", f"(a) check again in the same process (caches kept), {n} HR",
                   check["warm"], baseline=inproc_med, baseline_label="cold in-process check",
                   cpu=check["warm_cpu"], baseline_cpu=inproc_cpu,
                   note="what a `mkdocs serve` rebuild could cost if the engine's caches "
                        "survived between rebuilds"),
        ]
        self.say(f"(a) floor {floor_med:.3f} s, check {inproc_med:.3f} s in-process")
        self.diff(root, n, inproc_med, inproc_cpu)
        self.cached_check(root, n, cli)

        # b
        times = {s.check: (inproc_med, inproc_cpu, check_proc.max_rss_mb,
                           len(check["times"]))}
        for per_cluster in s.scaling:
            if per_cluster in times:
                continue
            m = s.clusters * per_cluster
            self.say(f"(b) check in-process at {m} HelmReleases")
            root_b = self.fleet(s.clusters, per_cluster)
            big = per_cluster > s.check
            data, proc = worker("check", {"root": str(root_b), "min_runs": 1 if big else 2,
                                          "max_runs": 3, "budget": budget})
            if data["errors"] or data["deployed"] != m:
                raise RuntimeError(f"generated fleet is not clean: {data}")
            times[per_cluster] = (med(data["times"]), med(data["cpu"]), proc.max_rss_mb,
                                  len(data["times"]))
            if root_b != root:
                shutil.rmtree(root_b, ignore_errors=True)
                self._fleets.pop((s.clusters, per_cluster), None)
        for per_cluster in s.scaling:
            m = s.clusters * per_cluster
            seconds, cpu, rss, runs = times[per_cluster]
            expected = per_cluster / s.check
            self.figures.append(Figure(
                f"scaling.{m}", f"(b) check, {m} HelmReleases vs {n}", seconds,
                baseline=inproc_med, baseline_label=f"check at {n}", cpu=cpu,
                baseline_cpu=inproc_cpu, max_rss_mb=rss, runs=runs,
                note="" if per_cluster == s.check else
                f"linear scaling would be {expected:g}x; CPU per release "
                f"{cpu / m * 1000:.2f} ms (at {n}: {inproc_cpu / n * 1000:.2f} ms)"))

    def big_check(self) -> None:
        """(b) cold ``check`` against the parse floor at the largest size (5,000 releases)."""
        s = self.sizes
        n = s.clusters * s.big
        root = self.fleet(s.clusters, s.big)
        self.say(f"(b) floor and check in-process at {n} HelmReleases")
        floor, floor_proc = worker("floor", {"root": str(root), "min_runs": 3, "max_runs": 3,
                                             "budget": 0.0})
        data, proc = worker("check", {"root": str(root), "min_runs": 1, "max_runs": 2,
                                      "budget": 60.0})
        if data["errors"] or data["deployed"] != n:
            raise RuntimeError(f"generated fleet is not clean: {data}")
        med = statistics.median
        self.figures.append(Figure(
            f"check.inprocess.{n}", f"(b) check, in-process, {n} HelmReleases",
            med(data["times"]), baseline=med(floor["times"]),
            baseline_label=f"parse only, {floor['loader']}", cpu=med(data["cpu"]),
            baseline_cpu=med(floor["cpu"]), target=2.5, max_rss_mb=proc.max_rss_mb,
            baseline_rss_mb=floor_proc.max_rss_mb, runs=len(data["times"]),
            note=f"{floor['files']} YAML files, {floor['bytes'] / 1e6:.1f} MB"))
        shutil.rmtree(root, ignore_errors=True)
        self._fleets.pop((s.clusters, s.big), None)

    # g -------------------------------------------------------------------------------------

    def cached_check(self, root: Path, n: int, uncached: list[Proc]) -> None:
        store = self.work / "check-cache"
        env = _env({"FLUX_CATALOG_CACHE_DIR": str(store)})
        cmd = [sys.executable, "-m", "flux_catalog", "check", "clusters", "--repo-root",
               str(root), "--color", "never"]

        def once() -> Proc:
            proc = run(cmd, cwd=root, env=env)
            if proc.returncode != 0:
                raise RuntimeError(f"flux-catalog check failed:\n{proc.stderr[-2000:]}")
            return proc

        self.say(f"(g) check cache at {n} HelmReleases: cold, unchanged, one file edited")
        shutil.rmtree(store, ignore_errors=True)
        first = once()
        outputs = {first.stdout + first.stderr}
        warm = [once() for _ in range(3)]
        outputs.update(p.stdout + p.stderr for p in warm)
        releases = sorted(root.glob("clusters/*/apps/*/*/release.yaml"))
        release = releases[len(releases) // 2]
        original = release.read_text("utf-8")
        edited = []
        try:
            for i in range(3):
                release.write_text(_edit_description(original, f"Правка{i}"), "utf-8")
                edited.append(once())
        finally:
            release.write_text(original, "utf-8")
        if len(outputs) != 1:
            raise RuntimeError("a warm check printed something else than the cold one")
        med = statistics.median
        base, base_cpu = med(p.seconds for p in uncached), med(p.cpu for p in uncached)
        rel = release.relative_to(root).as_posix()
        for key, label, procs, target in (
                ("cold", "first run, filling the cache", [first], None),
                ("unchanged", "again, nothing changed", warm, None),
                ("edited", "after a one-file edit", edited, 0.1)):
            self.figures.append(Figure(
                f"check.cache.{key}", f"(g) check CLI, cache: {label}, {n} HR",
                med(p.seconds for p in procs), baseline=base,
                baseline_label="check CLI without the cache", cpu=med(p.cpu for p in procs),
                baseline_cpu=base_cpu, target=target,
                max_rss_mb=max(p.max_rss_mb for p in procs),
                baseline_rss_mb=max(p.max_rss_mb for p in uncached), runs=len(procs),
                note=f"edited the description in {rel}" if key == "edited" else ""))
        shutil.rmtree(store, ignore_errors=True)

    # f -------------------------------------------------------------------------------------

    def diff(self, root: Path, n: int, check_med: float, check_cpu: float) -> None:
        lo, hi, budget = self.sizes.check_runs
        repo = self.work / "diff-history"
        changed = make_history(root, repo)
        self.say(f"(f) diff HEAD~1 HEAD at {n} HelmReleases ({changed} releases changed)")
        data, proc = worker("diff", {"repo": str(repo), "min_runs": lo, "max_runs": hi,
                                     "budget": budget})
        med = statistics.median
        self.figures.append(Figure(
            "diff.inprocess", f"(f) diff of two revisions, {n} HelmReleases", med(data["times"]),
            baseline=check_med, baseline_label="one in-process check", cpu=med(data["cpu"]),
            baseline_cpu=check_cpu, target=2.5, max_rss_mb=proc.max_rss_mb,
            runs=len(data["times"]),
            note=f"{changed} releases changed; {data['summary']}; Markdown "
                 f"{data['markdown_chars']} chars",
            extra={"times": data["times"], "cpu_times": data["cpu"]}))
        shutil.rmtree(repo, ignore_errors=True)

    # c + d ---------------------------------------------------------------------------------

    def site_repo(self, per_cluster: int) -> Path:
        """A generated fleet with the project's site (mkdocs.yml, docs/, scripts/) beside it."""
        root = self.fleet(self.sizes.clusters, per_cluster)
        shutil.copy2(PROJECT / "mkdocs.yml", root / "mkdocs.yml")
        shutil.copytree(PROJECT / "docs", root / "docs")
        scripts = root / "scripts"
        scripts.mkdir()
        for item in (PROJECT / "scripts").iterdir():
            if item.name == "__pycache__":
                continue
            if item.is_dir():
                shutil.copytree(item, scripts / item.name,
                                ignore=shutil.ignore_patterns("__pycache__"))
            else:
                shutil.copy2(item, scripts / item.name)
        for name in ("node_modules", "package.json", "package-lock.json"):
            if (PROJECT / name).exists():
                (root / name).symlink_to(PROJECT / name)
        text = (root / "mkdocs.yml").read_text("utf-8")
        static, removed = _without_plugin(text, "flux-catalog")
        if not removed:
            raise RuntimeError("mkdocs.yml has no flux-catalog plugin to take out for the "
                               "static baseline")
        (root / "mkdocs-static.yml").write_text(_with_docs_dir(static, "docs-static"), "utf-8")
        (root / "bench_dump_hook.py").write_text(DUMP_HOOK, "utf-8")
        (root / "mkdocs-serve.yml").write_text(_with_hook(text, "bench_dump_hook.py"), "utf-8")
        return root

    def mkdocs_build(self, root: Path, config: str, site: str) -> tuple[Proc, dict[str, Any]]:
        proc = run([sys.executable, "-m", "mkdocs", "build", "-f", str(root / config),
                    "--site-dir", str(root / site)], cwd=root, timeout=BUILD_TIMEOUT,
                   env=_env({"TMPDIR": str(self.tmp)}))
        if proc.returncode != 0:
            raise RuntimeError(f"mkdocs build -f {config} failed:\n{proc.stderr[-3000:]}")
        html = [p.stat().st_size for p in (root / site).rglob("*.html")]
        info = {
            "pages": len(html), "html_bytes": sum(html),
            "bytes_per_page": sum(html) / max(len(html), 1),
            "median_page_bytes": statistics.median(html) if html else 0,
            "page_404_bytes": (root / site / "404.html").stat().st_size
            if (root / site / "404.html").exists() else None,
            "warnings": len(re.findall(r"^WARNING\b", proc.stderr, re.M)),
            "gen_pages_seconds": _gen_pages_seconds(proc.stderr),
        }
        return proc, info

    def site(self, serve: bool, only_serve: bool = False) -> None:
        """(c) and, with ``serve``, (d); ``only_serve``: (d) alone, each size against its own
        cold build (no static baseline, no bytes per page)."""
        self.tmp = self.work / "tmp"
        self.tmp.mkdir(exist_ok=True)
        s = self.sizes
        per_page: dict[int, dict[str, Any]] = {}
        for i, per_cluster in enumerate(s.site):
            n = s.clusters * per_cluster
            last = i == len(s.site) - 1
            root = self.site_repo(per_cluster)
            self.say(f"(c) mkdocs build, generated site, {n} components")
            gen, gen_info = self.mkdocs_build(root, "mkdocs.yml", "site-gen")
            self.say(f"(c) ... {gen.seconds:.1f} s, {gen_info['pages']} pages")
            # Outside the repository: a directory appearing in it while `serve` runs is an
            # added file to the catalog session, which then rebuilds every cluster.
            dump = self.work / f"dump-pages-{per_cluster}"
            shutil.rmtree(dump, ignore_errors=True)
            serve_fig = None
            if serve:
                serve_fig = self.serve(root, dump, n, gen)
            if only_serve:
                if serve_fig is not None:
                    self.figures.append(serve_fig)
                if not last:
                    shutil.rmtree(root, ignore_errors=True)
                    shutil.rmtree(dump, ignore_errors=True)
                    self._fleets.pop((s.clusters, per_cluster), None)
                continue
            if not dump.exists():
                self.say(f"(c) writing the generated pages as static Markdown, {n} components")
                worker("materialize", {"config": str(root / "mkdocs.yml"), "out": str(dump),
                                       "hook": str(root / "bench_dump_hook.py")},
                       timeout=BUILD_TIMEOUT)
            static_docs = root / "docs-static"
            shutil.copytree(root / "docs", static_docs)
            shutil.copytree(dump, static_docs, dirs_exist_ok=True,
                            ignore=shutil.ignore_patterns("nav.json"))
            nav = json.loads((dump / "nav.json").read_text("utf-8"))
            nav_entries = _count_nav(nav)
            static_yml = root / "mkdocs-static.yml"
            static_yml.write_text(static_yml.read_text("utf-8") + "\nnav: "
                                  + json.dumps(nav, ensure_ascii=False) + "\n", "utf-8")
            self.say(f"(c) mkdocs build, static Markdown, {n} components")
            static, static_info = self.mkdocs_build(root, "mkdocs-static.yml", "site-static")
            per_page[per_cluster] = gen_info
            note = (f"{gen_info['pages']} HTML pages (static: {static_info['pages']}), "
                    f"{nav_entries} nav entries, flux-catalog {gen_info['gen_pages_seconds']} s, "
                    f"{gen_info['warnings']} build warnings")
            self.figures.append(Figure(
                f"site.build.{n}", f"(c) mkdocs build, {n} components", gen.seconds,
                baseline=static.seconds, baseline_label="same pages as static Markdown",
                cpu=gen.cpu, baseline_cpu=static.cpu, target=1.3, max_rss_mb=gen.max_rss_mb,
                baseline_rss_mb=static.max_rss_mb,
                note=note, extra={"generated": gen_info, "static": static_info,
                                  "nav_entries": nav_entries}))
            if serve_fig is not None:
                self.figures.append(serve_fig)
            if not last:
                shutil.rmtree(root, ignore_errors=True)
                shutil.rmtree(dump, ignore_errors=True)
                self._fleets.pop((s.clusters, per_cluster), None)
        if only_serve:
            return
        small, big = s.site[0], s.site[-1]
        self.figures.append(Figure(
            "site.bytes_per_page", f"(c) bytes per HTML page, {s.clusters * big} vs "
            f"{s.clusters * small} components", per_page[big]["bytes_per_page"], unit="B",
            baseline=per_page[small]["bytes_per_page"],
            baseline_label=f"at {s.clusters * small} components", target=1.5,
            note=f"median page {per_page[big]['median_page_bytes'] / 1024:.1f} KiB vs "
                 f"{per_page[small]['median_page_bytes'] / 1024:.1f} KiB; 404.html (theme + "
                 f"navigation only) {(per_page[big]['page_404_bytes'] or 0) / 1024:.1f} KiB vs "
                 f"{(per_page[small]['page_404_bytes'] or 0) / 1024:.1f} KiB"))

    def serve(self, root: Path, dump: Path, n: int, cold: Proc) -> Figure:
        port = _free_port()
        base = f"http://127.0.0.1:{port}/"
        log_path = self.logs / f"serve-{n}.log"
        env = _env({"TMPDIR": str(self.tmp), "FLUX_BENCH_DUMP": str(dump)})
        self.say(f"(d) mkdocs serve --dirty on {base}, {n} components: waiting for the first "
                 "build")
        with open(log_path, "wb") as log:
            started = time.perf_counter()
            proc = subprocess.Popen(
                [sys.executable, "-m", "mkdocs", "serve", "-f", str(root / "mkdocs-serve.yml"),
                 "--dev-addr", f"127.0.0.1:{port}", "--livereload", "--dirty"],
                cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
            reaped: tuple[int, Any] | None = None
            try:
                _wait_http(base, proc, SERVE_START_TIMEOUT)
                first = time.perf_counter() - started
                rows = json.loads(_get(base + "inventory.json") or b"[]")
                target = _pick_release(rows)
                page = base + target["page"]
                marker = f"ПозначкаБенчмарку{os.getpid()}x{int(time.time())}"
                body = _get(page)
                if body is None or marker.encode() in body:
                    raise RuntimeError(f"cannot read {page} before the edit")
                path = root / target["file"]
                text = path.read_text("utf-8")
                edited = _edit_description(text, marker)
                self.say(f"(d) first build after {first:.1f} s; editing {target['file']}")
                cpu_before = _proc_cpu(proc.pid)
                path.write_text(edited, "utf-8")
                edit_at = time.perf_counter()
                visible = visible_cpu = None
                deadline = edit_at + SERVE_EDIT_TIMEOUT
                while time.perf_counter() < deadline and proc.poll() is None:
                    body = _get(page)
                    if body is not None and marker.encode() in body:
                        visible = time.perf_counter() - edit_at
                        visible_cpu = _proc_cpu(proc.pid) - cpu_before
                        break
                    time.sleep(0.2)
                self.say("(d) edit visible after "
                         + (f"{visible:.1f} s" if visible is not None else "TIMEOUT"))
            finally:
                reaped = _stop(proc)
        code, usage = reaped
        log_text = log_path.read_text("utf-8", "replace")
        builds = re.findall(r"Documentation built in ([0-9.]+) seconds", log_text)
        gen_times = re.findall(r"flux-catalog: .*?([0-9.]+) s$", log_text, re.M)
        return Figure(
            f"serve.edit.{n}", f"(d) serve --dirty: edit -> page visible, {n} components",
            visible, target=0.05,
            baseline=cold.seconds, baseline_label="cold mkdocs build", cpu=visible_cpu,
            baseline_cpu=cold.cpu, max_rss_mb=usage.ru_maxrss / 1024,
            baseline_rss_mb=cold.max_rss_mb,
            note=f"first build {first:.1f} s; builds logged: {', '.join(builds)} s; "
                 f"flux-catalog per build: {', '.join(gen_times)} s; edited {target['file']}",
            extra={"first_build": first, "builds": builds, "gen_pages": gen_times,
                   "page": target["page"], "exit": code})

    # ---------------------------------------------------------------------------------------


def _without_plugin(text: str, name: str) -> tuple[str, bool]:
    """mkdocs.yml text without the ``- name`` item (and its settings) under ``plugins:``."""
    out: list[str] = []
    skip: int | None = None
    removed = False
    for line in text.splitlines(keepends=True):
        indent = len(line) - len(line.lstrip())
        if skip is not None:
            if not line.strip() or indent > skip:
                continue
            skip = None
        if re.match(rf"^\s*-\s*{re.escape(name)}\s*:?\s*$", line):
            skip = indent
            removed = True
            continue
        out.append(line)
    return "".join(out), removed


def _count_nav(nav: Any) -> int:
    if isinstance(nav, list):
        return sum(_count_nav(item) for item in nav)
    if isinstance(nav, dict):
        return sum(1 + (_count_nav(v) if isinstance(v, list) else 0) for v in nav.values())
    return 1


def _with_docs_dir(text: str, docs_dir: str) -> str:
    if re.search(r"^docs_dir:", text, re.M):
        return re.sub(r"^docs_dir:.*$", f"docs_dir: {docs_dir}", text, flags=re.M)
    return f"docs_dir: {docs_dir}\n" + text


def _with_hook(text: str, hook: str) -> str:
    match = re.search(r"^hooks:[ \t]*\n", text, re.M)
    if match is None:
        return text.rstrip("\n") + f"\n\nhooks:\n  - {hook}\n"
    return text[: match.end()] + f"  - {hook}\n" + text[match.end():]


def _proc_cpu(pid: int) -> float:
    """User + system CPU seconds of a running process so far (Linux /proc)."""
    with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
        fields = fh.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _gen_pages_seconds(log: str) -> float | None:
    found = re.findall(r"flux-catalog: .*?([0-9.]+) s$", log, re.M)
    return float(found[-1]) if found else None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # 127.0.0.1, no proxy


def _get(url: str) -> bytes | None:
    try:
        with _OPENER.open(url, timeout=30) as response:
            return response.read() if response.status == 200 else None
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


def _wait_http(url: str, proc: subprocess.Popen, timeout: float) -> None:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"mkdocs serve exited with {proc.returncode}")
        if _get(url) is not None:
            return
        time.sleep(0.25)
    raise TimeoutError(f"mkdocs serve did not answer on {url} within {timeout:.0f} s")


def _stop(proc: subprocess.Popen) -> tuple[int, Any]:
    """Stop the server this benchmark started: Ctrl-C first (it cleans up), then SIGKILL."""
    for sig, wait in ((signal.SIGINT, 20.0), (signal.SIGKILL, 20.0)):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, sig)
        try:
            code, usage = _reap(proc.pid, wait)
            proc.returncode = code
            return code, usage
        except ChildProcessError:
            break
        except TimeoutError:
            continue
    raise RuntimeError(f"could not stop mkdocs serve (pid {proc.pid})")


def _pick_release(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """A deployed HelmRelease with a page and dependencies, in the middle of the fleet."""
    releases = [r for r in rows if r.get("kind") == "HelmRelease" and r.get("page")
                and r.get("deployed") and str(r.get("file", "")).endswith("release.yaml")]
    if not releases:
        raise RuntimeError("inventory.json lists no HelmRelease with a page")
    with_deps = [r for r in releases if r.get("depends_on")] or releases
    return with_deps[len(with_deps) // 2]


def _edit_description(text: str, marker: str) -> str:
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if "kubernetes.io/description:" in line:
            nxt = lines[i + 1]
            indent = nxt[: len(nxt) - len(nxt.lstrip())]
            lines[i + 1] = f"{indent}{marker} {nxt.lstrip()}"
            return "\n".join(lines)
    raise RuntimeError("no kubernetes.io/description to edit")


# -- main ------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["_worker"]:
        print(json.dumps(WORKERS[argv[1]](json.loads(argv[2]))))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, for a smoke test")
    parser.add_argument("--skip-site", action="store_true", help="only check (parts a and b)")
    parser.add_argument("--skip-serve", action="store_true", help="no mkdocs serve (part d)")
    parser.add_argument("--only-serve", action="store_true",
                        help="only part d (each size's serve edit against its own cold build)")
    parser.add_argument("--work", type=Path, default=PROJECT / "build" / "bench" / "work",
                        help="scratch directory (deleted first)")
    parser.add_argument("--out", type=Path, default=PROJECT / "build" / "bench" / "results.json")
    parser.add_argument("--keep", action="store_true", help="keep the generated fleets and sites")
    args = parser.parse_args(argv)

    sizes = QUICK if args.quick else FULL
    args.work = args.work.resolve()
    args.out = args.out.resolve()
    if args.work.exists():
        shutil.rmtree(args.work)
    args.work.mkdir(parents=True)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    bench = Bench(args.work, sizes, sys.stderr, args.out.parent)
    compile_engine()
    load_before = os.getloadavg()[0]
    cpus = os.cpu_count() or 1
    if load_before > cpus / 2:
        bench.say(f"the machine is busy (load average {load_before:.1f} on {cpus} CPUs): wall "
                  "times will be noisy; the CPU-time ratios are the steadier figures")
    started = time.perf_counter()
    error = None
    try:
        if args.only_serve:
            bench.site(serve=True, only_serve=True)
        else:
            bench.check()
            bench.big_check()
            if not args.skip_site:
                bench.site(serve=not args.skip_serve)
    except Exception as exc:  # report what was measured, then fail
        error = f"{type(exc).__name__}: {exc}"
        bench.say(f"benchmark failed: {error}")
    elapsed = time.perf_counter() - started
    results = {
        "quick": args.quick,
        "seed": SEED,
        "clusters": sizes.clusters,
        "elapsed_seconds": round(elapsed, 1),
        "machine": {"python": platform.python_version(), "platform": platform.platform(),
                    "cpus": cpus, "load_average_before": load_before,
                    "load_average_after": list(os.getloadavg())},
        "facts": bench.facts,
        "error": error,
        "figures": [f.as_dict() for f in bench.figures],
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", "utf-8")
    print()
    print(f"flux-catalog benchmark ({'quick' if args.quick else 'full'}; {sizes.clusters} "
          f"clusters; floor loader: {bench.facts.get('floor_loader', '?')}; "
          f"{bench.facts.get('yaml_files', '?')} YAML files, "
          f"{bench.facts.get('yaml_bytes', 0) / 1e6:.1f} MB at {sizes.clusters * sizes.check} "
          f"HelmReleases)")
    print()
    print_table(bench.figures)
    print()
    print(f"total {elapsed:.0f} s on {cpus} CPUs (load average {load_before:.1f} before, "
          f"{os.getloadavg()[0]:.1f} after); results in {args.out}")
    print("wall = elapsed seconds; CPU = user+system seconds of the measured process, which "
          "other load on the machine disturbs far less; peak RSS from os.wait4")
    if not args.keep:
        shutil.rmtree(args.work, ignore_errors=True)
    if error:
        print(f"benchmark failed: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""``flux-catalog``: the docs gate (``check``) and the component inventory (``inventory``)."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from . import __version__, baseline
from .cache import cache_dir, cached_check
from .crd_data import bundled_crds
from .diff_args import add_parser as add_diff_parser
from .model import ERROR, WARNING, Problem
from .paths import find_repo_root
from .report.problems import format_problem, problems_json, summary

if TYPE_CHECKING:
    from .model import Catalog

# The engine (walk, resolve, rules) and the inventory are imported where they are used: a
# check that the cache replays needs none of them (most of its run is imports).

EPILOG = """\
examples:
  flux-catalog check                      # gate the 'clusters' directory of this repository
  flux-catalog check clusters/p72-flux --strict
  flux-catalog check --format json > problems.json
  flux-catalog check --crds ../flux-crds  # validate against CRDs kept elsewhere
  flux-catalog inventory --format csv > inventory.csv
  flux-catalog inventory ~/src/fleet-infra/clusters --repo-root ~/src/fleet-infra
  flux-catalog build clusters/p72-flux/monitoring  # kustomize build, with provenance
  flux-catalog diff origin/main --format markdown  # what a branch changes, for a PR comment
  flux-catalog init ~/src/fleet-infra     # a starter mkdocs.yml and docs/index.md

exit codes: 0 clean, 1 errors found (or warnings with --strict), 2 usage error;
info (what the engine cannot know) never fails. With --baseline FILE only problems
not in FILE count (write it with --write-baseline FILE).
"""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # exit 2 with a one-line message, never a traceback
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: error: {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="flux-catalog",
        description="Catalog what a Flux GitOps repository deploys, and gate its documentation.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "paths",
            nargs="*",
            metavar="PATH",
            help="directories or files to catalog (default: the policy's paths, "
            "usually 'clusters')",
        )
        p.add_argument(
            "--repo-root",
            type=Path,
            help="repository root (default: the enclosing Git work tree, else PATH)",
        )
        p.add_argument(
            "--crds",
            type=Path,
            action="append",
            default=[],
            help="directory or file with CustomResourceDefinitions for schema checks "
            "(repeatable; replaces the Flux CRDs shipped with flux-catalog; CRDs in the "
            "repository are always used)",
        )
        p.add_argument(
            "--source",
            action="append",
            default=[],
            metavar="NAME=DIR",
            help="a Flux source that is a directory of this repository: NAME is "
            "[namespace/]name of a GitRepository, OCIRepository or Bucket, DIR the directory "
            "its artifact holds (repeatable)",
        )
        p.add_argument("--color", choices=("auto", "always", "never"), default="auto")

    check = sub.add_parser(
        "check",
        help="report undocumented, undeployed, dangling or invalid manifests",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    common(check)
    check.add_argument(
        "--format",
        choices=("text", "github", "json"),
        default=None,
        help="output format (default: github under GitHub Actions, else text)",
    )
    check.add_argument("--strict", action="store_true", help="fail on warnings too")
    check.add_argument("--no-cache", action="store_true",
                       help="neither read nor write the check cache (see $FLUX_CATALOG_CACHE_DIR)")
    check.add_argument("--baseline", type=Path, metavar="FILE",
                       help="report (and fail on) only problems not listed in FILE")
    check.add_argument("--write-baseline", type=Path, metavar="FILE",
                       help="write today's errors and warnings to FILE and exit 0")

    inventory = sub.add_parser(
        "inventory",
        help="list every Kubernetes object with chart, version, source, deployment",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    common(inventory)
    inventory.add_argument("--format", choices=("table", "json", "csv"), default="table")

    build = sub.add_parser(
        "build",
        help="what a kustomize build of DIR produces, with where each object came from",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    build.add_argument("directory", metavar="DIR", type=Path)
    build.add_argument("--flux", action="store_true",
                       help="build a directory without kustomization.yaml as Flux does")
    build.add_argument("--repo-root", type=Path,
                       help="repository root (default: the enclosing Git work tree)")
    build.add_argument("--format", choices=("yaml", "json"), default="yaml")
    add_diff_parser(sub)
    init = sub.add_parser(
        "init",
        help="write a starter mkdocs.yml and docs/index.md (existing files are kept)",
    )
    init.add_argument("repo", nargs="?", type=Path, default=Path("."), metavar="REPO",
                      help="the repository (default: the current directory)")
    init.add_argument("--title", help="site_name (default: '<directory>: Flux catalog')")
    init.add_argument("--language", choices=("uk", "en"), default="uk",
                      help="language of the site (default: uk)")
    return parser


def entry() -> NoReturn:
    """The ``flux-catalog`` command: :func:`main`, then an exit that skips tearing the heap
    down. A check leaves millions of objects (parsed files, catalogs) that the interpreter
    would free one by one on the way out: about a tenth of a cold run, for nothing."""
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # the reader stopped early (``| head``): nothing left to say
        pass
    except OSError as exc:  # a full disk behind a redirection: the output is not whole
        with contextlib.suppress(OSError):
            os.write(2, f"flux-catalog: error: cannot write the output: {exc}\n".encode())
        code = code or 1
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "diff":
            from .diff.command import run as run_diff

            return run_diff(args)
        return _run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


def _resolve_scope(args: argparse.Namespace) -> tuple[Path, list[str] | None] | str:
    paths = [Path(p) for p in args.paths]
    for path in paths:
        if not path.exists():
            return f"path does not exist: {path}"
    if args.repo_root is not None:
        root = args.repo_root.resolve()
        if not root.is_dir():
            return f"repository root is not a directory: {args.repo_root}"
    else:
        root = find_repo_root(paths[0] if paths else Path.cwd())
    scope: list[str] | None = None
    if paths:
        scope = []
        for path in paths:
            try:
                rel = path.resolve().relative_to(root).as_posix()
            except ValueError:
                return f"{path} is outside the repository root {root}"
            scope.append("" if rel == "." else rel)
    return root, scope


def _source_dirs(root: Path, entries: list[str]) -> dict[str, str] | str:
    out: dict[str, str] = {}
    for entry in entries:
        name, sep, directory = entry.partition("=")
        if not sep or not name or not directory:
            return f"--source wants NAME=DIR, got {entry!r}"
        path = Path(directory)
        path = path if path.is_absolute() else root / path
        try:
            rel = path.resolve().relative_to(root).as_posix()
        except ValueError:
            return f"--source {name}: {directory} is outside the repository root {root}"
        if not path.is_dir():
            return f"--source {name}: {directory} is not a directory"
        out[name] = "" if rel == "." else rel
    return out


def _build(args: argparse.Namespace) -> int:
    from . import buildview

    directory: Path = args.directory
    if not directory.is_dir():
        print(f"flux-catalog: error: not a directory: {directory}", file=sys.stderr)
        return 2
    root = args.repo_root.resolve() if args.repo_root else find_repo_root(directory)
    try:
        rel = directory.resolve().relative_to(root).as_posix()
    except ValueError:
        print(f"flux-catalog: error: {directory} is outside the repository root {root}",
              file=sys.stderr)
        return 2
    resources, problems = buildview.build(root, "" if rel == "." else rel, args.flux)
    buildview.write(resources, args.format)
    for p in problems:
        print(format_problem(p), file=sys.stderr)
    return 1 if any(p.level == ERROR for p in problems) else 0


def _run(args: argparse.Namespace) -> int:
    if args.command == "build":
        return _build(args)
    if args.command == "init":
        return _init(args)
    resolved = _resolve_scope(args)
    if isinstance(resolved, str):
        print(f"flux-catalog: error: {resolved}", file=sys.stderr)
        return 2
    root, scope = resolved
    if scope is None and not args.paths:
        from .policy import load_policy

        policy, _ = load_policy(root)
        missing = [p for p in policy.paths if not (root / p).exists()]
        if missing:
            print(f"flux-catalog: error: path does not exist: {root / missing[0]}", file=sys.stderr)
            return 2
    for crd in args.crds:
        if not crd.exists():
            print(f"flux-catalog: error: --crds path does not exist: {crd}", file=sys.stderr)
            return 2
    sources = _source_dirs(root, args.source)
    if isinstance(sources, str):
        print(f"flux-catalog: error: {sources}", file=sys.stderr)
        return 2
    crds = tuple(c.resolve() for c in args.crds) or bundled_crds()
    color = _use_color(args.color, sys.stdout)
    if args.command == "check":
        from .policy import load_policy

        def compute(stored: Any, changed: set[str] | None
                    ) -> tuple[list[Problem], tuple[int, int], Any, set[str], set[str]]:
            from .cache import units

            policy, policy_problems = load_policy(root.resolve())
            paths = scope if scope is not None else list(policy.paths)
            previous = None
            if stored is not None:
                try:
                    previous = units.State.from_json(stored)
                except (KeyError, TypeError, ValueError, IndexError):
                    previous = None
            done = units.check(root.resolve(), [p.strip("/") for p in paths], policy,
                               policy_problems, sources, crds, previous, changed)
            return (done.problems, done.counts,
                    done.state.to_json() if done.state else None, done.read, done.fresh)

        config = {"command": "check", "scope": scope, "sources": sources,
                  "crds": [str(c) for c in crds]}
        # The policy's `crds` may lie outside the root (a directory shared by repositories):
        # their files are inputs as much as `--crds` ones.
        policy_crds = [(root / extra).resolve() for extra in load_policy(root)[0].crds]
        problems, counts = cached_check(None if args.no_cache else cache_dir(), root, config,
                                        (*crds, *policy_crds), compute)
        return _check(args, counts, problems, color)
    from .resolve import build_catalog
    from .rules import run as run_rules

    catalog, policy = build_catalog(root, scope, source_dirs=sources)
    problems = run_rules(catalog, policy, crds)
    return _inventory(args, catalog, problems, color)


def _init(args: argparse.Namespace) -> int:
    from .init import init

    if not args.repo.is_dir():
        print(f"flux-catalog: error: not a directory: {args.repo}", file=sys.stderr)
        return 2
    for path, written in init(args.repo, args.title, args.language):
        state = "wrote" if written else "kept the existing"
        print(f"flux-catalog: {state} {path}", file=sys.stderr)
    print("flux-catalog: next: pip install 'flux-catalog[site]' && mkdocs serve",
          file=sys.stderr)
    return 0


def _use_color(mode: str, stream: TextIO) -> bool:
    if mode == "always":
        return True
    if mode == "never" or os.environ.get("NO_COLOR"):
        return False
    return stream.isatty()


def _check(
    args: argparse.Namespace, counts: tuple[int, int], problems: list[Problem], color: bool
) -> int:
    fmt = args.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    out = sys.stdout
    if args.write_baseline is not None:
        count = baseline.write(args.write_baseline, problems)
        print(f"flux-catalog: wrote {count} problems to the baseline {args.write_baseline}",
              file=sys.stderr)
        return 0
    known = 0
    if args.baseline is not None:
        try:
            problems, known = baseline.new_problems(problems, baseline.read(args.baseline))
        except baseline.BaselineError as exc:
            print(f"flux-catalog: error: {exc}", file=sys.stderr)
            return 2
    if fmt == "json":
        out.write(problems_json(problems))
    else:
        for p in problems:
            out.write(format_problem(p, fmt, color) + "\n")
        print(summary(counts, problems), file=sys.stderr)
    if known:
        print(f"flux-catalog: {known} known problems from the baseline not shown",
              file=sys.stderr)
    failing = any(p.level == ERROR or (args.strict and p.level == WARNING) for p in problems)
    return 1 if failing else 0


def _inventory(
    args: argparse.Namespace, catalog: Catalog, problems: list[Problem], color: bool
) -> int:
    from .report.inventory import inventory_csv, inventory_rows, inventory_table

    rows = inventory_rows(catalog)
    out = sys.stdout
    if args.format == "json":
        json.dump(rows, out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif args.format == "csv":
        out.write(inventory_csv(rows))
    else:
        out.write(inventory_table(rows, color))
        print(summary(catalog, problems), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

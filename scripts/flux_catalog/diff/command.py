"""The ``diff`` subcommand: arguments, the two sides, and the chosen output."""

from __future__ import annotations

import argparse
import os
import sys
from contextlib import ExitStack
from pathlib import Path

from ..diff_args import DEFAULT_BASE
from .compare import compare
from .revision import RevisionError, Side, checkout, git_toplevel
from .snapshot import take
from .text import to_json, to_text


def run(args: argparse.Namespace) -> int:
    # Imported here: every CLI run builds this parser, and the Markdown report imports the
    # page renderers, which only `diff --format markdown` needs.
    from .markdown import to_markdown

    error = _usage_error(args)
    if error:
        print(f"flux-catalog: error: {error}", file=sys.stderr)
        return 2
    paths = [p.strip("/") for p in args.path] or None
    crds = tuple(c.resolve() for c in args.crds)
    try:
        with ExitStack() as stack:
            base_side, head_side = _sides(args, stack)
            base = take(base_side.root, base_side.label, paths, crds)
            head = take(head_side.root, head_side.label, paths, crds)
    except RevisionError as exc:
        print(f"flux-catalog: error: {exc}", file=sys.stderr)
        return 2
    report = compare(base, head)
    if args.format == "json":
        sys.stdout.write(to_json(report))
    elif args.format == "markdown":
        sys.stdout.write(to_markdown(report))
    else:
        sys.stdout.write(to_text(report, _color(args.color)))
    return 0


def _usage_error(args: argparse.Namespace) -> str | None:
    if args.base_dir is not None and args.base is not None and args.head is not None:
        return "give BASE and HEAD revisions, or --base-dir, not both"
    for flag, path in (("--base-dir", args.base_dir), ("--head-dir", args.head_dir)):
        if path is not None and not path.is_dir():
            return f"{flag} is not a directory: {path}"
    if args.head_dir is not None and args.head is not None:
        return "give a HEAD revision or --head-dir, not both"
    if args.repo_root is not None and not args.repo_root.is_dir():
        return f"repository root is not a directory: {args.repo_root}"
    for crd in args.crds:
        if not crd.exists():
            return f"--crds path does not exist: {crd}"
    for path in args.path:
        if path.startswith("/") or ".." in Path(path).parts:
            return f"--path must be relative to the repository root: {path}"
    return None


def _sides(args: argparse.Namespace, stack: ExitStack) -> tuple[Side, Side]:
    """The two directories to read; revisions are exported for as long as ``stack`` lives."""
    # With --base-dir, a single positional revision names the head.
    base_rev, head_rev = args.base, args.head
    if args.base_dir is not None and base_rev is not None:
        base_rev, head_rev = None, base_rev
    repo: Path | None = None

    def repository() -> Path:
        nonlocal repo
        if repo is None:
            repo = git_toplevel(args.repo_root or Path.cwd())
        return repo

    if args.base_dir is not None:
        base = Side(str(args.base_dir), args.base_dir.resolve())
    else:
        base = stack.enter_context(checkout(repository(), base_rev or DEFAULT_BASE))
    if args.head_dir is not None:
        head = Side(str(args.head_dir), args.head_dir.resolve())
    elif head_rev is not None:
        head = stack.enter_context(checkout(repository(), head_rev, reuse=base))
    else:
        root = repository() if args.base_dir is None or args.repo_root is None else \
            args.repo_root.resolve()
        head = stack.enter_context(checkout(root, None))
    return base, head


def _color(mode: str) -> bool:
    if mode == "always":
        return True
    if mode == "never" or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()

"""The arguments of ``flux-catalog diff``, apart from the diff package, so that building the
CLI's parser (every command does) does not import the comparison and its renderers."""

from __future__ import annotations

import argparse
from pathlib import Path

DEFAULT_BASE = "origin/main"

EPILOG = """\
examples:
  flux-catalog diff                          # origin/main against the work tree
  flux-catalog diff main                     # main against the work tree
  flux-catalog diff v1.4.0 HEAD --format markdown > comment.md
  flux-catalog diff --base-dir ../before --head-dir ../after --format json

Revisions are exported with `git archive` into a temporary directory; the work tree, the
index and .git are never changed. Exit codes: 0 whatever the diff, 2 on usage errors.
"""


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "diff",
        help="compare the catalog of two revisions: components, charts, values, docs, problems",
        description="Compare what Flux deploys, and how it is documented, between two "
        "revisions of the same Git repository (or two directories).",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("base", nargs="?", metavar="BASE",
                   help=f"base revision (default: {DEFAULT_BASE})")
    p.add_argument("head", nargs="?", metavar="HEAD",
                   help="head revision (default: the work tree)")
    p.add_argument("--base-dir", type=Path, help="read the base from this directory instead")
    p.add_argument("--head-dir", type=Path, help="read the head from this directory instead")
    p.add_argument("--repo-root", type=Path,
                   help="the Git repository (default: the one holding the current directory)")
    p.add_argument("--path", action="append", default=[], metavar="PATH",
                   help="catalog this repository-relative path on both sides (repeatable; "
                   "default: each side's policy paths, usually 'clusters')")
    p.add_argument("--crds", type=Path, action="append", default=[],
                   help="CustomResourceDefinitions for the schema rule (repeatable)")
    p.add_argument("--format", choices=("text", "markdown", "json"), default="text")
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto")

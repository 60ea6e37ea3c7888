"""Revisions of a Git repository as directories on disk, without touching the user's work tree.

A revision is exported with ``git archive`` into a temporary directory (the index, the work tree
and ``.git`` stay as they are); the work tree itself is read in place.
"""

from __future__ import annotations

import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

WORK_TREE = "work tree"
DEFAULT_BASE = "origin/main"
GIT_TIMEOUT = 300


class RevisionError(Exception):
    """A revision that cannot be read: not a Git repository, unknown revision, git missing."""


@dataclass(frozen=True)
class Side:
    """One side of a diff: how to name it in a report, and the directory to read."""

    label: str
    root: Path


def git_toplevel(path: Path) -> Path:
    """The top of the Git work tree holding ``path``."""
    out = _git(path, "rev-parse", "--show-toplevel")
    return Path(out.strip()).resolve()


def resolve_commit(repo: Path, revision: str) -> str:
    """The commit id ``revision`` names in ``repo``."""
    if revision.startswith("-"):
        raise RevisionError(f"not a revision: {revision}")
    return _git(repo, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}").strip()


@contextmanager
def checkout(repo: Path, revision: str | None) -> Iterator[Side]:
    """``revision`` of ``repo`` as a directory (``None``: the work tree, read in place)."""
    if revision is None:
        yield Side(WORK_TREE, repo)
        return
    commit = resolve_commit(repo, revision)
    with tempfile.TemporaryDirectory(prefix="flux-catalog-diff-") as tmp:
        dest = Path(tmp) / "tree"
        dest.mkdir()
        export(repo, commit, dest)
        yield Side(f"{revision} ({commit[:12]})" if revision != commit else commit[:12], dest)


def export(repo: Path, commit: str, dest: Path) -> None:
    """Write the files of ``commit`` into ``dest`` (``git archive``, read by ``tarfile``)."""
    with tempfile.TemporaryFile() as archive:
        try:
            proc = subprocess.run(
                ["git", "-C", str(repo), "archive", "--format=tar", commit],
                stdout=archive, stderr=subprocess.PIPE, timeout=GIT_TIMEOUT, check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise RevisionError(f"git archive failed: {exc}") from exc
        if proc.returncode != 0:
            raise RevisionError(_message(proc.stderr) or f"git archive {commit} failed")
        archive.seek(0)
        with tarfile.open(fileobj=archive, mode="r:") as tar:
            # The "data" filter refuses absolute paths, links out of dest and device files.
            tar.extractall(dest, filter="data")


def _git(cwd: Path, *args: str) -> str:
    try:
        proc = subprocess.run(
            ["git", "-C", str(cwd), *args], capture_output=True, text=True,
            timeout=GIT_TIMEOUT, check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise RevisionError(f"git failed: {exc}") from exc
    if proc.returncode != 0:
        if args[:1] == ("rev-parse",) and "--verify" in args:
            raise RevisionError(f"unknown revision: {args[-1].removesuffix('^{commit}')}")
        raise RevisionError(_message(proc.stderr) or f"git {' '.join(args)} failed")
    return proc.stdout


def _message(stderr: bytes | str) -> str:
    text = stderr.decode("utf-8", "replace") if isinstance(stderr, bytes) else stderr
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else ""

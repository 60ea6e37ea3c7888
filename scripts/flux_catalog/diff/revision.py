"""Revisions of a Git repository as directories on disk, without touching the user's work tree.

A revision is exported with ``git archive`` into a temporary directory (the index, the work tree
and ``.git`` stay as they are); the work tree itself is read in place. The second revision of a
diff reuses the first one's export: files whose blob did not change are hard-linked from it
(writing thousands of files costs more than building their catalog), only the changed ones are
archived again.
"""

from __future__ import annotations

import os
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

WORK_TREE = "work tree"
GIT_TIMEOUT = 300
# Beyond this many changed paths between two revisions, a full export is as quick as linking.
MAX_REUSED_CHANGES = 2000


class RevisionError(Exception):
    """A revision that cannot be read: not a Git repository, unknown revision, git missing."""


@dataclass(frozen=True)
class Side:
    """One side of a diff: how to name it in a report, and the directory to read."""

    label: str
    root: Path
    commit: str | None = None  # the exported commit; None for a directory read in place


def git_toplevel(path: Path) -> Path:
    """The top of the Git work tree holding ``path``."""
    out = _git(path, "rev-parse", "--show-toplevel")
    return Path(out.strip()).resolve()


def resolve_commit(repo: Path, revision: str) -> str:
    """The commit id ``revision`` names in ``repo``."""
    if revision.startswith("-"):
        raise RevisionError(f"not a revision: {revision}")
    return _git(repo, "rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}").strip()


def has_local_changes(repo: Path, path: Path) -> bool:
    """Whether the work tree below ``path`` differs from HEAD (edits, staged or not, and
    files Git does not track yet)."""
    return bool(_git(repo, "status", "--porcelain", "--untracked-files=all", "--",
                     str(path)).strip())


@contextmanager
def checkout(repo: Path, revision: str | None, reuse: Side | None = None) -> Iterator[Side]:
    """``revision`` of ``repo`` as a directory (``None``: the work tree, read in place).

    ``reuse``, another revision of ``repo`` exported by this function and alive for as long as
    this one, lends its unchanged files.
    """
    if revision is None:
        yield Side(WORK_TREE, repo)
        return
    commit = resolve_commit(repo, revision)
    with tempfile.TemporaryDirectory(prefix="flux-catalog-diff-") as tmp:
        dest = Path(tmp) / "tree"
        dest.mkdir()
        if reuse is None or reuse.commit is None or not _export_changes(repo, reuse, commit,
                                                                        dest):
            export(repo, commit, dest)
        label = f"{revision} ({commit[:12]})" if revision != commit else commit[:12]
        yield Side(label, dest, commit)


def _export_changes(repo: Path, other: Side, commit: str, dest: Path) -> bool:
    """``commit`` into the empty ``dest`` as ``other``'s files, hard-linked, plus the paths
    that differ between the two commits, archived. False (``dest`` emptied) when not worth it
    or not possible (another file system)."""
    assert other.commit is not None
    out = _git(repo, "diff", "--raw", "-z", "--no-renames", "--no-ext-diff", other.commit,
               commit)
    fields = out.split("\0")
    changed: set[str] = set()
    present: list[str] = []
    for meta, path in zip(fields[0::2], fields[1::2], strict=False):
        if not meta.startswith(":"):
            continue
        changed.add(path)
        if not meta.endswith(" D"):
            present.append(path)
    if len(changed) > MAX_REUSED_CHANGES or any(
            p == ".gitattributes" or p.endswith("/.gitattributes") for p in changed):
        return False  # (export-ignore may differ for unchanged files)
    try:
        _link_tree(other.root, dest, changed)
    except OSError:
        for child in dest.iterdir():
            _remove(child)
        return False
    if present:
        try:
            export(repo, commit, dest, [f":(literal){p}" for p in present])
        except RevisionError:
            for child in dest.iterdir():
                _remove(child)
            return False
    return True


def _link_tree(src: Path, dest: Path, skip: set[str]) -> None:
    """Hard links in ``dest`` to every file (and symlink) below ``src`` not in ``skip``;
    directories are made as their files need them."""
    made = {""}
    for base, dirs, files in os.walk(src):
        rel_base = os.path.relpath(base, src)
        rel_base = "" if rel_base == "." else rel_base.replace(os.sep, "/")
        names = files + [d for d in dirs if os.path.islink(os.path.join(base, d))]
        for name in names:
            rel = f"{rel_base}/{name}" if rel_base else name
            if rel in skip:
                continue
            if rel_base not in made:
                os.makedirs(dest / rel_base, exist_ok=True)
                made.add(rel_base)
            os.link(os.path.join(base, name), dest / rel, follow_symlinks=False)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        for child in path.iterdir():
            _remove(child)
        path.rmdir()
    else:
        path.unlink()


def export(repo: Path, commit: str, dest: Path, pathspecs: list[str] | None = None) -> None:
    """Write the files of ``commit`` (only those ``pathspecs`` match, if given) into ``dest``
    (``git archive``, read by ``tarfile``)."""
    with tempfile.TemporaryFile() as archive:
        try:
            proc = subprocess.run(
                ["git", "-C", str(repo), "archive", "--format=tar", commit, "--",
                 *(pathspecs or ())],
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

"""Revisions of a Git repository as directories on disk, without touching the user's work tree.

A revision is exported into a temporary directory, every blob as a clone has it (the index,
the work tree and ``.git`` stay as they are); the work tree itself is read in place. The second
revision of a diff reuses the first one's export: files whose blob did not change are
hard-linked from it (writing thousands of files costs more than building their catalog), only
the changed ones are exported again.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import tempfile
import threading
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
    that differ between the two commits, exported. False (``dest`` emptied) when not worth it
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
    if len(changed) > MAX_REUSED_CHANGES:
        return False
    try:
        _link_tree(other.root, dest, changed)
    except OSError:
        for child in dest.iterdir():
            _remove(child)
        return False
    if present:
        try:
            export(repo, commit, dest, set(present))
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


def export(repo: Path, commit: str, dest: Path, paths: set[str] | None = None) -> None:
    """Write the files of ``commit`` (only ``paths``, if given) into ``dest`` as
    source-controller's clone has them: every blob as committed, symlinks as links.

    Not ``git archive``: it applies ``.gitattributes`` (drops ``export-ignore`` files,
    expands ``export-subst`` placeholders, converts line endings and runs smudge filters),
    which a clone does not. Git trees hold no absolute path and no ``..``; an entry that
    does, or that would be written through a link, is skipped."""
    entries = _tree_entries(repo, commit)
    if paths is not None:
        entries = [e for e in entries if e[2] in paths]
    files = [e for e in entries if e[0] in (b"100644", b"100755", b"120000")]
    contents = _blobs(repo, sorted({sha for _, sha, _ in files}))
    root = os.path.realpath(dest)
    made = {root}  # directories made here, below no link
    # links last: a file is never written through a link this export made
    for mode, sha, rel in sorted(files, key=lambda e: e[0] == b"120000"):
        target = os.path.join(root, *rel.split("/"))
        parent = os.path.dirname(target)
        if not _safe(rel):
            continue
        if parent not in made:
            if os.path.realpath(parent) != parent:
                continue
            os.makedirs(parent, exist_ok=True)
            made.add(parent)
        if mode == b"120000":
            with contextlib.suppress(FileExistsError):
                os.symlink(os.fsdecode(contents[sha]), target)
            continue
        with open(target, "wb") as fh:
            fh.write(contents[sha])
        if mode == b"100755":
            os.chmod(target, 0o755)
    for mode, _, rel in entries:
        if mode == b"160000" and _safe(rel):  # a submodule: an empty directory, as cloned
            os.makedirs(os.path.join(root, *rel.split("/")), exist_ok=True)


def _safe(rel: str) -> bool:
    parts = rel.split("/")
    return bool(rel) and not rel.startswith("/") and all(
        p not in ("", ".", "..", ".git") for p in parts)


def _tree_entries(repo: Path, commit: str) -> list[tuple[bytes, str, str]]:
    """``(mode, blob id, path)`` of every entry of ``commit``'s tree, recursively."""
    out = _git_bytes(repo, "ls-tree", "-r", "-z", "--full-tree", commit)
    entries = []
    for record in out.split(b"\0"):
        if not record:
            continue
        meta, _, path = record.partition(b"\t")
        mode, _, sha = meta.split(b" ", 2)
        entries.append((mode, sha.decode(), os.fsdecode(path)))
    return entries


def _blobs(repo: Path, shas: list[str]) -> dict[str, bytes]:
    """The content of each blob (one ``git cat-file --batch``, fed from a thread so that
    neither pipe fills up while the other waits)."""
    if not shas:
        return {}
    try:
        proc = subprocess.Popen(["git", "-C", str(repo), "cat-file", "--batch"],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL)
    except OSError as exc:
        raise RevisionError(f"git failed: {exc}") from exc
    assert proc.stdin is not None and proc.stdout is not None
    stdin = proc.stdin

    def feed() -> None:
        with contextlib.suppress(OSError):
            stdin.write("".join(f"{sha}\n" for sha in shas).encode())
        with contextlib.suppress(OSError):
            stdin.close()

    writer = threading.Thread(target=feed, daemon=True)
    writer.start()
    out: dict[str, bytes] = {}
    try:
        for sha in shas:
            header = proc.stdout.readline().split()
            if len(header) != 3 or header[1] != b"blob":
                raise RevisionError(f"git cat-file: cannot read blob {sha}")
            size = int(header[2])
            out[sha] = proc.stdout.read(size)
            proc.stdout.read(1)  # the newline after each object
    finally:
        proc.stdout.close()
        writer.join(timeout=GIT_TIMEOUT)
        proc.wait(timeout=GIT_TIMEOUT)
    return out


def _git_bytes(cwd: Path, *args: str) -> bytes:
    try:
        proc = subprocess.run(["git", "-C", str(cwd), *args], capture_output=True,
                              timeout=GIT_TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise RevisionError(f"git failed: {exc}") from exc
    if proc.returncode != 0:
        raise RevisionError(_message(proc.stderr) or f"git {' '.join(args)} failed")
    return proc.stdout


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

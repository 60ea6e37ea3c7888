"""The second revision of a diff reuses the first one's export: same tree as a full export."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from flux_catalog.diff.revision import checkout


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        check=True, capture_output=True, text=True, timeout=60).stdout


def _tree(root: Path) -> dict[str, tuple[str, bytes]]:
    """Every entry below ``root``: kind and content (a symlink's target)."""
    out: dict[str, tuple[str, bytes]] = {}
    for base, dirs, files in os.walk(root):
        for name in dirs + files:
            path = Path(base) / name
            rel = path.relative_to(root).as_posix()
            if path.is_symlink():
                out[rel] = ("link", os.readlink(path).encode())
            elif path.is_dir():
                out[rel] = ("dir", b"")
            else:
                out[rel] = ("file", path.read_bytes())
    return out


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    (repo / "apps" / "a").mkdir(parents=True)
    (repo / "apps" / "gone").mkdir(parents=True)
    (repo / "apps" / "a" / "release.yaml").write_text("kind: HelmRelease\nv: 1\n")
    (repo / "apps" / "a" / "same.yaml").write_text("kind: ConfigMap\n")
    (repo / "apps" / "gone" / "x.yaml").write_text("kind: ConfigMap\n")
    (repo / "apps" / "file-then-dir").write_text("a file\n")
    (repo / "odd name [1]*.yaml").write_text("kind: ConfigMap\n")
    (repo / "apps" / "link.yaml").symlink_to("a/same.yaml")
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "base")
    (repo / "apps" / "a" / "release.yaml").write_text("kind: HelmRelease\nv: 2\n")
    (repo / "apps" / "gone" / "x.yaml").unlink()
    (repo / "apps" / "gone").rmdir()
    (repo / "apps" / "file-then-dir").unlink()
    (repo / "apps" / "file-then-dir").mkdir()
    (repo / "apps" / "file-then-dir" / "new.yaml").write_text("kind: Namespace\n")
    (repo / "odd name [1]*.yaml").write_text("kind: Secret\n")
    (repo / "apps" / "link.yaml").unlink()
    (repo / "apps" / "link.yaml").symlink_to("a/release.yaml")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "head")
    return repo


def test_reused_export_equals_a_full_export(repo: Path) -> None:
    with checkout(repo, "HEAD~1") as base, checkout(repo, "HEAD", reuse=base) as head, \
            checkout(repo, "HEAD") as full:
        assert _tree(head.root) == _tree(full.root)
        assert _tree(head.root) != _tree(base.root)
        # unchanged files are shared with the base export, changed ones are not
        same = (head.root / "apps" / "a" / "same.yaml").stat()
        assert same.st_ino == (base.root / "apps" / "a" / "same.yaml").stat().st_ino
        changed = (head.root / "apps" / "a" / "release.yaml").stat()
        assert changed.st_ino != (base.root / "apps" / "a" / "release.yaml").stat().st_ino
    # and the other way round (deletions and additions swapped)
    with checkout(repo, "HEAD") as head, checkout(repo, "HEAD~1", reuse=head) as base, \
            checkout(repo, "HEAD~1") as full:
        assert _tree(base.root) == _tree(full.root)


def test_reuse_of_the_same_commit_links_everything(repo: Path) -> None:
    with checkout(repo, "HEAD") as one, checkout(repo, "main", reuse=one) as two:
        assert _tree(one.root) == _tree(two.root)


def test_a_revision_is_read_as_flux_clones_it(tmp_path: Path) -> None:
    # source-controller clones the repository: every blob as committed. `git archive` would
    # drop export-ignore files, expand export-subst placeholders and refuse the whole export
    # for a symlink leading out of the repository (the catalog reports that link itself).
    repo = tmp_path / "repo"
    (repo / "apps").mkdir(parents=True)
    (repo / ".gitattributes").write_text("apps/hidden.yaml export-ignore\n"
                                         "apps/stamped.yaml export-subst\n")
    (repo / "apps" / "hidden.yaml").write_text("kind: ConfigMap\n")
    (repo / "apps" / "stamped.yaml").write_text("kind: ConfigMap\nv: $Format:%H$\n")
    (repo / "apps" / "out.yaml").symlink_to("/etc/hostname")
    (repo / "apps" / "run.sh").write_text("#!/bin/sh\n")
    (repo / "apps" / "run.sh").chmod(0o755)
    _git(repo, "init", "-q", "-b", "main")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "base")
    with checkout(repo, "HEAD") as side:
        tree = _tree(side.root)
        assert tree["apps/hidden.yaml"] == ("file", b"kind: ConfigMap\n")
        assert tree["apps/stamped.yaml"] == ("file", b"kind: ConfigMap\nv: $Format:%H$\n")
        assert tree["apps/out.yaml"] == ("link", b"/etc/hostname")
        assert os.access(side.root / "apps" / "run.sh", os.X_OK)
        assert set(tree) == {".gitattributes", "apps", "apps/hidden.yaml", "apps/stamped.yaml",
                             "apps/out.yaml", "apps/run.sh"}

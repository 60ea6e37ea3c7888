"""FileSystem.is_file/is_dir answer as ``(root / rel).is_file()/is_dir()`` do, for every
shape of path a kustomization can write."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from flux_catalog.kustomize.fs import FileSystem

CASES = ["", ".", "a", "a/", "a/.", "./a", "a//f.yaml", "a/f.yaml", "a/f.yaml/", "a/f.yaml/.",
         "a/./f.yaml", "a/../a/f.yaml", "l/f.yaml", "l", "/", "missing", "a/\0x", "..",
         "a/missing/.."]


@pytest.mark.parametrize("rel", CASES)
def test_is_file_and_is_dir_match_pathlib(tmp_path: Path, rel: str) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "f.yaml").write_text("x: 1\n")
    os.symlink("a", tmp_path / "l")
    fs = FileSystem(tmp_path)
    assert fs.is_file(rel) == (tmp_path / rel).is_file()
    assert fs.is_dir(rel) == (tmp_path / rel).is_dir()


def test_an_absolute_path_is_taken_as_it_is(tmp_path: Path) -> None:
    (tmp_path / "f.yaml").write_text("x: 1\n")
    fs = FileSystem(tmp_path / "elsewhere")
    assert fs.is_file(str(tmp_path / "f.yaml"))
    assert fs.is_dir(str(tmp_path))

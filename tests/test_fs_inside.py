"""Path containment resolved once per directory still stops every way out of the repository."""

from __future__ import annotations

from pathlib import Path

from flux_catalog.kustomize import FileSystem
from flux_catalog.kustomize.fs import OUTSIDE


def test_links_out_are_found_at_any_depth_through_links_in(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "x.yaml").write_text("kind: ConfigMap\n")
    repo = tmp_path / "repo"
    (repo / "real" / "deep").mkdir(parents=True)
    (repo / "real" / "ok.yaml").write_text("kind: ConfigMap\n")
    (repo / "real" / "deep" / "ok.yaml").write_text("kind: ConfigMap\n")
    (repo / "real" / "deep" / "escape.yaml").symlink_to(outside / "x.yaml")
    (repo / "apps").mkdir()
    (repo / "apps" / "in").symlink_to(repo / "real", target_is_directory=True)
    (repo / "apps" / "out").symlink_to(outside, target_is_directory=True)
    (repo / "apps" / "up.yaml").symlink_to("../real/ok.yaml")
    found = dict(FileSystem(repo).yaml_files(""))
    assert found == {
        "apps/in/deep/escape.yaml": OUTSIDE,
        "apps/in/deep/ok.yaml": None,
        "apps/in/ok.yaml": None,
        "apps/out": OUTSIDE,
        "apps/up.yaml": None,
        "real/deep/escape.yaml": OUTSIDE,
        "real/deep/ok.yaml": None,
        "real/ok.yaml": None,
    }


def test_a_repository_reached_through_a_link_is_inside(tmp_path: Path) -> None:
    real = tmp_path / "real"
    (real / "a").mkdir(parents=True)
    (real / "a" / "x.yaml").write_text("kind: ConfigMap\n")
    (tmp_path / "alias").symlink_to(real, target_is_directory=True)
    fs = FileSystem(tmp_path / "alias")
    assert dict(fs.yaml_files("")) == {"a/x.yaml": None}
    assert fs.inside("a/x.yaml")

"""Adoption features: .flux-catalog.yaml, inline suppression, --baseline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from flux_catalog.cli import main
from flux_catalog.policy import load_policy
from flux_catalog.resolve import build_catalog
from flux_catalog.rules import run

from .repos import write_repo

APP = """\
apiVersion: v1
kind: ConfigMap
metadata:
  name: app
  namespace: flux-system
data:
  password: planted-adopt-01{line}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: other
  namespace: flux-system{doc}
data:
  token: planted-adopt-02
"""


def _repo(tmp_path: Path, line: str = "", doc: str = "") -> Path:
    return write_repo(tmp_path / "repo", {"clusters/c/app.yaml": APP.format(line=line, doc=doc)},
                      cluster="c")


def _secrets(root: Path) -> list[int]:
    catalog, policy = build_catalog(root, ["clusters"])
    return [p.line for p in run(catalog, policy) if p.rule == "plaintext-secret"]


def test_yaml_policy_is_read_and_wins_over_pyproject(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    (root / "pyproject.toml").write_text(
        '[tool.flux-catalog]\nreadme = "error"\nlevels = { chart-unpinned = "error" }\n')
    (root / ".flux-catalog.yaml").write_text(
        "readme: off\nlevels:\n  plaintext-secret: warning\nexternal: [Secret/a/b]\n")
    policy, problems = load_policy(root)
    assert problems == []
    assert policy.readme == "off"
    assert policy.levels == {"plaintext-secret": "warning"}
    assert policy.external == ("Secret/a/b",)


def test_unknown_keys_and_rule_ids_are_errors(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    (root / ".flux-catalog.yaml").write_text(
        "paths: [clusters]\nignore: [x]\nlevels:\n  plaintext-secrets: off\n")
    _, problems = load_policy(root)
    messages = sorted((p.path, p.line, p.message) for p in problems)
    assert messages[0][:2] == (".flux-catalog.yaml", 2) and "unknown key 'ignore'" in messages[0][2]
    assert messages[1][:2] == (".flux-catalog.yaml", 3)
    assert "unknown rule 'plaintext-secrets'" in messages[1][2]
    assert all(p.level == "error" and p.rule == "policy" for p in problems)


def test_every_rule_id_of_every_rule_is_known_to_the_policy(tmp_path: Path) -> None:
    """description-language is the second id of the description rule, not a rule module."""
    root = _repo(tmp_path)
    (root / ".flux-catalog.yaml").write_text("levels:\n  description-language: off\n")
    policy, problems = load_policy(root)
    assert problems == []
    assert policy.levels == {"description-language": "off"}


def test_a_broken_yaml_policy_is_a_problem_not_a_traceback(tmp_path: Path) -> None:
    root = _repo(tmp_path)
    (root / ".flux-catalog.yaml").write_text("levels: [\n")
    _, problems = load_policy(root)
    assert len(problems) == 1 and problems[0].path == ".flux-catalog.yaml"


def test_inline_suppression_of_a_line_and_of_a_document(tmp_path: Path) -> None:
    assert _secrets(_repo(tmp_path)) == [7, 15]
    line = "  # flux-catalog: disable-line=plaintext-secret"
    assert _secrets(_repo(tmp_path, line=line)) == [15]
    doc = "\n  # flux-catalog: disable=plaintext-secret,description-missing"
    assert _secrets(_repo(tmp_path, doc=doc)) == [7]


def test_a_suppression_of_an_unknown_rule_is_an_error(tmp_path: Path) -> None:
    root = _repo(tmp_path, line="  # flux-catalog: disable-line=plaintext-secretz")
    catalog, policy = build_catalog(root, ["clusters"])
    problems = run(catalog, policy)
    assert any(p.rule == "policy" and "plaintext-secretz" in p.message and p.line == 7
               for p in problems)
    assert [p.line for p in problems if p.rule == "plaintext-secret"] == [7, 15]


def test_baseline_accepts_todays_problems_and_fails_on_new_ones(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _repo(tmp_path)
    base = tmp_path / "baseline.json"
    args = ["check", "--repo-root", str(root), str(root / "clusters")]
    assert main([*args, "--write-baseline", str(base)]) == 0
    data = json.loads(base.read_text())
    assert data["version"] == 1 and len(data["problems"]) >= 2
    assert "planted-adopt" not in base.read_text()
    capsys.readouterr()
    assert main([*args, "--baseline", str(base)]) == 0
    # Moving the YAML down (new line numbers) keeps the problems known...
    text = (root / "clusters/c/app.yaml").read_text()
    (root / "clusters/c/app.yaml").write_text("# moved\n\n" + text)
    assert main([*args, "--baseline", str(base)]) == 0
    # ...a new credential is reported and fails.
    (root / "clusters/c/new.yaml").write_text(APP.format(line="", doc="").replace(
        "name: app", "name: app2").replace("name: other", "name: other2"))
    capsys.readouterr()
    assert main([*args, "--baseline", str(base), "--format", "json"]) == 1
    reported = json.loads(capsys.readouterr().out)
    assert {p["file"] for p in reported} == {"clusters/c/new.yaml"}


def test_a_bad_baseline_is_a_usage_error(tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    root = _repo(tmp_path)
    base = tmp_path / "baseline.json"
    base.write_text("{not json")
    assert main(["check", "--repo-root", str(root), str(root / "clusters"),
                 "--baseline", str(base)]) == 2
    assert "not a flux-catalog baseline" in capsys.readouterr().err

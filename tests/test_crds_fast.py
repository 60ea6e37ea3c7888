"""The schema rule's fast test (jsonschema-rs) never calls valid what Python jsonschema calls
invalid, on every document of the fixtures, of this repository and of the corpora, as written
and with typical mistakes planted; messages still come from Python jsonschema."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from flux_catalog import crds_fast
from flux_catalog.crd_data import bundled_crds
from flux_catalog.crds import load_crd_schemas, validate_object
from flux_catalog.load import load_bytes

from .conftest import FIXTURES, ROOT

SHARED = ROOT.parent / "shared"
REPOS = sorted(p for p in FIXTURES.iterdir() if p.is_dir()) + [ROOT / "clusters"] + (
    sorted(p for p in (SHARED / "corpora").iterdir() if p.is_dir())
    if (SHARED / "corpora").is_dir() else [])
WIDGET_CRD = """\
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  names: {kind: Widget}
  versions:
    - name: v1
      served: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            apiVersion: {type: string}
            kind: {type: string}
            spec:
              type: object
              properties:
                size: {type: string, pattern: 'PATTERN'}
"""


def _schemas(repo: Path) -> dict[tuple[str, str], Any]:
    sources = [*bundled_crds(), repo]
    if (SHARED / "schemas" / "flux-crds").is_dir():
        sources.append(SHARED / "schemas" / "flux-crds")
    schemas: dict[tuple[str, str], Any] = {}
    for source in sources:  # the repository's own CRDs last: they win, as in the rule
        schemas.update(load_crd_schemas([source])[0])
    return schemas


def _documents(repo: Path) -> Iterator[tuple[str, Any]]:
    for path in sorted(repo.rglob("*")):
        if path.suffix in (".yaml", ".yml") and path.is_file() and ".git" not in path.parts:
            rel = path.relative_to(repo).as_posix()
            for doc in load_bytes(rel, path.read_bytes()).docs:
                if isinstance(doc.data, dict):
                    yield f"{repo.name}/{rel}:{doc.line}", doc.data


def _mistakes(obj: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The object as written, then with mistakes people make (a typo, a wrong type)."""
    yield obj
    spec = obj.get("spec")
    if isinstance(spec, dict):
        for key, value in list(spec.items())[:6]:
            typo = copy.deepcopy(obj)
            typo["spec"][key + "x"] = typo["spec"].pop(key)
            yield typo
            wrong = copy.deepcopy(obj)
            wrong["spec"][key] = 7 if isinstance(value, str) else "seven"
            yield wrong
    bad_name = copy.deepcopy(obj)
    bad_name.setdefault("metadata", {})["name"] = ["a"]
    yield bad_name


def _python_valid(obj: dict[str, Any], schema: Any) -> bool:
    import jsonschema

    return not any(True for _ in jsonschema.Draft7Validator(schema).iter_errors(
        crds_fast.prune_nulls(obj, schema)))


@pytest.mark.parametrize("repo", REPOS, ids=[r.name for r in REPOS])
def test_fast_test_never_passes_what_python_jsonschema_rejects(repo: Path) -> None:
    schemas = _schemas(repo)
    tests = {key: crds_fast.fast_check(schema) for key, schema in schemas.items()}
    compared = disagreements = 0
    for where, doc in _documents(repo):
        key = (str(doc.get("apiVersion")), str(doc.get("kind")))
        if key not in schemas:
            continue
        test = tests[key]
        assert test is not None, f"{key}: no fast test for this CRD schema"
        for variant in _mistakes(doc):
            fast = crds_fast.surely_valid(test, variant, schemas[key])
            python = _python_valid(variant, schemas[key])
            assert python or not fast, f"{where}: jsonschema-rs passes what jsonschema rejects"
            compared += 1
            disagreements += python != fast
    if compared:  # stricter in Rust costs time only, but should stay rare
        assert disagreements <= compared // 10, (disagreements, compared)


def test_the_bundled_flux_crds_all_have_a_fast_test() -> None:
    schemas, _ = load_crd_schemas(bundled_crds())
    assert schemas
    assert all(crds_fast.fast_check(schema) is not None for schema in schemas.values())


@pytest.mark.parametrize(("pattern", "same"), [
    ("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", True),
    (r"^(\d+(\.\d+)?(ms|s|m|h))+$", True),
    ("^[[:alpha:]]+$", False),  # a POSIX class in Rust, "[" ":" "a"... in Python
    ("^[a-z&&[^x]]$", False),  # an intersection in Rust
    ("^[a--b]$", False),
    (r"^\p{L}+$", False),  # Python's re cannot compile it
    ("^(unclosed$", False),
])
def test_patterns_rust_reads_otherwise_keep_the_python_path(pattern: str, same: bool,
                                                            tmp_path: Path) -> None:
    assert crds_fast._same_in_rust(pattern) is same
    (tmp_path / "crd.yaml").write_text(WIDGET_CRD.replace("PATTERN", pattern.replace(
        "'", "''")), encoding="utf-8")
    schemas, _ = load_crd_schemas([tmp_path])
    schema = schemas[("example.com/v1", "Widget")]
    assert (crds_fast.fast_check(schema) is not None) is same


def test_a_schema_with_multiple_of_keeps_the_python_path(tmp_path: Path) -> None:
    # Python jsonschema: 0.3 is not a multiple of 0.1 (float division); jsonschema-rs: it is.
    crd = WIDGET_CRD.replace("size: {type: string, pattern: 'PATTERN'}",
                             "size: {type: number, multipleOf: 0.1}")
    (tmp_path / "crd.yaml").write_text(crd, encoding="utf-8")
    schema = load_crd_schemas([tmp_path])[0][("example.com/v1", "Widget")]
    assert crds_fast.fast_check(schema) is None
    widget = {"apiVersion": "example.com/v1", "kind": "Widget", "metadata": {"name": "w"},
              "spec": {"size": 0.3}}
    assert [path for path, _ in validate_object(widget, schema)] == [("spec", "size")]


def test_without_jsonschema_rs_every_object_takes_the_python_path(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "crd.yaml").write_text(WIDGET_CRD.replace("PATTERN", "^[a-z]+$"),
                                       encoding="utf-8")
    schema = load_crd_schemas([tmp_path])[0][("example.com/v1", "Widget")]
    good = {"apiVersion": "example.com/v1", "kind": "Widget", "metadata": {"name": "w"},
            "spec": {"size": "big"}}
    bad = copy.deepcopy(good)
    bad["spec"] = {"size": "BIG", "colour": "red"}
    with_rust = (validate_object(good, schema), validate_object(bad, schema))
    monkeypatch.setattr(crds_fast, "_module", crds_fast._UNAVAILABLE)
    assert crds_fast.fast_check(schema) is None
    assert (validate_object(good, schema), validate_object(bad, schema)) == with_rust
    assert with_rust[0] == [] and [path for path, _ in with_rust[1]] == [
        ("spec", "colour"), ("spec", "size")]

"""CRD files read for the schema rule: the same content in two files gives the same schema
objects (validators compiled once), and the schemas do not depend on where a file is."""

from __future__ import annotations

from pathlib import Path

from flux_catalog.crd_data import bundled_crds
from flux_catalog.crds import load_crd_schemas
from flux_catalog.documents import DocumentStore


def test_the_same_crds_in_two_files_are_one_set_of_schemas(tmp_path: Path) -> None:
    source = sorted(bundled_crds()[0].glob("*helmreleases.yaml"))[0]
    first, second = tmp_path / "a" / "crds.yaml", tmp_path / "b" / "crds.yaml"
    for copy in (first, second):
        copy.parent.mkdir()
        copy.write_bytes(source.read_bytes() + b"---\napiVersion: apiextensions.k8s.io/v1\n"
                         b"kind: CustomResourceDefinition\n"
                         b"spec: {versions: [{name: v1, served: true, schema: 3}]}\n")
    documents = DocumentStore(tmp_path)
    a, errors_a = load_crd_schemas([first], documents)
    b, errors_b = load_crd_schemas([second], documents)
    assert a and a.keys() == b.keys()
    assert all(a[key] is b[key] for key in a)
    assert [e[0] for e in errors_a] == [first] and [e[0] for e in errors_b] == [second]
    assert [e[1:] for e in errors_a] == [e[1:] for e in errors_b]
    fresh, _ = load_crd_schemas([source], DocumentStore(tmp_path))
    assert {key: dict(value) for key, value in a.items()} == \
        {key: dict(value) for key, value in fresh.items()}

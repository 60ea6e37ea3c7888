"""Documents without anchors, built by construct.build, are what PyYAML's construction
makes of them: the same values, lines and types, and the same first mistake."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from flux_catalog import load
from flux_catalog.load import load_bytes

ROOT = Path(__file__).resolve().parents[1]
TEXTS = [
    b"a: 1\nb: [x, {c: d, e: [1, 2.5, null, true, 2024-01-01]}]\nf: >\n  folded\n   more\n",
    b"a: {b: {c: 1, c: 2}}\nd: {e: 1, e: 2}\n",  # two mistakes: the one PyYAML meets first
    b"- {a: {b: 1, b: 2}}\n- {x: 1, x: 2}\n",
    b"a: [1, {b: 1}]\nc: {d: 1, d: 2}\ne: [{f: 1, f: 2}]\n",
    b"x: !!set {a, b}\ny: {z: 1, z: 2}\n",  # another tag: PyYAML's way
    b"a: {<<: {x: 1}, y: 2}\n", b"<<: {a: 1}\nb: 2\n",  # merge keys: PyYAML's way
    b"? [1, 2]\n: v\n", b"? {a: 1}\n: v\n", b"1: a\n2.5: b\nnull: c\n",
    b"- !foo {a: 1}\n- {b: 1, b: 2}\n", b"!foo {a: 1}\n", b"plain\n", b"---\n---\n...\n", b"",
    b"a: !!binary aGVsbG8=\nb: 0x1f\nc: .inf\nd: ~\n", b"a: !!omap\n  - b: 1\n",
    b"a: " + b"[" * 3000 + b"]" * 3000 + b"\n",
]


def _shape(value: Any) -> Any:
    if isinstance(value, dict):
        return (type(value).__name__, value.line, dict(value.key_lines),
                [(repr(k), _shape(v)) for k, v in value.items()])
    if isinstance(value, list):
        return (type(value).__name__, value.line, list(value.item_lines),
                [_shape(v) for v in value])
    return type(value).__name__, repr(value)


def _loaded(raw: bytes) -> Any:
    found = load_bytes("x.yaml", raw)
    return [(d.index, d.line, _shape(d.data)) for d in found.docs], found.problems


@pytest.mark.parametrize("raw", TEXTS + sorted(
    p.read_bytes() for p in ROOT.glob("tests/fixtures/**/*.y*ml") if b"&" not in p.read_bytes()))
def test_a_document_is_built_as_pyyaml_builds_it(raw: bytes, monkeypatch) -> None:
    built = _loaded(raw)
    real = load._documents
    monkeypatch.setattr(load, "_documents", lambda text, cls, fast: real(text, cls, False))
    assert built == _loaded(raw)


def test_two_mistakes_report_the_one_pyyaml_meets_first() -> None:
    problems = load_bytes("x.yaml", TEXTS[3]).problems
    assert [(p.line, p.message) for p in problems] == \
        [(2, "while constructing a mapping duplicate key 'd'")]
    with pytest.raises(yaml.constructor.ConstructorError, match="duplicate key 'd'"):
        yaml.load(TEXTS[3], Loader=load._Loader)

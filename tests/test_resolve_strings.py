"""The strings of a tree with their places give the key paths a walk building every path
gives, in the same order, within the same budget."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from flux_catalog.load import load_bytes
from flux_catalog.resolve import strings as module
from flux_catalog.resolve.strings import parent_key, path_of, strings_below

ROOT = Path(__file__).resolve().parents[1]


def _with_paths(node: Any, keys: tuple[Any, ...]) -> Iterator[tuple[tuple[Any, ...], str]]:
    """The walk as first written: a key path built for every node."""
    seen: set[int] = set()
    stack: list[tuple[tuple[Any, ...], Any]] = [(keys, node)]
    budget = module.NODE_BUDGET
    while stack and budget > 0:
        path, current = stack.pop()
        budget -= 1
        if isinstance(current, str):
            yield path, current
        elif isinstance(current, Mapping | list):
            if id(current) in seen:
                continue
            seen.add(id(current))
            items = current.items() if isinstance(current, Mapping) else enumerate(current)
            stack.extend(reversed([((*path, k), v) for k, v in items]))


def _trees() -> Iterator[Any]:
    yield load_bytes("x.yaml", b"a: &x {b: [c, {d: e}]}\nf: *x\ng: h\n").docs[0].data
    yield "just a string"
    for path in sorted(ROOT.glob("tests/fixtures/**/*.y*ml"))[:400]:
        for doc in load_bytes(path.name, path.read_bytes()).docs:
            yield doc.data


def test_places_give_the_paths_of_a_walk_building_every_path() -> None:
    compared = 0
    for tree in _trees():
        for keys in ((), ("spec",), ("spec", "values")):
            expected = list(_with_paths(tree, keys))
            got = [(path_of(keys, place), text) for place, text in strings_below(tree)]
            assert got == expected
            for (path, _), (place, _) in zip(expected, strings_below(tree), strict=True):
                assert parent_key(keys, place) == (path[-2] if len(path) >= 2 else None)
            compared += len(expected)
    assert compared > 1000


def test_the_walk_stops_after_its_budget(monkeypatch: Any) -> None:
    tree = {"a": ["b", "c", {"d": "e"}], "f": "g"}
    for budget in range(8):
        monkeypatch.setattr(module, "NODE_BUDGET", budget)
        assert [path_of((), p) for p, _ in strings_below(tree)] == \
            [path for path, _ in _with_paths(tree, ())]

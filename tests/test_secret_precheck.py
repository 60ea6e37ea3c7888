"""The pre-check never lets through a tree in which the redactor finds something, and lets
through trees that only look like credentials from afar (a ``securityContext``, an ``auth``
block naming an existing Secret)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from flux_catalog.load import load_bytes
from flux_catalog.secrets import might_hold_secrets, redact_tree
from tests.fixtures.credentials import PLANTED_MANIFESTS

ROOT = Path(__file__).resolve().parents[1]


def _subtrees(node: Any) -> Iterator[Any]:
    stack, seen = [node], set()
    while stack:
        current = stack.pop()
        if isinstance(current, dict | list) and id(current) not in seen:
            seen.add(id(current))
            yield current
            stack.extend(current.values() if isinstance(current, dict) else current)


def _documents() -> Iterator[tuple[str, Any]]:
    for name, text in PLANTED_MANIFESTS.items():
        for commented in (False, True):
            for doc in load_bytes(name, text.encode(), commented).docs:
                yield name, doc.data
    for path in [*ROOT.glob("tests/fixtures/**/*.y*ml"), *ROOT.glob("clusters/**/*.y*ml")]:
        for doc in load_bytes(path.name, path.read_bytes()).docs:
            yield path.name, doc.data


def test_no_tree_with_a_finding_is_let_through() -> None:
    checked = 0
    for name, data in _documents():
        kind = data.get("kind") if isinstance(data, dict) else None
        for tree in _subtrees(data):
            for k in {None, kind}:
                checked += 1
                if not might_hold_secrets(tree, kind=k):
                    assert redact_tree(tree, kind=k)[1] == [], (name, tree)
    assert checked > 1000


@pytest.mark.parametrize(("yaml", "expected"), [
    ("securityContext: {runAsUser: 1000, runAsNonRoot: true}", False),
    ("auth: {existingSecret: app-credentials}", False),
    ("env: [{name: APP_MINIO_URL, value: 'http://minio.storage.svc:9000'}]", False),
    ("auth: {password: hunter2-correct-horse}", True),
    ("auth: {key: 'Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZg'}", True),
    ("oidc: {keys: [{region: x}, 'q8X2vLr9ZtP4mW7nK3sB6yH1']}", True),
    ("env: [{name: DB_PASSWORD, value: hunter2-correct-horse}]", True),
    # the redactor strips an option before it compares it
    ("args: [' --password', hunter2-correct-horse]", True),
    # a patch written as a string is parsed and judged as a tree by the redactor
    ("patches: [{patch: \"kind: ConfigMap\\nsalt: Xk9pQ2mZ7vR4tL8wN3bY6cF1\\n\"}]", True),
    ("patches: [{patch: \"kind: X\\nauth:\\n  client: Xk9pQ2mZ7vR4tL8wN3bY6cF1\\n\"}]", True),
    # a template in the text hides nothing from the redactor's scan
    ("content: '{{ user }} ALL=(ALL) NOPASSWD: ALL'", True),
])
def test_contexts_are_judged_as_the_redactor_judges_them(yaml: str, expected: bool) -> None:
    tree = load_bytes("x.yaml", yaml.encode()).docs[0].data
    assert might_hold_secrets(tree) is expected
    assert bool(redact_tree(tree)[1]) is expected


def _pops(node: Any) -> int:
    """Nodes a walk that pushes every value pops: the root and every item of every
    container (each container expanded once: these trees share nothing)."""
    if isinstance(node, dict):
        return 1 + sum(_pops(v) for v in node.values())
    if isinstance(node, list):
        return 1 + sum(_pops(v) for v in node)
    return 1


def test_a_tree_larger_than_the_budget_is_let_through() -> None:
    """The budget counts the nodes a walk pops, though strings are judged where their
    mapping is expanded: the answer depends on the tree's size, not on the walk's order."""
    tree = load_bytes("x.yaml", b"a: {b: [1, x, {c: d}], e: f}\ng: [h, i]\n").docs[0].data
    size = _pops(tree)
    assert size == 11
    assert might_hold_secrets(tree, budget=size) is False
    assert might_hold_secrets(tree, budget=size - 1) is True
    assert might_hold_secrets(tree, budget=0) is True


def test_the_walk_tells_whether_a_container_is_reached_twice() -> None:
    from flux_catalog.secrets.memo import _shares_nodes
    from flux_catalog.secrets.precheck import precheck

    for text, shared in (
        (b"a: &x {b: c}\nd: *x\n", True),
        (b"a: &x [b, c]\nd: [*x]\n", True),
        (b"auth: &x {user: u}\nother: *x\n", True),  # one container, two contexts
        (b"a: &x b\nc: *x\n", False),  # a shared string is no shared container
        (b"a: {b: c}\nd: {b: c}\n", False),
    ):
        tree = load_bytes("x.yaml", text).docs[0].data
        assert precheck(tree) == (False, shared), text
        assert _shares_nodes(tree) is shared

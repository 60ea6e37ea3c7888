"""Secret findings remembered by content are what a fresh judgement returns."""

from __future__ import annotations

import copy

from flux_catalog.load import load_bytes
from flux_catalog.secrets import redact_tree
from flux_catalog.secrets.memo import (
    COMMENT_CACHE,
    TREE_CACHE,
    comment_findings,
    tree_findings,
)

RELEASE = b"""\
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: app
spec:
  values:
    auth:
      adminPassword: hunter2-but-longer
      key: 9f8e7d6c5b4a39281706f5e4d3c2b1a0
    securityContext:
      runAsUser: 1000
"""


def _tree(raw: bytes) -> object:
    return load_bytes("x.yaml", raw).docs[0].data


def test_tree_findings_equal_a_fresh_redaction_for_equal_content() -> None:
    TREE_CACHE.clear()
    tree = _tree(RELEASE)
    first = tree_findings(tree, kind="HelmRelease")
    assert first == tuple(redact_tree(tree, kind="HelmRelease")[1])
    assert {f.path[-1] for f in first} == {"adminPassword", "key"}
    # another object with the same content is a hit; another kind or other content is not
    assert tree_findings(copy.deepcopy(tree), kind="HelmRelease") == first
    assert len(TREE_CACHE) == 1
    clean = _tree(RELEASE.replace(b"hunter2-but-longer", b"${ADMIN_PASSWORD}"))
    assert {f.path[-1] for f in tree_findings(clean, kind="HelmRelease")} == {"key"}
    assert tree_findings(tree, kind="Secret") == tuple(redact_tree(tree, kind="Secret")[1])
    assert len(TREE_CACHE) == 3


def test_a_number_and_a_string_are_different_content() -> None:
    TREE_CACHE.clear()
    as_number = {"spec": {"values": {"password": 12345678}}}
    as_text = {"spec": {"values": {"password": "12345678"}}}
    for tree in (as_number, as_text, as_number):
        assert tree_findings(tree) == tuple(redact_tree(tree)[1])
    assert len(TREE_CACHE) == 2


def test_comment_findings_are_remembered_by_text() -> None:
    COMMENT_CACHE.clear()
    lines = ("a: 1  # password: hunter2-but-longer", "# prose only", "#   token: ghp_" + "a" * 36)
    found = comment_findings(lines)
    assert [(line, col) for line, col, _ in found] == [(1, 7), (3, 1)]
    assert comment_findings(tuple(lines)) is found
    assert comment_findings(lines[1:2]) == ()


def test_an_alias_and_its_expansion_are_not_one_entry() -> None:
    """The redactor visits a node shared through an alias once; a document that repeats the
    same content without an alias has a finding at each place. Their reprs are equal, so the
    memo must not answer one with the other's findings."""
    from flux_catalog.load import load_bytes
    from flux_catalog.secrets import redact_tree
    from flux_catalog.secrets.memo import tree_findings

    aliased = b"a: &x {password: hunter2abc}\nb: *x\n"
    repeated = b"a: {password: hunter2abc}\nb: {password: hunter2abc}\n"
    for first, second in ((aliased, repeated), (repeated, aliased)):
        docs = [load_bytes("x.yaml", text).docs[0].data for text in (first, second)]
        assert repr(docs[0]) == repr(docs[1])
        for doc in docs:
            assert tree_findings(doc) == tuple(redact_tree(doc)[1])


def _comment_findings_of_every_line(lines: tuple[str, ...]) -> tuple[tuple[int, int, int], ...]:
    """The comment scan as it was written first: every line, the whole text's blocks."""
    from flux_catalog.secrets.comments import comment_of, redact_comment_blocks
    from flux_catalog.secrets.text import scan
    from flux_catalog.secrets.tree import ENCRYPTED_REASONS

    blocks = redact_comment_blocks("\n".join(lines)).split("\n")
    out = []
    for number, line in enumerate(lines, 1):
        comment = comment_of(line)
        if comment:
            hits = [h for h in scan(comment)[1] if h[1] not in ENCRYPTED_REASONS]
            if hits or blocks[number - 1] != line:
                out.append((number, len(line) - len(comment) + 1, max(1, len(hits))))
    return tuple(out)


def test_comment_scan_of_the_lines_with_a_hash_is_the_scan_of_every_line() -> None:
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    texts = [
        "# adminPassword: |\n#   hunter2-but-longer\nkey: 1 # token: ghp_" + "b" * 36,
        "a: '#not a comment'\n  # - name: DB_PASSWORD\n  #   value: s3cr3t-value-x\n",
        "#  ••• приховано •••\n# ••• приховано •••\nx: 1\n# password: hunter2-but-longer",
        "\u3000# password: hunter2-but-longer\r\n#\tpassword: hunter2-but-longer\n#",
    ]
    files = sorted((root / "tests" / "fixtures").rglob("*.yaml"))
    corpora = root.parent / "shared" / "corpora"
    if corpora.is_dir():
        files += sorted(corpora.rglob("*.yaml"))[:800]
    texts += [f.read_text("utf-8", "replace") for f in files]
    hidden = 0
    for text in texts:
        lines = tuple(text.splitlines())
        COMMENT_CACHE.clear()
        expected = _comment_findings_of_every_line(lines)
        assert comment_findings(lines) == expected, text[:200]
        hidden += len(expected)
    assert hidden > 5  # the texts exercise both kinds of finding


def test_an_aliased_tree_that_holds_nothing_is_answered_and_not_remembered() -> None:
    """The pre-check's walk answers an aliased tree with nothing in it; the memo keeps no
    entry for it (its content written out is larger than the tree the walk counted)."""
    TREE_CACHE.clear()
    aliased = load_bytes("x.yaml", b"a: &x {user: admin}\nb: *x\n").docs[0].data
    assert tree_findings(aliased) == () == tuple(redact_tree(aliased)[1])
    assert len(TREE_CACHE) == 0
    written = load_bytes("x.yaml", b"a: {user: admin}\nb: {user: admin}\n").docs[0].data
    assert tree_findings(written) == ()
    assert len(TREE_CACHE) == 1

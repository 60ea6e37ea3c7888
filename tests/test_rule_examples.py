"""Every rule's docstring example runs: ``Passes::`` gives none of the rule's problems,
``Fails::`` (or ``Fails (rule-id)::``) at least one. The conventions page shows the same
examples (``render/rule_examples.py``), so what the site documents is what the gate does."""

from __future__ import annotations

from pathlib import Path

import pytest

from flux_catalog.crd_data import bundled_crds
from flux_catalog.policy import CHECK_RULES
from flux_catalog.render.rule_examples import MARKER, rule_examples_markdown
from flux_catalog.resolve import build_catalog
from flux_catalog.rules import RULES, rule_ids, run
from flux_catalog.rules.examples import Example, examples
from flux_catalog.secrets import redact_text

from .repos import write_repo

EXAMPLES = [example for rule in RULES for example in examples(rule)]
README = "# Розділ\n\nПриклад.\n"


def _problems(tmp_path: Path, example: Example) -> list[tuple[str, str, int]]:
    root = write_repo(tmp_path / "repo", {
        "clusters/c/README.md": README, "clusters/c/flux-system/README.md": README,
        **example.files}, cluster="c")
    catalog, policy = build_catalog(root, ["clusters"])
    return [(p.rule, p.path, p.line) for p in run(catalog, policy, bundled_crds())]


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.name for e in EXAMPLES])
def test_rule_example(tmp_path: Path, example: Example) -> None:
    found = [p for p in _problems(tmp_path, example) if p[0] in example.rules]
    if example.passes:
        assert found == []
    else:
        assert found, f"{example.name}: no {', '.join(example.rules)} problem"


def test_every_rule_and_every_id_has_examples() -> None:
    for rule in RULES:
        for rule_id in rule_ids(rule):
            kinds = {e.passes for e in EXAMPLES if rule_id in e.rules}
            assert kinds == {True, False}, f"{rule_id}: needs a Passes:: and a Fails:: example"


def test_the_policy_knows_every_rule_id() -> None:
    assert {i for rule in RULES for i in rule_ids(rule)} == CHECK_RULES


def test_the_conventions_page_shows_every_example() -> None:
    page = (Path(__file__).resolve().parents[1] / "docs" / "conventions.md").read_text("utf-8")
    assert MARKER in page
    shown = rule_examples_markdown(RULES)
    for example in EXAMPLES:
        assert f"### `{example.rules[0]}`" in shown
        for text in example.files.values():
            assert redact_text(text) in shown

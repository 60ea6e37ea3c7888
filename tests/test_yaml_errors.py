"""YAML syntax errors point at their cause (the helper load.py is to call)."""

from __future__ import annotations

import pytest
import yaml
from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError

from flux_catalog.yaml_errors import syntax_error_position

CASES = {
    "unclosed-quote": ('a: 1\nb: "unclosed\nc: 2\nd: 3\n', 2, "never closed"),
    "tab": ("a:\n  b: 1\n\tc: 2\n", 3, "tab"),
    # The next quote closes the runaway string three lines later; the parser fails there.
    "runaway-quote": ('metadata:\n  name: "b\n  namespace: default\ndata:\n  x: "1"\n', 2,
                      "closing quote missing"),
}


def _errors(text: str) -> list[object]:
    found = []
    try:
        list(yaml.load_all(text, Loader=yaml.CSafeLoader))
    except yaml.MarkedYAMLError as exc:
        found.append(exc)
    try:
        list(YAML(typ="rt").load_all(text))
    except MarkedYAMLError as exc:
        found.append(exc)
    return found


@pytest.mark.parametrize("case", sorted(CASES))
def test_the_error_points_at_its_cause(case: str) -> None:
    text, line, words = CASES[case]
    errors = _errors(text)
    assert len(errors) == 2  # both parsers reject it
    for exc in errors:
        got_line, _, message = syntax_error_position(exc, text)
        assert got_line == line, (type(exc), message)
        assert words in message


def test_check_reports_each_cause_at_its_line(tmp_path) -> None:
    from flux_catalog.render.i18n import translate_message
    from flux_catalog.resolve import build_catalog
    from flux_catalog.rules import run

    cluster = tmp_path / "clusters" / "c"
    cluster.mkdir(parents=True)
    head = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n"
    (cluster / "quote.yaml").write_text(
        head + "  name: a\n---\n" + head + '  name: "b\n  namespace: default\ndata:\n'
        '  x: "1"\n  y: "2"\n', "utf-8")
    (cluster / "tab.yaml").write_text(head + "  name: t\n\tnamespace: default\n", "utf-8")
    (cluster / "open.yaml").write_text(head + "  name: s\ndata:\n  k: 'it is\n  v: 1\n", "utf-8")
    catalog, policy = build_catalog(tmp_path, ["clusters"])
    found = {p.path.rsplit("/", 1)[-1]: p for p in run(catalog, policy)
             if p.rule == "yaml-syntax"}
    assert {name: p.line for name, p in found.items()} == {
        "quote.yaml": 9, "tab.yaml": 5, "open.yaml": 6}
    assert "closing quote missing" in found["quote.yaml"].message
    assert "tab" in found["tab.yaml"].message
    assert "never closed" in found["open.yaml"].message
    for problem in found.values():  # and in Ukrainian on a Ukrainian site
        assert translate_message(problem.message, "uk") != problem.message


def test_a_closed_quote_with_a_bad_escape_is_not_called_unclosed() -> None:
    text = 'a: 1\nb: "\\uD800 x"\nc: 2\n'
    errors = _errors(text)
    assert errors
    for exc in errors:
        line, _, message = syntax_error_position(exc, text)
        assert line == 2 and "never closed" not in message, message


def test_without_libyaml_the_runaway_quote_is_still_found(
        monkeypatch: pytest.MonkeyPatch) -> None:
    text, line, words = CASES["runaway-quote"]
    try:
        list(yaml.load_all(text, Loader=yaml.SafeLoader))
    except yaml.MarkedYAMLError as exc:
        error = exc
    monkeypatch.delattr(yaml, "CSafeLoader")  # PyYAML built without libyaml
    got_line, _, message = syntax_error_position(error, text)
    assert (got_line, words in message) == (line, True)

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

"""What the plugin keeps between ``mkdocs serve`` rebuilds gives the bytes a fresh build does."""

from __future__ import annotations

import json

from jinja2 import DictLoader, Environment

from flux_catalog.mkdocs_plugin.pages import JsonRows, MemoryBytecodeCache


def _dumps(rows: list[object]) -> str:
    return json.dumps(rows, ensure_ascii=False, sort_keys=True, indent=2)


def test_json_rows_are_json_dumps_across_builds() -> None:
    keeper = JsonRows()
    builds = [
        [],
        [{"b": 1, "a": "ї\nrow", "list": [], "map": {}, "nested": [{"x": None}, 2.5]}],
        [{"b": 1, "a": "ї\nrow", "list": [], "map": {}, "nested": [{"x": None}, 2.5]},
         {"id": "HelmRelease/x", "depends_on": ["a", "b"], "source": {"url": "https://e"}}],
        [{"b": 2, "a": "changed"},
         {"id": "HelmRelease/x", "depends_on": ["a", "b"], "source": {"url": "https://e"}}],
        [{"id": "HelmRelease/x", "depends_on": ["a", "b"], "source": {"url": "https://e"}}],
        [],
    ]
    for rows in builds:
        assert keeper.dumps(rows) == _dumps(rows)


def test_a_kept_compiled_template_is_compiled_again_when_its_source_changes() -> None:
    cache = MemoryBytecodeCache()
    sources = {"page.html": "{{ 1 + 1 }} old"}

    def render() -> str:
        env = Environment(loader=DictLoader(sources))  # a new environment, as every build
        env.bytecode_cache = cache
        return env.get_template("page.html").render()

    assert render() == "2 old"
    assert render() == "2 old"  # loaded from the cache
    sources["page.html"] = "{{ 2 + 2 }} new"
    assert render() == "4 new"

"""What the plugin keeps between ``mkdocs serve`` rebuilds gives the bytes a fresh build does."""

from __future__ import annotations

import gc
import json
import weakref
from pathlib import Path

from jinja2 import DictLoader, Environment

from flux_catalog.mkdocs_plugin.heap import IdleCollector
from flux_catalog.mkdocs_plugin.pages import (
    CsvRows,
    JsonRows,
    MemoryBytecodeCache,
    SearchIndexKeeper,
    StablePages,
)


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


def test_stable_pages_rewrite_a_page_only_when_its_text_changes(tmp_path: Path) -> None:
    pages = StablePages(tmp_path)
    text = "# Сторінка\n"
    target = Path(pages.write("a/index.md", text))
    assert target.read_text("utf-8") == text and pages.written == 1
    for same in (text, "# Сторінка\n".strip() + "\n"):  # the very string, then an equal one
        pages.begin()
        assert pages.write("a/index.md", same) == str(target) and pages.written == 0
    pages.begin()
    pages.write("a/index.md", "# Інша\n")
    assert target.read_text("utf-8") == "# Інша\n" and pages.written == 1
    pages.prune(set())
    assert not target.exists()
    pages.write("a/index.md", text)  # written again after being pruned
    assert target.read_text("utf-8") == text


class _Node:
    def __init__(self) -> None:
        self.me = self  # a reference cycle: only the collector frees it


def test_an_idle_pass_frees_garbage_and_freezes_what_survives() -> None:
    heap = IdleCollector()
    try:
        gone = _Node()
        gone_ref = weakref.ref(gone)
        del gone
        kept = _Node()
        heap.collect()
        assert gone_ref() is None and gc.get_freeze_count() > 0
        # what was alive then is frozen, and freed by the next pass once it is garbage
        kept_ref = weakref.ref(kept)
        del kept
        gc.collect()  # a collection during a build does not see frozen objects
        assert kept_ref() is not None
        heap.collect()
        assert kept_ref() is None
    finally:
        heap.close()
    assert gc.get_freeze_count() == 0


def test_an_idle_pass_waits_for_the_end_of_a_build() -> None:
    soon, late = IdleCollector(delay=0.0), IdleCollector(delay=3600.0)
    try:
        soon.schedule()  # the first build's heap: at once
        assert soon.passes == 1 and soon._timer is None
        soon.schedule()
        timer = soon._timer
        assert timer is not None
        timer.join(60)
        assert soon.passes == 2
        late.schedule()
        late.schedule()
        late.postpone()  # a build started: no pass during it
        assert late._timer is None and late.passes == 1
    finally:
        soon.close()
        late.close()
    assert gc.get_freeze_count() == 0


def _entry(location: str, text: str) -> dict[str, str]:
    return {"location": location, "title": location or "Головна", "text": text}


def test_the_kept_search_index_is_json_dumps_of_the_newest_entries(tmp_path: Path) -> None:
    index_path = tmp_path / "search" / "search_index.json"
    index_path.parent.mkdir()
    keeper = SearchIndexKeeper()
    config = {"lang": ["ru", "en"], "separator": "[\\s\\-]+"}
    pages = {"", "a/", "b/"}

    def build(docs: list[dict[str, str]], rendered: set[str]) -> list[dict[str, str]]:
        written = json.dumps({"config": config, "docs": docs}, separators=(",", ":"))
        index_path.write_text(written, "utf-8")
        keeper.complete(tmp_path, pages, rendered)
        text = index_path.read_text("utf-8")
        kept = json.loads(text)
        if text != written:  # rewritten: as json.dumps writes it
            assert text == json.dumps(kept, ensure_ascii=False, separators=(",", ":"))
        assert kept["config"] == config
        return kept["docs"]  # type: ignore[no-any-return]

    first = [_entry("", "дім"), _entry("a/", "а"), _entry("a/#x", "ікс"), _entry("b/", "бе")]
    assert build(first, pages) == first
    # a dirty build rendered a/ and b/: the plugin dropped a/'s old entries only and appended
    # the new ones of both
    a, b = [_entry("a/", "нове а"), _entry("a/#x", "ікс")], [_entry("b/", "нове бе")]
    second = build([first[0], first[3], *a, *b], {"a/", "b/"})
    assert second == [first[0], *a, *b]
    # a/ rendered again with the same entries; then a/ changed and b/ is gone
    assert build([first[0], *b, *a], {"a/"}) == second
    pages = {"", "a/"}
    assert build([first[0], *b, _entry("a/", "інше")], {"a/"}) == [first[0], _entry("a/", "інше")]


def test_csv_rows_are_the_csv_of_every_build() -> None:
    from flux_catalog.report import inventory_csv

    keeper = CsvRows()
    row = {"cluster": "a", "id": "HelmRelease/web/x", "source": {"kind": "HelmRepository",
           "url": "https://e"}, "depends_on": ["y"], "images": ["nginx:1"],
           "description": "=рядок\nз переносом, \"лапками\""}
    builds: list[list[dict[str, object]]] = [
        [], [row], [row, {**row, "id": "HelmRelease/web/z"}],
        [{**row, "description": "інший"}, {**row, "id": "HelmRelease/web/z"}], [row], []]
    for rows in builds:
        assert keeper.text(rows, inventory_csv) == inventory_csv(rows)

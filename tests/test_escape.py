"""Escaping for Markdown and Mermaid: examples and Hypothesis properties."""

from __future__ import annotations

import html
import re
from pathlib import Path

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flux_catalog.render.escape import (
    md_code_block,
    md_inline,
    md_text,
    mermaid_id,
    mermaid_label,
)

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "a | b || c",
    "[link](javascript:alert(1))",
    "![image](http://evil.example/x.png)",
    "<http://evil.example>",
    "**bold** __bold__ *em* _em_ ~~del~~ ==mark== ^^ins^^",
    "# heading",
    "Title\n=====",
    "- item\n+ item\n* item\n1. item\n2) item",
    "> quote",
    "    indented code",
    "```\ncode\n```",
    "~~~\ncode\n~~~",
    "`code`",
    "---",
    "!!! warning \"Title\"\n    body",
    "??? note\n    body",
    "=== \"Tab\"\n    body",
    "/// note\nbody\n///",
    "--8<-- \"/etc/passwd\"",
    ":smile: :material-account:",
    "{{ config.site_name }} {% include 'x' %}",
    "$x^2$ \\(x\\)",
    "[^1]\n\n[^1]: footnote",
    "*[HTML]: Hyper Text",
    "term\n: definition",
    "{: .class #id onclick=x }",
    "- [ ] task",
    "https://evil.example www.evil.example user@evil.example",
    "&lt;script&gt; &amp; &#60;",
    "a\x00b\x02wzxhzdk:0\x03c",
    "line\u2028sep\u2029par\x85nel",
    "\u202egnirts desrever",
    "<!-- comment -->",
    "\\*not emphasis\\*",
]

TABLE_TAGS = {"table", "thead", "tbody", "tr", "th", "td"}
TAG_RE = re.compile(r"</?([A-Za-z][A-Za-z0-9]*)")

# Extensions a Material site typically enables (none of them may add structure to our text).
EXTENSIONS = [
    "tables", "abbr", "attr_list", "def_list", "footnotes", "admonition", "md_in_html", "toc",
    "pymdownx.details", "pymdownx.superfences", "pymdownx.tabbed", "pymdownx.emoji",
    "pymdownx.magiclink", "pymdownx.mark", "pymdownx.tilde", "pymdownx.caret", "pymdownx.keys",
    "pymdownx.critic", "pymdownx.tasklist", "pymdownx.inlinehilite", "pymdownx.betterem",
    "pymdownx.smartsymbols", "pymdownx.arithmatex", "pymdownx.blocks.admonition",
]


def tags(rendered: str) -> set[str]:
    return {m.group(1).lower() for m in TAG_RE.finditer(rendered)}


def table_cells(cell: str) -> str:
    return markdown.markdown(f"| a |\n|---|\n| {cell} |", extensions=["tables"])


def squash(text: str) -> str:
    return "".join(text.split())


# -- md_inline -------------------------------------------------------------------------------


@pytest.mark.parametrize("text", HOSTILE)
def test_md_inline_hostile_examples_stay_one_plain_cell(text: str) -> None:
    escaped = md_inline(text)
    assert "\n" not in escaped and "<" not in escaped and "|" not in escaped
    rendered = table_cells(escaped)
    assert rendered.count("<td>") == 1
    assert tags(rendered) <= TABLE_TAGS
    rich = markdown.markdown(f"| a |\n|---|\n| {escaped} |", extensions=EXTENSIONS)
    assert tags(rich) <= TABLE_TAGS


def test_md_inline_examples() -> None:
    assert md_inline("podinfo") == "podinfo"
    assert md_inline("Веб-застосунок, демо.") == "Веб-застосунок, демо."
    assert md_inline("helm.toolkit.fluxcd.io/v2") == "helm.toolkit.fluxcd.io/v2"
    assert md_inline("--- a...b 1/2 c/o") == "&#45;&#45;&#45; a&#46;&#46;&#46;b 1&#47;2 c&#47;o"
    assert md_inline("- item") == "&#45; item" and md_inline("/// note") == "&#47;// note"
    assert md_inline("a <b> & \"c\"") == "a &lt;b&gt; &amp; &quot;c&quot;"
    assert md_inline("a|b") == "a&#124;b"
    assert md_inline("two\nlines\r\n  here ") == "two lines here"
    assert md_inline("1. first") == "1&#46; first"
    assert md_inline("www.example.com") == "www&#46;example.com"
    assert md_inline(None) == "" and md_inline(42) == "42"


@settings(deadline=None, max_examples=300)
@given(st.text())
def test_md_inline_property_one_cell_no_markup(text: str) -> None:
    escaped = md_inline(text)
    assert "\n" not in escaped and "\r" not in escaped
    assert "<" not in escaped and "|" not in escaped and "`" not in escaped
    rendered = table_cells(escaped)
    assert rendered.count("<td>") == 1 and rendered.count("<th>") == 1
    assert tags(rendered) <= TABLE_TAGS


@settings(deadline=None, max_examples=100)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cc", "Cf", "Cs"))))
def test_md_inline_property_text_survives(text: str) -> None:
    cell = table_cells(md_inline(text)).split("<td>", 1)[1].split("</td>", 1)[0]
    assert squash(html.unescape(cell)) == squash(text)


# -- md_text ---------------------------------------------------------------------------------


@pytest.mark.parametrize("text", HOSTILE)
def test_md_text_hostile_examples_are_paragraphs(text: str) -> None:
    rendered = markdown.markdown(md_text(text), extensions=EXTENSIONS)
    assert tags(rendered) <= {"p"}


def test_md_text_keeps_paragraphs() -> None:
    assert md_text("Перший рядок\nдругий\n\n\n  Другий абзац  \n") == (
        "Перший рядок\nдругий\n\nДругий абзац")
    rendered = markdown.markdown(md_text("a\n\nb"))
    assert rendered == "<p>a</p>\n<p>b</p>"


@settings(deadline=None, max_examples=200)
@given(st.text(alphabet=st.sampled_from(list("ab 1.-+*#>=|!?:/`~<&[](){}_\\\n\t\"'$^%@;"))))
def test_md_text_property_only_paragraphs(text: str) -> None:
    rendered = markdown.markdown(md_text(text), extensions=EXTENSIONS)
    assert tags(rendered) <= {"p"}
    assert squash(html.unescape(re.sub(r"</?p>", "", rendered))) == squash(text)


# -- md_code_block ---------------------------------------------------------------------------


def test_md_code_block_fence_outgrows_the_text() -> None:
    block = md_code_block("a: 1\n```\n~~~~~\n", "yaml")
    assert block.startswith("``````yaml\n") and block.endswith("\n``````\n")
    assert md_code_block("x") == "```yaml\nx\n```\n"
    assert md_code_block("x", lang="ya ml<script>") == "```yamlscript\nx\n```\n"


def test_md_code_block_defuses_snippets(tmp_path: Path) -> None:
    (tmp_path / "included.txt").write_text("INCLUDED-FILE-CONTENT\n")
    configs = {"pymdownx.snippets": {"base_path": [str(tmp_path)]}}
    extensions = ["pymdownx.snippets", "pymdownx.superfences"]
    text = '--8<-- "included.txt"\n--8<--\nincluded.txt\n--8<--\n'
    raw = markdown.markdown(f"```\n{text}```\n", extensions=extensions, extension_configs=configs)
    assert "INCLUDED-FILE-CONTENT" in raw  # what an unescaped block would do
    rendered = markdown.markdown(md_code_block(text), extensions=extensions,
                                 extension_configs=configs)
    assert "INCLUDED-FILE-CONTENT" not in rendered
    assert html.unescape(re.sub(r"<[^>]*>", "", rendered)).replace("\u200b", "").count(
        "--8<--") == 3


@settings(deadline=None, max_examples=200)
@given(st.text(alphabet=st.sampled_from(list("ab `~\n-:#<>|&\"'8"))))
def test_md_code_block_property_one_verbatim_block(text: str) -> None:
    for extensions in (["fenced_code"], ["pymdownx.superfences"]):
        rendered = markdown.markdown(md_code_block(text), extensions=extensions)
        assert rendered.count("<pre") == 1 and rendered.count("</code></pre>") == 1
        code = rendered.split("<code", 1)[1].split(">", 1)[1].rsplit("</code></pre>", 1)[0]
        code = re.sub(r"<[^>]*>", "", code)  # highlighting spans; the text's own `<` is &lt;
        assert squash(html.unescape(code).replace("\u200b", "")) == squash(text)


# -- Mermaid ---------------------------------------------------------------------------------

MERMAID_FORBIDDEN = set('"[];\n<>|`{}%&\'()')


def decode_mermaid(label: str) -> str:
    return re.sub(r"#(\d+);", lambda m: chr(int(m.group(1))), label)


@pytest.mark.parametrize("text", [*HOSTILE, 'a"] --> B["x', "%%{init: {'theme':'dark'}}%%",
                                  "click A call alert()", "A;B-->C", "#quot; #35;"])
def test_mermaid_label_hostile_examples(text: str) -> None:
    bare = re.sub(r"#\d+;", "", mermaid_label(text))  # what is left besides entity codes
    assert not set(bare) & MERMAID_FORBIDDEN and "#" not in bare


def test_mermaid_label_examples() -> None:
    assert mermaid_label("flux-system/podinfo") == "flux-system/podinfo"
    assert mermaid_label('a "b"') == "a #34;b#34;"
    assert mermaid_label("a#b") == "a#35;b"
    assert mermaid_label("Моніторинг\nкластера") == "Моніторинг кластера"


@settings(deadline=None, max_examples=300)
@given(st.text())
def test_mermaid_label_property(text: str) -> None:
    label = mermaid_label(text)
    assert re.fullmatch(r"(#\d+;|[^#])*", label)
    bare = re.sub(r"#\d+;", "", label)  # what is left besides entity codes
    assert not set(bare) & MERMAID_FORBIDDEN and "#" not in bare
    assert "\r" not in bare and "\u2028" not in bare


@settings(deadline=None, max_examples=100)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cc", "Cf", "Cs"))))
def test_mermaid_label_round_trips(text: str) -> None:
    assert squash(decode_mermaid(mermaid_label(text))) == squash(text)


def test_mermaid_id() -> None:
    assert mermaid_id("flux-system/podinfo") == mermaid_id("flux-system/podinfo")
    assert re.fullmatch(r"n[0-9a-f]{12}", mermaid_id("x"))
    assert mermaid_id("a") != mermaid_id("A")


@given(st.lists(st.text(), unique=True, max_size=50))
def test_mermaid_id_property(keys: list[str]) -> None:
    ids = [mermaid_id(k) for k in keys]
    assert all(re.fullmatch(r"n[0-9a-f]{12}", i) for i in ids)
    assert len(set(ids)) == len(keys)

"""The rules' pass/fail examples as Markdown, for the conventions page of the site."""

from __future__ import annotations

from types import ModuleType

from ..rules.examples import examples
from ..secrets import redact_text
from .markdown import code, inline_code

MARKER = "<!-- flux-catalog: rule-examples -->"


def rule_examples_markdown(rules: tuple[ModuleType, ...]) -> str:
    """A section per rule id: its passing and failing examples, each file as a code block."""
    out: list[str] = []
    for rule in rules:
        for rule_id in getattr(rule, "IDS", (rule.ID,)):
            out.append(f"### `{rule_id}`\n")
            for example in examples(rule):
                if rule_id not in example.rules:
                    continue
                out.append("Проходить:\n" if example.passes else "Не проходить:\n")
                for path, text in example.files.items():
                    out.append(f"{inline_code(path)}\n")
                    # A failing example of plaintext-secret holds a (default) credential.
                    out.append(code(redact_text(text),
                                    "markdown" if path.endswith(".md") else "yaml"))
    return "\n".join(out)

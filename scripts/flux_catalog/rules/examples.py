"""The pass/fail examples in each rule's docstring: the conventions page shows them and
``tests/test_rule_examples.py`` runs them.

A rule's docstring holds ``Passes::`` and ``Fails::`` (or ``Fails (rule-id)::`` for a rule
with more than one id) literal blocks. A block is a small repository: lines ``# path`` start
a file (repository-relative; the first file may omit it and is then
``clusters/c/example.yaml``); the cluster ``c`` is bootstrapped around it.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from types import ModuleType

_BLOCK = re.compile(r"^(Passes|Fails)(?: \(([a-z-]+)\))?::\n\n((?:(?: {4}.*)?\n)+)",
                    re.MULTILINE)
_FILE = re.compile(r"^# ([\w./-]+\.(?:ya?ml|md))$")
DEFAULT_FILE = "clusters/c/example.yaml"


@dataclass(frozen=True)
class Example:
    rules: tuple[str, ...]  # the ids this example is about
    passes: bool
    files: dict[str, str]  # repository-relative path -> text
    name: str


def examples(rule: ModuleType) -> list[Example]:
    ids = tuple(getattr(rule, "IDS", (rule.ID,)))
    out: list[Example] = []
    for match in _BLOCK.finditer(rule.__doc__ or ""):
        passes = match.group(1) == "Passes"
        about = (match.group(2),) if match.group(2) else ids
        files = _files(textwrap.dedent(match.group(3)))
        name = f"{about[0]}-{'passes' if passes else 'fails'}"
        count = sum(1 for e in out if e.name.startswith(name))
        out.append(Example(about, passes, files, f"{name}-{count + 1}" if count else name))
    return out


def _files(block: str) -> dict[str, str]:
    files: dict[str, list[str]] = {}
    current = DEFAULT_FILE
    for line in block.strip("\n").split("\n"):
        header = _FILE.match(line)
        if header:
            current = header.group(1)
            files.setdefault(current, [])
            continue
        files.setdefault(current, []).append(line)
    return {path: "\n".join(lines).strip("\n") + "\n" for path, lines in files.items()}

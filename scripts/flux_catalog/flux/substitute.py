"""``postBuild`` variable substitution, as kustomize-controller runs it after the build.

kustomize-controller (fluxcd/pkg ``kustomize/kustomize_varsub.go``) substitutes only when the
Kustomization defines at least one variable (``substitute`` or ``substituteFrom``), skips
objects labelled or annotated ``kustomize.toolkit.fluxcd.io/substitute: disabled``, removes
newlines from values, and evaluates bash-style ``${VAR}``, ``${VAR:=default}``,
``${VAR:-default}`` (``$$`` escapes a dollar); an undefined variable becomes an empty
string (unless the controller runs with strict substitution). Values the catalog cannot read
(a SOPS-encrypted Secret, an object made outside Git) are unknown: their placeholders stay
as written, and the catalog says so.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

DISABLE_KEY = "kustomize.toolkit.fluxcd.io/substitute"
VAR_NAME = re.compile(r"^[_a-zA-Z][_a-zA-Z0-9]*$")
_EXPR = re.compile(r"\$\$|\$\{([^{}]*)\}")


@dataclass
class Variables:
    """Known values, names whose value cannot be known, and whether any is defined."""

    values: dict[str, str] = field(default_factory=dict)
    unknown_sources: list[str] = field(default_factory=list)  # e.g. "Secret/cluster-secrets"
    defined: bool = False

    @property
    def complete(self) -> bool:
        return not self.unknown_sources


@dataclass
class Outcome:
    changed: bool = False
    unknown: set[str] = field(default_factory=set)  # variables left as placeholders


def _eval(expr: str, variables: Variables, outcome: Outcome) -> str | None:
    """The value of one ``${...}`` body; None keeps the placeholder."""
    m = re.fullmatch(r"([_a-zA-Z][_a-zA-Z0-9]*)(?:(:?[-=+?])(.*))?", expr, re.S)
    if m is None:
        return None
    name, op, arg = m.group(1), m.group(2), m.group(3) or ""
    known = name in variables.values
    value = variables.values.get(name)
    if not known and not variables.complete:
        if op in (":-", ":=", "-", "="):
            # The unknown source may define it; if it does not, the default applies.
            outcome.unknown.add(name)
            return None
        outcome.unknown.add(name)
        return None
    if op is None:
        return value or ""
    if op in (":-", ":="):
        return value if value else arg
    if op in ("-", "="):
        return value if known else arg
    if op == ":+":
        return arg if value else ""
    if op == "+":
        return arg if known else ""
    return value or ""  # ${VAR:?message}: an error in Flux when unset; keep the value


def substitute_text(text: str, variables: Variables, outcome: Outcome) -> str:
    if "$" not in text:
        return text

    def repl(m: re.Match[str]) -> str:
        if m.group(0) == "$$":
            outcome.changed = True
            return "$"
        value = _eval(m.group(1), variables, outcome)
        if value is None:
            return m.group(0)
        outcome.changed = True
        return value

    return _EXPR.sub(repl, text)


def _has_dollar(node: Any) -> bool:
    # Trees are dicts, lists and scalars, whose repr (C, one pass) shows every character of
    # every string: most trees have no dollar anywhere and are answered here.
    try:
        if isinstance(node, dict | list) and "$" not in repr(node):
            return False
    except RecursionError:  # nested deeper than repr goes: walked below
        pass
    stack = [node]
    seen: set[int] = set()
    while stack:
        current = stack.pop()
        if isinstance(current, str):
            if "$" in current:
                return True
        elif isinstance(current, Mapping):
            if id(current) in seen:
                continue
            seen.add(id(current))
            for key, value in current.items():
                if isinstance(key, str) and "$" in key:
                    return True
                stack.append(value)
        elif isinstance(current, list) and id(current) not in seen:
            seen.add(id(current))
            stack.extend(current)
    return False


def disabled(body: Mapping[str, Any]) -> bool:
    m = body.get("metadata")
    if not isinstance(m, Mapping):
        return False
    for key in ("labels", "annotations"):
        values = m.get(key)
        if isinstance(values, Mapping) and values.get(DISABLE_KEY) == "disabled":
            return True
    return False


def substitute(body: Any, variables: Variables, outcome: Outcome) -> Any:
    """``body`` with every string (keys too) substituted: a copy of what changed, the same
    objects where nothing did."""
    if isinstance(body, str):
        return substitute_text(body, variables, outcome)
    if isinstance(body, Mapping | list) and not _has_dollar(body):
        return body
    if isinstance(body, Mapping):
        out = type(body)() if isinstance(body, dict) else {}
        for key, value in body.items():
            new_key = substitute_text(key, variables, outcome) if isinstance(key, str) else key
            out[new_key] = substitute(value, variables, outcome)
        for attr in ("line", "key_lines"):
            if hasattr(body, attr):
                setattr(out, attr, getattr(body, attr))
        return out
    if isinstance(body, list):
        out_list = type(body)() if isinstance(body, list) else []
        out_list.extend(substitute(v, variables, outcome) for v in body)
        for attr in ("line", "item_lines"):
            if hasattr(body, attr):
                setattr(out_list, attr, getattr(body, attr))
        return out_list
    return body

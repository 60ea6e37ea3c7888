"""The site's language: Ukrainian (the default) or English.

Page texts are written in Ukrainian in the render modules and pass through :func:`t`, which
looks them up in the English table when the site is English. The language is set for one
:func:`~flux_catalog.render.plan_pages` call (a context variable, so concurrent builds in
threads do not mix). Problem messages come from the rules in English (the CLI's language);
:func:`translate_problems` renders them in Ukrainian for a Ukrainian site.
"""

from __future__ import annotations

import contextlib
import contextvars
import re
from collections.abc import Iterator, Sequence
from dataclasses import replace

from ..model import Problem
from .i18n_en import EN
from .i18n_problems import PROBLEMS_UK_TABLE

LANGUAGES = ("uk", "en")
_LANGUAGE: contextvars.ContextVar[str] = contextvars.ContextVar("flux_catalog_language",
                                                                 default="uk")


@contextlib.contextmanager
def language(code: str) -> Iterator[None]:
    if code not in LANGUAGES:
        raise ValueError(f"unsupported language {code!r} (one of {', '.join(LANGUAGES)})")
    token = _LANGUAGE.set(code)
    try:
        yield
    finally:
        _LANGUAGE.reset(token)


def current() -> str:
    return _LANGUAGE.get()


def t(text: str, **values: object) -> str:
    """``text`` (Ukrainian) in the current language, with ``{name}`` fields filled in."""
    if _LANGUAGE.get() == "en":
        text = EN.get(text, text)
    return text.format(**values) if values else text


def translate_message(message: str, language_code: str) -> str:
    """A rule's English message in the site's language (unchanged when no pattern fits)."""
    if language_code != "uk":
        return message
    for pattern, template in _PROBLEMS_UK:
        match = pattern.fullmatch(message)
        if match:
            return template.format(*match.groups())
    return message


def translate_problems(problems: Sequence[Problem], language_code: str) -> list[Problem]:
    return [replace(p, message=translate_message(p.message, language_code))
            if language_code == "uk" else p for p in problems]


def compile_patterns(table: Sequence[tuple[str, str]]) -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(pattern, re.S), template) for pattern, template in table)


_PROBLEMS_UK = compile_patterns(PROBLEMS_UK_TABLE)

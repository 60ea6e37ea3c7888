"""Literal text a regular expression cannot match without: a cheap, exact pre-filter.

``required_literals(pattern)`` returns strings of which every match of ``pattern`` contains
at least one (``{"ghp_", "gho_"}`` for ``(?<!\\w)(ghp|gho)_\\w{36}``), or ``None`` when it
cannot tell. Only what the pattern's parse tree makes mandatory counts: a run of literal
characters in the top-level sequence, or in a group, or one run per branch of an
alternation (each small character set or alternation of plain text multiplies the run:
``gh[po]_`` needs ``ghp_`` or ``gho_``). A case-insensitive pattern has none (its literals
match in any case). The parse tree is the standard library's own (``re._parser``, what
``re.compile`` uses); anything it cannot read counts as no literal, which is always safe.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

try:  # private to the standard library: without it there is no pre-filter, never a miss
    from re import _constants as _c  # type: ignore[attr-defined]
    from re import _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - a future Python
    _c = _parser = None

_MIN = 2  # a single character is no filter
_MAX_SET = 64


def required_literals(pattern: re.Pattern[str]) -> frozenset[str] | None:
    if pattern.flags & re.IGNORECASE or _parser is None:
        return None
    try:
        parsed = _parser.parse(pattern.pattern, pattern.flags)
    except (re.error, TypeError, ValueError, RecursionError):
        return None
    return _sequence(list(parsed))


def folded_literals(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Lower-case strings of which every match of ``pattern`` holds one in some case, for a
    case-insensitive pattern too (``{"aws"}`` for ``(?i)aws.{0,20}key``); ``None`` when it
    cannot tell.

    A case-insensitive match of an ASCII literal is the literal in some mix of cases, or with
    one of the four other characters Python's ``re`` matches for an ASCII one (``İ`` and
    ``ı`` for ``i``, ``ſ`` for ``s``, Kelvin ``K`` for ``k``): ``lit in fold_ascii(text)``
    tells.
    """
    if _parser is None:
        return None
    try:
        parsed = _parser.parse(pattern.pattern, pattern.flags)
    except (re.error, TypeError, ValueError, RecursionError):
        return None
    found = _sequence(list(parsed), fold=True)
    if found is None or not all(lit.isascii() for lit in found):
        return None
    lowered = {lit.lower() for lit in found}
    # A literal holding a shorter one of the set adds nothing: the shorter one is there too.
    return frozenset(lit for lit in lowered if not any(o != lit and o in lit for o in lowered))



# The only non-ASCII characters re.IGNORECASE matches for an ASCII one (tests enumerate them).
_ASCII_FOLDS = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def fold_ascii(text: str) -> str:
    """``text`` lower-cased, with :data:`_ASCII_FOLDS` applied, for :func:`folded_literals`.
    Translating is slow; a text without any of its four characters needs none."""
    if text.isascii() or not ("\u0130" in text or "\u0131" in text or "\u017f" in text
                              or "\u212a" in text):
        return text.lower()
    return text.translate(_ASCII_FOLDS).lower()


def _sequence(items: list[tuple[Any, Any]], fold: bool = False) -> frozenset[str] | None:
    """The best mandatory literal set of a sequence of items: the longest shortest string."""
    best: frozenset[str] | None = None

    def consider(found: frozenset[str] | None) -> None:
        nonlocal best
        if found and min(map(len, found)) >= _MIN and (
                best is None or min(map(len, found)) > min(map(len, best))):
            best = found

    run = frozenset(("",))
    for item in items:
        exact = _exact((item,), fold)
        if exact is not None and len(run) * len(exact) <= _MAX_SET:
            run = frozenset(a + b for a in run for b in exact)
            continue
        consider(run)
        run = frozenset(("",))
        op, av = item
        if op is _c.SUBPATTERN and (fold or _case_sensitive(av)):  # a group: mandatory
            consider(_sequence(list(av[3]), fold))
        elif op is _c.BRANCH:
            alternatives = [_sequence(list(alt), fold) for alt in av[1]]
            if all(alternatives):
                consider(frozenset().union(*alternatives))  # type: ignore[arg-type]
    consider(run)
    return best


def _exact(items: Iterable[tuple[Any, Any]], fold: bool = False) -> frozenset[str] | None:
    """Every string ``items`` can match, when they are literal characters, small character
    sets, groups and alternations of those (``gh[pousr]``, ``(glpat|glrt)``); else None."""
    out = frozenset(("",))
    for op, av in items:
        if op is _c.LITERAL:
            chars: frozenset[str] | None = frozenset((chr(av),))
        elif op is _c.IN and len(av) <= 8 and all(o is _c.LITERAL for o, _ in av):
            chars = frozenset(chr(v) for _, v in av)
        elif op is _c.SUBPATTERN and (fold or _case_sensitive(av)):
            chars = _exact(av[3], fold)
        elif op is _c.BRANCH:
            alternatives = [_exact(alt, fold) for alt in av[1]]
            chars = None if None in alternatives else frozenset().union(*alternatives)  # type: ignore[arg-type]
        else:
            return None
        if chars is None or len(out) * len(chars) > _MAX_SET:
            return None
        out = frozenset(a + b for a in out for b in chars)
    return out


def _case_sensitive(group: Any) -> bool:
    add_flags, del_flags = group[1], group[2]
    return not (add_flags & re.IGNORECASE) and not del_flags

"""Where a YAML syntax error is, in words a reader can act on (for ``load.py``).

The parsers (libyaml and ruamel) report where they *gave up*: an unclosed quote is reported
at the end of the stream, a tab as "a character that cannot start any token". This turns such
an error into ``(line, col, message)`` pointing at the cause. A quote left open in the middle
of a file is closed by the next quote the scanner meets, lines later, and the parser fails
right after it: the error then points back at where that runaway string started.
"""

from __future__ import annotations

from typing import Any

import yaml


def syntax_error_position(exc: Any, text: str) -> tuple[int, int, str]:
    """1-based line and column, and a message, for a parser's ``MarkedYAMLError``."""
    problem = str(getattr(exc, "problem", "") or "")
    context = str(getattr(exc, "context", "") or "")
    problem_mark = getattr(exc, "problem_mark", None)
    context_mark = getattr(exc, "context_mark", None)
    message = " ".join(p for p in (context, problem) if p) or "invalid YAML"
    lines = text.splitlines()
    if problem_mark is not None:
        row, column = problem_mark.line, problem_mark.column
        if 0 <= row < len(lines) and column < len(lines[row]) and lines[row][column] == "\t":
            return row + 1, column + 1, ("a tab character where YAML expects spaces "
                                         "(YAML indents with spaces only)")
        if "cannot start any token" in problem and 0 <= row < len(lines) and \
                "\t" in lines[row][: column + 1]:
            tab = lines[row].index("\t")
            return row + 1, tab + 1, ("a tab character where YAML expects spaces "
                                      "(YAML indents with spaces only)")
    if problem_mark is not None:
        runaway = _runaway_quote(text, problem_mark.line, problem_mark.column)
        if runaway is not None:
            start = runaway.start_mark
            return start.line + 1, start.column + 1, (
                f"a quoted string starts here and runs on to line {runaway.end_mark.line + 1}, "
                f"where YAML then fails ({message}); is its closing quote missing?")
    if context_mark is not None and "quoted scalar" in context and (
            "end of stream" in problem or "document separator" in problem):
        # The scanner ran to the end looking for the closing quote: the quote opened here.
        return context_mark.line + 1, context_mark.column + 1, (
            "a quoted string starts here and is never closed")
    mark = problem_mark or context_mark
    if mark is None:
        return 1, 1, message
    line, col = mark.line + 1, mark.column + 1
    if line > max(len(lines), 1):  # "but found <stream end>": the last line instead
        line, col = max(len(lines), 1), 1
    return line, col, message


def _runaway_quote(text: str, row: int, column: int) -> Any:
    """The quoted scalar that spans lines and ends on ``row`` just before the error, if any."""
    found = None
    try:
        for token in yaml.scan(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
            start, end = token.start_mark, token.end_mark
            if start.line > row:
                break
            if (isinstance(token, yaml.ScalarToken) and token.style in ('"', "'")
                    and start.line < end.line == row and end.column <= column):
                found = token
    except yaml.YAMLError:
        pass  # the scanner stops at its own error; what it read so far is enough
    return found

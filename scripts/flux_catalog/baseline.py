"""``check --baseline FILE``: accept today's problems, fail only on new ones.

A baseline lists problems by a key that does not depend on line numbers: the rule, the file
and the (redacted) message, hashed, with a count for problems that repeat. Moving YAML around
keeps a problem known; a new problem, or one more of the same, is reported. Like ruff's and
detect-secrets' baselines, the file is meant to be committed and to shrink over time.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from .model import INFO, Problem

VERSION = 1


class BaselineError(ValueError):
    """The baseline file cannot be read: a usage error, reported as ``path: message``."""


def key(problem: Problem) -> str:
    text = f"{problem.rule}\0{problem.path}\0{problem.message}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]


def write(path: Path, problems: Iterable[Problem]) -> int:
    """Write every error and warning of ``problems`` to ``path``; return how many."""
    entries = sorted(
        ({"rule": p.rule, "path": p.path, "key": key(p), "message": p.message}
         for p in problems if p.level != INFO),
        key=lambda e: (e["path"], e["rule"], e["key"]))
    path.write_text(json.dumps({"version": VERSION, "tool": "flux-catalog",
                                "problems": entries}, ensure_ascii=False, indent=2) + "\n",
                    "utf-8")
    return len(entries)


def read(path: Path) -> Counter[str]:
    try:
        data = json.loads(path.read_text("utf-8"))
    except OSError as exc:
        raise BaselineError(f"{path}: cannot read the baseline: {exc.strerror}") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BaselineError(f"{path}: not a flux-catalog baseline (invalid JSON: {exc})") from exc
    if not isinstance(data, dict) or data.get("version") != VERSION:
        raise BaselineError(f"{path}: not a flux-catalog baseline (version {VERSION} expected)")
    problems = data.get("problems")
    if not isinstance(problems, list) or not all(
            isinstance(e, dict) and isinstance(e.get("key"), str) for e in problems):
        raise BaselineError(f"{path}: 'problems' must be a list of entries with a 'key'")
    return Counter(e["key"] for e in problems)


def new_problems(problems: list[Problem], known: Counter[str]) -> tuple[list[Problem], int]:
    """The problems not in the baseline (in order) and how many were known."""
    left = Counter(known)
    out: list[Problem] = []
    hidden = 0
    for problem in problems:
        k = key(problem)
        if problem.level != INFO and left[k] > 0:
            left[k] -= 1
            hidden += 1
        else:
            out.append(problem)
    return out, hidden

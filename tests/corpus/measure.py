"""Write the corpus to a directory and measure ``check`` on it: recall and false alarms.

Run as a script for the figures: ``python -m tests.corpus.measure [--misses]``.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from .build import Case, build


def write(root: Path) -> list[Case]:
    files, cases = build()
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    return cases


def line_of(root: Path, case: Case) -> int:
    text = (root / case.file).read_text("utf-8")
    return text[: text.index(case.anchor)].count("\n") + 1


@dataclass
class Result:
    found: list[Case]
    missed: list[Case]
    flagged: list[Case]  # non-secrets reported
    clean: list[Case]


def measure(root: Path, cases: list[Case]) -> Result:
    from flux_catalog.resolve import build_catalog
    from flux_catalog.rules import run

    catalog, policy = build_catalog(root, ["clusters"])
    problems = run(catalog, policy)
    at = {(p.path, p.line) for p in problems if p.rule == "plaintext-secret"}
    result = Result([], [], [], [])
    for case in cases:
        hit = (case.file, line_of(root, case)) in at
        if case.secret:
            (result.found if hit else result.missed).append(case)
        else:
            (result.flagged if hit else result.clean).append(case)
    return result


def main() -> None:
    import tempfile
    import time

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        cases = write(root)
        start = time.perf_counter()
        result = measure(root, cases)
        elapsed = time.perf_counter() - start
    secrets = len(result.found) + len(result.missed)
    others = len(result.flagged) + len(result.clean)
    print(f"credentials: {len(result.found)}/{secrets} found "
          f"({100 * len(result.found) / secrets:.1f}%)")
    print(f"non-secrets: {len(result.flagged)}/{others} flagged "
          f"({100 * len(result.flagged) / others:.1f}%)")
    print(f"check: {elapsed:.2f} s")
    if "--misses" in sys.argv:
        for case in result.missed:
            print("MISSED ", case.category, case.file, case.value[:50])
        for case in result.flagged:
            print("FLAGGED", case.category, case.file, case.value[:50])


if __name__ == "__main__":
    main()

"""Ukrainian renderings of the rules' English problem messages (patterns over whole messages)."""

from __future__ import annotations

PROBLEMS_UK_TABLE: tuple[tuple[str, str], ...] = ()

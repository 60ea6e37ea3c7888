"""English texts of the site, keyed by their Ukrainian originals in the render modules."""

from __future__ import annotations

EN: dict[str, str] = {}

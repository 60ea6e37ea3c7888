"""flux-catalog: a faithful model of what a Flux repository deploys, from its files alone."""

from __future__ import annotations

__version__ = "0.1.0"

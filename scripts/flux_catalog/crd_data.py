"""The upstream Flux CRDs shipped with the package (see ``data/flux-crds/README.md``)."""

from __future__ import annotations

from pathlib import Path

BUNDLED_CRDS = Path(__file__).resolve().parent / "data" / "flux-crds"


def bundled_crds() -> tuple[Path, ...]:
    """The shipped CRD directory, or nothing when the package was installed without it."""
    return (BUNDLED_CRDS,) if any(BUNDLED_CRDS.glob("*.yaml")) else ()

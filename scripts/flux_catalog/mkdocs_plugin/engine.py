"""The engine's modules, as the plugin loads them at each build."""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path
from typing import Any

_ENGINE = Path(__file__).resolve().parents[1]


def engine_modules() -> dict[str, Any]:
    """The engine, re-imported when its code changed (``mkdocs serve`` on the engine itself).

    Unchanged, the modules stay loaded and with them the parse cache (files keyed by content
    hash), so a manifest edit reparses only that file.
    """
    fingerprint = ";".join(
        f"{p}:{p.stat().st_mtime_ns}" for p in sorted(_ENGINE.rglob("*.py"))
        if "mkdocs_plugin" not in p.parts)
    if os.environ.get("FLUX_CATALOG_ENGINE") != fingerprint:
        for name in [n for n in sys.modules
                     if n.startswith("flux_catalog.") and ".mkdocs_plugin" not in n]:
            del sys.modules[name]
        os.environ["FLUX_CATALOG_ENGINE"] = fingerprint
    names = {
        "resolve": "flux_catalog.resolve",
        "session": "flux_catalog.cache.session",
        "rules": "flux_catalog.rules",
        "render": "flux_catalog.render",
        "layout": "flux_catalog.render.layout",
        "i18n": "flux_catalog.render.i18n",
        "policy_file": "flux_catalog.policy_file",
        "report": "flux_catalog.report",
        "diff_page": "flux_catalog.diff.page",
    }
    return {key: importlib.import_module(module) for key, module in names.items()}

"""mkdocs-gen-files script: the catalog's pages, navigation, edit links and inventory files.

The glue only: build the catalog once, run the checks, and hand what ``flux_catalog.render``
plans to mkdocs-gen-files. Problems are logged as warnings on ``mkdocs.plugins.flux_catalog``,
so ``mkdocs build --strict`` fails on them exactly as ``flux-catalog check --strict`` does.
"""

from __future__ import annotations

import json
import logging
import os
import re
import sys
import time
from pathlib import Path

import mkdocs_gen_files

_SCRIPTS = str(Path(__file__).resolve().parent)
if _SCRIPTS not in sys.path:
    sys.path.insert(0, _SCRIPTS)


def _engine_fingerprint() -> str:
    engine = Path(_SCRIPTS) / "flux_catalog"
    return ";".join(f"{p}:{p.stat().st_mtime_ns}" for p in sorted(engine.rglob("*.py")))


# `mkdocs serve` runs this script again on every rebuild. When the engine's own code changed,
# drop its modules so the edit takes effect; otherwise keep them, and with them the parse
# cache (files keyed by content hash), so a manifest edit reparses only that file.
_fingerprint = _engine_fingerprint()
if os.environ.get("FLUX_CATALOG_ENGINE") != _fingerprint:
    for _name in [n for n in sys.modules if n == "flux_catalog" or n.startswith("flux_catalog.")]:
        del sys.modules[_name]
    os.environ["FLUX_CATALOG_ENGINE"] = _fingerprint

from flux_catalog.cli import inventory_csv  # noqa: E402
from flux_catalog.inventory import inventory_rows  # noqa: E402
from flux_catalog.model import ERROR, INFO  # noqa: E402
from flux_catalog.render import NavItem, plan_pages  # noqa: E402
from flux_catalog.render.layout import (  # noqa: E402
    CONVENTIONS,
    HOME,
    HOW_TO_DOCUMENT,
    INVENTORY_CSV,
    INVENTORY_JSON,
)
from flux_catalog.resolve import build_catalog  # noqa: E402
from flux_catalog.rules import run  # noqa: E402

log = logging.getLogger("mkdocs.plugins.flux_catalog")

# Hand-written pages in docs/, listed first in the navigation when they exist.
HAND_WRITTEN = (
    (HOME, "Головна"),
    (HOW_TO_DOCUMENT, "Як задокументувати компонент"),
    (CONVENTIONS, "Домовленості"),
)


def _branch(edit_uri: str | None) -> str:
    match = re.match(r"^(?:edit|blob|tree)/([^/]+)/", edit_uri or "")
    return match.group(1) if match else "main"


def main() -> None:
    started = time.perf_counter()
    editor = mkdocs_gen_files.FilesEditor.current()
    config = editor.config
    root = Path(config.config_file_path).resolve().parent
    docs_dir = Path(config.docs_dir).resolve()
    docs_prefix = docs_dir.relative_to(root).as_posix() if docs_dir.is_relative_to(root) else None

    # Hand-written pages: the edit link opens docs/<page> (edit_uri points at the repo root).
    existing = set()
    for file in editor.files.documentation_pages():
        existing.add(file.src_uri)
        if docs_prefix is not None:
            mkdocs_gen_files.set_edit_path(file.src_uri, f"{docs_prefix}/{file.src_uri}")

    catalog, policy = build_catalog(root, None)
    problems = run(catalog, policy)
    site = plan_pages(catalog, problems, config.repo_url or None, _branch(config.edit_uri))

    for page in site.pages:
        if page.path in existing:
            log.warning("generated page %s replaces a hand-written page of the same path",
                        page.path)
        with mkdocs_gen_files.open(page.path, "w", encoding="utf-8") as out:
            out.write(page.markdown)
        mkdocs_gen_files.set_edit_path(page.path, page.edit_path)

    before = [NavItem(title, path) for path, title in HAND_WRITTEN if path in existing]
    with mkdocs_gen_files.open("SUMMARY.md", "w", encoding="utf-8") as out:
        out.write(site.summary(before))

    with mkdocs_gen_files.open(INVENTORY_JSON, "w", encoding="utf-8") as out:
        json.dump(site.inventory(), out, ensure_ascii=False, sort_keys=True, indent=2)
        out.write("\n")
    with mkdocs_gen_files.open(INVENTORY_CSV, "w", encoding="utf-8", newline="") as out:
        out.write(inventory_csv(inventory_rows(catalog)))

    for problem in problems:  # info (what the engine cannot know) never fails --strict
        (log.info if problem.level == INFO else log.warning)(
            "%s:%d:%d: [%s] %s (%s)", problem.path, problem.line, problem.col,
            problem.level, problem.message, problem.rule)
    errors = sum(p.level == ERROR for p in problems)
    log.info("flux-catalog: %d pages for %d objects (%d components) in %d clusters, "
             "%d problems (%d errors), %.2f s", len(site.pages), len(catalog.objects),
             len(catalog.components()), len(catalog.clusters), len(problems), errors,
             time.perf_counter() - started)


main()

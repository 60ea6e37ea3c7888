"""MkDocs hooks: ship Mermaid and tablesort from ``node_modules`` with the site, never a CDN.

``npm ci`` installs the versions pinned in ``package-lock.json``. The scripts are added to the
site as files under ``javascripts/vendor/`` and listed in ``extra_javascript`` ahead of the
site's own scripts, so Material finds a global ``mermaid`` and does not fetch it. When the
packages are missing the build still passes: Material then loads Mermaid from its CDN when a
page is viewed, and tables are not sortable; the build log says so.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

log = logging.getLogger("mkdocs.hooks.vendor_js")

VENDOR_DIR = "javascripts/vendor"
# (file in node_modules, name in the site); listed in this order before the site's scripts.
SCRIPTS = (
    ("mermaid/dist/mermaid.min.js", "mermaid.min.js"),
    ("tablesort/dist/tablesort.min.js", "tablesort.min.js"),
    ("tablesort/dist/sorts/tablesort.number.min.js", "tablesort.number.min.js"),
)

_found: list[tuple[Path, str]] = []


def _node_modules(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent / "node_modules"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    _found.clear()
    modules = _node_modules(config)
    missing = []
    for source, name in SCRIPTS:
        path = modules / source
        if path.is_file():
            _found.append((path, f"{VENDOR_DIR}/{name}"))
        else:
            missing.append(source)
    if missing:
        log.info("%s not found (run `npm ci` next to mkdocs.yml)", ", ".join(missing))
    if not any(uri.endswith("/mermaid.min.js") for _, uri in _found):
        log.info("Mermaid is not shipped with the site: Material will load it from its CDN "
                 "(unpkg.com) when a page with a diagram is viewed")
    current = [str(s) for s in config.extra_javascript]
    vendor = [uri for _, uri in _found if uri not in current]
    config.extra_javascript[:0] = vendor
    return config


@event_priority(-200)  # after literate-nav (-100) has read the navigation file
def on_files(files: Files, config: MkDocsConfig) -> Files:
    # The literate-nav file (written by scripts/gen_pages.py) is not a page of its own.
    plugin = config.plugins.get("literate-nav")
    nav_file = plugin.config.nav_file if plugin is not None else None
    summary = files.get_file_from_path(nav_file) if nav_file else None
    if summary is not None:
        files.remove(summary)
    for path, uri in _found:
        if files.get_file_from_path(uri) is None:
            files.append(File.generated(config, uri, abs_src_path=str(path)))
    return files


# Material fetches the repository's stars and latest release from api.github.com for the
# header's repository link. The site must make no request outside its own host, so the link
# stays a plain link: without its data-md-component attribute the script leaves it alone.
_SOURCE_ATTR = ' data-md-component="source"'


def on_post_page(output: str, page: object, config: MkDocsConfig) -> str:
    return output.replace(_SOURCE_ATTR, "")


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig) -> str:
    return output_content.replace(_SOURCE_ATTR, "")

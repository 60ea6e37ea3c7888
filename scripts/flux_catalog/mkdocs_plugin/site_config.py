"""What the plugin adds to the user's MkDocs configuration, each piece only when missing."""

from __future__ import annotations

import logging
import re
import socket
import subprocess
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig

log = logging.getLogger("mkdocs.plugins.flux_catalog")

ASSETS = Path(__file__).resolve().parent / "assets"
SITE_DIR = "flux-catalog"  # where the plugin's scripts and styles live in the built site
# Shipped from the npm packages at build time (scripts/vendor_js.py), in loading order, ahead
# of the page scripts, so Material finds a global `mermaid` and never fetches it from a CDN.
VENDOR = ("mermaid.min.js", "tablesort.min.js", "tablesort.number.min.js")
OWN_JS = ("tablesort-init.js", "filter.js", "zoom.js")
OWN_CSS = ("catalog.css",)

# Markdown extensions the generated pages use, with their settings.
_EXTENSIONS: dict[str, dict[str, Any]] = {
    "abbr": {},
    "admonition": {},
    "attr_list": {},
    "def_list": {},
    "md_in_html": {},
    "tables": {},
    "pymdownx.details": {},
    "pymdownx.highlight": {"anchor_linenums": True},
    "pymdownx.tabbed": {"alternate_style": True},
}


def add_markdown_extensions(config: MkDocsConfig) -> None:
    from pymdownx.superfences import fence_code_format

    for name, settings in _EXTENSIONS.items():
        if name not in config.markdown_extensions:
            config.markdown_extensions.append(name)
            config.mdx_configs[name] = dict(settings)
    if "pymdownx.superfences" not in config.markdown_extensions:
        config.markdown_extensions.append("pymdownx.superfences")
    fences = config.mdx_configs.setdefault("pymdownx.superfences", {}).setdefault(
        "custom_fences", [])
    if not any(f.get("name") == "mermaid" for f in fences):
        fences.append({"name": "mermaid", "class": "mermaid", "format": fence_code_format})
    toc = config.mdx_configs.setdefault("toc", {})
    toc.setdefault("permalink", True)
    if "slugify" not in toc:
        from pymdownx.slugs import slugify

        # Keep Cyrillic in heading anchors (#призначення) instead of "_1", "_2".
        toc["slugify"] = slugify(case="lower")


def asset_files() -> list[tuple[Path, str]]:
    """``(file in the package, URI in the site)`` of every script and style that exists."""
    found = []
    for name in (*VENDOR, *OWN_JS, *OWN_CSS):
        path = ASSETS / ("vendor" if name in VENDOR else "") / name
        if path.is_file():
            found.append((path, f"{SITE_DIR}/{name}"))
    return found


def add_assets(config: MkDocsConfig) -> list[str]:
    found = {uri for _, uri in asset_files()}
    missing = [name for name in VENDOR if f"{SITE_DIR}/{name}" not in found]
    if missing:
        log.info("flux-catalog: %s not shipped with this installation (build the package "
                 "with npm available); Material will load Mermaid from its CDN (unpkg.com) "
                 "and tables will not sort", ", ".join(missing))
    scripts = [f"{SITE_DIR}/{n}" for n in (*VENDOR, *OWN_JS) if f"{SITE_DIR}/{n}" in found]
    current = [str(s) for s in config.extra_javascript]
    config.extra_javascript[:0] = [s for s in scripts if s not in current]
    for name in OWN_CSS:
        uri = f"{SITE_DIR}/{name}"
        if uri not in config.extra_css:
            config.extra_css.append(uri)
    return scripts


# Material features the catalog's pages are laid out for: a cluster's page is the index of its
# section; edit and view buttons open the YAML a page was generated from.
_FEATURES = ("navigation.indexes", "navigation.sections", "navigation.prune", "navigation.top",
             "toc.follow", "search.suggest", "search.highlight", "content.code.copy",
             "content.tabs.link", "content.tooltips")
_MATERIAL_DEFAULT_FONT = {"text": "Roboto", "code": "Roboto Mono"}


def adapt_theme(config: MkDocsConfig) -> None:
    """Material features the pages need, and no Google Fonts unless the user chose a font."""
    theme = config.theme
    if theme.name != "material":
        log.warning("flux-catalog: the catalog is laid out for the Material theme "
                    "(theme: material); with '%s' diagrams and tables may not render",
                    theme.name)
        return
    features = list(theme.get("features") or [])
    wanted = list(_FEATURES)
    if config.repo_url:
        wanted += ["content.action.edit", "content.action.view"]
    features += [f for f in wanted if f not in features]
    theme["features"] = features
    # Material's default font is fetched from fonts.googleapis.com: a site that must work
    # offline (and make no request outside its host) uses the system fonts instead.
    if theme.get("font") == _MATERIAL_DEFAULT_FONT:
        theme["font"] = False


def add_template_overrides(config: MkDocsConfig) -> None:
    """Our template overrides (Material's Ukrainian plurals), after the user's custom_dir."""
    templates = str(ASSETS / "templates")
    dirs = config.theme.dirs
    if templates not in dirs:
        dirs.insert(1 if config.theme.custom_dir else 0, templates)


# What MkDocs sets when mkdocs.yml has no edit_uri (its "master" predates GitHub's "main").
_MKDOCS_DEFAULT_EDIT_URIS = (None, "edit/master/docs/", "src/default/docs/")


def edit_root(config: MkDocsConfig, root: Path) -> tuple[str, str | None]:
    """The branch and an ``edit_uri`` that points at the repository root.

    Generated pages are edited at their YAML or README anywhere in the repository, so the edit
    base must be the root. A user's ``edit_uri`` that ends in the docs directory (MkDocs'
    default ``edit/master/docs/``) is cut back to the root; hand-written pages then get
    ``docs/<page>`` as their edit path. Without an ``edit_uri`` of the user's, the branch is
    the checked-out one (``main`` when there is none).
    """
    edit_uri = config.edit_uri
    docs_dir = Path(config.docs_dir).resolve()
    prefix = docs_dir.relative_to(root).as_posix() if docs_dir.is_relative_to(root) else ""
    if edit_uri in _MKDOCS_DEFAULT_EDIT_URIS and config.repo_url:
        branch = git_branch(root) or "main"
        if "gitlab" in config.repo_url:
            edit_uri = f"-/edit/{branch}/"
        elif "github" in config.repo_url:
            edit_uri = f"edit/{branch}/"
    elif edit_uri and prefix and prefix != "." and edit_uri.rstrip("/").endswith("/" + prefix):
        edit_uri = edit_uri.rstrip("/")[: -len(prefix)]
    match = re.search(r"(?:edit|blob|tree)/([^/]+)/", edit_uri or "")
    return (match.group(1) if match else "main"), edit_uri


def git_branch(root: Path) -> str | None:
    try:
        result = subprocess.run(["git", "-C", str(root), "symbolic-ref", "--short", "-q", "HEAD"],
                                capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    branch = result.stdout.strip()
    return branch if result.returncode == 0 and branch else None


# Material fetches the repository's stars and latest release from the forge's API for the
# header's repository link. The site must make no request outside its own host, so the link
# stays a plain link: without its data-md-component attribute the script leaves it alone.
_SOURCE_ATTR = ' data-md-component="source"'


def strip_source_component(html: str) -> str:
    return html.replace(_SOURCE_ATTR, "")


def port_in_use(host: str, port: int) -> bool:
    """Whether ``mkdocs serve`` would fail to bind ``host:port`` (it reuses TIME_WAIT ports)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except OSError:
        return False  # MkDocs reports an unknown host itself
    family, _, _, _, address = infos[0]
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(address)
        except OSError:
            return True
    return False

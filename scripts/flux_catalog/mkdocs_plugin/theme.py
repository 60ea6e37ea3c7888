"""Material as the theme when the user's ``mkdocs.yml`` names none.

MkDocs validates ``theme`` and resolves ``plugins`` (``search`` becomes ``material/search`` only
when the theme is Material) before any plugin runs; ``on_config`` is where a plugin may change
the configuration. So a three-line ``mkdocs.yml`` (``site_name``, ``repo_url``, ``plugins:
[search, flux-catalog]``) gets here with MkDocs' own theme and MkDocs' own search plugin: the
plugin's ``on_config`` runs first (priority 100), sets a Material theme and puts Material's
search plugin in the place of MkDocs' one, the way zero-configuration plugins such as
Backstage's ``techdocs-core`` do. A theme the user names is always kept.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.contrib.search import SearchPlugin as MkDocsSearch
from mkdocs.plugins import get_plugins
from mkdocs.theme import Theme

log = logging.getLogger("mkdocs.plugins.flux_catalog")

# MkDocs' theme when mkdocs.yml has no `theme:` key.
_MKDOCS_DEFAULT = "mkdocs"


def theme_named(config_file: str | None) -> bool:
    """Whether the user's ``mkdocs.yml`` (or a file it INHERITs) sets ``theme``."""
    if not config_file:
        return True
    from mkdocs.utils.yaml import yaml_load

    try:
        with open(config_file, "rb") as fd:
            raw = yaml_load(fd)
    except Exception:  # MkDocs has already loaded it; keep whatever theme it chose
        return True
    return not isinstance(raw, dict) or "theme" in raw


def use_material(config: MkDocsConfig, language: str, command: str | None,
                 dirty: bool) -> bool:
    """Switch an unthemed site to Material (and Material's search); whether it was switched."""
    theme = config.theme
    if theme.name != _MKDOCS_DEFAULT or theme.custom_dir or theme_named(
            config.config_file_path):
        return False
    config.theme = Theme(name="material", language=language)
    _material_search(config, language, command, dirty)
    log.info("flux-catalog: no theme in %s; using Material (language: %s)",
             Path(config.config_file_path or "mkdocs.yml").name, language)
    return True


def _material_search(config: MkDocsConfig, language: str, command: str | None,
                     dirty: bool) -> None:
    """Put ``material/search`` where MkDocs' ``search`` is, with the user's options."""
    plugins = config.plugins
    name = next((key for key, plugin in plugins.items() if isinstance(plugin, MkDocsSearch)),
                None)
    entry = get_plugins().get("material/search")
    if name is None or entry is None:
        return
    old = plugins[name]
    new = entry.load()()
    options = _user_options(old)
    if language == "uk":  # lunr has no Ukrainian: Russian's rules keep Cyrillic words whole
        options.setdefault("lang", ["ru", "en"])
    errors, warnings = new.load_config(options, config.config_file_path)
    for key, message in (*errors, *warnings):
        log.warning("flux-catalog: search option '%s' for Material's search: %s", key, message)
    # Unregister the old plugin's handlers (MkDocs is running the `config` event: ours, with
    # priority 100, runs before the old plugin's would).
    for handlers in plugins.events.values():
        handlers[:] = [h for h in handlers if getattr(h, "__self__", None) is not old]
    del plugins[name]
    # Material's templates draw the search box only for a plugin of this name.
    plugins["material/search"] = new
    # Its startup and config events have passed or are under way: run them here, once.
    config_handlers = plugins.events["config"]
    config_handlers[:] = [h for h in config_handlers if getattr(h, "__self__", None) is not new]
    if command is not None:
        new.on_startup(command=command, dirty=dirty)
    new.on_config(config)


def _user_options(plugin: Any) -> dict[str, Any]:
    """The options both search plugins know, as the user set them (unset ones default)."""
    options = {}
    for key in ("lang", "separator"):
        value = plugin.config.get(key)
        if value is not None and not (key == "separator" and value == r"[\s\-]+"):
            options[key] = value
    return options

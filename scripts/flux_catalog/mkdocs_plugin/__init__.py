"""The ``flux-catalog`` MkDocs plugin: a thin adapter from MkDocs events to the engine.

``plugins: [search, flux-catalog]`` in a Flux repository's ``mkdocs.yml`` builds its catalog:
the engine (``flux_catalog.resolve``, ``rules``, ``render``) plans the pages, this module hands
them to MkDocs as generated files with their edit links, sets the navigation, ships Mermaid and
tablesort from the package (no CDN) and turns the gate's problems into build warnings. With
``--strict`` the build fails on them whatever the verbosity (``-q`` drops warnings before MkDocs
counts them, so the plugin fails the build itself).

Title, repository URL and edit links are the user's own (``site_name``, ``repo_url``,
``edit_uri``); nothing here knows about any particular repository.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import json
import logging
import time
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from .changes import ChangesPage
from .engine import engine_modules as _engine_modules
from .heap import IdleCollector
from .navigation import location, nav_paths, navigation, titled
from .pages import CsvRows, JsonRows, MemoryBytecodeCache, SearchIndexKeeper, StablePages
from .site_config import (
    adapt_theme,
    add_assets,
    add_markdown_extensions,
    add_template_overrides,
    edit_root,
    port_in_use,
    strip_source_component,
)
from .theme import use_material

log = logging.getLogger("mkdocs.plugins.flux_catalog")

_SHOWN_IN_QUIET = 20  # problems quoted in the error that fails a strict build
_SHELL_TEMPLATES = ("404.html", "sitemap.xml")


class FluxCatalogConfig(base.Config):
    # Directories (relative to the repository root) the catalog walks; default: the policy's.
    paths = c.Optional(c.ListOfItems(c.Type(str)))
    # Repository root, relative to mkdocs.yml.
    root = c.Type(str, default=".")
    # Language of the generated pages, problem messages and (when the plugin picks the theme)
    # Material's own texts: "uk" or "en".
    language = c.Choice(("uk", "en"), default="uk")
    # The TOML file with [tool.flux-catalog], relative to the repository root.
    policy = c.Type(str, default="pyproject.toml")
    # CRD files or directories for the schema rule; default: the Flux CRDs shipped with the
    # package (the repository's own CRDs and the policy's are always used too).
    crds = c.Optional(c.ListOfItems(c.Type(str)))
    # Whether the gate's problems are warnings that fail `mkdocs build --strict`.
    strict = c.Type(bool, default=True)
    # A Git revision of this repository (a release tag, origin/main): adds a "What changed"
    # page comparing it with the built catalog.
    diff_base = c.Optional(c.Type(str))


class FluxCatalogPlugin(BasePlugin[FluxCatalogConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self._root = Path(".")
        self._language = "uk"
        self._branch = "main"
        self._failing: list[str] = []
        self._fingerprint = ""
        self._scripts: list[str] = []
        self._check_port = False
        self._command: str | None = None
        self._dirty = False
        self._changes = ChangesPage()
        self._stable: StablePages | None = None
        self._search = SearchIndexKeeper()
        self._nav_key = ""
        self._page_urls: set[str] = set()
        self._rendered: set[str] = set()  # pages this build rendered
        self._memo: Any = None  # the engine's PageMemo under `serve`: pages kept by inputs
        self._session: Any = None  # the engine's CatalogSession under `serve`: clusters kept
        self._bytecode: MemoryBytecodeCache | None = None  # compiled theme templates
        self._same_shell = False  # navigation and mkdocs.yml as in the last build
        self._inventory_json = JsonRows()
        self._inventory_csv = CsvRows()
        self._heap: IdleCollector | None = None  # under a dirty `serve`: gc between builds

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # With on_startup defined, MkDocs keeps this instance across `serve` rebuilds.
        self._check_port = command == "serve"
        self._command, self._dirty = command, dirty
        # `mkdocs serve --dirty` re-renders only pages whose source is newer than their HTML:
        # generated pages become files that change only with their content.
        self.on_shutdown()
        self._nav_key = ""
        self._search = SearchIndexKeeper()
        self._memo = None
        self._session = None
        self._inventory_json = JsonRows()
        self._inventory_csv = CsvRows()
        self._same_shell = False
        self._bytecode = None
        if command == "serve" and dirty:
            self._stable = StablePages()
            self._bytecode = MemoryBytecodeCache()
            self._heap = IdleCollector()

    def on_shutdown(self) -> None:
        if self._stable is not None:
            self._stable.close()
            self._stable = None
        if self._heap is not None:
            self._heap.close()
            self._heap = None

    # -- configuration -------------------------------------------------------------------

    @event_priority(100)  # first: a site without a theme gets Material before search sets up
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self._heap is not None:
            self._heap.postpone()
        if self._check_port:  # before the first build, not after a minute of it
            self._check_port = False
            host, port = config.dev_addr
            if port_in_use(host, port):
                raise Abort(f"flux-catalog: {host}:{port} is already in use (another `mkdocs "
                            f"serve`?); serve on another address with --dev-addr "
                            f"{host}:{port + 1}")
        base_dir = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        self._root = (base_dir / self.config.root).resolve()
        if not self._root.is_dir():
            raise PluginError(f"flux-catalog: root is not a directory: {self._root}")
        self._language = self.config.language
        self._branch, config.edit_uri = edit_root(config, self._root)
        use_material(config, self._language, self._command, self._dirty)
        add_markdown_extensions(config)
        self._scripts = add_assets(config)
        add_template_overrides(config)
        adapt_theme(config)
        return config

    # -- pages ---------------------------------------------------------------------------

    @event_priority(-50)  # after plugins that add hand-written pages of their own
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        started = time.perf_counter()
        engine = _engine_modules()
        policy, policy_problems, paths = self._policy(engine)
        catalog, problems = self._catalog(engine, paths, policy)
        problems = sorted(set(problems) | set(policy_problems))
        # The build log speaks the CLI's English; the pages, the site's language.
        shown = engine["i18n"].translate_problems(problems, self._language)
        hand_written = list(files.documentation_pages())
        existing = {f.src_uri for f in hand_written}
        site = engine["render"].plan_pages(catalog, shown, config.repo_url or None,
                                           self._branch, self._language,
                                           None if "index.md" in existing else config.site_name,
                                           existing, memo=self._page_memo(engine))

        docs_dir = Path(config.docs_dir).resolve()
        prefix = docs_dir.relative_to(self._root).as_posix() if docs_dir.is_relative_to(
            self._root) else None
        for file in hand_written:
            file.edit_uri = f"{prefix}/{file.src_uri}" if prefix not in (None, ".") else (
                file.src_uri if prefix == "." else None)
        # Component and section pages are linked from the cluster and namespace pages, never
        # listed in the navigation, so every page's size is independent of the fleet's.
        in_nav = set(nav_paths(site.nav))
        stable = self._stable
        if stable is not None:
            stable.begin()
        for page in site.pages:
            if page.path in existing:
                log.warning("generated page %s replaces a hand-written page of the same path",
                            page.path)
                files.remove(files.get_file_from_path(page.path))  # type: ignore[arg-type]
            inclusion = (InclusionLevel.UNDEFINED if page.path in in_nav
                         else InclusionLevel.NOT_IN_NAV)
            if stable is not None:
                file = File.generated(config, page.path, inclusion=inclusion,
                                      abs_src_path=stable.write(page.path, page.markdown))
            else:
                file = File.generated(config, page.path, content=page.markdown,
                                      inclusion=inclusion)
            file.edit_uri = page.edit_path
            files.append(file)
        if stable is not None:
            stable.prune({page.path for page in site.pages})
        layout = engine["layout"]
        rows = site.inventory()
        inventory_json = self._inventory_json.dumps(rows) + "\n"
        report = engine["report"]
        # (without the rows' "page" column)
        inventory_csv = self._inventory_csv.text(rows, report.inventory_csv)
        files.append(File.generated(config, layout.INVENTORY_JSON, content=inventory_json))
        files.append(File.generated(config, layout.INVENTORY_CSV, content=inventory_csv))
        for path, uri in self._scripts_files():
            if files.get_file_from_path(uri) is None:
                files.append(File.generated(config, uri, abs_src_path=str(path)))

        nav = navigation(config.nav, site, hand_written, existing)
        if self.config.diff_base:
            self._add_changes(self.config.diff_base, files, config, nav, engine,
                              (catalog, policy, problems), paths, site.context.node_page)
        config.nav = nav
        self._page_urls = {location(f.url) for f in files.documentation_pages()}
        self._rendered = set()
        if stable is not None:
            config.nav = titled(config.nav, site)
            self._rebuild_all_on_new_navigation(config)
        self._report(problems, engine)
        rewritten = ""
        if stable is not None:
            rebuilt = self._session.rebuilt
            rewritten = (f", {self._memo.rendered} rendered, {stable.written} rewritten, "
                         + ("every cluster built" if rebuilt is None else
                            f"{len(rebuilt)} of {len(catalog.clusters)} clusters rebuilt"))
        log.info("flux-catalog: %d pages%s for %d objects (%d components) in %d clusters, "
                 "%d problems, %.2f s", len(site.pages), rewritten, len(catalog.objects),
                 len(catalog.components()), len(catalog.clusters), len(problems),
                 time.perf_counter() - started)
        return files

    def _catalog(self, engine: dict[str, Any], paths: list[str] | None, policy: Any
                 ) -> tuple[Any, list[Any]]:
        """The catalog and its problems: built whole, or under a dirty `serve` by a session
        that walks, resolves and judges again only the clusters an edit reaches."""
        if self._stable is None:
            catalog, policy = engine["resolve"].build_catalog(self._root, paths, policy)
            return catalog, engine["rules"].run(catalog, policy, self._crds())
        session_type = engine["session"].CatalogSession
        if type(self._session) is not session_type:
            self._session = session_type(self._root)
        return self._session.build(paths, policy, (), self._crds())  # type: ignore[no-any-return]

    def _page_memo(self, engine: dict[str, Any]) -> Any:
        """The pages of the last build, by what they show (dirty `serve` only); a new one
        when the engine was reloaded."""
        if self._stable is None:
            return None
        memo_type = engine["render"].PageMemo
        if type(self._memo) is not memo_type:
            self._memo = memo_type()
        return self._memo

    def _add_changes(self, base: str, files: Files, config: MkDocsConfig, nav: list[Any],
                     engine: dict[str, Any], head: tuple[Any, Any, list[Any]],
                     paths: list[str] | None, page_of: Any) -> None:
        markdown = self._changes.markdown(self._root, base, head, paths, self._crds(),
                                          self._language, page_of)
        if markdown is None:
            return
        page = engine["diff_page"]
        if files.get_file_from_path(page.PAGE) is not None:
            log.info("flux-catalog: docs/%s exists; the 'What changed' page is not generated",
                     page.PAGE)
            return
        file = File.generated(config, page.PAGE, content=markdown)
        file.edit_uri = None  # generated from two revisions: nothing to edit
        files.append(file)
        with engine["i18n"].language(self._language):
            nav.append({engine["i18n"].t(page.TITLE): page.PAGE})

    def _rebuild_all_on_new_navigation(self, config: MkDocsConfig) -> None:
        """A dirty rebuild skips unchanged pages, whose HTML holds the navigation: when the
        navigation or ``mkdocs.yml`` changed (a page added, removed or renamed; a theme
        setting), the HTML of the last build is dropped from ``serve``'s own site directory so
        that every page is rendered again."""
        key = json.dumps(config.nav, ensure_ascii=False, sort_keys=True, default=str)
        with contextlib.suppress(OSError, TypeError):
            key += hashlib.blake2b(Path(config.config_file_path).read_bytes()).hexdigest()
        self._same_shell = key == self._nav_key
        if key == self._nav_key:
            return
        first = not self._nav_key
        self._nav_key = key
        site_dir = Path(config.site_dir)
        if first or not site_dir.is_dir():
            return
        for html in site_dir.rglob("*.html"):
            html.unlink(missing_ok=True)

    def _policy(self, engine: dict[str, Any]) -> tuple[Any, list[Any], list[str] | None]:
        policy, problems = engine["policy_file"].load_policy_file(self._root,
                                                                  self.config.policy)
        paths = self.config.paths
        if paths is None and not any((self._root / p).exists() for p in policy.paths):
            log.info("flux-catalog: none of %s exists; walking the whole repository",
                     ", ".join(policy.paths))
            paths = [""]
        for path in paths or ():
            if not (self._root / path).exists():
                raise PluginError(f"flux-catalog: path does not exist: {self._root / path}")
        return policy, problems, paths

    def _crds(self) -> tuple[Path, ...]:
        if self.config.crds is None:
            from ..crd_data import bundled_crds

            return bundled_crds()
        crds = tuple((self._root / p).resolve() for p in self.config.crds)
        for crd in crds:
            if not crd.exists():
                raise PluginError(f"flux-catalog: crds path does not exist: {crd}")
        return crds

    def _scripts_files(self) -> list[tuple[Path, str]]:
        from .site_config import asset_files

        return asset_files()

    def _report(self, problems: list[Any], engine: dict[str, Any]) -> None:
        self._failing = []
        emit = log.warning if self.config.strict else log.info
        for p in problems:
            line = engine["report"].text_line(p)
            if p.level == "info":  # what the engine cannot know never fails a build
                log.info("%s", line)
                continue
            emit("%s", line)
            if self.config.strict:
                self._failing.append(line)

    # -- output --------------------------------------------------------------------------

    def on_env(self, env: Any, /, *, config: MkDocsConfig, files: Files) -> Any:
        if self._bytecode is not None:  # MkDocs makes a new Jinja environment every build
            env.bytecode_cache = self._bytecode
        if self._same_shell and (Path(config.site_dir) / "404.html").is_file():
            # What the theme renders without a page (404.html, sitemap.xml) shows only the
            # navigation and mkdocs.yml's settings, both unchanged: keep last build's files.
            for name in _SHELL_TEMPLATES:
                config.theme.static_templates.discard(name)
        return env

    def on_page_markdown(self, markdown: str, /, *, page: Any, config: MkDocsConfig,
                         files: Files) -> str:
        # A hand-written page may ask for the rules' pass/fail examples (docs/conventions.md).
        examples = importlib.import_module("flux_catalog.render.rule_examples")
        if examples.MARKER not in markdown:
            return markdown
        rules = importlib.import_module("flux_catalog.rules")
        return markdown.replace(examples.MARKER,
                                examples.rule_examples_markdown(rules.RULES))

    def on_post_page(self, output: str, /, *, page: Any, config: MkDocsConfig) -> str:
        self._rendered.add(location(page.url))
        return strip_source_component(output)

    def on_post_template(self, output_content: str, /, *, template_name: str,
                         config: MkDocsConfig) -> str:
        return strip_source_component(output_content)

    @event_priority(-100)  # after the search plugin wrote its index
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self._stable is not None:
            self._search.complete(Path(config.site_dir), self._page_urls, self._rendered)
        if self._heap is not None:
            self._heap.schedule()
        # `mkdocs build -q` raises the log level above WARNING, so MkDocs' strict counter never
        # sees the problems: fail here, whatever the verbosity.
        if config.strict and self._failing:
            shown = "\n".join(self._failing[:_SHOWN_IN_QUIET])
            more = len(self._failing) - _SHOWN_IN_QUIET
            tail = f"\n... and {more} more" if more > 0 else ""
            raise PluginError(f"flux-catalog: {len(self._failing)} problems fail the strict "
                              f"build:\n{shown}{tail}")

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        policy, _, paths = self._policy(_engine_modules())
        for path in paths if paths is not None else policy.paths:
            target = self._root / path
            if target.exists():
                server.watch(str(target))
        policy_file = self._root / self.config.policy
        if policy_file.is_file():
            server.watch(str(policy_file))
        return server

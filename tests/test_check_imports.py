"""A cold ``check`` loads only what it uses: not the diff, not the page renderers, not
detect-secrets (its rules come from a table written for the installed version), not
jsonschema (only an object the fast test does not pass needs it)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from flux_catalog.secrets import detect_secrets_table
from flux_catalog.secrets.values import (
    _detect_secrets_rules,
    detect_secrets_table_source,
    detect_secrets_version,
    plugin_rules,
)

from .conftest import FIXTURES, ROOT

REGENERATE = (
    "PYTHONPATH=scripts python -c 'from flux_catalog.secrets.values import "
    "detect_secrets_table_source as s; open(\"scripts/flux_catalog/secrets/"
    "detect_secrets_table.py\", \"w\").write(s())'")
NOT_FOR_CHECK = ("flux_catalog.diff.", "flux_catalog.render",
                 "flux_catalog.mkdocs_plugin", "detect_secrets", "requests", "jsonschema")


def test_the_shipped_detect_secrets_table_is_the_installed_plugins() -> None:
    if detect_secrets_version() != detect_secrets_table.VERSION:
        pytest.skip(f"detect-secrets {detect_secrets_version()} is installed; the table is of "
                    f"{detect_secrets_table.VERSION} (the plugins are read instead)")
    assert detect_secrets_table_source() == (
        ROOT / "scripts/flux_catalog/secrets/detect_secrets_table.py").read_text("utf-8"), \
        f"write the table again: {REGENERATE}"
    assert [(r, p.pattern, p.flags) for r, p in _detect_secrets_rules()] == \
        [(r, p.pattern, p.flags) for r, p in plugin_rules()]


def test_the_version_read_from_the_package_is_the_distributions() -> None:
    from importlib.metadata import version

    assert detect_secrets_version() == version("detect-secrets")


def test_another_detect_secrets_version_reads_the_plugins(monkeypatch) -> None:
    monkeypatch.setattr(detect_secrets_table, "VERSION", "0.0-not-installed")
    assert [(r, p.pattern) for r, p in _detect_secrets_rules()] == \
        [(r, p.pattern) for r, p in plugin_rules()]


def test_check_imports_neither_renderers_nor_detect_secrets_nor_jsonschema() -> None:
    code = ("import sys, json\nfrom flux_catalog.cli import main\n"
            "code = main(['check', 'clusters', '--repo-root', sys.argv[1], '--no-cache',"
            " '--color', 'never'])\n"
            "print(json.dumps([code, sorted(sys.modules)]))\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "scripts"), "FLUX_CATALOG_CACHE_DIR": "off"}
    proc = subprocess.run([sys.executable, "-c", code, str(FIXTURES / "basic")], env=env,
                          capture_output=True, text=True, timeout=300, check=False)
    _, modules = json.loads(proc.stdout.strip().splitlines()[-1])
    if detect_secrets_version() != detect_secrets_table.VERSION:
        modules = [m for m in modules if not m.startswith(("detect_secrets", "requests"))]
    loaded = [m for m in modules if m.startswith(NOT_FOR_CHECK) or m == "flux_catalog.diff"]
    assert not loaded, loaded

"""Copy Mermaid and tablesort from ``node_modules`` into the package, so any site works offline.

Run by ``scripts/dev setup`` and by the package build (``setup.py``). The npm packages are
pinned in ``package.json``/``package-lock.json`` and installed with ``npm ci``; their files are
copied to ``scripts/flux_catalog/mkdocs_plugin/assets/vendor/`` (ignored by Git: third-party
code is never committed) and shipped as package data.

    python scripts/vendor_js.py [--npm NPM]   # runs `npm ci` first when node_modules is missing
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENDOR = ROOT / "scripts" / "flux_catalog" / "mkdocs_plugin" / "assets" / "vendor"
# (file under node_modules, name in the package); the plugin lists them in this order.
FILES = (
    ("mermaid/dist/mermaid.min.js", "mermaid.min.js"),
    ("tablesort/dist/tablesort.min.js", "tablesort.min.js"),
    ("tablesort/dist/sorts/tablesort.number.min.js", "tablesort.number.min.js"),
    ("mermaid/LICENSE", "mermaid.LICENSE"),
    ("tablesort/LICENCE", "tablesort.LICENCE"),
)


def npm_ci(npm: str) -> bool:
    if not (ROOT / "package-lock.json").is_file() or shutil.which(npm) is None:
        return False
    result = subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"],
                            cwd=ROOT, check=False, stdout=sys.stderr)
    return result.returncode == 0


def copy(modules: Path = ROOT / "node_modules") -> list[str]:
    """Copy what exists; return the node_modules files that are missing."""
    VENDOR.mkdir(parents=True, exist_ok=True)
    missing = []
    for source, name in FILES:
        path = modules / source
        if path.is_file():
            shutil.copyfile(path, VENDOR / name)
        else:
            missing.append(source)
    return missing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--npm", default="npm", help="the npm executable (default: npm)")
    args = parser.parse_args(argv)
    if not (ROOT / "node_modules" / "mermaid").is_dir():
        npm_ci(args.npm)
    missing = copy()
    if missing:
        print(f"vendor_js: not found in node_modules: {', '.join(missing)}; sites will load "
              "Mermaid from Material's CDN and tables will not sort", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

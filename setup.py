"""Package build hook: ship Mermaid and tablesort inside the package (see scripts/vendor_js.py).

Everything else about the package is in pyproject.toml. Before the modules are copied into a
wheel, the npm packages pinned in package-lock.json are installed (``npm ci``, when npm is
available and node_modules is missing) and their files copied to the plugin's assets/vendor/.
A build without npm still succeeds; the plugin then says in the build log that the site loads
Mermaid from Material's CDN.
"""

from __future__ import annotations

import runpy
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithVendoredJs(build_py):
    def run(self) -> None:
        script = Path(__file__).resolve().parent / "scripts" / "vendor_js.py"
        if script.is_file():  # absent when building from an sdist that already has the files
            vendor = runpy.run_path(str(script))
            if vendor["main"]([]) != 0:
                self.warn("Mermaid/tablesort not vendored; sites will use Material's CDN")
        super().run()


setup(cmdclass={"build_py": BuildWithVendoredJs})

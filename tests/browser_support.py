"""Drive the built site in Debian's headless Chromium; used by ``tests/test_browser.py``.

Everything here is bounded: page loads, scripts and waits time out (at most 30 s), the browser
is the system ``chromium`` with the system ``chromedriver`` (never a downloaded build), and the
site is served from a thread on 127.0.0.1.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from selenium import webdriver
from selenium.webdriver.chrome.service import Service

ROOT = Path(__file__).resolve().parents[1]
# The only flags the browser is started with (plus a fresh profile and the log preferences).
CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
)
VIEWPORT = (1280, 900)
TIMEOUT = 30.0  # the longest any single wait, page load or script may take

T = TypeVar("T")


class WaitTimeout(AssertionError):
    """A browser wait ran out of time (an assertion, so pytest shows it as a test failure)."""


def find_chromium() -> tuple[str, str] | str:
    """``(chromium, chromedriver)`` paths, or the reason the browser tests cannot run.

    ``CHROMIUM`` and ``CHROMEDRIVER`` override the binaries found on ``PATH``.
    """
    chromium = os.environ.get("CHROMIUM") or shutil.which("chromium") \
        or shutil.which("chromium-browser")
    driver = os.environ.get("CHROMEDRIVER") or shutil.which("chromedriver")
    missing = [name for name, path in (("chromium", chromium), ("chromedriver", driver))
               if not path or not os.access(path, os.X_OK)]
    if missing:
        return (f"{' and '.join(missing)} not found (install Debian's chromium and "
                "chromium-driver, or set CHROMIUM / CHROMEDRIVER)")
    assert chromium and driver
    return chromium, driver


def build_site(dest: Path, root: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` of ``root`` into ``dest``; raises with the log on failure."""
    env = dict(os.environ, DISABLE_MKDOCS_2_WARNING="true", NO_MKDOCS_2_WARNING="1",
               PYTHONPATH=str(root / "scripts"))
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(root / "mkdocs.yml"),
           "-d", str(dest)]
    result = subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        raise AssertionError(f"mkdocs build failed:\n{result.stdout}{result.stderr}")
    return result


def wait_until(condition: Callable[[], T | None], timeout: float, what: str,
               interval: float = 0.1) -> T:
    """Poll ``condition`` until it returns something truthy; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + min(timeout, TIMEOUT)
    last: T | None = None
    while True:
        last = condition()
        if last:
            return last
        if time.monotonic() >= deadline:
            raise WaitTimeout(f"timed out after {timeout:g} s waiting for {what} (last: {last!r})")
        time.sleep(interval)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class SiteServer:
    """Serve a directory on ``http://127.0.0.1:<free port>/`` from a daemon thread."""

    def __init__(self, root: Path) -> None:
        handler = functools.partial(_QuietHandler, directory=str(root))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self._thread = threading.Thread(target=self.httpd.serve_forever, name="site-server",
                                        daemon=True)

    def __enter__(self) -> SiteServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self._thread.join(timeout=5)


# Runs in every document before the page's own scripts. Material renders each Mermaid diagram
# into a *closed* shadow root; opening it lets the tests look at the SVG. Errors and failed
# resource loads are recorded too, so a wait can stop early when a page has already failed.
INIT_SCRIPT = r"""
(() => {
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    return attach.call(this, Object.assign({}, init, { mode: "open" }));
  };
  const errors = (window.__testErrors = []);
  window.addEventListener("error", (event) => {
    const target = event.target;
    if (target && target !== window && (target.src || target.href)) {
      errors.push("failed to load " + (target.src || target.href));
    } else {
      errors.push("error: " + (event.message || event.type));
    }
  }, true);
  window.addEventListener("unhandledrejection", (event) => {
    const reason = event.reason;
    errors.push("unhandled rejection: " + ((reason && reason.message) || String(reason)));
  });
})();
"""

# One entry per Mermaid diagram of the page. Material replaces each <pre class="mermaid"> by a
# <div class="mermaid"> host whose shadow root holds the SVG; "pending" counts the <pre>s left.
DIAGRAMS_SCRIPT = r"""
const hosts = Array.from(document.querySelectorAll("div.mermaid"));
return {
  pending: document.querySelectorAll("pre.mermaid").length,
  errors: window.__testErrors || [],
  diagrams: hosts.map((host) => {
    const root = host.shadowRoot;
    if (!root) {
      return { open: false, svgs: 0, nodes: 0, error: false, links: [] };
    }
    const svgs = Array.from(root.querySelectorAll("svg"));
    return {
      open: true,
      svgs: svgs.length,
      nodes: root.querySelectorAll("g.node").length,
      error: svgs.some((svg) => svg.getAttribute("aria-roledescription") === "error")
        || /Syntax error/i.test(root.textContent),
      links: Array.from(root.querySelectorAll("a")).map((a) => ({
        href: new URL(a.getAttribute("href") || a.getAttribute("xlink:href") || "",
                      document.baseURI).href,
        text: a.textContent.trim(),
      })),
    };
  }),
};
"""


def rendered_svgs(report: dict[str, Any]) -> int:
    """How many diagrams of a ``Browser.diagrams`` report were drawn as a real graph."""
    return sum(1 for d in report["diagrams"]
               if d["svgs"] > 0 and d["nodes"] > 0 and not d["error"])


class Browser:
    """One headless Chromium for the session; logs are collected per page opened."""

    def __init__(self, chromium: str, chromedriver: str, profile: Path) -> None:
        options = webdriver.ChromeOptions()
        options.binary_location = chromium
        for flag in CHROMIUM_FLAGS:
            options.add_argument(flag)
        options.add_argument(f"--user-data-dir={profile}")
        options.add_argument(f"--window-size={VIEWPORT[0]},{VIEWPORT[1]}")
        options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
        service = Service(chromedriver, log_output=subprocess.DEVNULL)
        self.driver = webdriver.Chrome(options=options, service=service)
        try:
            self.driver.set_page_load_timeout(TIMEOUT)
            self.driver.set_script_timeout(TIMEOUT)
            self.cdp("Page.addScriptToEvaluateOnNewDocument", {"source": INIT_SCRIPT})
            self.cdp("Emulation.setDeviceMetricsOverride", {
                "width": VIEWPORT[0], "height": VIEWPORT[1], "deviceScaleFactor": 1,
                "mobile": False})
            self.driver.get("about:blank")
            self.requests: list[str] = []
            self.console: list[dict[str, Any]] = []
            self._poll_logs()
        except BaseException:
            self.driver.quit()
            raise

    def quit(self) -> None:
        self.driver.quit()

    def cdp(self, command: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        return self.driver.execute_cdp_cmd(command, params or {})

    def js(self, script: str, *args: Any) -> Any:
        return self.driver.execute_script(script, *args)

    # --- pages and logs -----------------------------------------------------------------

    def open(self, url: str) -> None:
        """Load ``url`` with fresh logs and wait until the document is complete."""
        self._poll_logs()
        self.requests.clear()
        self.console.clear()
        self.driver.get(url)
        wait_until(lambda: self.js("return document.readyState") == "complete", 10,
                   f"{url} to load")

    def _poll_logs(self) -> int:
        """Move new log entries into ``requests`` / ``console``; return how many requests."""
        before = len(self.requests)
        for entry in self.driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            if message.get("method") == "Network.requestWillBeSent":
                self.requests.append(message["params"]["request"]["url"])
        self.console.extend(self.driver.get_log("browser"))
        return len(self.requests) - before

    def settle(self, quiet: float = 0.5, timeout: float = 10) -> None:
        """Wait until the page has sent no new request for ``quiet`` seconds."""
        deadline = time.monotonic() + timeout
        last_new = time.monotonic()
        while time.monotonic() < deadline:
            if self._poll_logs():
                last_new = time.monotonic()
            elif time.monotonic() - last_new >= quiet:
                return
            time.sleep(0.1)

    def console_errors(self) -> list[str]:
        """SEVERE browser-log entries (script errors, failed loads) since the page opened."""
        self._poll_logs()
        return [entry["message"] for entry in self.console if entry["level"] == "SEVERE"]

    def foreign_requests(self, origin: str) -> list[str]:
        """Requests since the page opened that went anywhere but ``origin``, data: or blob:."""
        self._poll_logs()
        return [url for url in self.requests
                if not url.startswith((origin, "data:", "blob:"))]

    # --- Mermaid --------------------------------------------------------------------------

    def diagrams(self) -> dict[str, Any]:
        report: dict[str, Any] = self.js(DIAGRAMS_SCRIPT)
        return report

    def wait_for_diagrams(self, expected: int, timeout: float = 20) -> dict[str, Any]:
        """Wait until ``expected`` diagrams are drawn, or the page reports an error.

        Returns the last report either way (never raises on timeout): the caller asserts on
        it with ``rendered_svgs``, so a broken diagram shows up as "0 rendered".
        """
        deadline = time.monotonic() + min(timeout, TIMEOUT)
        errors_since: float | None = None
        while True:
            report = self.diagrams()
            done = report["pending"] == 0 and len(report["diagrams"]) >= expected and all(
                d["svgs"] > 0 for d in report["diagrams"])
            if done:
                return report
            if report["errors"]:
                # Give the other diagrams of the page a moment, then report the failure.
                errors_since = errors_since or time.monotonic()
                if time.monotonic() - errors_since > 1.0:
                    return report
            if time.monotonic() >= deadline:
                return report
            time.sleep(0.1)

    # --- screenshots -----------------------------------------------------------------------

    def screenshot(self, path: Path, full_page: bool = False, max_height: int = 6000) -> Path:
        """Save a PNG of the viewport, or of the whole page (up to ``max_height`` pixels).

        Waits (up to 3 s) for fonts and CSS transitions first, so that e.g. a navigation
        chevron is not caught half-way through its rotation.
        """
        with contextlib.suppress(WaitTimeout):  # an endless animation is only less tidy
            wait_until(lambda: self.js(
                "return document.fonts.status === 'loaded' && document.getAnimations()"
                ".every(a => a.playState !== 'running')"), 3, "animations to finish")
        params: dict[str, Any] = {"format": "png"}
        if full_page:
            size = self.cdp("Page.getLayoutMetrics")["cssContentSize"]
            height = int(min(max(size["height"], VIEWPORT[1]), max_height))
            params.update(captureBeyondViewport=True,
                          clip={"x": 0, "y": 0, "width": VIEWPORT[0], "height": height,
                                "scale": 1})
        data = self.cdp("Page.captureScreenshot", params)["data"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))
        return path


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")


# `lines(node)`: how many lines a rendered element takes (tests of words broken in cells).
LINE_COUNT_JS = """
const lines = (node) => {
  // Boxes on one line overlap vertically (a code span's padding box holds its text); a box
  // that starts below the ones before it starts a new line.
  const range = document.createRange();
  range.selectNodeContents(node);
  const boxes = Array.from(range.getClientRects()).filter((r) => r.width && r.height)
    .sort((a, b) => a.top - b.top);
  let count = 0, bottom = -Infinity;
  for (const box of boxes) {
    if (box.top >= bottom - 1) {
      count += 1;
    }
    bottom = Math.max(bottom, box.bottom);
  }
  return count;
};
"""

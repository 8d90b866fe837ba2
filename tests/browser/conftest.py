"""Fixtures for the browser tests: one headless Debian chromium, one demo site, one tab per test.

The tests drive ``/usr/bin/chromium`` (or ``TIDINGS_CHROMIUM``) through Playwright's
Python package and never download a browser. Without chromium or playwright they
skip with the reason; with ``TIDINGS_BROWSER_REQUIRED=1`` (CI, after
``scripts/browser-setup``) a missing browser is a failure instead, so CI cannot pass
by skipping them.

The demo runs once per session into a temporary folder (about half a minute);
``TIDINGS_BROWSER_DEMO=DIR`` reuses a folder an earlier ``tidings demo --out DIR
--no-serve`` wrote, which makes editing these tests quicker.

Each test gets a fresh browser context whose every request is recorded and whose
requests to anywhere but 127.0.0.1 (or the disk) are refused, so a page that
reaches out to the internet shows up in :attr:`Tab.outside` instead of hanging on
the closed network. When the test ends, each of its tabs saves a full-page
screenshot named after the test under ``TIDINGS_SCREENSHOTS`` (default
``build/screenshots/``).
"""

from __future__ import annotations

import functools
import io
import os
import re
import socket
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("TIDINGS_CHROMIUM", "/usr/bin/chromium"))
#: Root needs --no-sandbox; the rest keep chromium from calling home, which on a closed
#: network only makes it slow.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 812}
#: Schemes that never leave the machine.
LOCAL_SCHEMES = {"file", "data", "blob", "about", "chrome-error"}
LOOPBACK_HOSTS = {"127.0.0.1"}


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in LOCAL_SCHEMES or parts.hostname in LOOPBACK_HOSTS


def screenshot_folder() -> Path:
    return Path(os.environ.get("TIDINGS_SCREENSHOTS") or REPO / "build" / "screenshots")


def _unavailable(reason: str) -> None:
    if os.environ.get("TIDINGS_BROWSER_REQUIRED") == "1":
        pytest.fail(f"{reason} (TIDINGS_BROWSER_REQUIRED=1; run scripts/browser-setup)")
    pytest.skip(reason)


# -- the browser ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless chromium per test module; each test opens its own context.

    Not per session: Playwright's sync API keeps an asyncio loop running in this thread
    while it is open, and every later test that calls ``asyncio.run`` (the pipeline, the
    fetcher) would fail with "cannot be called from a running event loop"."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed (pip install -e '.[dev]')")
    if not CHROMIUM.exists():
        _unavailable(f"no chromium at {CHROMIUM} (scripts/browser-setup installs Debian's)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@dataclass
class Tab:
    """A page in its own context, with what it asked the network for and what went wrong."""

    page: Any
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def outside(self) -> list[str]:
        """Requests that would have left this machine (refused before they could)."""
        return [url for url in self.requests if not is_local(url)]

    def goto(self, url: str) -> None:
        response = self.page.goto(url)
        assert response is None or response.ok, f"{url}: HTTP {response.status}"

    def follow(self, link: Any) -> str:
        """Click ``link`` (a locator) and wait for the page it leads to; returns its text."""
        text = link.inner_text().strip()
        with self.page.expect_navigation():
            link.click()
        return text

    def images(self) -> list[dict[str, Any]]:
        """Every <img> once it has loaded: scrolled into view first, since most are lazy."""
        for img in self.page.locator("img").all():
            img.scroll_into_view_if_needed()
        self.page.wait_for_function("Array.from(document.images).every(i => i.complete)")
        return self.page.evaluate(
            """Array.from(document.images).map(i => ({
                src: i.currentSrc || i.src, alt: i.getAttribute('alt'),
                naturalWidth: i.naturalWidth, naturalHeight: i.naturalHeight}))"""
        )

    def horizontal_overflow(self) -> int:
        """How many CSS pixels the page is wider than the window (0 when it fits)."""
        return max(0, int(self.page.evaluate(
            "document.documentElement.scrollWidth - window.innerWidth")))


@pytest.fixture
def open_tab(browser: Any, request: pytest.FixtureRequest) -> Iterator[Callable[..., Tab]]:
    """``open_tab(viewport=PHONE)`` opens a fresh context; each one is screenshotted at the end."""
    opened: list[tuple[Any, Tab]] = []

    def open_one(viewport: dict[str, int] = DESKTOP) -> Tab:
        context = browser.new_context(viewport=viewport)
        context.route(re.compile(r"^https?://"), _keep_local)
        tab = Tab(context.new_page())
        context.on("request", lambda r: tab.requests.append(r.url))
        tab.page.on("console", lambda m: m.type == "error" and tab.errors.append(m.text))
        tab.page.on("pageerror", lambda e: tab.errors.append(f"uncaught: {e}"))
        opened.append((context, tab))
        return tab

    yield open_one
    folder = screenshot_folder()
    folder.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^\w.-]+", "-", request.node.name).strip("-")
    for n, (context, tab) in enumerate(opened):
        suffix = f"-{n + 1}" if len(opened) > 1 else ""
        try:
            tab.page.screenshot(path=str(folder / f"{name}{suffix}.png"), full_page=True)
        finally:
            context.close()


def assert_page_is_whole(tab: Tab) -> None:
    """Every picture loaded and has an alt attribute; no errors; nothing left the machine."""
    images = tab.images()
    problems = [f"picture did not load: {i['src']}" for i in images if not i["naturalWidth"]]
    problems += [f"picture without alt: {i['src']}" for i in images if i["alt"] is None]
    problems += [f"logged: {e}" for e in tab.errors]
    problems += [f"asked beyond this machine for {url}" for url in tab.outside]
    assert not problems, f"{tab.page.url}:\n" + "\n".join(problems)


def _keep_local(route: Any) -> None:
    if is_local(route.request.url):
        route.continue_()
    else:
        route.abort("blockedbyclient")


@pytest.fixture
def tab(open_tab: Callable[..., Tab]) -> Tab:
    """A desktop-sized tab."""
    return open_tab()


# -- the site under test -------------------------------------------------------------------


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What `tidings demo --no-serve` wrote: the static site, its workspace in .tidings/."""
    reuse = os.environ.get("TIDINGS_BROWSER_DEMO")
    if reuse:
        return Path(reuse).resolve()
    from rich.console import Console

    from tidings.demo.runner import run_demo

    out = tmp_path_factory.mktemp("browser") / "site"
    with pytest.MonkeyPatch.context() as patch:
        for name in ("TIDINGS_WORKSPACE", "TIDINGS_DATABASE_URL", "TIDINGS_SECRET_KEY"):
            patch.delenv(name, raising=False)
        # Its own thread: Playwright's sync API keeps an event loop running in this one,
        # and the pipeline starts one of its own.
        with ThreadPoolExecutor(1) as worker:
            result = worker.submit(
                run_demo, out, console=Console(file=io.StringIO()), progress=False
            ).result()
    assert result.ok, "the demo wrote no records"
    return out


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="session")
def static_server(demo_site: Path) -> Iterator[str]:
    """The static site served over HTTP on 127.0.0.1 (ephemeral port); yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(demo_site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture(scope="session")
def live_app(demo_site: Path) -> Iterator[str]:
    """`tidings serve` on the demo's workspace (full text shown, as `tidings demo` does),
    run by uvicorn in a thread on 127.0.0.1 and an ephemeral port; yields its base URL."""
    try:
        import uvicorn

        from tidings.web import workspace_app
    except ImportError as exc:
        pytest.skip(f"the live app is not available here: {exc}")
    from tidings import config
    from tidings.demo.runner import WORKSPACE_DIR

    app, store = workspace_app(config.load(demo_site / WORKSPACE_DIR), full_text=True)
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))  # bound here, so the port is known before uvicorn starts
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    try:
        for _ in range(200):
            if server.started or not thread.is_alive():
                break
            time.sleep(0.05)
        assert server.started, "the live app did not start"
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        listener.close()
        store.close()

"""A real HTTP server on 127.0.0.1 that misbehaves on request, and helpers to fetch from it.

Each test gets a fresh server (so hit counters start at zero) on a random
free port. Routes are named for what they do; see ``Handler.routes``.
"""

from __future__ import annotations

import asyncio
import gzip
import json
import threading
import time
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from tidings.fetch import Fetcher, FetchSettings
from tidings.models import Response

PAGE = b"<html><head><title>Harbour notes</title></head><body><p>Tide at six.</p></body></html>"
ETAG = '"edition-7"'
LAST_MODIFIED = "Tue, 17 Nov 2026 08:30:00 GMT"
#: Stops a runaway route if the client under test failed to hang up.
SAFETY_LIMIT = 64 * 1024 * 1024
CHUNK = b"z" * 65536

#: Settings that keep every test fast: tiny timeouts and backoff, no per-host delay.
FAST = FetchSettings(
    connect_timeout=1.0,
    read_timeout=1.0,
    deadline=5.0,
    retries=2,
    backoff=0.01,
    per_host_delay=0.0,
    max_retry_after=5.0,
)


@dataclass
class ServerState:
    """What the server saw, for tests to assert on."""

    hits: Counter[str] = field(default_factory=Counter)
    #: Request headers (lower-cased names) per path, in arrival order.
    headers: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    arrivals: dict[str, list[float]] = field(default_factory=dict)
    sent: Counter[str] = field(default_factory=Counter)
    active: int = 0
    max_active: int = 0
    robots: str | None = None  #: robots.txt body; None answers 404
    robots_status: int = 200
    lock: threading.Lock = field(default_factory=threading.Lock)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: LocalServer

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        state = self.server.state
        path = self.path.partition("?")[0]
        with state.lock:
            state.hits[path] += 1
            sent = {k.lower(): v for k, v in self.headers.items()}
            state.headers.setdefault(path, []).append(sent)
            state.arrivals.setdefault(path, []).append(time.monotonic())
        name = (path.strip("/").split("/")[0] or "page").replace("-", "_").replace(".", "_")
        route: Callable[[], None] | None = getattr(self, f"route_{name}", None)
        if route is None:
            self.send(404, b"not here")
        else:
            route()

    # -- helpers ---------------------------------------------------------------

    def send(
        self,
        status: int,
        body: bytes = b"",
        content_type: str | None = "text/html; charset=utf-8",
        **headers: str,
    ) -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        for key, value in headers.items():
            self.send_header(key.replace("_", "-"), value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def count_sent(self, size: int) -> int:
        with self.server.state.lock:
            self.server.state.sent[self.path] += size
            return self.server.state.sent[self.path]

    # -- routes ----------------------------------------------------------------

    def route_page(self) -> None:
        self.send(200, PAGE)

    def route_echo(self) -> None:
        """Answers with the request headers as JSON."""
        body = json.dumps({k.lower(): v for k, v in self.headers.items()}).encode()
        self.send(200, body, "application/json")

    def route_robots_txt(self) -> None:
        state = self.server.state
        if state.robots is None:
            self.send(404, b"no robots here", "text/plain")
        else:
            self.send(state.robots_status, state.robots.encode(), "text/plain")

    def route_cached(self) -> None:
        """Honours If-None-Match and If-Modified-Since like a well-behaved feed host."""
        if (
            self.headers.get("If-None-Match") == ETAG
            or self.headers.get("If-Modified-Since") == LAST_MODIFIED
        ):
            self.send(304, content_type=None, ETag=ETAG)
        else:
            self.send(200, PAGE, ETag=ETAG, Last_Modified=LAST_MODIFIED)

    def route_flaky(self) -> None:
        """500 on the first visit, then the page."""
        if self.server.state.hits[self.path] == 1:
            self.send(500, b"oops")
        else:
            self.send(200, PAGE)

    def route_storm(self) -> None:
        self.send(503, b"down for maintenance")

    def route_busy(self) -> None:
        """429 once with the Retry-After given in the query (?after=N), then the page."""
        after = self.path.partition("after=")[2] or "0"
        if self.server.state.hits["/busy"] == 1:
            self.send(429, b"slow down", Retry_After=after)
        else:
            self.send(200, PAGE)

    def route_missing(self) -> None:
        self.send(404, b"gone")

    def route_sleep(self) -> None:
        """Says nothing for half a second: longer than the tests' read timeout."""
        time.sleep(0.5)
        self.send(200, PAGE)

    def route_slow(self) -> None:
        """Takes 0.15 s and tracks how many requests are in flight at once."""
        state = self.server.state
        with state.lock:
            state.active += 1
            state.max_active = max(state.max_active, state.active)
        time.sleep(0.15)
        with state.lock:
            state.active -= 1
        self.send(200, PAGE)

    def route_drip(self) -> None:
        """Promises 200 bytes and sends one every 20 ms: each read is quick, the whole is not."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", "200")
        self.end_headers()
        for _ in range(200):
            self.wfile.write(b"x")
            self.wfile.flush()
            time.sleep(0.02)

    def route_huge(self) -> None:
        """Declares a 2 GB body, then starts sending it."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(2 * 1024**3))
        self.end_headers()
        while self.count_sent(len(CHUNK)) < SAFETY_LIMIT:
            self.wfile.write(CHUNK)

    def route_endless(self) -> None:
        """A chunked body with no declared length that never ends."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        frame = b"%x\r\n%s\r\n" % (len(CHUNK), CHUNK)
        while self.count_sent(len(CHUNK)) < SAFETY_LIMIT:
            self.wfile.write(frame)

    def route_bomb(self) -> None:
        """20 KB of gzip that inflates to 20 MB."""
        self.send(200, BOMB, Content_Encoding="gzip")

    def route_gzipped(self) -> None:
        self.send(200, gzip.compress(PAGE), Content_Encoding="gzip")

    def route_deflated(self) -> None:
        """Deflate the standard way (zlib-wrapped), or raw with ?raw as some servers do."""
        if "raw" in self.path:
            packer = zlib.compressobj(wbits=-zlib.MAX_WBITS)
            body = packer.compress(PAGE) + packer.flush()
        else:
            body = zlib.compress(PAGE)
        self.send(200, body, Content_Encoding="deflate")

    def route_broken_gzip(self) -> None:
        self.send(200, b"this is not gzip at all", Content_Encoding="gzip")

    def route_text(self) -> None:
        self.send(200, b"plain words", "text/plain")

    def route_image(self) -> None:
        self.send(200, b"\x89PNG\r\n\x1a\n", "image/png")

    def route_bare(self) -> None:
        """No Content-Type at all."""
        self.send(200, b"<p>guess me</p>", None)

    def route_hop(self) -> None:
        """/hop/N redirects to /hop/N-1; /hop/0 is the page."""
        left = int(self.path.rsplit("/", 1)[1])
        if left == 0:
            self.send(200, PAGE)
        else:
            self.send(301, Location=f"/hop/{left - 1}")

    def route_loop(self) -> None:
        """/loop/a -> /loop/b -> /loop/a ..."""
        other = "b" if self.path.endswith("/a") else "a"
        self.send(302, Location=f"/loop/{other}")

    def route_to_disk(self) -> None:
        self.send(302, Location="file:///etc/passwd")

    def route_nowhere(self) -> None:
        self.send(302)

    def route_private(self) -> None:
        self.send(200, b"<p>members only</p>")


BOMB = gzip.compress(bytes(20 * 1024 * 1024), compresslevel=9)


class LocalServer(ThreadingHTTPServer):
    daemon_threads = True  # stalled routes must not keep the test run alive

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.state = ServerState()

    @property
    def port(self) -> int:
        return self.server_address[1]

    @property
    def address(self) -> str:
        return f"127.0.0.1:{self.port}"

    page = PAGE
    etag = ETAG
    last_modified = LAST_MODIFIED

    def url(self, path: str = "/page") -> str:
        return f"http://{self.address}{path}"

    def handle_error(self, request: Any, client_address: Any) -> None:
        # Clients under test hang up mid-body on purpose; that is not a server bug.
        pass


@pytest.fixture
def server() -> Iterator[LocalServer]:
    httpd = LocalServer()
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield httpd
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


@pytest.fixture
def settings() -> Callable[..., FetchSettings]:
    """Build the fast test settings with some values changed: ``settings(retries=0)``."""

    def build(**overrides: Any) -> FetchSettings:
        return replace(FAST, **overrides)

    return build


@pytest.fixture
def fetch() -> Callable[..., Response]:
    """Run one ``Fetcher.get`` to completion: ``fetch(url, options=None, **get_kwargs)``.

    FetchError propagates, so tests read ``with pytest.raises(FetchError)``.
    """

    def run(url: str, options: FetchSettings | None = None, **kw: Any) -> Response:
        async def go() -> Response:
            async with Fetcher(options or FAST) as fetcher:
                return await fetcher.get(url, **kw)

        return asyncio.run(go())

    return run

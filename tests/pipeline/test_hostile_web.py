"""A cycle against a hostile web: each bad input is recorded against its source; the run goes on."""

from __future__ import annotations

import contextlib
import functools
import gzip
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tidings import config
from tidings.config import Settings, Workspace
from tidings.pipeline import Pipeline
from tidings.store import Store

PARAGRAPH = (
    "The harbour authority in Saltmere said on Friday that its new machine learning system "
    "had learned to predict which cranes would need repairs a week before they failed. "
    "Engineers trained the model on eleven years of maintenance logs and sensor readings, "
    "and the port now schedules repairs during quiet tides instead of at the busiest hours. "
)


def article_page(title: str, charset_trouble: bool = False) -> bytes:
    body = "".join(f"<p>{PARAGRAPH} Paragraph {n} adds detail.</p>" for n in range(5))
    html = (f"<html lang='en'><head><meta charset='utf-8'><title>{title}</title>"
            f"<meta property='article:published_time' content='2026-11-18T09:00:00Z'></head>"
            f"<body><article><h1>{title}</h1>{body}</article></body></html>").encode()
    if charset_trouble:  # a stray Latin-1 byte and a cut multi-byte sequence
        html = html.replace(b"Friday", b"Fr\xe9day \xe2\x82")
    return html


BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>
<rss version="2.0"><channel><title>&d;</title></channel></rss>"""

ARTICLES = ["fine", "bad-utf8", "endless", "gzip-bomb", "loop", "storm", "slow"]


def feed(base: str) -> bytes:
    items = "".join(f"<item><title>{name}</title><link>{base}/a/{name}</link></item>"
                    for name in ARTICLES)
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Hostile Herald</title>'
            f"<link>{base}/</link>{items}</channel></rss>").encode()


class Hostile(BaseHTTPRequestHandler):
    calls: dict[str, int] = {}

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        Hostile.calls[self.path] = Hostile.calls.get(self.path, 0) + 1
        base = f"http://{self.headers['Host']}"
        routes = {
            "/robots.txt": lambda: self.send(404, b""),
            "/feed.xml": lambda: self.send(200, feed(base), "application/rss+xml"),
            "/bomb.xml": lambda: self.send(200, BOMB, "application/rss+xml"),
            "/down.xml": lambda: self.send(503, b"overloaded"),
            "/a/fine": lambda: self.send(200, article_page("Saltmere cranes get a forecast")),
            "/a/bad-utf8": lambda: self.send(200, article_page("Cranes, again", True)),
            "/a/endless": self.endless,
            "/a/gzip-bomb": self.gzip_bomb,
            "/a/loop": lambda: self.redirect("/a/loop2"),
            "/a/loop2": lambda: self.redirect("/a/loop"),
            "/a/storm": lambda: self.send(503, b"try later"),
            "/a/slow": self.slow,
        }
        routes.get(self.path, lambda: self.send(404, b"no"))()

    def send(self, status: int, body: bytes, kind: str = "text/html; charset=utf-8") -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, to: str) -> None:
        self.send_response(302)
        self.send_header("Location", to)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def endless(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(2 * 1024**3))  # claims 2 GB
        self.end_headers()
        try:
            for _ in range(10_000):
                self.wfile.write(b"<p>more</p>" * 1000)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def gzip_bomb(self) -> None:
        body = gzip_bomb_body()
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def slow(self) -> None:
        time.sleep(3)
        with contextlib.suppress(OSError):  # the client gave up long ago
            self.send(200, article_page("Too late"))


@functools.cache
def gzip_bomb_body() -> bytes:
    """50 MB of HTML in about 50 KB; made once, before any fetch is timed, because
    compressing it inside the handler took longer than the client's read timeout on a
    busy machine and turned the expected "too-large" into a "timeout"."""
    return gzip.compress(b"<p>" + b"a" * (50 * 1024 * 1024) + b"</p>")


@pytest.fixture()
def hostile_web() -> Iterator[str]:
    gzip_bomb_body()
    Hostile.calls = {}
    server = ThreadingHTTPServer(("127.0.0.1", 0), Hostile)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture()
def workspace(tmp_path: Path, hostile_web: str) -> Workspace:
    settings = Settings()
    settings.fetch = replace(
        settings.fetch, resolve={"hostile.example": hostile_web}, per_host_delay=0.0,
        connect_timeout=2.0, read_timeout=1.0, deadline=5.0, retries=1, backoff=0.01,
        max_bytes=1024 * 1024,
    )
    ws = Workspace(root=tmp_path, settings=settings)
    config.save(ws)
    with Store(ws.database_url) as store:
        for path in ("/feed.xml", "/bomb.xml", "/down.xml"):
            store.add_source(f"http://hostile.example{path}")
    return ws


def run(ws: Workspace):
    return Pipeline(ws, progress=False, workers=1).run()


def test_good_pages_are_stored_and_every_bad_one_is_recorded_against_its_source(
    workspace: Workspace,
) -> None:
    report = run(workspace)
    with Store(workspace.database_url) as store:
        titles = sorted(a.title for a in store.articles())
        sources = {s.url.rsplit("/", 1)[-1]: s for s in store.list_sources()}
        errors = {f.url.rsplit("/", 1)[-1]: f.kind for f in report.failures}

    assert titles == ["Cranes, again", "Saltmere cranes get a forecast"]  # invalid UTF-8 survives
    assert "entit" in sources["bomb.xml"].last_error.lower()
    assert "503" in sources["down.xml"].last_error
    assert sources["feed.xml"].last_error is None
    assert errors["endless"] == "too-large"
    assert errors["gzip-bomb"] == "too-large"
    assert errors["loop"] == "redirect-loop"
    assert errors["storm"] == "http"
    assert errors["slow"] == "timeout"


def test_a_second_run_retries_only_what_may_recover(workspace: Workspace) -> None:
    run(workspace)
    fetched_once = dict(Hostile.calls)
    with Store(workspace.database_url) as store:
        store_before = store.counts()
    run(workspace)
    with Store(workspace.database_url) as store:
        assert store.counts()["articles"] == store_before["articles"] == 2
    again = {path: Hostile.calls[path] - fetched_once.get(path, 0) for path in Hostile.calls}
    assert again.get("/a/fine", 0) == 0  # done work is never redone
    assert again.get("/a/loop", 0) == 0  # a redirect loop will not fix itself
    assert again.get("/a/storm", 0) > 0  # a 5xx storm may pass: tried again

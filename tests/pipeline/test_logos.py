"""The logo step of a cycle, against publishers served on 127.0.0.1.

Two publishers share one loopback server (told apart by the Host header):
the Herald lists its icons the way real sites do, with a broken touch icon and
an SVG among them; the Static Times serves web pages where its icons should be.
"""

from __future__ import annotations

import io
import os
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from PIL import Image

from tidings import config
from tidings.config import Settings, Workspace
from tidings.pipeline import Pipeline
from tidings.publish import logos
from tidings.publish.logos import MAX_AGE_SECONDS
from tidings.publish.records import parse_record
from tidings.store import Store

HERALD, STATIC = "herald.example", "www.statictimes.example"
LOGOS = "assets/images/organizations"
GREEN, BLUE = (20, 160, 60), (30, 30, 200)
PARAGRAPH = (
    "Researchers released an open-source large language model that runs on a laptop, "
    "and said the neural network was trained on licensed text only. The artificial "
    "intelligence lab behind it published the weights, the training code and an "
    "evaluation of how the model answers questions about chemistry and law. "
)


def png(side: int, colour: tuple[int, int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (side, side), colour).save(out, "PNG")
    return out.getvalue()


def ico(colour: tuple[int, int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 64), colour).save(out, "ICO", sizes=[(16, 16), (32, 32), (48, 48)])
    return out.getvalue()


def article(title: str, published: str) -> bytes:
    body = "".join(f"<p>{PARAGRAPH} Part {n}.</p>" for n in range(5))
    return (f"<html lang='en'><head><meta charset='utf-8'><title>{title}</title>"
            f"<meta property='article:published_time' content='{published}'></head>"
            f"<body><article><h1>{title}</h1>{body}</article></body></html>").encode()


def feed() -> bytes:
    items = "".join(
        f"<item><title>{title}</title><link>http://{host}/news/{slug}</link></item>"
        for host, slug, title in (
            (HERALD, "laptop-model", "A language model that runs on a laptop"),
            (STATIC, "open-weights", "Open weights for a laptop language model"),
        )
    )
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Herald AI</title>'
            f"<link>http://{HERALD}/</link>{items}</channel></rss>").encode()


HERALD_HOME = (
    b"<!doctype html><html><head><title>Herald</title>"
    b'<link rel="apple-touch-icon" sizes="180x180" href="/icons/touch.png">'  # answers 404
    b'<link rel="icon" type="image/svg+xml" href="/icons/mark.svg">'
    b'<link rel="icon" sizes="64x64" href="/icons/icon-64.png">'
    b"</head><body><h1>Herald</h1></body></html>"
)


class Publishers(BaseHTTPRequestHandler):
    calls: list[str] = []

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        host = self.headers["Host"].split(":")[0]
        Publishers.calls.append(host + self.path)
        html = "text/html; charset=utf-8"
        routes = {
            f"{HERALD}/feed.xml": (feed(), "application/rss+xml"),
            f"{HERALD}/": (HERALD_HOME, html),
            f"{HERALD}/icons/mark.svg": (b"<svg xmlns='http://www.w3.org/2000/svg'/>",
                                         "image/svg+xml"),
            f"{HERALD}/icons/icon-64.png": (png(64, GREEN), "image/png"),
            f"{HERALD}/favicon.ico": (ico(BLUE), "image/x-icon"),
            # The Herald has it an hour first, so the Herald's article leads the story:
            # the two fetches race, and the test must not hang on which finishes first.
            f"{HERALD}/news/laptop-model": (article("A language model that runs on a laptop",
                                                    "2026-11-18T08:00:00Z"), html),
            f"{STATIC}/": (b"<html><head><link rel='icon' href='/icon.png'></head></html>", html),
            f"{STATIC}/icon.png": (b"<html><body>Page moved</body></html>", "image/png"),
            f"{STATIC}/favicon.ico": (b"<html><body>Welcome!</body></html>", html),
            f"{STATIC}/news/open-weights": (article("Open weights for a laptop language model",
                                                    "2026-11-18T09:00:00Z"), html),
        }
        body, kind = routes.get(host + self.path, (b"not here", "text/plain"))
        self.send_response(200 if host + self.path in routes else 404)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture()
def publishers() -> Iterator[str]:
    Publishers.calls = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Publishers)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture()
def workspace(tmp_path: Path, publishers: str, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    monkeypatch.setenv("TIDINGS_EMBEDDINGS", "off")  # story grouping is not under test here
    settings = Settings()
    settings.publish.base_url = "https://desk.example.org/ai"
    settings.fetch = replace(
        settings.fetch, resolve={HERALD: publishers, STATIC: publishers}, per_host_delay=0.0,
        connect_timeout=2.0, read_timeout=2.0, deadline=5.0, retries=0, backoff=0.01,
    )
    ws = Workspace(root=tmp_path, settings=settings)
    config.save(ws)
    with Store(ws.database_url) as store:
        store.add_source(f"http://{HERALD}/feed.xml")
    return ws


def run(ws: Workspace):
    return Pipeline(ws, progress=False, workers=1).run()


def fetched(prefix: str) -> int:
    return sum(call.startswith(prefix) for call in Publishers.calls)


def test_a_cycle_writes_the_best_icon_it_can_reach_and_records_point_at_it(
    workspace: Workspace,
) -> None:
    report = run(workspace)
    out = workspace.output_dir

    assert report.logos == 1
    for side in (50, 400):
        with Image.open(out / LOGOS / f"herald.example-{side}x{side}.jpg") as image:
            assert (image.format, image.size) == ("JPEG", (side, side))
            # The 64 px PNG beats the 48 px favicon; the missing touch icon was passed over.
            assert all(abs(a - b) < 16 for a, b in zip(image.getpixel((side // 2, side // 2)),
                                                       GREEN, strict=True))
    assert f"{HERALD}/icons/touch.png" in Publishers.calls
    assert f"{HERALD}/icons/mark.svg" not in Publishers.calls  # Pillow cannot read SVG

    records = [parse_record(p.read_text(encoding="utf-8")) for p in (out / "_news").glob("*.md")]
    providers = {r["provider"]["domain"]: r["provider"] for r in records}
    assert providers["herald.example"]["images"] == [{
        "url": "https://desk.example.org/ai/assets/images/organizations/herald.example-50x50.jpg",
        "width": 50, "height": 50,
    }]
    assert "images" not in providers.get("statictimes.example", {})


def test_icons_that_are_not_images_are_a_recorded_failure_and_wait_before_another_search(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch,
) -> None:
    report = run(workspace)
    failures = [f for f in report.failures if f.kind == "logo"]
    assert [f.url for f in failures] == [f"http://{STATIC}/"]
    assert "statictimes.example" in failures[0].message
    assert "not an image" in failures[0].message
    assert failures[0].source == f"http://{HERALD}/feed.xml"  # filed under the article's source
    assert not list((workspace.output_dir / LOGOS).glob("statictimes*"))
    with Store(workspace.database_url) as store:
        log = store.fetch_log(limit=200)
    assert any(e.error_kind == "logo" and e.url == f"http://{STATIC}/" for e in log)

    before_static, before_herald = fetched(f"{STATIC}/"), fetched(f"{HERALD}/icons/")
    again = run(workspace)
    assert fetched(f"{STATIC}/") == before_static  # it waits out its back-off
    assert fetched(f"{HERALD}/icons/") == before_herald  # a fresh logo is left alone
    assert again.logos == 0 and not [f for f in again.failures if f.kind == "logo"]

    monkeypatch.setattr(logos, "FIRST_RETRY_SECONDS", 0)  # as if the wait were over
    run(workspace)
    assert fetched(f"{STATIC}/") > before_static  # searched again


def test_each_failed_search_doubles_the_wait_up_to_the_refresh_age() -> None:
    now = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
    hours = timedelta(hours=1)
    failures = {
        "http://once.example/": (1, now - 11 * hours),  # waits 12 h: still waiting
        "http://long-ago.example/": (1, now - 13 * hours),  # its 12 h are over
        "http://thrice.example/": (3, now - 47 * hours),  # waits 48 h
        "http://often.example/": (40, now - 29 * 24 * hours),  # at most the refresh age
        "http://done.example/": (40, now - 31 * 24 * hours),
    }
    assert logos.waiting_after_failures(failures, now) == {
        "http://once.example/", "http://thrice.example/", "http://often.example/"}


def test_a_logo_older_than_a_month_is_fetched_again(workspace: Workspace) -> None:
    run(workspace)
    small = workspace.output_dir / LOGOS / "herald.example-50x50.jpg"
    month_ago = time.time() - MAX_AGE_SECONDS - 3600
    os.utime(small, (month_ago, month_ago))
    before = fetched(f"{HERALD}/icons/icon-64.png")
    report = run(workspace)
    assert report.logos == 1
    assert fetched(f"{HERALD}/icons/icon-64.png") == before + 1
    assert small.stat().st_mtime > month_ago + 3600

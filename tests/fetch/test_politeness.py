"""Per-host pacing and the resolve map, both seen from the server's side."""

from __future__ import annotations

import asyncio
import json
from itertools import pairwise

from tidings.fetch import Fetcher, FetchError, fetch_all


def run_all(options, urls, **kw) -> list:
    async def go() -> list:
        async with Fetcher(options) as fetcher:
            return await fetch_all(fetcher, urls, **kw)

    return asyncio.run(go())


def test_requests_to_one_host_start_at_least_the_delay_apart(server, settings):
    results = run_all(
        settings(per_host_delay=0.2, respect_robots=False),
        [server.url("/page")] * 4,
    )

    assert all(r.status == 200 for r in results)
    starts = server.state.arrivals["/page"]
    assert len(starts) == 4
    # The server notes a request when its thread reads it. On a loaded machine a first
    # request (which also opens the connection) can be read some tens of milliseconds
    # late, which shortens the gap after it; unpaced requests arrive about 1 ms apart.
    assert all(later - earlier >= 0.12 for earlier, later in pairwise(starts))
    assert starts[-1] - starts[0] >= 3 * 0.2 - 0.05


def test_per_host_concurrency_caps_requests_in_flight(server, settings):
    run_all(settings(per_host_concurrency=2, respect_robots=False), [server.url("/slow")] * 6)

    assert server.state.hits["/slow"] == 6
    assert server.state.max_active == 2


def test_hosts_are_limited_separately_and_all_together(server, settings):
    # Two hostnames, one server: per-host limits apply to each, the global cap to both.
    resolve = {"a.example": server.address, "b.example": server.address}
    urls = [f"http://{host}/slow" for host in ("a.example", "b.example") for _ in range(2)]

    run_all(settings(resolve=resolve, per_host_concurrency=1, respect_robots=False), urls)
    assert server.state.max_active == 2

    server.state.max_active = 0
    run_all(settings(resolve=resolve, concurrency=1, respect_robots=False), urls)
    assert server.state.max_active == 1


def test_fetch_all_keeps_order_and_returns_errors_in_place(server, settings):
    urls = [server.url("/page"), server.url("/missing"), "not a url", server.url("/text")]

    results = run_all(settings(), urls)

    assert [r.url for r in results] == urls
    assert [getattr(r, "kind", r.status) for r in results] == [200, "http", "bad-url", 200]
    assert isinstance(results[1], FetchError) and results[1].status == 404


def test_the_resolve_map_reaches_the_local_server_but_keeps_url_and_host(server, fetch, settings):
    server.state.robots = "User-agent: *\nDisallow: /private/\n"
    options = settings(resolve={"news.example": server.address})

    response = fetch("http://news.example/echo", options)

    assert response.final_url == "http://news.example/echo"
    assert json.loads(response.content)["host"] == "news.example"
    assert server.state.headers["/robots.txt"][0]["host"] == "news.example"


def test_the_resolve_map_can_keep_the_port_and_match_one(server, fetch, settings):
    by_port = settings(resolve={f"news.example:{server.port}": "127.0.0.1"})

    response = fetch(f"http://news.example:{server.port}/echo", by_port)

    assert json.loads(response.content)["host"] == f"news.example:{server.port}"

"""robots.txt: obeyed when it says no, fetched once per site, forgiving when absent or broken."""

from __future__ import annotations

import asyncio

import pytest

from tidings.fetch import Fetcher, FetchError, fetch_all
from tidings.fetch.robots import parse_robots

RULES = "User-agent: *\nDisallow: /private/\n"


def test_a_disallowed_path_is_refused_without_being_requested(server, fetch):
    server.state.robots = RULES

    with pytest.raises(FetchError, match="robots.txt disallows") as info:
        fetch(server.url("/private/notes"))

    assert info.value.kind == "robots"
    assert server.state.hits["/private/notes"] == 0
    assert fetch(server.url("/page")).content == server.page


def test_rules_for_tidings_by_name_apply(server, fetch):
    server.state.robots = "User-agent: Tidings\nDisallow: /\n\nUser-agent: *\nAllow: /\n"

    with pytest.raises(FetchError) as info:
        fetch(server.url("/page"))

    assert info.value.kind == "robots"


def test_robots_can_be_ignored_when_told_to(server, fetch, settings):
    server.state.robots = RULES

    response = fetch(server.url("/private/notes"), settings(respect_robots=False))

    assert response.status == 200
    assert server.state.hits["/robots.txt"] == 0


def test_robots_txt_is_fetched_once_per_site_even_for_concurrent_requests(server, settings):
    server.state.robots = RULES
    urls = [server.url("/page"), server.url("/echo"), server.url("/private/a"), server.url("/text")]

    async def run() -> list:
        async with Fetcher(settings(per_host_concurrency=4)) as fetcher:
            return await fetch_all(fetcher, urls)

    results = asyncio.run(run())

    assert server.state.hits["/robots.txt"] == 1
    assert [getattr(r, "kind", r.status) for r in results] == [200, 200, "robots", 200]


def test_a_missing_robots_txt_allows_everything(server, fetch):
    assert server.state.robots is None  # the server answers 404

    assert fetch(server.url("/private/notes")).status == 200
    assert server.state.hits["/robots.txt"] == 1


def test_a_broken_robots_txt_allows_everything_and_is_not_retried(server, fetch):
    server.state.robots, server.state.robots_status = RULES, 503

    assert fetch(server.url("/private/notes")).status == 200
    assert server.state.hits["/robots.txt"] == 1


def test_unreadable_robots_answers_mean_allow_and_real_rules_are_kept():
    assert parse_robots(None, b"").can_fetch("Tidings", "https://a.example/private/x")
    assert parse_robots(500, b"").can_fetch("Tidings", "https://a.example/private/x")
    rules = parse_robots(200, RULES.encode())
    assert not rules.can_fetch("Tidings/0.1", "https://a.example/private/x")
    assert rules.can_fetch("Tidings/0.1", "https://a.example/news/x")

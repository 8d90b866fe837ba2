"""The resolve transport on its own: what the inner transport is handed."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from tidings.fetch import ResolvingTransport


def seen_by_inner(resolve: dict[str, str], url: str) -> httpx.Request:
    """Send ``url`` through a ResolvingTransport and return the request the inner one got."""
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(204)

    async def go() -> None:
        transport = ResolvingTransport(resolve, inner=httpx.MockTransport(answer))
        async with httpx.AsyncClient(transport=transport) as client:
            await client.get(url)

    asyncio.run(go())
    return seen[0]


def test_a_mapped_host_connects_elsewhere_keeping_host_header_and_tls_name():
    request = seen_by_inner({"news.example": "127.0.0.1:8123"}, "https://news.example/a?b=1")

    assert str(request.url) == "https://127.0.0.1:8123/a?b=1"
    assert request.headers["host"] == "news.example"
    assert request.extensions["sni_hostname"] == "news.example"


def test_an_address_without_a_port_keeps_the_urls_port():
    request = seen_by_inner({"News.Example": "10.0.0.7"}, "http://news.example:8080/")

    assert (request.url.host, request.url.port) == ("10.0.0.7", 8080)
    assert request.headers["host"] == "news.example:8080"


def test_a_host_and_port_key_only_matches_that_port():
    resolve = {"news.example:8080": "127.0.0.1:9"}

    assert seen_by_inner(resolve, "http://news.example:8080/").url.host == "127.0.0.1"
    assert seen_by_inner(resolve, "http://news.example/").url.host == "news.example"


def test_unmapped_hosts_pass_through_untouched():
    request = seen_by_inner({"news.example": "127.0.0.1:8123"}, "http://other.example/x")

    assert str(request.url) == "http://other.example/x"
    assert "sni_hostname" not in request.extensions


@pytest.mark.parametrize(
    ("key", "value", "complaint"),
    [("news.example", "127.0.0.1:http", "bad port"), (":80", "127.0.0.1", "no host")],
)
def test_a_malformed_entry_is_refused_up_front(key, value, complaint):
    with pytest.raises(ValueError, match=complaint):
        ResolvingTransport({key: value}, inner=httpx.MockTransport(lambda r: httpx.Response(204)))

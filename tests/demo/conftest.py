"""Shared fixtures: a demo server on the small fixture corpus, and a client that talks to it.

The client sends every request to the server's one loopback address with the
publisher's Host header, which is what the fetcher's resolve map does.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tidings.demo import DemoServer

FIXTURE_CORPUS = Path(__file__).parent / "fixtures" / "corpus"


class Web:
    """Fetch demo URLs (``http://host/path``) from a running DemoServer."""

    def __init__(self, server: DemoServer) -> None:
        self.server = server
        self.client = httpx.Client(timeout=10)

    def get(self, url: str, headers: dict[str, str] | None = None) -> httpx.Response:
        target = httpx.URL(url)
        local = f"http://{self.server.address}{target.raw_path.decode()}"
        return self.client.get(local, headers={"Host": target.host, **(headers or {})})


@pytest.fixture(scope="module")
def server() -> Iterator[DemoServer]:
    with DemoServer(FIXTURE_CORPUS, hang_seconds=0.5) as demo:
        yield demo


@pytest.fixture(scope="module")
def web(server: DemoServer) -> Iterator[Web]:
    client = Web(server)
    yield client
    client.client.close()


@pytest.fixture(scope="module")
def by_key(server: DemoServer) -> dict:
    return {a.key: a for a in server.articles()}

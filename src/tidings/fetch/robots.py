"""robots.txt rules, fetched once per site and kept for the fetcher's lifetime."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from urllib.robotparser import RobotFileParser

import httpx

from tidings.fetch.errors import FetchError

#: RFC 9309 asks crawlers to read at least this much of a robots.txt.
ROBOTS_MAX_BYTES = 512 * 1024

#: Fetches a robots.txt URL and returns (status, body), or raises on failure.
RobotsLoader = Callable[[str], Awaitable[tuple[int, bytes]]]


def _origin(url: httpx.URL) -> str:
    port = f":{url.port}" if url.port else ""
    return f"{url.scheme}://{url.host}{port}"


def parse_robots(status: int | None, body: bytes) -> RobotFileParser:
    """Rules for a robots.txt answer; ``status`` None means it could not be fetched.

    A 4xx means the site has no robots.txt, so everything is allowed (RFC 9309).
    A 5xx or a failed fetch is also read as "allow", which RFC 9309 would treat
    as "disallow everything" for a crawler: Tidings only fetches what a
    publisher lists in its own feeds, slowly, and a robots.txt outage would
    otherwise silently empty a source until someone noticed. If the site is
    really down, the page fetch that follows fails on its own and says so.
    """
    rules = RobotFileParser()
    if status is None or not 200 <= status < 300:
        rules.allow_all = True
        return rules
    rules.parse(body.decode("utf-8", errors="replace").splitlines())
    return rules


class RobotsCache:
    """Answers "may this URL be fetched?", fetching each site's robots.txt once.

    Concurrent first requests to one site wait on a shared lock, so the file is
    fetched a single time however many pages are asked for at once.
    """

    def __init__(self, user_agent: str, load: RobotsLoader) -> None:
        self._user_agent = user_agent
        self._load = load
        self._rules: dict[str, RobotFileParser] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    async def allowed(self, url: httpx.URL) -> bool:
        origin = _origin(url)
        rules = self._rules.get(origin)
        if rules is None:
            async with self._locks.setdefault(origin, asyncio.Lock()):
                rules = self._rules.get(origin)
                if rules is None:
                    rules = await self._fetch(origin)
                    self._rules[origin] = rules
        return rules.can_fetch(self._user_agent, str(url))

    async def _fetch(self, origin: str) -> RobotFileParser:
        try:
            status, body = await self._load(f"{origin}/robots.txt")
        except FetchError as exc:
            # An HTTP error status still says something (4xx: no rules); see parse_robots.
            return parse_robots(exc.status, b"")
        return parse_robots(status, body)

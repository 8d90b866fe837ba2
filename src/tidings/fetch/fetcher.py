"""The fetcher: polite, bounded HTTP GETs that end in a Response or a FetchError.

Everything a hostile or broken server could do to stall or flood a run is
bounded here: connect and read timeouts, a wall-clock deadline per response,
a cap on decoded bytes, a redirect limit with loop detection, and retries
that give up. Redirects are followed by hand so the chain is recorded and
every hop passes the same robots, politeness and URL checks.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from types import TracebackType
from typing import Any

import httpx

from tidings.fetch.body import BodyTooLarge, BodyUndecodable, read_capped
from tidings.fetch.errors import FetchError
from tidings.fetch.limits import HostLimiter
from tidings.fetch.local import local_path, read_local
from tidings.fetch.retry import RETRY_STATUSES, backoff_delay, retry_after_seconds
from tidings.fetch.robots import ROBOTS_MAX_BYTES, RobotsCache
from tidings.fetch.settings import FetchSettings, accepts
from tidings.fetch.transport import ResolvingTransport
from tidings.models import Response

_HOST = re.compile(r"[\w.:-]+")
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
#: RFC 9309: follow at least five redirects when fetching robots.txt.
ROBOTS_MAX_REDIRECTS = 5


@dataclass(slots=True)
class _Answer:
    """What one request gave: a finished response, or a redirect to follow."""

    status: int
    headers: dict[str, str]
    content: bytes = b""
    location: str | None = None


class _Retry(Exception):
    """This attempt failed in a way worth repeating; ``wait`` is the server's Retry-After."""

    def __init__(self, error: FetchError, wait: float | None = None) -> None:
        super().__init__(error.message)
        self.error = error
        self.wait = wait


def _http_url(url: str, *, what: str = "URL") -> httpx.URL:
    """Parse an http(s) URL or raise a ``bad-url`` FetchError saying what is wrong."""
    try:
        parsed = httpx.URL(url.strip())
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        raise FetchError(url, "bad-url", f"not a valid {what}: {exc}") from None
    if not parsed.scheme:
        raise FetchError(url, "bad-url", f"{what} has no scheme (expected http:// or https://)")
    if parsed.scheme not in ("http", "https"):
        raise FetchError(url, "bad-url", f"{what} scheme {parsed.scheme!r} is not http or https")
    if not parsed.host:
        raise FetchError(url, "bad-url", f"{what} has no host")
    # httpx percent-encodes a space in a host rather than refusing it; no DNS name has one.
    if not _HOST.fullmatch(parsed.host):
        raise FetchError(url, "bad-url", f"{what} host {parsed.host!r} is not a valid host name")
    if parsed.port is not None and not 0 < parsed.port < 65536:
        raise FetchError(url, "bad-url", f"{what} port {parsed.port} is out of range")
    # Fragments never reach the server; dropping them keeps loop detection honest.
    return parsed.copy_with(fragment=None)


def _single(accept: Collection[str] | None) -> Collection[str] | None:
    # A bare string is a Collection too; "text/html" must not become eight characters.
    return (accept,) if isinstance(accept, str) else accept


class Fetcher:
    """Fetches URLs (and local files) politely; use as ``async with Fetcher() as f``.

    One instance owns one httpx client, one robots.txt cache and one set of
    per-host limits, so share it across every fetch of a run.
    """

    def __init__(self, settings: FetchSettings | None = None) -> None:
        self.settings = settings = settings or FetchSettings()
        limits = httpx.Limits(
            max_connections=settings.concurrency, max_keepalive_connections=settings.concurrency
        )
        # Only wrap the transport when needed: a custom transport makes httpx
        # ignore proxy environment variables, which users without --resolve may rely on.
        transport = (
            ResolvingTransport(settings.resolve, httpx.AsyncHTTPTransport(limits=limits))
            if settings.resolve
            else None
        )
        self._client = httpx.AsyncClient(
            timeout=httpx.Timeout(
                connect=settings.connect_timeout,
                read=settings.read_timeout,
                write=settings.read_timeout,
                pool=settings.connect_timeout,
            ),
            limits=limits,
            transport=transport,
            follow_redirects=False,
            # Only what body.read_capped can inflate without trusting the sender.
            headers={"User-Agent": settings.user_agent, "Accept-Encoding": "gzip, deflate"},
        )
        self._limiter = HostLimiter(
            settings.concurrency, settings.per_host_concurrency, settings.per_host_delay
        )
        self._robots = RobotsCache(settings.user_agent, self._load_robots)

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._client.aclose()

    async def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: Collection[str] | None = None,
        max_bytes: int | None = None,
    ) -> Response:
        """Fetch ``url``; raise :class:`FetchError` when it cannot be fetched.

        ``etag``/``last_modified`` make the request conditional: an unchanged
        resource comes back as status 304 with empty content. ``accept`` lists
        allowed media types (``"image/*"`` matches a family); a response of
        another type is refused before its body is read. ``max_bytes``
        overrides the settings' cap for this call.

        The Response's ``redirects`` lists every URL that answered with a
        redirect, in order; ``final_url`` is the one that answered at last.
        """
        started = time.monotonic()
        limit = self.settings.max_bytes if max_bytes is None else max_bytes
        if limit < 1:
            raise ValueError("max_bytes must be at least 1")
        accept = _single(accept)

        path = local_path(url)
        if path is not None:
            response = await asyncio.to_thread(read_local, url, path, limit, last_modified)
            if accept and response.status == 200:
                self._check_type(url, response.headers, accept)
            return response

        current = _http_url(url)
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        if accept:
            headers["Accept"] = ", ".join(accept)

        chain: list[str] = []
        try:
            while True:
                if self.settings.respect_robots and not await self._robots.allowed(current):
                    raise FetchError(str(current), "robots", "robots.txt disallows this URL")
                answer = await self._attempts(current, headers, limit, accept)
                if answer.location is None:
                    return Response(
                        url=url,
                        final_url=str(current),
                        status=answer.status,
                        headers=answer.headers,
                        content=answer.content,
                        redirects=chain,
                        elapsed=time.monotonic() - started,
                    )
                chain.append(str(current))
                current = self._follow(current, answer.location, chain)
        except FetchError as exc:
            if exc.url == url:
                raise
            # Report against the URL the caller asked for, naming the hop that failed
            # (the first hop differs from ``url`` only by normalisation, not worth saying).
            message = f"{exc.message}; at redirect hop {exc.url}" if chain else exc.message
            raise FetchError(url, exc.kind, message, exc.status) from None

    def _follow(self, current: httpx.URL, location: str, chain: list[str]) -> httpx.URL:
        """The next hop of a redirect, refusing loops, overlong chains and non-HTTP targets."""
        try:
            joined = str(current.join(location))
        except (httpx.InvalidURL, ValueError) as exc:
            message = f"redirect to an invalid URL: {exc}"
            raise FetchError(str(current), "bad-url", message) from None
        # _http_url refuses file:// and friends, so a server cannot redirect us onto the disk.
        try:
            target = _http_url(joined, what="redirect target")
        except FetchError as exc:
            raise FetchError(str(current), exc.kind, f"{exc.message} ({location})") from None
        if str(target) in chain:
            raise FetchError(
                str(current), "redirect-loop", f"redirects back to {target} after {len(chain)} hops"
            )
        if len(chain) > self.settings.max_redirects:
            raise FetchError(
                str(current),
                "too-many-redirects",
                f"more than {self.settings.max_redirects} redirects",
            )
        return target

    async def _attempts(
        self,
        url: httpx.URL,
        headers: dict[str, str],
        limit: int,
        accept: Collection[str] | None,
    ) -> _Answer:
        """One request, retried with backoff on 429, 5xx, connection errors and timeouts."""
        settings = self.settings
        for attempt in range(settings.retries + 1):
            try:
                return await self._once(url, headers, limit, accept)
            except _Retry as retry:
                error = retry.error
                if attempt == settings.retries:
                    tries = f"after {attempt + 1} attempts" if attempt else "(no retries allowed)"
                    raise FetchError(
                        error.url, error.kind, f"{error.message} {tries}", error.status
                    ) from None
                wait = retry.wait
                if wait is not None and wait > settings.max_retry_after:
                    raise FetchError(
                        error.url,
                        error.kind,
                        f"{error.message}; Retry-After asks for {wait:.0f}s, "
                        f"more than max_retry_after ({settings.max_retry_after:.0f}s)",
                        error.status,
                    ) from None
                if wait is None:
                    wait = backoff_delay(settings.backoff, attempt)
                await asyncio.sleep(wait)
        raise AssertionError("unreachable: the loop returns or raises")

    async def _once(
        self,
        url: httpx.URL,
        headers: dict[str, str],
        limit: int,
        accept: Collection[str] | None,
        *,
        truncate: bool = False,
    ) -> _Answer:
        """A single request under the host limits and the deadline."""
        where = str(url)
        deadline = self.settings.deadline
        try:
            async with (
                self._limiter.slot(url.host),
                asyncio.timeout(deadline),
                self._client.stream("GET", url, headers=headers) as response,
            ):
                return await self._answer(where, response, limit, accept, truncate)
        except TimeoutError:
            # Not retried: the server is answering, just too slowly to be worth a second wait.
            raise FetchError(
                where, "timeout", f"no complete response within the {deadline:g}s deadline"
            ) from None
        except httpx.TimeoutException as exc:
            raise _Retry(FetchError(where, "timeout", _describe(exc, "timed out"))) from None
        except (httpx.NetworkError, httpx.RemoteProtocolError) as exc:
            error = FetchError(where, "connect", _describe(exc, "connection failed"))
            raise _Retry(error) from None
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
            raise FetchError(where, "bad-url", _describe(exc, "unusable URL")) from None
        except httpx.HTTPError as exc:
            raise FetchError(where, "connect", _describe(exc, "request failed")) from None

    async def _answer(
        self,
        where: str,
        response: httpx.Response,
        limit: int,
        accept: Collection[str] | None,
        truncate: bool,
    ) -> _Answer:
        """Turn response headers into an answer, reading the body only when it is wanted."""
        status = response.status_code
        headers = {key.lower(): value for key, value in response.headers.items()}
        if status in REDIRECT_STATUSES:
            location = headers.get("location", "").strip()
            if not location:
                raise FetchError(where, "http", f"{status} redirect without a Location", status)
            return _Answer(status, headers, location=location)
        if status == 304:
            return _Answer(status, headers)
        reason = f"server answered {status} {response.reason_phrase}".rstrip()
        if status in RETRY_STATUSES:
            wait = retry_after_seconds(headers.get("retry-after"))
            raise _Retry(FetchError(where, "http", reason, status), wait)
        if not 200 <= status < 300:
            raise FetchError(where, "http", reason, status)
        if accept:
            self._check_type(where, headers, accept)
        try:
            content = await read_capped(response, limit, truncate=truncate)
        except BodyTooLarge as exc:
            raise FetchError(where, "too-large", str(exc), status) from None
        except BodyUndecodable as exc:
            raise FetchError(where, "http", str(exc), status) from None
        return _Answer(status, headers, content)

    @staticmethod
    def _check_type(where: str, headers: dict[str, str], accept: Collection[str]) -> None:
        content_type = headers.get("content-type", "")
        if not accepts(accept, content_type):
            raise FetchError(
                where,
                "content-type",
                f"Content-Type {content_type!r} is not one of {', '.join(accept)}",
            )

    async def _load_robots(self, robots_url: str) -> tuple[int, bytes]:
        """Fetch a robots.txt once (no retries: a missing answer means "allow" anyway)."""
        url = _http_url(robots_url)
        for _ in range(ROBOTS_MAX_REDIRECTS + 1):
            try:
                answer = await self._once(url, {}, ROBOTS_MAX_BYTES, None, truncate=True)
            except _Retry as retry:
                raise retry.error from None
            if answer.location is None:
                return answer.status, answer.content
            url = _http_url(str(url.join(answer.location)), what="robots.txt redirect")
        raise FetchError(robots_url, "too-many-redirects", "robots.txt redirects too often")


def _describe(exc: Exception, fallback: str) -> str:
    """An httpx exception as a sentence; some carry an empty message."""
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else f"{fallback} ({type(exc).__name__})"


async def fetch_all(
    fetcher: Fetcher, urls: Iterable[str], **kw: Any
) -> list[Response | FetchError]:
    """Fetch many URLs concurrently; each slot holds a Response or the FetchError, in order.

    The fetcher's own limits pace the requests, so this can be handed a whole
    run's worth of URLs at once. Other exceptions (bugs) still propagate.
    """

    async def one(url: str) -> Response | FetchError:
        try:
            return await fetcher.get(url, **kw)
        except FetchError as exc:
            return exc

    return list(await asyncio.gather(*(one(url) for url in urls)))

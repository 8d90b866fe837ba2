"""Knobs for the fetcher, and the media-type families callers usually accept."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from tidings import PROJECT_URL, __version__

HTML_TYPES: tuple[str, ...] = ("text/html", "application/xhtml+xml")
#: Feeds and sitemaps. Publishers often serve them under a generic XML or even
#: a plain-text type, so those are accepted too; the parser decides.
FEED_TYPES: tuple[str, ...] = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/feed+json",
    "application/json",
    "application/xml",
    "text/xml",
    "text/plain",
)
IMAGE_TYPES: tuple[str, ...] = ("image/*",)


@dataclass
class FetchSettings:
    """How politely and how defensively to fetch.

    The defaults suit a news desk polling a few hundred publishers: gentle on
    each host, hard to stall or flood from the other end. Tests shrink the
    timings to keep the suite fast.
    """

    user_agent: str = f"Tidings/{__version__} (+{PROJECT_URL})"
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    #: Wall clock for one response, headers and body; a server dripping a byte
    #: at a time never trips ``read_timeout``, so this is what stops it.
    deadline: float = 60.0
    #: Cap on the decoded body, so a small gzip body that inflates hugely is stopped too.
    max_bytes: int = 10 * 1024 * 1024
    concurrency: int = 16
    per_host_concurrency: int = 2
    #: Minimum seconds between the starts of two requests to one host.
    per_host_delay: float = 1.0
    #: Extra attempts after a 429, a 5xx, a connection error or a timeout.
    retries: int = 3
    #: Base of the exponential backoff between attempts (jittered).
    backoff: float = 0.5
    #: Longest Retry-After honoured; a server asking for more gets an error instead.
    max_retry_after: float = 120.0
    max_redirects: int = 10
    respect_robots: bool = True
    #: ``{"host": "127.0.0.1:8123"}``, like ``curl --resolve``: requests for the
    #: host go to that address but keep their URL and Host header.
    resolve: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for name in ("connect_timeout", "read_timeout", "deadline", "max_retry_after"):
            if getattr(self, name) <= 0:
                raise ValueError(f"FetchSettings.{name} must be positive")
        for name in ("per_host_delay", "backoff"):
            if getattr(self, name) < 0:
                raise ValueError(f"FetchSettings.{name} must not be negative")
        for name in ("max_bytes", "concurrency", "per_host_concurrency"):
            if getattr(self, name) < 1:
                raise ValueError(f"FetchSettings.{name} must be at least 1")
        for name in ("retries", "max_redirects"):
            if getattr(self, name) < 0:
                raise ValueError(f"FetchSettings.{name} must not be negative")


def media_type(content_type: str) -> str:
    """``"Text/HTML; charset=utf-8"`` -> ``"text/html"``."""
    return content_type.split(";", 1)[0].strip().lower()


def accepts(allowed: Collection[str], content_type: str) -> bool:
    """Whether a Content-Type value is one of ``allowed`` (``"image/*"`` matches a family).

    A missing Content-Type is accepted: guessing from the bytes is the next stage's job.
    """
    actual = media_type(content_type)
    if not actual:
        return True
    family = actual.split("/", 1)[0]
    for pattern in allowed:
        wanted = media_type(pattern)
        if wanted in ("*/*", actual) or (wanted.endswith("/*") and wanted[:-2] == family):
            return True
    return False

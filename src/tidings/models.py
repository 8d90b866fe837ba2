"""The values that flow between pipeline stages.

Each stage takes and returns these plain dataclasses, so a stage can be
tested, replaced or run on its own (``tidings extract`` runs two stages
without a workspace). The database rows in :mod:`tidings.store` are built
from them, never passed back up the pipeline.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

ArticleType = Literal["article", "video", "podcast", "press-release", "opinion"]
SourceKind = Literal["feed", "sitemap", "page", "file"]


@dataclass(slots=True)
class Image:
    """A picture and its true size in pixels (0 when unknown)."""

    url: str
    width: int = 0
    height: int = 0
    #: The site's own copies once cached: site-relative ``{"large": ..., "thumb": ...}``.
    cached: dict[str, str] | None = None


@dataclass(slots=True)
class Entry:
    """One item a source lists: a link to an article plus what the listing says of it.

    Listing metadata is a hint: extraction from the page itself wins, but a
    feed's date or title fills gaps the page leaves.
    """

    url: str
    title: str | None = None
    summary: str | None = None
    published: datetime | None = None
    author: str | None = None
    image: str | None = None


@dataclass(slots=True)
class Listing:
    """What reading one source gave: its entries and how to describe it."""

    kind: SourceKind
    title: str | None = None
    site_url: str | None = None
    entries: list[Entry] = field(default_factory=list)
    #: Sitemap index files and the like point at further listings to read.
    children: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Response:
    """A completed HTTP exchange (or a local file read the same way)."""

    url: str  #: the URL asked for
    final_url: str  #: the URL after redirects
    status: int
    headers: dict[str, str]
    content: bytes
    redirects: list[str] = field(default_factory=list)
    elapsed: float = 0.0

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("last-modified")


@dataclass(slots=True)
class Article:
    """An extracted article: clean text and metadata, before curation.

    ``published`` keeps the UTC offset the page wrote, so its calendar day is the
    publisher's own; records (:func:`format_utc`) and the store convert it to UTC.
    """

    original_url: str  #: the link as found
    web_url: str  #: the trusted canonical URL, tracking parameters stripped
    title: str
    text: str
    excerpt: str = ""
    html: str = ""  #: the main content as cleaned HTML
    author: str | None = None
    published: datetime | None = None  #: timezone-aware; keeps the page's own UTC offset
    date_source: str | None = None  #: which evidence gave the date (url, json-ld, meta, ...)
    language: str | None = None
    type: ArticleType = "article"
    provider_name: str = ""
    provider_domain: str = ""
    images: list[Image] = field(default_factory=list)
    #: True when the page says it is a syndicated copy of ``web_url``.
    syndicated: bool = False

    def to_json(self) -> dict[str, Any]:
        """The shape ``tidings extract --json`` prints."""
        return {
            "title": self.title,
            "excerpt": self.excerpt,
            "text": self.text,
            "publishedDateTime": format_utc(self.published),
            "webUrl": self.web_url,
            "originalUrl": self.original_url,
            "author": self.author,
            "language": self.language,
            "type": self.type,
            "provider": {"name": self.provider_name, "domain": self.provider_domain},
            "images": [{"url": i.url, "width": i.width, "height": i.height}
                       for i in self.images],
        }


def format_utc(moment: datetime | None) -> str | None:
    """``YYYY-MM-DDTHH:MM:SSZ``, the one timestamp format records use."""
    if moment is None:
        return None
    from datetime import UTC

    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")

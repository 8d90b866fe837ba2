"""The plain, frozen records the store hands out, and its errors.

Callers get copies of rows, never live ORM objects, so nothing outside the
store can hold a session open, trigger a lazy load or change a row by
accident. JSON lists come back as tuples, so a record cannot be appended to
by mistake; their items are the stored JSON values (dicts for images).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tidings.models import Article, Entry, Image


class StoreError(Exception):
    """A request the store cannot carry out as asked."""


class NotFoundError(StoreError, LookupError):
    """A source, link, article or story id that does not exist."""


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """A watched source and how polling it has gone so far."""

    id: int
    url: str
    kind: str
    title: str | None
    site_url: str | None
    added_at: datetime
    enabled: bool
    poll_interval: int  #: seconds between polls when all is well
    next_poll_at: datetime | None
    last_fetch_at: datetime | None
    last_status: int | None
    last_error: str | None
    last_error_kind: str | None
    error_count: int  #: consecutive failures; 0 after any success
    etag: str | None
    last_modified: str | None
    items_seen: int  #: links the source has ever listed that were new to us
    articles_stored: int


@dataclass(frozen=True, slots=True)
class FetchLogInfo:
    """One HTTP exchange (or failure to have one), kept for diagnosis."""

    id: int
    source_id: int | None
    url: str
    at: datetime
    status: int | None
    error_kind: str | None
    error: str | None
    elapsed: float
    size: int
    redirects: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class LinkInfo:
    """A discovered article URL in the work queue, with what its listing said."""

    id: int
    source_id: int
    url: str
    entry: Entry
    state: str  #: pending, done, failed or skipped
    attempts: int
    retryable: bool
    last_error: str | None
    discovered_at: datetime
    updated_at: datetime
    article_id: int | None


@dataclass(frozen=True, slots=True)
class StoryInfo:
    """A group of articles about the same event."""

    id: int
    created_at: datetime
    updated_at: datetime
    lead_article_id: int | None
    title: str
    size: int


@dataclass(frozen=True, slots=True)
class ArticlePage:
    """One page of a listing or search, and how many articles match in all (for paging)."""

    items: list[StoredArticle]
    total: int
    #: A broad search matched more than the newest ``SEARCH_WINDOW`` articles it ranks:
    #: ``total`` is then that window's size, a lower bound ("500+ results").
    capped: bool = False


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """An article row: the extracted article plus everything curation added."""

    id: int
    source_id: int | None
    original_url: str
    web_url: str
    title: str
    excerpt: str
    text: str
    html: str
    author: str | None
    published_at: datetime | None
    date_source: str | None
    language: str | None
    type: str
    provider_name: str
    provider_domain: str
    images: tuple[dict[str, Any], ...]  #: ``{"url", "width", "height"}`` each, as stored
    syndicated: bool
    content_hash: str
    fetched_at: datetime
    updated_at: datetime
    relevant: bool | None
    topics: tuple[Any, ...]  #: whatever JSON values curation stored (names or objects)
    story_id: int | None
    quality: float | None
    heat: float | None
    published: bool
    suppressed: bool
    pinned: bool
    related: tuple[int, ...]
    curation: dict[str, Any]
    secured: str | None
    record_path: str | None
    record_digest: str | None
    #: An editor's publishing decision, kept across curation runs: "on", "off" or None (auto).
    editor_publish: str | None = None
    #: A copy of another article (curation's duplicate_of); listings leave copies out.
    is_copy: bool = False
    #: The date listings sort by: published_at, or fetched_at when the page gave none.
    dated_at: datetime | None = None
    #: What the public site lists: published, not suppressed and not a copy.
    listed: bool = False

    def to_article(self) -> Article:
        """The pipeline value this row was stored from."""
        return Article(
            original_url=self.original_url,
            web_url=self.web_url,
            title=self.title,
            text=self.text,
            excerpt=self.excerpt,
            html=self.html,
            author=self.author,
            published=self.published_at,
            date_source=self.date_source,
            language=self.language,
            type=self.type,  # type: ignore[arg-type]  # the column only ever holds ArticleType
            provider_name=self.provider_name,
            provider_domain=self.provider_domain,
            images=[
                Image(str(i["url"]), int(i.get("width") or 0), int(i.get("height") or 0),
                      dict(i["cached"]) if i.get("cached") else None)
                for i in self.images
            ],
            syndicated=self.syndicated,
        )

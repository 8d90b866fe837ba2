"""What each live page shows, read from the store one page at a time.

The static site builds one :class:`~tidings.publish.site_data.SiteData` snapshot
of the whole store; the live app cannot afford that on every request (the
front page must answer in milliseconds at 100,000 articles). Instead each page
asks the store for just its own articles, then shapes them with the static
site's own :func:`~tidings.publish.site_data.shape`, so a story's lead, its
coverage and its topics are decided by the same code in both places.
"""

from __future__ import annotations

import itertools
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from tidings.publish.site_data import Item, SiteData, Story, Topic, shape
from tidings.publish.site_paths import PAGE_SIZE, page_count
from tidings.store import Store, StoredArticle

FRONT_PAGE_STORIES = 30  #: as on the static front page
STORY_CACHE_SECONDS = 30.0  #: a front-page story whose lead is unchanged is reused this long


@dataclass(frozen=True, slots=True)
class Listing:
    """One page of items (a topic, all news or search results) and where it sits in the whole."""

    items: tuple[Item, ...]
    total: int
    number: int
    pages: int


@dataclass(frozen=True, slots=True)
class Stories:
    """Stories as the site shows them, with the stored articles they were made from
    (the API answers with those, without reading them again)."""

    stories: list[Story]
    more: bool  #: more stories exist than were asked for
    articles: dict[int, StoredArticle]
    #: Equal for two answers built from the very same reads, so a page made from one
    #: can be reused for the other; None when there is nothing to compare.
    version: tuple[object, ...] | None = None


@dataclass(frozen=True, slots=True)
class Filters:
    """What a search asks for; every field is optional."""

    query: str | None = None
    topic: str | None = None
    publisher: str | None = None
    since: datetime | None = None
    until: datetime | None = None


class LiveSite:
    """Reads the store for one page at a time and shapes it like the static site."""

    def __init__(self, store: Store, site_dir: Path | None = None) -> None:
        self.store = store
        self.site_dir = site_dir  #: where cached pictures are looked for
        self._shaped: dict[str, _Shaped] = {}
        self._lock = threading.Lock()

    def front(self) -> Stories:
        """The hottest stories (pinned first, in the store's order) and whether more exist."""
        leads = self.store.front_page(FRONT_PAGE_STORIES + 1)
        more = len(leads) > FRONT_PAGE_STORIES
        stories, articles, version = self._stories_of(leads[:FRONT_PAGE_STORIES])
        return Stories(stories, more, articles, (more, *version))

    def story(self, key: str) -> Stories:
        """A story by its page key: a story id, or ``a<article id>`` for a lone article.
        ``stories`` is empty when no such story is published."""
        members: list[StoredArticle] = []
        if key.isdigit():
            members = self.store.story_articles(int(key))
        elif key.startswith("a") and key[1:].isdigit():
            article = self.store.get_article(int(key[1:]))
            members = [] if article is None or article.story_id is not None else [article]
        found = [s for s in shape(members, self.site_dir).stories if s.key == key]
        return Stories(found, False, {a.id: a for a in members})

    def listing(self, filters: Filters, number: int, size: int = PAGE_SIZE) -> Listing:
        """Page ``number`` (from 1) of the published items matching ``filters``."""
        page = self.store.search(
            filters.query or None,
            topic=filters.topic,
            publisher=filters.publisher,
            since=filters.since,
            until=filters.until,
            limit=size,
            offset=(number - 1) * size,
        )
        return Listing(
            items=tuple(self.items_in_order(page.items)),
            total=page.total,
            number=number,
            pages=page_count(page.total) if size == PAGE_SIZE else max(1, -(-page.total // size)),
        )

    def topics(self) -> list[tuple[Topic, int]]:
        """Every topic with published items, ordered as the static site orders them."""
        counted = [(Topic(name, slug), count) for name, slug, count in self.store.topic_counts()]
        return sorted(counted, key=lambda tc: (tc[0].name != "AI", tc[0].name.lower()))

    def topic(self, slug: str) -> Topic | None:
        return next((t for t, _ in self.topics() if t.slug == slug), None)

    def total(self) -> int:
        """How many items are published."""
        return self.store.search(None, limit=1).total

    def items_in_order(self, articles: list[StoredArticle]) -> list[Item]:
        """The articles as site items, in the order given (a search ranks them, not by date)."""
        data: SiteData = shape(articles, self.site_dir)
        by_id = {i.id: i for i in data.items}
        return [by_id[a.id] for a in articles if a.id in by_id]

    def forget(self) -> None:
        """Drop the remembered front-page stories: an editor has just changed something."""
        with self._lock:
            self._shaped.clear()

    def _stories_of(
        self, leads: list[StoredArticle]
    ) -> tuple[list[Story], dict[int, StoredArticle], tuple[int, ...]]:
        """Each lead's story, with its coverage, in the order the leads came; the
        articles read, by id; and the serial numbers of the reads used."""
        stories: list[Story] = []
        articles: dict[int, StoredArticle] = {}
        kept: dict[str, _Shaped] = {}
        for lead in leads:
            key = story_key(lead)
            if key in kept:  # two published articles of one story: one story, shown once
                continue
            shaped = kept[key] = self._shaped_story(key, lead)
            if shaped.story is not None:
                stories.append(shaped.story)
                articles.update(shaped.articles)
        with self._lock:
            self._shaped = kept  # only the stories on the front page now are remembered
        return stories, articles, tuple(k.serial for k in kept.values())

    def _shaped_story(self, key: str, lead: StoredArticle) -> _Shaped:
        """One story of the front page, read again only when its lead row changed.

        A story's members are read in full (text included), which for thirty stories
        of a busy day is hundreds of rows: too slow to repeat on every request. The
        lead is read fresh every time, and any curation change to a story rewrites it
        (heat, related coverage); editors' actions through the app call :meth:`forget`.
        What changes without either (a coverage article's own row) shows within
        ``STORY_CACHE_SECONDS``.
        """
        with self._lock:
            cached = self._shaped.get(key)
        now = time.monotonic()
        if (cached is not None and cached.lead == lead
                and now - cached.at < STORY_CACHE_SECONDS):
            return cached
        members = [lead] if lead.story_id is None else self.store.story_articles(lead.story_id)
        found = [s for s in shape(members, self.site_dir).stories if s.key == key]
        return _Shaped(lead, now, found[0] if found else None,
                       {a.id: a for a in members}, next(_SERIALS))


@dataclass(frozen=True, slots=True)
class _Shaped:
    """A front-page story as last read, and the lead row (every field) it was read for."""

    lead: StoredArticle
    at: float  #: time.monotonic() when read
    story: Story | None
    articles: dict[int, StoredArticle]
    serial: int  #: unique to this read


_SERIALS = itertools.count(1)


def story_key(article: StoredArticle | Item) -> str:
    """The page name the static site gives the story an article belongs to."""
    return str(article.story_id) if article.story_id is not None else f"a{article.id}"



"""What the site, the API and the feeds publish, read from the store once.

Every output is built from the same frozen snapshot, so the HTML, the JSON API
and the feeds of one run always agree, and no builder touches the database.
Only a few curation fields are read (relevant, published, heat, quality,
topics, story_id, related, curation's ``duplicate_of`` and ``lead``): the rest
of what curation stores is explanation that may change shape.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tidings.publish.build import NEWS_DIR, is_record
from tidings.publish.images import LARGE_BOX, THUMB_BOX, copies_on_disk, fitted
from tidings.publish.logos import SMALL, LogoError, logo_path
from tidings.publish.records import Provider, Record, record_filename
from tidings.publish.slug import topic_slug
from tidings.store import Store, StoredArticle


@dataclass(frozen=True, slots=True)
class Topic:
    """A topic name and the slug its pages, API folder and feeds are named by."""

    name: str
    slug: str


@dataclass(frozen=True, slots=True)
class Picture:
    """An article's picture; ``is_cached`` once the site holds its own copy.

    ``url`` is the publisher's file (for records and the API, as the reference
    has it); pages show only ``large`` and ``thumb``, the site's copies, and
    show nothing when there are none. ``width`` and ``height`` are the original's.
    """

    url: str
    width: int
    height: int
    is_cached: bool = False
    large: str | None = None  #: site-relative path of the large copy, when it is on disk
    thumb: str | None = None  #: site-relative path of the thumbnail, when it is on disk

    @property
    def large_size(self) -> tuple[int, int]:
        return fitted(self.width, self.height, LARGE_BOX)

    @property
    def thumb_size(self) -> tuple[int, int]:
        return fitted(self.width, self.height, THUMB_BOX)


@dataclass(frozen=True, slots=True)
class Item:
    """One stored article as the published outputs show it."""

    id: int
    path: str  #: the record file, ``_news/YYYY-MM-DD-slug.md``, as the reference API names it
    title: str
    excerpt: str
    web_url: str
    original_url: str
    type: str
    provider_name: str
    provider_domain: str
    language: str | None
    published: datetime  #: UTC
    heat: int
    quality: int
    topics: tuple[Topic, ...]
    pictures: tuple[Picture, ...]
    story_id: int | None
    lead: bool
    logo: str | None = None  #: site-relative path of the publisher's 50x50 logo, once written


@dataclass(frozen=True, slots=True)
class Story:
    """A published story: its lead article and the other outlets' coverage of it."""

    key: str  #: stable page name: the story id, or ``a<article id>`` for a lone article
    lead: Item
    coverage: tuple[Item, ...]  #: other articles of the story, best first

    @property
    def heat(self) -> int:
        return self.lead.heat

    @property
    def updated(self) -> datetime:
        """The newest article of the story: when its page last gained content."""
        return max(i.published for i in (self.lead, *self.coverage))

    @property
    def publishers(self) -> int:
        return len({i.provider_domain for i in (self.lead, *self.coverage)})


@dataclass(frozen=True, slots=True)
class SiteData:
    """The published snapshot: items newest first, stories hottest first, topics by name."""

    items: tuple[Item, ...]
    stories: tuple[Story, ...]
    topics: tuple[Topic, ...]

    def items_in(self, topic: Topic) -> tuple[Item, ...]:
        return tuple(i for i in self.items if topic in i.topics)

    def stories_in(self, topic: Topic) -> tuple[Story, ...]:
        return tuple(s for s in self.stories if topic in s.lead.topics)

    def story_by_lead(self) -> dict[int, Story]:
        """Each story under its lead article's id, to link an item to its story page."""
        return {s.lead.id: s for s in self.stories}


def topic_names(article: StoredArticle) -> list[str]:
    """Topic names in stored order; curation stores ``{"name", ...}`` objects or plain names."""
    names: list[str] = []
    for topic in article.topics or ():
        name = topic.get("name") if isinstance(topic, dict) else topic
        if isinstance(name, str) and name.strip() and name not in names:
            names.append(name.strip())
    return names


def is_published(article: StoredArticle) -> bool:
    """Listed on the site: a record (relevant, not a copy), switched on, and not suppressed."""
    return is_record(article) and bool(article.published) and (article.heat or 0) >= 0


def load_site_data(store: Store, site_dir: Path | None = None) -> SiteData:
    """Read the store once and shape it for publishing into ``site_dir``."""
    articles = store.articles(relevant=True)
    return shape(articles, site_dir)


def shape(articles: Iterable[StoredArticle], site_dir: Path | None = None) -> SiteData:
    """The snapshot built from stored articles (separate from the store for tests).

    Pictures count as cached only when their copies exist under ``site_dir``
    (the folder the pipeline caches images into); without it none are.
    """
    articles = [a for a in articles if is_record(a)]
    topics = _topics(articles)
    items = {a.id: _item(a, topics, site_dir) for a in articles}
    published = sorted(
        (items[a.id] for a in articles if is_published(a)),
        key=lambda i: (i.published, i.id),
        reverse=True,
    )
    stories = _stories(published, {a.id: a for a in articles}, items)
    used = {t for i in published for t in i.topics}
    return SiteData(
        items=tuple(published),
        stories=stories,
        topics=tuple(sorted(used, key=lambda t: (t.name != "AI", t.name.lower()))),
    )


def _topics(articles: list[StoredArticle]) -> dict[str, Topic]:
    """One Topic per name; two names that fold to one slug get numbered slugs."""
    by_name: dict[str, Topic] = {}
    taken: set[str] = set()
    for name in sorted({n for a in articles for n in topic_names(a)}):
        slug = base = topic_slug(name)
        number = 2
        while slug in taken:
            slug, number = f"{base}-{number}", number + 1
        taken.add(slug)
        by_name[name] = Topic(name, slug)
    return by_name


def _item(article: StoredArticle, topics: dict[str, Topic], site_dir: Path | None) -> Item:
    when = article.published_at or article.fetched_at
    when = when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)
    # The records stage names the file; before it has run, the name it would choose.
    name = article.record_path or record_filename(
        Record(title=article.title, excerpt="", published=when, original_url="",
               web_url=article.web_url, type=article.type, quality=0, heat=0,
               published_flag=False, provider=Provider("", ""))
    )
    return Item(
        id=article.id,
        path=f"{NEWS_DIR}/{name}",
        title=article.title,
        excerpt=article.excerpt,
        web_url=article.web_url,
        original_url=article.original_url,
        type=article.type,
        provider_name=article.provider_name or article.provider_domain,
        provider_domain=article.provider_domain,
        language=article.language,
        published=when,
        heat=round(article.heat) if article.heat is not None else 0,
        quality=round(article.quality or 0),
        topics=tuple(topics[n] for n in topic_names(article)),
        pictures=tuple(
            _picture(i, site_dir)
            for i in article.images or ()
            if i.get("url") and i.get("width") and i.get("height")
        ),
        story_id=article.story_id,
        lead=bool((article.curation or {}).get("lead")),
        logo=_logo(article.provider_domain, site_dir),
    )


def _picture(image: dict[str, Any], site_dir: Path | None) -> Picture:
    copies = copies_on_disk(image, site_dir)
    return Picture(str(image["url"]), int(image["width"]), int(image["height"]),
                   is_cached="large" in copies, large=copies.get("large"),
                   thumb=copies.get("thumb"))


def _logo(domain: str, site_dir: Path | None) -> str | None:
    """The publisher's small logo when the pipeline has written it into ``site_dir``."""
    try:
        path = logo_path(domain, SMALL)
    except LogoError:
        return None
    return path if site_dir is not None and (site_dir / path).is_file() else None


def _stories(
    published: list[Item], articles: dict[int, StoredArticle], items: dict[int, Item]
) -> tuple[Story, ...]:
    """Published items grouped by story; the lead is the one curation marked, else the hottest."""
    groups: dict[str, list[Item]] = {}
    for item in published:
        key = str(item.story_id) if item.story_id is not None else f"a{item.id}"
        groups.setdefault(key, []).append(item)
    stories = []
    for key, group in groups.items():
        lead = max(group, key=lambda i: (i.lead, i.heat, i.quality, i.published, i.id))
        coverage: list[Item] = []
        wanted = [*articles[lead.id].related, *(i.id for i in group)]
        for article_id in wanted:
            other = items.get(article_id)
            if other is None or other.id == lead.id or other in coverage or other.heat < 0:
                continue
            coverage.append(other)
        stories.append(Story(key=key, lead=lead, coverage=tuple(coverage)))
    stories.sort(key=lambda s: (-s.heat, -s.lead.published.timestamp(), s.lead.id))
    return tuple(stories)

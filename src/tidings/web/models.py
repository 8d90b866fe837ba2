"""The JSON API's shapes, as pydantic models so OpenAPI documents every field.

Field names are camelCase on the wire, like the static API and the records
(``webUrl``, ``publishedDateTime``), and snake_case in Python.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel

from tidings.store import MAX_URL_LENGTH


class Model(BaseModel):
    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True)


class Publisher(Model):
    name: str
    domain: str


class PublisherCount(Publisher):
    articles: int = Field(description="Published articles from this publisher.")


class TopicRef(Model):
    name: str
    slug: str


class TopicCount(TopicRef):
    articles: int = Field(description="Published articles on this topic.")


class TopicEvidence(Model):
    name: str
    evidence: str = Field(description="The sentence or reason curation tagged the topic for.")


class Picture(Model):
    url: str
    width: int
    height: int
    is_cached: bool = Field(description="True when the site serves its own copy.")
    cached: dict[str, str] | None = Field(
        None, description="The site's copies (large, thumb), as paths under the site root.")


class ArticleSummary(Model):
    """An article as lists show it, with the editorial state behind it."""

    id: int
    title: str
    excerpt: str
    web_url: str
    original_url: str
    type: str
    language: str | None
    publisher: Publisher
    published_date_time: datetime | None
    topics: list[TopicRef]
    images: list[Picture]
    quality: float | None
    heat: float | None
    story: str | None = Field(description="The story's page key (a story id or a<article id>).")
    published: bool
    pinned: bool
    suppressed: bool


class Related(Model):
    id: int
    title: str
    web_url: str
    publisher: str
    quality: float | None


class ArticleDetail(ArticleSummary):
    """One article with everything curation decided and why."""

    author: str | None
    relevant: bool | None
    relevance: str = Field(description="Why curation judged it (not) AI news.")
    topic_evidence: list[TopicEvidence]
    quality_parts: dict[str, Any]
    heat_parts: dict[str, Any]
    published_reason: str
    duplicate_of: int | None
    related: list[Related]
    html: str | None = Field(
        None, description="The article body, sanitised; only when the server shows full text.")


class ArticleList(Model):
    items: list[ArticleSummary]
    total: int = Field(description="Matches in all, across pages.")
    page: int
    pages: int
    per_page: int


class StoryOut(Model):
    key: str
    heat: int
    publishers: int
    updated: datetime
    lead: ArticleSummary
    coverage: list[ArticleSummary]


class SourceIn(Model):
    url: str = Field(max_length=MAX_URL_LENGTH,
                     description="A feed, sitemap or page URL (http or https).")
    kind: Literal["feed", "sitemap", "page"] = "feed"
    title: str | None = Field(None, max_length=300)


class SourceOut(Model):
    id: int
    url: str
    kind: str
    title: str | None
    enabled: bool
    last_fetch_at: datetime | None
    last_status: int | None
    last_error: str | None
    items_seen: int
    articles_stored: int


class SourceAdded(Model):
    source: SourceOut
    created: bool = Field(description="False when the URL was already watched.")


class Message(Model):
    detail: str

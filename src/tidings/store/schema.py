"""The database tables, as typed SQLAlchemy ORM classes.

The schema itself is created and changed only by the Alembic migrations in
``migrations/versions``; these classes describe it for queries, and a test
checks that the two agree. Rows never leave :mod:`tidings.store`: the
:class:`~tidings.store.Store` turns them into frozen records first.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Computed,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    PrimaryKeyConstraint,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

#: Constraint names are fixed so later migrations can refer to them on every backend.
NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

SOURCE_KINDS = ("feed", "sitemap", "page", "file")
LINK_STATES = ("pending", "done", "failed", "skipped")


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp that goes in and comes out as timezone-aware UTC.

    PostgreSQL keeps the zone (``timestamptz``) but SQLite has none, so values
    are normalised to UTC on the way in and labelled UTC on the way out; that
    way comparisons agree on both backends. Naive datetimes are refused
    because guessing their zone would silently shift every date.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if not isinstance(value, datetime):
            raise TypeError(f"expected a datetime, got {type(value).__name__}: {value!r}")
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime {value.isoformat()} given; pass a timezone-aware one")
        value = value.astimezone(UTC)
        # SQLite compares timestamps as text, so store them all in one zone without offset.
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UTCDateTime(), dict[str, Any]: JSON(), list[Any]: JSON()}


class Source(Base):
    __tablename__ = "sources"
    __table_args__ = (CheckConstraint("kind IN ('feed', 'sitemap', 'page', 'file')", name="kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    url: Mapped[str] = mapped_column(Text, unique=True)
    kind: Mapped[str] = mapped_column(Text, default="feed")
    title: Mapped[str | None] = mapped_column(Text)
    site_url: Mapped[str | None] = mapped_column(Text)
    added_at: Mapped[datetime]
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    poll_interval: Mapped[int] = mapped_column(Integer, default=1800)
    next_poll_at: Mapped[datetime | None] = mapped_column(index=True)
    last_fetch_at: Mapped[datetime | None]
    last_status: Mapped[int | None] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(Text)
    last_error_kind: Mapped[str | None] = mapped_column(Text)
    error_count: Mapped[int] = mapped_column(Integer, default=0)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    items_seen: Mapped[int] = mapped_column(Integer, default=0)
    articles_stored: Mapped[int] = mapped_column(Integer, default=0)


class FetchLog(Base):
    __tablename__ = "fetch_log"
    __table_args__ = (Index("ix_fetch_log_source_id_at", "source_id", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[int | None] = mapped_column(
        ForeignKey("sources.id", ondelete="SET NULL"), nullable=True
    )
    url: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(index=True)
    status: Mapped[int | None] = mapped_column(Integer)
    error_kind: Mapped[str | None] = mapped_column(Text)
    error: Mapped[str | None] = mapped_column(Text)
    elapsed: Mapped[float] = mapped_column(Float, default=0.0)
    size: Mapped[int] = mapped_column(Integer, default=0)
    redirects: Mapped[list[Any]]


class Story(Base):
    __tablename__ = "stories"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    # use_alter: stories and articles point at each other, so this key is added afterwards.
    lead_article_id: Mapped[int | None] = mapped_column(
        ForeignKey("articles.id", ondelete="SET NULL", use_alter=True), nullable=True
    )
    title: Mapped[str] = mapped_column(Text)
    size: Mapped[int] = mapped_column(Integer, default=0)


class ArticleRow(Base):
    __tablename__ = "articles"
    # Listings read these indexes alone (0002): on SQLite the small columns after ``text``
    # and ``html`` sit in overflow pages, so a filter that reads rows costs a page chain each.
    __table_args__ = (
        Index("ix_articles_listed", "listed", "dated_at"),
        Index("ix_articles_is_copy", "is_copy", "dated_at"),
        Index("ix_articles_front", "listed", "pinned", "heat", "dated_at"),
        Index("ix_articles_provider", "provider_domain", "listed", "dated_at", "is_copy"),
        Index("ix_articles_publishers", "listed", "provider_domain", "provider_name"),
        # What search checks for each full-text match, found by the match's id.
        Index("ix_articles_search_filter", "id", "listed", "is_copy", "provider_domain",
              "dated_at"),
    )
    # The computed columns come back with the INSERT (RETURNING), not by a second SELECT.
    __mapper_args__ = {"eager_defaults": True}

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[int | None] = mapped_column(
        ForeignKey("sources.id", ondelete="SET NULL"), nullable=True, index=True
    )
    original_url: Mapped[str] = mapped_column(Text, unique=True)
    web_url: Mapped[str] = mapped_column(Text, unique=True)
    title: Mapped[str] = mapped_column(Text)
    excerpt: Mapped[str] = mapped_column(Text, default="")
    text: Mapped[str] = mapped_column(Text)
    html: Mapped[str] = mapped_column(Text, default="")
    author: Mapped[str | None] = mapped_column(Text)
    published_at: Mapped[datetime | None] = mapped_column(index=True)
    date_source: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(Text)
    type: Mapped[str] = mapped_column(Text, default="article")
    provider_name: Mapped[str] = mapped_column(Text, default="")
    provider_domain: Mapped[str] = mapped_column(Text, default="")
    images: Mapped[list[Any]]
    syndicated: Mapped[bool] = mapped_column(Boolean, default=False)
    content_hash: Mapped[str] = mapped_column(Text, index=True)
    fetched_at: Mapped[datetime] = mapped_column(index=True)
    updated_at: Mapped[datetime]
    # Curation: filled in by later stages, empty until then.
    relevant: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    topics: Mapped[list[Any]]
    story_id: Mapped[int | None] = mapped_column(
        ForeignKey("stories.id", ondelete="SET NULL"), nullable=True, index=True
    )
    quality: Mapped[float | None] = mapped_column(Float)
    heat: Mapped[float | None] = mapped_column(Float)
    published: Mapped[bool] = mapped_column(Boolean, default=False)
    suppressed: Mapped[bool] = mapped_column(Boolean, default=False)
    pinned: Mapped[bool] = mapped_column(Boolean, default=False)
    related: Mapped[list[Any]]
    curation: Mapped[dict[str, Any]]
    secured: Mapped[str | None] = mapped_column(Text)
    record_path: Mapped[str | None] = mapped_column(Text)
    record_digest: Mapped[str | None] = mapped_column(Text)
    # Editorial decisions and listing helpers (0002). editor_publish: "on", "off" or NULL (auto).
    editor_publish: Mapped[str | None] = mapped_column(Text)
    #: Curation found it a copy of another article (curation's duplicate_of), kept as a column
    #: so listings can leave copies out without reading the JSON.
    is_copy: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    #: The date listings sort and filter by; the database computes it, so no writer can forget.
    dated_at: Mapped[datetime | None] = mapped_column(
        Computed("coalesce(published_at, fetched_at)"), index=True
    )
    #: On the public site: published, not suppressed, not a copy (computed by the database).
    listed: Mapped[bool] = mapped_column(
        Boolean, Computed("published AND NOT suppressed AND NOT is_copy")
    )


class ArticleTopic(Base):
    """One topic of one article, by slug: what topic pages and the topic filter look up.

    Topics live in the articles' JSON list; this table mirrors them so filtering by a
    topic is an index range, not a scan. ``listed`` and ``dated_at`` copy the article's
    listing state and date, so a topic page is read from this index alone. The store
    rewrites the rows whenever an article's topics or listing state change.
    """

    __tablename__ = "article_topics"
    __table_args__ = (
        PrimaryKeyConstraint("article_id", "slug"),
        Index("ix_article_topics_slug_listed", "slug", "listed", "dated_at", "article_id"),
        Index("ix_article_topics_listed_slug", "listed", "slug", "name"),
    )

    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    slug: Mapped[str] = mapped_column(Text)
    name: Mapped[str] = mapped_column(Text)
    dated_at: Mapped[datetime | None]
    listed: Mapped[bool] = mapped_column(Boolean)


#: Search objects that only exist on one backend (SQLite FTS5 tables, PostgreSQL's tsvector
#: column and its index); the migrations own them and the models do not describe them.
SEARCH_OBJECTS = ("articles_fts", "search_vector", "ix_articles_search_vector")


def include_name(name: str | None, type_: str, parent_names: Any) -> bool:
    """Alembic's comparison filter: skip the backend-specific search objects."""
    return not (name and name.startswith(SEARCH_OBJECTS))


class Link(Base):
    __tablename__ = "links"
    __table_args__ = (
        CheckConstraint("state IN ('pending', 'done', 'failed', 'skipped')", name="state"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"), index=True)
    url: Mapped[str] = mapped_column(Text, unique=True)
    entry: Mapped[dict[str, Any]]
    state: Mapped[str] = mapped_column(Text, default="pending", index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    #: Whether the last failure may go away on a later try (a timeout, not a 404).
    retryable: Mapped[bool] = mapped_column(Boolean, default=True)
    last_error: Mapped[str | None] = mapped_column(Text)
    discovered_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    article_id: Mapped[int | None] = mapped_column(
        ForeignKey("articles.id", ondelete="SET NULL"), nullable=True, index=True
    )


class EmbeddingRow(Base):
    """A sentence embedding, kept so a curation run does not re-embed the whole window.

    ``key`` is a digest of the model's name and the exact text it read (see
    :mod:`tidings.curate.embed`), so an edited article or another model simply misses and
    is embedded afresh; ``vector`` holds little-endian float32s. Rows are pruned by age.
    """

    __tablename__ = "embeddings"

    key: Mapped[str] = mapped_column(Text, primary_key=True)
    vector: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(index=True)

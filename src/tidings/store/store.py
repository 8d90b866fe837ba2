"""The :class:`Store`: every read and write the pipeline makes to its database.

Each public method is one transaction, so a process killed at any instant
leaves the database as it was before or after a whole step, never between.
The links table is the work queue that makes runs resumable: a link stays
``pending`` until the transaction that stores its article also marks it
``done``. Duplicates are refused by unique constraints, not only by checks
in code, so even two processes racing cannot store an article twice.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from types import TracebackType
from typing import Any, Self, TypeVar

from alembic.util import CommandError
from sqlalchemy import delete, func, insert, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from tidings.models import Article, Entry
from tidings.store import search as pages
from tidings.store.convert import (
    CURATION_FIELDS,
    MAX_URL_LENGTH,
    STORY_FIELDS,
    article_info,
    article_values,
    check_aware,
    check_url,
    checked_fields,
    entry_json,
    is_id,
    link_info,
    record,
    source_info,
    source_key,
)
from tidings.store.engine import WRITE_OPTION, make_engine
from tidings.store.migrate import upgrade
from tidings.store.records import (
    ArticlePage,
    FetchLogInfo,
    LinkInfo,
    NotFoundError,
    SourceInfo,
    StoredArticle,
    StoreError,
    StoryInfo,
)
from tidings.store.schema import (
    LINK_STATES,
    SOURCE_KINDS,
    ArticleRow,
    Base,
    EmbeddingRow,
    FetchLog,
    Link,
    Source,
    Story,
)

log = logging.getLogger(__name__)

DEFAULT_POLL_INTERVAL = 1800
#: Keys per IN (...) list: well under SQLite's limit on bound parameters.
_KEYS_PER_QUERY = 500

_R = TypeVar("_R")


class Store:
    """The Tidings database: sources, the link queue, articles and stories.

    ``url`` is any SQLAlchemy URL; ``sqlite:///path/to/tidings.sqlite`` by
    default, or ``postgresql://user:pass@host/db`` (run through psycopg 3).
    Opening a store migrates its schema to the newest revision. ``clock``
    returns "now" for the timestamps the store sets itself; tests pin it.
    """

    def __init__(self, url: str, *, clock: Callable[[], datetime] | None = None) -> None:
        self.url = url
        self._clock = clock or (lambda: datetime.now(UTC))
        self._engine = make_engine(url)
        self._dialect = self._engine.dialect.name
        shown = self._engine.url.render_as_string(hide_password=True)
        try:
            upgrade(self._engine)
        except OperationalError as exc:
            self._engine.dispose()
            raise StoreError(f"cannot open database {shown}: {exc.orig}") from exc
        except CommandError as exc:  # e.g. a database migrated by a newer Tidings
            self._engine.dispose()
            raise StoreError(f"cannot migrate database {shown}: {exc}") from exc
        except BaseException:
            self._engine.dispose()
            raise
        self._reader = sessionmaker(self._engine, expire_on_commit=False)
        self._writer = sessionmaker(
            self._engine.execution_options(**{WRITE_OPTION: True}), expire_on_commit=False
        )

    def close(self) -> None:
        """Release every pooled connection; the store must not be used afterwards."""
        self._engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self._engine.url.render_as_string(hide_password=True)!r})"

    # -- sources -----------------------------------------------------------------------------

    def add_source(
        self,
        url: str,
        *,
        kind: str = "feed",
        title: str | None = None,
        site_url: str | None = None,
    ) -> tuple[SourceInfo, bool]:
        """Start watching ``url``; returns the source and whether it is new.

        Adding a URL that is already watched changes nothing, so scripts and
        config files can list their sources on every run.
        """
        url = check_url(url, "source URL")
        if kind not in SOURCE_KINDS:
            raise ValueError(f"unknown source kind {kind!r}; expected one of {SOURCE_KINDS}")
        values = {
            "url": url,
            "kind": kind,
            "title": title,
            "site_url": site_url,
            "added_at": self._now(),
            "enabled": True,
            "poll_interval": DEFAULT_POLL_INTERVAL,
            "error_count": 0,
            "items_seen": 0,
            "articles_stored": 0,
        }
        with self._writing() as session:
            created = self._insert_ignore(session, Source, values, "url")
            row = session.scalars(select(Source).where(Source.url == url)).one()
            return source_info(row), created

    def remove_source(self, url_or_id: str | int) -> bool:
        """Stop watching a source and drop its queued links; stored articles stay."""
        with self._writing() as session:
            result = session.execute(delete(Source).where(source_key(url_or_id)))
            return bool(result.rowcount)  # type: ignore[attr-defined]

    def get_source(self, url_or_id: str | int) -> SourceInfo | None:
        with self._reading() as session:
            row = session.scalars(select(Source).where(source_key(url_or_id))).one_or_none()
            return None if row is None else source_info(row)

    def list_sources(self) -> list[SourceInfo]:
        with self._reading() as session:
            return [source_info(r) for r in session.scalars(select(Source).order_by(Source.id))]

    def due_sources(self, now: datetime) -> list[SourceInfo]:
        """Enabled sources whose next poll is due at ``now`` (never-polled ones first)."""
        check_aware(now, "now")
        query = (
            select(Source)
            .where(Source.enabled.is_(True))
            .where(or_(Source.next_poll_at.is_(None), Source.next_poll_at <= now))
            .order_by(Source.next_poll_at.is_not(None), Source.next_poll_at, Source.id)
        )
        with self._reading() as session:
            return [source_info(r) for r in session.scalars(query)]

    def record_poll(
        self,
        source_id: int,
        *,
        now: datetime,
        status: int | None = None,
        error: str | None = None,
        error_kind: str | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
        title: str | None = None,
        site_url: str | None = None,
        next_poll_at: datetime,
    ) -> None:
        """Remember how polling a source went and when to poll it next.

        Success (``error`` is None) resets the failure count and keeps the
        validators for the next conditional request; a 304 that sends no new
        ETag keeps the old one. Failure counts up ``error_count``; backing
        off is the caller's job, through ``next_poll_at``. A title or site
        URL only fills in what the source does not have yet, so a name the
        user chose is never overwritten by the feed's.
        """
        check_aware(now, "now")
        check_aware(next_poll_at, "next_poll_at")
        values: dict[str, Any] = {
            "last_fetch_at": now,
            "last_status": status,
            "next_poll_at": next_poll_at,
        }
        if error is None:
            values.update(error_count=0, last_error=None, last_error_kind=None)
            if etag is not None:
                values["etag"] = etag
            if last_modified is not None:
                values["last_modified"] = last_modified
        else:
            values.update(
                error_count=Source.error_count + 1, last_error=error, last_error_kind=error_kind
            )
        if title is not None:
            values["title"] = func.coalesce(Source.title, title)
        if site_url is not None:
            values["site_url"] = func.coalesce(Source.site_url, site_url)
        with self._writing() as session:
            result = session.execute(update(Source).where(Source.id == source_id).values(values))
            if not result.rowcount:  # type: ignore[attr-defined]
                raise NotFoundError(f"no source with id {source_id}")

    def set_source_enabled(self, url_or_id: str | int, enabled: bool) -> bool:
        """Pause or resume polling a source; False when there is no such source."""
        with self._writing() as session:
            result = session.execute(
                update(Source).where(source_key(url_or_id)).values(enabled=bool(enabled))
            )
            return bool(result.rowcount)  # type: ignore[attr-defined]

    # -- fetch log ---------------------------------------------------------------------------

    def log_fetch(
        self,
        *,
        url: str,
        source_id: int | None = None,
        status: int | None = None,
        error_kind: str | None = None,
        error: str | None = None,
        elapsed: float = 0.0,
        size: int = 0,
        redirects: Sequence[str] = (),
    ) -> None:
        """Append one fetch (successful or not) to the log."""
        row = {
            "source_id": source_id,
            "url": url,
            "at": self._now(),
            "status": status,
            "error_kind": error_kind,
            "error": error,
            "elapsed": float(elapsed),
            "size": int(size),
            "redirects": [str(r) for r in redirects],
        }
        with self._writing() as session:
            if source_id is not None:
                self._require(session, Source, source_id, "source")
            session.execute(insert(FetchLog).values(row))

    def fetch_log(self, source_id: int | None = None, limit: int = 50) -> list[FetchLogInfo]:
        """The newest fetches first, of one source or of all."""
        query = select(FetchLog).order_by(FetchLog.at.desc(), FetchLog.id.desc()).limit(limit)
        if source_id is not None:
            query = query.where(FetchLog.source_id == source_id)
        with self._reading() as session:
            return [
                record(FetchLogInfo, r, redirects=tuple(r.redirects or ()))
                for r in session.scalars(query)
            ]

    def failures(self, error_kind: str, since: datetime) -> dict[str, tuple[int, datetime]]:
        """Per URL, how many fetches of this kind failed since ``since``, and the latest."""
        query = (select(FetchLog.url, func.count(), func.max(FetchLog.at))
                 .where(FetchLog.error_kind == error_kind, FetchLog.at >= since)
                 .group_by(FetchLog.url))
        with self._reading() as session:
            return {url: (int(count), latest)
                    for url, count, latest in session.execute(query)}

    # -- links: the work queue ---------------------------------------------------------------

    def enqueue(self, source_id: int, entries: Sequence[Entry]) -> int:
        """Queue the entries a source listed; returns how many were new.

        URLs already queued (by this source or another) are left as they
        are. Over-long URLs are dropped with a warning rather than failing
        the whole listing.
        """
        now = self._now()
        rows = []
        for entry in entries:
            if not isinstance(entry, Entry):
                raise TypeError(f"enqueue() takes Entry values, got {type(entry).__name__}")
            if isinstance(entry.url, str) and len(entry.url) > MAX_URL_LENGTH:
                log.warning("source %s: skipping a %d-character URL", source_id, len(entry.url))
                continue
            rows.append(
                {
                    "source_id": source_id,
                    "url": check_url(entry.url, "entry URL"),
                    "entry": entry_json(entry),
                    "state": "pending",
                    "attempts": 0,
                    "retryable": True,
                    "discovered_at": now,
                    "updated_at": now,
                }
            )
        with self._writing() as session:
            self._require(session, Source, source_id, "source")
            new = sum(self._insert_ignore(session, Link, row, "url") for row in rows)
            if new:
                session.execute(
                    update(Source)
                    .where(Source.id == source_id)
                    .values(items_seen=Source.items_seen + new)
                )
            return new

    def pending_links(self, limit: int | None = None, max_attempts: int = 3) -> list[LinkInfo]:
        """Links still to extract: pending ones, then failures worth another try."""
        retry = (Link.state == "failed") & Link.retryable.is_(True) & (Link.attempts < max_attempts)
        query = (
            select(Link)
            .where(or_(Link.state == "pending", retry))
            .order_by(Link.attempts, Link.id)
            .limit(limit)
        )
        with self._reading() as session:
            return [link_info(r) for r in session.scalars(query)]

    def get_link(self, link_id: int) -> LinkInfo | None:
        with self._reading() as session:
            row = session.get(Link, link_id)
            return None if row is None else link_info(row)

    def fail_link(self, link_id: int, error: str, *, retryable: bool) -> None:
        """Count a failed attempt; ``retryable`` says whether trying again could help."""
        self._settle_link(
            link_id,
            state="failed",
            attempts=Link.attempts + 1,
            retryable=bool(retryable),
            last_error=error,
        )

    def skip_link(self, link_id: int, reason: str) -> None:
        """Take a link out of the queue for good (not an article, off-topic, ...)."""
        self._settle_link(link_id, state="skipped", last_error=reason)

    def _settle_link(self, link_id: int, **values: Any) -> None:
        with self._writing() as session:
            row = self._require(session, Link, link_id, "link")
            if row.state == "done":
                raise StoreError(f"link {link_id} already has its article; it cannot be undone")
            session.execute(
                update(Link).where(Link.id == link_id).values(updated_at=self._now(), **values)
            )

    # -- articles ----------------------------------------------------------------------------

    def find_article(self, url: str) -> StoredArticle | None:
        """The article stored under ``url``, whether that is its original URL, its web
        URL, or another listed link that turned out to be the same article."""
        with self._reading() as session:
            row = self._match(session, [url])
            if row is None:
                query = select(Link.article_id).where(Link.url == url)
                article_id = session.scalars(query).one_or_none()
                row = None if article_id is None else session.get(ArticleRow, article_id)
            return None if row is None else article_info(row)

    def save_article(
        self, article: Article, *, source_id: int | None, link_id: int | None = None
    ) -> tuple[StoredArticle, bool]:
        """Store an extracted article and mark its link done, in one transaction.

        If either of its URLs is already stored, nothing new is written: the
        existing article is returned with ``created=False`` and the link is
        marked done pointing at it, which records the link as an alias. One
        exception: an original replaces the syndicated copy stored under its URL.
        """
        if not isinstance(article, Article):
            raise TypeError(f"save_article() takes an Article, got {type(article).__name__}")
        values = article_values(article)
        now = self._now()
        values.update(source_id=source_id, fetched_at=now, updated_at=now)
        urls = [values["original_url"], values["web_url"]]
        with self._writing() as session:
            if source_id is not None:
                self._require(session, Source, source_id, "source")
            if link_id is not None:
                self._require(session, Link, link_id, "link")
            row = self._match(session, urls)
            created = False
            if row is None:
                row = ArticleRow(**values)
                try:
                    with session.begin_nested():
                        session.add(row)
                        session.flush()
                except IntegrityError:
                    # Another process stored it since we looked; theirs wins.
                    row = self._match(session, urls)
                    if row is None:
                        raise
                else:
                    created = True
            elif row.syndicated and not article.syndicated and row.web_url == article.web_url:
                # The original publisher's own page replaces a syndicated copy that was
                # stored first under the original's canonical URL.
                for key, value in values.items():
                    setattr(row, key, value)
                session.flush()
                pages.sync_topics(session, row.id)
            if created and source_id is not None:
                session.execute(
                    update(Source)
                    .where(Source.id == source_id)
                    .values(articles_stored=Source.articles_stored + 1)
                )
            if link_id is not None:
                session.execute(
                    update(Link)
                    .where(Link.id == link_id)
                    .values(state="done", article_id=row.id, last_error=None, updated_at=now)
                )
            return article_info(row), created

    def articles(
        self,
        *,
        since: datetime | None = None,
        before: datetime | None = None,
        relevant: bool | None = None,
        published: bool | None = None,
        curated: bool | None = None,
        limit: int | None = None,
    ) -> list[StoredArticle]:
        """Articles newest first, dated by publication or else by fetch time.

        ``since`` and ``before`` bound that date (``since`` inclusive).
        ``relevant=False`` matches only articles judged irrelevant, not the
        ones curation has not looked at yet (those are ``NULL``, and
        ``curated=False`` finds them).
        """
        dated = ArticleRow.dated_at  # coalesce(published_at, fetched_at), indexed
        query = select(ArticleRow).order_by(dated.desc(), ArticleRow.id.desc()).limit(limit)
        if since is not None:
            check_aware(since, "since")
            query = query.where(dated >= since)
        if before is not None:
            check_aware(before, "before")
            query = query.where(dated < before)
        if relevant is not None:
            query = query.where(ArticleRow.relevant.is_(relevant))
        if published is not None:
            query = query.where(ArticleRow.published.is_(published))
        if curated is not None:
            judged = ArticleRow.relevant.is_not(None)
            query = query.where(judged if curated else ArticleRow.relevant.is_(None))
        with self._reading() as session:
            return [article_info(r) for r in session.scalars(query)]

    def get_article(self, article_id: int) -> StoredArticle | None:
        with self._reading() as session:
            row = session.get(ArticleRow, article_id)
            return None if row is None else article_info(row)

    def update_curation(self, article_id: int, **fields: Any) -> None:
        """Set curation columns of one article; unknown names raise TypeError."""
        values = checked_fields("update_curation", CURATION_FIELDS, fields)
        for name in ("topics", "related"):
            if name in values:
                values[name] = list(values[name])
        if "curation" in values:  # copies are left out of listings by this column
            values["is_copy"] = values["curation"].get("duplicate_of") is not None
        with self._writing() as session:
            self._require(session, ArticleRow, article_id, "article")
            if values.get("story_id") is not None:
                self._require(session, Story, values["story_id"], "story")
            session.execute(
                update(ArticleRow)
                .where(ArticleRow.id == article_id)
                .values(updated_at=self._now(), **values)
            )
            if values.keys() & {"topics", "published", "suppressed", "curation"}:
                pages.sync_topics(session, article_id)

    # -- pages: what the live site reads (queries in tidings.store.search) -------------------

    def search(
        self,
        query: str | None = None,
        *,
        topic: str | None = None,
        publisher: str | None = None,
        since: datetime | None = None,
        until: datetime | None = None,
        published_only: bool = True,
        limit: int = 20,
        offset: int = 0,
    ) -> ArticlePage:
        """Full-text search with filters; without a query, the filtered articles newest first.

        With a query: SQLite FTS5 (bm25) or PostgreSQL full-text search (ts_rank) over
        title, excerpt, text and provider name, best match first, newest first among ties.
        The query's words are matched as plain words (all of them), so no input raises.
        ``topic`` is a topic slug, ``publisher`` a provider domain; ``since`` is inclusive,
        ``until`` exclusive. ``published_only`` keeps what the public site lists; copies
        (curation's ``duplicate_of``) are always left out. A query matching more than
        ``search.SEARCH_WINDOW`` (500) articles is ranked among the newest 500 of them only:
        the page then says ``capped`` and its ``total`` is 500.
        """
        with self._reading() as session:
            return pages.search(
                session, query, topic=topic, publisher=publisher, since=since, until=until,
                published_only=published_only, limit=limit, offset=offset,
            )

    def front_page(self, limit: int = 30) -> list[StoredArticle]:
        """Published story leads: pinned first, then heat descending, then newest."""
        with self._reading() as session:
            return pages.front_page(session, limit)

    def story_articles(self, story_id: int) -> list[StoredArticle]:
        """A story's articles, quality descending."""
        with self._reading() as session:
            return pages.story_articles(session, story_id)

    def publishers(self) -> list[tuple[str, str, int]]:
        """(name, domain, published article count), most articles first."""
        with self._reading() as session:
            return pages.publishers(session)

    def topic_counts(self) -> list[tuple[str, str, int]]:
        """(name, slug, published article count), most first."""
        with self._reading() as session:
            return pages.topic_counts(session)

    def set_editorial(
        self,
        article_id: int,
        *,
        publish: str | None = None,
        suppressed: bool | None = None,
        pinned: bool | None = None,
    ) -> StoredArticle | None:
        """An editor's decision, kept across curation runs; None when there is no such article.

        ``publish`` is "on", "off" or "auto" (back to curation's choice); None leaves a
        field as it is. It takes effect at once: suppressed -> heat -1 and unpublished;
        "off" -> unpublished; "on" -> published unless suppressed. Every later
        ``curate_store`` honours it (``editor_publish``, ``suppressed`` and ``pinned`` are
        never written by curation).
        """
        with self._writing() as session:
            return pages.set_editorial(
                session, article_id, self._now(),
                publish=publish, suppressed=suppressed, pinned=pinned,
            )

    # -- stories -----------------------------------------------------------------------------

    def create_story(self, *, title: str, lead_article_id: int | None = None) -> int:
        checked_fields("create_story", STORY_FIELDS, {"title": title})
        now = self._now()
        with self._writing() as session:
            if lead_article_id is not None:
                self._require(session, ArticleRow, lead_article_id, "article")
            story = Story(
                title=title, lead_article_id=lead_article_id, created_at=now, updated_at=now
            )
            session.add(story)
            session.flush()
            return story.id

    def update_story(self, story_id: int, **fields: Any) -> None:
        """Change a story's title, lead article or size; unknown names raise TypeError."""
        values = checked_fields("update_story", STORY_FIELDS, fields)
        with self._writing() as session:
            self._require(session, Story, story_id, "story")
            if values.get("lead_article_id") is not None:
                self._require(session, ArticleRow, values["lead_article_id"], "article")
            session.execute(
                update(Story).where(Story.id == story_id).values(updated_at=self._now(), **values)
            )

    def get_story(self, story_id: int) -> StoryInfo | None:
        with self._reading() as session:
            row = session.get(Story, story_id)
            return None if row is None else record(StoryInfo, row)

    def stories(self) -> list[StoryInfo]:
        with self._reading() as session:
            rows = session.scalars(select(Story).order_by(Story.id))
            return [record(StoryInfo, r) for r in rows]

    # -- overview ----------------------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """Row counts: ``sources``, ``links_<state>`` for each state, ``articles``, ``stories``."""
        with self._reading() as session:
            result = {"sources": session.scalar(select(func.count()).select_from(Source)) or 0}
            by_state = {
                state: count
                for state, count in session.execute(
                    select(Link.state, func.count()).group_by(Link.state)
                )
            }
            for state in LINK_STATES:
                result[f"links_{state}"] = by_state.get(state, 0)
            for name, model in (("articles", ArticleRow), ("stories", Story)):
                result[name] = session.scalar(select(func.count()).select_from(model)) or 0
            return result

    # -- embeddings --------------------------------------------------------------------------

    def embeddings(self, keys: Sequence[str]) -> dict[str, bytes]:
        """The stored vectors among ``keys`` (missing keys are simply absent)."""
        found: dict[str, bytes] = {}
        with self._reading() as session:
            for start in range(0, len(keys), _KEYS_PER_QUERY):
                chunk = list(keys[start : start + _KEYS_PER_QUERY])
                query = select(EmbeddingRow.key, EmbeddingRow.vector).where(
                    EmbeddingRow.key.in_(chunk))
                found.update((key, bytes(vector)) for key, vector in session.execute(query))
        return found

    def save_embeddings(self, vectors: Mapping[str, bytes]) -> None:
        """Keep vectors by key, replacing what a key held before."""
        if not vectors:
            return
        now = self._now()
        keys = list(vectors)
        with self._writing() as session:
            for start in range(0, len(keys), _KEYS_PER_QUERY):
                chunk = keys[start : start + _KEYS_PER_QUERY]
                session.execute(delete(EmbeddingRow).where(EmbeddingRow.key.in_(chunk)))
            session.execute(insert(EmbeddingRow), [
                {"key": k, "vector": v, "created_at": now} for k, v in vectors.items()])

    def prune_embeddings(self, before: datetime) -> int:
        """Forget vectors stored before ``before``; returns how many went."""
        check_aware(before, "before")
        with self._writing() as session:
            result = session.execute(delete(EmbeddingRow).where(EmbeddingRow.created_at < before))
            return result.rowcount or 0

    # -- helpers -----------------------------------------------------------------------------

    def _now(self) -> datetime:
        now = self._clock()
        check_aware(now, "clock()")
        return now

    @contextmanager
    def _reading(self) -> Iterator[Session]:
        with self._reader() as session, session.begin():
            yield session

    @contextmanager
    def _writing(self) -> Iterator[Session]:
        with self._writer() as session, session.begin():
            yield session

    def _insert_ignore(
        self, session: Session, model: type[Base], values: dict[str, Any], key: str
    ) -> bool:
        """Insert a row unless one with the same unique ``key`` exists; True if inserted."""
        table = model.__table__
        if self._dialect in ("sqlite", "postgresql"):
            dialect_insert = sqlite_insert if self._dialect == "sqlite" else pg_insert
            stmt = (
                dialect_insert(table)
                .values(values)
                .on_conflict_do_nothing(index_elements=[key])
                .returning(table.c.id)  # rowcount is not reliable here (psycopg reports -1)
            )
            return session.execute(stmt).first() is not None
        try:  # other backends: let the unique constraint decide, inside a savepoint
            with session.begin_nested():
                session.execute(insert(table).values(values))
        except IntegrityError:
            return False
        return True

    @staticmethod
    def _require(session: Session, model: type[_R], row_id: int, what: str) -> _R:
        if not is_id(row_id):
            raise TypeError(f"{what} id must be a positive integer, got {row_id!r}")
        row = session.get(model, row_id)
        if row is None:
            raise NotFoundError(f"no {what} with id {row_id}")
        return row

    @staticmethod
    def _match(session: Session, urls: Sequence[str]) -> ArticleRow | None:
        query = (
            select(ArticleRow)
            .where(or_(ArticleRow.original_url.in_(urls), ArticleRow.web_url.in_(urls)))
            .order_by(ArticleRow.id)
            .limit(1)
        )
        return session.scalars(query).one_or_none()

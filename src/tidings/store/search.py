"""The page queries behind the live site: search, listings, topic rows and editorial decisions.

Kept apart from :mod:`tidings.store.store` so the transaction logic there stays short;
every function here runs inside a session the :class:`~tidings.store.Store` opened.

Full-text search is backend-specific. SQLite uses the FTS5 table ``articles_fts`` (external
content over ``articles``, kept in step by triggers) ranked by bm25; PostgreSQL uses the
stored ``search_vector`` column with a GIN index, ranked by ts_rank. Both are created by
migration 0002. The user's words are always passed as plain terms, never as query syntax,
so no input can raise; every word must match (PostgreSQL drops English stop words first,
SQLite matches them like any word).
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Executable,
    Select,
    Text,
    TextClause,
    bindparam,
    delete,
    func,
    insert,
    literal_column,
    select,
    text,
    type_coerce,
    update,
)
from sqlalchemy.orm import Session

from tidings.publish.slug import topic_slug
from tidings.store.convert import article_info, check_aware, is_id
from tidings.store.records import ArticlePage, StoredArticle
from tidings.store.schema import ArticleRow, ArticleTopic, UTCDateTime

#: Words past this many are ignored: a pasted paragraph should not make a huge query.
MAX_TERMS = 8

#: bm25 column weights for title, excerpt, text and provider name: a word in the title
#: says more about what the article is about than the same word deep in the text.
BM25_WEIGHTS = (8.0, 3.0, 1.0, 2.0)

#: A search ranks at most this many matches, the newest (see :func:`_ranked`).
SEARCH_WINDOW = 500

#: Text search configuration on PostgreSQL; English stemming, like SQLite's porter tokenizer.
PG_CONFIG = "english"

EDITOR_PUBLISH = ("on", "off", "auto")

_WORD = re.compile(r"\w+")


# -- terms and slugs -----------------------------------------------------------------------------


def search_terms(query: str | None) -> list[str]:
    """The words of a user's query, lower-cased; punctuation and query syntax are dropped.

    Quotes, ``*``, ``-``, ``NEAR`` or parentheses would be FTS5 syntax; keeping only word
    characters means every query is a plain AND of words on both backends.
    """
    if not query:
        return []
    # Each distinct word costs a pass over its matches (bm25 counts the articles holding it).
    return list(dict.fromkeys(w.lower() for w in _WORD.findall(query)))[:MAX_TERMS]


def fts5_query(terms: list[str]) -> str:
    """An FTS5 MATCH expression: each term quoted (so AND, OR, NEAR are plain words), ANDed."""
    return " ".join(f'"{term}"' for term in terms)


def topic_entries(topics: Any) -> dict[str, str]:
    """slug -> name for stored topics, which are ``{"name": ...}`` objects or plain names."""
    entries: dict[str, str] = {}
    for topic in topics or ():
        name = topic.get("name") if isinstance(topic, dict) else topic
        if isinstance(name, str) and name.strip():
            entries.setdefault(topic_slug(name.strip()), name.strip())
    return entries


def is_listed(published: Any, suppressed: Any, is_copy: Any) -> bool:
    """Shown on the public site: published, not suppressed by an editor, and not a copy."""
    return bool(published) and not suppressed and not is_copy


# -- keeping article_topics in step ----------------------------------------------------------


def sync_topics(session: Session, article_id: int) -> None:
    """Rewrite one article's ``article_topics`` rows from its current columns.

    Called after any write to topics, publication, suppression or curation; unchanged
    rows are left alone, so a curation run that changes nothing writes nothing here.
    """
    row = session.execute(
        select(
            ArticleRow.topics,
            ArticleRow.published,
            ArticleRow.suppressed,
            ArticleRow.is_copy,
            ArticleRow.dated_at,
        ).where(ArticleRow.id == article_id)
    ).one_or_none()
    if row is None:
        return
    listed = is_listed(row.published, row.suppressed, row.is_copy)
    wanted = {
        slug: (name, row.dated_at, listed) for slug, name in topic_entries(row.topics).items()
    }
    have = {
        r.slug: (r.name, r.dated_at, r.listed)
        for r in session.execute(
            select(
                ArticleTopic.slug, ArticleTopic.name, ArticleTopic.dated_at, ArticleTopic.listed
            ).where(ArticleTopic.article_id == article_id)
        )
    }
    if have == wanted:
        return
    session.execute(delete(ArticleTopic).where(ArticleTopic.article_id == article_id))
    if wanted:
        session.execute(
            insert(ArticleTopic),
            [
                {"article_id": article_id, "slug": slug, "name": name, "dated_at": dated,
                 "listed": shown}
                for slug, (name, dated, shown) in wanted.items()
            ],
        )


# -- queries -------------------------------------------------------------------------------------


def search(
    session: Session,
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
    """See :meth:`tidings.store.Store.search`."""
    if since is not None:
        check_aware(since, "since")
    if until is not None:
        check_aware(until, "until")
    limit, offset = max(int(limit), 0), max(int(offset), 0)
    terms = search_terms(query)
    if not terms and topic is not None:
        return _topic_listing(
            session, topic, publisher=publisher, since=since, until=until,
            published_only=published_only, limit=limit, offset=offset,
        )
    conditions: list[ColumnElement[bool]] = [
        ArticleRow.listed.is_(True) if published_only else ArticleRow.is_copy.is_(False)
    ]
    if publisher is not None:
        conditions.append(ArticleRow.provider_domain == publisher)
    if since is not None:
        conditions.append(ArticleRow.dated_at >= since)
    if until is not None:
        conditions.append(ArticleRow.dated_at < until)
    if topic is not None:
        in_topic = select(ArticleTopic.article_id).where(ArticleTopic.slug == topic)
        if published_only:
            in_topic = in_topic.where(ArticleTopic.listed.is_(True))
        conditions.append(ArticleRow.id.in_(in_topic))
    if terms and session.get_bind().dialect.name == "sqlite":
        candidates = _sqlite_candidates(
            terms, topic=topic, publisher=publisher, since=since, until=until,
            published_only=published_only,
        )
        return _ranked(session, candidates, limit, offset)
    if terms:
        return _ranked(session, _pg_candidates(terms, conditions), limit, offset)
    rows = select(ArticleRow).where(*conditions).order_by(*_NEWEST)
    counted = select(func.count()).select_from(ArticleRow).where(*conditions)
    return _page(session, rows, counted, limit, offset)


_NEWEST = (ArticleRow.dated_at.desc(), ArticleRow.id.desc())


def _sqlite_candidates(
    terms: list[str],
    *,
    topic: str | None,
    publisher: str | None,
    since: datetime | None,
    until: datetime | None,
    published_only: bool,
) -> TextClause:
    """The newest FTS5 matches that pass the filters, with their bm25 scores.

    Written as SQL because the filters must be read from ``ix_articles_search_filter``
    (INDEXED BY, which SQLAlchemy cannot say for SQLite): left to itself SQLite looks each
    match up in the table, where these columns sit behind the article's text in overflow
    pages, which costs ten times more. bm25 is computed only for rows that pass.
    """
    weights = ", ".join(str(w) for w in BM25_WEIGHTS)
    where = ["articles_fts MATCH :fts",
             "a.listed = 1" if published_only else "a.is_copy = 0"]
    params: list[BindParameter[Any]] = [bindparam("fts", fts5_query(terms))]
    if publisher is not None:
        where.append("a.provider_domain = :publisher")
        params.append(bindparam("publisher", publisher))
    if since is not None:
        where.append("a.dated_at >= :since")
        params.append(bindparam("since", since, type_=UTCDateTime()))
    if until is not None:
        where.append("a.dated_at < :until")
        params.append(bindparam("until", until, type_=UTCDateTime()))
    if topic is not None:
        listed = " AND t.listed = 1" if published_only else ""
        where.append(f"a.id IN (SELECT t.article_id FROM article_topics t "
                     f"WHERE t.slug = :topic{listed})")
        params.append(bindparam("topic", topic))
    sql = (
        # The date as stored text ("2025-02-01 09:30:00.000000"), which sorts as dates do.
        f"SELECT f.rowid, bm25(articles_fts, {weights}), a.dated_at "
        "FROM articles_fts f JOIN articles a INDEXED BY ix_articles_search_filter "
        f"ON a.id = f.rowid WHERE {' AND '.join(where)} "
        "ORDER BY f.rowid DESC LIMIT :window"
    )
    params.append(bindparam("window", SEARCH_WINDOW + 1))
    return text(sql).bindparams(*params)


def _pg_candidates(terms: list[str], conditions: list[ColumnElement[bool]]) -> Select[Any]:
    """The newest tsvector matches that pass the filters, scored by ts_rank (negated, so
    that lower is better on both backends)."""
    tsquery = func.plainto_tsquery(PG_CONFIG, " ".join(terms))
    vector = literal_column("articles.search_vector")
    newest = (
        select(ArticleRow.id)
        .where(vector.op("@@")(tsquery), *conditions)
        .order_by(ArticleRow.id.desc())
        .limit(SEARCH_WINDOW + 1)
        .subquery("newest")
    )
    # ts_rank is computed for the window only, in the outer query.
    return select(
        ArticleRow.id, -func.ts_rank(vector, tsquery), type_coerce(ArticleRow.dated_at, Text)
    ).join(newest, newest.c.id == ArticleRow.id)


def _ranked(
    session: Session, candidates: Executable, limit: int, offset: int
) -> ArticlePage:
    """Full-text matches, best first, ranked within the newest ``SEARCH_WINDOW`` matches.

    Ranking is the expensive part (bm25 reads each match's term positions), so a query
    that matches most of a large store ("model") would take a second to rank in full.
    The window keeps every search bounded: the filters and the window come from indexes,
    newest matches first, and only the window is scored. A query with fewer matches than
    the window is ranked and counted exactly; otherwise ``capped`` says so.
    """
    # Plain rows (id, score, date as text): no ORM objects or date parsing for the window.
    scored = [(i, float(score), str(dated or ""))
              for i, score, dated in session.connection().execute(candidates)]
    capped = len(scored) > SEARCH_WINDOW
    scored.sort(key=lambda m: m[0], reverse=True)  # highest id first: the window's edge
    scored = scored[:SEARCH_WINDOW]
    # Best score first; among equal scores the newest, then the highest id (stable sorts).
    scored.sort(key=lambda m: m[2], reverse=True)
    scored.sort(key=lambda m: m[1])
    ids = [i for i, _, _ in scored[offset : offset + limit]]
    rows = {r.id: r for r in session.scalars(select(ArticleRow).where(ArticleRow.id.in_(ids)))}
    items = [article_info(rows[i]) for i in ids if i in rows]
    return ArticlePage(items=items, total=len(scored), capped=capped)


def _topic_listing(
    session: Session,
    topic: str,
    *,
    publisher: str | None,
    since: datetime | None,
    until: datetime | None,
    published_only: bool,
    limit: int,
    offset: int,
) -> ArticlePage:
    """A topic's articles newest first, driven by the ``article_topics`` index.

    The rows carry the article's date and listing state, so the page and the count are
    ranges of one index; articles are read only for the page itself.
    """
    conditions: list[ColumnElement[bool]] = [ArticleTopic.slug == topic]
    if published_only:
        conditions.append(ArticleTopic.listed.is_(True))
    if since is not None:
        conditions.append(ArticleTopic.dated_at >= since)
    if until is not None:
        conditions.append(ArticleTopic.dated_at < until)
    joined: list[ColumnElement[bool]] = []
    if publisher is not None:
        joined.append(ArticleRow.provider_domain == publisher)
    if not published_only:  # listed rows are never copies; the others may be
        joined.append(ArticleRow.is_copy.is_(False))
    on = ArticleRow.id == ArticleTopic.article_id
    rows = (
        select(ArticleRow)
        .select_from(ArticleTopic)
        .join(ArticleRow, on)
        .where(*conditions, *joined)
        .order_by(ArticleTopic.dated_at.desc(), ArticleTopic.article_id.desc())
    )
    counted = select(func.count()).select_from(ArticleTopic)
    if joined:
        counted = counted.join(ArticleRow, on)
    counted = counted.where(*conditions, *joined)
    return _page(session, rows, counted, limit, offset)


def _page(
    session: Session, rows: Select[Any], counted: Select[Any], limit: int, offset: int
) -> ArticlePage:
    items = [article_info(r) for r in session.scalars(rows.limit(limit).offset(offset))]
    if offset == 0 and len(items) < limit:
        return ArticlePage(items=items, total=len(items))  # all of it fits: no need to count
    return ArticlePage(items=items, total=int(session.scalar(counted) or 0))


def front_page(session: Session, limit: int = 30) -> list[StoredArticle]:
    """See :meth:`tidings.store.Store.front_page`."""
    # Listed articles always have a heat (curation's, or set_editorial's 0), so plain DESC
    # is right on both backends, and it lets PostgreSQL read ix_articles_front backwards.
    query = (
        select(ArticleRow)
        .where(ArticleRow.listed.is_(True))
        .order_by(
            ArticleRow.pinned.desc(),
            ArticleRow.heat.desc(),
            ArticleRow.dated_at.desc(),
            ArticleRow.id.desc(),
        )
        .limit(max(int(limit), 0))
    )
    return [article_info(r) for r in session.scalars(query)]


def story_articles(session: Session, story_id: int) -> list[StoredArticle]:
    """See :meth:`tidings.store.Store.story_articles`."""
    quality = ArticleRow.quality.desc()
    if session.get_bind().dialect.name != "sqlite":
        quality = quality.nulls_last()
    query = (
        select(ArticleRow)
        .where(ArticleRow.story_id == story_id)
        .order_by(quality, ArticleRow.dated_at.desc(), ArticleRow.id.desc())
    )
    return [article_info(r) for r in session.scalars(query)]


def publishers(session: Session) -> list[tuple[str, str, int]]:
    """See :meth:`tidings.store.Store.publishers`."""
    count = func.count()
    query = (
        select(func.max(ArticleRow.provider_name), ArticleRow.provider_domain, count)
        .where(ArticleRow.listed.is_(True), ArticleRow.provider_domain != "")
        .group_by(ArticleRow.provider_domain)
        .order_by(count.desc(), ArticleRow.provider_domain)
    )
    return [(name or domain, domain, int(n)) for name, domain, n in session.execute(query)]


def topic_counts(session: Session) -> list[tuple[str, str, int]]:
    """See :meth:`tidings.store.Store.topic_counts`."""
    count = func.count()
    query = (
        select(func.min(ArticleTopic.name), ArticleTopic.slug, count)
        .where(ArticleTopic.listed.is_(True))
        .group_by(ArticleTopic.slug)
        .order_by(count.desc(), ArticleTopic.slug)
    )
    return [(name, slug, int(n)) for name, slug, n in session.execute(query)]


# -- editorial decisions ---------------------------------------------------------------------


def set_editorial(
    session: Session,
    article_id: int,
    now: datetime,
    *,
    publish: str | None = None,
    suppressed: bool | None = None,
    pinned: bool | None = None,
) -> StoredArticle | None:
    """See :meth:`tidings.store.Store.set_editorial`."""
    if not is_id(article_id):
        raise TypeError(f"article id must be a positive integer, got {article_id!r}")
    if publish is not None and publish not in EDITOR_PUBLISH:
        raise ValueError(f"publish must be one of {EDITOR_PUBLISH} or None, got {publish!r}")
    for name, value in (("suppressed", suppressed), ("pinned", pinned)):
        if value is not None and not isinstance(value, bool):
            raise ValueError(f"{name} must be True, False or None, got {value!r}")
    row = session.get(ArticleRow, article_id)
    if row is None:
        return None
    values: dict[str, Any] = {"updated_at": now}
    choice = row.editor_publish if publish is None else (None if publish == "auto" else publish)
    values["editor_publish"] = choice
    if pinned is not None:
        values["pinned"] = pinned
    hidden = row.suppressed if suppressed is None else suppressed
    values["suppressed"] = hidden
    if hidden:
        values.update(heat=-1, published=False)
    elif publish is not None or suppressed is not None:
        if row.suppressed:
            # Back from suppression: curation scored it as hidden, so its heat and its own
            # choice to publish are unknown until the next curation run makes them again.
            values["heat"] = 0
            auto = False
        else:
            desk = (row.curation or {}).get("desk_published")
            auto = bool(row.published) if desk is None else bool(desk)
        values["published"] = {"on": True, "off": False}.get(choice or "", auto)
        if row.heat is None:  # never curated: listings sort by heat, so give it the lowest
            values["heat"] = 0
    session.execute(update(ArticleRow).where(ArticleRow.id == article_id).values(values))
    sync_topics(session, article_id)
    session.expire(row)
    return article_info(session.get_one(ArticleRow, article_id))

"""Search, indexed listings and editorial decisions.

- ``articles.dated_at``: coalesce(published_at, fetched_at), computed by the database
  (virtual on SQLite, stored on PostgreSQL) and indexed, so newest-first pages are index
  scans; composite indexes serve the front page and the per-publisher listing.
- ``articles.is_copy`` (curation's duplicate_of, as a column) and ``articles.editor_publish``
  ("on", "off" or NULL for curation's choice), which curation runs honour.
- ``article_topics``: each article's topic slugs, filled here from the JSON topics.
- Full-text search. SQLite: the FTS5 table ``articles_fts`` (external content over
  ``articles``, porter stemming over unicode61) kept in step by triggers. PostgreSQL: a
  weighted, stored ``search_vector`` tsvector column with a GIN index.

A later migration that rebuilds ``articles`` on SQLite (batch mode) must recreate the
triggers, which a table rebuild drops.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from tidings.store.search import is_listed, topic_entries

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_FTS_COLUMNS = "title, excerpt, text, provider_name"
_FTS_NEW = "new.title, new.excerpt, new.text, new.provider_name"
_FTS_OLD = "old.title, old.excerpt, old.text, old.provider_name"

#: Listings are answered from these indexes alone (see schema.ArticleRow).
_INDEXES = {
    "ix_articles_dated_at": ["dated_at"],
    "ix_articles_listed": ["listed", "dated_at"],
    "ix_articles_is_copy": ["is_copy", "dated_at"],
    "ix_articles_front": ["listed", "pinned", "heat", "dated_at"],
    "ix_articles_provider": ["provider_domain", "listed", "dated_at", "is_copy"],
    "ix_articles_publishers": ["listed", "provider_domain", "provider_name"],
    "ix_articles_search_filter": ["id", "listed", "is_copy", "provider_domain", "dated_at"],
}

_SQLITE_SEARCH = (
    "CREATE VIRTUAL TABLE articles_fts USING fts5("
    f"{_FTS_COLUMNS}, content='articles', content_rowid='id', "
    "tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN "
    f"INSERT INTO articles_fts(rowid, {_FTS_COLUMNS}) VALUES (new.id, {_FTS_NEW}); END",
    "CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN "
    f"INSERT INTO articles_fts(articles_fts, rowid, {_FTS_COLUMNS}) "
    f"VALUES ('delete', old.id, {_FTS_OLD}); END",
    # Only a change to a searched column touches the index: curation updates stay cheap.
    f"CREATE TRIGGER articles_fts_update AFTER UPDATE OF {_FTS_COLUMNS} ON articles BEGIN "
    f"INSERT INTO articles_fts(articles_fts, rowid, {_FTS_COLUMNS}) "
    f"VALUES ('delete', old.id, {_FTS_OLD}); "
    f"INSERT INTO articles_fts(rowid, {_FTS_COLUMNS}) VALUES (new.id, {_FTS_NEW}); END",
    "INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')",
)

_PG_SEARCH = (
    "ALTER TABLE articles ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('english', title), 'A') || "
    "setweight(to_tsvector('english', excerpt), 'B') || "
    "setweight(to_tsvector('english', provider_name), 'B') || "
    "setweight(to_tsvector('english', text), 'C')) STORED",
    "CREATE INDEX ix_articles_search_vector ON articles USING gin (search_vector)",
)


def upgrade() -> None:
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    op.add_column("articles", sa.Column("editor_publish", sa.Text))
    op.add_column(
        "articles", sa.Column("is_copy", sa.Boolean, nullable=False, server_default="0")
    )
    # Computed by the database, so no writer (not even a raw INSERT) can leave them stale;
    # SQLite can add only virtual generated columns to an existing table.
    kind = "VIRTUAL" if sqlite else "STORED"
    stamp = "DATETIME" if sqlite else "timestamp with time zone"
    op.execute(
        f"ALTER TABLE articles ADD COLUMN dated_at {stamp} "
        f"GENERATED ALWAYS AS (coalesce(published_at, fetched_at)) {kind}"
    )
    op.execute(
        "ALTER TABLE articles ADD COLUMN listed BOOLEAN "
        f"GENERATED ALWAYS AS (published AND NOT suppressed AND NOT is_copy) {kind}"
    )
    if sqlite:
        op.execute(
            "UPDATE articles SET is_copy = 1 "
            "WHERE json_extract(curation, '$.duplicate_of') IS NOT NULL"
        )
    else:
        op.execute(
            "UPDATE articles SET is_copy = true WHERE curation->>'duplicate_of' IS NOT NULL"
        )
    for name, columns in _INDEXES.items():
        op.create_index(name, "articles", columns)

    topics = op.create_table(
        "article_topics",
        sa.Column("article_id", sa.Integer, nullable=False),
        sa.Column("slug", sa.Text, nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("dated_at", sa.DateTime(timezone=True)),
        sa.Column("listed", sa.Boolean, nullable=False),
        sa.PrimaryKeyConstraint("article_id", "slug", name="pk_article_topics"),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name="fk_article_topics_article_id_articles",
            ondelete="CASCADE",
        ),
    )
    op.create_index(
        "ix_article_topics_slug_listed",
        "article_topics",
        ["slug", "listed", "dated_at", "article_id"],
    )
    op.create_index("ix_article_topics_listed_slug", "article_topics", ["listed", "slug", "name"])
    _fill_topics(bind, topics)

    for statement in _SQLITE_SEARCH if sqlite else _PG_SEARCH:
        op.execute(statement)


def _fill_topics(bind: sa.Connection, topics: sa.Table) -> None:
    """Copy every article's JSON topics into article_topics, a batch at a time."""
    articles = sa.table(
        "articles",
        sa.column("id", sa.Integer),
        sa.column("topics", sa.JSON),
        sa.column("published", sa.Boolean),
        sa.column("suppressed", sa.Boolean),
        sa.column("is_copy", sa.Boolean),
        sa.column("dated_at", sa.DateTime(timezone=True)),
    )
    query = sa.select(articles).order_by(articles.c.id)
    batch: list[dict[str, object]] = []
    for row in bind.execute(query):
        listed = is_listed(row.published, row.suppressed, row.is_copy)
        for slug, name in topic_entries(row.topics).items():
            batch.append({"article_id": row.id, "slug": slug, "name": name,
                          "dated_at": row.dated_at, "listed": listed})
        if len(batch) >= 1000:
            bind.execute(topics.insert(), batch)
            batch = []
    if batch:
        bind.execute(topics.insert(), batch)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for trigger in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS articles_fts_{trigger}")
        op.execute("DROP TABLE IF EXISTS articles_fts")
    else:
        op.drop_index("ix_articles_search_vector", "articles")
        op.drop_column("articles", "search_vector")
    op.drop_table("article_topics")
    for index in _INDEXES:
        op.drop_index(index, "articles")
    for column in ("listed", "dated_at", "is_copy", "editor_publish"):
        op.drop_column("articles", column)

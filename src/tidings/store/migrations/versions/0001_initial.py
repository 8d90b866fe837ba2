"""Initial schema: sources, fetch_log, stories, articles, links.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _when(name: str, *, nullable: bool = False, index: bool = False) -> sa.Column:
    """A timezone-aware timestamp column (timestamptz on PostgreSQL)."""
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable, index=index)


def upgrade() -> None:
    op.create_table(
        "sources",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("site_url", sa.Text),
        _when("added_at"),
        sa.Column("enabled", sa.Boolean, nullable=False),
        sa.Column("poll_interval", sa.Integer, nullable=False),
        _when("next_poll_at", nullable=True),
        _when("last_fetch_at", nullable=True),
        sa.Column("last_status", sa.Integer),
        sa.Column("last_error", sa.Text),
        sa.Column("last_error_kind", sa.Text),
        sa.Column("error_count", sa.Integer, nullable=False),
        sa.Column("etag", sa.Text),
        sa.Column("last_modified", sa.Text),
        sa.Column("items_seen", sa.Integer, nullable=False),
        sa.Column("articles_stored", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_sources"),
        sa.UniqueConstraint("url", name="uq_sources_url"),
        sa.CheckConstraint(
            "kind IN ('feed', 'sitemap', 'page', 'file')", name=op.f("ck_sources_kind")
        ),
    )
    op.create_index("ix_sources_next_poll_at", "sources", ["next_poll_at"])

    op.create_table(
        "fetch_log",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("source_id", sa.Integer),
        sa.Column("url", sa.Text, nullable=False),
        _when("at"),
        sa.Column("status", sa.Integer),
        sa.Column("error_kind", sa.Text),
        sa.Column("error", sa.Text),
        sa.Column("elapsed", sa.Float, nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("redirects", sa.JSON, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_fetch_log"),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["sources.id"],
            name="fk_fetch_log_source_id_sources",
            ondelete="SET NULL",
        ),
    )
    op.create_index("ix_fetch_log_at", "fetch_log", ["at"])
    op.create_index("ix_fetch_log_source_id_at", "fetch_log", ["source_id", "at"])

    # Stories and articles refer to each other; the story's lead key is added last.
    op.create_table(
        "stories",
        sa.Column("id", sa.Integer, primary_key=True),
        _when("created_at"),
        _when("updated_at"),
        sa.Column("lead_article_id", sa.Integer),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_stories"),
    )

    op.create_table(
        "articles",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("source_id", sa.Integer),
        sa.Column("original_url", sa.Text, nullable=False),
        sa.Column("web_url", sa.Text, nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("excerpt", sa.Text, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("html", sa.Text, nullable=False),
        sa.Column("author", sa.Text),
        _when("published_at", nullable=True),
        sa.Column("date_source", sa.Text),
        sa.Column("language", sa.Text),
        sa.Column("type", sa.Text, nullable=False),
        sa.Column("provider_name", sa.Text, nullable=False),
        sa.Column("provider_domain", sa.Text, nullable=False),
        sa.Column("images", sa.JSON, nullable=False),
        sa.Column("syndicated", sa.Boolean, nullable=False),
        sa.Column("content_hash", sa.Text, nullable=False),
        _when("fetched_at"),
        _when("updated_at"),
        sa.Column("relevant", sa.Boolean),
        sa.Column("topics", sa.JSON, nullable=False),
        sa.Column("story_id", sa.Integer),
        sa.Column("quality", sa.Float),
        sa.Column("heat", sa.Float),
        sa.Column("published", sa.Boolean, nullable=False),
        sa.Column("suppressed", sa.Boolean, nullable=False),
        sa.Column("pinned", sa.Boolean, nullable=False),
        sa.Column("related", sa.JSON, nullable=False),
        sa.Column("curation", sa.JSON, nullable=False),
        sa.Column("secured", sa.Text),
        sa.Column("record_path", sa.Text),
        sa.Column("record_digest", sa.Text),
        sa.PrimaryKeyConstraint("id", name="pk_articles"),
        sa.UniqueConstraint("original_url", name="uq_articles_original_url"),
        sa.UniqueConstraint("web_url", name="uq_articles_web_url"),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["sources.id"],
            name="fk_articles_source_id_sources",
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["story_id"],
            ["stories.id"],
            name="fk_articles_story_id_stories",
            ondelete="SET NULL",
        ),
    )
    for column in ("source_id", "published_at", "content_hash", "fetched_at", "story_id"):
        op.create_index(f"ix_articles_{column}", "articles", [column])

    op.create_table(
        "links",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("source_id", sa.Integer, nullable=False),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("entry", sa.JSON, nullable=False),
        sa.Column("state", sa.Text, nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("retryable", sa.Boolean, nullable=False),
        sa.Column("last_error", sa.Text),
        _when("discovered_at"),
        _when("updated_at"),
        sa.Column("article_id", sa.Integer),
        sa.PrimaryKeyConstraint("id", name="pk_links"),
        sa.UniqueConstraint("url", name="uq_links_url"),
        sa.CheckConstraint(
            "state IN ('pending', 'done', 'failed', 'skipped')", name=op.f("ck_links_state")
        ),
        sa.ForeignKeyConstraint(
            ["source_id"],
            ["sources.id"],
            name="fk_links_source_id_sources",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name="fk_links_article_id_articles",
            ondelete="SET NULL",
        ),
    )
    for column in ("source_id", "state", "article_id"):
        op.create_index(f"ix_links_{column}", "links", [column])

    # Batch mode rebuilds the (still empty) table on SQLite, which cannot add keys in place.
    with op.batch_alter_table("stories") as batch:
        batch.create_foreign_key(
            "fk_stories_lead_article_id_articles",
            "articles",
            ["lead_article_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("stories") as batch:
        batch.drop_constraint("fk_stories_lead_article_id_articles", type_="foreignkey")
    op.drop_table("links")
    op.drop_table("articles")
    op.drop_table("stories")
    op.drop_table("fetch_log")
    op.drop_table("sources")

"""Stored sentence embeddings: each curation run re-reads its 30-day window, and embedding
every article again was most of the run's time.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "embeddings",
        sa.Column("key", sa.Text, nullable=False),
        sa.Column("vector", sa.LargeBinary, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_embeddings"),
    )
    op.create_index("ix_embeddings_created_at", "embeddings", ["created_at"])


def downgrade() -> None:
    op.drop_index("ix_embeddings_created_at", table_name="embeddings")
    op.drop_table("embeddings")

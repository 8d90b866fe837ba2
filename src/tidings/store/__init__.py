"""The store: the pipeline's database, reached only through :class:`Store`.

SQLite by default, PostgreSQL through the same code; the schema is kept by
Alembic migrations that ship in this package and run when a store opens.
"""

from tidings.store.convert import MAX_URL_LENGTH, content_hash
from tidings.store.migrate import current_revision, head_revision, upgrade
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
from tidings.store.store import Store

__all__ = [
    "MAX_URL_LENGTH",
    "ArticlePage",
    "FetchLogInfo",
    "LinkInfo",
    "NotFoundError",
    "SourceInfo",
    "Store",
    "StoreError",
    "StoredArticle",
    "StoryInfo",
    "content_hash",
    "current_revision",
    "head_revision",
    "upgrade",
]

"""Fixtures for the store tests: a fresh database per test, on SQLite and PostgreSQL.

PostgreSQL runs only when TIDINGS_TEST_POSTGRES_URL names a database the
tests may write to; each test gets its own schema there, dropped afterwards.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from tidings.models import Article, Image
from tidings.store import Store
from tidings.store.engine import normalize_url

POSTGRES_ENV = "TIDINGS_TEST_POSTGRES_URL"


class Clock:
    """A clock the test moves by hand, so timestamps are predictable."""

    def __init__(self) -> None:
        self.now = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of an empty database, once per backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'tidings.sqlite'}"
        return
    yield from _postgres_schema()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'tidings.sqlite'}"


def _postgres_schema() -> Iterator[str]:
    base = os.environ.get(POSTGRES_ENV)
    if not base:
        pytest.skip(f"{POSTGRES_ENV} is not set; set it to a scratch PostgreSQL database URL")
    schema = f"tidings_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(normalize_url(base))
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    # libpq's "options" puts every connection of the store under test in its own schema.
    url = make_url(normalize_url(base)).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(db_url: str, clock: Clock) -> Iterator[Store]:
    with Store(db_url, clock=clock) as opened:
        yield opened


def make_article(n: int, *, web_url: str | None = None, **changes: object) -> Article:
    """A small, distinct article numbered ``n``."""
    values: dict[str, object] = {
        "original_url": f"https://news.example/item/{n}",
        "web_url": f"https://news.example/story/{n}" if web_url is None else web_url,
        "title": f"Story number {n}",
        "text": f"Body of story {n}. It has two sentences.",
        "excerpt": f"Story {n} in short.",
        "html": f"<p>Body of story {n}.</p>",
        "author": "A. Writer",
        "published": datetime(2025, 2, 1, 9, 30, tzinfo=UTC) + timedelta(hours=n),
        "date_source": "json-ld",
        "language": "en",
        "provider_name": "News Example",
        "provider_domain": "news.example",
        "images": [Image(f"https://news.example/img/{n}.jpg", 800, 450)],
    }
    values.update(changes)
    return Article(**values)  # type: ignore[arg-type]


@pytest.fixture
def article_factory() -> Callable[..., Article]:
    """:func:`make_article`, for tests (conftest modules cannot be imported directly)."""
    return make_article

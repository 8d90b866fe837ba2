"""The schema comes from the packaged Alembic migrations, run when a store opens."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from tidings.store import Store, StoreError, current_revision, head_revision
from tidings.store.engine import make_engine
from tidings.store.migrate import alembic_config, upgrade
from tidings.store.schema import Base, include_name

TABLES = {"sources", "fetch_log", "links", "articles", "stories"}


def test_opening_a_fresh_database_creates_the_schema_at_head(db_url: str) -> None:
    Store(db_url).close()
    engine = make_engine(db_url)
    try:
        assert set(inspect(engine).get_table_names()) >= TABLES
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()


def test_reopening_keeps_the_data_and_changes_nothing(db_url: str) -> None:
    with Store(db_url) as store:
        store.add_source("https://blog.example/feed.xml")
    for _ in range(2):
        with Store(db_url) as store:
            assert [s.url for s in store.list_sources()] == ["https://blog.example/feed.xml"]
    engine = make_engine(db_url)
    try:
        upgrade(engine)  # a no-op at head
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()


def test_migrations_and_models_describe_the_same_schema(db_url: str) -> None:
    Store(db_url).close()
    engine = make_engine(db_url)
    try:
        with engine.connect() as connection:
            # The backend-specific search objects are the migrations' alone (include_name).
            context = MigrationContext.configure(connection, opts={"include_name": include_name})
            differences = compare_metadata(context, Base.metadata)
        assert differences == []
    finally:
        engine.dispose()


def test_downgrade_to_base_and_back_up(db_url: str) -> None:
    Store(db_url).close()
    engine = make_engine(db_url)
    try:
        config = alembic_config()
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "base")
        assert not TABLES & set(inspect(engine).get_table_names())
        assert current_revision(engine) is None
        upgrade(engine)
        assert set(inspect(engine).get_table_names()) >= TABLES
    finally:
        engine.dispose()


def test_sqlite_database_is_in_wal_mode(sqlite_url: str, tmp_path: Path) -> None:
    Store(sqlite_url).close()
    # journal_mode=WAL is stored in the file itself, so a plain connection sees it too.
    with sqlite3.connect(tmp_path / "tidings.sqlite") as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_sqlite_connections_enforce_foreign_keys_and_wait_when_busy(sqlite_url: str) -> None:
    engine = make_engine(sqlite_url)
    try:
        with engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
    finally:
        engine.dispose()


def test_an_unusable_url_fails_with_a_clear_message(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="database URL is empty"):
        Store("  ")
    with pytest.raises(ValueError, match="not a database URL"):
        Store("no scheme here")
    with pytest.raises(StoreError, match="cannot open database"):
        Store(f"sqlite:///{tmp_path / 'missing-dir' / 'x.sqlite'}")


def test_a_database_from_a_newer_version_is_refused_clearly(sqlite_url: str) -> None:
    Store(sqlite_url).close()
    engine = make_engine(sqlite_url)
    try:
        with engine.begin() as connection:
            connection.exec_driver_sql("UPDATE alembic_version SET version_num = '9999'")
    finally:
        engine.dispose()
    with pytest.raises(StoreError, match="cannot migrate database .*9999"):
        Store(sqlite_url)

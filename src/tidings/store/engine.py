"""Creating database engines that behave the same on SQLite and PostgreSQL.

SQLite needs help to be a safe multi-process store: write-ahead logging so
readers never block the writer, foreign keys switched on (they are off by
default), a busy timeout so a second process waits instead of failing, and
real transactions. Python's ``sqlite3`` module only opens a transaction
before data changes, not before reads or DDL; we take ``BEGIN`` over
ourselves so every unit of work - migrations included - is atomic.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import ArgumentError

#: How long (ms) a SQLite connection waits for another process's write to finish.
BUSY_TIMEOUT_MS = 30_000

#: Execution option that marks a connection as about to write (see :func:`make_engine`).
WRITE_OPTION = "tidings_write"


def normalize_url(url: str) -> str:
    """Accept the URL forms people type, mapping bare PostgreSQL onto psycopg 3.

    SQLAlchemy reads ``postgresql://`` as psycopg2, which Tidings does not
    install; ``postgres://`` (Heroku style) it does not read at all.
    """
    if not isinstance(url, str) or not url.strip():
        raise ValueError("database URL is empty; expected e.g. sqlite:///tidings.sqlite")
    url = url.strip()
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An engine for ``url`` with the per-dialect setup described above.

    Connections with the :data:`WRITE_OPTION` execution option begin with
    ``BEGIN IMMEDIATE`` on SQLite: the write lock is taken up front, so two
    writers queue on the busy timeout instead of one failing half-way when
    it upgrades from reading to writing.
    """
    normalized = normalize_url(url)
    try:
        parsed = make_url(normalized)
    except ArgumentError as exc:
        raise ValueError(f"not a database URL: {url!r} ({exc})") from exc
    engine = create_engine(parsed, **kwargs)
    if engine.dialect.name == "sqlite":
        _setup_sqlite(engine)
    return engine


def _setup_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Autocommit at the driver level; the "begin" hook below opens transactions.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA foreign_keys = ON")
            # In-memory databases answer "memory" here; that is fine for them.
            cursor.execute("PRAGMA journal_mode = WAL")
            # NORMAL is safe against a killed process in WAL mode (only power loss can
            # drop the last commits) and much faster than FULL.
            cursor.execute("PRAGMA synchronous = NORMAL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        writing = connection.get_execution_options().get(WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")

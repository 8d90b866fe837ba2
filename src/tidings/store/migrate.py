"""Running the Alembic migrations from code, without an ``alembic.ini`` on disk.

The migration scripts ship inside the package, so an installed Tidings can
bring any database up to date by itself: :class:`~tidings.store.Store` calls
:func:`upgrade` every time it opens one.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, text

from tidings.store.engine import WRITE_OPTION

MIGRATIONS_DIR = Path(__file__).with_name("migrations")

#: Any fixed number: the PostgreSQL advisory lock that keeps two processes from migrating at once.
_PG_LOCK_KEY = 7_460_104


def alembic_config(url: str | None = None) -> Config:
    """An Alembic configuration pointing at the packaged migration scripts."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if url is not None:
        # Config values go through ConfigParser interpolation, so a literal % must be doubled.
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def head_revision() -> str:
    """The newest revision the packaged scripts know."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:  # pragma: no cover - the package always ships a migration
        raise RuntimeError(f"no migrations found in {MIGRATIONS_DIR}")
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, or ``None`` when it was never migrated."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database to ``revision`` in a single transaction.

    Either every step and the new version stamp commit together or nothing
    does, so a process killed mid-migration leaves the old schema intact. A
    database already at head is left alone without taking the write lock.
    """
    if revision == "head" and current_revision(engine) == head_revision():
        return
    config = alembic_config()
    with engine.connect() as connection:
        connection = connection.execution_options(**{WRITE_OPTION: True})
        with connection.begin():
            if connection.dialect.name == "postgresql":
                lock = text("SELECT pg_advisory_xact_lock(:key)")
                connection.execute(lock, {"key": _PG_LOCK_KEY})
            config.attributes["connection"] = connection
            command.upgrade(config, revision)

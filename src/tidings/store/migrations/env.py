"""Alembic environment for the Tidings store.

Normally :func:`tidings.store.migrate.upgrade` runs the migrations on a
connection it has already opened (and begun a transaction on), passed in
``config.attributes["connection"]``; then the whole upgrade commits or fails
as one. The plain ``alembic`` command line also works, given the database
URL as ``sqlalchemy.url`` or ``-x url=...``.
"""

from __future__ import annotations

from alembic import context

from tidings.store.engine import make_engine
from tidings.store.schema import Base, include_name

config = context.config
target_metadata = Base.metadata


def _url() -> str:
    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option(
        "sqlalchemy.url"
    )
    if not url:
        raise RuntimeError("no database URL: pass -x url=... or set sqlalchemy.url")
    return url


def run_offline() -> None:
    context.configure(
        url=_url(), target_metadata=target_metadata, literal_binds=True, include_name=include_name
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        context.configure(
            connection=connection, target_metadata=target_metadata, include_name=include_name
        )
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = make_engine(_url())
    try:
        with engine.connect() as connection:
            context.configure(
                connection=connection,
                target_metadata=target_metadata,
                transactional_ddl=True,
                include_name=include_name,
            )
            with context.begin_transaction():
                context.run_migrations()
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()

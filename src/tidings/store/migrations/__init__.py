"""Alembic migrations for the store; run them with :func:`tidings.store.migrate.upgrade`."""

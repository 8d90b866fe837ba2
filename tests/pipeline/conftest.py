"""Helpers for the end-to-end tests: the `tidings` command in and out of process, and workspaces.

Everything here talks to 127.0.0.1 only: demo publishers come from a DemoServer
reached through the fetcher's resolve map, other pages from a local http.server.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from tidings import cli, config
from tidings.cli import app
from tidings.config import Settings, Workspace
from tidings.fetch import FetchSettings
from tidings.store import Store

FIXTURES = Path(__file__).parent / "fixtures"
#: The small corpus the demo server tests use; reused here by path.
DEMO_TEST_CORPUS = Path(__file__).parents[1] / "demo" / "fixtures" / "corpus"
#: Demo publishers whose feeds fail on purpose (see publishers.yaml).
FAILING_FEEDS = ("malformed", "hang")
#: Variables that would point the command at some other workspace, database or key.
TIDINGS_ENV = ("TIDINGS_WORKSPACE", "TIDINGS_DATABASE_URL", "TIDINGS_SECRET_KEY")


@contextmanager
def own_environment() -> Iterator[None]:
    """Clear the variables that would point Tidings at another workspace, database or key."""
    with pytest.MonkeyPatch.context() as patch:
        for name in TIDINGS_ENV:
            patch.delenv(name, raising=False)
        yield


@pytest.fixture(autouse=True)
def _own_environment() -> Iterator[None]:
    with own_environment():
        yield


@pytest.fixture
def wide_console() -> Iterator[None]:
    """Rich draws tables for an 80-column pipe; widen them so cells are not cut short."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(cli.console, "width", 240)
        yield


def invoke(*args: object) -> Result:
    """Run `tidings ARGS...` in this process and return what it printed and its exit code."""
    return CliRunner().invoke(app, [str(a) for a in args])


def child_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in TIDINGS_ENV}
    env["PYTHONUNBUFFERED"] = "1"
    return env


def tidings_command(*args: object) -> list[str]:
    """The argv of `python -m tidings ARGS...` with this test run's interpreter."""
    return [sys.executable, "-m", "tidings", *(str(a) for a in args)]


def run_tidings(*args: object, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run `tidings ARGS...` as its own process, the way a user or a cron job would."""
    return subprocess.run(
        tidings_command(*args), capture_output=True, text=True, timeout=timeout, env=child_env()
    )


def loopback_fetch(resolve: dict[str, str]) -> FetchSettings:
    """Fetch settings for a local server: no politeness delay, short timeouts."""
    return FetchSettings(
        resolve=resolve, per_host_delay=0.0, per_host_concurrency=8, connect_timeout=2.0,
        read_timeout=2.0, deadline=10.0, retries=1, backoff=0.05,
    )


def make_workspace(
    root: Path, *, resolve: dict[str, str] | None = None, feeds: Iterable[str] = ()
) -> Workspace:
    """A workspace folder (settings and database) subscribed to ``feeds``."""
    root.mkdir(parents=True, exist_ok=True)
    settings = Settings()
    settings.fetch = loopback_fetch(resolve or {})
    workspace = Workspace(root=root.resolve(), settings=settings)
    config.save(workspace)
    with Store(workspace.database_url) as store:
        for url in feeds:
            store.add_source(url)
    return workspace


def query(database: Path, sql: str, *params: object) -> list[tuple]:
    """Rows from the workspace's SQLite file, read with the plain sqlite3 module."""
    with closing(sqlite3.connect(database, timeout=5)) as db:
        return db.execute(sql, params).fetchall()


def execute(database: Path, sql: str, *params: object) -> None:
    """Change the workspace's SQLite file directly (committed at once)."""
    with closing(sqlite3.connect(database, timeout=5)) as db, db:
        db.execute(sql, params)


def record_files(folder: Path) -> Iterator[Path]:
    yield from sorted((folder / "_news").glob("*.md"))

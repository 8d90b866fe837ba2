"""`kill -9` in the middle of `tidings run`, then `tidings run` again: nothing lost, nothing twice.

A DemoServer in this process plays the small test corpus plus generated articles,
enough for a run of a few seconds. `python -m tidings run` runs as a child process
against a workspace whose [fetch.resolve] map points at that server. The test
watches the SQLite file and sends SIGKILL once some articles are stored, at two
different moments, then lets a second run finish and compares the outcome with
a run that was never interrupted.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import time
from collections.abc import Iterator
from contextlib import closing, suppress
from dataclasses import dataclass
from pathlib import Path

import pytest

from tidings.demo import DemoServer
from tidings.store import Store

from .conftest import (
    DEMO_TEST_CORPUS,
    FAILING_FEEDS,
    child_env,
    make_workspace,
    query,
    record_files,
    run_tidings,
    tidings_command,
)

SYNTHETIC = 80
#: A guard against a hung run, not a speed check (bench/ measures speed): a run of these
#: pages takes seconds, but a machine shared with benchmarks can stretch it past a minute.
RUN_TIMEOUT = 300.0


@pytest.fixture(scope="module")
def server() -> Iterator[DemoServer]:
    with DemoServer(DEMO_TEST_CORPUS, synthetic=SYNTHETIC, hang_seconds=0) as demo:
        yield demo


def _feeds(server: DemoServer) -> list[str]:
    return [p.feed_url for p in server.publishers if p.feed_format not in FAILING_FEEDS]


@pytest.fixture(scope="module")
def expected(server: DemoServer) -> int:
    """Every article a working feed lists and the server answers, counted by canonical URL
    (a syndicated copy and its original are one article)."""
    feeds = set(_feeds(server))
    return len({a.web_url for a in server.articles()
                if a.publisher.feed_url in feeds and not a.missing})


@dataclass
class Outcome:
    database: Path
    records: set[str]


def _workspace(root: Path, server: DemoServer) -> Path:
    make_workspace(root, resolve=server.resolve_map(), feeds=_feeds(server))
    return root


def _finish(root: Path) -> Outcome:
    done = run_tidings("run", "-w", root, "--quiet", timeout=RUN_TIMEOUT)
    assert done.returncode == 0, done.stderr[-3000:]
    return Outcome(root / "tidings.sqlite", {p.name for p in record_files(root / "site")})


def _stored(database: Path) -> int:
    try:
        with closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=0.5)) as db:
            return int(db.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:  # busy for a moment: ask again on the next turn
        return 0


def _run_and_kill(root: Path, when_stored: int) -> None:
    """Start `tidings run` and SIGKILL it as soon as ``when_stored`` articles are in."""
    database = root / "tidings.sqlite"
    log = (root / "killed-run.log").open("wb")
    child = subprocess.Popen(
        tidings_command("run", "-w", root, "--quiet"), stdout=log, stderr=subprocess.STDOUT,
        env=child_env(), start_new_session=True,  # its extraction workers share its group
    )
    try:
        deadline = time.monotonic() + RUN_TIMEOUT
        while child.poll() is None and time.monotonic() < deadline:
            if _stored(database) >= when_stored:
                os.kill(child.pid, signal.SIGKILL)
                break
            time.sleep(0.02)
        child.wait(timeout=10)
    finally:
        # The run's worker processes outlive a SIGKILLed parent; end them (our group only).
        with suppress(ProcessLookupError, PermissionError):
            os.killpg(child.pid, signal.SIGKILL)
        log.close()
    assert child.returncode == -signal.SIGKILL, (
        f"the run ended by itself (code {child.returncode}) before {when_stored} articles "
        f"were stored; see {root / 'killed-run.log'}"
    )


@pytest.fixture(scope="module")
def uninterrupted(
    server: DemoServer, tmp_path_factory: pytest.TempPathFactory
) -> Outcome:
    return _finish(_workspace(tmp_path_factory.mktemp("uninterrupted"), server))


#: When to pull the plug: a few articles in, and most of the way through.
MOMENTS = {"after-a-few-articles": 0.05, "after-two-thirds": 0.66}


@pytest.fixture(scope="module", params=list(MOMENTS))
def resumed(
    request: pytest.FixtureRequest,
    server: DemoServer,
    expected: int,
    tmp_path_factory: pytest.TempPathFactory,
) -> Outcome:
    root = _workspace(tmp_path_factory.mktemp("killed"), server)
    _run_and_kill(root, max(1, int(expected * MOMENTS[request.param])))
    [(at_kill,)] = query(root / "tidings.sqlite", "SELECT count(*) FROM articles")
    assert 0 < at_kill < expected, "the kill came part-way through the articles"
    return _finish(root)


def test_uninterrupted_run_stores_every_reachable_article(
    uninterrupted: Outcome, expected: int
) -> None:
    [(count,)] = query(uninterrupted.database, "SELECT count(*) FROM articles")
    assert count == expected


def test_resumed_run_stores_every_reachable_article_exactly_once(
    resumed: Outcome, expected: int
) -> None:
    [(count, distinct)] = query(resumed.database,
                                "SELECT count(*), count(DISTINCT web_url) FROM articles")
    assert count == expected and distinct == count


def test_resumed_run_leaves_no_link_pending(resumed: Outcome) -> None:
    with Store(f"sqlite:///{resumed.database}") as store:
        counts = store.counts()
        assert counts["links_pending"] == 0
        assert store.pending_links() == []


def test_database_passes_its_integrity_check_after_the_kill(resumed: Outcome) -> None:
    assert query(resumed.database, "PRAGMA integrity_check") == [("ok",)]


def test_resumed_run_writes_the_same_record_files_as_an_uninterrupted_one(
    resumed: Outcome, uninterrupted: Outcome
) -> None:
    assert resumed.records, "the run published records"
    assert resumed.records == uninterrupted.records

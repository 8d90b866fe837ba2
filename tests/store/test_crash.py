"""A process killed with SIGKILL at any moment leaves a database a re-run can finish."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from sqlalchemy import text

from tidings.models import Entry
from tidings.store import Store
from tidings.store.engine import make_engine

WORKER = Path(__file__).with_name("crash_worker.py")
LINKS = 240  # pairs of links per story: 120 articles


def _run_and_kill(db_url: str, after_lines: int) -> int:
    """Start the worker, let it commit ``after_lines`` saves, then SIGKILL it."""
    worker = subprocess.Popen(
        [sys.executable, str(WORKER), db_url], stdout=subprocess.PIPE, text=True
    )
    assert worker.stdout is not None
    seen = 0
    try:
        for _ in worker.stdout:
            seen += 1
            if seen >= after_lines:
                break
        os.kill(worker.pid, signal.SIGKILL)
    finally:
        worker.wait(timeout=30)
        worker.stdout.close()
    assert worker.returncode == -signal.SIGKILL
    return seen


def test_sigkill_mid_run_then_rerun_stores_every_article_once(db_url: str) -> None:
    urls = [f"https://news.example/item/{n}" for n in range(LINKS)]
    with Store(db_url) as store:
        source, _ = store.add_source("https://news.example/feed")
        store.enqueue(source.id, [Entry(url) for url in urls])

    # Kill three workers, each part-way through, each resuming where the last stopped.
    for after_lines in (17, 40, 25):
        _run_and_kill(db_url, after_lines)
        with Store(db_url) as store:
            counts = store.counts()
        assert 0 < counts["links_done"] < LINKS, "the worker should have died mid-run"
        # Links are done in order and pair up per story, so a half-applied save would show
        # as one article too many (stored, but its link still pending).
        assert counts["articles"] == (counts["links_done"] + 1) // 2

    # Finish in this process, the way the next scheduled run would.
    sys.path.insert(0, str(WORKER.parent))
    try:
        from crash_worker import article_for
    finally:
        sys.path.remove(str(WORKER.parent))
    with Store(db_url) as store:
        for link in store.pending_links():
            store.save_article(article_for(link.url), source_id=link.source_id, link_id=link.id)

        articles = store.articles()
        web_urls = [a.web_url for a in articles]
        assert len(web_urls) == len(set(web_urls)) == LINKS // 2
        assert store.counts()["links_done"] == LINKS
        assert store.get_source(source.id).articles_stored == LINKS // 2
        by_id = {a.id: a for a in articles}
        for link_url in urls:
            stored = store.find_article(link_url)
            assert stored is not None and stored.id in by_id
            assert stored.web_url == article_for(link_url).web_url

    if db_url.startswith("sqlite"):
        engine = make_engine(db_url)
        try:
            with engine.connect() as connection:
                assert connection.execute(text("PRAGMA integrity_check")).scalar() == "ok"
                assert connection.execute(text("PRAGMA foreign_key_check")).all() == []
        finally:
            engine.dispose()

"""Watching sources: adding them idempotently, polling bookkeeping and the fetch log."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from tidings.models import Entry
from tidings.store import NotFoundError, Store

FEED = "https://blog.example/feed.xml"


def test_adding_a_source_twice_keeps_one(store: Store) -> None:
    first, created = store.add_source(FEED, title="Example blog")
    again, created_again = store.add_source(FEED, kind="page", title="Other name")

    assert (created, created_again) == (True, False)
    assert again == first  # the second call changed nothing
    assert first.kind == "feed" and first.title == "Example blog"
    assert first.enabled and first.poll_interval == 1800 and first.error_count == 0
    assert [s.url for s in store.list_sources()] == [FEED]


def test_sources_are_found_by_url_or_id_and_listed_in_order(store: Store) -> None:
    a, _ = store.add_source(FEED)
    b, _ = store.add_source("https://other.example/sitemap.xml", kind="sitemap")

    assert store.get_source(FEED) == a
    assert store.get_source(b.id) == b
    assert store.get_source("https://nowhere.example/") is None
    assert store.list_sources() == [a, b]


def test_removing_a_source_drops_its_queue_but_keeps_its_articles(
    store: Store, article_factory
) -> None:
    source, _ = store.add_source(FEED)
    store.enqueue(source.id, [Entry("https://news.example/item/1"), Entry("https://x.example/2")])
    link = store.pending_links()[0]
    saved, _ = store.save_article(article_factory(1), source_id=source.id, link_id=link.id)

    assert store.remove_source(FEED) is True
    assert store.remove_source(FEED) is False
    assert store.list_sources() == []
    assert store.pending_links() == []
    kept = store.get_article(saved.id)
    assert kept is not None and kept.source_id is None


@pytest.mark.parametrize(
    ("url", "kind", "message"),
    [
        ("", "feed", "source URL must be a non-empty string"),
        ("https://blog.example/", "podcast", "unknown source kind 'podcast'"),
        ("https://blog.example/" + "a" * 3000, "feed", "the limit is 2048"),
    ],
)
def test_bad_sources_are_refused(store: Store, url: str, kind: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        store.add_source(url, kind=kind)
    assert store.list_sources() == []


def test_due_sources_are_the_enabled_ones_whose_time_has_come(store: Store, clock) -> None:
    now = clock()
    never_polled, _ = store.add_source(FEED)
    later, _ = store.add_source("https://later.example/feed")
    overdue, _ = store.add_source("https://overdue.example/feed")
    paused, _ = store.add_source("https://paused.example/feed")
    store.record_poll(later.id, now=now, status=200, next_poll_at=now + timedelta(minutes=30))
    store.record_poll(overdue.id, now=now, status=200, next_poll_at=now - timedelta(minutes=1))
    store.set_source_enabled(paused.id, False)

    assert [s.id for s in store.due_sources(now)] == [never_polled.id, overdue.id]
    assert [s.id for s in store.due_sources(now + timedelta(hours=1))] == [
        never_polled.id,
        overdue.id,
        later.id,
    ]


def test_record_poll_counts_failures_and_a_success_resets_them(store: Store, clock) -> None:
    source, _ = store.add_source(FEED)
    now = clock()
    soon = now + timedelta(minutes=30)
    store.record_poll(
        source.id,
        now=now,
        status=200,
        etag='"v1"',
        last_modified="Sat, 01 Mar 2025",
        next_poll_at=soon,
    )
    for attempt in (1, 2):
        store.record_poll(
            source.id,
            now=clock.advance(minutes=30),
            status=503,
            error="server said 503",
            error_kind="http",
            next_poll_at=clock() + timedelta(minutes=30 * 2**attempt),
        )
    failing = store.get_source(source.id)
    assert failing is not None
    assert failing.error_count == 2
    assert (failing.last_status, failing.last_error, failing.last_error_kind) == (
        503,
        "server said 503",
        "http",
    )
    assert failing.etag == '"v1"'  # a failure does not lose the validators

    store.record_poll(source.id, now=clock.advance(hours=2), status=304, next_poll_at=soon)
    recovered = store.get_source(source.id)
    assert recovered is not None
    assert (recovered.error_count, recovered.last_error, recovered.last_error_kind) == (
        0,
        None,
        None,
    )
    assert (recovered.etag, recovered.last_modified) == ('"v1"', "Sat, 01 Mar 2025")
    assert recovered.last_status == 304 and recovered.last_fetch_at == clock()
    assert recovered.next_poll_at == soon


def test_record_poll_fills_in_a_missing_title_but_keeps_a_chosen_one(store: Store, clock) -> None:
    named, _ = store.add_source(FEED, title="My name for it")
    unnamed, _ = store.add_source("https://unnamed.example/feed")
    for source in (named, unnamed):
        store.record_poll(
            source.id,
            now=clock(),
            status=200,
            title="Feed's own title",
            site_url="https://site.example/",
            next_poll_at=clock(),
        )
    assert store.get_source(named.id).title == "My name for it"
    assert store.get_source(unnamed.id).title == "Feed's own title"
    assert store.get_source(unnamed.id).site_url == "https://site.example/"


def test_record_poll_rejects_unknown_sources_and_naive_times(store: Store, clock) -> None:
    with pytest.raises(NotFoundError, match="no source with id 999"):
        store.record_poll(999, now=clock(), next_poll_at=clock())
    source, _ = store.add_source(FEED)
    with pytest.raises(ValueError, match="naive datetime"):
        store.record_poll(source.id, now=datetime(2025, 1, 1), next_poll_at=clock())


def test_fetch_log_lists_newest_first_per_source(store: Store, clock) -> None:
    source, _ = store.add_source(FEED)
    store.log_fetch(url=FEED, source_id=source.id, status=200, elapsed=0.25, size=1234)
    clock.advance(seconds=5)
    store.log_fetch(
        url="http://blog.example/feed",
        source_id=source.id,
        status=None,
        error_kind="timeout",
        error="read timed out",
        redirects=["http://blog.example/feed", FEED],
    )
    clock.advance(seconds=5)
    store.log_fetch(url="https://elsewhere.example/a", status=404)

    entries = store.fetch_log(source.id)
    assert [(e.status, e.error_kind) for e in entries] == [(None, "timeout"), (200, None)]
    assert entries[0].redirects == ("http://blog.example/feed", FEED)
    assert entries[1].elapsed == 0.25 and entries[1].size == 1234
    assert len(store.fetch_log()) == 3
    assert [e.url for e in store.fetch_log(limit=1)] == ["https://elsewhere.example/a"]
    with pytest.raises(NotFoundError):
        store.log_fetch(url=FEED, source_id=12345)


def test_failures_of_one_kind_are_counted_per_url_since_a_time(store: Store, clock) -> None:
    home = "https://quiet.example/"
    store.log_fetch(url=home, error_kind="logo", error="no icons")
    start = clock.advance(hours=1)
    store.log_fetch(url=home, error_kind="logo", error="no icons")
    latest = clock.advance(hours=1)
    store.log_fetch(url=home, error_kind="logo", error="not an image")
    store.log_fetch(url=home, error_kind="timeout", error="read timed out")  # another kind
    store.log_fetch(url="https://fine.example/", status=200)

    assert store.failures("logo", since=start) == {home: (2, latest)}
    assert store.failures("logo", since=latest + timedelta(seconds=1)) == {}

"""The links table is the work queue: discovered URLs wait there until extracted."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from tidings.models import Entry
from tidings.store import NotFoundError, Store, StoreError


@pytest.fixture
def source_id(store: Store) -> int:
    return store.add_source("https://blog.example/feed.xml")[0].id


def test_enqueue_counts_only_new_urls(store: Store, source_id: int) -> None:
    first = [Entry("https://blog.example/a"), Entry("https://blog.example/b")]
    assert store.enqueue(source_id, first) == 2
    # Repeats, inside one batch or across polls and sources, are not queued again.
    again = [Entry("https://blog.example/b"), Entry("https://blog.example/c")] * 2
    assert store.enqueue(source_id, again) == 1
    other, _ = store.add_source("https://aggregator.example/feed")
    assert store.enqueue(other.id, [Entry("https://blog.example/a")]) == 0

    assert [link.url for link in store.pending_links()] == [
        "https://blog.example/a",
        "https://blog.example/b",
        "https://blog.example/c",
    ]
    assert store.get_source(source_id).items_seen == 3
    assert store.get_source(other.id).items_seen == 0


def test_the_listing_metadata_travels_with_the_link(store: Store, source_id: int) -> None:
    published = datetime(2025, 2, 3, 10, 0, tzinfo=timezone(timedelta(hours=2)))
    entry = Entry(
        "https://blog.example/post",
        title="A post",
        summary="What it is about.",
        published=published,
        author="Sam",
        image="https://blog.example/cover.png",
    )
    store.enqueue(source_id, [entry])

    [link] = store.pending_links()
    assert link.entry == entry
    assert link.entry.published.tzinfo == UTC  # the same moment, normalised to UTC
    assert (link.state, link.attempts, link.source_id, link.article_id) == (
        "pending",
        0,
        source_id,
        None,
    )


def test_bad_entries_are_refused_or_dropped(store: Store, source_id: int) -> None:
    with pytest.raises(NotFoundError, match="no source with id 4242"):
        store.enqueue(4242, [Entry("https://blog.example/a")])
    with pytest.raises(ValueError, match="naive datetime"):
        store.enqueue(source_id, [Entry("https://blog.example/a", published=datetime(2025, 1, 1))])
    with pytest.raises(ValueError, match="entry URL must be a non-empty string"):
        store.enqueue(source_id, [Entry("  ")])
    with pytest.raises(TypeError, match="takes Entry values"):
        store.enqueue(source_id, ["https://blog.example/a"])  # type: ignore[list-item]
    # A single absurd URL in a feed must not cost the rest of the listing.
    too_long = Entry("https://blog.example/" + "x" * 5000)
    assert store.enqueue(source_id, [too_long, Entry("https://blog.example/ok")]) == 1
    assert [link.url for link in store.pending_links()] == ["https://blog.example/ok"]


def test_failed_links_are_retried_until_attempts_run_out(store: Store, source_id: int) -> None:
    store.enqueue(source_id, [Entry("https://blog.example/flaky")])
    [link] = store.pending_links()
    for attempt in (1, 2):
        store.fail_link(link.id, "timed out", retryable=True)
        [again] = store.pending_links(max_attempts=3)
        assert (again.state, again.attempts, again.last_error) == ("failed", attempt, "timed out")
    store.fail_link(link.id, "timed out", retryable=True)
    assert store.pending_links(max_attempts=3) == []
    assert [x.attempts for x in store.pending_links(max_attempts=5)] == [3]


def test_permanent_failures_and_skips_leave_the_queue(store: Store, source_id: int) -> None:
    store.enqueue(
        source_id,
        [
            Entry("https://blog.example/gone"),
            Entry("https://blog.example/about"),
            Entry("https://blog.example/next"),
        ],
    )
    gone, about, _ = store.pending_links()
    store.fail_link(gone.id, "HTTP 404", retryable=False)
    store.skip_link(about.id, "not an article")

    assert [link.url for link in store.pending_links()] == ["https://blog.example/next"]
    assert store.get_link(gone.id).retryable is False
    assert (store.get_link(about.id).state, store.get_link(about.id).last_error) == (
        "skipped",
        "not an article",
    )
    counts = store.counts()
    assert (counts["links_pending"], counts["links_failed"], counts["links_skipped"]) == (1, 1, 1)


def test_fresh_links_come_before_retries_and_limit_applies(store: Store, source_id: int) -> None:
    store.enqueue(source_id, [Entry(f"https://blog.example/{n}") for n in range(4)])
    first = store.pending_links()[0]
    store.fail_link(first.id, "timed out", retryable=True)

    assert [link.url for link in store.pending_links()] == [
        "https://blog.example/1",
        "https://blog.example/2",
        "https://blog.example/3",
        "https://blog.example/0",
    ]
    assert len(store.pending_links(limit=2)) == 2


def test_a_done_link_cannot_be_failed_and_unknown_links_are_reported(
    store: Store, source_id: int, article_factory
) -> None:
    store.enqueue(source_id, [Entry("https://news.example/item/1")])
    [link] = store.pending_links()
    store.save_article(article_factory(1), source_id=source_id, link_id=link.id)

    with pytest.raises(StoreError, match="already has its article"):
        store.fail_link(link.id, "late failure", retryable=True)
    assert store.get_link(link.id).state == "done"
    with pytest.raises(NotFoundError, match="no link with id 999"):
        store.skip_link(999, "whatever")

"""JSON Feed 1.1 items become entries; odd items are skipped, not fatal."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tidings.sources import SourceError, parse_listing


def test_json_feed_items_become_entries(fixture_bytes):
    listing = parse_listing(
        fixture_bytes("jsonfeed11.json"),
        "https://weights.example/feed.json",
        "application/feed+json",
    )

    assert listing.kind == "feed"
    assert listing.title == "Weights & Measures"
    assert listing.site_url == "https://weights.example/"
    first, link_post = listing.entries
    assert first.url == "https://weights.example/posts/open-benchmarks"
    assert first.summary == "Every week brings a new leaderboard and a new way to top it."
    assert first.published == datetime(2024, 4, 2, 6, 0, tzinfo=UTC)
    assert first.author == "Priya Nair, Leo Baptiste"
    assert first.image == "https://weights.example/img/benchmarks.png"
    # No url: the external link is what the item is about. Month 13 is no date at all.
    assert link_post.url == "https://elsewhere.example/story"
    assert link_post.published is None


def test_json_feed_is_sniffed_without_a_content_type(fixture_bytes):
    listing = parse_listing(fixture_bytes("jsonfeed11.json"), "https://weights.example/feed.json")

    assert len(listing.entries) == 2


def test_json_feed_10_single_author_is_read():
    document = b"""{"version": "https://jsonfeed.org/version/1", "items": [
        {"id": "1", "url": "https://one.example/a", "author": {"name": "Ada Quill"}}]}"""

    (entry,) = parse_listing(document, "https://one.example/feed.json").entries

    assert entry.author == "Ada Quill"


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (b'{"version": "1.0", "items": []}', "not a JSON Feed"),
        (b"[1, 2, 3]", "not a JSON Feed"),
        (b'{"version": "https://jsonfeed.org/version/1.1", "items": {}}', "no 'items' list"),
        (b'{"version": "https://jsonfeed.org/version/1.1", "items": [', "malformed JSON"),
        (b"[" * 100_000, "nested too deeply"),
    ],
)
def test_json_that_is_not_a_json_feed_is_refused(document, message):
    with pytest.raises(SourceError, match=message):
        parse_listing(document, "https://one.example/feed.json")

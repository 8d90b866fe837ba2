"""Date, URL and summary helpers shared by every listing parser."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tidings.sources.common import absolute_url, parse_date, summarize


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-05-14T18:45:00+02:00", datetime(2024, 5, 14, 16, 45, tzinfo=UTC)),
        ("2024-05-14T16:45:00Z", datetime(2024, 5, 14, 16, 45, tzinfo=UTC)),
        ("2024-05-14T16:45:00", datetime(2024, 5, 14, 16, 45, tzinfo=UTC)),
        ("2024-05-14", datetime(2024, 5, 14, tzinfo=UTC)),
        ("2024-05", datetime(2024, 5, 1, tzinfo=UTC)),
        ("2024", datetime(2024, 1, 1, tzinfo=UTC)),
        ("Tue, 14 May 2024 11:45:00 -0500", datetime(2024, 5, 14, 16, 45, tzinfo=UTC)),
    ],
)
def test_dates_are_parsed_to_aware_utc(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text", ["2024-02-30", "2024-13-01T00:00:00Z", "yesterday", "", "1969-07-20", "0000-00-00"]
)
def test_impossible_or_implausible_dates_are_none(text):
    assert parse_date(text) is None


def test_dates_far_in_the_future_are_none():
    next_year = (datetime.now(UTC) + timedelta(days=365)).strftime("%Y-%m-%dT%H:%M:%SZ")

    assert parse_date(next_year) is None


def test_non_string_dates_are_none():
    assert parse_date(20240514) is None


@pytest.mark.parametrize(
    ("link", "expected"),
    [
        ("/a/b?x=1#top", "https://site.example/a/b?x=1"),
        ("  c  ", "https://site.example/feed/c"),
        ("//cdn.example/i.png", "https://cdn.example/i.png"),
        ("javascript:void(0)", None),
        ("mailto:desk@site.example", None),
        ("http://[::1", None),
        ("", None),
        (None, None),
    ],
)
def test_links_resolve_to_absolute_web_urls_only(link, expected):
    assert absolute_url(link, "https://site.example/feed/") == expected


def test_long_summaries_are_cut_on_a_word_boundary():
    text = "<p>" + "word " * 200 + "</p>"

    summary = summarize(text, limit=23)

    assert summary == "word word word word…"

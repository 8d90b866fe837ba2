"""Date rules: slash dates whose order is certain, and labelled dates in the visible text."""

from datetime import UTC, datetime, timedelta, timezone

import pytest

from tidings.extract import dates, extract_html, header

URL = "https://www.harbour-gazette.example/city/ferry-timetable-change"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Thu, 09/25/2025 - 11:38", (datetime(2025, 9, 25, 11, 38), True)),  # month first
        ("13/11/2025 09:21:40", (datetime(2025, 11, 13, 9, 21), True)),  # day first
        ("03/04/2025", None),  # either order is possible: no guess
    ],
)
def test_slash_dates_only_when_the_order_is_certain(raw, expected):
    assert dates.parse_datetime(raw) == expected


def test_published_meta_name_is_read(page):
    html = page('<meta name="published" content="March 4, 2026">')
    article = extract_html(html, URL)
    assert (article.published, article.date_source) == (datetime(2026, 3, 4, tzinfo=UTC), "meta")


def test_labelled_date_in_visible_text_is_a_last_resort():
    assert dates.labelled_date("Home Guides Updated March 4, 2026 by staff") == dates.Candidate(
        datetime(2026, 3, 4), False, "text"
    )
    assert dates.labelled_date("Founded in 1999. March 4, 2026") is None


def test_published_keeps_the_offset_the_page_wrote(page):
    # 23:30 in New York is already the next day in UTC; the publisher's day is kept.
    html = page('<meta property="article:published_time" content="2026-03-04T23:30:00-05:00">')
    published = extract_html(html, URL).published
    assert published.date() == datetime(2026, 3, 4).date()
    assert published.utcoffset() == timedelta(hours=-5)
    assert published == datetime(2026, 3, 5, 4, 30, tzinfo=UTC)  # the same instant


def test_byline_date_beats_an_earlier_metadata_date_the_page_also_names(page):
    head = (
        '<script type="application/ld+json">{"@type":"NewsArticle",'
        '"datePublished":"2024-04-05T09:00:00+00:00"}</script>'
    )
    byline = (
        '<p>By Ines Moreau · <time datetime="2026-03-04T10:15:00+01:00">March 4, 2026</time></p>'
    )
    article = extract_html(page(head, byline), URL)
    assert article.published == datetime(2026, 3, 4, 10, 15, tzinfo=timezone(timedelta(hours=1)))


def test_updated_byline_date_does_not_beat_metadata(page):
    head = '<meta property="article:published_time" content="2024-04-05T09:00:00+00:00">'
    byline = '<p>By Ines Moreau · Updated March 4, 2026</p>'
    assert extract_html(page(head, byline), URL).published.date() == datetime(2024, 4, 5).date()


def test_published_is_preferred_to_updated_in_the_byline():
    lines = ["Updated Aug 21, 2025 · Published Apr 26, 2023", "Published Apr 26, 2023"]
    shown, revised = header.byline_date(lines)
    assert (shown.local_date, revised) == (datetime(2023, 4, 26).date(), False)
    shown, revised = header.byline_date(["Last updated: Jul 22, 2021"])
    assert (shown.local_date, revised) == (datetime(2021, 7, 22).date(), True)


def test_a_year_glued_to_the_next_word_still_reads():
    assert dates.find_text_date("DECEMBER 22, 2022Updated: JANUARY 02, 2026") == datetime(
        2022, 12, 22
    )

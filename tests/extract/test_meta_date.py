"""Date rules: slash dates whose order is certain, and labelled dates in the visible text."""

from datetime import UTC, datetime

import pytest

from tidings.extract import dates, extract_html

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

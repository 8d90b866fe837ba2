"""Sitemaps list pages, sitemap indexes list further sitemaps, news sitemaps add titles."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime

import pytest

from tidings.sources import SourceError, parse_listing, parse_listing_checked


def test_sitemap_lists_absolute_unique_web_urls(fixture_bytes):
    listing = parse_listing(fixture_bytes("sitemap.xml"), "https://desk.example/sitemap.xml")

    assert listing.kind == "sitemap"
    assert listing.site_url == "https://desk.example/"
    assert [e.url for e in listing.entries] == [
        "https://desk.example/stories/quiet-gpu",
        "https://desk.example/stories/relative-loc",
    ]
    assert listing.entries[0].image == "https://desk.example/img/quiet-gpu.jpg"


def test_sitemap_lastmod_is_not_taken_for_a_publication_date(fixture_bytes):
    listing = parse_listing(fixture_bytes("sitemap.xml"), "https://desk.example/sitemap.xml")

    assert all(entry.published is None for entry in listing.entries)


def test_sitemap_index_lists_child_sitemaps(fixture_bytes):
    listing = parse_listing(fixture_bytes("sitemap_index.xml"), "https://desk.example/sitemap.xml")

    assert listing.kind == "sitemap"
    assert listing.entries == []
    assert listing.children == [
        "https://desk.example/sitemaps/2024-06.xml.gz",
        "https://desk.example/sitemaps/2024-07.xml",
    ]


def test_gzipped_news_sitemap_fills_title_date_and_image(fixture_bytes):
    packed = gzip.compress(fixture_bytes("news_sitemap.xml"))

    listing = parse_listing(packed, "https://wire.example/news-sitemap.xml.gz")

    meet, round_ = listing.entries
    assert meet.url == "https://wire.example/ai/regulators-meet"
    assert meet.title == "Regulators meet to compare notes on model audits"
    assert meet.published == datetime(2024, 8, 9, 14, 20, tzinfo=UTC)
    assert meet.image == "https://wire.example/img/regulators.jpg"
    assert round_.published == datetime(2024, 8, 8, tzinfo=UTC)
    assert round_.image is None


def _sitemap_with_dates(count: int) -> bytes:
    rows = "".join(
        f"<url><loc>https://big.example/p/{i}</loc>"
        f"<lastmod>2024-01-01T00:00:{i % 60:02d}Z</lastmod></url>"
        if i % 2
        else f"<url><loc>https://big.example/p/{i}</loc></url>"
        for i in range(count)
    )
    return f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{rows}</urlset>'.encode()


def test_oversized_listing_keeps_the_newest_entries_in_document_order():
    # Entries 1, 3 and 5 are dated 1 s, 3 s and 5 s past the hour: 5 and 3 are newest.
    listing, warning = parse_listing_checked(
        _sitemap_with_dates(6), "https://big.example/sitemap.xml", max_entries=2
    )

    assert [e.url for e in listing.entries] == [
        "https://big.example/p/3",
        "https://big.example/p/5",
    ]
    assert warning == "listing has 6 entries; kept the 2 newest"


def test_default_cap_is_one_thousand_entries():
    listing = parse_listing(_sitemap_with_dates(1500), "https://big.example/sitemap.xml")

    assert len(listing.entries) == 1000


def test_malformed_sitemap_is_refused_with_the_parser_reason():
    with pytest.raises(SourceError, match="malformed sitemap"):
        parse_listing(b"<urlset><url><loc>https://x.example/</url>", "https://x.example/s.xml")

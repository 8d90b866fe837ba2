"""RSS and Atom feeds become listings with absolute links, UTC dates and clean summaries."""

from __future__ import annotations

from datetime import UTC, datetime

from tidings.sources import parse_listing, parse_listing_checked


def test_rss_092_lists_titles_links_and_summaries(fixture_bytes):
    listing = parse_listing(fixture_bytes("rss092.xml"), "https://gazette.example/rss")

    assert listing.kind == "feed"
    assert listing.title == "Lantern Bay Gazette"
    assert listing.site_url == "https://gazette.example/"
    assert [e.url for e in listing.entries] == [
        "https://gazette.example/2024/robot-sorter",
        "https://gazette.example/2024/library-model",
    ]
    assert listing.entries[0].title == "Harbour robot learns to sort the catch"
    assert listing.entries[0].summary.startswith("Fishers say the machine")
    assert listing.entries[0].published is None


def test_rss_10_rdf_reads_dublin_core_author_and_date(fixture_bytes):
    listing = parse_listing(fixture_bytes("rss10.rdf"), "https://quarterly.example/rss")

    (entry,) = listing.entries
    assert listing.title == "Inference Quarterly"
    assert entry.url == "https://quarterly.example/essays/calibration"
    assert entry.author == "Ines Okafor"
    assert entry.published == datetime(2024, 3, 5, 8, 30, tzinfo=UTC)


def test_rss_20_resolves_relative_links_against_the_feed_url(fixture_bytes):
    listing = parse_listing(fixture_bytes("rss20_media.xml"), "https://circuit.example/feed/")

    assert listing.title == "Circuit & Signal"
    assert listing.site_url == "https://circuit.example/"
    first = listing.entries[0]
    assert first.url == "https://circuit.example/news/napping-chip"
    assert first.image == "https://circuit.example/img/napping-chip.jpg"


def test_rss_20_dates_are_converted_to_utc(fixture_bytes):
    listing = parse_listing(fixture_bytes("rss20_media.xml"), "https://circuit.example/feed/")

    first = listing.entries[0]
    assert first.published == datetime(2024, 5, 14, 16, 45, tzinfo=UTC)
    assert first.published.utcoffset().total_seconds() == 0


def test_impossible_dates_become_none_but_keep_the_entry(fixture_bytes):
    listing = parse_listing(fixture_bytes("rss20_media.xml"), "https://circuit.example/feed/")

    calendar = next(e for e in listing.entries if e.url.endswith("/calendar"))
    assert calendar.title == "Calendar bug"
    assert calendar.published is None


def test_summary_is_plain_text_without_scripts(fixture_bytes):
    listing = parse_listing(fixture_bytes("rss20_media.xml"), "https://circuit.example/feed/")

    first = listing.entries[0]
    assert first.summary == "Engineers cut idle power by forty percent."
    assert first.author == "Tomas Reyes"


def test_images_come_from_thumbnail_or_image_enclosure(fixture_bytes):
    listing = parse_listing(fixture_bytes("rss20_media.xml"), "https://circuit.example/feed/")
    by_url = {e.url: e for e in listing.entries}

    # The fragment is dropped: it names a spot on the page, not another article.
    assert by_url["https://circuit.example/news/arm-kit"].image == (
        "https://cdn.circuit.example/thumbs/arm-kit.png"
    )
    # The audio enclosure is skipped in favour of the picture.
    assert by_url["https://circuit.example/podcast/42"].image == (
        "https://circuit.example/art/42.webp"
    )


def test_duplicate_entry_urls_keep_the_first(fixture_bytes):
    listing = parse_listing(fixture_bytes("rss20_media.xml"), "https://circuit.example/feed/")

    chips = [e for e in listing.entries if e.url == "https://circuit.example/news/napping-chip"]
    assert len(chips) == 1
    assert chips[0].title == "A chip that naps between tokens"
    assert len(listing.entries) == 4


def test_atom_uses_xml_base_published_and_falls_back_to_updated(fixture_bytes):
    listing, warning = parse_listing_checked(
        fixture_bytes("atom.xml"), "https://lab.example/notes.atom"
    )

    assert warning is None
    assert listing.title == "Paperclip Lab Notes"
    tiny, updated_only = listing.entries
    assert tiny.url == "https://lab.example/notes/tiny-model"
    assert tiny.published == datetime(2024, 6, 1, 3, 30, tzinfo=UTC)
    assert tiny.author == "Mara Lindqvist"
    assert tiny.summary == "Four hours and one overheated fan later."
    assert updated_only.published == datetime(2024, 5, 20, 8, 15, tzinfo=UTC)
    assert updated_only.summary == "No published element here, so updated stands in."


def test_a_valid_feed_with_no_items_is_an_empty_listing():
    empty = b'<rss version="2.0"><channel><title>Quiet week</title></channel></rss>'

    listing = parse_listing(empty, "https://quiet.example/rss")

    assert listing.title == "Quiet week"
    assert listing.entries == []


def test_entries_without_a_web_link_are_skipped_with_a_warning():
    document = b"""<rss version="2.0"><channel><title>t</title>
      <item><title>mail</title><link>mailto:desk@example.org</link></item>
      <item><title>ok</title><link>https://ok.example/a</link></item>
    </channel></rss>"""

    listing, warning = parse_listing_checked(document, "https://ok.example/rss")

    assert [e.url for e in listing.entries] == ["https://ok.example/a"]
    assert warning == "1 entries without an http(s) link were skipped"


def test_permalink_guid_stands_in_for_a_missing_link():
    document = b"""<rss version="2.0"><channel><title>t</title>
      <item><title>g</title><guid>https://ok.example/from-guid</guid></item>
    </channel></rss>"""

    listing = parse_listing(document, "https://ok.example/rss")

    assert [e.url for e in listing.entries] == ["https://ok.example/from-guid"]

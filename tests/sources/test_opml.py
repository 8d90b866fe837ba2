"""OPML import flattens folders; export writes a document any feed reader can import."""

from __future__ import annotations

import pytest

from tidings.sources import SourceError, Subscription, parse_opml, write_opml


def test_nested_outlines_are_flattened_in_document_order(fixture_bytes):
    subscriptions = parse_opml(fixture_bytes("nested.opml"))

    assert subscriptions == [
        Subscription(
            url="https://lab.example/notes.atom",
            title="Paperclip Lab",
            site_url="https://lab.example/",
        ),
        # title wins over text when both are present
        Subscription(url="https://quarterly.example/rss", title="Inference Quarterly"),
        Subscription(
            url="https://wire.example/news-sitemap.xml",
            title="Example Wire sitemap",
            kind="sitemap",
        ),
    ]


def test_written_opml_reads_back_to_the_same_subscriptions(fixture_bytes):
    original = parse_opml(fixture_bytes("nested.opml")) + [
        Subscription(url="https://odd.example/feed?a=1&b=<2>", title='Quotes " & <angles>')
    ]

    document = write_opml(original, title="Round trip")

    assert document.startswith("<?xml")
    assert "<title>Round trip</title>" in document
    assert parse_opml(document.encode("utf-8")) == original


def test_untitled_subscription_is_written_with_its_url_as_text():
    document = write_opml([Subscription(url="https://bare.example/rss")])

    (read_back,) = parse_opml(document.encode())
    assert read_back.title == "https://bare.example/rss"


def test_attribute_names_are_matched_case_insensitively():
    document = b"""<opml version="1.0"><head/><body>
      <outline text="Shouty" xmlurl="https://shouty.example/rss" HTMLURL="https://shouty.example/"/>
    </body></opml>"""

    assert parse_opml(document) == [
        Subscription(
            url="https://shouty.example/rss", title="Shouty", site_url="https://shouty.example/"
        )
    ]


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (b"", "empty document"),
        (b"<rss version='2.0'><channel/></rss>", "not an OPML document"),
        (b"<opml version='2.0'><head/></opml>", "no <body>"),
        (b"<opml><body><outline", "malformed OPML"),
    ],
)
def test_documents_that_are_not_usable_opml_are_refused(document, message):
    with pytest.raises(SourceError, match=message):
        parse_opml(document)

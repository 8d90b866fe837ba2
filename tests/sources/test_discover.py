"""Feed autodiscovery finds the feeds a page advertises, main feed first."""

from __future__ import annotations

from tidings.sources import discover_feeds


def test_alternate_feed_links_are_found_and_resolved(fixture_bytes):
    feeds = discover_feeds(fixture_bytes("page_with_feeds.html"), "https://circuit.example/news/")

    assert feeds == [
        "https://circuit.example/feed/",
        "https://circuit.example/atom.xml",
        "https://circuit.example/news/feed.json",
        # Listed first on the page, but a comment feed is rarely what anyone wants.
        "https://circuit.example/comments/feed/",
    ]


def test_base_element_changes_how_links_resolve():
    page = """<html><head><base href="https://cdn.example/site/">
      <link rel="alternate" type="application/atom+xml" href="atom.xml"></head></html>"""

    assert discover_feeds(page, "https://www.example/") == ["https://cdn.example/site/atom.xml"]


def test_xhtml_string_with_an_xml_declaration_is_read():
    page = """<?xml version="1.0" encoding="utf-8"?>
<html xmlns="http://www.w3.org/1999/xhtml"><head>
<link rel="alternate" type="application/rss+xml" href="/rss"/></head><body/></html>"""

    assert discover_feeds(page, "https://x.example/a") == ["https://x.example/rss"]


def test_pages_without_feeds_give_an_empty_list():
    assert (
        discover_feeds("<html><head><title>none</title></head></html>", "https://x.example/") == []
    )
    assert discover_feeds("", "https://x.example/") == []
    assert discover_feeds(b"   ", "https://x.example/") == []

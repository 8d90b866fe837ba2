"""Hostile or broken documents end in a SourceError, never a hang, crash or memory blow-up."""

from __future__ import annotations

import gzip
import time

import pytest

from tidings.sources import SourceError, parse_listing, parse_listing_checked, parse_opml
from tidings.sources.safety import MAX_DOCUMENT_BYTES, inflate

URL = "https://hostile.example/feed.xml"

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
  <!ENTITY a "ha">
  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
  <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
  <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
  <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
  <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
  <!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;">
  <!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">
  <!ENTITY i "&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;">
]>
<rss version="2.0"><channel><title>&i;</title>
<item><title>&i;</title><link>https://hostile.example/a</link></item></channel></rss>"""

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE urlset [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>https://hostile.example/&secret;</loc></url></urlset>"""

QUADRATIC = (
    b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY big "'
    + b"x" * 50_000
    + b'">]><rss version="2.0"><channel><item><title>'
    + b"&big;" * 20_000
    + b"</title><link>https://hostile.example/q</link></item></channel></rss>"
)


@pytest.mark.parametrize(
    "document",
    [BILLION_LAUGHS, XXE, QUADRATIC],
    ids=["billion-laughs", "external-entity", "quadratic-blowup"],
)
def test_entity_declarations_are_refused_quickly(document):
    started = time.monotonic()

    with pytest.raises(SourceError, match="entity declaration"):
        parse_listing(document, URL)

    assert time.monotonic() - started < 2


def test_entity_bomb_is_refused_even_when_the_rest_is_malformed():
    # expat stops at the bad declaration before reaching any entity, so defusedxml never sees
    # one; the fallback scan must still refuse the document.
    broken = BILLION_LAUGHS.replace(b"<!DOCTYPE rss [", b"<!DOCTYPE rss [ <!ELEMENT oops>", 1)

    with pytest.raises(SourceError, match="entity declaration"):
        parse_listing(broken, URL)


def test_entity_bomb_in_opml_is_refused():
    opml = b"""<!DOCTYPE opml [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]>
    <opml version="2.0"><body><outline text="&b;" xmlUrl="https://x.example/f"/></body></opml>"""

    with pytest.raises(SourceError, match="entity declaration"):
        parse_opml(opml)


def test_an_external_dtd_without_entities_is_fine():
    # RSS 0.91 feeds still reference Netscape's DTD; nothing is fetched and nothing expands.
    document = b"""<?xml version="1.0"?>
<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN"
  "http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss version="0.91"><channel><title>Old</title><link>https://old.example/</link>
<item><title>Still here</title><link>https://old.example/1</link></item></channel></rss>"""

    assert [e.url for e in parse_listing(document, URL).entries] == ["https://old.example/1"]


def test_gzip_bomb_is_refused_at_the_default_cap():
    bomb = gzip.compress(b"\0" * (MAX_DOCUMENT_BYTES + 1), compresslevel=1)
    assert len(bomb) < MAX_DOCUMENT_BYTES // 100

    with pytest.raises(SourceError, match="gzip bomb"):
        parse_listing(bomb, "https://hostile.example/sitemap.xml.gz")


def test_inflate_stops_at_its_limit_and_accepts_what_fits():
    payload = b"<urlset/>" * 100

    assert inflate(gzip.compress(payload), limit=len(payload)) == payload
    with pytest.raises(SourceError, match="inflates beyond 899 bytes"):
        inflate(gzip.compress(payload), limit=len(payload) - 1)


def test_inflate_reads_concatenated_gzip_members():
    assert inflate(gzip.compress(b"<urlset>") + gzip.compress(b"</urlset>")) == b"<urlset></urlset>"


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (b"\x1f\x8b\x08\x00garbage-after-the-magic", "corrupt gzip data"),
        (gzip.compress(b"<rss>" * 1000)[:40], "truncated gzip data"),
    ],
)
def test_broken_gzip_is_a_clear_error(document, message):
    with pytest.raises(SourceError, match=message):
        parse_listing(document, URL)


def test_malformed_feed_with_recoverable_entries_is_kept_with_a_warning():
    document = b"""<rss version="2.0"><channel><title>Sloppy</title>
      <item><title>Fine</title><link>https://sloppy.example/1</link></item>
      <item><title>Caf&eacute; &amp; more</title><link>https://sloppy.example/2</link></item>
      <item><title>Unclosed<b></title><link>https://sloppy.example/3</link></item>
    </channel>"""

    listing, warning = parse_listing_checked(document, URL)

    assert [e.url for e in listing.entries][:2] == [
        "https://sloppy.example/1",
        "https://sloppy.example/2",
    ]
    assert listing.entries[1].title == "Café & more"
    assert warning is not None
    assert parse_listing(document, URL).entries == listing.entries


def test_malformed_feed_without_entries_is_refused():
    document = b'<rss version="2.0"><channel><title>Broken</title><item><title>x</ti'

    with pytest.raises(SourceError, match="^malformed feed: "):
        parse_listing(document, URL)


def test_invalid_utf8_is_decoded_leniently():
    document = (
        b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>ok</title>'
        b"<item><title>caf\xc3\xa9 \xff\xfe broken</title><link>https://enc.example/1</link>"
        b"</item></channel></rss>"
    )

    (entry,) = parse_listing(document, URL).entries

    assert entry.title == "café \ufffd\ufffd broken"


def test_latin1_mislabelled_as_utf8_is_read_as_windows_1252():
    document = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>ok</title>'
        "<item><title>Zoë’s café</title><link>https://enc.example/1</link></item>"
        "</channel></rss>"
    ).encode("cp1252")

    (entry,) = parse_listing(document, URL).entries

    assert entry.title == "Zoë’s café"


def test_declared_legacy_encoding_is_honoured():
    document = (
        '<?xml version="1.0" encoding="iso-8859-1"?><rss version="2.0"><channel>'
        "<title>Gazette</title><item><title>Été</title><link>https://enc.example/1</link>"
        "</item></channel></rss>"
    ).encode("latin-1")

    assert parse_listing(document, URL).entries[0].title == "Été"


def test_charset_from_the_content_type_header_is_honoured():
    document = (
        '<rss version="2.0"><channel><title>t</title>'
        "<item><title>Große Modelle</title><link>https://enc.example/1</link></item>"
        "</channel></rss>"
    ).encode("latin-1")

    listing = parse_listing(document, URL, "text/xml; charset=ISO-8859-1")

    assert listing.entries[0].title == "Große Modelle"


def test_unknown_declared_encoding_falls_back_to_utf8():
    document = (
        '<?xml version="1.0" encoding="no-such-charset"?><rss version="2.0"><channel>'
        "<title>t</title><item><title>naïve</title><link>https://enc.example/1</link>"
        "</item></channel></rss>"
    ).encode()

    assert parse_listing(document, URL).entries[0].title == "naïve"


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (b"", "empty document"),
        (b"  \r\n\t ", "empty document"),
        (gzip.compress(b""), "empty document"),
        (b"\xef\xbb\xbf\n", "empty document"),
        (b"<!DOCTYPE html><html><head><title>Home</title></head></html>", "HTML page"),
        (b"<body><p>just a fragment</p></body>", "HTML page"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary data"),
        (b"Service temporarily unavailable", "no XML root element"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'><circle r='1'/></svg>", "not a feed"),
        (b'<opml version="2.0"><body/></opml>', "parse_opml"),
    ],
    ids=[
        "empty",
        "whitespace",
        "empty-gzip",
        "bom-only",
        "html",
        "html-fragment",
        "png",
        "text",
        "svg",
        "opml",
    ],
)
def test_documents_that_are_not_listings_are_refused(document, message):
    with pytest.raises(SourceError, match=message):
        parse_listing(document, URL)


def test_oversized_raw_document_is_refused_before_parsing():
    with pytest.raises(SourceError, match="more than the"):
        parse_listing(b" " * (MAX_DOCUMENT_BYTES + 1), URL)

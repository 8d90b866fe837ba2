"""Icon candidates on a publisher's home page: best first, SVG and inline ones left out."""

from __future__ import annotations

import json

from tidings.extract.icons import IconCandidate, favicon_url, icon_candidates

HOME = "https://www.gazette.example/"


def page(head: str) -> str:
    return f"<!doctype html><html><head><title>Gazette</title>{head}</head><body></body></html>"


def urls(head: str, url: str = HOME) -> list[str]:
    return [c.url for c in icon_candidates(page(head), url)]


def test_the_apple_touch_icon_comes_before_icon_links_and_the_favicon() -> None:
    head = ('<link rel="icon" href="/icon-32.png" sizes="32x32">'
            '<link rel="apple-touch-icon" href="/touch.png">')
    found = icon_candidates(page(head), HOME)
    assert found == [
        IconCandidate("https://www.gazette.example/touch.png", "apple-touch-icon", 180),
        IconCandidate("https://www.gazette.example/icon-32.png", "icon", 32),
        IconCandidate("https://www.gazette.example/favicon.ico", "favicon", 0),
    ]


def test_icon_links_are_ordered_by_declared_size_and_unsized_ones_follow() -> None:
    head = ('<link rel="shortcut icon" href="/plain.ico">'
            '<link rel="icon" href="/i16.png" sizes="16x16">'
            '<link rel="icon" href="/i192.png" sizes="192x192">'
            '<link rel="apple-touch-icon-precomposed" href="/pre.png" sizes="120x120">'
            '<link rel="apple-touch-icon" href="/big.png" sizes="152x152">')
    assert urls(head) == [
        HOME + "big.png", HOME + "pre.png", HOME + "i192.png", HOME + "i16.png",
        HOME + "plain.ico", HOME + "favicon.ico",
    ]


def test_svg_and_inline_icons_are_skipped() -> None:
    head = ('<link rel="icon" type="image/svg+xml" href="/mark">'
            '<link rel="icon" href="/mark.svg">'
            '<link rel="icon" sizes="any" href="/vector">'
            '<link rel="icon" href="data:image/png;base64,iVBORw0KGgo=">'
            '<link rel="mask-icon" href="/pinned.png">')
    assert urls(head) == [HOME + "favicon.ico"]


def test_json_ld_publisher_logo_and_organisation_logo_come_after_icon_links() -> None:
    article = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "x",
               "publisher": {"@type": "Organization", "name": "Gazette",
                             "logo": {"@type": "ImageObject", "url": "/brand/wordmark.png",
                                      "width": 600, "height": "60"}}}
    organisation = {"@type": "NewsMediaOrganization", "logo": "https://cdn.example/org.png"}
    head = (f'<script type="application/ld+json">{json.dumps([article, organisation])}</script>'
            '<link rel="icon" href="/i32.png" sizes="32x32">')
    found = icon_candidates(page(head), HOME)
    assert [(c.url, c.kind, c.size) for c in found] == [
        (HOME + "i32.png", "icon", 32),
        (HOME + "brand/wordmark.png", "jsonld-logo", 600),
        ("https://cdn.example/org.png", "jsonld-logo", 0),
        (HOME + "favicon.ico", "favicon", 0),
    ]


def test_og_image_counts_only_when_its_name_says_logo() -> None:
    photo = '<meta property="og:image" content="/photos/robot-arm.jpg">'
    logo = '<meta property="og:image" content="/static/site-logo.png">'
    declared = '<meta property="og:logo" content="/og-logo-square.png">'
    assert urls(photo) == [HOME + "favicon.ico"]
    assert urls(logo) == [HOME + "static/site-logo.png", HOME + "favicon.ico"]
    assert urls(declared) == [HOME + "og-logo-square.png", HOME + "favicon.ico"]


def test_relative_links_follow_the_base_element_and_duplicates_are_dropped() -> None:
    head = ('<base href="https://static.gazette.example/assets/">'
            '<link rel="apple-touch-icon" href="touch.png">'
            '<link rel="icon" href="https://static.gazette.example/assets/touch.png">')
    assert urls(head) == ["https://static.gazette.example/assets/touch.png",
                          HOME + "favicon.ico"]


def test_a_page_that_is_not_html_still_offers_the_favicon() -> None:
    for content in (b"", b"\x89PNG\r\n\x1a\n\x00\x00binary", b"just words, no markup"):
        assert icon_candidates(content, "http://herald.example:8080/news/") == [
            IconCandidate("http://herald.example:8080/favicon.ico", "favicon", 0)
        ]


def test_favicon_url_keeps_scheme_and_host_only() -> None:
    assert favicon_url("https://a.example/x/y?z=1#f") == "https://a.example/favicon.ico"

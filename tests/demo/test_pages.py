"""Article pages, images, icons and HTTP behaviour, as the fetch and extract stages meet them."""

from __future__ import annotations

import io
from html import escape

import pytest
from lxml import html
from PIL import Image

from tidings.demo import DemoServer

from .conftest import FIXTURE_CORPUS, Web


def page(web: Web, url: str) -> html.HtmlElement:
    response = web.get(url)
    assert response.status_code == 200, url
    return html.fromstring(response.content)


def test_every_listed_article_answers_and_missing_ones_404(server: DemoServer, web: Web) -> None:
    for art in server.articles():
        response = web.get(art.url)
        assert response.status_code == (404 if art.missing else 200), art.url
        # Even the 404 wears the site's own layout.
        assert escape(art.publisher.name) in response.text


def test_lead_images_decode_at_their_announced_size(server: DemoServer, web: Web) -> None:
    for art in server.articles():
        if not art.image_url or art.bad_image:
            continue
        response = web.get(art.image_url)
        image = Image.open(io.BytesIO(response.content))
        assert image.size == art.image_size
        assert response.headers["content-type"] == f"image/{image.format.lower()}"


def test_bad_image_claims_jpeg_but_sends_html(web: Web, by_key: dict) -> None:
    art = by_key["brightwire/chip-rumour"]
    response = web.get(art.image_url)
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/jpeg"
    assert response.content.startswith(b"<!DOCTYPE html>")
    with pytest.raises(OSError):
        Image.open(io.BytesIO(response.content))


def test_images_are_the_same_on_every_run(by_key: dict) -> None:
    art = by_key["kestrel/moth-sensor-grant"]
    with DemoServer(FIXTURE_CORPUS) as one, DemoServer(FIXTURE_CORPUS) as two:
        first, second = Web(one).get(art.image_url), Web(two).get(art.image_url)
    assert first.content == second.content
    assert first.headers["etag"] == second.headers["etag"]


def test_icons_and_logo_are_real_images(server: DemoServer, web: Web) -> None:
    base = server.publishers[1].base_url
    ico = Image.open(io.BytesIO(web.get(base + "/favicon.ico").content))
    assert ico.format == "ICO"
    sizes = {
        "/icons/icon-32.png": (32, 32),
        "/icons/apple-touch-icon.png": (180, 180),
        "/static/logo-600x60.png": (600, 60),
    }
    for path, size in sizes.items():
        assert Image.open(io.BytesIO(web.get(base + path).content)).size == size
    doc = page(web, base + "/")
    assert doc.xpath('//link[@rel="apple-touch-icon"]/@href') == ["/icons/apple-touch-icon.png"]


def test_conditional_get_answers_304(server: DemoServer, web: Web, by_key: dict) -> None:
    for url in (by_key["lumen/night-bus-routing"].url, server.publishers[0].feed_url):
        first = web.get(url)
        etag, modified = first.headers["etag"], first.headers["last-modified"]
        assert web.get(url, {"If-None-Match": etag}).status_code == 304
        assert web.get(url, {"If-Modified-Since": modified}).status_code == 304
        assert web.get(url, {"If-None-Match": '"stale"'}).status_code == 200
        older = "Mon, 01 Jan 2024 00:00:00 GMT"
        assert web.get(url, {"If-Modified-Since": older}).status_code == 200


def test_amp_link_is_amp_and_points_back_to_the_regular_page(web: Web, by_key: dict) -> None:
    art = by_key["circuit/fanless-board"]
    amp = page(web, art.url)
    assert "amp" in amp.attrib
    assert amp.xpath('//link[@rel="canonical"]/@href') == [art.page_url]
    assert amp.xpath("//amp-img/@width") == [str(art.image_size[0])]
    regular = page(web, art.page_url)
    assert "amp" not in regular.attrib
    assert regular.xpath('//link[@rel="amphtml"]/@href') == [art.url]


def test_amp_flag_adds_an_amp_copy_of_another_publishers_page(web: Web, by_key: dict) -> None:
    art = by_key["northwind/moth-sensor-grant-copy"]
    amp = page(web, art.amp_url)
    assert "amp" in amp.attrib
    assert amp.xpath('//link[@rel="canonical"]/@href') == [art.page_url]


def test_syndicated_copy_carries_all_three_markers(web: Web, by_key: dict) -> None:
    original = by_key["kestrel/moth-sensor-grant"]
    doc = page(web, by_key["northwind/moth-sensor-grant-copy"].url)
    assert doc.xpath('//link[@rel="canonical"]/@href') == [original.url]
    assert doc.xpath('//meta[@name="syndication-source"]/@content') == [original.url]
    (note,) = doc.xpath('//*[@class="syndication-note"]')
    assert "originally appeared on Kestrel Wire" in note.text_content()
    assert note.xpath(".//a/@href") == [original.url]


def test_offsite_canonical_comes_without_a_notice(web: Web, by_key: dict) -> None:
    doc = page(web, by_key["brightwire/chip-rumour"].url)
    assert doc.xpath('//link[@rel="canonical"]/@href') == ["http://aggregator.example/item/42"]
    assert not doc.xpath('//*[@class="syndication-note"]')
    assert not doc.xpath('//meta[@name="syndication-source"]')


def test_ambiguous_date_lies_in_metadata_while_the_url_tells_the_truth(
    web: Web, by_key: dict
) -> None:
    art = by_key["tensortimes/ledger-model-audit"]
    doc = page(web, art.url)
    (meta,) = doc.xpath('//meta[@property="article:published_time"]/@content')
    assert meta.startswith("2026-03-11")
    assert "/2026/11/03/" in art.url
    assert doc.xpath("//time/text()") == ["03/11/2026"]


def test_paywalled_piece_serves_only_its_teaser(web: Web, by_key: dict) -> None:
    text = web.get(by_key["tensortimes/ledger-model-audit"].url).text
    assert "Auditors say a bank tested its ledger model" in text
    assert "for subscribers only and must never be served" not in text
    assert "This article is for subscribers." in text
    assert '"isAccessibleForFree": false' in text


def test_wordpress_page_has_its_usual_metadata_and_clutter(web: Web, by_key: dict) -> None:
    art = by_key["northwind/moth-sensor-grant-copy"]
    doc = page(web, art.url)
    assert doc.xpath('//time[contains(@class, "entry-date")]/@datetime') == [
        "2026-11-17T10:00:00-05:00"
    ]
    assert doc.xpath('//meta[@property="og:type"]/@content') == ["article"]
    for cls in ("share-bar", "cookie-banner", "author-bio", "post-navigation", "comments-area"):
        assert doc.xpath(f'//*[contains(@class, "{cls}")]'), cls


def test_modern_cms_page_puts_its_metadata_in_json_ld(web: Web, by_key: dict) -> None:
    import json

    doc = page(web, by_key["brightwire/chip-rumour"].url)
    (script,) = doc.xpath('//script[@type="application/ld+json"]/text()')
    graph = json.loads(script)["@graph"]
    article = next(n for n in graph if n["@type"] == "NewsArticle")
    org = next(n for n in graph if n["@type"] == "NewsMediaOrganization")
    assert article["author"][0]["name"] == "Cy Moreno"
    assert article["image"][0]["width"] > 0
    assert org["logo"]["url"].endswith("/static/logo-600x60.png")
    assert not doc.xpath('//meta[@property="article:published_time"]')


def test_wire_story_has_dateline_and_sign_off(web: Web, by_key: dict) -> None:
    text = page(web, by_key["kestrel/moth-sensor-grant"].url).text_content()
    assert "AMSTERDAM, Nov 17 (Kestrel Wire) - A national research council" in text
    assert "Reporting by Ada Quell; Editing by" in text


def test_classic_page_answers_with_or_without_its_tracking_parameter(
    web: Web, by_key: dict
) -> None:
    art = by_key["harbor/harbor-cranes-ai"]
    assert web.get(art.url).text == web.get(art.web_url).text
    doc = page(web, art.url)
    assert not doc.xpath('//link[@rel="canonical"]')
    (printable,) = doc.xpath('//a[contains(text(), "Printer-friendly")]/@href')
    assert "Harbor cranes get a scheduling assistant" in web.get(art.web_url + "&print=1").text
    assert printable.endswith("&print=1")


def test_podcast_page_describes_the_episode(web: Web, by_key: dict) -> None:
    text = web.get(by_key["pixel/foundry-floor-episode-1"].url).text
    assert '"@type": "PodcastEpisode"' in text
    assert 'id="transcript"' in text


def test_home_pages_offer_feed_autodiscovery(server: DemoServer, web: Web) -> None:
    for pub in server.publishers:
        doc = page(web, pub.base_url + "/")
        if pub.feed_format == "news-sitemap":
            assert doc.xpath('//link[@rel="sitemap"]/@href') == [pub.feed_path]
        else:
            assert doc.xpath('//link[@rel="alternate"]/@href') == [pub.feed_url]


def test_robots_keep_one_private_area_out(server: DemoServer, web: Web) -> None:
    first, second = server.publishers[:2]
    assert "Disallow: /private/" in web.get(first.base_url + "/robots.txt").text
    assert "Disallow" not in web.get(second.base_url + "/robots.txt").text


def test_unknown_paths_hosts_and_slashes(server: DemoServer, web: Web, by_key: dict) -> None:
    pub = server.publishers[0]
    assert web.get(pub.base_url + "/no/such/page").status_code == 404
    assert web.get("http://nowhere.example/").status_code == 404
    art = by_key["northwind/moth-sensor-grant-copy"]
    moved = web.get(art.url.rstrip("/"))
    assert moved.status_code == 301 and moved.headers["location"] == art.url

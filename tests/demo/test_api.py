"""The DemoServer API the `tidings demo` runner relies on, plus the real corpus end to end."""

from __future__ import annotations

import collections
import io

import feedparser
import pytest
from defusedxml import ElementTree
from PIL import Image

from tidings.demo import DemoServer, load_corpus

from .conftest import FIXTURE_CORPUS, Web


def test_every_host_resolves_to_the_one_loopback_address(server: DemoServer) -> None:
    host, port = server.address.split(":")
    assert host == "127.0.0.1" and int(port) > 0
    mapping = server.resolve_map()
    assert len(mapping) == 13 and set(mapping.values()) == {server.address}


def test_opml_lists_one_source_per_publisher(server: DemoServer) -> None:
    outlines = ElementTree.fromstring(server.opml()).findall(".//outline[@xmlUrl]")
    assert [o.get("xmlUrl") for o in outlines] == server.feed_urls()
    assert outlines[0].get("text") == server.publishers[0].name


def test_expectations_name_each_planted_case(server: DemoServer, by_key: dict) -> None:
    expected: dict[str, str] = collections.defaultdict(str)
    for target, what in server.expectations():
        expected[target] += what + "; "
    assert "malformed" in expected["http://gadgetgrove.example/feed.xml"]
    assert "0.5s" in expected["http://slowlane.example/feed/"]
    assert "404" in expected[by_key["lumen/withdrawn-story"].url]
    assert "2026-11-03 wins" in expected[by_key["tensortimes/ledger-model-audit"].url]


def test_address_needs_a_started_server() -> None:
    idle = DemoServer(FIXTURE_CORPUS)
    with pytest.raises(RuntimeError, match="not running"):
        _ = idle.address


def test_synthetic_articles_are_listed_and_reachable() -> None:
    with DemoServer(FIXTURE_CORPUS, synthetic=50, hang_seconds=0) as demo:
        web = Web(demo)
        generated = [a for a in demo.articles() if a.synthetic]
        assert len(generated) == 50
        assert len({a.publisher.slug for a in generated}) == 11  # all but the two failing feeds
        for art in generated:
            assert web.get(art.url).status_code == 200
            assert 300 <= len(art.body.split()) <= 550
        with_images = [a for a in generated if a.image_url]
        assert 0 < len(with_images) < 50
        Image.open(io.BytesIO(web.get(with_images[0].image_url).content)).verify()
        northwind = demo.publishers[0]
        links = {e.link for e in feedparser.parse(web.get(northwind.feed_url).content).entries}
        assert {a.url for a in generated if a.publisher is northwind} <= links


def test_negative_synthetic_count_is_refused() -> None:
    with pytest.raises(ValueError, match="0 or more"):
        DemoServer(FIXTURE_CORPUS, synthetic=-1)


_, REAL = load_corpus()


@pytest.mark.skipif(not REAL, reason="the real corpus has no articles yet")
def test_real_corpus_serves_every_page_feed_and_image() -> None:
    with DemoServer(hang_seconds=0) as demo:
        web = Web(demo)
        for pub in demo.publishers:
            response = web.get(pub.feed_url)
            assert response.status_code == 200, pub.feed_url
            if pub.feed_format not in ("jsonfeed", "news-sitemap", "malformed"):
                assert not feedparser.parse(response.content).bozo, pub.feed_url
        statuses = collections.Counter()
        for art in demo.articles():
            status = web.get(art.url).status_code
            statuses[status] += 1
            assert status == (404 if art.missing else 200), art.url
            if art.image_url and not art.bad_image:
                Image.open(io.BytesIO(web.get(art.image_url).content)).verify()
        assert statuses[200] > 0

"""Every publisher's listing, in its own format, lists every article (missing ones too)."""

from __future__ import annotations

import gzip
import threading
import time

import feedparser
from lxml import etree

from tidings.demo import DemoServer

from .conftest import FIXTURE_CORPUS, Web

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def listed(server: DemoServer, slug: str) -> set[str]:
    return {a.url for a in server.articles() if a.publisher.slug == slug}


def test_xml_feeds_parse_cleanly_and_list_every_article(server: DemoServer, web: Web) -> None:
    versions = {}
    for pub in server.publishers:
        if pub.feed_format in ("jsonfeed", "news-sitemap", "malformed", "hang"):
            continue
        response = web.get(pub.feed_url)
        assert response.status_code == 200
        parsed = feedparser.parse(response.content)
        assert not parsed.bozo, (pub.slug, parsed.get("bozo_exception"))
        assert {e.link for e in parsed.entries} == listed(server, pub.slug)
        versions[pub.feed_format] = parsed.version
    assert versions == {
        "rss2": "rss20",
        "atom": "atom10",
        "rss1": "rss10",
        "rss092": "rss092",
        "rss2-media": "rss20",
        "rss2-enclosures": "rss20",
    }


def test_media_rss_carries_the_lead_image(server: DemoServer, web: Web, by_key: dict) -> None:
    art = by_key["kestrel/moth-sensor-grant"]
    entry = feedparser.parse(web.get(art.publisher.feed_url).content).entries[0]
    assert entry.media_content[0]["url"] == art.image_url
    assert entry.media_content[0]["width"] == str(art.image_size[0])


def test_podcast_enclosure_is_a_real_wav_file(server: DemoServer, web: Web, by_key: dict) -> None:
    art = by_key["pixel/foundry-floor-episode-1"]
    entry = feedparser.parse(web.get(art.publisher.feed_url).content).entries[0]
    enclosure = entry.enclosures[0]
    audio = web.get(enclosure.href)
    assert enclosure.type == "audio/wav"
    assert audio.status_code == 200 and audio.content[:4] == b"RIFF"
    assert int(enclosure.length) == len(audio.content)


def test_rss092_is_really_latin1(server: DemoServer, web: Web) -> None:
    pub = next(p for p in server.publishers if p.feed_format == "rss092")
    response = web.get(pub.feed_url)
    assert response.headers["content-type"] == "text/xml; charset=iso-8859-1"
    assert b"&ref=rss" not in response.content and b"&amp;ref=rss" in response.content


def test_json_feed_follows_version_1_1(server: DemoServer, web: Web) -> None:
    pub = next(p for p in server.publishers if p.feed_format == "jsonfeed")
    response = web.get(pub.feed_url)
    feed = response.json()
    assert response.headers["content-type"] == "application/feed+json"
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["feed_url"] == pub.feed_url
    assert {item["url"] for item in feed["items"]} == listed(server, pub.slug)
    assert all(item["id"] and item["date_published"] for item in feed["items"])


def test_news_sitemap_index_leads_to_a_gzipped_news_sitemap(server: DemoServer, web: Web) -> None:
    pub = next(p for p in server.publishers if p.feed_format == "news-sitemap")
    index = etree.fromstring(web.get(pub.feed_url).content)
    (child,) = [loc.text for loc in index.iter(f"{SITEMAP}loc")]
    assert child.endswith(".xml.gz")
    response = web.get(child)
    urlset = etree.fromstring(gzip.decompress(response.content))
    assert {loc.text for loc in urlset.iter(f"{SITEMAP}loc")} == listed(server, pub.slug)
    names = urlset.findall(".//{http://www.google.com/schemas/sitemap-news/0.9}name")
    assert {n.text for n in names} == {pub.name}


def test_malformed_feed_yields_no_entries(server: DemoServer, web: Web) -> None:
    pub = next(p for p in server.publishers if p.feed_format == "malformed")
    parsed = feedparser.parse(web.get(pub.feed_url).content)
    assert parsed.bozo
    assert parsed.entries == []
    with_error = pub.feed_url in dict(server.expectations())
    assert with_error


def test_hanging_feed_stalls_without_blocking_other_sites(server: DemoServer, web: Web) -> None:
    pub = next(p for p in server.publishers if p.feed_format == "hang")
    other = server.publishers[0]
    finished: dict[str, float] = {}

    def fetch_hanging() -> None:
        start = time.monotonic()
        web.get(pub.feed_url)
        finished["hang"] = time.monotonic() - start

    thread = threading.Thread(target=fetch_hanging)
    thread.start()
    time.sleep(0.05)
    start = time.monotonic()
    assert web.get(other.feed_url).status_code == 200
    quick = time.monotonic() - start
    thread.join()
    assert quick < 0.4
    assert finished["hang"] >= 0.5


def test_stopping_hangs_up_on_a_stalled_request() -> None:
    demo = DemoServer(FIXTURE_CORPUS, hang_seconds=30)
    demo.start()
    web = Web(demo)
    pub = next(p for p in demo.publishers if p.feed_format == "hang")
    outcome: list[str] = []

    def fetch() -> None:
        try:
            web.get(pub.feed_url)
            outcome.append("answered")
        except Exception as exc:  # the connection is closed under the client
            outcome.append(type(exc).__name__)

    thread = threading.Thread(target=fetch)
    thread.start()
    time.sleep(0.1)
    start = time.monotonic()
    demo.stop()
    thread.join(timeout=5)
    assert time.monotonic() - start < 2
    assert outcome and outcome[0] != "answered"

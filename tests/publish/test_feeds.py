"""RSS 2.0, Atom 1.0 and JSON Feed 1.1: parsed by feedparser, then checked against each format."""

from __future__ import annotations

import json
import re
from datetime import datetime
from email.utils import parsedate_to_datetime

import feedparser
import pytest
from lxml import etree

from tidings.publish.feeds import ATOM_NS, FEED_SIZE, JSON_FEED_VERSION, build_feeds, xml_text
from tidings.publish.site_data import load_site_data
from tidings.store import Store

BASE = "https://news.example.org/ai"
A = f"{{{ATOM_NS}}}"


TYPES = {"xml": "application/rss+xml", "atom": "application/atom+xml"}


def parse(path: str, text: str) -> feedparser.FeedParserDict:
    """feedparser reading an XML feed as a server would hand it over.

    feedparser 6.0 has no JSON Feed reader, so JSON feeds are checked against
    the JSON Feed 1.1 rules directly below.
    """
    kind = TYPES[path.rsplit(".", 1)[1]]
    return feedparser.parse(text, response_headers={"content-type": kind})


@pytest.fixture
def feeds(site_store: Store, site_facts) -> dict[str, str]:
    data = load_site_data(site_store)
    return build_feeds(data, base_url=BASE, title="Tidings", now=site_facts.now)


def test_all_news_and_every_topic_get_three_formats(feeds: dict[str, str]) -> None:
    for slug in ("ai", "ai-hardware", "ai-ethics", "machine-learning"):
        for extension in ("xml", "atom", "json"):
            assert f"feeds/topics/{slug}.{extension}" in feeds
    assert {"feeds/all.xml", "feeds/all.atom", "feeds/all.json"} <= set(feeds)


def test_feedparser_reads_every_xml_feed_cleanly(feeds: dict[str, str], site_facts) -> None:
    xml_feeds = {p: t for p, t in feeds.items() if not p.endswith(".json")}
    assert len(xml_feeds) == 2 * len(feeds) // 3
    for path, text in xml_feeds.items():
        parsed = parse(path, text)
        assert not parsed.bozo, f"{path}: {parsed.get('bozo_exception')}"
        assert parsed.entries, path
        for entry in parsed.entries:
            assert entry.get("published_parsed") or entry.get("updated_parsed"), path
            assert entry.link.startswith("https://"), path
    everything = parse("feeds/all.atom", feeds["feeds/all.atom"])
    assert len(everything.entries) == min(site_facts.published, FEED_SIZE)
    assert parse("feeds/all.xml", feeds["feeds/all.xml"]).version == "rss20"
    assert everything.version == "atom10"


def test_a_hostile_title_is_escaped_text_in_every_format(feeds, site_facts) -> None:
    expected = xml_text(site_facts.hostile_title)  # the control character is dropped
    for extension in ("xml", "atom"):
        path = f"feeds/topics/ai-ethics.{extension}"
        assert parse(path, feeds[path]).entries[0].title == expected
        tree = etree.fromstring(feeds[path].encode())
        assert not tree.xpath("//*[local-name()='script']")  # text, never an element
    (item,) = json.loads(feeds["feeds/topics/ai-ethics.json"])["items"]
    assert item["title"] == site_facts.hostile_title


def test_rss_has_the_required_channel_and_item_elements(feeds, site_store: Store) -> None:
    channel = etree.fromstring(feeds["feeds/all.xml"].encode()).find("channel")
    assert channel.findtext("title") == "Tidings"
    assert channel.findtext("link") == f"{BASE}/index.html"
    assert channel.findtext("description")
    this = channel.find(f"{A}link")
    assert this.get("rel") == "self" and this.get("href") == f"{BASE}/feeds/all.xml"
    items = channel.findall("item")
    dates = [parsedate_to_datetime(i.findtext("pubDate")) for i in items]
    assert dates == sorted(dates, reverse=True)
    assert dates[0].utcoffset().total_seconds() == 0
    first = items[0]
    assert first.findtext("title") == "Chip maker unveils an inference chip"
    assert first.findtext("pubDate") == "Tue, 10 Mar 2026 07:00:00 GMT"  # RFC 822 in GMT
    guid = first.find("guid")
    assert guid.get("isPermaLink") == "true" and guid.text == first.findtext("link")
    assert [c.text for c in first.findall("category")] == ["AI", "AI Hardware"]


def test_atom_has_id_updated_author_and_both_links(feeds: dict[str, str]) -> None:
    feed = etree.fromstring(feeds["feeds/topics/ai-hardware.atom"].encode())
    assert feed.findtext(f"{A}id") == f"{BASE}/feeds/topics/ai-hardware.atom"
    assert feed.findtext(f"{A}title") == "Tidings: AI Hardware"
    assert feed.findtext(f"{A}updated") == "2026-03-10T07:00:00Z"  # the newest entry, not now
    assert feed.findtext(f"{A}author/{A}name") == "Tidings"
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{A}link")}
    assert links["self"] == f"{BASE}/feeds/topics/ai-hardware.atom"
    assert links["alternate"] == f"{BASE}/topics/ai-hardware/index.html"
    (entry,) = feed.findall(f"{A}entry")
    assert entry.findtext(f"{A}id") == "https://alpha.example/a/1"
    assert entry.findtext(f"{A}updated") == "2026-03-10T07:00:00Z"
    assert entry.findtext(f"{A}author/{A}name") == "Alpha News"
    rels = {link.get("rel"): link.get("href") for link in entry.findall(f"{A}link")}
    assert rels["alternate"] == "https://alpha.example/a/1"
    assert rels["related"].startswith(f"{BASE}/stories/")


def test_json_feeds_follow_the_json_feed_rules(feeds: dict[str, str], site_facts) -> None:
    rfc3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")
    for path, text in feeds.items():
        if not path.endswith(".json"):
            continue
        feed = json.loads(text)
        assert feed["version"] == JSON_FEED_VERSION == "https://jsonfeed.org/version/1.1"
        assert feed["title"] and feed["feed_url"] == f"{BASE}/{path}"
        assert feed["home_page_url"].startswith(BASE)
        ids = [item["id"] for item in feed["items"]]
        assert len(ids) == len(set(ids)) and all(isinstance(i, str) and i for i in ids)
        for item in feed["items"]:
            assert item["url"].startswith("https://")
            assert "content_text" in item or "content_html" in item  # the spec needs one
            assert rfc3339.match(item["date_published"]), item["date_published"]
    everything = json.loads(feeds["feeds/all.json"])
    assert len(everything["items"]) == min(site_facts.published, FEED_SIZE)
    assert everything["items"][0]["image"] == "https://alpha.example/chip.jpg"
    newest = datetime.fromisoformat(everything["items"][0]["date_published"])
    assert newest == site_facts.now.replace(hour=7)


def test_an_unchanged_store_gives_byte_identical_feeds(site_store: Store, site_facts) -> None:
    data = load_site_data(site_store)
    first = build_feeds(data, base_url=BASE, title="Tidings", now=site_facts.now)
    later = site_facts.now.replace(hour=23)
    assert build_feeds(data, base_url=BASE, title="Tidings", now=later) == first

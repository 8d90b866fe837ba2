"""Each demo publisher's listing in the format publishers.yaml gives it.

Formats cover what the sources stage meets in the wild: RSS 2.0 (plain, with
Media RSS, with podcast enclosures), RSS 0.92, RSS 1.0 (RDF), Atom, JSON Feed
1.1, and a sitemap index leading to a gzipped Google News sitemap. Two
publishers fail on purpose: one serves XML no parser can get entries from,
one answers only after a long wait (the server adds the delay).
"""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tidings.demo import media
from tidings.demo.pages import Site, body_html, environment, summary, teaser_html
from tidings.demo.site import DemoArticle, Publisher

GENERATOR = "Tidings demo server"
NEWS_SITEMAP_PATH = "/sitemaps/news.xml.gz"

#: A WordPress feed that died of a PHP error before its first item: the text before the
#: XML declaration makes it invalid, and nothing after it can be recovered as an entry.
MALFORMED_FEED = (
    "<br />\n<b>Fatal error</b>:  Allowed memory size of 134217728 bytes exhausted in "
    "<b>/var/www/html/wp-includes/feed-rss2.php</b> on line <b>117</b><br />\n"
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">\n<channel>\n'
    "<title>{name}</title>\n<link>{base}/</link>\n"
    "<description>Gear & gadgets, tested <b>hard</description>\n<ite"
)


@dataclass(frozen=True, slots=True)
class FeedFile:
    """One file a publisher serves to list its articles."""

    path: str
    content_type: str
    content: bytes
    last_modified: datetime | None


def feed_files(site: Site, pub: Publisher) -> list[FeedFile]:
    """Every listing file of ``pub``: one feed, or a sitemap index and its news sitemap."""
    articles = site.by_publisher[pub.slug]
    updated = max((a.last_modified for a in articles), default=None)
    fmt = pub.feed_format
    if fmt == "malformed":
        text = MALFORMED_FEED.format(name=pub.name, base=pub.base_url)
        return [FeedFile(pub.feed_path, "application/rss+xml", text.encode(), updated)]
    context: dict[str, Any] = {
        "pub": pub,
        "items": [feed_item(a) for a in articles],
        "updated": updated or datetime.fromisoformat("2026-01-01T00:00:00+00:00"),
        "generator": GENERATOR,
    }
    env = environment()
    if fmt in ("rss2", "rss2-media", "rss2-enclosures", "hang"):
        style = "rss2" if fmt == "hang" else fmt
        body = env.get_template("feeds/rss2.xml").render(style=style, **context)
        return [
            FeedFile(pub.feed_path, "application/rss+xml; charset=utf-8", body.encode(), updated)
        ]
    if fmt == "atom":
        body = env.get_template("feeds/atom.xml").render(**context)
        return [
            FeedFile(pub.feed_path, "application/atom+xml; charset=utf-8", body.encode(), updated)
        ]
    if fmt == "rss1":
        body = env.get_template("feeds/rss1.xml").render(**context)
        return [
            FeedFile(pub.feed_path, "application/rdf+xml; charset=utf-8", body.encode(), updated)
        ]
    if fmt == "rss092":
        # The old CMS declares Latin-1 and really writes it; characters outside become references.
        body = env.get_template("feeds/rss092.xml").render(**context)
        data = body.encode("iso-8859-1", errors="xmlcharrefreplace")
        return [FeedFile(pub.feed_path, "text/xml; charset=iso-8859-1", data, updated)]
    if fmt == "jsonfeed":
        data = json.dumps(json_feed(pub, articles), indent=2, ensure_ascii=False).encode()
        return [FeedFile(pub.feed_path, "application/feed+json", data, updated)]
    if fmt == "news-sitemap":
        news_url = pub.base_url + NEWS_SITEMAP_PATH
        index = env.get_template("feeds/sitemap-index.xml").render(news_url=news_url, **context)
        urlset = env.get_template("feeds/news-sitemap.xml").render(**context)
        return [
            FeedFile(pub.feed_path, "application/xml", index.encode(), updated),
            # A real file compressed at rest, not Content-Encoding: the client must gunzip it.
            FeedFile(
                NEWS_SITEMAP_PATH,
                "application/x-gzip",
                gzip.compress(urlset.encode(), mtime=0),
                updated,
            ),
        ]
    raise ValueError(f"{pub.slug}: no feed renderer for format {fmt!r}")


def feed_item(art: DemoArticle) -> dict[str, Any]:
    """What listings say about an article. Paywalled pieces give only their teaser."""
    enclosure = None
    if art.type == "podcast":
        enclosure = (audio_url(art), len(media.episode_wav(art.slug)), "audio/wav")
    elif art.type == "video":
        # Video files are not part of the offline demo: the URL answers 404 (see expectations).
        enclosure = (video_url(art), 48_000_000, "video/mp4")
    image = art.image
    return {
        "n": art.n,
        "url": art.url,
        "title": art.title,
        "summary": summary(art),
        "content": str(teaser_html(art) if art.paywalled else body_html(art)),
        "published": art.published,
        "updated": art.last_modified,
        "author": art.author,
        "tags": art.tags,
        "image_url": art.image_url,
        "image_size": art.image_size,
        "image_type": "image/png" if (art.image_url or "").endswith(".png") else "image/jpeg",
        "image_caption": image.caption if image else "",
        "image_credit": image.credit if image else "",
        "enclosure": enclosure,
        "minutes": len(art.body.split()) // 150 + 1,
    }


def audio_url(art: DemoArticle) -> str:
    return f"{art.publisher.base_url}/audio/{art.slug}.wav"


def video_url(art: DemoArticle) -> str:
    return f"{art.publisher.base_url}/video/{art.slug}.mp4"


def json_feed(pub: Publisher, articles: list[DemoArticle]) -> dict[str, Any]:
    """A JSON Feed 1.1 document (https://jsonfeed.org/version/1.1)."""
    items = []
    for art in articles:
        item = feed_item(art)
        entry: dict[str, Any] = {
            "id": f"{pub.host}:{art.n}",
            "url": art.url,
            "title": art.title,
            "summary": item["summary"],
            "content_html": item["content"],
            "date_published": art.published.isoformat(timespec="seconds"),
            "date_modified": art.last_modified.isoformat(timespec="seconds"),
            "tags": art.tags,
        }
        if art.author:
            entry["authors"] = [{"name": art.author}]
        if art.image_url:
            entry["image"] = art.image_url
        items.append(entry)
    return {
        "version": "https://jsonfeed.org/version/1.1",
        "title": pub.name,
        "home_page_url": pub.base_url + "/",
        "feed_url": pub.feed_url,
        "language": "en",
        "icon": pub.base_url + "/icons/apple-touch-icon.png",
        "favicon": pub.base_url + "/icons/icon-32.png",
        "items": items,
    }

"""RSS 2.0, Atom 1.0 and JSON Feed 1.1, for all news and for each topic.

The XML is built as a tree with lxml and serialised by it, never pasted
together from strings, so a title holding ``<``, ``&`` or a stray control
character from a source page still gives a well-formed feed. Feed dates come
from the items, not from the clock, so an unchanged feed is byte-identical
between runs and is not rewritten.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from email.utils import format_datetime

from lxml import etree

from tidings.models import format_utc
from tidings.publish.site_data import SiteData, Topic
from tidings.publish.site_paths import (
    FRONT_PAGE,
    absolute,
    feed_path,
    listing_page,
    story_page,
)

FEED_SIZE = 50  #: newest items per feed; readers poll often, archives live in the API
ATOM_NS = "http://www.w3.org/2005/Atom"
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
# XML 1.0 forbids most C0 controls, lone surrogates and U+FFFE/U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot carry (lxml refuses them)."""
    return _NOT_XML.sub("", text)


class FeedContext:
    """What every format needs to describe one feed."""

    def __init__(
        self,
        data: SiteData,
        topic: Topic | None,
        *,
        base_url: str,
        title: str,
        now: datetime,
    ) -> None:
        self.topic = topic
        slug = None if topic is None else topic.slug
        self.items = (data.items if topic is None else data.items_in(topic))[:FEED_SIZE]
        self.title = title if topic is None else f"{title}: {topic.name}"
        self.description = (
            f"The AI news {title} curates, newest first."
            if topic is None
            else f"AI news on {topic.name}, curated by {title}, newest first."
        )
        self.base_url = base_url
        self.home = absolute(base_url, FRONT_PAGE if topic is None else listing_page(slug, 1))
        self.self_url = {ext: absolute(base_url, feed_path(slug, ext)) for ext in EXTENSIONS}
        by_lead = data.story_by_lead()
        self.story_urls = {
            i.id: absolute(base_url, story_page(by_lead[i.id].key))
            for i in self.items
            if i.id in by_lead
        }
        # An empty feed has no item to date it by; then the build time is the honest answer.
        self.updated = max((i.published for i in self.items), default=now)
        self.author = title


def rss(ctx: FeedContext) -> str:
    """RSS 2.0: channel title, link and description; items with a permalink guid."""
    root = etree.Element("rss", version="2.0", nsmap={"atom": ATOM_NS})
    channel = etree.SubElement(root, "channel")
    _sub(channel, "title", ctx.title)
    _sub(channel, "link", ctx.home)
    _sub(channel, "description", ctx.description)
    _sub(channel, "language", "en")
    _sub(channel, "lastBuildDate", format_datetime(ctx.updated, usegmt=True))
    etree.SubElement(
        channel,
        f"{{{ATOM_NS}}}link",
        href=ctx.self_url["xml"],
        rel="self",
        type="application/rss+xml",
    )
    for item in ctx.items:
        node = etree.SubElement(channel, "item")
        _sub(node, "title", item.title)
        _sub(node, "link", item.web_url)
        _sub(node, "description", item.excerpt)
        guid = _sub(node, "guid", item.web_url)
        guid.set("isPermaLink", "true")
        _sub(node, "pubDate", format_datetime(item.published, usegmt=True))
        for topic in item.topics:
            _sub(node, "category", topic.name)
    return _serialise(root)


def atom(ctx: FeedContext) -> str:
    """Atom 1.0: feed id, title, updated, author and self/alternate links; full entries."""
    root = etree.Element(f"{{{ATOM_NS}}}feed", nsmap={None: ATOM_NS})
    root.set("{http://www.w3.org/XML/1998/namespace}lang", "en")
    _sub(root, _atom("id"), ctx.self_url["atom"])
    _sub(root, _atom("title"), ctx.title)
    _sub(root, _atom("subtitle"), ctx.description)
    _sub(root, _atom("updated"), format_utc(ctx.updated) or "")
    author = etree.SubElement(root, _atom("author"))
    _sub(author, _atom("name"), ctx.author)
    _link(root, ctx.self_url["atom"], "self", "application/atom+xml")
    _link(root, ctx.home, "alternate", "text/html")
    for item in ctx.items:
        entry = etree.SubElement(root, _atom("entry"))
        _sub(entry, _atom("id"), item.web_url)
        _sub(entry, _atom("title"), item.title).set("type", "text")
        _sub(entry, _atom("updated"), format_utc(item.published) or "")
        _sub(entry, _atom("published"), format_utc(item.published) or "")
        who = etree.SubElement(entry, _atom("author"))
        _sub(who, _atom("name"), item.provider_name)
        _link(entry, item.web_url, "alternate", "text/html")
        if item.id in ctx.story_urls:
            _link(entry, ctx.story_urls[item.id], "related", "text/html")
        for topic in item.topics:
            etree.SubElement(entry, _atom("category"), term=xml_text(topic.name))
        _sub(entry, _atom("summary"), item.excerpt).set("type", "text")
    return _serialise(root)


def json_feed(ctx: FeedContext) -> str:
    """JSON Feed 1.1: version URL, title, feed_url; items with id, url and RFC 3339 dates."""
    items = []
    for item in ctx.items:
        entry: dict[str, object] = {
            "id": item.web_url,
            "url": item.web_url,
            "title": item.title,
            "content_text": item.excerpt,
            "date_published": format_utc(item.published),
            "authors": [{"name": item.provider_name}],
            "tags": [t.name for t in item.topics],
        }
        if item.pictures:
            # Our own large copy when the site has one, so readers' apps ask our server.
            picture = item.pictures[0]
            entry["image"] = (absolute(ctx.base_url, picture.large) if picture.large
                              else picture.url)
        items.append(entry)
    body = {
        "version": JSON_FEED_VERSION,
        "title": ctx.title,
        "home_page_url": ctx.home,
        "feed_url": ctx.self_url["json"],
        "description": ctx.description,
        "language": "en",
        "authors": [{"name": ctx.author}],
        "items": items,
    }
    return json.dumps(body, ensure_ascii=False, indent=2) + "\n"


EXTENSIONS = {"xml": rss, "atom": atom, "json": json_feed}


def build_feeds(data: SiteData, *, base_url: str, title: str, now: datetime) -> dict[str, str]:
    """Every feed file, name to text: all news, then each topic, in the three formats."""
    files: dict[str, str] = {}
    for topic in (None, *data.topics):
        ctx = FeedContext(data, topic, base_url=base_url, title=title, now=now)
        slug = None if topic is None else topic.slug
        for extension, render in EXTENSIONS.items():
            files[feed_path(slug, extension)] = render(ctx)
    return files


def _atom(tag: str) -> str:
    return f"{{{ATOM_NS}}}{tag}"


def _sub(parent: etree._Element, tag: str, text: str) -> etree._Element:
    node = etree.SubElement(parent, tag)
    node.text = xml_text(text)
    return node


def _link(parent: etree._Element, href: str, rel: str, kind: str) -> None:
    etree.SubElement(parent, _atom("link"), href=xml_text(href), rel=rel, type=kind)


def _serialise(root: etree._Element) -> str:
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return data.decode("utf-8")


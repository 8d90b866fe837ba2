"""OPML subscription lists: how feed readers import and export their sources."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass

from tidings.models import SourceKind
from tidings.sources.common import absolute_url, clean_text
from tidings.sources.errors import SourceError
from tidings.sources.safety import decode, parse_xml, strip_xml_declaration, unwrap

# OPML's outline ``type`` says what the URL is; readers write "rss" even for Atom.
_FEED_TYPES = {"", "rss", "atom", "feed", "jsonfeed", "json"}
_OTHER_KINDS: dict[str, SourceKind] = {"sitemap": "sitemap", "page": "page", "file": "file"}


@dataclass(slots=True)
class Subscription:
    """One source to watch, as an OPML outline describes it."""

    url: str
    title: str | None = None
    site_url: str | None = None
    kind: SourceKind = "feed"


def parse_opml(content: bytes) -> list[Subscription]:
    """Every outline with an ``xmlUrl``, folders flattened, in document order.

    Outlines without a usable http(s) ``xmlUrl`` (or, for ``type="file"``, an
    absolute path) are folders or plain links and are passed over; a URL listed
    twice is kept once. A document that is not OPML at all is a :class:`SourceError`.
    """
    body = unwrap(content)
    if not body.strip():
        raise SourceError("empty document")
    root = parse_xml(strip_xml_declaration(decode(body)), "OPML")
    if root.tag.lower() != "opml":
        raise SourceError(f"not an OPML document: root element is <{root.tag}>")
    body_node = next((child for child in root if child.tag.lower() == "body"), None)
    if body_node is None:
        raise SourceError("OPML document has no <body>")
    subscriptions: list[Subscription] = []
    seen: set[str] = set()
    for outline in body_node.iter("outline"):
        attributes = {name.lower(): value for name, value in outline.attrib.items()}
        kind = (attributes.get("type") or "").strip().lower()
        raw = (attributes.get("xmlurl") or "").strip()
        # A local folder source (type="file") is a path, as `sources export` writes it.
        url = raw if kind == "file" and raw.startswith("/") else absolute_url(raw, "")
        if url is None or url in seen:
            continue
        seen.add(url)
        subscriptions.append(
            Subscription(
                url=url,
                title=clean_text(attributes.get("title")) or clean_text(attributes.get("text")),
                site_url=absolute_url(attributes.get("htmlurl"), url),
                kind="feed" if kind in _FEED_TYPES else _OTHER_KINDS.get(kind, "feed"),
            )
        )
    return subscriptions


def write_opml(subscriptions: Iterable[Subscription], title: str = "Tidings sources") -> str:
    """An OPML 2.0 document listing ``subscriptions``, readable by any feed reader."""
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = title
    body = ET.SubElement(root, "body")
    for subscription in subscriptions:
        name = subscription.title or subscription.url
        attributes = {
            "type": "rss" if subscription.kind == "feed" else subscription.kind,
            "text": name,
            "title": name,
            "xmlUrl": subscription.url,
        }
        if subscription.site_url:
            attributes["htmlUrl"] = subscription.site_url
        ET.SubElement(body, "outline", attributes)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"

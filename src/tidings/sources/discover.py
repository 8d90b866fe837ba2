"""Feed autodiscovery: the feeds a web page advertises in its ``<head>``."""

from __future__ import annotations

import lxml.html
from lxml.etree import ParserError

from tidings.sources.common import absolute_url
from tidings.sources.safety import strip_xml_declaration

FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/feed+json",
        "application/json",
        "text/xml",
        "application/xml",
    }
)


def discover_feeds(html: str | bytes, base_url: str) -> list[str]:
    """Absolute URLs of the feeds ``<link rel="alternate">`` elements point to.

    Document order is kept, except that comment feeds (which blogs list next to
    the main feed) go last, so the first URL is the one to subscribe to.
    An unreadable page simply advertises no feeds.
    """
    if not html or not html.strip():
        return []
    try:
        document = lxml.html.fromstring(html)
    except ValueError:
        # lxml refuses str input that carries an XML encoding declaration (XHTML).
        if not isinstance(html, str):
            return []
        try:
            document = lxml.html.fromstring(strip_xml_declaration(html))
        except (ParserError, ValueError):
            return []
    except ParserError:
        return []
    base = base_url
    for node in document.iter("base"):
        base = absolute_url(node.get("href"), base_url) or base_url
        break
    found: list[tuple[bool, str]] = []
    seen: set[str] = set()
    for link in document.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").split(";")[0].strip().lower()
        if "alternate" not in rel or kind not in FEED_TYPES:
            continue
        url = absolute_url(link.get("href"), base)
        if url is None or url in seen:
            continue
        seen.add(url)
        is_comments = "comment" in (link.get("title") or "").lower() or "/comments/" in url
        found.append((is_comments, url))
    return [url for _, url in sorted(found, key=lambda pair: pair[0])]

"""Turn the bytes of any supported source document into a :class:`Listing`.

The document type is sniffed from its content rather than trusted from the
Content-Type header, which servers get wrong as often as right.
"""

from __future__ import annotations

import re
from datetime import datetime
from urllib.parse import urlsplit

from tidings.models import Entry, Listing
from tidings.sources.common import Found
from tidings.sources.errors import SourceError
from tidings.sources.feeds import parse_feed
from tidings.sources.jsonfeed import parse_json_feed
from tidings.sources.safety import decode, parse_xml, strip_xml_declaration, unwrap
from tidings.sources.sitemaps import parse_sitemap

#: A hostile or runaway listing must not flood the fetch queue.
MAX_ENTRIES = 1000

_JSON_TYPES = {"application/feed+json", "application/json"}
_HTML_ROOTS = {"html", "head", "body"}
_PROLOGUE_ITEM = re.compile(
    r"\s*(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE(?:[^\[>]|\[.*?\])*>)", re.DOTALL | re.IGNORECASE
)
_ROOT_TAG = re.compile(r"\s*<([A-Za-z_][\w.:-]*)")
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)
_SNIFF_BYTES = 4096


def parse_listing(content: bytes, url: str, content_type: str = "") -> Listing:
    """The entries (or child sitemaps) of a feed or sitemap found at ``url``.

    Raises :class:`SourceError` for anything that is not a readable listing.
    A recoverable problem is silently accepted; use :func:`parse_listing_checked`
    to see it.
    """
    listing, _warning = parse_listing_checked(content, url, content_type)
    return listing


def parse_listing_checked(
    content: bytes, url: str, content_type: str = "", *, max_entries: int = MAX_ENTRIES
) -> tuple[Listing, str | None]:
    """Like :func:`parse_listing`, plus a warning when the document was only partly readable.

    The warning covers a malformed feed whose entries were still recovered,
    entries skipped for lack of a usable link, and listings cut to
    ``max_entries`` (the newest are kept).
    """
    if max_entries < 1:
        raise ValueError(f"max_entries must be at least 1, not {max_entries}")
    body = unwrap(content)
    if not body.strip():
        raise SourceError("empty document")
    if b"\x00" in body[:_SNIFF_BYTES] and not body.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise SourceError("binary data, not a feed or sitemap")
    media_type = content_type.split(";")[0].strip().lower()
    charset = _CHARSET.search(content_type)
    text = decode(body, charset.group(1) if charset else None)
    head = text.lstrip("\ufeff \t\r\n")
    if not head:  # e.g. nothing but a byte-order mark
        raise SourceError("empty document")

    # The header only breaks a tie: a body that starts with markup is never JSON.
    if head.startswith(("{", "[")) or (media_type in _JSON_TYPES and not head.startswith("<")):
        title, site_url, items = parse_json_feed(head, url)
        entries, warning = _select(items, max_entries)
        return Listing(kind="feed", title=title, site_url=site_url, entries=entries), warning

    root = _root_name(head)
    if root is None:
        raise SourceError("not a feed, sitemap or JSON Feed: no XML root element found")
    if root in _HTML_ROOTS:
        raise SourceError(
            "got an HTML page, not a feed; its feeds can be found with discover_feeds"
        )
    if root == "opml":
        raise SourceError("got an OPML subscription list, not a listing; read it with parse_opml")
    if root in ("urlset", "sitemapindex"):
        return _sitemap(text, url, max_entries)

    feed = parse_feed(text, url)
    entries, cut = _select(feed.items, max_entries)
    warning = "; ".join(w for w in (feed.warning, cut) if w) or None
    listing = Listing(kind="feed", title=feed.title, site_url=feed.site_url, entries=entries)
    return listing, warning


def _sitemap(text: str, url: str, max_entries: int) -> tuple[Listing, str | None]:
    root = parse_xml(strip_xml_declaration(text), "sitemap")
    parsed = parse_sitemap(root, url)
    entries, warning = _select(parsed.items, max_entries)
    children, children_cut = _select(parsed.children, max_entries)
    parts = urlsplit(url)
    listing = Listing(
        kind="sitemap",
        site_url=f"{parts.scheme}://{parts.netloc}/" if parts.netloc else None,
        entries=entries,
        children=[child.url for child in children],
    )
    return listing, warning or children_cut


def _root_name(text: str) -> str | None:
    """Lower-cased local name of the first element, skipping declarations and comments."""
    position = 0
    while match := _PROLOGUE_ITEM.match(text, position):
        if match.end() == position:
            break
        position = match.end()
    tag = _ROOT_TAG.match(text, position)
    if tag is None:
        return None
    return tag.group(1).rsplit(":", 1)[-1].lower()


def _select(items: list[Found], limit: int) -> tuple[list[Entry], str | None]:
    """Entries with duplicate URLs dropped (first wins), cut to the ``limit`` newest.

    Undated entries count as oldest; survivors keep their document order.
    """
    seen: set[str] = set()
    unique: list[Found] = []
    for item in items:
        if item.entry.url not in seen:
            seen.add(item.entry.url)
            unique.append(item)
    if len(unique) <= limit:
        return [item.entry for item in unique], None

    def newest_first(index: int) -> tuple[bool, float, int]:
        recency: datetime | None = unique[index].recency
        return (recency is None, -recency.timestamp() if recency else 0.0, index)

    keep = sorted(sorted(range(len(unique)), key=newest_first)[:limit])
    warning = f"listing has {len(unique)} entries; kept the {limit} newest"
    return [unique[i].entry for i in keep], warning

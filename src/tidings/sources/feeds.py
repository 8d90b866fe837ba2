"""RSS 0.9x/1.0/2.0 and Atom, read with feedparser after the safety checks."""

from __future__ import annotations

import io
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import feedparser

from tidings.models import Entry
from tidings.sources.common import Found, absolute_url, clean_text, plausible, summarize
from tidings.sources.errors import SourceError
from tidings.sources.safety import refuse_entities, strip_xml_declaration

_IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif")


@dataclass(slots=True)
class ParsedFeed:
    """What feedparser recovered, before de-duplication and capping."""

    title: str | None
    site_url: str | None
    items: list[Found] = field(default_factory=list)
    warning: str | None = None


def parse_feed(text: str, url: str) -> ParsedFeed:
    """Read an RSS or Atom document (already decoded) listed at ``url``.

    A malformed document that still yields linked entries is kept, with the
    parser's complaint as ``warning``; one that yields none is a
    :class:`SourceError`.
    """
    refuse_entities(text)
    body = strip_xml_declaration(text).encode("utf-8")
    # A stream, never bytes/str: feedparser treats a str as a URL or file name to open.
    parsed = feedparser.parse(
        io.BytesIO(body),
        response_headers={
            "content-location": url,
            "content-type": "application/xml; charset=utf-8",
        },
        sanitize_html=False,
        resolve_relative_uris=False,
    )
    problem = _describe(parsed.get("bozo_exception")) if parsed.get("bozo") else None
    items = []
    skipped = 0
    for raw in parsed.entries:
        found = _entry(raw, url)
        if found is None:
            skipped += 1
        else:
            items.append(found)
    if not items:
        if problem:
            raise SourceError(f"malformed feed: {problem}")
        if not parsed.get("version"):
            raise SourceError("not a feed: no RSS, RDF or Atom channel found")
    feed = parsed.get("feed", {})
    if skipped:
        note = f"{skipped} entries without an http(s) link were skipped"
        problem = f"{problem}; {note}" if problem else note
    return ParsedFeed(
        title=clean_text(feed.get("title")),
        site_url=absolute_url(feed.get("link"), url),
        items=items,
        warning=problem,
    )


def _describe(exc: object) -> str:
    return str(exc) or type(exc).__name__


def _entry(raw: Any, base: str) -> Found | None:
    link = absolute_url(raw.get("link"), base)
    if link is None and raw.get("guidislink", True):
        # A guid is opaque unless it is already a full URL; never resolve it.
        link = absolute_url(raw.get("id"), "")
    if link is None:
        return None
    published = _struct_to_utc(raw.get("published_parsed") or raw.get("created_parsed"))
    # dict.get sidesteps feedparser's deprecated updated->published alias and its warning.
    updated = _struct_to_utc(dict.get(raw, "updated_parsed"))
    summary = raw.get("summary")
    if not summary and raw.get("content"):
        summary = raw["content"][0].get("value")
    entry = Entry(
        url=link,
        title=clean_text(raw.get("title")),
        summary=summarize(summary),
        # Atom's <updated> is mandatory and often the only date, so it stands in.
        published=published or updated,
        author=clean_text(raw.get("author")),
        image=_image(raw, base),
    )
    return Found(entry, published or updated)


def _struct_to_utc(value: object) -> datetime | None:
    """feedparser's parsed dates are UTC ``struct_time``s; leap seconds are clamped."""
    if not isinstance(value, time.struct_time):
        return None
    try:
        moment = datetime(*value[:5], min(value.tm_sec, 59), tzinfo=UTC)
    except (ValueError, OverflowError):
        return None
    return plausible(moment)


def _image(raw: Any, base: str) -> str | None:
    """The entry's picture: media:content, then media:thumbnail, then an image enclosure."""
    for media in raw.get("media_content") or []:
        medium = media.get("medium", "")
        kind = media.get("type", "")
        if (
            medium == "image"
            or kind.startswith("image/")
            or (not medium and not kind and _looks_like_image(media.get("url")))
        ):
            found = absolute_url(media.get("url"), base)
            if found:
                return found
    for thumb in raw.get("media_thumbnail") or []:
        found = absolute_url(thumb.get("url"), base)
        if found:
            return found
    for link in raw.get("enclosures") or []:
        if link.get("type", "").startswith("image/") or (
            not link.get("type") and _looks_like_image(link.get("href"))
        ):
            found = absolute_url(link.get("href"), base)
            if found:
                return found
    return None


def _looks_like_image(url: object) -> bool:
    return isinstance(url, str) and url.lower().split("?")[0].endswith(_IMAGE_SUFFIXES)

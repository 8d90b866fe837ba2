"""Small helpers every listing parser shares: URLs, dates and summaries."""

from __future__ import annotations

import email.utils
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import urldefrag, urljoin, urlsplit

import lxml.html
from lxml.etree import ParserError

from tidings.models import Entry

#: Summaries are a teaser for the desk, not the article: the extract stage reads the page.
SUMMARY_CHARS = 300

# Dates before the web or days ahead of now are feed bugs, not publication dates;
# a future date would also pin an item to the top of every "newest first" list.
_EARLIEST = datetime(1990, 1, 1, tzinfo=UTC)
_FUTURE_SLACK = timedelta(days=2)

_W3C_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2}))?$")
_WHITESPACE = re.compile(r"\s+")


@dataclass(slots=True)
class Found:
    """An entry plus the best date we have for ordering it.

    ``recency`` may come from a modification date (a sitemap ``lastmod``) that
    must not be passed off as the publication date, yet is good enough to decide
    which entries are newest when a listing is too long.
    """

    entry: Entry
    recency: datetime | None = None


def absolute_url(link: object, base: str) -> str | None:
    """``link`` resolved against ``base`` without its fragment, or None unless http(s).

    Other schemes (``javascript:``, ``mailto:``, ``data:``) never name an article.
    """
    if not isinstance(link, str):
        return None
    link = link.strip()
    if not link:
        return None
    try:
        resolved = urldefrag(urljoin(base, link)).url
        parts = urlsplit(resolved)
    except ValueError:  # e.g. an invalid IPv6 literal in the host
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return resolved


def clean_text(value: object) -> str | None:
    """Whitespace-collapsed text, or None when there is nothing left."""
    if not isinstance(value, str):
        return None
    text = _WHITESPACE.sub(" ", value).strip()
    return text or None


def html_to_text(value: object) -> str | None:
    """Visible text of an HTML fragment (scripts and styles dropped)."""
    if not isinstance(value, str) or not value.strip():
        return None
    if "<" not in value and "&" not in value:
        return clean_text(value)
    try:
        root = lxml.html.fragment_fromstring(value, create_parent="div")
    except (ParserError, ValueError):
        return clean_text(value)
    for node in root.xpath("//script|//style|//noscript"):
        node.drop_tree()
    return clean_text(root.text_content())


def summarize(value: object, limit: int = SUMMARY_CHARS) -> str | None:
    """A short plain-text teaser: HTML stripped, cut on a word boundary."""
    text = html_to_text(value)
    if text is None or len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return cut.rstrip(" ,;:.-") + "…"


def plausible(moment: datetime | None, now: datetime | None = None) -> datetime | None:
    """``moment`` in UTC when it could be a real publication date, else None."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        # Feeds that omit the zone are, by the RSS and W3C conventions, in UTC.
        moment = moment.replace(tzinfo=UTC)
    moment = moment.astimezone(UTC)
    now = now or datetime.now(UTC)
    if moment < _EARLIEST or moment > now + _FUTURE_SLACK:
        return None
    return moment


def parse_date(value: object) -> datetime | None:
    """A timezone-aware UTC datetime from ISO 8601 / W3C or RFC 822 text, else None.

    Impossible dates (30 February, month 13) and implausible ones give None
    rather than an exception: a bad date must not cost us the entry.
    """
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text:
        return None
    moment: datetime | None = None
    partial = _W3C_PARTIAL.match(text)
    try:
        if partial:
            moment = datetime(int(partial.group(1)), int(partial.group(2) or 1), 1)
        else:
            moment = datetime.fromisoformat(text.replace("z", "Z"))
    except ValueError:
        try:
            moment = email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    return plausible(moment)

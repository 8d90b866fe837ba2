"""JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1)."""

from __future__ import annotations

import json
from typing import Any

from tidings.models import Entry
from tidings.sources.common import Found, absolute_url, clean_text, parse_date, summarize
from tidings.sources.errors import SourceError

VERSION_PREFIX = "https://jsonfeed.org/version/"


def parse_json_feed(text: str, url: str) -> tuple[str | None, str | None, list[Found]]:
    """The feed's title, home page and items.

    Fields of the wrong JSON type are ignored one by one, so a single odd item
    does not cost the rest of the feed.
    """
    try:
        document = json.loads(text)
    except RecursionError:
        raise SourceError("JSON nested too deeply to be a feed") from None
    except ValueError as exc:
        raise SourceError(f"malformed JSON: {exc}") from exc
    if not isinstance(document, dict):
        raise SourceError("JSON document is not a JSON Feed (top level is not an object)")
    version = document.get("version")
    if not (isinstance(version, str) and version.startswith(VERSION_PREFIX)):
        raise SourceError(f"JSON document is not a JSON Feed (version {version!r})")
    items = document.get("items")
    if not isinstance(items, list):
        raise SourceError("JSON Feed has no 'items' list")
    found = [item for raw in items if isinstance(raw, dict) and (item := _item(raw, url))]
    return (
        clean_text(document.get("title")),
        absolute_url(document.get("home_page_url"), url),
        found,
    )


def _item(raw: dict[str, Any], base: str) -> Found | None:
    # external_url is what a link blog points at; an id counts only when it is a full URL,
    # since ids are opaque strings that merely tend to be permalinks.
    link = (
        absolute_url(raw.get("url"), base)
        or absolute_url(raw.get("external_url"), base)
        or absolute_url(raw.get("id"), "")
    )
    if link is None:
        return None
    published = parse_date(raw.get("date_published"))
    modified = parse_date(raw.get("date_modified"))
    summary = raw.get("summary") or raw.get("content_text") or raw.get("content_html")
    entry = Entry(
        url=link,
        title=clean_text(raw.get("title")),
        summary=summarize(summary),
        published=published,
        author=_author(raw),
        image=absolute_url(raw.get("image"), base) or absolute_url(raw.get("banner_image"), base),
    )
    return Found(entry, published or modified)


def _author(raw: dict[str, Any]) -> str | None:
    """Names from 1.1's ``authors`` list, or 1.0's single ``author``."""
    people = raw.get("authors")
    if not isinstance(people, list):
        people = [raw.get("author")]
    names = [clean_text(p.get("name")) for p in people if isinstance(p, dict)]
    joined = ", ".join(n for n in names if n)
    return joined or None

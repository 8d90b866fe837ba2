"""Checking values on their way into the store and copying rows into records.

Everything here is a pure function of its arguments, kept apart from
:mod:`tidings.store.store` so the transaction logic there stays readable.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import fields
from datetime import UTC, datetime
from functools import cache
from typing import Any, TypeVar

from sqlalchemy import ColumnElement

from tidings.models import Article, Entry
from tidings.store.records import LinkInfo, SourceInfo, StoredArticle
from tidings.store.schema import ArticleRow, Link, Source

#: Longer URLs are refused: no real article needs one, and PostgreSQL cannot index them.
MAX_URL_LENGTH = 2048

#: What update_curation may change, with a check for each value.
CURATION_FIELDS: dict[str, Callable[[Any], bool]] = {
    "relevant": lambda v: v is None or isinstance(v, bool),
    "topics": lambda v: isinstance(v, list | tuple),
    "story_id": lambda v: v is None or is_id(v),
    "quality": lambda v: v is None or is_number(v),
    "heat": lambda v: v is None or is_number(v),
    "published": lambda v: isinstance(v, bool),
    "suppressed": lambda v: isinstance(v, bool),
    "pinned": lambda v: isinstance(v, bool),
    "related": lambda v: isinstance(v, list | tuple) and all(is_id(i) for i in v),
    "curation": lambda v: isinstance(v, dict),
    "secured": lambda v: v is None or isinstance(v, str),
    "record_path": lambda v: v is None or isinstance(v, str),
    "record_digest": lambda v: v is None or isinstance(v, str),
}

STORY_FIELDS: dict[str, Callable[[Any], bool]] = {
    "title": lambda v: isinstance(v, str),  # may start empty; curation names it later
    "lead_article_id": lambda v: v is None or is_id(v),
    "size": lambda v: is_id(v) or (type(v) is int and v == 0),
}

_R = TypeVar("_R")


# -- conversions ---------------------------------------------------------------------------------


def record(cls: type[_R], row: Any, **overrides: Any) -> _R:
    """Copy a row's columns into the frozen record ``cls``, field by field."""
    values = {name: getattr(row, name) for name in _field_names(cls) if name not in overrides}
    return cls(**values, **overrides)


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    # Listing pages copy many rows; dataclasses.fields() is slow to ask for every one.
    return tuple(f.name for f in fields(cls))


def source_info(row: Source) -> SourceInfo:
    return record(SourceInfo, row)


def link_info(row: Link) -> LinkInfo:
    data = row.entry or {}
    published = data.get("published")
    entry = Entry(
        url=row.url,
        title=data.get("title"),
        summary=data.get("summary"),
        published=datetime.fromisoformat(published) if published else None,
        author=data.get("author"),
        image=data.get("image"),
    )
    return record(LinkInfo, row, entry=entry)


def article_info(row: ArticleRow) -> StoredArticle:
    return record(
        StoredArticle,
        row,
        images=tuple(dict(i) for i in row.images or ()),
        topics=tuple(row.topics or ()),
        related=tuple(row.related or ()),
        curation=dict(row.curation or {}),
    )


def entry_json(entry: Entry) -> dict[str, Any]:
    published = entry.published
    if published is not None:
        check_aware(published, f"published date of {entry.url}")
        published = published.astimezone(UTC)
    return {
        "title": entry.title,
        "summary": entry.summary,
        "published": published.isoformat() if published else None,
        "author": entry.author,
        "image": entry.image,
    }


def article_values(article: Article) -> dict[str, Any]:
    """The article's columns, checked: a bad value fails here with its name, not in SQL."""
    for name in ("title", "text", "excerpt", "html", "provider_name", "provider_domain"):
        if not isinstance(getattr(article, name), str):
            raise TypeError(f"Article.{name} must be a string, got {getattr(article, name)!r}")
    if article.published is not None:
        check_aware(article.published, "Article.published")
    return {
        "original_url": check_url(article.original_url, "Article.original_url"),
        "web_url": check_url(article.web_url, "Article.web_url"),
        "title": article.title,
        "excerpt": article.excerpt,
        "text": article.text,
        "html": article.html,
        "author": article.author,
        "published_at": article.published,
        "date_source": article.date_source,
        "language": article.language,
        "type": article.type,
        "provider_name": article.provider_name,
        "provider_domain": article.provider_domain,
        "images": [
            {"url": i.url, "width": i.width, "height": i.height}
            | ({"cached": dict(i.cached)} if i.cached else {})
            for i in article.images
        ],
        "syndicated": bool(article.syndicated),
        "content_hash": content_hash(article.text),
        "topics": [],
        "published": False,
        "suppressed": False,
        "pinned": False,
        "related": [],
        "curation": {},
    }


def content_hash(text: str) -> str:
    """SHA-256 of the text with whitespace collapsed, to spot copies that differ only in layout."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


# -- checks --------------------------------------------------------------------------------------


def source_key(url_or_id: str | int) -> ColumnElement[bool]:
    if is_id(url_or_id):
        return Source.id == url_or_id
    if isinstance(url_or_id, str):
        return Source.url == url_or_id.strip()
    raise TypeError(f"a source is named by its URL or id, got {url_or_id!r}")


def check_url(url: Any, what: str) -> str:
    if not isinstance(url, str) or not url.strip():
        raise ValueError(f"{what} must be a non-empty string, got {url!r}")
    url = url.strip()
    if len(url) > MAX_URL_LENGTH:
        raise ValueError(f"{what} is {len(url)} characters long; the limit is {MAX_URL_LENGTH}")
    return url


def check_aware(moment: Any, what: str) -> None:
    if not isinstance(moment, datetime):
        raise TypeError(f"{what} must be a datetime, got {moment!r}")
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{what} is a naive datetime ({moment.isoformat()}); give it a timezone")


def checked_fields(
    caller: str, allowed: dict[str, Callable[[Any], bool]], fields: dict[str, Any]
) -> dict[str, Any]:
    unknown = sorted(set(fields) - set(allowed))
    if unknown:
        raise TypeError(
            f"{caller}() got unknown field(s) {', '.join(unknown)}; "
            f"allowed: {', '.join(sorted(allowed))}"
        )
    for name, value in fields.items():
        if not allowed[name](value):
            raise ValueError(f"{caller}(): invalid value for {name}: {value!r}")
    return dict(fields)


def is_id(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)

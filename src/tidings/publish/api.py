"""The static JSON API in the reference site's layout: ``api/news/<topic-slug>/...``.

Each topic (and "all news" at ``api/news/``) gets pages of 20 items, newest
first. Items carry the keys the reference API items carry that Tidings has,
heat included; the reference's always-null keys (sourceUrl, highlight, ...)
are left out rather than faked. Page 1 is written twice, as the folder's
``index.json`` and as ``page/1/index.json``, because the reference serves both.
"""

from __future__ import annotations

import json
from typing import Any

from tidings.models import format_utc
from tidings.publish.site_data import Item, SiteData, Topic
from tidings.publish.site_paths import PAGE_SIZE, api_page, page_count

ALL_NEWS = "All news"


def api_item(item: Item) -> dict[str, Any]:
    """One item as the API lists it."""
    return {
        "path": item.path,
        "title": item.title,
        "excerpt": item.excerpt,
        "webUrl": item.web_url,
        "originalUrl": item.original_url,
        "type": item.type,
        "heat": item.heat,
        "publishedDateTime": format_utc(item.published),
        "provider": {"name": item.provider_name, "domain": item.provider_domain, "images": []},
        "images": [
            # Reference keys first; the site's own copies (site-relative, like "path") extra.
            {"url": p.url, "width": p.width, "height": p.height, "isCached": p.is_cached}
            | ({"cached": {k: v for k, v in (("large", p.large), ("thumb", p.thumb)) if v}}
               if p.is_cached else {})
            for p in item.pictures
        ],
        "topics": [t.name for t in item.topics],
        "categories": ["news"],
    }


def api_pages(items: tuple[Item, ...], topic: Topic | None) -> dict[str, str]:
    """Every page of one listing, file name to JSON text."""
    slug = None if topic is None else topic.slug
    pages = page_count(len(items))
    files: dict[str, str] = {}
    for number in range(1, pages + 1):
        chunk = items[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]
        body = {
            "topic": ALL_NEWS if topic is None else topic.name,
            "page": number,
            "pages": pages,
            "total": len(items),
            "value": [api_item(i) for i in chunk],
            "nextPage": api_page(slug, number + 1) if number < pages else None,
            "previousPage": api_page(slug, number - 1) if number > 1 else None,
        }
        text = json.dumps(body, ensure_ascii=False, indent=2) + "\n"
        files[api_page(slug, number)] = text
        if number == 1:
            files[f"{api_page(slug, 1).removesuffix('index.json')}page/1/index.json"] = text
    return files


def build_api(data: SiteData) -> dict[str, str]:
    """All API files: all news, then one listing per topic."""
    files = api_pages(data.items, None)
    for topic in data.topics:
        files.update(api_pages(data.items_in(topic), topic))
    return files

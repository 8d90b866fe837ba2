"""Sitemaps, sitemap indexes and Google News sitemaps (sitemaps.org 0.9)."""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.etree.ElementTree import Element

from tidings.models import Entry
from tidings.sources.common import Found, absolute_url, clean_text, parse_date


@dataclass(slots=True)
class ParsedSitemap:
    """Entries of a ``<urlset>``, or child sitemaps of a ``<sitemapindex>``."""

    items: list[Found] = field(default_factory=list)
    children: list[Found] = field(default_factory=list)


def local_name(tag: object) -> str:
    """``urlset`` from ``{http://www.sitemaps.org/schemas/sitemap/0.9}urlset``."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def parse_sitemap(root: Element, url: str) -> ParsedSitemap:
    """Read a parsed ``<urlset>`` or ``<sitemapindex>`` root element.

    Namespaces are matched by local name, because many generators get the
    sitemap namespace URI slightly wrong (http vs https, missing entirely).
    """
    result = ParsedSitemap()
    if local_name(root.tag) == "sitemapindex":
        for node in _children(root, "sitemap"):
            link = absolute_url(_text(node, "loc"), url)
            if link:
                # Entry is only a carrier here; the caller keeps the URL and date.
                result.children.append(Found(Entry(url=link), parse_date(_text(node, "lastmod"))))
        return result
    for node in _children(root, "url"):
        link = absolute_url(_text(node, "loc"), url)
        if link:
            result.items.append(_entry(node, link, url))
    return result


def _entry(node: Element, link: str, base: str) -> Found:
    news = _first(node, "news")
    title = published = None
    if news is not None:
        title = clean_text(_text(news, "title"))
        published = parse_date(_text(news, "publication_date"))
    # lastmod says when the page last changed, not when it was published: use it
    # only to rank entries by recency.
    modified = parse_date(_text(node, "lastmod"))
    entry = Entry(url=link, title=title, published=published, image=_image(node, news, base))
    return Found(entry, published or modified)


def _image(node: Element, news: Element | None, base: str) -> str | None:
    # image:image (Google's image extension) or a news:image some publishers emit.
    candidates = [_first(news, "image") if news is not None else None, _first(node, "image")]
    for image in candidates:
        if image is None:
            continue
        found = absolute_url(_text(image, "loc") or image.text, base)
        if found:
            return found
    return None


def _children(parent: Element, name: str) -> list[Element]:
    return [child for child in parent if local_name(child.tag) == name]


def _first(parent: Element, name: str) -> Element | None:
    for child in parent:
        if local_name(child.tag) == name:
            return child
    return None


def _text(parent: Element, name: str) -> str | None:
    child = _first(parent, name)
    return child.text if child is not None else None

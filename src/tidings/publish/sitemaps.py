"""``sitemap.xml`` for every page and ``news-sitemap.xml`` for the last two days' stories.

Search engines read the news sitemap only for fresh articles (Google's rule
is two days, at most 1,000 URLs), so it lists story pages whose lead article
is that recent. A site past 50,000 pages gets a sitemap index, the protocol's
limit for one file.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta

from lxml import etree

from tidings.models import format_utc
from tidings.publish.feeds import xml_text
from tidings.publish.site_data import Story
from tidings.publish.site_paths import NEWS_SITEMAP, SITEMAP, absolute, story_page

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"
NEWS_WINDOW = timedelta(days=2)
MAX_NEWS_URLS = 1000
MAX_URLS = 50_000


def build_sitemaps(
    pages: Mapping[str, datetime | None],
    stories: tuple[Story, ...],
    *,
    base_url: str,
    title: str,
    now: datetime,
) -> dict[str, str]:
    """The sitemap (or index and parts) and the news sitemap, file name to text.

    ``pages`` maps each HTML page to when its content last changed, if known.
    """
    files: dict[str, str] = {}
    entries = sorted(pages.items())
    if len(entries) <= MAX_URLS:
        files[SITEMAP] = _urlset(entries, base_url)
    else:
        parts = [entries[i : i + MAX_URLS] for i in range(0, len(entries), MAX_URLS)]
        index = etree.Element(f"{{{SITEMAP_NS}}}sitemapindex", nsmap={None: SITEMAP_NS})
        for number, part in enumerate(parts, start=1):
            name = f"sitemap-{number}.xml"
            files[name] = _urlset(part, base_url)
            node = etree.SubElement(index, f"{{{SITEMAP_NS}}}sitemap")
            etree.SubElement(node, f"{{{SITEMAP_NS}}}loc").text = absolute(base_url, name)
        files[SITEMAP] = _serialise(index)
    files[NEWS_SITEMAP] = news_sitemap(stories, base_url=base_url, title=title, now=now)
    return files


def news_sitemap(stories: tuple[Story, ...], *, base_url: str, title: str, now: datetime) -> str:
    """Story pages whose lead was published in the last two days, newest first."""
    fresh = sorted(
        (s for s in stories if now - NEWS_WINDOW <= s.lead.published <= now + NEWS_WINDOW),
        key=lambda s: s.lead.published,
        reverse=True,
    )[:MAX_NEWS_URLS]
    root = etree.Element(f"{{{SITEMAP_NS}}}urlset", nsmap={None: SITEMAP_NS, "news": NEWS_NS})
    for story in fresh:
        url = etree.SubElement(root, f"{{{SITEMAP_NS}}}url")
        etree.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = absolute(
            base_url, story_page(story.key)
        )
        news = etree.SubElement(url, f"{{{NEWS_NS}}}news")
        publication = etree.SubElement(news, f"{{{NEWS_NS}}}publication")
        etree.SubElement(publication, f"{{{NEWS_NS}}}name").text = xml_text(title)
        etree.SubElement(publication, f"{{{NEWS_NS}}}language").text = "en"
        etree.SubElement(news, f"{{{NEWS_NS}}}publication_date").text = format_utc(
            story.lead.published
        )
        etree.SubElement(news, f"{{{NEWS_NS}}}title").text = xml_text(story.lead.title)
    return _serialise(root)


def _urlset(entries: list[tuple[str, datetime | None]], base_url: str) -> str:
    root = etree.Element(f"{{{SITEMAP_NS}}}urlset", nsmap={None: SITEMAP_NS})
    for path, changed in entries:
        url = etree.SubElement(root, f"{{{SITEMAP_NS}}}url")
        etree.SubElement(url, f"{{{SITEMAP_NS}}}loc").text = absolute(base_url, path)
        if changed is not None:
            etree.SubElement(url, f"{{{SITEMAP_NS}}}lastmod").text = format_utc(changed)
    return _serialise(root)


def _serialise(root: etree._Element) -> str:
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return data.decode("utf-8")

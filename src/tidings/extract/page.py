"""Read the metadata a page declares about itself: meta tags, JSON-LD, links.

Everything later rules need is gathered once into :class:`Page`, so each rule
is a small function of a plain value instead of another walk over the DOM.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin

import lxml.html
from lxml import etree

from tidings.extract.errors import ExtractError

#: JSON-LD types that describe the page's main content.
MAIN_TYPES = frozenset(
    {
        "Article", "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle",
        "OpinionNewsArticle", "BackgroundNewsArticle", "ReviewNewsArticle", "BlogPosting",
        "TechArticle", "ScholarlyArticle", "Report", "LiveBlogPosting", "SocialMediaPosting",
        "VideoObject", "PodcastEpisode", "AudioObject", "Clip", "Episode",
    }
)


@dataclass(slots=True)
class Page:
    """A parsed HTML page and the metadata it declares."""

    url: str
    tree: Any  # lxml.html.HtmlElement
    html: str
    #: meta name/property/itemprop (lower-cased) -> contents, in page order
    meta: dict[str, list[str]] = field(default_factory=dict)
    #: every JSON-LD object, @graph and nested lists flattened
    jsonld: list[dict[str, Any]] = field(default_factory=list)

    def first_meta(self, *names: str) -> str | None:
        """The first non-empty content among ``names``, in the order given."""
        for name in names:
            for value in self.meta.get(name, ()):
                if value.strip():
                    return value.strip()
        return None

    @property
    def main_ld(self) -> dict[str, Any] | None:
        """The JSON-LD object that describes the article itself, if any."""
        for obj in self.jsonld:
            if types_of(obj) & MAIN_TYPES:
                return obj
        return None

    def ld_types(self) -> set[str]:
        main = self.main_ld
        return types_of(main) if main else set()

    def link(self, rel: str) -> str | None:
        """Absolute href of the first ``<link rel=...>`` with that relation."""
        for node in self.tree.iter("link"):
            rels = (node.get("rel") or "").lower().split()
            href = (node.get("href") or "").strip()
            if rel in rels and href:
                return self.absolute(href)
        return None

    def absolute(self, href: str) -> str:
        return urljoin(self.base_url, href.strip())

    @property
    def base_url(self) -> str:
        for node in self.tree.iter("base"):
            if node.get("href"):
                return urljoin(self.url, node.get("href").strip())
        return self.url


def types_of(obj: dict[str, Any]) -> set[str]:
    raw = obj.get("@type", ())
    values = [raw] if isinstance(raw, str) else raw if isinstance(raw, list) else []
    # "http://schema.org/NewsArticle" and "NewsArticle" mean the same.
    return {str(v).rsplit("/", 1)[-1] for v in values}


_END_TAGS = re.compile(r"</(?:body|html)\s*>", re.I)
#: An end tag with markup after it (more than a closing comment or a script or two).
_EARLY_END = re.compile(r"</html\s*>(?=.{0,200000}?<(?:div|p|article|section|main)\b)", re.I | re.S)


def parse_html(html: str) -> Any:
    """The document tree of ``html``; ``ExtractError`` when lxml finds no document in it."""
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True)
    # lxml.html chooses each element's class in a Python callback (forms and inputs get
    # classes of their own, which nothing here uses), and every element a walk touches
    # paid for it: a tenth of the extraction time. One class, chosen in C.
    parser.set_element_class_lookup(etree.ElementDefaultClassLookup(
        element=lxml.html.HtmlElement, comment=lxml.html.HtmlComment,
        pi=lxml.html.HtmlProcessingInstruction, entity=lxml.html.HtmlEntity))
    # A browser reads on past a stray "</body></html>" (a template that closes the page
    # after its header and then prints the article); libxml2 stops there and loses the
    # rest. Without those end tags it closes the page where the text ends, as browsers do.
    if _EARLY_END.search(html):
        html = _END_TAGS.sub("", html)
    try:
        return lxml.html.document_fromstring(html.encode("utf-8", "replace"), parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise ExtractError(f"not HTML: {exc}") from exc


def parse_page(html: str, url: str) -> Page:
    """Parse ``html``; raise ``ExtractError`` when lxml finds no document in it."""
    page = Page(url=url, tree=parse_html(html), html=html)
    tree = page.tree
    for node in tree.iter("meta"):
        content = node.get("content")
        if content is None:
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = (node.get(attr) or "").strip().lower()
            if key:
                page.meta.setdefault(key, []).append(content)
    for node in tree.xpath("//script[@type]"):
        if "ld+json" in (node.get("type") or "").lower():
            page.jsonld.extend(_flatten(_load_json(node.text or "")))
    return page


def _load_json(raw: str) -> Any:
    # CMSs wrap JSON-LD in comments or CDATA and leave raw newlines in strings.
    raw = re.sub(r"^\s*(<!--|//\s*<!\[CDATA\[)|(-->|//\s*\]\]>)\s*$", "", raw.strip())
    try:
        return json.loads(raw, strict=False)
    except ValueError:
        return None


def _flatten(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _flatten(item)
    elif isinstance(data, dict):
        graph = data.get("@graph")
        if isinstance(graph, list):
            yield from _flatten(graph)
        if "@type" in data:
            yield data
        main = data.get("mainEntity")
        if isinstance(main, dict):
            yield from _flatten(main)


def ld_text(value: Any) -> str | None:
    """A plain string from a JSON-LD value that may be a string, object or list."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        return ld_text(value.get("name") or value.get("@value") or value.get("url"))
    if isinstance(value, list):
        for item in value:
            if text := ld_text(item):
                return text
    return None


def element_text(node: Any) -> str:
    """Visible text of an element with whitespace collapsed."""
    return " ".join(node.text_content().split())

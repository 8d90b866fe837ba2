"""``extract_html``: a fetched page becomes an :class:`~tidings.models.Article`.

The steps are independent rules (see the sibling modules); this module only
wires them together and decides which evidence fills which field.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from urllib.parse import urlsplit

from tidings.extract import dates
from tidings.extract.body import main_content, uses_layout_tables
from tidings.extract.canonical import web_url
from tidings.extract.decode import check_content_type, decode_html
from tidings.extract.errors import ExtractError
from tidings.extract.excerpt import make_excerpt, split_sentences
from tidings.extract.header import byline_date, header_lines
from tidings.extract.images import lead_image
from tidings.extract.jsonld_body import ld_article_body
from tidings.extract.kinds import page_kind
from tidings.extract.metadata import (
    page_author,
    page_language,
    page_title,
    provider,
    tidy_title,
    title_site_name,
)
from tidings.extract.page import Page, element_text, parse_page
from tidings.models import Article, Entry

__all__ = ["extract_html"]


def extract_html(
    html: str | bytes,
    url: str,
    *,
    entry: Entry | None = None,
    headers: Mapping[str, str] | None = None,
) -> Article:
    """Extract the article in ``html``, fetched from ``url``.

    ``entry`` is what the listing said about the link; it only fills gaps the
    page leaves (title, author, date, image). ``headers`` are the response
    headers, used for the charset, the content type and Content-Language.

    Raises :class:`ExtractError` for content that is not HTML or holds no
    article text.
    """
    local = url.startswith("file:")
    if not url or not (local or urlsplit(url).hostname):
        raise ExtractError(f"an absolute page URL is required, got {url!r}")
    check_content_type(headers)
    page = parse_page(decode_html(html, headers), url)
    canonical, syndicated = web_url(page)
    # A saved page is judged by the address it names for itself, if any.
    home = canonical if local and not canonical.startswith("file:") else url
    site_name, domain = provider(page, home)
    raw_titles = [page.first_meta("og:title") or "", _title_tag(page)]
    title = page_title(page, [site_name, domain, domain.split(".")[0]]) or (
        entry.title.strip() if entry and entry.title else None
    )
    content_html, text = main_content(
        page.html, url, title, tables=not uses_layout_tables(page.tree), tree=page.tree,
        ld_body=ld_article_body(page.jsonld),
    )
    paragraphs = text.split("\n\n")
    title = title or _first_sentence(paragraphs)
    header = header_lines(page.tree, paragraphs[0])
    if site_name == domain:
        site_name = title_site_name(_title_tag(page), [domain, domain.split(".")[0]]) or domain
    image = lead_image(page, fallback=entry.image if entry else None)
    published, date_source = _published(page, home, entry, header)
    return Article(
        original_url=url,
        web_url=canonical,
        # Body and excerpt compare against the headline as printed; the record gets it tidied.
        title=tidy_title(title),
        text=text,
        excerpt=make_excerpt([p for p in paragraphs if p.strip() != title]),
        html=content_html,
        author=page_author(page, text, header, [site_name, domain, domain.split(".")[0]])
        or (entry.author if entry else None),
        published=published,
        date_source=date_source,
        language=page_language(page, headers, text),
        type=page_kind(page, text, raw_titles),
        provider_name=site_name,
        provider_domain=domain,
        images=[image] if image else [],
        syndicated=syndicated,
    )


def _published(
    page: Page, url: str, entry: Entry | None, header: list[str]
) -> tuple[datetime | None, str | None]:
    feed = dates.entry_candidate(entry.published if entry else None)
    structured = dates.page_candidates(page)
    language = page.tree.get("lang") or page.first_meta("og:locale")
    month_first = dates.slash_convention(header, language)
    # The line under the headline first: dates above it can be a masthead's "today".
    in_byline, revised = dates.headline_date(page.tree, month_first)
    if in_byline is None or revised:
        above, above_revised = byline_date(header, month_first)
        if above is not None and (in_byline is None or not above_revised):
            in_byline, revised = above, above_revised
    backing = dates.other_times(page) if in_byline and structured else []
    if (in_byline and not (revised and structured)
            and dates.visible_day_wins(in_byline, structured, backing)):
        structured = dates.with_time(in_byline, structured, backing)
    fallback = [feed] if feed else []
    if not structured and dates.url_date(url) is None:
        # The story's own date element, then htmldate (a slower heuristic): only asked
        # when nothing better exists.
        guessed = dates.classed_date(page.tree, month_first) or dates.htmldate_candidate(
            page.html
        )
        if (guessed and guessed.source == "htmldate"
                and guessed.local_date in dates.modified_days(page)):
            # htmldate falls back on the modified stamp, the last edit: a date the page
            # labels as its publication (even a month alone) comes first.
            guessed = dates.publication_label_date(element_text(page.tree)[:20000]) or guessed
        guessed = (
            guessed
            or dates.labelled_date(element_text(page.tree)[:20000])
            or dates.headline_month(page.tree)
        )
        fallback = ([guessed] if guessed else []) + fallback
    chosen = dates.choose(structured, url, fallback)
    original = dates.originally_published(page.html, page.tree)
    if original and (chosen is None or original.local_date < chosen[0].date()):
        return original.aware(), original.source
    return chosen if chosen else (None, None)


def _title_tag(page: Page) -> str:
    node = page.tree.find(".//title")
    return element_text(node) if node is not None else ""


def _first_sentence(paragraphs: list[str]) -> str:
    sentences = split_sentences(paragraphs[0]) if paragraphs else []
    return make_excerpt(sentences[:1], limit=120) if sentences else "Untitled"

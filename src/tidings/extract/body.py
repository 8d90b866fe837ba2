"""The article body: trafilatura finds the main content, we keep it as HTML and text.

trafilatura is asked for its own content tree (no HTML round trip, which would
re-nest headings inside paragraphs and lose text); the plain text is derived
from that tree so the two never disagree about what the article contains.
The page is parsed once; the furniture rules below run as one Python pass
over it (as XPath they cost more than the extraction itself).

The result is checked against cheap estimates of the page's text (long
paragraphs, then all text blocks), and looser settings are asked only when it
falls short; each setting runs at most once per page. On pages that do not
declare an article, the page's own ``<main>`` region can replace the result
(see :mod:`tidings.extract.region`). Trailing blocks taken from outside the
article's own container are cut (see :mod:`tidings.extract.tail`), a body
split over several boxes of the same class is gathered again (see
:mod:`tidings.extract.split_body`), a body that holds little of the page's
prose is extracted again from the element holding it (see
:mod:`tidings.extract.prose_container`), subheadings and list items dropped from
inside the article are put back (see :mod:`tidings.extract.fill`), and a block
the page shows twice is kept once (see :mod:`tidings.extract.repeats`). Boxes of
reader comments, and reviews on product pages, go before extraction (see
:mod:`tidings.extract.comments`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from contextvars import ContextVar
from copy import deepcopy
from typing import Any

from lxml import etree
from trafilatura import baseline
from trafilatura.core import bare_extraction
from trafilatura.htmlprocessing import convert_to_html

from tidings.extract.after import cut_after_sections
from tidings.extract.chrome_wrappers import unwrap_chrome
from tidings.extract.comments import declares_discussion, prune_comments
from tidings.extract.div_prose import with_prose_divs
from tidings.extract.errors import ExtractError
from tidings.extract.fill import restore_dropped
from tidings.extract.jsonld_body import foreign_blocks, missed_most
from tidings.extract.mojibake import has_mojibake, repair
from tidings.extract.page import parse_html
from tidings.extract.prose_container import alone, prose_container
from tidings.extract.recall_fill import fill_from_recall
from tidings.extract.region import declares_product, main_region
from tidings.extract.repeats import drop_repeats
from tidings.extract.split_body import joined, series
from tidings.extract.tail import block_sources, trim_outside_tail
from tidings.extract.tree import drop as _drop
from tidings.extract.tree import long_paragraph, text_chars, top_blocks

#: Below this many characters a precision-first result may have lost the body,
#: so looser passes are tried (measured on the fixtures in tests/extract).
_SHORT_TEXT = 250
_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "ul", "ol",
           "div", "section", "article", "li", "dl", "dt", "dd", "figure", "figcaption",
           "header", "footer", "aside", "main", "details", "summary", "hr", "body"}
_UNSAFE_TAGS = ("script", "style", "form", "iframe", "input", "button", "select", "textarea",
                "noscript", "object", "embed", "svg")
# Page furniture trafilatura may keep: banners, sign-up boxes, share bars, teasers.
# Only short elements are pruned, so a wrapper that holds the article is safe.
_FURNITURE = (
    "cookie", "consent", "gdpr", "cmp-", "newsletter", "subscribe", "signup", "sign-up",
    # Not plain "paywall": sites mark the teaser itself as "paywalled-content".
    "paywall-stub", "paywall-prompt", "gateway", "regwall", "share", "social", "related",
    "author-bio", "author-box", "about-author",
    "ad-slot", "advert", "promo", "post-navigation", "nav-links", "byline",
    # Pop-ups shown on hover over a name or a term: a card of links inside the text.
    "rollover", "tooltip", "popover", "hovercard",
)
_FURNITURE_RE = re.compile("|".join(re.escape(token) for token in _FURNITURE))
_KEEP_TAGS = {"html", "body", "main", "article"}
#: Overlays (dialogs, cookie and consent banners) go whatever their length while
#: they hold less than this share of the page's text (0 keeps long ones). Every
#: ``_OVERLAY_RE`` match must also match ``_FURNITURE_RE``.
OVERLAY_SHARE = 0.5
# Not plain "cookie": documentation has sections with id="cookies".
_OVERLAY_RE = re.compile(
    r"consent|gdpr|cookie[-_]?(?:banner|bar|notice|law|compliance|dialog|popup|modal|settings)"
)
#: Only elements with a class, id or role can be furniture (found in C, checked in Python).
_MARKED = etree.XPath("//*[@class or @id or @role]")
# Share bars and pagers that sometimes survive extraction as lone lines.
_JUNK_LINE = re.compile(
    r"^(?:\d+(?:[.,]\d+)?[KkMm]?|share(?: this(?: article| post| story)?)?|tweet|"
    r"(?:previous|next) (?:article|post|story)\b.*|advertisement)$",
    re.I,
)
#: Short lines that are page furniture on any news site: teaser links, photo
#: credits, sign-up and copyright lines, comment counters.
FURNITURE_LINES = True
_FURNITURE_LINE = re.compile(
    r"^(?:(?:read|see|watch|listen)(?: more| also| next)?\s*[:>\u2192\u00bb|-].*|"
    r"related(?: articles?| stories| content| posts?| coverage)?\s*[:>\u2192\u00bb|-]?$|"
    # "Related: <headline>" teasers and labels such as "Related reads", "Related topics".
    r"related(?: articles?| stories| posts?| reads?| reading)?\s*:\s+\S.{0,150}|"
    r"related(?: [\w-]+){1,2}\s*:?|don[\u2019']?t miss\s*:?|"
    r"(?:more|recommended|trending|popular)(?: stories| articles| news| reading)?"
    r"(?: from .{1,40})?\s*:?$|"
    r"(?:photo|image|picture|video)(?: credits?)?\s*:.*|"
    r"(?:sign up|subscribe)\b.{0,80}(?:newsletter|inbox)|"
    r"(?:\u00a9|copyright)\s.{0,80}|all rights reserved\.?|"
    r"\d+\s+comments?|(?:leave|post|add) a comment|sponsored(?: content)?|ad(?:vertisement)?|"
    # The label over a table of contents and a reading-time line ("5 min read").
    r"(?:table of )?contents\s*:?|in this (?:article|post)|on this page|jump to\s*:?|"
    r"\d+\s*min(?:ute)?s?\s+read)$",
    re.I,
)
_FURNITURE_LINE_MAX = 140
#: Lines that end an article on any news site and are never part of it: tag
#: lists, comment prompts, share prompts, newsletter pitches, "Write to ..." lines.
#: Only dropped from the end of the body.
TAIL_LINES = True
_TAIL_LINE = re.compile(
    r"^(?:(?:tags?|tagged(?: with)?|filed under)(?:\s*:?|\s*:\s.*)|"
    r"comments?|tell us what you think\W*)$",
    re.I,
)
_TAIL_LINE_MAX = 300
#: Pitches that are furniture wherever they stand: share prompts, newsletter
#: sign-ups, "Write to ... at ...@...", "Also on example.com ..." teasers,
#: "Follow us on Twitter ..." lines.
_PITCH_LINE = re.compile(
    r"^(?:(?:like|enjoy(?:ed)?|love) this (?:story|article|post)\?.{0,60}|"
    r"write to .{1,80}\bat \S+@\S+|also on [\w-]+(?:\.[\w-]+)+\s.*|"
    # "Follow us on ...", "Follow @handle on ...", "Follow The Desk on Facebook, ...".
    r"(?:.{0,200}\.\s+)?follow (?:us|me|him|her|them|@\w+|(?:[\w.&'-]+ ){1,6}on)\b.{0,60}"
    r"\b(?:twitter|facebook|instagram|linkedin|youtube|tiktok|telegram|bluesky)\b.*|"
    r".{0,200}\b(?:sign up|subscribe)\b.{0,120}\b(?:newsletters?|inbox)\b.{0,30})$",
    re.I,
)
#: Lines that are only a date ("Posted on Jan 13, 2025", "15 November 2018 at 9:30").
DATE_LINES = True
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE_LINE = re.compile(
    r"^(?:(?:posted|published|updated|last updated)(?: on)?\s*:?\s*)?"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?"
    rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|"
    rf"\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}|"
    r"\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4})"
    r"(?:,?\s+(?:at\s+)?\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[a-z]{2,4})?)?$",
    re.I,
)
_DATE_LINE_MAX = 60
_BYLINE = re.compile(r"^by\s+\S.{0,80}$", re.I)
_COMMENT = re.compile(r"^[\w .'-]{1,40} (?:wrote|said|commented)(?: on [^:]{1,40})?:", re.I)


#: A table that holds long paragraphs is the page's layout grid when it also holds at
#: least this share of the page's text. A call-out box or a pros-and-cons table inside
#: an article holds long paragraphs too, but little of the page (WCXB dev: grids held
#: 0.6 to 1.0, boxes inside articles under 0.25).
LAYOUT_TABLE_SHARE = 0.5
_PROSE_TABLES = etree.XPath("//table[.//p[string-length(normalize-space()) > 150]]")


def uses_layout_tables(tree: Any) -> bool:
    """True for old pages laid out with <table>: a table that holds long paragraphs
    and most of the page's text, most of it in one cell.

    trafilatura would otherwise return the whole layout grid as one data table.
    """
    tables = _PROSE_TABLES(tree)
    if not tables:
        return False
    page = text_chars(tree)
    return any(
        (size := text_chars(table)) >= LAYOUT_TABLE_SHARE * page and _one_cell_holds(table, size)
        for table in tables
    )


#: A layout grid puts the page's text in one cell (the content column: WCXB dev and
#: scrapinghub grids 0.75 to 1.0 of the table's text); a content table holding long
#: paragraphs, such as a list of picks with a description in each row, spreads it over
#: its rows (0.08).
LAYOUT_CELL_SHARE = 0.5


def _one_cell_holds(table: Any, size: int) -> bool:
    return any(text_chars(cell) >= LAYOUT_CELL_SHARE * size for cell in table.iter("td", "th"))


def main_content(
    html: str, url: str | None, title: str | None = None, *, tables: bool = True,
    tree: Any = None, ld_body: str | None = None,
) -> tuple[str, str]:
    """Return ``(clean_html, text)`` of the main content; ``ExtractError`` if there is none.

    A leading heading that repeats ``title`` and a leading "By ..." line are
    dropped: the Article carries those in their own fields. ``tables=False``
    is for pages laid out with tables (see :func:`uses_layout_tables`).
    ``tree`` is the page already parsed from ``html`` (it is not modified).
    ``ld_body`` is the page's JSON-LD article text, a second opinion (see
    :mod:`tidings.extract.jsonld_body`).
    """
    token = _TEXTS.set({})
    try:
        return _main_content(html, url, title, tables=tables, tree=tree, ld_body=ld_body)
    finally:
        _TEXTS.reset(token)


def _main_content(
    html: str, url: str | None, title: str | None, *, tables: bool, tree: Any,
    ld_body: str | None,
) -> tuple[str, str]:
    if tree is None:
        tree = parse_html(html)
    pruned = prune_furniture(deepcopy(tree))
    if UNWRAP_CHROME:
        unwrap_chrome(pruned)
    product = declares_product(pruned)
    discussion = declares_discussion(pruned)
    # A page that says it is an article: precision first, which drops rails and
    # teasers. Other pages (forums, products, listings, docs): the balanced
    # settings, which keep more of their main content.
    news = _declares_article(tree)
    if PRUNE_COMMENTS:
        prune_comments(pruned, product=product and not news, discussion=discussion)
    runs: dict[tuple[str, ...], Any] = {}

    def run(**settings: bool) -> Any:
        # Several checks below may ask for the same settings; each runs once.
        key = tuple(sorted(settings))
        if key not in runs:
            runs[key] = _run(pruned, url, tables=tables, **settings)
        return runs[key]

    result = run(**({"favor_precision": True} if news else {}))
    if not news and 0 < len(_text_of(result)) < _SHORT_TEXT:
        # On a short page the balanced settings fall back to a flat dump of it;
        # precision keeps the blocks apart and leaves the heading out.
        tidy = run(favor_precision=True)
        if len(_text_of(tidy)) >= 0.6 * len(_text_of(result)):
            result = tidy
    expected = paragraph_chars(pruned)
    if result is not None and (news or RECALL_OTHER):
        settings = {} if news else {"favor_recall": True}
        result = _recall_check(result, pruned, lambda: run(**settings), expected)
    if result is not None and SPLIT_BODY and (news or SPLIT_OTHER):
        result = _split_check(result, pruned, expected, url, tables, news)
    # When that finds little, the balanced and then the recall settings. Those
    # also pick up headings and sidebars, so only a clearly longer body
    # replaces what was found.
    for settings in ({}, {"favor_recall": True}) if news else ({"favor_recall": True},):
        found = len(_text_of(result))
        if found >= _SHORT_TEXT:
            break
        fuller = run(**settings)
        if len(_text_of(fuller)) > max(found * 1.5, found + 80):
            result = fuller
    if result is not None and BLOCK_SHARE:
        share = BLOCK_SHARE_NEWS if news else BLOCK_SHARE
        result = _block_check(result, pruned, lambda: run(favor_recall=True), share)
    if result is not None and CONTAINER_SHARE:
        result = _container_check(result, pruned, expected, url, tables, news)
    fill = TRIM_TAIL or RESTORE or RECALL_FILL
    sources = block_sources(pruned) if result is not None and fill else None
    if RECALL_FILL and news and sources is not None:
        result = fill_from_recall(result, sources, _text_of, lambda: run(favor_recall=True))
    if result is None:
        # The furniture rules can misfire on a short article wrapped in, say, a
        # "subscriber-content" box: one last pass without them.
        result = _run(tree, url, tables=tables, favor_recall=True)
    if result is None and not ld_body:
        # Still nothing (a forum thread, a script-built page): trafilatura's
        # baseline (embedded JSON, article tags, paragraphs, then the whole
        # page), so that a page with text never comes back empty.
        result = _baseline(tree)
    clean = _clean(result if result is not None else etree.Element("body"), title, news=news)
    if TRIM_TAIL and result is not None and (news or not product):
        # Not on product pages: their reviews, FAQ and specs sit outside the
        # description box.
        clean = trim_outside_tail(clean, pruned, sources)
    if ld_body:
        clean = _second_opinion(clean, ld_body, title)
    if RESTORE and result is not None:
        clean = restore_dropped(clean, pruned, sources, url)
    if AFTER_SECTIONS:
        clean = cut_after_sections(clean)
    text = html_to_text(clean)
    if not news and not product and REGION_SHARE:
        clean, text = _prefer_region(pruned, clean, text)
    if SHORT_REPEATS and (product or discussion):
        # A shop or a thread repeats short lines for layout (a name over each pane, a
        # price in the gallery and the buy box, a quoted user): keep each line once.
        drop_repeats(clean, min_chars=1)
        text = html_to_text(clean)
    if len(text.split()) < MIN_BODY_WORDS:
        # "You need to enable JavaScript to run this app", a search box's label:
        # a script-built page's shell, not its content.
        raise ExtractError("no article text found")
    if REPAIR_MOJIBAKE and has_mojibake(text):
        clean, text = _repaired(clean)
    return etree.tostring(clean, encoding="unicode", method="html"), text


#: A body of fewer words than this is a page shell, not content (measured on WCXB dev:
#: every such page had no main content or lost it all).
MIN_BODY_WORDS = 10


#: Decode text that the site encoded to UTF-8 twice (see :mod:`tidings.extract.mojibake`).
REPAIR_MOJIBAKE = True


def _repaired(clean: Any) -> tuple[Any, str]:
    for node in clean.iter():
        if isinstance(node.tag, str) and node.text:
            node.text = repair(node.text)
        if node.tail:
            node.tail = repair(node.tail)
    return clean, html_to_text(clean)


#: A <nav>, <header>, <footer> or <aside> that holds most of the page's prose wraps the
#: article and is read as a plain box (see :mod:`tidings.extract.chrome_wrappers`).
UNWRAP_CHROME = True


#: Drop boxes of reader comments, and customer reviews on product pages, before
#: extraction (see :mod:`tidings.extract.comments`).
PRUNE_COMMENTS = True
#: On pages that declare a product or a discussion, drop later copies of a block
#: whatever its length (elsewhere only blocks of ``repeats.REPEAT_MIN`` characters).
SHORT_REPEATS = True
#: Cut trailing blocks taken from outside the article's container (see
#: :mod:`tidings.extract.tail`).
TRIM_TAIL = True
#: On article pages, take the recall pass's blocks from inside the article's
#: container when the precision pass left out prose there (see
#: :mod:`tidings.extract.recall_fill`).
RECALL_FILL = True
#: Put back subheadings and list items dropped from inside the article's
#: container (see :mod:`tidings.extract.fill`).
RESTORE = True
#: Cut the body at a heading that names a section printed after articles ("About the
#: author", "You may also like") in its second half (see :mod:`tidings.extract.after`).
AFTER_SECTIONS = True
#: Drop later copies of a block the page shows twice (see :mod:`tidings.extract.repeats`).
DROP_REPEATS = True


#: On a page that is not an article, the page's ``<main>`` region replaces the
#: extraction when the extraction holds less than this share of its text (0 turns
#: it off). Tuned on WCXB dev half a, confirmed on half b (see region.py).
REGION_SHARE = 0.6


def _prefer_region(pruned: Any, clean: Any, text: str) -> tuple[Any, str]:
    """The main region instead of the extraction when it holds much more text."""
    region = main_region(pruned)
    if region is None:
        return clean, text
    # The title stays: on a listing or a service page the heading is part of the content.
    fuller = _clean(region, None)
    fuller_text = html_to_text(fuller)
    if len(text) < REGION_SHARE * len(fuller_text):
        return fuller, fuller_text
    return clean, text


#: The precision pass may keep one container of a body split over several (or
#: lose the body to a teaser box). When it holds less than this share of the
#: page's long paragraphs, the balanced settings are asked as well.
RECALL_SHARE = 0.7
#: ... and their result is taken when it is this much longer.
RECALL_GAIN = 1.4
#: Also on pages that do not declare an article (there the recall settings are asked).
RECALL_OTHER = True


#: Count text-only <div>s written as paragraphs on pages that write their article in
#: them (see :mod:`tidings.extract.div_prose`).
DIV_PARAGRAPHS = True


def paragraph_chars(tree: Any) -> int:
    """Characters in the page's long paragraphs outside nav, footer and aside (a cheap
    estimate of how much article text the page holds)."""
    total = 0
    for node in tree.iter("p"):
        size = long_paragraph(node)
        if not size:
            continue
        if any(up.tag in ("nav", "footer", "aside") for up in node.iterancestors()):
            continue
        total += size
    return with_prose_divs(tree, total) if DIV_PARAGRAPHS else total


def _recall_check(
    result: Any, pruned: Any, rerun: Callable[[], Any], expected: int | None = None
) -> Any:
    found = len(_text_of(result))
    if expected is None:
        expected = paragraph_chars(pruned)
    if found >= RECALL_SHARE * expected:
        return result
    fuller = rerun()
    if len(_text_of(fuller)) > RECALL_GAIN * found:
        return fuller
    return result


#: Gather a body split over several boxes of the same class (see
#: :mod:`tidings.extract.split_body`) when the result holds less than
#: ``RECALL_SHARE`` of the page's long paragraphs.
SPLIT_BODY = True
#: ... also on pages that do not declare an article (off: on forums the series is
#: the replies, which WCXB does not count as the main content).
SPLIT_OTHER = False


def _split_check(
    result: Any, pruned: Any, expected: int, url: str | None, tables: bool, news: bool
) -> Any:
    def gathered() -> Any | None:
        members = series(pruned, expected)
        return joined(pruned, members) if members else None

    return _run_again_on(result, expected, RECALL_SHARE, gathered, url, tables, news)


#: When every setting's result holds less than this share of the page's long
#: paragraphs, trafilatura is asked again on the element that holds nearly all of
#: them (see :mod:`tidings.extract.prose_container`); 0 turns that off. 0.3 was set
#: before half b was seen, as half a is the same at 0.3 to 0.7; half b then gained
#: +0.0022 on article pages. 0.5 gains more there, but at 0.7 a product page lost its
#: short description to its reviews, so the value is kept well under that.
CONTAINER_SHARE = 0.3


def _container_check(
    result: Any, pruned: Any, expected: int, url: str | None, tables: bool, news: bool
) -> Any:
    def isolated() -> Any | None:
        container = prose_container(pruned)
        return alone(pruned, container) if container is not None else None

    return _run_again_on(result, expected, CONTAINER_SHARE, isolated, url, tables, news)


def _run_again_on(
    result: Any, expected: int, share: float, page: Callable[[], Any | None],
    url: str | None, tables: bool, news: bool,
) -> Any:
    """When ``result`` holds less than ``share`` of the ``expected`` text, run trafilatura
    on another version of the page (``page()``, built only then; None: there is none) and
    take its result if it is ``RECALL_GAIN`` times longer."""
    found = len(_text_of(result))
    if found >= share * expected:
        return result
    other = page()
    if other is None:
        return result
    settings = {"favor_precision": True} if news else {}
    fuller = _run(other, url, tables=tables, **settings)
    return fuller if len(_text_of(fuller)) > RECALL_GAIN * found else result


#: The long-paragraph estimate misses bodies made of lists, short paragraphs,
#: subheadings and table cells, which precision and balanced settings can cut
#: off. When the result holds less than this share of the page's text blocks,
#: the recall settings are asked too ...
BLOCK_SHARE = 0.8
#: ... a lower share on pages that declare an article: news pages carry teaser
#: and caption blocks around a complete body (at 0.8 scrapinghub lost 0.002).
BLOCK_SHARE_NEWS = 0.6
#: ... and their result is taken when it is this much longer. Both tuned on WCXB
#: dev half a and confirmed on half b.
BLOCK_GAIN = 1.2
_TEXT_BLOCKS = ("p", "li", "h2", "h3", "h4", "pre", "blockquote", "td", "dd")
_OUTSIDE = ("nav", "footer", "aside", "header")


def block_chars(tree: Any) -> int:
    """Characters in the page's innermost text blocks (paragraphs, list items,
    subheadings, cells) outside navigation, headers and footers, leaving out
    blocks that are mostly link text."""
    outside = {node for box in tree.iter(*_OUTSIDE) for node in box.iter(*_TEXT_BLOCKS)}
    total = 0
    for node in tree.iter(*_TEXT_BLOCKS):
        if node in outside or next(node.iterdescendants(*_TEXT_BLOCKS), None) is not None:
            continue
        size = len(" ".join(node.text_content().split()))
        links = sum(len(a.text_content()) for a in node.iter("a"))
        if size and links <= 0.5 * size:
            total += size
    return total


def _block_check(
    result: Any, pruned: Any, rerun: Callable[[], Any], share: float = BLOCK_SHARE
) -> Any:
    found = len(_text_of(result))
    if found >= share * block_chars(pruned):
        return result
    fuller = rerun()
    if len(_text_of(fuller)) > BLOCK_GAIN * found:
        return fuller
    return result


#: trafilatura's fast mode (no readability/justext comparison) on article pages:
#: measured: speed of the whole extract_html rises from 0.76x to 0.83x of
#: trafilatura.extract, scrapinghub F1 0.966 -> 0.969, WCXB articles 0.927 -> 0.917.
FAST_ON_ARTICLES = False
_ARTICLE_TYPES = re.compile(
    r'"@type"\s*:\s*\[?\s*"(?:[A-Za-z]*NewsArticle|Article|BlogPosting|Report)"'
)


def _declares_article(tree: Any) -> bool:
    """True when the page says it is an article (og:type or a JSON-LD article type)."""
    for node in tree.iter("meta"):
        name = (node.get("property") or node.get("name") or "").lower()
        if name == "og:type" and (node.get("content") or "").strip().lower() == "article":
            return True
    for node in tree.iter("script"):
        if "ld+json" in (node.get("type") or "").lower() and _ARTICLE_TYPES.search(node.text or ""):
            return True
    return False


def prune_furniture(tree: Any) -> Any:
    """Remove short furniture boxes from ``tree`` in place (see ``_FURNITURE``); return it."""
    doomed: list[Any] = []
    page_chars: int | None = None
    for node in _MARKED(tree):
        if node.tag in _KEEP_TAGS:
            continue
        marks = f"{node.get('class') or ''} {node.get('id') or ''}".lower()
        dialog = node.get("role") in ("dialog", "alertdialog")
        # Every overlay mark is also a furniture mark: one search for most nodes.
        if not (dialog or (len(marks) > 1 and _FURNITURE_RE.search(marks))):
            continue
        overlay = dialog or _OVERLAY_RE.search(marks) is not None
        if _text_len(node, 1000):
            doomed.append(node)
        elif overlay and OVERLAY_SHARE:
            # A consent centre or sign-up dialog can be long (every cookie purpose
            # spelled out); it is still not the content unless it is most of the page.
            if page_chars is None:
                page_chars = text_chars(tree)
            if text_chars(node) < OVERLAY_SHARE * page_chars:
                doomed.append(node)
    for node in doomed:
        _drop(node)
    # Then any short box built around an e-mail field, and subscribe / log-in prompts.
    for query in (
        "//input[@type='email']",
        "//a[contains(@href, 'subscribe') or contains(@href, '/login')]",
    ):
        for node in tree.xpath(query):
            box = None
            for up in node.iterancestors("div", "section", "aside"):
                if not _text_len(up, 400):
                    break
                box = up
            if box is not None:
                _drop(box)
    return tree


def _text_len(node: Any, limit: int) -> bool:
    """True when the node's visible text is shorter than ``limit`` characters."""
    return len(" ".join("".join(node.itertext()).split())) < limit


def _run(tree: Any, url: str | None, tables: bool = True, **settings: bool) -> Any:
    fast = FAST_ON_ARTICLES and settings.get("favor_precision", False)
    document = bare_extraction(
        tree,
        url=url,
        output_format="html",
        include_comments=False,
        include_tables=tables,
        include_images=False,
        include_links=False,
        deduplicate=False,
        fast=fast,
        **settings,
    )
    if document is None or document.body is None or not len(document.body):
        return None
    return convert_to_html(document.body).find("body")


#: A page whose baseline text has fewer words than this holds no article.
_MIN_WORDS = 25


def _baseline(tree: Any) -> Any:
    body, text, _ = baseline(tree)
    if len(text.split()) < _MIN_WORDS or not len(body):
        return None
    return body


#: Texts of the extraction runs' bodies while one page is read: the checks above ask for
#: the same body's text up to five times. Keyed by id, with the body kept alive beside it.
_TEXTS: ContextVar[dict[int, tuple[Any, str]] | None] = ContextVar("texts", default=None)


def _text_of(body: Any) -> str:
    """The text of an extraction run's body (which is not modified while the page is read)."""
    if body is None:
        return ""
    memo = _TEXTS.get()
    if memo is None:
        return html_to_text(body)
    hit = memo.get(id(body))
    if hit is None or hit[0] is not body:
        hit = memo[id(body)] = (body, html_to_text(body))
    return hit[1]


def _clean(body: Any, title: str | None, *, news: bool = False) -> Any:
    """Strip anything executable or interactive and drop junk lines; return a <div>.

    ``news``: the page declares an article, so a line that is only a date is its
    dateline or a teaser's date, never text (on a forum it heads each post).
    """
    for node in body.xpath("|".join(f".//{tag}" for tag in _UNSAFE_TAGS)):
        _drop(node)
    for node in body.iter():
        if not isinstance(node.tag, str):
            continue
        for name in list(node.attrib):
            value = node.get(name, "").strip().lower()
            if name.startswith("on") or value.startswith("javascript:"):
                del node.attrib[name]
    if LOOSE_LINES:
        _wrap_loose_text(body)
    for node in list(body):
        if node.tag in {"p", "div"} and _JUNK_LINE.match(_flat(node)):
            _drop(node)
        elif FURNITURE_LINES and node.tag in {"p", "div", "h2", "h3", "h4", "h5", "h6"}:
            line = _flat(node)
            furniture = len(line) <= _FURNITURE_LINE_MAX and _FURNITURE_LINE.match(line)
            pitch = TAIL_LINES and len(line) <= _TAIL_LINE_MAX and _PITCH_LINE.match(line)
            dated = news and DATE_LINES and len(line) <= _DATE_LINE_MAX and _DATE_LINE.match(line)
            if furniture or pitch or dated:
                _drop(node)
    if TAIL_LINES:
        _drop_tag_list(body)
    # Unmarked reader comments at the end ("Old Salt wrote: ..."), and the
    # furniture that closes an article (tag lists, "Tell us what you think").
    for node in reversed(list(body)):
        line = _flat(node)
        if not line and TAIL_LINES:
            continue
        tail = TAIL_LINES and len(line) <= _TAIL_LINE_MAX and _TAIL_LINE.match(line)
        if not (tail or _COMMENT.match(line)):
            break
        _drop(node)
    if DROP_REPEATS:
        # On news pages only a whole copy: there a repeat is more often the
        # article's own (a question put to each person interviewed, a daily plan).
        drop_repeats(body, copy_only=news)
    wanted = _squash(title or "")
    for node in list(body)[:3]:
        text = _flat(node)
        following = node.getnext()
        # A summary that is a cut-off copy of the first paragraph ("... 3.1 million…").
        teaser = following is not None and _is_cut_copy(text, _flat(following))
        if (wanted and _squash(text) == wanted) or _BYLINE.match(text) or teaser:
            _drop(node)
        else:
            break
    body.tag = "div"
    body.attrib.clear()
    return body


_TAG_LABEL = re.compile(r"^(?:tags?|tagged(?: with)?|keywords|filed under)\s*:?$", re.I)


def _drop_tag_list(body: Any) -> None:
    """A closing "Tags" label and the tag list under it (a block of its own)."""
    blocks = [node for node in body if isinstance(node.tag, str) and _flat(node)]
    if len(blocks) < 3:
        return
    label, tags = blocks[-2], blocks[-1]
    if _TAG_LABEL.match(_flat(label)) and len(_flat(tags)) <= _TAIL_LINE_MAX:
        _drop(tags)
        _drop(label)


#: Text between two blocks (the tail of a paragraph, say "Also on example.com ...")
#: becomes a paragraph of its own, so that the line rules see it.
LOOSE_LINES = True


def _wrap_loose_text(body: Any) -> None:
    for node in list(body):
        if not isinstance(node.tag, str) or node.tag not in _BLOCKS:
            continue
        following = node.getnext()
        # Only text that stands alone: before another block or at the end.
        alone = following is None or following.tag in _BLOCKS
        if alone and node.tail and node.tail.strip():
            loose = etree.Element("p")
            loose.text = node.tail.strip()
            node.tail = None
            node.addnext(loose)


def _second_opinion(clean: Any, ld_body: str, title: str | None) -> Any:
    """Check the extraction against the JSON-LD body: replace it or drop stray blocks."""
    if missed_most(html_to_text(clean), ld_body):
        body = etree.Element("body")
        for paragraph in ld_body.split("\n\n"):
            etree.SubElement(body, "p").text = paragraph
        return _clean(body, title)
    blocks = top_blocks(clean, ("div", "section", "article"))
    for index in foreign_blocks([html_to_text(node) for node in blocks], ld_body):
        _drop(blocks[index])
    return clean


def _is_cut_copy(text: str, fuller: str) -> bool:
    stem = text.removesuffix("\u2026").removesuffix("...").rstrip()
    return len(stem) >= 40 and len(fuller) > len(stem) and fuller.startswith(stem)


def _squash(text: str) -> str:
    return re.sub(r"\W+", "", text).lower()


_BREAK = "\x00"
_PARAGRAPH_BREAK = re.compile(r"\x00[^\S\x00]*(?:\x00[^\S\x00]*)+")


def html_to_text(root: Any) -> str:
    """Plain text of content HTML: a blank line between blocks, one line per list item.

    Text outside any block (a tail after a heading) is a paragraph of its own;
    ``<br>`` breaks a line, two in a row break the paragraph.
    """
    blocks: list[str] = []
    inline: list[str] = []

    def flush() -> None:
        if not inline:
            return
        for part in _PARAGRAPH_BREAK.split("".join(inline)):
            lines = (" ".join(line.split()) for line in part.split(_BREAK))
            if paragraph := "\n".join(line for line in lines if line):
                blocks.append(paragraph)
        inline.clear()

    def walk(node: Any) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in {"ul", "ol"}:
            flush()
            items = [li for li in node if isinstance(li.tag, str) and li.tag == "li"]
            lines = [
                f"{f'{n}.' if tag == 'ol' else '-'} {_flat(li)}"
                for n, li in enumerate(items, start=1)
                if _flat(li)
            ]
            if not items and (text := _flat(node)):
                lines = [text]
            if lines:
                blocks.append("\n".join(lines))
        elif tag == "table":
            flush()
            rows = [" | ".join(_flat(c) for c in tr if isinstance(c.tag, str))
                    for tr in node.iter("tr")]
            if text := "\n".join(r for r in rows if r.strip(" |")):
                blocks.append(text)
        elif tag == "br":
            inline.append(_BREAK)
        elif tag in _BLOCKS or tag == "":
            flush()
            if node.text and tag:
                inline.append(node.text)
            for child in node:
                walk(child)
                if child.tail:
                    inline.append(child.tail)
            flush()
        else:
            if node.text:
                inline.append(node.text)
            for child in node:
                walk(child)
                if child.tail:
                    inline.append(child.tail)

    walk(root)
    flush()
    return "\n\n".join(blocks)


def _flat(node: Any) -> str:
    return " ".join("".join(node.itertext()).split())

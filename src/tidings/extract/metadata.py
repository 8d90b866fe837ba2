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
    r"|photos?)\s+)?by|from|authors?)[:\s]+|^\s*(?-i:By(?=[A-Z][a-z]))|^\s*(?:written|posted|authored)\s+by(?-i:(?=[A-Z][a-z]))",
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
    ``title``/``headline`` class, or inside <article>). Navigation, footer and
    aside headings and headings that only name the site are never titles. The
    site name around any of them is removed.
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
        if raw and (clean := strip_site_suffix(" ".join(raw.split()), names))
    ]
    headings: list[tuple[str, bool]] = []
    for node in page.tree.iter("h1"):
        text = strip_site_suffix(heading_text(node), names)
        if len(text) < 4 or _names_site(text, squashed) and len(text.split()) < 5:
            continue
        if any(a.tag in {"nav", "footer", "aside"} for a in node.iterancestors()):
            continue
        marker = f"{node.get('class', '')} {node.get('id', '')} {node.get('itemprop', '')}"
        own = bool(re.search(r"title|headline|heading", marker, re.I)) or any(
            a.tag == "article" for a in node.iterancestors()
        )
        headings.append((text, own))
    if not metas:
        return headings[0][0] if headings else None
    if headings:
        agree = max(headings, key=lambda h: max(_overlap(h[0], m) for m in metas))
        if max(_overlap(agree[0], m) for m in metas) >= 0.8:
            return agree[0]
        if headings[0][1]:
            return headings[0][0]
    return metas[0]


def heading_text(node: Any) -> str:
    """Text of a heading with whitespace collapsed; a <br> separates words."""
    parts: list[str] = []

    def walk(element: Any) -> None:
        if element.tag == "br":
            parts.append(" ")
        elif isinstance(element.tag, str) and element.tag not in {"script", "style"}:
            parts.append(element.text or "")
            for child in element:
                walk(child)
                parts.append(child.tail or "")

    walk(node)
    return " ".join("".join(parts).split())


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
    """True when ``segment`` is the site's name, a part of it, or the name plus a word."""
    squashed = _squash(segment)
    if len(squashed) < 2:
        return False
    return squashed in names or any(
        len(squashed) >= 4 and squashed in n or len(n) >= 4 and squashed.startswith(n)
        for n in names
    )


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
    and is used only when the page names nobody else.
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
    for node in page.tree.xpath(
        "//*[@rel='author' or @itemprop='author' or contains(@class,'byline')"
        " or contains(@class,'author')]"
    ):
        name = _byline_node_name(node) if node.tag in _BYLINE_TAGS else None
        if name and not _in_discussion(node):
            return name
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
    return byline_author(header or []) or byline_in_text(text) or (weak[0] if weak else None)


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


_BYLINE_TAGS = {"a", "span", "div", "p", "address", "li", "strong", "em", "cite", "small", "b"}


def _byline_node_name(node: Any) -> str | None:
    """The name in a byline element: its author link(s) or name field, else its whole text."""
    inner = [
        element_text(n)
        for n in node.xpath(
            ".//a[contains(@href,'author') or contains(@href,'/people/')"
            " or contains(@href,'/staff/') or contains(@href,'/profile')]"
            " | .//*[@itemprop='name'] | .//*[@rel='author']"
        )
    ]
    found = list(dict.fromkeys(n for raw in inner if (n := clean_author(raw))))
    if found:
        return _join(found)
    return clean_author(element_text(node))


def _weak_name(name: str, site_names: list[str]) -> bool:
    """The publisher standing in for a person, or a login handle rather than a name."""
    squashed = _squash(name)
    site, *domains = site_names or [""]
    if site and _names_site(name, {_squash(site)}) or squashed in {_squash(d) for d in domains}:
        return True
    return bool(re.fullmatch(r"[a-z0-9]+(?:[._][a-z0-9]+)*", name))


def _in_discussion(node: Any) -> bool:
    """Comment authors, bio boxes and related-story credits are not the byline."""
    for item in (node, *node.iterancestors()):
        if item.tag in {"body", "html"}:
            break  # page-wide classes ("has-sidebar", "comments-open") say nothing of the node
        marker = f"{item.get('class', '')} {item.get('id', '')}".lower()
        if item.tag in {"aside", "footer", "nav"} or re.search(
            r"comment|related|sidebar|author-?bio|about-author|rail|recommend", marker
        ):
            return True
        if item.tag in {"article", "main"}:
            break  # outside the article only page layout remains ("sidebar_content" wrappers)
    return False


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
    r"\s*(?:[\u2022\u00b7\u22c5|]|\s[-\u2013\u2014]\s|\s-(?=\s*\d)|-(?=\d)"
    r"|,\s*(?:staff|senior|contributing)\b"
    r"|(?-i:(?<=[a-z.])(?=(?:Published|Updated|Last|Posted|Reviewed|Founder|Head|Senior|Staff"
    r"|Contributing|Writer|Editor|View)\b))"
    r"|\s(?:published|updated|last updated|posted|reviewed by|edited by|fact[- ]checked)\b"
    r"|(?:\s|(?<=[a-z-]))(?:on\s+)?" + _MONTH_WORD + r"|\s(?:on\s+)?\d|(?-i:(?<=[a-z])\d)"
    r"|\s(?:view|read more)\b"
    r"|\s(?:on\s+)?(?:mon|tues|wednes|thurs|fri|satur|sun)day\b)",
    re.I,
)
_NOT_NAMES = frozenset(
    "by author authors the author admin sign in log in login subscribe share menu view".split(" ")
    + "mon tue tues wed thu thur thurs fri sat sun".split()
) | {"sign in", "log in", "the author", "written by", "posted by", "words by", "article by"}


def clean_author(raw: str) -> str | None:
    """A person's name from a byline, or None for URLs, handles and clutter."""
    text = " ".join(html.unescape(raw).split()).strip("\"'\u201c\u201d")
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


def guess_language(text: str) -> str | None:
    """py3langid's guess, or None when there is too little text to judge."""
    if len(text.strip()) < 20:
        return None
    import py3langid

    code, _score = py3langid.classify(text[:5000])
    return language_code(code)


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

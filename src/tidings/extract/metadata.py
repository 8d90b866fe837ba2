"""Title, author, language and provider: what the page says about itself.

Each function takes the parsed :class:`~tidings.extract.page.Page` and walks
its evidence in a fixed order of trust, returning the first usable value.
"""

from __future__ import annotations

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
_BY = re.compile(r"^\s*(?:(?:(?:written|words|reporting)\s+)?by|from)[:\s]+", re.I)
_AUTHOR_JUNK = re.compile(r"https?://|www\.|@|^\d+$")


# --- title -------------------------------------------------------------------------------------


def page_title(page: Page, site_names: Iterable[str]) -> str | None:
    """og:title, JSON-LD headline, <h1>, then <title>, minus the site name around it."""
    main = page.main_ld or {}
    h1 = next((element_text(n) for n in page.tree.iter("h1") if element_text(n)), None)
    title_tag = page.tree.find(".//title")
    for raw in (
        page.first_meta("og:title", "twitter:title"),
        ld_text(main.get("headline")) or ld_text(main.get("name")),
        h1,
        element_text(title_tag) if title_tag is not None else None,
    ):
        if raw and (clean := strip_site_suffix(" ".join(raw.split()), site_names)):
            return clean
    return None


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


def page_author(page: Page, text: str = "", header: list[str] | None = None) -> str | None:
    """JSON-LD author name(s), meta author / article:author, then byline patterns.

    ``header`` holds the short lines above the body (see :mod:`.header`).
    """
    main = page.main_ld or {}
    names = _ld_people(main.get("author") or main.get("creator"))
    if names:
        return _join(names)
    for value in (page.meta.get("author", []) + page.meta.get("article:author", [])
                  + page.meta.get("parsely-author", []) + page.meta.get("sailthru.author", [])):
        if name := clean_author(value):
            return name
    for node in page.tree.xpath(
        "//*[@rel='author' or @itemprop='author' or contains(@class,'byline')"
        " or contains(@class,'author')]"
    ):
        name = clean_author(element_text(node)) if node.tag in _BYLINE_TAGS else None
        if name and not _in_discussion(node):
            return name
    # An unmarked "By Name" line inside the article.
    for node in page.tree.xpath("//article//* | //main//*"):
        if node.tag in {"p", "span", "div", "address"} and len(element_text(node)) < 80:
            line = element_text(node)
            if re.match(r"^by\s+[A-Z]", line, re.I) and (name := clean_author(line)):
                return name
    return byline_author(header or []) or byline_in_text(text)


_BYLINE_TAGS = {"a", "span", "div", "p", "address", "li", "strong", "em", "cite", "small", "b"}


def _in_discussion(node: Any) -> bool:
    """Comment authors, bio boxes and related-story credits are not the byline."""
    for item in (node, *node.iterancestors()):
        marker = f"{item.get('class', '')} {item.get('id', '')}".lower()
        if item.tag in {"aside", "footer", "nav"} or re.search(
            r"comment|related|sidebar|author-?bio|about-author|rail|recommend", marker
        ):
            return True
    return False


def byline_in_text(text: str) -> str | None:
    """A "By Name" line near the top, or a wire "Reporting by Name" credit anywhere."""
    for line in text.splitlines()[:6]:
        if re.match(r"^\s*by\s+[A-Z]", line) and (name := clean_author(line)):
            return name
    match = re.search(r"\bReporting by ([^;.\n]+)", text)
    return clean_author(match.group(1)) if match else None


def _ld_people(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value] if value else []
    people = [i for i in items if isinstance(i, dict) and "Organization" not in types_of(i)]
    chosen = people or items
    names = [clean_author(ld_text(i) or "") for i in chosen]
    return [n for n in names if n]


def clean_author(raw: str) -> str | None:
    """A person's name from a byline, or None for URLs, handles and clutter."""
    text = " ".join(raw.split())
    text = _BY.sub("", text).strip(" ,;|-")
    text = re.split(r"\s+(?:\||\u2022|\u00b7)\s+|,\s*(?:staff|senior|contributing)\b", text)[0]
    text = re.sub(r"\s+(?:and|&)\s+", " and ", text)
    if not text or _AUTHOR_JUNK.search(text) or len(text) > 80 or len(text.split()) > 10:
        return None
    if not re.search(r"[A-Za-z]", text):
        return None
    return text


def _join(names: list[str]) -> str:
    unique = list(dict.fromkeys(names))
    return unique[0] if len(unique) == 1 else ", ".join(unique[:-1]) + " and " + unique[-1]


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

"""The article body: trafilatura finds the main content, we keep it as HTML and text.

trafilatura is asked once, for HTML; the plain text is derived from that HTML
so the two never disagree about what the article contains.
"""

from __future__ import annotations

import re
from typing import Any

import lxml.html
import trafilatura
from lxml import etree

from tidings.extract.errors import ExtractError

#: Below this many characters a precision-first result may have lost the body,
#: so looser passes are tried (measured on the fixtures in tests/extract).
_SHORT_TEXT = 250
_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "ul", "ol"}
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
)
_PRUNE = [
    "//*[not(self::html or self::body or self::main or self::article)]"
    f"[contains(translate(concat(@class, ' ', @id), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',"
    f" 'abcdefghijklmnopqrstuvwxyz'), '{token}')][string-length(normalize-space(.)) < 1000]"
    for token in _FURNITURE
] + [
    # Dialogs (consent walls) and any short box built around an e-mail field.
    "//*[@role='dialog' or @role='alertdialog'][string-length(normalize-space(.)) < 1000]",
    "//*[self::div or self::section or self::aside][.//input[@type='email']]"
    "[string-length(normalize-space(.)) < 400]",
    # Subscribe and log-in prompts (paywall gates).
    "//*[self::div or self::section or self::aside]"
    "[.//a[contains(@href, 'subscribe') or contains(@href, '/login')]]"
    "[string-length(normalize-space(.)) < 400]",
]
# Share bars and pagers that sometimes survive extraction as lone lines.
_JUNK_LINE = re.compile(
    r"^(?:\d+(?:[.,]\d+)?[KkMm]?|share(?: this(?: article| post| story)?)?|tweet|"
    r"(?:previous|next) (?:article|post|story)\b.*|advertisement)$",
    re.I,
)
_BYLINE = re.compile(r"^by\s+\S.{0,80}$", re.I)
_COMMENT = re.compile(r"^[\w .'-]{1,40} (?:wrote|said|commented)(?: on [^:]{1,40})?:", re.I)


def uses_layout_tables(tree: Any) -> bool:
    """True for old pages laid out with <table>: a table that holds long paragraphs.

    trafilatura would otherwise return the whole layout grid as one data table.
    """
    return bool(tree.xpath("//table[.//p[string-length(normalize-space()) > 150]]"))


def main_content(
    html: str, url: str | None, title: str | None = None, *, tables: bool = True
) -> tuple[str, str]:
    """Return ``(clean_html, text)`` of the main content; ``ExtractError`` if there is none.

    A leading heading that repeats ``title`` and a leading "By ..." line are
    dropped: the Article carries those in their own fields. ``tables=False``
    is for pages laid out with tables (see :func:`uses_layout_tables`).
    """
    result = _run(html, url, tables=tables, favor_precision=True)
    # Precision first; when that finds little, the balanced and then the recall
    # settings. Those also pick up headings and sidebars, so only a clearly
    # longer body replaces what precision found.
    for settings in ({}, {"favor_recall": True}):
        found = len(_text_of(result))
        if found >= _SHORT_TEXT:
            break
        fuller = _run(html, url, tables=tables, **settings)
        if len(_text_of(fuller)) > max(found * 1.5, found + 80):
            result = fuller
    if result is None:
        # The furniture rules can misfire on a short article wrapped in, say, a
        # "subscriber-content" box: one last pass without them.
        result = _run(html, url, prune=False, tables=tables, favor_recall=True)
    if result is None:
        raise ExtractError("no article text found")
    clean = _clean(result, title)
    text = html_to_text(clean)
    if not text.strip():
        raise ExtractError("no article text found")
    return etree.tostring(clean, encoding="unicode", method="html"), text


def _run(
    html: str, url: str | None, prune: bool = True, tables: bool = True, **settings: bool
) -> lxml.html.HtmlElement | None:
    output = trafilatura.extract(
        html,
        url=url,
        output_format="html",
        include_comments=False,
        include_tables=tables,
        include_images=False,
        include_links=False,
        deduplicate=False,
        prune_xpath=_PRUNE if prune else None,
        **settings,
    )
    if not output:
        return None
    body = lxml.html.document_fromstring(output).find("body")
    return body if body is not None and len(body) else None


def _text_of(body: lxml.html.HtmlElement | None) -> str:
    return "" if body is None else html_to_text(body)


def _clean(body: lxml.html.HtmlElement, title: str | None) -> lxml.html.HtmlElement:
    """Strip anything executable or interactive and drop junk lines; return a <div>."""
    for node in body.xpath("|".join(f".//{tag}" for tag in _UNSAFE_TAGS)):
        node.drop_tree()
    for node in body.iter():
        if not isinstance(node.tag, str):
            continue
        for name in list(node.attrib):
            value = node.get(name, "").strip().lower()
            if name.startswith("on") or value.startswith("javascript:"):
                del node.attrib[name]
    for node in list(body):
        if node.tag in {"p", "div"} and _JUNK_LINE.match(_flat(node)):
            node.drop_tree()
    # Unmarked reader comments at the end ("Old Salt wrote: ...").
    for node in reversed(list(body)):
        if not _COMMENT.match(_flat(node)):
            break
        node.drop_tree()
    wanted = _squash(title or "")
    for node in list(body)[:3]:
        text = _flat(node)
        following = node.getnext()
        # A summary that is a cut-off copy of the first paragraph ("... 3.1 million…").
        teaser = following is not None and _is_cut_copy(text, _flat(following))
        if (wanted and _squash(text) == wanted) or _BYLINE.match(text) or teaser:
            node.drop_tree()
        else:
            break
    body.tag = "div"
    body.attrib.clear()
    return body


def _is_cut_copy(text: str, fuller: str) -> bool:
    stem = text.removesuffix("\u2026").removesuffix("...").rstrip()
    return len(stem) >= 40 and len(fuller) > len(stem) and fuller.startswith(stem)


def _squash(text: str) -> str:
    return re.sub(r"\W+", "", text).lower()


def html_to_text(root: lxml.html.HtmlElement) -> str:
    """Plain text of content HTML: a blank line between blocks, one line per list item."""
    blocks: list[str] = []
    for node in root:
        if not isinstance(node.tag, str):
            continue
        if node.tag in {"ul", "ol"}:
            items = [
                f"{f'{n}.' if node.tag == 'ol' else '-'} {_flat(li)}"
                for n, li in enumerate(node.iter("li"), start=1)
                if _flat(li)
            ]
            if items:
                blocks.append("\n".join(items))
        elif node.tag == "table":
            rows = [" | ".join(_flat(c) for c in tr if isinstance(c.tag, str))
                    for tr in node.iter("tr")]
            blocks.append("\n".join(r for r in rows if r.strip(" |")))
        elif node.tag in _BLOCKS or _flat(node):
            if node.tag not in _BLOCKS and any(child.tag in _BLOCKS for child in node):
                blocks.append(html_to_text(node))
            elif text := _flat(node):
                blocks.append(text)
    return "\n\n".join(b for b in blocks if b)


def _flat(node: lxml.html.HtmlElement) -> str:
    return " ".join(node.text_content().split())

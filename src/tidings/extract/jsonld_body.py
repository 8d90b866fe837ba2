"""A second opinion on the body from the page's JSON-LD ``articleBody``.

Many CMSs put the full article text in JSON-LD. It is not trusted blindly: it
may be a teaser, carry raw markup, or include text that is not shown. It is
used two ways, both decided by word overlap with what the extractor found:

* the extractor missed most of it (a body split across containers, a script-
  rendered page): the JSON-LD text replaces the extraction;
* the extractor found it and more: paragraphs that share almost no words with
  it (sidebars, sign-up boxes, footers) are dropped.
"""

from __future__ import annotations

import html as html_lib
import re
from collections import Counter
from typing import Any

import lxml.html
from lxml import etree

from tidings.extract.page import MAIN_TYPES, types_of

_WORD = re.compile(r"\w+", re.UNICODE)
#: Fewer words than this is a teaser, not a body.
_MIN_WORDS = 120
#: Below this share of the JSON-LD words found, the extraction missed the article.
_MISSED = 0.6
#: At or above this share the extraction holds the article; stray paragraphs may go.
_FOUND = 0.9
#: A paragraph with fewer of its words in the JSON-LD body than this is not the article.
_FOREIGN = 0.35
_CUT = re.compile(r"(?:\.\.\.|\u2026|\[\.\.\.\])\s*$")


def ld_article_body(jsonld: list[dict[str, Any]]) -> str | None:
    """The plain text of the main object's ``articleBody``, or None if absent or a teaser."""
    for obj in jsonld:
        if not types_of(obj) & MAIN_TYPES:
            continue
        raw = obj.get("articleBody")
        if isinstance(raw, list):
            raw = "\n\n".join(part for part in raw if isinstance(part, str))
        if not isinstance(raw, str):
            continue
        text = _plain(raw)
        if len(_WORD.findall(text)) >= _MIN_WORDS and not _CUT.search(text):
            return text
    return None


def _plain(raw: str) -> str:
    """Text of a value that may hold markup and entities; paragraphs kept as blank lines."""
    if "<" in raw and re.search(r"</?[a-zA-Z][^>]*>", raw):
        try:
            root = lxml.html.fragment_fromstring(raw, create_parent="div")
        except (etree.ParserError, ValueError):
            root = None
        if root is not None:
            for node in root.xpath(".//script|.//style|.//figure|.//figcaption|.//button"):
                node.drop_tree()
            for node in root.iter("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "br"):
                node.tail = "\n\n" + (node.tail or "")
            raw = root.text_content()
    raw = html_lib.unescape(raw)
    paragraphs = (" ".join(part.split()) for part in re.split(r"\n\s*\n|\r\n\s*\r\n", raw))
    return "\n\n".join(p for p in paragraphs if p)


def _bag(text: str) -> Counter[str]:
    return Counter(_WORD.findall(text.lower()))


def coverage(text: str, reference: str) -> float:
    """Share of the words of ``reference`` that ``text`` also has (bag of words)."""
    ref = _bag(reference)
    total = sum(ref.values())
    return sum((ref & _bag(text)).values()) / total if total else 0.0


def missed_most(text: str, ld_body: str) -> bool:
    """True when ``text`` holds too little of the JSON-LD body to be the article."""
    return coverage(text, ld_body) < _MISSED


def foreign_blocks(blocks: list[str], ld_body: str) -> list[int]:
    """Indexes of text blocks that share almost no words with the JSON-LD body.

    Only asked when the blocks together hold the JSON-LD body (see ``_FOUND``);
    blocks of fewer than four words are left alone (headings, list labels).
    """
    if coverage("\n".join(blocks), ld_body) < _FOUND:
        return []
    ref = set(_WORD.findall(ld_body.lower()))
    doomed = []
    for index, block in enumerate(blocks):
        words = _WORD.findall(block.lower())
        if len(words) >= 4 and sum(w in ref for w in words) / len(words) < _FOREIGN:
            doomed.append(index)
    return doomed

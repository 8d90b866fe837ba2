"""Subheadings and list items the extraction dropped from inside the article.

trafilatura's link-density and precision rules delete short headings (a
trailing or partly linked heading, a card title) and list items they take for
menus. Inside the article's own container those are mostly the article's: the
subheadings of a guide, the points of a checklist. The body's blocks are
matched back to the page (see :mod:`tidings.extract.tail`); inside the deepest
element holding nearly all of them, a short subheading that stands before a
kept block, or a list item without links that stands between kept blocks, is
put back at its place when the body does not already have its text. A heading
that is all link text comes back only when it links to another site: the name of
a pick in a list of products or places, not a teaser for the site's next story. Paragraphs
are not restored: the ones trafilatura drops there are mostly captions, teasers
and notes (measured: restoring them lost on WCXB dev).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from lxml import etree

from tidings.extract.tail import MIN_MATCH, WRAPPERS, block_key, block_sources, find_container
from tidings.extract.tree import top_blocks

#: Limits below were tuned on WCXB dev half a and checked on half b.
#: A restored heading is at most this long: longer ones are teaser titles.
HEADING_MAX = 80
#: ... and at most this share of it is link text (list items: none).
HEADING_LINKS = 0.5
#: ... and at most this much text stands between it and the kept block it heads: a
#: widget title ("Trending") or a carousel card's headline has its links or cards there
#: (100 did as well on WCXB dev but let one carousel headline through on the news pages).
HEADING_GAP = 50
#: A restored list item is at most this long: longer ones are captions or glossary boxes.
ITEM_MAX = 300
_HEADINGS = ("h2", "h3", "h4", "h5", "h6")
_LEAF_BLOCKS = ("p", "li", *_HEADINGS, "td", "th", "dd", "dt", "blockquote", "pre",
                "figcaption")
#: Never restored from inside these: page chrome and widgets.
_CHROME = {"nav", "aside", "footer", "header", "form", "button", "select", "label"}
_MIN_MATCHED = 3


def restore_dropped(
    body: Any, page: Any, sources: dict[str, Any] | None = None, url: str | None = None
) -> Any:
    """Put dropped subheadings and list items of the article back into ``body``.

    ``page`` is the tree the extraction ran on (not modified); ``body`` is the
    cleaned content element, modified in place and returned. ``sources`` is
    ``block_sources(page)`` when the caller already has it. ``url`` is the page's
    address: a heading that is a link to another site is restored too (see
    ``OFFSITE_HEADINGS``).
    """
    host = _host(url) if OFFSITE_HEADINGS and url else None
    blocks = top_blocks(body, WRAPPERS)
    if len(blocks) < _MIN_MATCHED:
        return body
    if sources is None:
        sources = block_sources(page)
    matched: list[tuple[Any, Any, int]] = []
    for block in blocks:
        key = block_key(block)
        node = sources.get(key) if len(key) >= MIN_MATCH else None
        if node is not None:
            matched.append((block, node, len(key)))
    if len(matched) < _MIN_MATCHED:
        return body
    container = find_container([(node, size) for _, node, size in matched])
    if container is None:
        return body
    # Document order, and the characters of text up to each element (for the gaps).
    order: dict[Any, int] = {}
    upto: list[int] = []
    chars = 0
    for index, node in enumerate(container.iter()):
        order[node] = index
        if isinstance(node.tag, str) and node.tag not in ("script", "style"):
            chars += len((node.text or "").strip()) + len((node.tail or "").strip())
        upto.append(chars)
    kept = sorted(
        ((order[node], block) for block, node, _ in matched if node in order),
        key=lambda pair: pair[0],
    )
    if not kept:
        return body
    have = " ".join(_flat(block) for block in blocks)
    last_list: Any = None
    last_parent: Any = None
    for node in container.iter("li", *_HEADINGS):
        if next(node.iterdescendants(*_LEAF_BLOCKS), None) is not None:
            continue
        text = _flat(node)
        if not text or text in have or not _wanted(node, text, order[node], kept, host):
            continue
        if any(up.tag in _CHROME for up in node.iterancestors()):
            continue
        at, following = next((index, block) for index, block in kept if index > order[node])
        end = order[node] + sum(1 for _ in node.iterdescendants())
        if node.tag != "li" and upto[at - 1] - upto[end] > HEADING_GAP:
            continue
        if node.tag == "li":
            previous = following.getprevious()
            if previous is not last_list or node.getparent() is not last_parent:
                last_list = etree.Element("ul")
                following.addprevious(last_list)
                last_parent = node.getparent()
            etree.SubElement(last_list, "li").text = text
        else:
            heading = etree.Element(node.tag)
            heading.text = text
            following.addprevious(heading)
    return body


def _wanted(
    node: Any, text: str, index: int, kept: list[tuple[int, Any]], host: str | None = None
) -> bool:
    """A heading before a kept block, short and mostly unlinked (or linked only to other
    sites); a short list item without links between two kept blocks."""
    if index >= kept[-1][0]:
        return False
    links = sum(len(_flat(link)) for link in node.iter("a"))
    if node.tag == "li":
        return index > kept[0][0] and links == 0 and len(text) <= ITEM_MAX
    if len(text) > HEADING_MAX:
        return False
    return links <= HEADING_LINKS * len(text) or (host is not None and _offsite(node, host))


#: A heading that is a link to another site is restored whatever its link share: in a
#: list of picks each item's name links to the product or the place, while a teaser for
#: another story links within the site.
OFFSITE_HEADINGS = True


def _offsite(node: Any, host: str) -> bool:
    """True when every link in ``node`` points to a host other than ``host``."""
    hosts = [_host(link.get("href") or "") for link in node.iter("a")]
    return bool(hosts) and all(found and found != host for found in hosts)


def _host(url: str) -> str:
    """The host of an absolute http(s) address without a leading www., else ''."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https"):
        return ""
    return (parts.hostname or "").removeprefix("www.")


def _flat(node: Any) -> str:
    return " ".join("".join(node.itertext()).split())

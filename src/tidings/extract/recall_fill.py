"""Paragraphs the precision pass dropped from inside the article's own container.

On pages that declare an article, trafilatura runs with its precision settings,
which drop rails and teasers but also some of the article's own paragraphs: a
section written in ``<div>`` text instead of ``<p>``, a summary list at the top,
a paragraph next to an embed. The body's recall checks compare the result with
the whole page, so a body that lost a fifth of itself passes them.

Here the result's blocks are matched back to the page (see
:mod:`tidings.extract.tail`) to find the article's container. When the container
holds prose the result lacks (blocks of sentence length that end like a
sentence, not mostly links), trafilatura's recall pass is asked, and its blocks
from inside the container are taken instead:

* blocks from outside the container (rails, footers, related posts) are dropped;
* a new block that is mostly link text, or sits inside a link, is a teaser;
* a new block before the first or after the last block both passes share must read
  as prose: a headline, a print-only address or a caption there is not the
  article's (between them, a subheading is kept).

The recall pass runs only on the pages that trigger it: 9% of the scrapinghub news
pages and of the WCXB dev article pages (half a). The limits below were tuned on
WCXB dev half a and checked on half b and on scrapinghub.
"""

from __future__ import annotations

from collections.abc import Callable
from copy import deepcopy
from typing import Any

from tidings.extract.tail import MIN_MATCH, WRAPPERS, block_key, find_container, within
from tidings.extract.tree import drop, top_blocks

#: The container's missing prose must be at least this share of the result's text ...
MISSING_SHARE = 0.1
#: ... and at least this many characters.
MISSING_MIN = 150
#: A missing block counts as prose from this length, when it ends like a sentence.
PROSE_MIN = 60
#: The recall pass's blocks are taken when they hold this much more text.
GAIN = 1.05
#: A new block with more than this share of link text is a teaser.
LINK_SHARE = 0.5
_LEAVES = ("p", "li", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "dd", "dt", "div")
_CHROME = {"nav", "aside", "footer", "header", "form", "button", "select", "label"}
_SENTENCE_END = ".!?:;)\"\u201d"
_MIN_MATCHED = 3


def fill_from_recall(
    result: Any, sources: dict[str, Any], text_of: Callable[[Any], str],
    rerun: Callable[[], Any],
) -> Any:
    """``result``, or the recall pass's blocks from the article's container when
    ``result`` lacks prose the container holds.

    ``sources`` is ``block_sources`` of the page the extraction ran on;
    ``text_of`` renders an extracted body as text; ``rerun`` returns the recall
    pass's body (called only when needed). Neither body is modified.
    """
    container = _container(result, sources)
    if container is None:
        return result
    have = " ".join(text_of(result).split())
    missing = _missing_prose(container, have)
    if missing < MISSING_MIN or missing < MISSING_SHARE * len(have):
        return result
    fuller = rerun()
    if fuller is None or fuller is result:
        return result
    fuller = deepcopy(fuller)
    _keep_container(fuller, container, sources, have)
    return fuller if len(text_of(fuller)) > GAIN * len(have) else result


def _container(result: Any, sources: dict[str, Any]) -> Any | None:
    matched = []
    for block in top_blocks(result, WRAPPERS):
        key = block_key(block)
        node = sources.get(key) if len(key) >= MIN_MATCH else None
        if node is not None:
            matched.append((node, len(key)))
    return find_container(matched) if len(matched) >= _MIN_MATCHED else None


def _missing_prose(container: Any, have: str) -> int:
    """Characters of the container's innermost prose blocks that ``have`` lacks."""
    missing = 0
    for node in container.iter(*_LEAVES):
        if next(node.iterdescendants(*_LEAVES), None) is not None:
            continue
        text = _flat(node)
        if not _is_prose(text) or text in have:
            continue
        if any(up.tag in _CHROME for up in node.iterancestors()):
            continue
        if _links(node) > LINK_SHARE * len(text):
            continue
        missing += len(text)
    return missing


def _keep_container(fuller: Any, container: Any, sources: dict[str, Any], have: str) -> None:
    """Drop the blocks of ``fuller`` that are not the article's (see the module doc)."""
    blocks = top_blocks(fuller, WRAPPERS)
    keys = [block_key(block) for block in blocks]
    known = [index for index, key in enumerate(keys) if key and key in have]
    inside = " ".join(container.text_content().split())
    for index, (block, key) in enumerate(zip(blocks, keys, strict=True)):
        new = bool(key) and key not in have
        edge = not known or not known[0] < index < known[-1]
        if new and edge and not _is_prose(key):
            drop(block)
            continue
        node = sources.get(key) if len(key) >= MIN_MATCH else None
        if node is None:
            if key and key not in inside:
                drop(block)
        elif not within(node, container) or (new and _is_teaser(node, key)):
            drop(block)


def _is_prose(text: str) -> bool:
    return len(text) >= PROSE_MIN and text[-1] in _SENTENCE_END


def _is_teaser(node: Any, text: str) -> bool:
    return _links(node) > LINK_SHARE * len(text) or any(
        up.tag == "a" for up in node.iterancestors()
    )


def _links(node: Any) -> int:
    return sum(len(_flat(link)) for link in node.iter("a"))


def _flat(node: Any) -> str:
    return " ".join("".join(node.itertext()).split())

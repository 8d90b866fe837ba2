"""Trailing blocks that the extraction took from outside the article's own container.

trafilatura keeps good paragraphs wherever they stand, so a body often ends with
blocks from the page around the article: an author bio box, a list of recent
posts, a donation pitch, a disclaimer in the footer, a reference list. Each of
them looks like prose on its own; what gives them away is where they come from.

The extracted blocks are matched back to the page by their text. The deepest
element that holds nearly all of the matched text is the article's container.
After the last block found inside it, the body is cut from the first block known
to come from outside it. Only the end of the body is trimmed: an intro or a
standfirst outside the container is usually part of the article.
"""

from __future__ import annotations

from typing import Any

from tidings.extract.tree import drop, top_blocks

#: The container holds at least this share of the matched text (0.85 and 0.95
#: lost on WCXB dev half a; 0.85 lost on half b too).
CONTAINER_SHARE = 0.9
#: The cut tail holds at most this share of the body's text.
TAIL_SHARE = 0.4
#: Blocks shorter than this are not matched (their text is not distinctive).
MIN_MATCH = 30
#: Fewer matched blocks than this and nothing is cut (too little evidence).
_MIN_BLOCKS = 3
#: The container holds at least this many matched blocks.
_MIN_INSIDE = 5
_SOURCE_TAGS = ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "dd", "dt", "td", "th",
                "blockquote", "pre", "figcaption")
WRAPPERS = {"div", "section", "article", "main"}


def trim_outside_tail(body: Any, page: Any, sources: dict[str, Any] | None = None) -> Any:
    """Drop trailing blocks of ``body`` that came from outside the article's container.

    ``page`` is the tree the extraction ran on (not modified); ``body`` is the
    cleaned content element and is modified in place and returned. ``sources``
    is ``block_sources(page)`` when the caller already has it.
    """
    blocks = top_blocks(body, WRAPPERS)
    if len(blocks) < _MIN_BLOCKS:
        return body
    if sources is None:
        sources = block_sources(page)
    found: list[Any] = []
    sizes: list[int] = []
    for block in blocks:
        text = block_key(block)
        sizes.append(len(text))
        found.append(sources.get(text) if len(text) >= MIN_MATCH else None)
    if LINKED_TAIL:
        blocks, found, sizes = _cut_linked_tail(blocks, found, sizes)
    matched = [(node, size) for node, size in zip(found, sizes, strict=True) if node is not None]
    total = sum(sizes)
    if len(matched) < _MIN_BLOCKS or not total:
        return body
    container = find_container(matched)
    if container is None:
        return body
    inside = [node is not None and within(node, container) for node in found]
    if True not in inside:
        return body
    last = len(inside) - 1 - inside[::-1].index(True)
    # The cut starts at the first block known to come from outside: a block that
    # could not be matched (a list re-flowed by the extraction) may still be the
    # article's own. Blocks from outside between the article's own blocks stay
    # (boxes set into the text are more often the article's: measured, it lost).
    start = next((i for i in range(last + 1, len(blocks)) if found[i] is not None), None)
    if start is None or sum(sizes[start:]) > TAIL_SHARE * total:
        return body
    for block in blocks[start:]:
        drop(block)
    return body


#: Cut closing blocks that are links on the page: the headlines of teaser cards
#: ("more in this section") that follow the article.
LINKED_TAIL = True


def _cut_linked_tail(
    blocks: list[Any], found: list[Any], sizes: list[int]
) -> tuple[list[Any], list[Any], list[int]]:
    keep = len(blocks)
    # Not lists: a closing list of links is as often the article's reading list.
    while (
        keep > _MIN_BLOCKS
        and found[keep - 1] is not None
        and blocks[keep - 1].tag not in ("ul", "ol")
        and _is_link(found[keep - 1])
    ):
        keep -= 1
    if keep == len(blocks) or sum(sizes[keep:]) > TAIL_SHARE * sum(sizes):
        return blocks, found, sizes
    for block in blocks[keep:]:
        drop(block)
    return blocks[:keep], found[:keep], sizes[:keep]


def _is_link(node: Any) -> bool:
    """True for a teaser headline: a block inside a link, or a heading that is one.

    A closing paragraph that is all link text stays ("See our projects page",
    a photo credit): on WCXB such lines were more often the article's.
    """
    if any(up.tag == "a" for up in node.iterancestors()):
        return True
    if node.tag not in ("h1", "h2", "h3", "h4", "h5", "h6"):
        return False
    size = len(" ".join(node.text_content().split()))
    links = sum(len(" ".join(a.text_content().split())) for a in node.iter("a"))
    return size > 0 and links >= 0.9 * size


def block_sources(page: Any) -> dict[str, Any]:
    """Each text block of the page by its whitespace-collapsed text (first one wins)."""
    found: dict[str, Any] = {}
    for node in page.iter(*_SOURCE_TAGS):
        text = " ".join(node.text_content().split())
        if len(text) >= MIN_MATCH:
            found.setdefault(text, node)
    return found


def block_key(block: Any) -> str:
    """The text a block was taken from: a list is matched by its first item."""
    if block.tag in ("ul", "ol"):
        first = next(iter(block.iter("li")), None)
        block = first if first is not None else block
    return " ".join("".join(block.itertext()).split())


def find_container(matched: list[tuple[Any, int]]) -> Any | None:
    """The deepest element holding at least ``CONTAINER_SHARE`` of the matched text."""
    weights: dict[Any, int] = {}
    counts: dict[Any, int] = {}
    depth: dict[Any, int] = {}
    for node, size in matched:
        for level, up in enumerate(reversed([node, *node.iterancestors()])):
            weights[up] = weights.get(up, 0) + size
            counts[up] = counts.get(up, 0) + 1
            depth[up] = level
    need = CONTAINER_SHARE * sum(size for _, size in matched)
    # A container holds several blocks: one long paragraph, or the first pane of a
    # tabbed box (description, features, ...), is not the article's box.
    fitting = [node for node, weight in weights.items()
               if weight >= need and counts[node] >= _MIN_INSIDE]
    return max(fitting, key=lambda node: depth[node]) if fitting else None


def within(node: Any, container: Any) -> bool:
    return node is container or any(up is container for up in node.iterancestors())

"""The element that holds the page's prose, for pages where trafilatura picks a smaller one.

trafilatura judges boxes by their markup before it looks at their text: a box
whose class names furniture (a listicle's cards inside a ``div`` classed as the
page's "footer", say) is discarded from the content it chose, whatever it holds.
Every setting does the same, so the body can be a few hundred characters of a
page with tens of thousands of characters of paragraphs. When the result holds a
small share of the page's long paragraphs, the smallest element that holds nearly
all of them is handed to trafilatura alone: the box's ancestors, whose names
misled it, are gone, and its own rules still clean what is inside.
"""

from __future__ import annotations

from copy import deepcopy
from typing import Any

from tidings.extract.tree import long_paragraph

#: The container holds at least this share of the page's long-paragraph text: nearly
#: all, so that it is the article's own box and not one of its sections.
HOLDS_SHARE = 0.9
_OUTSIDE = ("nav", "footer", "aside")
_TOO_WIDE = ("body", "html")


def prose_container(tree: Any) -> Any | None:
    """The smallest element of ``tree`` holding ``HOLDS_SHARE`` of its long paragraphs
    (outside nav, footer and aside), or ``None`` when only ``<body>`` does."""
    held: dict[Any, int] = {}
    total = 0
    for node in tree.iter("p"):
        size = long_paragraph(node)
        if not size:
            continue
        ancestors = list(node.iterancestors())
        if any(up.tag in _OUTSIDE for up in ancestors):
            continue
        total += size
        for up in ancestors:
            held[up] = held.get(up, 0) + size
    if not total:
        return None
    best = None
    best_depth = -1
    for node, size in held.items():
        if size < HOLDS_SHARE * total or node.tag in _TOO_WIDE:
            continue
        # The holders form one chain of ancestors: the deepest is the smallest.
        depth = sum(1 for _ in node.iterancestors())
        if depth > best_depth:
            best, best_depth = node, depth
    return best


def alone(tree: Any, container: Any) -> Any:
    """A copy of ``tree`` whose ``<body>`` holds only (a copy of) ``container``."""
    path = container.getroottree().getpath(container)
    copy = deepcopy(tree)
    hits = copy.getroottree().xpath(path)
    body = copy.find(".//body") if copy.tag != "body" else copy
    if not hits or body is None:
        return copy
    box = hits[0]
    box.tail = None
    for child in list(body):
        body.remove(child)
    body.text = None
    body.append(box)
    return copy

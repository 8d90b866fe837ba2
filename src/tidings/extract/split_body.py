"""Article bodies split over several containers of the same kind.

Some sites cut a long article into chunks, each in its own box with the same
class (ads and embeds sit between the boxes). trafilatura picks one box as the
article and keeps only its text, so the body ends after the first chunk.

When the extraction holds too little of the page's long paragraphs, the page is
searched for such a series: two or more elements with the same tag and class
that each hold long paragraphs as their own children and that together (with the
paragraphs nested in their lists) hold most of the page's paragraph text. Their
children are gathered into the first of them, and the extraction runs again on that
copy of the page.
"""

from __future__ import annotations

from copy import deepcopy
from typing import Any

from tidings.extract.tree import long_paragraph

#: The series holds at least this share of the page's long-paragraph text.
SERIES_SHARE = 0.8
#: ... counting the paragraphs nested in its members' lists and quotes, not only those
#: that are the members' own children.
NESTED_PARAGRAPHS = True


def series(tree: Any, expected: int) -> list[Any]:
    """The containers of a split body in document order, or ``[]`` if there is none.

    ``expected`` is the page's long-paragraph text (``body.paragraph_chars``).
    """
    held: dict[Any, int] = {}
    for node in tree.iter("p"):
        parent = node.getparent()
        # A paragraph inside a link, or mostly link text, is a teaser card of a listing.
        if parent is None or parent.tag == "a" or not parent.get("class"):
            continue
        size = long_paragraph(node)
        if not size:
            continue
        held[parent] = held.get(parent, 0) + size
    groups: dict[tuple[str, str], list[Any]] = {}
    for parent in held:
        groups.setdefault((parent.tag, " ".join(parent.get("class", "").split())), []).append(
            parent
        )
    best: list[Any] = []
    best_key: tuple[str, str] | None = None
    best_size = 0
    for key, members in groups.items():
        size = sum(held[member] for member in members)
        if len(members) >= 2 and size > best_size:
            best, best_key, best_size = members, key, size
    if best_key is not None and NESTED_PARAGRAPHS:
        best, best_size = _with_nested(tree, *best_key)
    if not expected or best_size < SERIES_SHARE * expected:
        return []
    return best


def joined(tree: Any, members: list[Any]) -> Any:
    """A copy of ``tree`` with the children of every member moved into the first one."""
    paths = [member.getroottree().getpath(member) for member in members]
    copy = deepcopy(tree)
    found = [copy.getroottree().xpath(path) for path in paths]
    boxes = [hit[0] for hit in found if hit]
    if len(boxes) < 2:
        return copy
    first = boxes[0]
    for box in boxes[1:]:
        if any(up is first for up in box.iterancestors()):
            continue
        for child in list(box):
            first.append(child)
        parent = box.getparent()
        if parent is not None:
            parent.remove(box)
    return copy


def _with_nested(tree: Any, tag: str, classes: str) -> tuple[list[Any], int]:
    """Every ``tag`` element of ``tree`` with ``classes`` (a chunk may hold only a list), not
    nested in another, and the long-paragraph text they hold at any depth."""
    members = [
        node for node in tree.iter(tag)
        if " ".join(node.get("class", "").split()) == classes
        and not any(
            up.tag == tag and " ".join(up.get("class", "").split()) == classes
            for up in node.iterancestors()
        )
    ]
    size = sum(long_paragraph(node) for member in members for node in member.iter("p"))
    return members, size

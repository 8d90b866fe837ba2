"""Small lxml helpers shared by the body and region rules."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any


def top_blocks(body: Any, wrappers: Collection[str]) -> list[Any]:
    """The blocks of an extracted body, under any chain of single wrapper elements
    (a body that is one ``<div>`` holding one ``<article>`` is judged by what they hold)."""
    holder = body
    while len(holder) == 1 and holder[0].tag in wrappers:
        holder = holder[0]
    return [node for node in holder if isinstance(node.tag, str)]


def drop(node: Any) -> None:
    """Remove ``node`` but keep its tail text in place (lxml attaches it to the node)."""
    parent = node.getparent()
    if parent is None:
        return
    tail = node.tail
    if tail and tail.strip():
        previous = node.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(node)


def text_chars(node: Any) -> int:
    """Characters of text under ``node`` outside scripts and styles, whitespace not counted
    (the text is gathered in C and the scripts' share taken off: a Python walk over every
    element cost more than the rules that ask)."""
    total = len("".join("".join(node.itertext()).split()))
    for element in node.iter("script", "style"):
        if element.text:
            total -= len("".join(element.text.split()))
    return total


#: A paragraph at least this long, and not mostly link text, counts as article text.
LONG_PARAGRAPH = 100
LINK_SHARE_MAX = 0.3


def long_paragraph(node: Any) -> int:
    """The whitespace-collapsed length of ``node`` if it reads as article text (long, and
    at most 30% link text), else 0: what the body's recall checks count."""
    text = node.text_content()
    if len(text) < LONG_PARAGRAPH:  # cheap first: most paragraphs are short
        return 0
    size = len(" ".join(text.split()))
    if size < LONG_PARAGRAPH:
        return 0
    links = sum(len(a.text_content()) for a in node.iter("a"))
    return 0 if links > LINK_SHARE_MAX * size else size

"""Small lxml helpers shared by the body and region rules."""

from __future__ import annotations

from typing import Any


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

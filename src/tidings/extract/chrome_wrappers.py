"""Page chrome elements that wrap the article itself.

Some templates put the whole page, article included, inside a ``<header>`` or a
``<nav>`` (a site header left open, a script framework's island), or inside a
``<footer>`` or ``<aside>``. trafilatura and the body's recall estimates skip
those elements as navigation, so the article is lost with them. An element of
that kind that holds nearly all of the page's long paragraphs and of its text is
no chrome: on the working copy it becomes a plain ``<div>``. Menus and footers
hold link lines and a few blurbs, never nearly all of a page's prose, so they
keep their role.
"""

from __future__ import annotations

from typing import Any

from tidings.extract.tree import long_paragraph, text_chars

_CHROME = ("nav", "header", "footer", "aside")
#: The element holds at least this share of the page's long-paragraph text ...
PROSE_SHARE = 0.9
#: ... and of all its text (WCXB dev: wrappers held 0.94 to 1.0; mega menus and footers
#: with paragraphs of their own, 0.6 to 0.7 of the text, lost when unwrapped) ...
TEXT_SHARE = 0.9
#: ... in at least this many long paragraphs.
MIN_PARAGRAPHS = 3


def unwrap_chrome(tree: Any) -> Any:
    """Rename, in place, chrome elements of ``tree`` that hold most of its prose; return it."""
    sizes = {node: size for node in tree.iter("p") if (size := long_paragraph(node))}
    total = sum(sizes.values())
    if len(sizes) < MIN_PARAGRAPHS:
        return tree
    page: int | None = None
    for node in list(tree.iter(*_CHROME)):
        held = [sizes[p] for p in node.iter("p") if p in sizes]
        if len(held) < MIN_PARAGRAPHS or sum(held) < PROSE_SHARE * total:
            continue
        if page is None:
            page = text_chars(tree)
        if text_chars(node) >= TEXT_SHARE * page:
            node.tag = "div"
    return tree

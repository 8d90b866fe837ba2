"""Article text written in bare ``<div>``s instead of paragraphs.

The body's recall checks estimate the page's article text from its long ``<p>``
paragraphs. Some CMSs write the whole article as a run of text-only divs, so the
estimate sees nothing, and a precision pass that kept a heading and one stray
paragraph passes every check. A div counts as such a paragraph when it holds only
text and inline markup, reads as sentences, and stands in a run of at least
``DIV_RUN`` in one box (a teaser card holds one); those divs count only on a page
that writes more prose in them than in its paragraphs.
"""

from __future__ import annotations

import re
from typing import Any

from tidings.extract.tree import long_paragraph

#: The prose divs hold this many times the text of the page's long <p> paragraphs ...
DIV_PROSE = 2.0
#: ... and at least this many of them stand in one box.
DIV_RUN = 3
#: A div with any of these inside is a wrapper, not a paragraph.
_BLOCKS = ("p", "div", "li", "ul", "ol", "table", "section", "article", "blockquote",
           "pre", "h1", "h2", "h3", "h4", "h5", "h6", "form", "header", "footer", "nav")
_CHROME = ("nav", "footer", "aside", "form")
_SENTENCE = re.compile(r"\w[.!?][\"\u201d')]?(?:\s|$)")


def with_prose_divs(tree: Any, paragraphs: int) -> int:
    """``paragraphs`` (the long-paragraph estimate of ``tree``) plus the text of its prose
    divs when the page writes its article in them, else ``paragraphs`` unchanged."""
    boxes: dict[Any, list[int]] = {}
    seen: set[str] = set()
    for node in tree.iter("div"):
        if next(node.iterdescendants(*_BLOCKS), None) is not None:
            continue
        size = long_paragraph(node)
        if not size or not _reads_as_prose(node):
            continue
        # A page may hold a hidden second copy of such a div: its text counts once.
        text = node.text_content()
        if text in seen or any(up.tag in _CHROME for up in node.iterancestors()):
            continue
        seen.add(text)
        boxes.setdefault(node.getparent(), []).append(size)
    divs = sum(sum(sizes) for sizes in boxes.values() if len(sizes) >= DIV_RUN)
    return paragraphs + divs if divs > DIV_PROSE * paragraphs else paragraphs


def _reads_as_prose(node: Any) -> bool:
    """Words (not a run of glued labels, as in a select box's options) and a full stop."""
    text = " ".join(node.text_content().split())
    words = text.count(" ") + 1
    return words >= 15 and len(text) <= 12 * words and _SENTENCE.search(text) is not None

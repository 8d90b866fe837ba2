"""Sections that follow an article: about the author, article sources, you may also like.

Templates print them under the article, often inside its own container (so
:mod:`tidings.extract.tail` keeps them), each under a heading that names it.
From such a heading on, the rest of the body goes, provided the heading stands in
the second half of the body's text: near the top the same words head a bio box or
a teaser rail that the article follows, and cutting there would lose the article.

"Related", "Read more", "References" and "Tags" are not here: bodies keep those
as often as not (WCXB dev, both halves: cutting at them lost more than it won).
"""

from __future__ import annotations

import re
from typing import Any

from tidings.extract.tree import drop, top_blocks

_LABEL = re.compile(
    r"about the (?:author|reviewer|writer|contributor)s?|"
    r"you (?:might|may) also (?:like|enjoy)|article sources|follow us|"
    r"recommended(?: reading| for you)?|related (?:articles|posts|reading|stories)|downloads",
    re.I,
)
#: The heading starts at least this share of the way into the body's text (WCXB dev:
#: 0.3 lost on half a, 0.5 won on both, 0.6 and 0.7 won less).
MIN_POSITION = 0.5
_MAX_LABEL = 60
_WRAPPERS = {"div", "section", "article", "main"}


def cut_after_sections(body: Any) -> Any:
    """Drop a heading that names an after-the-article section, and everything after it,
    from ``body`` (modified in place and returned)."""
    blocks = top_blocks(body, _WRAPPERS)
    texts = [" ".join("".join(block.itertext()).split()) for block in blocks]
    total = sum(len(text) for text in texts)
    seen = 0
    for index, text in enumerate(texts):
        if seen >= MIN_POSITION * total and is_label(text):
            for block in blocks[index:]:
                drop(block)
            break
        seen += len(text)
    return body


def is_label(text: str) -> bool:
    """True for a short line that only names an after-the-article section."""
    return len(text) <= _MAX_LABEL and _LABEL.fullmatch(text.strip().rstrip(":")) is not None

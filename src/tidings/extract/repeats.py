"""Blocks the page shows more than once.

Pages repeat text for layout: a tab set that also renders as an accordion for
small screens, a description shown in two panes, a forum post quoted back in
full. trafilatura runs without its own deduplication (it is keyed to text seen
across documents, not within one), so such copies come out twice. A block whose
text already came earlier in the body is dropped; short ones stay, because
lines such as "Step 1" or a repeated label can legitimately recur.

An article can repeat itself on purpose (the same question put to each person
interviewed, a daily plan), so on pages that declare an article only a whole
copy counts: an unbroken run of repeated blocks holding a large share of the body.

A page may also carry a second copy of the whole article as one block (its raw
markdown, a text-only copy for feeds); that block is dropped when most of its word
4-grams came earlier in the body (see :func:`drop_copy_blocks`).
"""

from __future__ import annotations

import re
from typing import Any

from tidings.extract.tree import drop

#: Drop later copies of blocks at least this long (tuned on WCXB dev half a, checked on b).
REPEAT_MIN = 40
_TEXT_BLOCKS = ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote", "dd", "dt",
                "figcaption", "div")
#: On article pages, the longest run of repeated blocks must hold this share of the
#: body (WCXB dev: layout copies held 0.5 to 0.7; an interview's repeated questions
#: and a meal plan's repeated items on the news benchmark at most 0.2).
COPY_SHARE = 0.3
#: Also drop a long block that copies the body's earlier text in one piece (see
#: :func:`drop_copy_blocks`).
COPY_BLOCKS = True
#: Blocks inside these are not dropped: a table row repeats for a reason.
_CELLS = ("td", "th")


#: A block is a copy of the text before it when this share of its word 4-grams came
#: earlier (prose that only talks about the same things shares few of them; a markdown
#: copy has link addresses of its own) ...
COPY_SHINGLES = 0.7
#: ... it has at least this many words ...
COPY_MIN_WORDS = 60
#: ... and it is at least this many times longer than any block before it: one block
#: that holds many paragraphs' worth (a page's raw markdown, a print copy).
COPY_LENGTH = 2.0
_WORD = re.compile(r"[^\W_]+")


def drop_copy_blocks(body: Any) -> Any:
    """Remove a long block that repeats, in one piece, the text the body already gave.

    Pages ship a second copy of the article as a single block (its markdown source, a
    text-only copy for readers or feeds); block-by-block repeats never match it.
    """
    before: set[tuple[str, ...]] = set()
    longest = 0
    for node in list(body.iter(*_TEXT_BLOCKS)):
        if node is body or next(node.iterdescendants(*_TEXT_BLOCKS), None) is not None:
            continue
        words = _WORD.findall("".join(node.itertext()).lower())
        grams = {tuple(words[i : i + 4]) for i in range(len(words) - 3)}
        if (
            len(words) >= COPY_MIN_WORDS
            and len(words) >= COPY_LENGTH * longest
            and len(grams & before) >= COPY_SHINGLES * len(grams)
            and not any(up.tag in _CELLS for up in node.iterancestors())
        ):
            drop(node)
            continue
        before |= grams
        longest = max(longest, len(words))
    return body


def drop_repeats(body: Any, min_chars: int = REPEAT_MIN, copy_only: bool = False) -> Any:
    """Remove every text block whose text appeared earlier in ``body``; return ``body``.

    Only innermost blocks count (a block holding other blocks is judged by them).
    ``copy_only``: only when the body holds a whole copy (see ``COPY_SHARE``).
    """
    if COPY_BLOCKS:
        drop_copy_blocks(body)
    blocks: list[tuple[Any, str, bool]] = []
    seen: set[str] = set()
    for node in body.iter(*_TEXT_BLOCKS):
        if node is body or next(node.iterdescendants(*_TEXT_BLOCKS), None) is not None:
            continue
        text = " ".join("".join(node.itertext()).split())
        if text:
            blocks.append((node, text, text in seen))
            seen.add(text)
    if copy_only and _longest_run(blocks) < COPY_SHARE * sum(len(t) for _, t, _ in blocks):
        return body
    for node, text, repeated in blocks:
        if repeated and len(text) >= min_chars and not any(
            up.tag in _CELLS for up in node.iterancestors()
        ):
            drop(node)
    return body


def _longest_run(blocks: list[tuple[Any, str, bool]]) -> int:
    """Characters in the longest unbroken run of repeated blocks."""
    best = run = 0
    for _, text, repeated in blocks:
        run = run + len(text) if repeated else 0
        best = max(best, run)
    return best

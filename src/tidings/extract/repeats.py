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
"""

from __future__ import annotations

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
#: Blocks inside these are not dropped: a table row repeats for a reason.
_CELLS = ("td", "th")


def drop_repeats(body: Any, min_chars: int = REPEAT_MIN, copy_only: bool = False) -> Any:
    """Remove every text block whose text appeared earlier in ``body``; return ``body``.

    Only innermost blocks count (a block holding other blocks is judged by them).
    ``copy_only``: only when the body holds a whole copy (see ``COPY_SHARE``).
    """
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

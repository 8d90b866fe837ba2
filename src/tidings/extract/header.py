"""The article's header zone: the short lines between the top of the page and the body.

Older and hand-made templates print the byline and date as plain text
("Wednesday, November 4, 2026 · By SIMONE DARROW, Staff Writer") with no
markup to find them by. Such lines sit above the first paragraph of the body,
so only that zone is read: comment dates and author names further down the
page never get a chance to be mistaken for the article's own.
"""

from __future__ import annotations

import re
from typing import Any

from tidings.extract import dates

_SKIP_TAGS = {"a", "nav", "aside", "footer", "script", "style", "noscript", "button", "select",
              "option", "head", "title", "form", "figcaption"}
_MAX_LINE = 200
_READ = 1000  #: characters read of a long box (more than _MAX_LINE and the first paragraph's start)
_NAME_WORD = r"[A-Z][\w'\u2019.-]*"
_BYLINE = re.compile(
    r"(?:^|[\s\u00b7|,\u2022\u2013\u2014(-])"
    r"(?:(?:hosted|presented|written|reported|words|produced|posted)\s+)?"
    rf"(?:[Bb]y|BY):?\s+({_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}})"
)
# Words that end a name when they follow it ("By Mara Lindqvist November 3")...
_AFTER_NAME = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday "
    "saturday sunday staff updated published view".split()
)
# ...and words no name starts with (though June and Jun can).
_NOT_FIRST = frozenset("the staff updated published our".split())


def header_lines(tree: Any, first_paragraph: str) -> list[str]:
    """Short texts of elements above the body's first paragraph, in document order."""
    start = " ".join(first_paragraph.split())[:50]
    lines: list[str] = []
    seen: set[str] = set()
    # Depth first by hand, so that menus, scripts and forms are never walked into.
    todo = [tree]
    while todo:
        node = todo.pop()
        text = _head(node.text_content())
        if start and node.tag in {"p", "div", "font", "td"} and text.startswith(start):
            break
        if text and len(text) <= _MAX_LINE and text not in seen:
            seen.add(text)
            lines.append(text)
        todo.extend(child for child in reversed(node)
                    if isinstance(child.tag, str) and child.tag not in _SKIP_TAGS)
    return lines


def _head(raw: str) -> str:
    """``raw`` with whitespace collapsed, exactly as far as a line or the start of a box is
    read: the page's outer boxes hold the whole page, and collapsing all of it at every
    level cost more than the rest of the metadata."""
    text = " ".join(raw[:_READ].split())
    if len(raw) > _READ and len(text) <= _MAX_LINE:  # mostly whitespace so far
        text = " ".join(raw.split())
    return text


def byline_author(lines: list[str]) -> str | None:
    """The name in the shortest "By Name" line of the header zone."""
    found: list[tuple[int, str]] = []
    for line in lines:
        match = _BYLINE.search(line)
        if match and (name := _name(match.group(1))):
            found.append((len(line), name))
    return min(found)[1] if found else None


def _name(raw: str) -> str | None:
    words: list[str] = []
    for word in raw.split():
        key = word.lower().strip(".")
        if key in _NOT_FIRST or words and key in _AFTER_NAME:
            break
        words.append(word)
    if not words or len(words) == 1 and len(words[0]) < 3:
        return None
    name = " ".join(words).rstrip(".,")
    # "SIMONE DARROW" is typography, not spelling.
    return name.title() if name.isupper() else name


_REVISED = dates.REVISED


def header_dates(
    lines: list[str], month_first: bool | None = None
) -> list[tuple[dates.Candidate, bool]]:
    """Calendar days written in the header zone, in reading order, each with whether the
    page labels it as an update ("Updated Dec 18, 2025") rather than the publication.
    A date that ends a run of sentence words is skipped (:func:`dates.in_prose`): the zone
    can reach into the story's first lines. ``month_first`` is the page's slash-date order,
    if known."""
    found: dict[object, tuple[dates.Candidate, bool]] = {}
    for line in lines:
        for offset, moment in dates.find_text_dates(line, month_first):
            if moment.date() not in found and not dates.in_prose(line, offset):
                revised = bool(_REVISED.search(line[max(0, offset - 30):offset]))
                found[moment.date()] = (dates.Candidate(moment, False, "byline"), revised)
    return list(found.values())


def byline_date(
    lines: list[str], month_first: bool | None = None
) -> tuple[dates.Candidate | None, bool]:
    """The publication day the header zone shows (day only, no time), and whether it is
    labelled as an update.

    The first date not labelled as an update wins ("Published Apr 26, 2023 ·
    Updated Aug 21, 2025"); a page that only shows an "Updated" date gives that.
    """
    seen = header_dates(lines, month_first)
    first = next((c for c, revised in seen if not revised), None)
    if first:
        return first, False
    return (seen[0][0], True) if seen else (None, False)

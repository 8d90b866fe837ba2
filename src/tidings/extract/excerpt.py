"""The excerpt: the article's own opening, in whole sentences.

Readers judge a story by its first lines, so the excerpt is the body's
opening rather than the meta description (often written for search engines).
"""

from __future__ import annotations

import re

MAX_EXCERPT = 300
ELLIPSIS = "\u2026"

# Words whose trailing period does not end a sentence.
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof sr jr st vs etc inc ltd co corp gen gov sen rep no fig approx dept est "
    "jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k e.g i.e a.m p.m".split()
)
_SENTENCE_END = re.compile(
    r"(?<=[.!?\u2026])[\"'\u201d\u2019)\]]*\s+(?=[\"'\u201c\u2018(\[]?[A-Z0-9])"
)


def split_sentences(paragraph: str) -> list[str]:
    """Split on sentence punctuation, not after abbreviations or initials (``Jane Q. Writer``)."""
    sentences: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(paragraph):
        before = paragraph[start : match.start()]
        last_word = before.rsplit(None, 1)[-1] if before.split() else ""
        word = last_word.rstrip(".").lstrip("(\"'\u201c").lower()
        if word in _ABBREVIATIONS or re.fullmatch(r"[A-Za-z]", word):
            continue
        sentences.append(paragraph[start : match.end()].strip())
        start = match.end()
    tail = paragraph[start:].strip()
    if tail:
        sentences.append(tail)
    return sentences


def looks_like_heading(line: str) -> bool:
    """Short lines without closing punctuation are headings, captions or labels."""
    text = line.strip()
    return len(text) < 90 and not re.search(r"[.!?:\u2026\"'\u201d)]$", text)


def make_excerpt(paragraphs: list[str], limit: int = MAX_EXCERPT) -> str:
    """Whole opening sentences up to ``limit`` characters, never cut mid-word.

    When the first sentence alone is too long it is cut at a word boundary and
    ends with an ellipsis.
    """
    body = [p for p in (" ".join(p.split()) for p in paragraphs) if p]
    body = [p for p in body if not looks_like_heading(p) and not _is_byline(p)] or body
    excerpt = ""
    for paragraph in body:
        for sentence in split_sentences(paragraph):
            joined = f"{excerpt} {sentence}".strip()
            if len(joined) > limit:
                return excerpt or _cut(sentence, limit)
            excerpt = joined
    return excerpt


def _cut(sentence: str, limit: int) -> str:
    head = ""
    for word in sentence.split():
        longer = f"{head} {word}".strip()
        if len(longer) + len(ELLIPSIS) > limit:
            break
        head = longer
    # A single giant token (a URL, say) is the one case cut inside a word.
    head = head or sentence[: limit - len(ELLIPSIS)]
    return head.rstrip(" ,;:-\u2013\u2014") + ELLIPSIS


def _is_byline(paragraph: str) -> bool:
    return bool(re.match(r"^(by|reporting by|words by)\s", paragraph, re.I)) and len(paragraph) < 80

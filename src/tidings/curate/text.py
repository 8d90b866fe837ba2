"""Words, sentences and shingles: the small text tools curation shares."""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator

_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'-]*|\d+(?:\.\d+)?")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'A-Z0-9])")
_BLOCK = re.compile(r"[^\n]+")

STOPWORDS = frozenset(
    """
    a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each
    few for from further had has have having he her here hers herself him himself his how
    i if in into is it its itself just me more most my no nor not now of off on once only
    or other our ours out over own same she should so some such than that the their theirs
    them then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours said says new
    one two three year years week month day today yesterday last first next per cent
    percent mr ms according told including since like still may might must many much make
    made
    """.split()
)


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def content_words(text: str) -> list[str]:
    """Lower-cased words that carry meaning: no stopwords, no one- or two-letter tokens."""
    tokens = (t.lower().removesuffix("'s") for t in words(text))
    return [w for w in tokens if len(w) > 2 and w not in STOPWORDS]


def names(text: str) -> set[str]:
    """Proper names and model numbers: capitalised words not opening a sentence, and
    words mixing letters and digits ("Tern-9"). Two articles naming the same things
    are likely about the same event, however differently they are worded."""
    found: set[str] = set()
    for sentence in sentences(text):
        tokens = words(sentence)
        for position, token in enumerate(tokens):
            bare = token.removesuffix("'s")
            mixed = any(c.isdigit() for c in bare) and any(c.isalpha() for c in bare)
            if mixed or (position > 0 and bare[:1].isupper() and bare.lower() not in STOPWORDS
                         and len(bare) > 2):
                found.add(bare.lower())
    return found


def sentences(text: str) -> Iterator[str]:
    for block in text.split("\n"):
        for sentence in _SENTENCE_END.split(block.strip()):
            if sentence:
                yield sentence


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, split as :func:`sentences` splits them.

    Offsets let a regex run once over the whole text and still tell which
    sentence each match sits in, and what its neighbours say.
    """
    spans: list[tuple[int, int]] = []
    for block in _BLOCK.finditer(text):
        start = block.start()
        for end in _SENTENCE_END.finditer(text, block.start(), block.end()):
            spans.append((start, end.start()))
            start = end.end()
        spans.append((start, block.end()))
    return [(a, b) for a, b in spans if text[a:b].strip()]


def shingles(text: str, size: int = 5) -> set[int]:
    """Hashes of overlapping word runs: two copies of one text share nearly all of them."""
    tokens = [t.lower() for t in words(text)]
    if len(tokens) < size:
        return {zlib.crc32(" ".join(tokens).encode())} if tokens else set()
    runs = (" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1))
    return {zlib.crc32(run.encode()) for run in runs}

"""Grouping: near-duplicate copies, and stories told by several publishers.

Interim method: word shingles for copies, TF-IDF cosine over the title and
opening for stories, both with an inverted index so each new article is
compared only with articles that share its rare words. Items arrive in time
order and are placed once (online), so earlier story ids never move.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

from tidings.curate.items import Item
from tidings.curate.text import content_words, names, shingles

DUPLICATE_JACCARD = 0.6
#: Same story when the mean of word cosine and name overlap reaches this.
STORY_SCORE = 0.35
OPENING_WORDS = 120
INDEX_TERMS = 12  #: an item is found through this many of its strongest terms


@dataclass(slots=True, eq=False)  # compared by identity, so usable as a key
class _Seen:
    item: Item
    vector: dict[str, float]
    norm: float
    shingles: set[int]
    names: set[str]
    story: int | str


@dataclass(slots=True)
class Grouper:
    """Places items one by one; holds only the items inside the time window."""

    window: timedelta
    _seen: list[_Seen] = field(default_factory=list)
    _by_term: dict[str, list[_Seen]] = field(default_factory=lambda: defaultdict(list))
    _by_shingle: dict[int, list[_Seen]] = field(default_factory=lambda: defaultdict(list))
    _df: Counter[str] = field(default_factory=Counter)
    _next_story: int = 1

    def place(self, item: Item) -> tuple[int | str | None, int | str, str]:
        """Return (duplicate_of, story, evidence) for an item newer than all placed before."""
        self._forget_older_than(item)
        terms = Counter(content_words(item.title) * 2 + content_words(item.text)[:OPENING_WORDS])
        self._df.update(terms.keys())
        vector = self._weigh(terms)
        norm = math.sqrt(sum(w * w for w in vector.values())) or 1.0
        marks = {s for s in shingles(item.text) if s % 8 == 0}  # a sample keeps the index small
        opening = " ".join(item.text.split()[:OPENING_WORDS])
        named = names(f"{item.title}.\n{opening}")

        duplicate, dup_score = self._best_copy(marks)
        best, best_score, shared = self._best_story(vector, norm, named)
        if duplicate is not None:
            story = duplicate.story
            evidence = f"copy of {duplicate.item.id} (Jaccard {dup_score:.2f})"
        elif best is not None and best_score >= STORY_SCORE:
            story = best.story
            evidence = f"similar to {best.item.id} (score {best_score:.2f}; shares {shared})"
        else:
            story = item.story if item.story is not None else self._new_story_id()
            evidence = "first article of its story"
        if item.story is not None:
            story = item.story  # an earlier run placed it: ids stay stable
        seen = _Seen(item, vector, norm, marks, named, story)
        self._seen.append(seen)
        strongest = sorted(vector, key=vector.get, reverse=True)[:INDEX_TERMS]
        for term in (*strongest, *(f"@{name}" for name in named)):
            self._by_term[term].append(seen)
        for mark in marks:
            self._by_shingle[mark].append(seen)
        return (duplicate.item.id if duplicate else None), story, evidence

    def reserve(self, story: int | str) -> None:
        """Make sure new story ids never collide with ones given out in earlier runs."""
        if isinstance(story, int) and story >= self._next_story:
            self._next_story = story + 1

    def _new_story_id(self) -> int:
        self._next_story += 1
        return self._next_story - 1

    def _weigh(self, terms: Counter[str]) -> dict[str, float]:
        total = max(len(self._seen), 1) + 1
        return {t: (1 + math.log(n)) * math.log(total / self._df[t] + 1) for t, n in terms.items()}

    def _best_copy(self, marks: set[int]) -> tuple[_Seen | None, float]:
        overlap: Counter[_Seen] = Counter()
        for mark in marks:
            overlap.update(self._by_shingle.get(mark, ()))
        best, best_score = None, 0.0
        for seen, shared in overlap.items():
            union = len(marks | seen.shingles) or 1
            score = shared / union
            if score > best_score:
                best, best_score = seen, score
        return (best, best_score) if best_score >= DUPLICATE_JACCARD else (None, best_score)

    def _best_story(
        self, vector: dict[str, float], norm: float, named: set[str]
    ) -> tuple[_Seen | None, float, str]:
        keys = (*vector, *(f"@{name}" for name in named))
        candidates = {s for key in keys for s in self._by_term.get(key, ())}
        best, best_score, shared = None, 0.0, ""
        for seen in candidates:
            common = vector.keys() & seen.vector.keys()
            cosine = sum(vector[t] * seen.vector[t] for t in common) / (norm * seen.norm)
            both = named & seen.names
            overlap = len(both) / (min(len(named), len(seen.names)) or 1) if len(both) > 1 else 0
            score = (cosine + overlap) / 2
            if score > best_score:
                best, best_score, shared = seen, score, ", ".join(sorted(both)[:5])
        return best, best_score, shared

    def _forget_older_than(self, item: Item) -> None:
        cutoff = item.published - self.window
        if not self._seen or self._seen[0].item.published >= cutoff:
            return
        keep = [s for s in self._seen if s.item.published >= cutoff]
        dropped = set(self._seen) - set(keep)
        self._seen = keep
        for index in (self._by_term, self._by_shingle):
            for key in list(index):
                index[key] = [s for s in index[key] if s not in dropped]
                if not index[key]:
                    del index[key]

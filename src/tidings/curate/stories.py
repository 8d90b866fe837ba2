"""Grouping: near-duplicate copies, and stories told by several publishers.

Items arrive in time order and are placed once (online), so a story id, once given, stays.
For each new item:

1. copies first (:mod:`tidings.curate.copies`): an AMP or tracking variant, or a
   syndicated text, joins its original's story as a duplicate, never as related coverage;
2. otherwise it is compared with every live story through two views of its title and
   opening: sentence embeddings (meaning, whatever the words) and TF-IDF vectors (the
   rare words, mostly names, that the story's articles share). The score is their
   weighted sum; the best story at or above the threshold takes the item, else it opens
   a new story. A bare headline is scored against the story's mean embedding and summed
   TF-IDF vector, and also counts the words of its URL's slug that its title lacks. An
   article (an item with a text) scores its mean cosine with the story's members in both
   views (average linkage, see WORDS_ONLY_ARTICLE_SCORE), by meaning taken less the
   window's mean (see CENTRE);
3. the story that grew is compared with the stories near it: two that turn out to tell
   one story are merged into the older one, whose id survives (:meth:`Grouper.resolve`).

Without the embedding model (see :mod:`tidings.curate.embed`) the TF-IDF view decides
alone, with its own thresholds. Items older than the window leave every index, so memory
and time per item stay flat however long the stream runs.

The weights and thresholds were tuned on one half of the UCI news-aggregator stories
(headlines only) and checked on the other half: ``bench/curation.py`` measures them.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict, deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from urllib.parse import urlsplit

import numpy as np

from tidings.curate.copies import CopyFinder
from tidings.curate.embed import Embedder, load_embedder
from tidings.curate.items import Item
from tidings.curate.large_model import MODEL_NAME as LARGE_MODEL_NAME
from tidings.curate.text import content_words, names

#: Score = meaning + TERMS_WEIGHT x words; same story at or above STORY_SCORE.
TERMS_WEIGHT = 1.0
STORY_SCORE = 0.46
#: Two stories whose centroids score this much against each other are one story.
MERGE_SCORE = 0.8
#: An article (an item with a text) is compared by meaning after taking away the mean
#: vector of the window's items. On a desk that follows one field every text shares a
#: common direction ("AI news"): any two of its stories look alike, and a broad story's
#: centroid, drawn toward that mean, looks like all of them and absorbs story after story.
#: Bare headlines keep the plain cosine, which their bars were tuned on (centring lost
#: there). The mean is shrunk toward zero by CENTRE_PRIOR phantom items, so the first few
#: items are compared as they are.
CENTRE = True
CENTRE_PRIOR = 20
#: Articles with a text (not bare headlines) share far more with a same-story article, and
#: an AI news desk sees only AI stories, which all sound alike to the model: a higher bar.
ARTICLE_SCORE = 0.7
ARTICLE_WORDS = 40  #: an item with at least this many words of text is an article
#: Without embeddings: words alone, so a threshold on the TF-IDF cosine.
WORDS_ONLY_SCORE = 0.1
WORDS_ONLY_MERGE = 0.3
#: An article scores, in each view, its mean cosine with the story's members (average
#: linkage), not its cosine with their sum or mean: that cosine is the mean divided by the
#: root of the members' mean cosine with each other, so the looser a story the more it
#: flatters, and on a one-field desk a story that took in a few others drew in the whole
#: field (by words alone first; by meaning, a story of 4,004 of 100,000 generated
#: articles). For a story of one the two are the same, so the pair-tuned bars hold.
WORDS_ONLY_ARTICLE_SCORE = 0.25
#: Stories grown by an article merge at this bar (headline stories at the merge bar): two
#: stories are one when their articles agree, on average, more than an article must agree
#: with a story to join it.
ARTICLE_MERGE_SCORE = MERGE_SCORE
WORDS_ONLY_ARTICLE_MERGE = 0.5


@dataclass(frozen=True, slots=True)
class Bars:
    """The four bars of one mode: each sentence model spreads its cosines differently, so
    each has its own (a bar tuned on MiniLM would be wrong for mpnet)."""

    story: float
    article: float
    merge: float
    article_merge: float


#: Bars per embedding model name; a model not listed (MiniLM, a test's) takes the MiniLM bars.
#: mpnet, story and merge: a grid (story 0.38-0.58, merge 0.6-0.9) on UCI half a is flat at
#: the top (B-cubed 0.870-0.876); the best, 0.42/0.7, gained 0.006 there and 0.0005 on half
#: b but lost pairwise F1 on a (-0.014) and 1.5 points of B-cubed on the shuffled stream,
#: so MiniLM's 0.46/0.8 stay. Article bar: on SemEval en-en half a, mpnet's cosine + words
#: at 0.7 admits more same-story pairs than MiniLM's (0.97 vs 0.87) for 2 of 39 unrelated
#: ones; raising it to 0.77 matched MiniLM's recall on a but lost it on half b (0.71 vs
#: 0.86): 0.7 stays too. The entry is kept so that a re-tune changes one line.
MODEL_BARS: dict[str, Bars] = {
    LARGE_MODEL_NAME: Bars(story=0.46, article=0.7, merge=0.8, article_merge=0.8),
}


def bars_for(embedder: object | None) -> Bars:
    """The bars for this embedder (None: words alone). Read at call time, so a bench or a
    test that sets the module's constants is obeyed."""
    if embedder is None:
        return Bars(WORDS_ONLY_SCORE, WORDS_ONLY_ARTICLE_SCORE, WORDS_ONLY_MERGE,
                    WORDS_ONLY_ARTICLE_MERGE)
    known = MODEL_BARS.get(str(getattr(embedder, "name", "")))
    return known or Bars(STORY_SCORE, ARTICLE_SCORE, MERGE_SCORE, ARTICLE_MERGE_SCORE)


OPENING_WORDS = 60  #: the title and this much of the text describe the event
#: Stories compared by meaning: the nearest this many, plus every story sharing a word.
NEAREST_STORIES = 20
MERGES_KEPT = 1000
EVIDENCE_MEMBERS = 50  #: a joining item's evidence names the closest of this many latest
#: A search may leave out words worth at most this share of its bar (see _word_scores).
SKIPPED_SHARE = 0.5
SLUG_MIN_WORDS = 3
_PATH_PARTS = re.compile(r"[/\\]")
_EXTENSION = re.compile(r"\.[A-Za-z]{2,5}$")
_SLUG_SEPARATORS = re.compile(r"[-_]+")
_UNSET = object()


@dataclass(slots=True, eq=False)
class _Member:
    id: int | str
    published: datetime
    vector: np.ndarray | None  #: unit sentence embedding
    terms: dict[str, float]  #: unit TF-IDF vector
    words: frozenset[str]
    story: _Story


@dataclass(slots=True, eq=False)
class _Story:
    id: int | str
    order: int  #: creation order: a merge keeps the older story
    slot: int  #: row in the centroid matrix
    members: list[_Member] = field(default_factory=list)
    terms: dict[str, float] = field(default_factory=dict)  #: summed member TF-IDF vectors
    counts: Counter[str] = field(default_factory=Counter)  #: members using each term
    norm: float = 0.0

    def renorm(self) -> None:
        self.norm = math.sqrt(sum(w * w for w in self.terms.values()))


def story_terms(item: Item) -> list[str]:
    """The words that describe the item's event: title twice, the opening once, names;
    for a bare headline, also the words its URL's slug adds to the title."""
    body = (item.text or item.excerpt).split()
    opening = " ".join(body[:OPENING_WORDS])
    title = [_stem(w) for w in content_words(item.title)]
    terms = title * 2
    terms += [_stem(w) for w in content_words(opening)]
    terms += [f"@{n}" for n in names(opening)]  # a name in running text is a strong mark
    if len(body) < ARTICLE_WORDS:
        # A headline is short and often cut ("..."); the slug was mostly written from
        # the full headline, so its other words are the next best description. An article
        # with a text says more in its opening, and keeps the features it was tuned on.
        seen = set(title)
        terms += [w for w in map(_stem, content_words(" ".join(url_words(item.url))))
                  if w not in seen]
    return terms


def url_words(url: str) -> list[str]:
    """The words of the longest hyphenated part of a URL's path ("gm-hires-law-firms"):
    news sites build it from the headline. Fewer than three words is an id, not a slug."""
    best = ""
    for part in _PATH_PARTS.split(urlsplit(url).path):
        part = _EXTENSION.sub("", part)
        if part.count("-") + part.count("_") >= 2 and len(part) > len(best):
            best = part
    found = [w for w in _SLUG_SEPARATORS.split(best) if w.isalpha()]
    return found if len(found) >= SLUG_MIN_WORDS else []


def story_text(item: Item) -> str:
    """What the embedding model reads: the title and the start of the text."""
    opening = " ".join((item.text or item.excerpt).split()[:OPENING_WORDS])
    return f"{item.title}. {opening}".strip() if opening else item.title


def _stem(word: str) -> str:
    # Plural and singular headlines name the same thing ("tapers", "taper").
    return word[:-1] if len(word) > 4 and word.endswith("s") and not word.endswith("ss") else word


@dataclass(slots=True)
class Grouper:
    """Places items one by one; holds only the items inside the time window."""

    window: timedelta
    embedder: Embedder | None | object = _UNSET  #: default: the packaged model, if installed
    story_score: float | None = None  #: bar for headlines (and items with little text)
    article_score: float | None = None  #: bar for items with a text
    merge_score: float | None = None
    article_merge_score: float | None = None  #: merge bar when an article grew the story
    terms_weight: float = TERMS_WEIGHT
    copies: CopyFinder = field(default_factory=CopyFinder)
    #: The latest merges, (absorbed story, surviving story, score), for explain and the desk
    #: (bounded, like everything else held; :meth:`resolve` is the full record).
    merges: deque[tuple[int | str, int | str, float]] = field(
        default_factory=lambda: deque(maxlen=MERGES_KEPT))
    _stories: dict[int | str, _Story] = field(default_factory=dict)
    _merged: dict[int | str, int | str] = field(default_factory=dict)
    _members: deque[_Member] = field(default_factory=deque)
    _by_id: dict[int | str, _Member] = field(default_factory=dict)
    _df: Counter[str] = field(default_factory=Counter)
    _by_term: dict[str, set[_Story]] = field(default_factory=lambda: defaultdict(set))
    _centroids: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), np.float32))
    _sizes: np.ndarray = field(default_factory=lambda: np.zeros(0, np.float32))  #: vectors
    _total: np.ndarray | None = None  #: sum of the window's item vectors
    _slots: list[_Story | None] = field(default_factory=list)
    _free: list[int] = field(default_factory=list)
    _ahead: dict[int | str, np.ndarray] = field(default_factory=dict)
    _next_story: int = 1
    _created: int = 0

    def __post_init__(self) -> None:
        if self.embedder is _UNSET:
            self.embedder = load_embedder()
        bars = bars_for(self.embedder)
        if self.story_score is None:
            self.story_score = bars.story
        if self.article_score is None:
            self.article_score = bars.article
        if self.merge_score is None:
            self.merge_score = bars.merge
        if self.article_merge_score is None:
            self.article_merge_score = bars.article_merge

    # -- public interface ---------------------------------------------------------------

    @property
    def mode(self) -> str:
        return "meaning+words" if self.embedder is not None else "words"

    def reserve(self, story: int | str) -> None:
        """Make sure new story ids never collide with ones given out in earlier runs."""
        if isinstance(story, int) and story >= self._next_story:
            self._next_story = story + 1

    def resolve(self, story: int | str) -> int | str:
        """The story that survives: follows merges, so a merged id gives the older story."""
        seen = set()
        while story in self._merged and story not in seen:
            seen.add(story)
            story = self._merged[story]
        return story

    def embed_ahead(self, items: Iterable[Item]) -> None:
        """Embed many items in batches before placing them one by one (much faster)."""
        if self.embedder is None:
            return
        todo = [i for i in items if i.id not in self._ahead]
        if todo:
            vectors = self.embedder.embed([story_text(i) for i in todo])  # type: ignore[union-attr]
            self._ahead.update((i.id, v) for i, v in zip(todo, vectors, strict=True))

    def place(self, item: Item) -> tuple[int | str | None, int | str, str]:
        """Return (duplicate_of, story, evidence) for an item newer than all placed before."""
        self.forget(item.published - self.window)
        match, minhash = self.copies.find(item.url, item.text)
        if match is not None and self._owner(match.original) is not None:
            self._ahead.pop(item.id, None)
            story = self.resolve(self._owner(match.original))  # type: ignore[arg-type]
            if item.story is not None:
                story = item.story
            return match.original, story, f"copy of {match.original}: {match.reason}"
        self.copies.add(item.id, item.url, item.published, minhash)

        member = self._member(item)
        article = self._is_article(item)
        best, score, parts = self._best_story(member, self._bar(item), article=article)
        if item.story is not None:  # an earlier run placed it: ids stay stable
            story = self._stories.get(self.resolve(item.story)) or self._open(item.story)
            evidence = "placed in an earlier run"
        elif best is not None and score >= self._bar(item):
            story = best
            evidence = self._why(member, best, score, parts)
        else:
            story = self._open(self._new_story_id())
            evidence = "first article of its story"
            if best is not None:
                evidence += f" (nearest story {best.id} scored {score:.2f})"
            if self._merge_bar(article) >= self._bar(item):
                # A story of one item scores against the others as the item just did:
                # under the bar, so under the merge bar too. No merge to look for.
                self._join(member, story)
                return None, story.id, evidence
        self._join(member, story)
        survivor = self._merge_near(story, article)
        return None, survivor.id, evidence

    def _merge_bar(self, article: bool) -> float:
        return (self.article_merge_score if article else self.merge_score) or 0.0

    def _bar(self, item: Item) -> float:
        return (self.article_score if self._is_article(item) else self.story_score) or 0.0

    @staticmethod
    def _is_article(item: Item) -> bool:
        return len((item.text or item.excerpt).split()) >= ARTICLE_WORDS

    def forget(self, before: datetime) -> int:
        """Drop items published before ``before`` from every index; returns how many
        story members left (copies leave the copy index at the same time)."""
        self.copies.forget_older_than(before)
        dropped = 0
        while self._members and self._members[0].published < before:
            member = self._members.popleft()
            self._by_id.pop(member.id, None)
            self._leave(member)
            dropped += 1
        return dropped

    # -- features -----------------------------------------------------------------------

    def _member(self, item: Item) -> _Member:
        terms = Counter(story_terms(item))
        self._df.update(terms.keys())
        total = len(self._members) + 2
        weights = {t: (1 + math.log(n)) * math.log(total / self._df[t] + 1)
                   for t, n in terms.items()}
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        vector = self._ahead.pop(item.id, None)
        if vector is None and self.embedder is not None:
            vector = self.embedder.embed([story_text(item)])[0]  # type: ignore[union-attr]
        return _Member(item.id, item.published, vector,
                       {t: w / norm for t, w in weights.items()}, frozenset(terms), _NO_STORY)

    def _best_story(
        self, member: _Member, bar: float, exclude: _Story | None = None, article: bool = False,
        spread: float = 1.0,
    ) -> tuple[_Story | None, float, tuple[float, float]]:
        """The story scoring highest against ``member``; exact for every story that could
        reach ``bar`` (below the bar a score may leave out a few common words). An article
        is compared by meaning less the window's mean (CENTRE), and in both views on
        average over the story's members (WORDS_ONLY_ARTICLE_SCORE). ``spread`` scales the
        meaning scores of a probe that stands for a whole story (see :meth:`_coherence`)."""
        word_scores, skipped = self._word_scores(member, SKIPPED_SHARE * bar)
        word_scores.pop(exclude, None)  # type: ignore[arg-type]
        meaning: dict[_Story, float] = {}
        if member.vector is not None and self._stories:
            sims = self._centroid_cosines(member.vector, article) * spread
            nearest = np.argsort(-sims)[: NEAREST_STORIES + 1]
            meaning = {s: float(sims[s.slot]) for slot in nearest
                       if (s := self._slots[int(slot)]) is not None and s is not exclude}
            for story in word_scores:
                meaning.setdefault(story, float(sims[story.slot]))
        weight = self.terms_weight if member.vector is not None else 1.0
        slack = weight * math.sqrt(sum(w * w for _, w in skipped))  # the most they could add
        best, best_score, best_parts = None, -math.inf, (0.0, 0.0)
        for story in word_scores.keys() | meaning.keys():
            norm = story.norm or 1.0
            if article:
                norm = float(len(story.members))  # the mean cosine, see WORDS_ONLY_ARTICLE_SCORE
            words = word_scores.get(story, 0.0) / norm
            sense = meaning.get(story, 0.0)
            if skipped and sense + weight * words + slack >= bar:
                # It could reach the bar: add the left-out words back, for an exact score.
                words += sum(w * story.terms.get(t, 0.0) for t, w in skipped) / norm
            score = sense + weight * words
            if score > best_score:
                best, best_score, best_parts = story, score, (sense, words)
        return best, best_score, best_parts

    def _word_scores(
        self, member: _Member, skippable: float
    ) -> tuple[dict[_Story, float], list[tuple[str, float]]]:
        """Dot products with the stories that share a word with the member.

        Walking every story of every word is what made time per item grow with the
        window: the commonest words ("company", "model" on an AI desk) are in most stories
        and weigh least. So the longest lists are left out (and returned) while the norm of
        the left-out weights stays under ``skippable``. By Cauchy-Schwarz a story found
        only through them scores under that against the unit member, which the callers
        keep under their bar, so no decision changes; the caller adds the left-out words
        to the stories it does score, whose scores stay exact.
        """
        scores: dict[_Story, float] = defaultdict(float)
        budget = skippable * skippable
        skipped: list[tuple[str, float]] = []
        by_term = self._by_term
        terms = sorted(member.terms.items(), key=lambda tw: -len(by_term.get(tw[0], ())))
        for term, weight in terms:
            holders = by_term.get(term)
            if not holders:
                continue
            if weight * weight <= budget:
                budget -= weight * weight
                skipped.append((term, weight))
                continue
            for story in holders:
                scores[story] += weight * story.terms[term]
        return scores, skipped

    def _centroid_cosines(self, vector: np.ndarray, article: bool) -> np.ndarray:
        """Meaning scores of ``vector`` (one item's, or a story's mean) with every story.
        A headline: the cosine with the story's mean vector. An article: the mean of its
        cosines with the story's members, all taken less the window's mean (CENTRE)."""
        rows = self._centroids[: len(self._slots)]
        if not article or self._total is None:
            norms = np.linalg.norm(rows, axis=1)
            norms[norms == 0] = 1.0
            return (rows @ vector) / (norms * (np.linalg.norm(vector) or 1.0))
        mean = self._window_mean()
        query = vector - mean
        query /= np.linalg.norm(query) or 1.0
        sizes = self._sizes[: len(self._slots)]
        # Each story's summed vector less its size times the mean, without building them.
        dots = rows @ query - sizes * float(mean @ query)
        # The sum of the members' cosines is that dot product divided by each member's
        # centred length; for unit vectors the squares of those lengths sum to
        # size - 2 (sum . mean) + size (mean . mean), so the root of size times that sum
        # stands in for size times their length (exact where the lengths are equal).
        squares = sizes * sizes * (1.0 + float(mean @ mean)) - 2 * sizes * (rows @ mean)
        norms = np.sqrt(np.maximum(squares, 0.0))
        norms[norms == 0] = 1.0
        return dots / norms

    def _window_mean(self) -> np.ndarray:
        """The mean vector the articles are compared less (zero without CENTRE)."""
        assert self._total is not None
        if not CENTRE:
            return np.zeros_like(self._total)
        return self._total / (len(self._members) + CENTRE_PRIOR)

    def _coherence(self, story: _Story) -> float:
        """How close the story's members are to each other by meaning: the length of their
        centred sum over the sum of their centred lengths (1 for a story of one). Two
        stories' mean pairwise cosine is their means' cosine times both coherences."""
        size = float(self._sizes[story.slot])
        if size <= 1 or self._total is None:
            return 1.0
        row = self._centroids[story.slot].astype(np.float64)
        mean = self._window_mean()
        squares = size * size * (1.0 + float(mean @ mean)) - 2 * size * float(row @ mean)
        return float(min(1.0, np.linalg.norm(row - size * mean) / math.sqrt(max(squares, 1e-12))))

    def _why(self, member: _Member, story: _Story, score: float,
             parts: tuple[float, float]) -> str:
        # The evidence names the closest of the story's latest articles: a story that runs
        # for weeks may hold thousands, and comparing with each cost more than placing.
        nearest = max(story.members[-EVIDENCE_MEMBERS:], key=lambda m: self._pair(member, m))
        shared = sorted(member.words & nearest.words, key=lambda t: -member.terms[t])[:5]
        what = f"meaning {parts[0]:.2f}, words {parts[1]:.2f}; " if member.vector is not None \
            else ""
        return (f"joins story {story.id} (score {score:.2f}: {what}closest to {nearest.id}"
                f"{'; shares ' + ', '.join(t.lstrip('@') for t in shared) if shared else ''})")

    def _pair(self, a: _Member, b: _Member) -> float:
        words = sum(w * b.terms.get(t, 0.0) for t, w in a.terms.items())
        if a.vector is None or b.vector is None:
            return words
        return float(a.vector @ b.vector) + self.terms_weight * words

    # -- stories ------------------------------------------------------------------------

    def _new_story_id(self) -> int:
        self._next_story += 1
        return self._next_story - 1

    def _open(self, story_id: int | str) -> _Story:
        slot = self._free.pop() if self._free else len(self._slots)
        if slot == len(self._slots):
            self._slots.append(None)
            if self._centroids.shape[0] < len(self._slots):
                rows, width = self._centroids.shape  # width stays 0 until a first vector
                grown = np.zeros((max(64, 2 * rows), width), np.float32)
                grown[: self._centroids.shape[0]] = self._centroids
                self._centroids = grown
                sizes = np.zeros(grown.shape[0], np.float32)
                sizes[: self._sizes.shape[0]] = self._sizes
                self._sizes = sizes
        self._created += 1
        story = _Story(story_id, self._created, slot)
        self._slots[slot] = story
        self._stories[story_id] = story
        self.reserve(story_id)
        return story

    def _join(self, member: _Member, story: _Story) -> None:
        member.story = story
        story.members.append(member)
        self._members.append(member)
        self._by_id[member.id] = member
        if member.vector is not None:
            if self._centroids.shape[1] != len(member.vector):  # the first vector seen
                self._centroids = np.zeros((self._centroids.shape[0], len(member.vector)),
                                           np.float32)
            self._centroids[story.slot] += member.vector
            self._sizes[story.slot] += 1
            if self._total is None or len(self._total) != len(member.vector):
                self._total = np.zeros(len(member.vector))  # float64: runs for weeks
            self._total += member.vector
        for term, weight in member.terms.items():
            story.terms[term] = story.terms.get(term, 0.0) + weight
            self._by_term[term].add(story)
        story.counts.update(member.words)
        story.renorm()

    def _leave(self, member: _Member) -> None:
        story = member.story
        for term in member.words:
            self._df[term] -= 1
            if self._df[term] <= 0:
                del self._df[term]
        if member.vector is not None and self._total is not None:
            self._total -= member.vector
        if story is _NO_STORY:
            return
        story.members.remove(member)
        if not story.members:
            self._close(story)
            return
        if member.vector is not None:
            self._centroids[story.slot] -= member.vector
            self._sizes[story.slot] -= 1
        story.counts.subtract(member.words)
        for term, weight in member.terms.items():
            left = story.terms.get(term, 0.0) - weight
            if story.counts[term] > 0:
                story.terms[term] = max(left, 0.0)
            else:
                story.terms.pop(term, None)
                del story.counts[term]
                self._by_term[term].discard(story)
                if not self._by_term[term]:
                    del self._by_term[term]
        story.renorm()

    def _close(self, story: _Story, merged: bool = False) -> None:
        for term in story.terms:
            holders = self._by_term.get(term)
            if holders is not None:
                holders.discard(story)
                if not holders:
                    del self._by_term[term]
        self._centroids[story.slot] = 0.0
        self._sizes[story.slot] = 0
        self._slots[story.slot] = None
        self._free.append(story.slot)
        del self._stories[story.id]
        if not merged:
            # Ids merged into a story need no memory once it has left the window.
            for old in [k for k, v in self._merged.items() if v == story.id]:
                del self._merged[old]

    def _merge_near(self, story: _Story, article: bool = False) -> _Story:
        """Merge ``story``, just grown by an article or a headline, with any story that now
        scores as the same one."""
        if len(self._stories) < 2:
            return story
        centroid = self._centroids[story.slot] if self._centroids.size else None
        probe = _Member("", datetime.min, None, {}, frozenset(), story)
        if centroid is not None and np.any(centroid):
            probe.vector = centroid / max(float(self._sizes[story.slot]), 1.0)  # the mean
        spread = 1.0
        if article and probe.vector is not None:
            # Average linkage both ways: the story's members on average, not its centre.
            spread = self._coherence(story)
            probe.terms = {t: w / len(story.members) for t, w in story.terms.items()}
        else:
            probe.terms = {t: w / (story.norm or 1.0) for t, w in story.terms.items()}
        bar = self._merge_bar(article)
        best, score, _ = self._best_story(probe, bar, exclude=story, article=article,
                                          spread=spread)
        if best is None or score < bar:
            return story
        older, younger = (best, story) if best.order < story.order else (story, best)
        self._absorb(older, younger, score)
        return older

    def _absorb(self, older: _Story, younger: _Story, score: float) -> None:
        for member in younger.members:
            member.story = older
            older.members.append(member)
        older.members.sort(key=lambda m: m.published)
        if self._centroids.size:
            self._centroids[older.slot] += self._centroids[younger.slot]
            self._sizes[older.slot] += self._sizes[younger.slot]
        for term, weight in younger.terms.items():
            older.terms[term] = older.terms.get(term, 0.0) + weight
            self._by_term[term].add(older)
        older.counts.update(younger.counts)
        older.renorm()
        for old, new in list(self._merged.items()):  # earlier merges follow along
            if new == younger.id:
                self._merged[old] = older.id
        self._merged[younger.id] = older.id
        younger.members = []
        self._close(younger, merged=True)
        self.merges.append((younger.id, older.id, score))

    def _owner(self, item_id: int | str) -> int | str | None:
        member = self._by_id.get(item_id)
        return member.story.id if member is not None else None


# A member not yet in a story; a placeholder so the field needs no Optional checks.
_NO_STORY = _Story(id="", order=-1, slot=-1)

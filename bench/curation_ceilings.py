"""What the UCI gold stories allow: methods given the answers, and what time would add.

The UCI target (B-cubed 0.88, pairwise 0.85) asks more than the grouper's features can
give, and this section shows it with the same features (sentence embeddings of the
headline plus the story-term TF-IDF cosine, ``curate.stories``):

* **given the gold labels**, each headline takes the story of the majority of its five
  nearest headlines (``knn_vote``), or the gold story whose centroid it is nearest to
  (``nearest_centroid``). Neither is a method one could run; they are ceilings.
* **time**: UCI's stamps are the aggregator's crawl times. Every gold story's headlines are
  stamped within a few minutes of each other, and stories of one subject are filed apart
  a day later ("Titanfall" reviews, then an Xbox interview about it). The demo corpus,
  written to the issue's definition of a story (coverage of every type, so the analysis
  that comes a day later belongs to it), has the same gaps inside its stories. The rows
  give both, so a rule keyed on silence is seen to split the one as it splits the other.

    .venv/bin/python bench/curation.py --only ceilings
"""

from __future__ import annotations

import argparse
import statistics
from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import datetime
from itertools import pairwise

import numpy as np

from cluster_scoring import ClusterScore, score_clusters
from curation_stories import UCI, load_uci
from tidings.curate.embed import load_embedder
from tidings.curate.stories import TERMS_WEIGHT, story_terms, story_text
from tidings.demo.site import load_corpus

NEIGHBOURS = 5


def add_arguments(parser: argparse.ArgumentParser) -> None:
    if "uci" not in {action.dest for action in parser._actions}:
        parser.add_argument("--uci", default=UCI, help="UCI news-aggregator stories CSV")


def pair_scores(terms: Sequence[Sequence[str]], vectors: np.ndarray | None) -> np.ndarray:
    """The grouper's pair score for every pair: cosine of the embeddings (when there are
    any) plus TERMS_WEIGHT x the cosine of the TF-IDF vectors of the story terms."""
    df: Counter[str] = Counter()
    for words in terms:
        df.update(set(words))
    # A word of one headline adds to its length but to no pair: it gets no column.
    vocabulary = {w: k for k, w in enumerate(w for w, n in df.items() if n > 1)}
    matrix = np.zeros((len(terms), len(vocabulary)), np.float32)
    for row, words in enumerate(terms):
        weights = {w: (1 + np.log(n)) * np.log(len(terms) / df[w] + 1)
                   for w, n in Counter(words).items()}
        length = float(np.sqrt(sum(x * x for x in weights.values()))) or 1.0
        for word, weight in weights.items():
            if word in vocabulary:
                matrix[row, vocabulary[word]] = weight / length
    scores = TERMS_WEIGHT * (matrix @ matrix.T)
    # The words left out still count in an item's score with itself: 1 for unit vectors.
    np.fill_diagonal(scores, [TERMS_WEIGHT if words else 0.0 for words in terms])
    if vectors is not None:
        unit = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
        scores += unit @ unit.T
    return scores


def knn_vote(scores: np.ndarray, gold: Sequence[str], k: int = NEIGHBOURS) -> list[str]:
    """Each item takes the gold story most of its k nearest other items hold (the nearest
    one breaks a tie): a ceiling, since it reads the answers of its neighbours."""
    labels = []
    for row in range(len(gold)):
        near = np.argsort(-scores[row])
        near = [int(j) for j in near[: k + 1] if j != row][:k]
        votes = Counter(gold[j] for j in near)
        top = max(votes.values())
        labels.append(next(gold[j] for j in near if votes[gold[j]] == top))
    return labels


def nearest_centroid(scores: np.ndarray, gold: Sequence[str]) -> list[str]:
    """Each item takes the gold story it scores highest with on average (its own included)."""
    stories = sorted(set(gold))
    columns = {s: [j for j, g in enumerate(gold) if g == s] for s in stories}
    means = np.stack([scores[:, columns[s]].mean(axis=1) for s in stories], axis=1)
    return [stories[int(c)] for c in means.argmax(axis=1)]


def spreads_minutes(times: Sequence[datetime], gold: Sequence[str]) -> list[float]:
    """How long each gold story took to arrive, first headline to last."""
    by_story: dict[str, list[datetime]] = defaultdict(list)
    for moment, story in zip(times, gold, strict=True):
        by_story[story].append(moment)
    return [(max(t) - min(t)).total_seconds() / 60 for t in by_story.values()]


def neighbour_stories(scores: np.ndarray, gold: Sequence[str], times: Sequence[datetime],
                      least: int = 10) -> list[tuple[str, str, int, float]]:
    """Pairs of gold stories where at least ``least`` headlines of either have their
    nearest headline in the other: (story, other, headlines, hours between their starts)."""
    masked = scores.copy()
    np.fill_diagonal(masked, -np.inf)
    nearest = masked.argmax(axis=1)
    crossing = Counter(tuple(sorted((gold[i], gold[int(j)]))) for i, j in enumerate(nearest)
                       if gold[i] != gold[int(j)])
    start: dict[str, datetime] = {}
    for moment, story in zip(times, gold, strict=True):
        start[story] = min(start.get(story, moment), moment)
    return [(a, b, n, abs((start[a] - start[b]).total_seconds()) / 3600)
            for (a, b), n in crossing.most_common() if n >= least]


def demo_gaps_hours() -> list[float]:
    """Hours between each article of a planted demo story and the story's one before it."""
    _, articles = load_corpus()
    by_story: dict[str, list[datetime]] = defaultdict(list)
    for article in articles:
        if article.story:
            by_story[article.story].append(article.published)
    gaps = []
    for times in by_story.values():
        times.sort()
        gaps += [(b - a).total_seconds() / 3600 for a, b in pairwise(times)]
    return gaps


def measure(args: argparse.Namespace) -> list[dict]:
    pairs = load_uci(args.uci)
    items = [item for item, _ in pairs]
    gold = [story for _, story in pairs]
    embedder = load_embedder()
    vectors = embedder.embed([story_text(i) for i in items]) if embedder else None
    model = getattr(embedder, "name", "words only") if embedder else "words only"
    scores = pair_scores([story_terms(i) for i in items], vectors)
    truth = {i.id: g for i, g in zip(items, gold, strict=True)}
    rows: list[dict] = []
    for name, labels in (("gold labels given: 5 nearest headlines vote", knn_vote(scores, gold)),
                         ("gold labels given: nearest gold centroid",
                          nearest_centroid(scores, gold))):
        score = score_clusters(truth, {i.id: s for i, s in zip(items, labels, strict=True)})
        rows += _rows(name, score, model)
    times = [i.published for i in items]
    spreads = spreads_minutes(times, gold)
    near = neighbour_stories(scores, gold, times)
    gaps = demo_gaps_hours()
    rows.append({"section": "uci-ceilings", "system": "UCI gold stories",
                 "metric": "minutes from first to last headline",
                 "value": round(statistics.median(spreads), 1), "target": "",
                 "note": f"median; max {max(spreads):.1f} over {len(spreads)} stories"})
    hours = sorted(round(h) for *_, h in near)
    rows.append({"section": "uci-ceilings", "system": "UCI gold stories of one subject",
                 "metric": "pairs with 10+ headlines nearest to the other's",
                 "value": len(near), "target": "",
                 "note": "hours between their first headlines: "
                         + ", ".join(str(h) for h in hours)})
    rows.append({"section": "uci-ceilings", "system": "demo planted stories",
                 "metric": "hours from an article to its story's previous one",
                 "value": round(statistics.median(gaps), 1), "target": "",
                 "note": f"median; max {max(gaps):.1f} over {len(gaps)} gaps; "
                         f"{sum(g >= 6 for g in gaps)} of them 6 hours or more"})
    return rows


def _rows(system: str, score: ClusterScore, model: str) -> list[dict]:
    return [{"section": "uci-ceilings", "system": system, "metric": metric,
             "value": round(value, 4), "target": target,
             "note": f"{model} + story-term TF-IDF; {score.pred_clusters} stories"}
            for metric, value, target in (("B-cubed F1", score.bcubed_f1, 0.88),
                                          ("pairwise F1", score.pair_f1, 0.85))]

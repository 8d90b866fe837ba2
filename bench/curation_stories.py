"""Stories and same-story similarity, measured for ``bench/curation.py``.

* ``uci-stories``: 6,366 headlines of the UCI News Aggregator set (87 stories), placed one
  by one in time order by :class:`tidings.curate.stories.Grouper`, scored with pairwise and
  B-cubed F1 (:mod:`cluster_scoring`, the definitions of ``../shared/bench/score_clusters.py``).
  Tidings runs in both modes (sentence embeddings + words, and words alone); the peers are
  single-pass cosine-to-centroid clusterers over TF-IDF vectors and over MiniLM embeddings,
  each at its best threshold on this data (which flatters them, not us). The headlines of
  one story sit next to each other in the file, so Tidings also runs on the same headlines
  in a shuffled order: a method leaning on that accident would fall apart there.
* ``semeval-pairs``: Pearson correlation between a similarity of the two texts and
  ``-Overall`` (1 = same story ... 4 = unrelated), English-English pairs and all pairs.
"""

from __future__ import annotations

import argparse
import csv
import math
import random
import time
import zlib
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np

from cluster_scoring import ClusterScore, score_clusters
from tidings.curate.embed import MODEL_NAME, Embedder, load_embedder
from tidings.curate.items import Item
from tidings.curate.stories import Grouper, story_terms
from tidings.curate.text import content_words

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "bench" / "data"
UCI = DATA / "uci-stories" / "uci-news-aggregator-head6366.csv"
PAIRS = DATA / "semeval-pairs" / "pairs.csv"
TARGET_BCUBED, TARGET_PAIR, TARGET_PEARSON = 0.88, 0.85, 0.87
PEER_THRESHOLDS = [round(0.05 * k, 2) for k in range(2, 19)]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options this section reads; ones the driver already defines are left to it."""
    known = {action.dest for action in parser._actions}

    def add(flag: str, **options: Any) -> None:
        if flag.lstrip("-").replace("-", "_") not in known:
            parser.add_argument(flag, **options)

    add("--uci", type=Path, default=UCI, help="UCI news-aggregator stories CSV")
    add("--pairs", type=Path, default=PAIRS, help="SemEval-2022 task 8 pairs CSV")
    add("--half", choices=["a", "b"], default=None,
        help="only the stories whose id hashes to this half (tune on one, confirm on the other)")
    add("--no-peers", action="store_true", help="skip the peer clusterers")


class MemoEmbedder:
    """Embeds each distinct text once, so every system in the table sees the same vectors."""

    def __init__(self, inner: Embedder) -> None:
        self.inner, self.name = inner, inner.name
        self.memo: dict[str, np.ndarray] = {}

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        todo = sorted({t for t in texts if t not in self.memo})
        if todo:
            self.memo.update(zip(todo, self.inner.embed(todo), strict=True))
        return np.array([self.memo[t] for t in texts])


def load_uci(path: Path) -> list[tuple[Item, str]]:
    """(item, gold story) in time order; ties keep the file's order."""
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    rows.sort(key=lambda r: int(r["TIMESTAMP"]))
    return [
        (Item(id=int(r["ID"]), title=r["TITLE"], text="", url=r["URL"],
              publisher=r["HOSTNAME"],
              published=datetime.fromtimestamp(int(r["TIMESTAMP"]) / 1000, UTC)), r["STORY"])
        for r in rows
    ]


def half_of(key: str) -> str:
    """Stories (never single headlines) and pairs are split in two by a hash of their id."""
    return "ab"[zlib.crc32(key.encode()) % 2]


def shuffled(items: list[Item], seed: int = 0) -> list[Item]:
    """The same headlines in a random order, stamped one second apart in that order."""
    order = random.Random(seed).sample(items, len(items))
    start = items[0].published
    return [Item(id=i.id, title=i.title, text=i.text, url=i.url, publisher=i.publisher,
                 published=start + timedelta(seconds=k)) for k, i in enumerate(order)]


def run_grouper(items: list[Item], embedder: Embedder | None) -> tuple[dict, float]:
    grouper = Grouper(window=timedelta(days=7), embedder=embedder)
    grouper.embed_ahead(items)
    start = time.perf_counter()
    placed = {item.id: grouper.place(item)[1] for item in items}
    elapsed = time.perf_counter() - start
    return {k: grouper.resolve(v) for k, v in placed.items()}, elapsed


def single_pass(vectors: np.ndarray, threshold: float) -> list[int]:
    """The peers' method: join the nearest centroid at or above the threshold, else open one."""
    sums = np.zeros((len(vectors), vectors.shape[1]), np.float64)
    norms = np.ones(len(vectors))
    labels: list[int] = []
    opened = 0
    for vector in vectors:
        if opened:
            sims = sums[:opened] @ vector / norms[:opened]
            best = int(sims.argmax())
            if sims[best] >= threshold:
                sums[best] += vector
                norms[best] = np.linalg.norm(sums[best]) or 1.0
                labels.append(best)
                continue
        sums[opened] = vector
        norms[opened] = np.linalg.norm(vector) or 1.0
        labels.append(opened)
        opened += 1
    return labels


def single_pass_words(items: list[Item], threshold: float) -> list[int]:
    """The same method over online TF-IDF vectors of the headlines (sparse, as dicts)."""
    df: Counter[str] = Counter()
    sums: list[dict[str, float]] = []
    norms: list[float] = []
    holders: dict[str, set[int]] = {}
    labels: list[int] = []
    for seen, item in enumerate(items, start=1):
        counts = Counter(content_words(item.title))
        df.update(counts.keys())
        vector = {w: (1 + math.log(n)) * math.log((seen + 1) / df[w]) for w, n in counts.items()}
        length = math.sqrt(sum(x * x for x in vector.values())) or 1.0
        vector = {w: x / length for w, x in vector.items()}
        dots: Counter[int] = Counter()
        for word, weight in vector.items():
            for cluster in holders.get(word, ()):
                dots[cluster] += weight * sums[cluster][word]
        best, best_sim = -1, -1.0
        for cluster, dot in dots.items():
            if dot / norms[cluster] > best_sim:
                best, best_sim = cluster, dot / norms[cluster]
        if best < 0 or best_sim < threshold:
            best = len(sums)
            sums.append({})
            norms.append(1.0)
        total = sums[best]
        for word, weight in vector.items():
            total[word] = total.get(word, 0.0) + weight
            holders.setdefault(word, set()).add(best)
        norms[best] = math.sqrt(sum(x * x for x in total.values())) or 1.0
        labels.append(best)
    return labels


def best_peer(
    items: list[Item], gold: dict, cluster: Callable[[float], list[int]]
) -> tuple[ClusterScore, float]:
    """The peer at the threshold that scores best on this very data (flattering it)."""
    best: tuple[ClusterScore, float] | None = None
    for threshold in PEER_THRESHOLDS:
        labels = cluster(threshold)
        score = score_clusters(gold, {i.id: c for i, c in zip(items, labels, strict=True)})
        if best is None or score.bcubed_f1 > best[0].bcubed_f1:
            best = (score, threshold)
    assert best is not None
    return best


def cluster_rows(system: str, data: str, score: ClusterScore, note: str,
                 peer: ClusterScore | None = None) -> list[dict]:
    rows = []
    for metric, value, target in (("B-cubed F1", score.bcubed_f1, TARGET_BCUBED),
                                  ("pairwise F1", score.pair_f1, TARGET_PAIR)):
        ratio = ""
        if peer is not None:
            base = peer.bcubed_f1 if metric == "B-cubed F1" else peer.pair_f1
            ratio = f"; x{value / base:.2f} vs MiniLM single pass" if base else ""
        rows.append({"section": data, "system": system, "metric": metric,
                     "value": round(value, 4), "target": target if "Tidings" in system else "",
                     "note": note + ratio})
    return rows


def measure_uci(args: argparse.Namespace, embedder: MemoEmbedder | None) -> list[dict]:
    pairs = load_uci(args.uci)
    if args.half:
        pairs = [(i, s) for i, s in pairs if half_of(s) == args.half]
    items = [i for i, _ in pairs]
    gold = {i.id: s for i, s in pairs}
    section = "uci-stories" + (f" (half {args.half})" if args.half else "")
    rows: list[dict] = []
    peer_minilm = None
    if embedder is not None and not args.no_peers:
        vectors = embedder.embed([i.title for i in items]).astype(np.float64)
        peer_minilm, threshold = best_peer(items, gold, lambda t: single_pass(vectors, t))
        rows += cluster_rows("MiniLM single pass (peer)", section, peer_minilm,
                             f"best threshold {threshold}; {peer_minilm.pred_clusters} clusters")
    if not args.no_peers:
        score, threshold = best_peer(items, gold, lambda t: single_pass_words(items, t))
        rows += cluster_rows("TF-IDF single pass (peer)", section, score,
                             f"best threshold {threshold}; {score.pred_clusters} clusters",
                             peer_minilm)
    modes: list[tuple[str, Embedder | None]] = [("Tidings words only", None)]
    if embedder is not None:
        modes.insert(0, ("Tidings meaning+words", embedder))
    for name, model in modes:
        for order, stream in (("time order", items), ("shuffled", shuffled(items))):
            pred, elapsed = run_grouper(stream, model)
            score = score_clusters(gold, pred)
            note = (f"{order}; {score.pred_clusters} stories for {score.gold_clusters}; "
                    f"{len(stream) / elapsed:.0f} items/s placing")
            rows += cluster_rows(f"{name} ({order})", section, score, note, peer_minilm)
    return rows


def pearson(x: Sequence[float], y: Sequence[float]) -> float:
    return float(np.corrcoef(np.asarray(x, float), np.asarray(y, float))[0, 1])


def word_cosine(a: str, b: str) -> float:
    ca, cb = Counter(content_words(a)), Counter(content_words(b))
    dot = sum(n * cb[w] for w, n in ca.items())
    na, nb = math.sqrt(sum(n * n for n in ca.values())), math.sqrt(sum(n * n for n in cb.values()))
    return dot / (na * nb) if na and nb else 0.0


def pair_similarity(
    embedder: Embedder | None, first: Sequence[str], second: Sequence[str]
) -> list[float]:
    """Tidings' same-story similarity of two texts: meaning plus shared story words."""
    words = [_terms_cosine(a, b) for a, b in zip(first, second, strict=True)]
    if embedder is None:
        return words
    a, b = embedder.embed(list(first)), embedder.embed(list(second))
    return [float(x @ y) + PAIR_WORDS_WEIGHT * w for x, y, w in zip(a, b, words, strict=True)]


#: Weight of the shared-words cosine next to the embedding cosine in pair similarity.
PAIR_WORDS_WEIGHT = 0.25


def _terms_cosine(a: str, b: str) -> float:
    ta = Counter(story_terms(Item(id=0, title="", text=a, url="", publisher="",
                                  published=datetime.now(UTC))))
    tb = Counter(story_terms(Item(id=0, title="", text=b, url="", publisher="",
                                  published=datetime.now(UTC))))
    dot = sum(n * tb[w] for w, n in ta.items())
    na, nb = math.sqrt(sum(n * n for n in ta.values())), math.sqrt(sum(n * n for n in tb.values()))
    return dot / (na * nb) if na and nb else 0.0


def measure_pairs(args: argparse.Namespace, embedder: MemoEmbedder | None) -> list[dict]:
    csv.field_size_limit(1 << 26)
    with args.pairs.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    if args.half:  # pairs split by a hash of their id, as the stories are
        rows = [r for r in rows if half_of(r["pair_id"]) == args.half]
    target = [-float(r["Overall"]) for r in rows]
    english = [r["lang1"] == "en" and r["lang2"] == "en" for r in rows]
    first, second = [r["text1"] for r in rows], [r["text2"] for r in rows]
    systems: list[tuple[str, Callable[[], list[float]]]] = [
        ("word cosine (peer)", lambda: [word_cosine(a, b) for a, b in zip(first, second,
                                                                          strict=True)]),
        ("Tidings words only", lambda: pair_similarity(None, first, second)),
    ]
    if embedder is not None:
        systems.insert(0, ("MiniLM cosine (peer)", lambda: [
            float(x @ y) for x, y in zip(embedder.embed(first), embedder.embed(second),
                                         strict=True)]))
        systems.insert(0, ("Tidings meaning+words",
                           lambda: pair_similarity(embedder, first, second)))
    section = "semeval-pairs" + (f" (half {args.half})" if args.half else "")
    out: list[dict] = []
    for name, compute in systems:
        sims = compute()
        en = pearson([s for s, e in zip(sims, english, strict=True) if e],
                     [t for t, e in zip(target, english, strict=True) if e])
        every = pearson(sims, target)
        out.append({"section": section, "system": name,
                    "metric": "Pearson vs -Overall, en-en", "value": round(en, 4),
                    "target": TARGET_PEARSON if name.startswith("Tidings") else "",
                    "note": f"{sum(english)} pairs"})
        out.append({"section": section, "system": name,
                    "metric": "Pearson vs -Overall, all pairs", "value": round(every, 4),
                    "target": "", "note": f"{len(rows)} pairs, a third machine-translated"})
    return out


def measure(args: argparse.Namespace) -> list[dict]:
    """Rows for the curation table; a missing data set becomes one row saying so."""
    model = load_embedder()
    embedder = MemoEmbedder(model) if model is not None else None
    rows: list[dict] = []
    if embedder is None:
        rows.append({"section": "stories", "system": "Tidings", "metric": "embeddings",
                     "value": "off", "target": "",
                     "note": "model packages not installed: words-only mode measured alone"})
    else:
        rows.append({"section": "stories", "system": "Tidings", "metric": "embeddings",
                     "value": MODEL_NAME, "target": "", "note": "onnxruntime, no PyTorch"})
    for path, section, run in ((args.uci, "uci-stories", measure_uci),
                               (args.pairs, "semeval-pairs", measure_pairs)):
        if not path.is_file():
            rows.append({"section": section, "system": "-", "metric": "-", "value": "missing",
                         "target": "", "note": f"{path} not found"})
            continue
        rows += run(args, embedder)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_arguments(parser)
    for row in measure(parser.parse_args()):
        print(f"{row['section']:<24} {row['system']:<38} {row['metric']:<32} "
              f"{row['value']!s:>8} {row['target']!s:>6}  {row['note']}")


if __name__ == "__main__":
    main()

"""Stories and same-story similarity, measured for ``bench/curation.py``.

* ``uci-stories``: 6,366 headlines of the UCI News Aggregator set (87 stories), placed one
  by one in time order by :class:`tidings.curate.stories.Grouper`, scored with pairwise and
  B-cubed F1 (:mod:`cluster_scoring`, the definitions of ``../shared/bench/score_clusters.py``).
  Tidings runs in every mode installed here (meaning + words with MiniLM, with mpnet from
  the ``embeddings-large`` extra, and words alone; ``TIDINGS_EMBEDDINGS=small|large|off``
  keeps one); the peers are single-pass cosine-to-centroid clusterers over TF-IDF vectors
  and over each model's embeddings,
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
from tidings.curate import large_model
from tidings.curate.embed import Embedder, embeddings_choice, load_embedder
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
    """Embeds each distinct text once, so every system in the table sees the same vectors;
    counts the texts it ran the model on and the time that took (the mode's speed)."""

    def __init__(self, inner: Embedder, label: str = "MiniLM") -> None:
        self.inner, self.name, self.label = inner, inner.name, label
        self.dimensions = int(getattr(inner, "dimensions", 384))
        self.memo: dict[str, np.ndarray] = {}
        self.computed, self.seconds = 0, 0.0

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        todo = sorted({t for t in texts if t not in self.memo})
        if todo:
            start = time.perf_counter()
            self.memo.update(zip(todo, self.inner.embed(todo), strict=True))
            self.seconds += time.perf_counter() - start
            self.computed += len(todo)
        return np.array([self.memo[t] for t in texts])


Models = list[MemoEmbedder]


def speed_row(section: str, model: MemoEmbedder, computed: int, seconds: float,
              what: str) -> dict:
    """Texts per second of embedding (new texts only: the memo's hits cost nothing)."""
    rate = computed / seconds if seconds else 0.0
    return {"section": section, "system": f"{model.label} embedding", "metric": "texts/s",
            "value": round(rate, 1), "target": "",
            "note": f"{computed} {what} in {seconds:.0f} s"}


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


def measure_uci(args: argparse.Namespace, models: Models) -> list[dict]:
    pairs = load_uci(args.uci)
    if args.half:
        pairs = [(i, s) for i, s in pairs if half_of(s) == args.half]
    items = [i for i, _ in pairs]
    gold = {i.id: s for i, s in pairs}
    section = "uci-stories" + (f" (half {args.half})" if args.half else "")
    rows: list[dict] = []
    peer_minilm = None
    for model in models:
        before = model.computed, model.seconds
        vectors = model.embed([i.title for i in items]).astype(np.float64)
        rows.append(speed_row(section, model, model.computed - before[0],
                              model.seconds - before[1], "headlines"))
        if args.no_peers:
            continue
        peer, threshold = best_peer(items, gold, lambda t, v=vectors: single_pass(v, t))
        peer_minilm = peer_minilm or peer  # the first model's (MiniLM's when installed)
        rows += cluster_rows(f"{model.label} single pass (peer)", section, peer,
                             f"best threshold {threshold}; {peer.pred_clusters} clusters",
                             None if peer is peer_minilm else peer_minilm)
    if not args.no_peers:
        score, threshold = best_peer(items, gold, lambda t: single_pass_words(items, t))
        rows += cluster_rows("TF-IDF single pass (peer)", section, score,
                             f"best threshold {threshold}; {score.pred_clusters} clusters",
                             peer_minilm)
    modes: list[tuple[str, Embedder | None]] = [
        *((f"Tidings meaning+words ({m.label})", m) for m in models),
        ("Tidings words only", None)]
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


def measure_pairs(args: argparse.Namespace, models: Models) -> list[dict]:
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
    section = "semeval-pairs" + (f" (half {args.half})" if args.half else "")
    out: list[dict] = []
    for model in reversed(models):
        before = model.computed, model.seconds
        model.embed(first + second)  # once, timed: the systems below read the memo
        out.append(speed_row(section, model, model.computed - before[0],
                             model.seconds - before[1],
                             "texts (cut at the model's token limit)"))
        systems.insert(0, (f"{model.label} cosine (peer)", lambda m=model: [
            float(x @ y) for x, y in zip(m.embed(first), m.embed(second), strict=True)]))
        systems.insert(0, (f"Tidings meaning+words ({model.label})",
                           lambda m=model: pair_similarity(m, first, second)))
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


def load_models() -> Models:
    """Every installed model the switch allows: both by default, one with small or large."""
    choice = embeddings_choice()
    wanted = {"auto": ("small", "large"), "off": ()}.get(choice, (choice,))
    models = []
    for which, label in (("small", "MiniLM"), ("large", "mpnet")):
        model = load_embedder(which) if which in wanted else None
        if model is not None:
            models.append(MemoEmbedder(model, label))
    return models


def measure(args: argparse.Namespace) -> list[dict]:
    """Rows for the curation table; a missing data set becomes one row saying so."""
    models = load_models()
    rows: list[dict] = []
    if not models:
        rows.append({"section": "stories", "system": "Tidings", "metric": "embeddings",
                     "value": "off", "target": "",
                     "note": "no model installed (or switched off): words-only mode alone"})
    for model in models:
        large = model.name == large_model.MODEL_NAME
        note = (f"PyTorch, {large_model.MAX_TOKENS} tokens" if large
                else "onnxruntime, no PyTorch")
        rows.append({"section": "stories", "system": f"Tidings ({model.label})",
                     "metric": "embeddings", "value": model.name, "target": "", "note": note})
    for path, section, run in ((args.uci, "uci-stories", measure_uci),
                               (args.pairs, "semeval-pairs", measure_pairs)):
        if not path.is_file():
            rows.append({"section": section, "system": "-", "metric": "-", "value": "missing",
                         "target": "", "note": f"{path} not found"})
            continue
        rows += run(args, models)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_arguments(parser)
    for row in measure(parser.parse_args()):
        print(f"{row['section']:<24} {row['system']:<38} {row['metric']:<32} "
              f"{row['value']!s:>8} {row['target']!s:>6}  {row['note']}")


if __name__ == "__main__":
    main()

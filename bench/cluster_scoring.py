"""Clustering metrics: pairwise and B-cubed precision, recall and F1.

Same definitions as ``../shared/bench/score_clusters.py`` (``tests/bench`` checks that the
two agree), so the numbers in ``bench/curation.py`` can be compared with the ones measured
there:

* pairwise (Miranda et al. 2018): over all pairs of items, precision is the share of the
  pairs placed together that the gold labels also put together, recall the share of gold
  pairs placed together. No pair predicted gives precision 1 (and no gold pair, recall 1).
* B-cubed: per item, precision is the share of its predicted cluster that shares its gold
  label, recall the share of its gold cluster that shares its predicted cluster; both are
  averaged over the items.

F1 is the harmonic mean of the two (0 when both are 0). Items missing from the prediction
count as singletons.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping
from dataclasses import asdict, dataclass


@dataclass(frozen=True, slots=True)
class ClusterScore:
    n: int
    gold_clusters: int
    pred_clusters: int
    pair_precision: float
    pair_recall: float
    pair_f1: float
    bcubed_precision: float
    bcubed_recall: float
    bcubed_f1: float

    def as_dict(self) -> dict[str, float | int]:
        return asdict(self)


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def _pairs(sizes: Counter) -> int:
    return sum(n * (n - 1) // 2 for n in sizes.values())


def score_clusters(
    gold: Mapping[Hashable, Hashable], pred: Mapping[Hashable, Hashable]
) -> ClusterScore:
    """Score ``pred`` (item -> cluster) against ``gold`` (item -> story), over gold's items."""
    # A tuple key can never equal a real label, so a missing item is alone in its cluster.
    placed = {item: pred.get(item, ("single", item)) for item in gold}
    joint = Counter((gold[item], placed[item]) for item in gold)
    gold_sizes, pred_sizes = Counter(gold.values()), Counter(placed.values())
    together = _pairs(joint)
    gold_pairs, pred_pairs = _pairs(gold_sizes), _pairs(pred_sizes)
    pair_p = together / pred_pairs if pred_pairs else 1.0
    pair_r = together / gold_pairs if gold_pairs else 1.0
    n = len(gold)
    if n:
        b_p = sum(joint[(gold[i], placed[i])] / pred_sizes[placed[i]] for i in gold) / n
        b_r = sum(joint[(gold[i], placed[i])] / gold_sizes[gold[i]] for i in gold) / n
    else:
        b_p = b_r = 0.0
    return ClusterScore(
        n=n,
        gold_clusters=len(gold_sizes),
        pred_clusters=len(pred_sizes),
        pair_precision=pair_p,
        pair_recall=pair_r,
        pair_f1=f1(pair_p, pair_r),
        bcubed_precision=b_p,
        bcubed_recall=b_r,
        bcubed_f1=f1(b_p, b_r),
    )

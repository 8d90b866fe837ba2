"""Clustering metrics of bench/cluster_scoring.py, by hand and against the shared scorer."""

from __future__ import annotations

import random
import types

import pytest

from .conftest import BENCH, SHARED, load


@pytest.fixture(scope="module")
def scoring():
    return load(BENCH / "cluster_scoring.py", "cluster_scoring")


def test_a_perfect_clustering_scores_one_whatever_the_labels(scoring) -> None:
    gold = {1: "x", 2: "x", 3: "y"}
    s = scoring.score_clusters(gold, {1: 7, 2: 7, 3: 9})
    assert (s.pair_f1, s.bcubed_f1) == (1.0, 1.0)
    assert (s.gold_clusters, s.pred_clusters) == (2, 2)


def test_everything_in_one_cluster(scoring) -> None:
    gold = {1: "x", 2: "x", 3: "y", 4: "y"}
    s = scoring.score_clusters(gold, dict.fromkeys(gold, 0))
    # 6 pairs predicted, 2 of them gold: precision 1/3, recall 1
    assert s.pair_precision == pytest.approx(1 / 3) and s.pair_recall == 1.0
    # each item's cluster is half its story
    assert s.bcubed_precision == pytest.approx(0.5) and s.bcubed_recall == 1.0
    assert s.bcubed_f1 == pytest.approx(2 / 3)


def test_missing_items_are_singletons(scoring) -> None:
    gold = {1: "x", 2: "x"}
    s = scoring.score_clusters(gold, {1: "a"})
    assert s.pair_precision == 1.0 and s.pair_recall == 0.0 and s.pair_f1 == 0.0
    assert s.bcubed_precision == 1.0 and s.bcubed_recall == pytest.approx(0.5)


def test_agrees_with_the_shared_scorer(scoring) -> None:
    path = SHARED / "score_clusters.py"
    if not path.is_file():
        pytest.skip(f"{path} is not here")
    reference = load(path, "reference_score_clusters")
    rng = random.Random(4)
    for _ in range(20):
        gold = {str(i): f"s{rng.randrange(6)}" for i in range(rng.randrange(1, 60))}
        pred = {k: f"c{rng.randrange(8)}" for k in gold if rng.random() < 0.9}
        ours = scoring.score_clusters(gold, pred).as_dict()
        theirs = reference.score(gold, pred)
        for key, value in theirs.items():
            assert round(ours[key], 4) == value, key


def test_the_curation_table_keeps_going_when_a_section_fails() -> None:
    driver = load(BENCH / "curation.py", "bench_curation")

    def measure(args):
        raise RuntimeError("no data")

    broken = types.ModuleType("broken")
    broken.measure = measure  # type: ignore[attr-defined]
    [row] = driver.run_section("stories", broken, None)
    assert row["value"] == "failed" and "no data" in row["note"]
    [skipped] = driver.run_section("cost", "not available: nope", None)
    assert skipped["value"] == "skipped"
    table = driver.markdown([{**row, "note": "a | b"}])
    assert table.splitlines()[0].startswith("| section | system | metric")
    assert "a \\| b" in table

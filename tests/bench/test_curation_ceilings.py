"""The ceilings of bench/curation.py: methods handed the gold labels, and the time stamps."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from types import ModuleType

import numpy as np
import pytest

from .conftest import BENCH, load

T0 = datetime(2014, 3, 10, 17, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def ceilings() -> ModuleType:
    return load(BENCH / "curation_ceilings.py", "curation_ceilings")


def scores_of(groups: list[list[int]], size: int, inside: float = 0.9,
              across: float = 0.1) -> np.ndarray:
    scores = np.full((size, size), across)
    for group in groups:
        for i in group:
            for j in group:
                scores[i, j] = inside
    return scores


def test_the_vote_follows_the_neighbours_not_the_items_own_label(ceilings) -> None:
    # Items 0-3 are alike, 4-7 alike. Item 3's gold label says "b", but its three nearest
    # neighbours are "a": the vote gives it "a", as any method reading the text would.
    scores = scores_of([[0, 1, 2, 3], [4, 5, 6, 7]], 8)
    gold = ["a", "a", "a", "b", "b", "b", "b", "b"]
    assert ceilings.knn_vote(scores, gold, k=3) == ["a"] * 4 + ["b"] * 4


def test_the_centroid_ceiling_sends_each_item_to_the_story_it_scores_best_with(ceilings) -> None:
    scores = scores_of([[0, 1, 2], [3, 4]], 5)
    gold = ["a", "a", "b", "b", "b"]  # item 2 reads like "a"
    assert ceilings.nearest_centroid(scores, gold) == ["a", "a", "a", "b", "b"]


def test_pair_scores_add_the_words_cosine_to_the_meaning_cosine(ceilings) -> None:
    vectors = np.array([[1.0, 0.0], [1.0, 0.0], [0.0, 1.0]])
    terms = [["tern", "chip"], ["tern", "chip"], ["weather"]]
    scores = ceilings.pair_scores(terms, vectors)
    assert scores[0, 1] == pytest.approx(1.0 + ceilings.TERMS_WEIGHT)
    assert scores[0, 2] == pytest.approx(0.0)


def test_stories_of_one_subject_are_paired_with_the_hours_between_them(ceilings) -> None:
    # Story "x" arrives at 17:00, story "y" on the same subject a day later; "z" is apart.
    scores = scores_of([[0, 1, 2, 3, 4, 5], [6, 7]], 8)
    gold = ["x", "x", "x", "y", "y", "y", "z", "z"]
    times = [T0] * 3 + [T0 + timedelta(hours=24)] * 3 + [T0] * 2
    scores[0, 1] = scores[1, 0] = scores[3, 4] = scores[4, 3] = 0.95  # pairs inside stories
    found = ceilings.neighbour_stories(scores, gold, times, least=1)
    assert [(a, b) for a, b, _, _ in found] == [("x", "y")]
    assert found[0][3] == pytest.approx(24.0)


def test_the_demo_stories_have_gaps_of_hours_between_articles(ceilings) -> None:
    gaps = ceilings.demo_gaps_hours()
    assert gaps and min(gaps) >= 0
    assert max(gaps) > 6  # the analysis of a story comes the next day

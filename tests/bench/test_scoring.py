"""The extraction metrics of bench/scoring.py on tiny hand-made inputs."""

from __future__ import annotations

import pytest


def test_shingle_document_counts_overlapping_four_word_shingles(scoring):
    # truth shingles: (a b c d), (b c d e); prediction: (a b c d), (b c d x)
    assert scoring.shingle_doc("a b c d e", "a b c d x") == (0.5, 0.5)
    assert scoring.shingle_doc("One two, three four!", "one two three four") == (0.0, 0.0)


def test_shingle_document_edge_cases(scoring):
    assert scoring.shingle_doc("a b c d", "a b c d") == (1.0, 1.0)
    assert scoring.shingle_doc("", "") == (1.0, 1.0)
    assert scoring.shingle_doc("a b c d e", "") == (None, 0.0)  # empty output: recall only
    assert scoring.shingle_doc("", "a b c d") == (0.0, None)  # output for an empty truth
    # fewer than four tokens make one shorter shingle
    assert scoring.shingle_doc("Hello world", "Hello world") == (1.0, 1.0)
    assert scoring.shingle_doc("Hello world", "Hello world again") == (0.0, 0.0)


def test_shingle_score_macro_averages_and_treats_missing_as_empty(scoring):
    truths = {"1": {"articleBody": "a b c d e"}, "2": "p q r s t u", "3": {"articleBody": "x"}}
    preds = {"1": {"articleBody": "a b c d x"}, "2": "p q r s t u"}
    s = scoring.shingle_score(truths, preds)
    # precisions: 0.5, 1 (page 3 has none); recalls: 0.5, 1, 0
    assert s.n == 3
    assert s.precision == pytest.approx(0.75)
    assert s.recall == pytest.approx(0.5)
    assert s.f1 == pytest.approx(2 * 0.75 * 0.5 / 1.25)


def test_shingle_score_with_every_prediction_empty_is_zero(scoring):
    s = scoring.shingle_score({"1": "a b c d e"}, {})
    assert (s.precision, s.recall, s.f1) == (0.0, 0.0, 0.0)


def test_words_document_is_a_lower_cased_bag(scoring):
    p, r, f = scoring.words_doc("The cat sat", "the CAT")
    assert (p, r) == (1.0, pytest.approx(2 / 3))
    assert f == pytest.approx(0.8)
    assert scoring.words_doc("a a b", "a b b") == pytest.approx((2 / 3, 2 / 3, 2 / 3))


def test_words_document_empty_reference_rule(scoring):
    assert scoring.words_doc("", "") == (1.0, 1.0, 1.0)
    assert scoring.words_doc(None, "something") == (0.0, 0.0, 0.0)
    assert scoring.words_doc("something", "") == (0.0, 0.0, 0.0)
    assert scoring.words_doc("something", "else") == (0.0, 0.0, 0.0)


def test_words_score_averages_per_page_values(scoring):
    truths = {"b": "The cat sat", "a": "", "c": "dog"}
    preds = {"b": {"articleBody": "the cat"}, "a": "", "c": None}
    s = scoring.words_score(truths, preds)
    assert s.n == 3
    assert s.precision == pytest.approx((1 + 1 + 0) / 3)
    assert s.recall == pytest.approx((2 / 3 + 1 + 0) / 3)
    assert s.f1 == pytest.approx((0.8 + 1 + 0) / 3)
    assert scoring.words_score({}, {}).n == 0


def test_title_match_forgives_case_and_whitespace_only(scoring):
    assert scoring.title_match("Big  News\nToday", " big news today ")
    assert scoring.title_match("Caf\u00e9 opens", "Cafe\u0301 opens")  # NFC
    assert not scoring.title_match("Big News Today", "Big News Today | Site")
    assert not scoring.title_match("It's here", "It\u2019s here")
    assert not scoring.title_match("", "")
    assert not scoring.title_match("Title", None)


def test_author_match_compares_several_authors_as_a_set(scoring):
    assert scoring.author_match("Jane Doe", "jane  doe")
    assert scoring.author_match("Jane Doe and John Roe", "John Roe; Jane Doe")
    assert scoring.author_match("A, B, and C", ["C", "B", "A"])
    assert scoring.author_match("Ann Lee & Bo Chan", "Ann Lee, Bo Chan")
    assert not scoring.author_match("Jane Doe, John Roe", "Jane Doe")
    assert not scoring.author_match("Jane Doe, MD", "Jane Doe")
    assert not scoring.author_match("Jane Doe", "By Jane Doe")
    assert not scoring.author_match("Jane Doe", None)
    assert not scoring.author_match("Jane Doe", [])


def test_date_match_is_same_calendar_day(scoring):
    from datetime import UTC, date, datetime

    assert scoring.date_match("2025-09-04", "2025-09-04")
    assert scoring.date_match("2025-09-04", "2025-09-04T23:59:00-05:00")  # as written
    assert scoring.date_match("2025-09-04", datetime(2025, 9, 4, 1, tzinfo=UTC))
    assert scoring.date_match("2025-09-04", date(2025, 9, 4))
    assert not scoring.date_match("2025-09-04", "2025-09-05")
    assert not scoring.date_match("2025-09-04", "September 4, 2025")
    assert not scoring.date_match("2025-09-04", None)
    assert scoring.date_match("2025-09", "2025-09-30")  # a month-only truth
    assert not scoring.date_match("2025-09-04", "2025-09")


def test_exact_rate_counts_only_pages_with_a_truth(scoring):
    pairs = [("A", "a"), ("B", "x"), (None, "c"), ("  ", "d")]
    assert scoring.exact_rate(pairs, scoring.title_match) == (1, 2)


def test_rounded_is_the_reference_output_shape(scoring):
    s = scoring.Score(3, 0.123456, 0.5, 0.2)
    assert s.rounded() == {"n": 3, "precision": 0.1235, "recall": 0.5, "f1": 0.2}

"""Extraction metrics: body text, title, author and publication date.

The two body metrics reproduce ``../shared/bench/score_extraction.py`` number for number
(same tokens, same averaging, same order of summation); ``tests/bench`` checks it.

* :func:`shingle_score` (the 181-page news benchmark): the text of each document becomes a
  multiset of 4-word shingles over ``\\w+`` tokens (case kept). Per document, precision is
  ``tp / (tp + fp)`` and recall ``tp / (tp + fn)``; a document whose prediction is empty adds
  no precision (there is nothing to be precise about) but a recall of 0, and a document where
  both sides are equal (``fp == fn == 0``, including both empty) adds 1 to both. P and R are
  macro-averaged over the documents, and F1 is computed from the averaged P and R.
  A text of fewer than 4 tokens is one shorter shingle. A missing prediction is empty.
* :func:`words_score` (WCXB): lower-cased bag of ``\\w+`` words per page; P, R and F1 per page,
  each averaged over the pages. An empty reference scores 1/1/1 when the prediction is empty
  too and 0/0/0 otherwise; an empty prediction for a non-empty reference scores 0/0/0.

Metadata, each an exact-match rate over the pages whose ground truth has the field:

* titles: equal after :func:`normalise` (Unicode NFC, case folded, runs of whitespace made one
  space, ends trimmed). Nothing else is forgiven (no punctuation, quote or dash folding, no
  stripping of a site name).
* authors: equal after :func:`normalise`, or, for several authors, the same *set* of names.
  Both sides are split on ``;`` ``,`` ``|`` ``&`` and the word ``and``, so ``"A, B and C"``,
  ``"A; B; C"`` and ``"C & A & B"`` match each other; order and separators do not matter, but
  every name must be there and no extra one (a list prediction is joined with ``"; "``).
  The same split applies to both sides, so a suffix such as ``"Jane Doe, MD"`` must be
  predicted too. A leading "By" is not forgiven.
* dates: the same calendar day, read from the ISO ``YYYY-MM-DD`` at the start of each value
  as written (a timezone-aware prediction is not converted; Tidings writes UTC). A ground
  truth that gives only ``YYYY-MM`` is compared at that precision. A prediction without an
  ISO date is a miss.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

__all__ = [
    "Score",
    "author_match",
    "body",
    "date_match",
    "exact_rate",
    "normalise",
    "shingle_doc",
    "shingle_score",
    "title_match",
    "tokens",
    "words_doc",
    "words_score",
]

WORD = re.compile(r"\w+", re.UNICODE)
_AUTHOR_SPLIT = re.compile(r"\s*(?:[;,|&]|\band\b)\s*", re.IGNORECASE)
_ISO_DAY = re.compile(r"^\s*(\d{4})-(\d{2})(?:-(\d{2}))?")


@dataclass(frozen=True)
class Score:
    """A macro-averaged score over ``n`` documents."""

    n: int
    precision: float
    recall: float
    f1: float

    def rounded(self, digits: int = 4) -> dict[str, Any]:
        """The shape ``score_extraction.py`` prints (without the metric name)."""
        return {
            "n": self.n,
            "precision": round(self.precision, digits),
            "recall": round(self.recall, digits),
            "f1": round(self.f1, digits),
        }


def tokens(text: str | None, lower: bool = False) -> list[str]:
    """The ``\\w+`` tokens of ``text`` (``None`` is empty)."""
    text = text or ""
    return WORD.findall(text.lower() if lower else text)


def body(value: Any) -> str:
    """The body text of a prediction or truth: a string, or a dict with ``articleBody``/``text``."""
    if isinstance(value, Mapping):
        return value.get("articleBody") or value.get("text") or ""
    return value or ""


def _shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    toks = tokens(text)
    grams = [tuple(toks[i : i + n]) for i in range(max(1, len(toks) - n + 1))]
    return Counter(g for g in grams if g)


def shingle_doc(truth: str | None, pred: str | None) -> tuple[float | None, float | None]:
    """Per-document shingle (precision, recall); ``None`` where the document adds no value."""
    t, p = _shingles(truth or ""), _shingles(pred or "")
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    if fp == fn == 0:
        return 1.0, 1.0
    precision = tp / (tp + fp) if tp + fp > 0 else None
    recall = tp / (tp + fn) if tp + fn > 0 else None
    return precision, recall


def shingle_score(truths: Mapping[str, Any], preds: Mapping[str, Any]) -> Score:
    """Shingle P/R/F1 over every id of ``truths`` (in its order); missing predictions are empty.

    Values may be strings or dicts with ``articleBody``. If no document adds a precision (every
    prediction empty), precision is 0 (the reference script divides by zero there).
    """
    precisions: list[float] = []
    recalls: list[float] = []
    for key, truth in truths.items():
        p, r = shingle_doc(body(truth), body(preds.get(key)))
        if p is not None:
            precisions.append(p)
        if r is not None:
            recalls.append(r)
    return _from_averages(len(truths), precisions, recalls)


def _from_averages(n: int, precisions: list[float], recalls: list[float]) -> Score:
    p = sum(precisions) / len(precisions) if precisions else 0.0
    r = sum(recalls) / len(recalls) if recalls else 0.0
    return Score(n, p, r, 2 * p * r / (p + r) if p + r else 0.0)


def words_doc(truth: str | None, pred: str | None) -> tuple[float, float, float]:
    """Per-page bag-of-words (precision, recall, F1), lower-cased."""
    ref = Counter(tokens(truth, lower=True))
    hyp = Counter(tokens(pred, lower=True))
    if not ref:
        return (1.0, 1.0, 1.0) if not hyp else (0.0, 0.0, 0.0)
    if not hyp:
        return 0.0, 0.0, 0.0
    overlap = sum((ref & hyp).values())
    p, r = overlap / sum(hyp.values()), overlap / sum(ref.values())
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def words_score(truths: Mapping[str, str | None], preds: Mapping[str, Any]) -> Score:
    """Bag-of-words P/R/F1 averaged over the pages of ``truths``, taken in sorted id order.

    ``truths`` maps a page id to its reference text (``ground_truth.main_content``); select
    the pages (e.g. one page type) before calling. Missing predictions are empty.
    """
    ps: list[float] = []
    rs: list[float] = []
    fs: list[float] = []
    for key in sorted(truths):
        p, r, f = words_doc(truths[key], body(preds.get(key)))
        ps.append(p)
        rs.append(r)
        fs.append(f)
    n = len(fs)
    if not n:
        return Score(0, 0.0, 0.0, 0.0)
    return Score(n, sum(ps) / n, sum(rs) / n, sum(fs) / n)


def normalise(text: Any) -> str:
    """NFC, case folded, whitespace runs collapsed to one space, trimmed."""
    if text is None:
        return ""
    return " ".join(unicodedata.normalize("NFC", str(text)).casefold().split())


def title_match(truth: Any, pred: Any) -> bool:
    """Exact title match after :func:`normalise`."""
    return bool(normalise(truth)) and normalise(truth) == normalise(pred)


def _names(value: Any) -> frozenset[str]:
    if isinstance(value, (list, tuple)):
        value = "; ".join(str(v) for v in value if v)
    return frozenset(part for part in _AUTHOR_SPLIT.split(normalise(value)) if part)


def author_match(truth: Any, pred: Any) -> bool:
    """Exact author match after :func:`normalise`, or the same set of names (see module doc)."""
    if isinstance(pred, (list, tuple)):
        pred = "; ".join(str(v) for v in pred if v)
    t, p = normalise(truth), normalise(pred)
    if not t or not p:
        return False
    return t == p or _names(t) == _names(p)


def _day(value: Any) -> tuple[str, ...] | None:
    if isinstance(value, (datetime, date)):
        value = value.isoformat()
    if not isinstance(value, str):
        return None
    m = _ISO_DAY.match(value)
    if not m:
        return None
    return tuple(g for g in m.groups() if g is not None)


def date_match(truth: Any, pred: Any) -> bool:
    """Same calendar day (or same month when the truth gives only ``YYYY-MM``)."""
    t, p = _day(truth), _day(pred)
    if t is None or p is None:
        return False
    return p[: len(t)] == t


def exact_rate(pairs: Iterable[tuple[Any, Any]], match: Any) -> tuple[int, int]:
    """(hits, n) of ``match(truth, pred)`` over the pairs whose truth is non-empty."""
    hits = n = 0
    for truth, pred in pairs:
        if truth is None or (isinstance(truth, str) and not truth.strip()):
            continue
        n += 1
        hits += bool(match(truth, pred))
    return hits, n

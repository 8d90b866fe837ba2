"""bench/scoring.py gives the same numbers as ../shared/bench/score_extraction.py.

Skipped when the shared benchmark folder is not next to the project.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[3] / "shared" / "bench"
REFERENCE_SCORER = SHARED / "score_extraction.py"
SCRAPINGHUB = SHARED / "data" / "scrapinghub" / "ground-truth.json"
WCXB = SHARED / "data" / "wcxb-dev" / "ground-truth"

needs_scorer = pytest.mark.skipif(not REFERENCE_SCORER.is_file(), reason="no shared scorer")


def cli(*args: str | Path) -> dict:
    done = subprocess.run([sys.executable, str(REFERENCE_SCORER), *map(str, args)],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def perturb(text: str | None, i: int) -> object:
    """Deterministic predictions of every kind: exact, lossy, padded, empty, missing."""
    words = (text or "").split()
    match i % 7:
        case 0:
            return text
        case 1:
            return " ".join(w for j, w in enumerate(words) if j % 5)
        case 2:
            return "Share this article. " + " ".join(words[: len(words) // 2]) + " Read more"
        case 3:
            return {"articleBody": ""}
        case 4:
            return None  # dropped below: missing
        case 5:
            return {"articleBody": " ".join(reversed(words))}
        case _:
            return " ".join(words).upper()


def predictions(truths: dict[str, str | None]) -> dict[str, object]:
    preds = {key: perturb(text, i) for i, (key, text) in enumerate(truths.items())}
    return {k: v for k, v in preds.items() if v is not None}


@needs_scorer
def test_tiny_inputs_agree_with_the_reference_cli(scoring, tmp_path):
    truths = {"1": {"articleBody": "a b c d e f g"}, "2": {"articleBody": "Hello world"},
              "3": {"articleBody": ""}, "4": {"articleBody": "one two three four five"}}
    preds = {"1": {"articleBody": "a b c d x f g"}, "2": "Hello world", "3": "noise here",
             "4": ""}
    (tmp_path / "gt.json").write_text(json.dumps(truths))
    (tmp_path / "pred.json").write_text(json.dumps(preds))
    ref = cli("shingle", tmp_path / "gt.json", tmp_path / "pred.json")
    assert {"metric": "shingle", **scoring.shingle_score(truths, preds).rounded()} == ref

    gt_dir = tmp_path / "wcxb"
    gt_dir.mkdir()
    bodies = {"0001": "The cat sat", "0002": "", "0003": "dog dog cat", "0004": None}
    for key, text in bodies.items():
        kind = "article" if key in ("0001", "0003") else "forum"
        (gt_dir / f"{key}.json").write_text(json.dumps({
            "ground_truth": {"main_content": text},
            "_internal": {"page_type": {"primary": kind}}}))
    wpreds = {"0001": "the CAT", "0002": "", "0003": {"articleBody": "dog cat mouse"},
              "0004": "x"}
    (tmp_path / "wpred.json").write_text(json.dumps(wpreds))
    ref = cli("words", gt_dir, tmp_path / "wpred.json")
    assert {"metric": "words", **scoring.words_score(bodies, wpreds).rounded()} == ref
    ref = cli("words", gt_dir, tmp_path / "wpred.json", "--type", "article")
    articles = {k: bodies[k] for k in ("0001", "0003")}
    assert {"metric": "words", **scoring.words_score(articles, wpreds).rounded()} == ref


@pytest.mark.skipif(not SCRAPINGHUB.is_file(), reason="no scrapinghub data")
def test_shingle_agrees_on_the_real_ground_truth(scoring, reference, tmp_path):
    truths = json.loads(SCRAPINGHUB.read_text(encoding="utf-8"))
    preds = predictions({k: v["articleBody"] for k, v in truths.items()})
    ours = scoring.shingle_score(truths, preds)
    n, p, r, f = reference.shingle(truths, preds)
    assert (ours.n, ours.precision, ours.recall, ours.f1) == (n, p, r, f)  # bit for bit
    pred_file = tmp_path / "pred.json"
    pred_file.write_text(json.dumps(preds))
    assert cli("shingle", SCRAPINGHUB, pred_file) == {"metric": "shingle", **ours.rounded()}


@pytest.mark.skipif(not WCXB.is_dir(), reason="no WCXB data")
def test_words_agrees_on_the_real_ground_truth(scoring, reference, tmp_path):
    truths: dict[str, str | None] = {}
    kinds: dict[str, str] = {}
    for f in sorted(WCXB.glob("*.json")):
        data = json.loads(f.read_text(encoding="utf-8"))
        truths[f.stem] = (data.get("ground_truth") or {}).get("main_content")
        kinds[f.stem] = data["_internal"]["page_type"]["primary"]
    preds = predictions(truths)
    pred_file = tmp_path / "pred.json"
    pred_file.write_text(json.dumps(preds))
    for only in (None, "article"):
        subset = {k: v for k, v in truths.items() if only is None or kinds[k] == only}
        ours = scoring.words_score(subset, preds)
        n, p, r, f = reference.words(WCXB, preds, only)
        assert (ours.n, ours.precision, ours.recall, ours.f1) == (n, p, r, f)
        args = ["--type", only] if only else []
        assert cli("words", WCXB, pred_file, *args) == {"metric": "words", **ours.rounded()}

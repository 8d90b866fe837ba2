"""Reading the corpus: URLs follow each publisher's pattern and contract slips fail loudly."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tidings.demo import CorpusError, load_corpus

from .conftest import FIXTURE_CORPUS


def test_urls_follow_each_publishers_pattern() -> None:
    _, articles = load_corpus(FIXTURE_CORPUS)
    urls = {a.key: a for a in articles}
    wire = urls["kestrel/moth-sensor-grant"]
    assert wire.url == f"http://kestrelwire.example/technology/moth-sensor-grant-idUS{wire.n}"
    paywalled = urls["tensortimes/ledger-model-audit"]
    assert paywalled.url == "http://www.tensortimes.example/business/2026/11/03/ledger-model-audit"
    classic = urls["harbor/harbor-cranes-ai"]
    assert classic.url.endswith(f"/story.php?id={classic.n}&ref=rss")
    assert classic.web_url == f"http://www.harborstreet.example/story.php?id={classic.n}"


def test_amp_publisher_lists_amp_links_whose_canonical_is_the_regular_page() -> None:
    _, articles = load_corpus(FIXTURE_CORPUS)
    board = next(a for a in articles if a.key == "circuit/fanless-board")
    assert board.url == "http://circuitandsignal.example/amp/2026/11/fanless-board.html"
    assert board.amp_url == board.url
    assert (
        board.page_url
        == board.web_url
        == "http://circuitandsignal.example/2026/11/fanless-board.html"
    )


def test_syndicated_copy_points_at_the_original() -> None:
    _, articles = load_corpus(FIXTURE_CORPUS)
    by_key = {a.key: a for a in articles}
    copy = by_key["northwind/moth-sensor-grant-copy"]
    assert copy.web_url == by_key["kestrel/moth-sensor-grant"].url
    assert copy.amp_url == copy.page_url + "amp/"


def test_ambiguous_date_swaps_day_and_month_in_metadata_only() -> None:
    _, articles = load_corpus(FIXTURE_CORPUS)
    art = next(a for a in articles if "ambiguous-date" in a.flags)
    assert (art.published.month, art.published.day) == (11, 3)
    assert (art.meta_published.month, art.meta_published.day) == (3, 11)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    shutil.copy(FIXTURE_CORPUS / "publishers.yaml", tmp_path / "publishers.yaml")
    (tmp_path / "articles").mkdir()
    return tmp_path


def _write(corpus: Path, name: str, front: str, body: str = "Some text.") -> None:
    (corpus / "articles" / name).write_text(f"---\n{front}\n---\n{body}\n", encoding="utf-8")


BASE = "title: T\npublished: 2026-11-05T10:00:00+00:00"


@pytest.mark.parametrize(
    ("name", "front", "message"),
    [
        ("nobody--a.md", BASE, "unknown publisher 'nobody'"),
        ("lumen--a.md", "slug: b\n" + BASE, "file name says lumen--a"),
        ("lumen--a.md", BASE + "\nflags: [sparkly]", "unknown flag 'sparkly'"),
        ("lumen--a.md", "title: T\npublished: 2026-11-05T10:00:00", "needs a UTC offset"),
        (
            "lumen--a.md",
            "title: T\npublished: 2026-11-25T10:00:00+00:00\nflags: [ambiguous-date]",
            "ambiguous-date needs a day of 1-12",
        ),
        ("lumen--a.md", BASE + "\nflags:\n  - syndicated-from: kestrel/nope", "not in the corpus"),
        ("lumen--a.md", "published: 2026-11-05T10:00:00+00:00", "'title' is required"),
    ],
)
def test_contract_slips_name_the_file_and_the_fault(
    corpus: Path, name: str, front: str, message: str
) -> None:
    _write(corpus, name, front)
    with pytest.raises(CorpusError, match=message) as caught:
        load_corpus(corpus)
    assert name in str(caught.value) or "not in the corpus" in message


def test_file_without_front_matter_is_rejected(corpus: Path) -> None:
    (corpus / "articles" / "lumen--a.md").write_text("Just text.\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="front matter"):
        load_corpus(corpus)


def test_unknown_feed_format_is_rejected(corpus: Path) -> None:
    text = (corpus / "publishers.yaml").read_text().replace("format: rss092", "format: rss3")
    (corpus / "publishers.yaml").write_text(text)
    with pytest.raises(CorpusError, match="unknown feed format 'rss3'"):
        load_corpus(corpus)

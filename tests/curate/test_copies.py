"""Near-duplicate copies: address variants and syndicated texts, found with MinHash LSH."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tidings.curate.copies import CopyFinder, page_key

T0 = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)

WIRE = (
    "Halvorsen Semiconductor unveiled the Tern-9 AI accelerator on Monday, a chip built for "
    "inference in data centres. The company said the accelerator runs large language models "
    "at half the power of its previous GPU line. Chief executive Mara Veldt told analysts that "
    "the first Tern-9 boards ship in March to three cloud customers, and that a second "
    "factory in Eindhoven would double output by the end of next year. Shares rose four "
    "percent in early trading as investors weighed the company's chances against larger "
    "rivals that dominate the market for training hardware. "
)
REWRITE = (
    "Tern-9 is the name Halvorsen Semiconductor gave to its newest inference chip. Mara Veldt, "
    "who runs the company, promised three cloud customers boards by March. Power draw is the "
    "selling point: Halvorsen claims language models need half the energy they did on its "
    "older GPU parts. Rivals have been quiet so far, and investors pushed the shares up four "
    "percent before the close. Engineers at two of the cloud buyers described early samples "
    "as stable, and a second plant is planned for the Netherlands next year. "
)


@pytest.mark.parametrize(
    "variant",
    [
        "https://news.example/2026/11/tern-9?utm_source=x&utm_medium=rss",
        "https://news.example/2026/11/tern-9/amp/",
        "https://news.example/2026/11/tern-9?amp=1",
        "https://amp.news.example/2026/11/tern-9",
        "http://www.news.example/2026/11/tern-9#comments",
    ],
)
def test_address_variants_of_one_page_share_a_key(variant: str) -> None:
    assert page_key(variant) == page_key("https://news.example/2026/11/tern-9")


def test_different_pages_keep_different_keys() -> None:
    assert page_key("https://news.example/a?id=1") != page_key("https://news.example/a?id=2")
    assert page_key("https://news.example/amplifier") != page_key("https://news.example/")


def test_a_syndicated_copy_with_a_new_ending_points_at_the_first_text() -> None:
    finder = CopyFinder()
    match, signature = finder.find("https://wire.example/1", WIRE)
    assert match is None and signature is not None
    finder.add(1, "https://wire.example/1", T0, signature)

    edited = WIRE.replace("Shares rose four percent", "Stock climbed 4%") + "Our desk added this."
    match, _ = finder.find("https://daily.example/tech/9", edited)
    assert match is not None and match.original == 1
    assert 0.6 <= match.jaccard < 1.0
    assert "same text" in match.reason


def test_the_same_story_in_other_words_is_not_a_copy() -> None:
    finder = CopyFinder()
    _, signature = finder.find("https://wire.example/1", WIRE)
    finder.add(1, "https://wire.example/1", T0, signature)
    match, _ = finder.find("https://daily.example/2", REWRITE)
    assert match is None  # related coverage, which the story grouping handles


def test_a_tracking_variant_is_a_copy_even_when_its_text_is_short() -> None:
    finder = CopyFinder()
    _, signature = finder.find("https://news.example/tern", "Short teaser.")
    finder.add(7, "https://news.example/tern", T0, signature)
    match, _ = finder.find("https://news.example/tern?utm_campaign=feed", "Other teaser.")
    assert match is not None and match.original == 7 and match.jaccard == 1.0


def test_headlines_alone_are_never_called_copies_by_text() -> None:
    finder = CopyFinder()
    _, signature = finder.find("https://a.example/1", "Halvorsen unveils Tern-9")
    assert signature is None
    finder.add(1, "https://a.example/1", T0, signature)
    assert finder.find("https://b.example/2", "Halvorsen unveils Tern-9")[0] is None


def test_items_leaving_the_window_leave_the_index() -> None:
    finder = CopyFinder()
    for n in range(3):
        text = WIRE.replace("Monday", f"day {n}") + f" Report number {n} " * 30
        _, signature = finder.find(f"https://wire.example/{n}", text)
        finder.add(n, f"https://wire.example/{n}", T0 + timedelta(days=n), signature)
    assert len(finder) == 3
    assert finder.forget_older_than(T0 + timedelta(days=1, hours=1)) == 2
    assert len(finder) == 1
    # the forgotten text is no longer found, by address or by text
    assert finder.find("https://wire.example/0", "x")[0] is None
    match, _ = finder.find("https://other.example/0", WIRE.replace("Monday", "day 0")
                           + " Report number 0 " * 30)
    assert match is None or match.original == 2

"""Quality and heat: each part on its own, so a number can always be explained."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tidings.curate import scores
from tidings.curate.items import Item

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)

REPORT = (
    "The lab released a smaller language model on Tuesday and published the weights under an "
    "open licence. Researchers said it matches last year's larger system on reasoning tests "
    "while running on a single graphics card. Independent testers will check the claims. "
)
OTHER = (
    "Farmers in the valley began the apple harvest early this year after a warm spring, and "
    "the cooperative expects a record crop despite a shortage of pickers in late September. "
)


def article(text: str = REPORT * 12, title: str = "Lab releases a smaller model", **kw) -> Item:
    values = {"id": 1, "title": title, "text": text, "url": "https://a.example/1",
              "publisher": "a.example", "published": NOW, "author": "R. Writer",
              "has_image": True}
    values.update(kw)
    return Item(**values)


# -- authority ---------------------------------------------------------------------------------


def test_the_bundled_table_rates_a_wire_above_a_press_release_service_and_unknowns_at_50() -> None:
    table = scores.authority_table()
    assert table["reuters.com"] > 85 > table["medium.com"] > table["prnewswire.com"]
    authority = scores.Authority()
    assert authority.of("never-heard-of.example") == scores.DEFAULT_AUTHORITY
    assert all(0 <= value <= 100 for value in table.values())


@pytest.mark.parametrize(("publisher", "url", "key"), [
    ("The Verge", "", "theverge.com"),
    ("Some Blog", "https://www.reuters.com/technology/x", "reuters.com"),
    ("www.bbc.co.uk", "", "bbc.co.uk"),
    ("Unlisted Weekly", "", "unlisted weekly"),
])
def test_a_publisher_is_keyed_by_its_registrable_domain(publisher: str, url: str, key: str) -> None:
    assert scores.publisher_key(publisher, url) == key


def test_breaking_stories_raises_authority_but_one_scoop_moves_it_little() -> None:
    authority = scores.Authority(table={"scoop.example": 50.0, "late.example": 50.0})
    authority.story_shared("scoop.example", "late.example", first_time=True)
    assert 50 < authority.of("scoop.example") < 53  # shrunk toward the table
    assert 47 < authority.of("late.example") < 50
    for _ in range(60):
        authority.story_shared("scoop.example", "late.example", first_time=True)
    assert authority.of("scoop.example") > 70
    assert authority.of("late.example") < 40
    parts = authority.parts("scoop.example")
    assert parts["table"] == 50 and parts["stories"] == 61 and parts["learned"] == 100


def test_learning_never_outweighs_the_table_entirely() -> None:
    authority = scores.Authority(table={"wire.example": 90.0})
    for _ in range(10_000):
        authority.story_shared("other.example", "wire.example", first_time=True)
    assert authority.of("wire.example") >= (90 + 25) / 2 - 0.5


# -- penalties ---------------------------------------------------------------------------------


def test_a_clean_full_article_has_no_penalty() -> None:
    assert scores.penalties(article()) == {}


@pytest.mark.parametrize(("kind", "changes"), [
    ("press_release", {"type": "press-release"}),
    ("press_release", {"text": REPORT * 8 + "Media contact: press@lab.example\n"
                               "This release contains forward-looking statements."}),
    ("press_release", {"text": "SAN JOSE, Calif., /PRNewswire/ -- " + REPORT * 8}),
    ("market_research", {"title": "Edge AI Market Size, Share and CAGR to 2031"}),
    ("paywall_stub", {"text": "The lab released a model. Subscribe to continue reading."}),
    ("clickbait", {"title": "You won't believe what this model can do"}),
    ("clickbait", {"title": "THE MODEL THAT CHANGES EVERYTHING"}),
    ("thin", {"text": REPORT}),
])
def test_each_penalty_is_found_and_named(kind: str, changes: dict) -> None:
    found = scores.penalties(article(**changes))
    assert kind in found and found[kind] == scores.PENALTY[kind]


def test_an_excerpt_only_item_is_not_called_thin() -> None:
    assert "thin" not in scores.penalties(article(text="", excerpt="A short summary."))


# -- originality -------------------------------------------------------------------------------


def test_sketches_tell_copies_from_other_texts() -> None:
    same = scores.overlap(scores.sketch(REPORT * 5), scores.sketch(REPORT * 5 + "One more line."))
    other = scores.overlap(scores.sketch(REPORT * 5), scores.sketch(OTHER * 5))
    assert same > 0.8 and other < 0.1


def test_a_copy_has_no_originality_and_a_late_close_rewrite_little() -> None:
    full = scores.ORIGINALITY_POINTS
    assert scores.originality(copy=True, rewrite=0.0, late_hours=0) == 0
    assert scores.originality(copy=False, rewrite=0.05, late_hours=48) > 0.9 * full
    parallel = scores.originality(copy=False, rewrite=0.5, late_hours=1)
    late = scores.originality(copy=False, rewrite=0.5, late_hours=30)
    assert full > parallel > late
    assert late < 0.5 * full


# -- quality -----------------------------------------------------------------------------------


def test_quality_parts_add_up_and_completeness_counts_author_image_and_length() -> None:
    full = scores.static_quality(article(), original=25.0)
    total, parts = scores.quality(full, authority=60)
    assert total == round(sum(parts.values()))
    assert parts["authority"] == 18.0
    bare = scores.static_quality(article(author=None, has_image=False), original=25.0)
    short = scores.static_quality(article(text=REPORT * 3), original=25.0)
    assert full["completeness"] > bare["completeness"]
    assert full["completeness"] > short["completeness"]


def test_penalties_pull_quality_down_and_it_stays_within_0_and_100() -> None:
    clean, _ = scores.quality(scores.static_quality(article(), original=25.0), 90)
    spam_item = article(title="AI Chip Market Size, Share, CAGR, Forecast to 2030",
                        type="press-release")
    spam, parts = scores.quality(scores.static_quality(spam_item, original=0.0), 0)
    assert clean > 80 and spam == 0
    assert parts["penalty_market_research"] < 0 and parts["penalty_press_release"] < 0


# -- heat --------------------------------------------------------------------------------------


def heat(**changes: object) -> tuple[int, dict[str, float]]:
    values: dict = {"item_quality": 70, "publishers": 1, "fast_publishers": 1, "authority": 60,
                    "latest": NOW, "now": NOW, "half_life_hours": 48}
    values.update(changes)
    return scores.heat(**values)


def test_more_publishers_and_faster_coverage_make_a_story_hotter() -> None:
    alone, _ = heat()
    covered, _ = heat(publishers=5, fast_publishers=1)
    rushed, parts = heat(publishers=5, fast_publishers=5)
    assert alone < covered < rushed
    assert parts["coverage"] > 0 and parts["speed"] == 10


def test_heat_halves_every_half_life_after_a_grace_of_twelve_hours() -> None:
    fresh, parts = heat(latest=NOW - timedelta(hours=11))
    later, later_parts = heat(latest=NOW - timedelta(hours=12 + 48))
    assert parts["recency"] == 1.0 and later_parts["recency"] == 0.5
    assert abs(later - fresh / 2) <= 1

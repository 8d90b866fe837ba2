"""The interim curation rules: relevance, topics with evidence, copies, stories, scores."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tidings.config import CurateSettings
from tidings.curate import Curator, Item

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)

CHIP_FACTS = (
    "Halvorsen Semiconductor unveiled the Tern-9 AI accelerator on Monday, a chip built for "
    "inference in data centres. The company said the accelerator runs large language models "
    "at half the power of its previous GPU line. Chief executive Mara Veldt told analysts that "
    "the first Tern-9 boards ship in March to three cloud customers. "
)
DAILY = (
    "Tern-9 is the name Halvorsen Semiconductor gave to its newest inference chip. Mara Veldt, "
    "who runs the company, promised three cloud customers boards by March. Power draw is the "
    "selling point: Halvorsen claims language models need half the energy they did on its older "
    "GPU parts. Rivals have been quiet so far, and investors pushed the shares up four percent "
    "before the close. Engineers at two of the cloud buyers described early samples as stable. "
)
MAGAZINE = (
    "Why would a mid-sized Dutch-style chipmaker take on the giants of AI hardware? Halvorsen "
    "thinks efficiency is the opening. Its Tern-9 accelerator, shown this week, targets the "
    "inference half of the market, where data centres pay for every watt. Veldt's pitch is "
    "simple: run the same large language models for half the power. Whether customers trust a "
    "newcomer with their AI workloads is the open question, and shipping in March will test it. "
)
FILLER = (
    "Analysts expect the machine learning market to keep growing as companies move AI models "
    "from pilots into products, and several buyers said they would test the accelerator. "
)


def item(id_: int, title: str, text: str, publisher: str, hours_ago: float, **kw) -> Item:
    return Item(id=id_, title=title, text=text, url=f"https://{publisher}/{id_}",
                publisher=publisher, published=NOW - timedelta(hours=hours_ago), **kw)


def test_a_llama_on_the_highway_is_not_ai_news() -> None:
    text = ("A llama named Pebble left its paddock on Sunday and walked along the highway for an "
            "hour. Drivers slowed down as the llama trotted past. ") * 12
    [decision] = Curator().curate([item(1, "Escaped llama stops traffic", text, "a.example", 2)],
                                  NOW)
    assert not decision.relevant
    assert "off-topic" in decision.relevance
    assert decision.topics == [] and not decision.published


def test_market_research_spam_is_kept_out_whatever_it_mentions() -> None:
    text = (CHIP_FACTS + FILLER) * 3
    title = "Edge AI Inference Chip Market Size, Share, CAGR, Forecast to 2032"
    [decision] = Curator().curate([item(1, title, text, "spam.example", 1)], NOW)
    assert not decision.relevant
    assert "market-research" in decision.relevance


def test_topics_need_ai_in_the_same_sentence_and_carry_their_evidence() -> None:
    text = CHIP_FACTS + FILLER + "The hospital car park was full on Monday. " + FILLER * 2
    [decision] = Curator().curate([item(1, "Halvorsen unveils Tern-9", text, "a.example", 1)],
                                  NOW)
    names = [t.name for t in decision.topics]
    assert names[0] == "AI"
    assert "AI Hardware" in names
    assert "AI in Healthcare" not in names  # the hospital sentence says nothing of AI
    hardware = next(t for t in decision.topics if t.name == "AI Hardware")
    assert "accelerator" in hardware.evidence


def test_one_story_across_publishers_with_related_coverage_from_others_only() -> None:
    items = [
        item(1, "Halvorsen unveils Tern-9 AI accelerator", CHIP_FACTS + FILLER * 3, "wire.example",
             30, author="A. Writer", has_image=True),
        item(2, "Tern-9: Halvorsen's new inference chip", DAILY * 2, "daily.example", 20),
        item(3, "Halvorsen bets on Tern-9 accelerator", MAGAZINE * 2, "mag.example", 10),
        item(4, "Robotaxi firm pauses its driverless fleet",
             "Tessellate Mobility paused its driverless robotaxi fleet after a collision. " * 20,
             "daily.example", 5),
    ]
    decisions = {d.id: d for d in Curator().curate(items, NOW)}
    assert decisions[1].story == decisions[2].story == decisions[3].story
    assert decisions[4].story != decisions[1].story
    leads = [d for d in (decisions[1], decisions[2], decisions[3]) if d.lead]
    assert len(leads) == 1
    lead = leads[0]
    assert lead.id == 1  # the most complete article leads
    assert set(lead.related) == {2, 3}
    assert [decisions[r].quality for r in lead.related] == sorted(
        (decisions[r].quality for r in lead.related), reverse=True)
    assert decisions[1].heat > decisions[4].heat  # three publishers beat one


def test_a_syndicated_copy_joins_its_original_and_is_never_related() -> None:
    original = CHIP_FACTS + FILLER * 3
    items = [item(1, "Halvorsen unveils Tern-9", original, "wire.example", 10),
             item(2, "Halvorsen unveils Tern-9 chip", original + "Our reporter added this.",
                  "port.example", 8)]
    decisions = {d.id: d for d in Curator().curate(items, NOW)}
    assert decisions[2].duplicate_of == 1
    assert decisions[2].story == decisions[1].story
    assert 2 not in decisions[1].related
    assert not decisions[2].published


def test_heat_cools_with_time_and_an_editor_can_suppress() -> None:
    fresh = item(1, "Halvorsen unveils Tern-9", CHIP_FACTS + FILLER * 3, "a.example", 1)
    old = item(2, "Halvorsen unveils Tern-9", CHIP_FACTS + FILLER * 3, "b.example", 24 * 6)
    curator = Curator(CurateSettings(half_life_hours=24))
    [hot] = curator.curate([fresh], NOW)
    [cold] = curator.curate([old], NOW)
    assert hot.heat > cold.heat
    assert hot.heat_parts["recency"] == 1.0
    fresh.suppressed = True
    [suppressed] = curator.curate([fresh], NOW)
    assert suppressed.heat == -1 and not suppressed.published


def test_stories_from_an_earlier_run_keep_their_ids() -> None:
    a = item(1, "Halvorsen unveils Tern-9", CHIP_FACTS + FILLER * 3, "a.example", 10, story=41)
    b = item(2, "Tern-9 accelerator arrives", DAILY * 2, "b.example", 5)
    c = item(3, "Robotaxi firm pauses fleet",
             "Tessellate Mobility paused its driverless robotaxi fleet after a crash. " * 20,
             "c.example", 4)
    decisions = {d.id: d for d in Curator().curate([a, b, c], NOW)}
    assert decisions[1].story == 41 and decisions[2].story == 41
    assert decisions[3].story not in (None, 41)

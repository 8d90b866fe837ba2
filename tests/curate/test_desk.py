"""The interim curation rules: relevance, topics with evidence, copies, stories, scores."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tidings.config import CurateSettings
from tidings.curate import Curator, Item, scores
from tidings.curate.desk import Desk

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


def three_publishers_and_a_robotaxi() -> list[Item]:
    """The Tern-9 launch told by three publishers, and one unrelated robotaxi story."""
    return [
        item(1, "Halvorsen unveils Tern-9 AI accelerator", CHIP_FACTS + FILLER * 3, "wire.example",
             30, author="A. Writer", has_image=True),
        item(2, "Tern-9: Halvorsen's new inference chip", DAILY * 2, "daily.example", 20),
        item(3, "Halvorsen bets on Tern-9 accelerator", MAGAZINE * 2, "mag.example", 10),
        item(4, "Robotaxi firm pauses its driverless fleet",
             "Tessellate Mobility paused its driverless robotaxi fleet after a collision. " * 20,
             "daily.example", 5),
    ]


def test_one_story_across_publishers_with_related_coverage_from_others_only() -> None:
    items = three_publishers_and_a_robotaxi()
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



def test_of_two_articles_stamped_alike_the_one_that_arrived_first_is_the_original() -> None:
    # Store ids count up as articles arrive; 9 came before 10, whatever the text order says.
    original = CHIP_FACTS + FILLER * 3
    items = [item(10, "Halvorsen unveils Tern-9 chip", original, "port.example", 8),
             item(9, "Halvorsen unveils Tern-9", original, "wire.example", 8)]
    decisions = {d.id: d for d in Curator().curate(items, NOW)}
    assert decisions[10].duplicate_of == 9
    assert decisions[9].lead and decisions[9].duplicate_of is None

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


# -- the incremental desk ----------------------------------------------------------------------
#
# These tests place articles with a stand-in grouper that reads the story (and any copy)
# from the URL, so they check the desk's own rules whatever the clustering does.


class NamedStories:
    """A grouper stand-in: ``https://pub/ID#story-S`` joins story S; ``#story-S-copy-N`` is a
    copy of article N. ``merge(a, b)`` makes story a resolve to b, as a real merge would."""

    def __init__(self) -> None:
        self.merged: dict[int, int] = {}

    def reserve(self, story: int | str) -> None:
        pass

    def place(self, item: Item) -> tuple[int | str | None, int, str]:
        fragment = item.url.split("#", 1)[1].split("-")
        story = int(fragment[1])
        copy_of = int(fragment[3]) if len(fragment) > 3 else None
        return copy_of, story, f"named story {story}"

    def resolve(self, story: int | str) -> int | str:
        while story in self.merged:
            story = self.merged[story]
        return story


def story_item(id_: int, story: int, publisher: str, hours_ago: float, *,
               copy_of: int | None = None, text: str = CHIP_FACTS + FILLER * 3, **kw) -> Item:
    suffix = f"-copy-{copy_of}" if copy_of is not None else ""
    return Item(id=id_, title="Halvorsen unveils the Tern-9 AI accelerator", text=text,
                url=f"https://{publisher}/{id_}#story-{story}{suffix}", publisher=publisher,
                published=NOW - timedelta(hours=hours_ago), **kw)


def desk(table: dict[str, float] | None = None, **settings: object) -> Desk:
    return Desk(CurateSettings(**settings), grouper=NamedStories(),  # type: ignore[arg-type]
                authority=scores.Authority(table=table or {}))


def test_decisions_wait_until_their_story_leaves_the_window_and_come_out_in_order() -> None:
    d = desk(window_days=7)
    d.add(story_item(1, 1, "a.example", 24 * 20))
    d.add(story_item(2, 1, "b.example", 24 * 19))
    assert d.ready() == []  # story 1 could still grow
    assert d.waiting == 2
    d.add(story_item(3, 2, "c.example", 24 * 11.5))  # more than a window after story 1's last
    assert [x.id for x in d.ready()] == [1, 2]
    assert d.waiting == 1
    assert [x.id for x in d.finish()] == [3]
    assert d.waiting == 0


def test_a_story_that_never_stops_growing_still_lets_its_old_articles_go() -> None:
    d = desk(window_days=2)
    handed: list[int | str] = []
    most = 0
    for n in range(30):  # one article every day for a month, all one story
        d.add(story_item(n, 1, f"p{n % 5}.example", 24 * (30 - n)))
        handed += [x.id for x in d.ready()]
        most = max(most, d.waiting)
    handed += [x.id for x in d.finish()]
    assert handed == list(range(30))
    assert most <= 6  # about two windows of articles, not the whole month


def test_the_lead_changes_only_for_a_clearly_better_article() -> None:
    table = {"plain.example": 50.0, "bit.example": 50.0, "wire.example": 95.0}
    d = desk(table)
    # Same text within the hour: parallel reports of one announcement, not a rewrite.
    d.add(story_item(1, 1, "plain.example", 30))
    d.add(story_item(2, 1, "bit.example", 29.5, author="B. Writer"))  # a few points better
    decisions = {x.id: x for x in d.finish()}
    assert decisions[2].quality > decisions[1].quality
    assert decisions[1].lead and not decisions[2].lead

    d = desk(table)
    d.add(story_item(1, 1, "plain.example", 30))
    d.add(story_item(3, 1, "wire.example", 29.5, author="W. Writer", has_image=True))
    decisions = {x.id: x for x in d.finish()}
    assert decisions[3].quality >= decisions[1].quality + 10
    assert decisions[3].lead and not decisions[1].lead


def test_the_lead_of_an_earlier_run_keeps_its_place_against_a_slightly_better_one() -> None:
    d = desk({"a.example": 50.0, "b.example": 50.0})
    d.add(story_item(1, 1, "a.example", 30, author="B. Writer"))
    d.add(story_item(2, 1, "b.example", 29.5, lead=True))
    decisions = {x.id: x for x in d.finish()}
    assert decisions[1].quality > decisions[2].quality
    assert decisions[2].lead and not decisions[1].lead


def test_only_the_record_of_a_story_is_published_and_every_decision_says_why() -> None:
    d = desk(heat_threshold=30)
    d.add(story_item(1, 1, "a.example", 3, author="A. Writer", has_image=True))
    d.add(story_item(2, 1, "b.example", 2))
    d.add(story_item(3, 1, "c.example", 1, copy_of=1))
    decisions = {x.id: x for x in d.finish()}
    assert decisions[1].published and "threshold 30" in decisions[1].published_reason
    assert not decisions[2].published and "led by 1" in decisions[2].published_reason
    assert not decisions[3].published and "copy of 1" in decisions[3].published_reason
    assert decisions[3].heat == decisions[1].heat  # a copy follows its original


def test_related_lists_are_capped_one_per_publisher_first_and_make_room_for_other_formats() -> None:
    table = {f"p{n}.example": 40.0 + 5 * n for n in range(6)}
    d = desk(table, related_cap=4)
    d.add(story_item(100, 1, "lead.example", 40, author="L. Writer", has_image=True))
    for n in range(6):  # six articles, better the higher n
        d.add(story_item(n, 1, f"p{n}.example", 30 - n, author="X"))
    d.add(story_item(50, 1, "p5.example", 5, author="X"))  # a second one from p5
    d.add(story_item(60, 1, "tube.example", 4, type="video"))
    d.add(story_item(70, 1, "p4.example", 3, copy_of=4))  # a copy: never related
    d.add(story_item(80, 1, "p3.example", 2, suppressed=True))  # an editor said no
    decisions = {x.id: x for x in d.finish()}
    lead = next(x for x in decisions.values() if x.lead)
    related = lead.related
    assert len(related) == 4
    assert 60 in related  # the only video makes the list over a better article
    assert not {50, 70, 80} & set(related)
    qualities = [decisions[r].quality for r in related]
    assert qualities == sorted(qualities, reverse=True)
    assert decisions[80].heat == -1 and not decisions[80].published


def test_merged_stories_end_up_under_the_surviving_id_with_one_lead() -> None:
    grouper = NamedStories()
    d = Desk(CurateSettings(), grouper=grouper)  # type: ignore[arg-type]
    d.add(story_item(1, 1, "a.example", 30))
    d.add(story_item(2, 2, "b.example", 20))
    grouper.merged[2] = 1  # the grouper found that story 2 is story 1
    d.add(story_item(3, 1, "c.example", 10))
    decisions = {x.id: x for x in d.finish()}
    assert {x.story for x in decisions.values()} == {1}
    assert sum(x.lead for x in decisions.values()) == 1
    assert "merged into 1" in decisions[2].story_evidence
    lead = next(x for x in decisions.values() if x.lead)
    assert set(lead.related) == {1, 2, 3} - {lead.id}


def test_a_late_close_rewrite_scores_lower_originality_than_fresh_reporting() -> None:
    d = desk()
    d.add(story_item(1, 1, "a.example", 50))
    d.add(story_item(2, 1, "b.example", 48, text=DAILY * 2))
    d.add(story_item(3, 1, "c.example", 10, text=CHIP_FACTS + MAGAZINE))  # a day and more later
    decisions = {x.id: x for x in d.finish()}
    originality = {i: decisions[i].quality_parts["originality"] for i in decisions}
    assert originality[1] == originality[2] == scores.ORIGINALITY_POINTS
    assert originality[3] < 0.6 * scores.ORIGINALITY_POINTS


def test_adding_in_batches_decides_exactly_as_adding_one_by_one() -> None:
    items = [
        *three_publishers_and_a_robotaxi(),
        item(5, "Escaped llama stops traffic", "A llama walked along the highway. " * 40,
             "a.example", 4),
    ]
    one_by_one, batched = Desk(), Desk()
    for it in items:
        one_by_one.add(it)
    batched.add_many(items)
    assert one_by_one.finish(NOW) == batched.finish(NOW)

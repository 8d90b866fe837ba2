"""A story's related lists are built once and shared, and match building each one alone.

The desk builds one list for the whole story and builds its own only for the publishers
that list names (see ``desk._RelatedLists``). These tests compare that with the plain rule
applied to every article separately, on stories large enough for the cap to bite.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from tidings.curate.desk import _diverse, _Entry, _RelatedLists
from tidings.curate.items import Decision, Item

START = datetime(2026, 11, 1, tzinfo=UTC)
TYPES = ("article", "video", "blog", "press")


def story(size: int, publishers: int, seed: int) -> list[_Entry]:
    rng = random.Random(seed)
    entries = []
    for n in range(size):
        item = Item(id=n, title=f"t{n}", text="", url=f"https://p{n}.example/{n}",
                    publisher=f"p{rng.randrange(publishers)}.example",
                    published=START + timedelta(minutes=rng.randrange(5000)),
                    type=rng.choice(TYPES))
        decision = Decision(id=n, relevant=True, relevance="", quality=rng.randrange(30, 90))
        entries.append(_Entry(n, item, decision))
    return sorted(entries, key=lambda m: (-m.decision.quality, m.item.published, m.seq))


def related_alone(entry: _Entry, ranked: list[_Entry], cap: int) -> list[int | str]:
    """The rule, applied to one article: other publishers' best first, then second ones."""
    firsts, seconds, seen = [], [], set()
    for m in ranked:
        if m.item.publisher == entry.item.publisher:
            continue
        (seconds if m.item.publisher in seen else firsts).append(m)
        seen.add(m.item.publisher)
    chosen = _diverse(firsts, cap) if len(firsts) > cap else firsts
    chosen += seconds[: cap - len(chosen)]
    chosen.sort(key=lambda m: (-m.decision.quality, m.item.published, m.seq))
    return [m.item.id for m in chosen]


@pytest.mark.parametrize(("size", "publishers", "cap"), [
    (3, 2, 10), (12, 4, 10), (40, 8, 10), (60, 30, 10), (200, 120, 10), (80, 25, 3),
])
def test_every_members_list_matches_the_rule_applied_to_it_alone(
    size: int, publishers: int, cap: int
) -> None:
    for seed in range(5):
        ranked = story(size, publishers, seed)
        lists = _RelatedLists(ranked, cap)
        for entry in ranked:
            assert lists.excluding(entry.item.publisher) == related_alone(entry, ranked, cap)


def test_a_list_never_names_the_articles_own_publisher_and_respects_the_cap() -> None:
    ranked = story(150, 60, seed=1)
    lists = _RelatedLists(ranked, 10)
    by_id = {m.item.id: m for m in ranked}
    for entry in ranked:
        related = lists.excluding(entry.item.publisher)
        assert len(related) == 10
        assert all(by_id[i].item.publisher != entry.item.publisher for i in related)


def test_callers_may_change_a_list_they_were_given_without_changing_the_next() -> None:
    ranked = story(30, 10, seed=2)
    lists = _RelatedLists(ranked, 10)
    publisher = ranked[0].item.publisher
    lists.excluding(publisher).clear()
    assert lists.excluding(publisher) == related_alone(ranked[0], ranked, 10)

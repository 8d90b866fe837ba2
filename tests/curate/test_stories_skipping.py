"""Leaving the commonest words out of the story search changes no decision (words mode).

The grouper skips the longest term lists while what they could add stays under half the
bar (``stories.SKIPPED_SHARE``). On a stream where every article repeats the same common
words, the placements must be exactly those of a search that walks every list.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from tidings.curate import stories
from tidings.curate.items import Item
from tidings.curate.stories import Grouper

START = datetime(2026, 10, 1, tzinfo=UTC)
COMMON = ("company data model users early report market launch plan system customers "
          "engineers quarter revenue analysts said week new team product service cloud "
          "platform research staff partners growth sales update version feature budget "
          "office leaders investors region contract rollout pilot review").split()
NAMES = ("Aldren Bexley Corvane Dunmore Elstrom Faravel Gosling Harrow Ingleby Jastrow Kellan "
         "Lorrimer Maddox Norcott Orsini Pellam Quarry Rowntree Selwyn Tarrant").split()
THINGS = ("chip robot licence lawsuit funding benchmark dataset assistant camera "
          "translator").split()


def stream(count: int, seed: int) -> list[Item]:
    rng = random.Random(seed)
    items = []
    for n in range(count):
        story = rng.randrange(count // 6)
        name, thing = NAMES[story % len(NAMES)], THINGS[(story // len(NAMES)) % len(THINGS)]
        filler = rng.sample(COMMON, 8)
        title = f"{name} {thing} {story} {' '.join(filler[:3])}"
        text = " ".join([name, thing, str(story), *filler, *rng.sample(COMMON, 30)])
        items.append(Item(id=n, title=title, text=text if n % 3 else "",
                          url=f"https://news{n % 7}.example/{n}", publisher=f"news{n % 7}",
                          published=START + timedelta(minutes=20 * n)))
    return items


def place_all(items: list[Item]) -> list[tuple[object, object, str]]:
    grouper = Grouper(window=timedelta(days=2), embedder=None)
    placed = [grouper.place(item) for item in items]
    return [(dup, grouper.resolve(story), why) for dup, story, why in placed]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_skipping_common_words_places_every_item_as_walking_every_list_does(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    items = stream(900, seed)
    skipping = place_all(items)
    monkeypatch.setattr(stories, "SKIPPED_SHARE", 0.0)
    walking = place_all(items)

    assert [s[:2] for s in skipping] == [w[:2] for w in walking]
    joins = [(s, w) for s, w in zip(skipping, walking, strict=True) if "joins" in w[2]]
    assert len(joins) > 300  # the stream has real stories to join
    assert all(s[2] == w[2] for s, w in joins)  # same score, same evidence

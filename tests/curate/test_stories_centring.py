"""Articles of one field all sound alike to the model: meaning is compared less the mean."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import numpy as np
import pytest

from tidings.curate import stories
from tidings.curate.items import Item
from tidings.curate.stories import Grouper

T0 = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
EVENTS = ("alder", "birch", "cedar", "maple", "rowan", "hazel", "larch", "aspen")


class FieldEmbedder:
    """A stand-in model for a one-field desk: every text points mostly along a shared
    "field" axis, and a little along its own event's axis, so two different events have a
    cosine of 1 / (1 + 0.8**2), about 0.61, and two texts of one event a cosine of 1."""

    name = "field"

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), len(EVENTS) + 1), np.float32)
        for row, text in enumerate(texts):
            out[row, 0] = 1.0
            for axis, event in enumerate(EVENTS, start=1):
                if event in text:
                    out[row, axis] = 0.8
            out[row] /= np.linalg.norm(out[row])
        return out


def article(n: int, event: str, hours: float) -> Item:
    # An article's text (over ARTICLE_WORDS words) in words only its event uses.
    text = " ".join(f"{event}{a}{b}" for a in "bdfgk" for b in "lmnprstvz")
    return Item(id=n, title=f"{event.title()} news", text=text, url=f"https://p{n}.example/",
                publisher=f"p{n}.example", published=T0 + timedelta(hours=hours))


def place_all(grouper: Grouper) -> dict[str, set]:
    """Two articles of each event, the events interleaved; event -> the stories it got."""
    got: dict[str, set] = {e: set() for e in EVENTS}
    n = 0
    for round_ in range(2):
        for k, event in enumerate(EVENTS):
            n += 1
            got[event].add(grouper.place(article(n, event, round_ * 10 + k))[1])
    return {e: {grouper.resolve(s) for s in found} for e, found in got.items()}


@pytest.fixture
def no_shrinking(monkeypatch: pytest.MonkeyPatch) -> None:
    # The window's mean is normally shrunk toward zero while few items are in; a stream of
    # sixteen items shows the rule only without that.
    monkeypatch.setattr(stories, "CENTRE_PRIOR", 0)


@pytest.mark.usefixtures("no_shrinking")
def test_different_events_of_one_field_stay_apart_and_each_event_stays_together() -> None:
    grouper = Grouper(window=timedelta(days=7), embedder=FieldEmbedder(), article_score=0.5)
    got = place_all(grouper)
    assert all(len(found) == 1 for found in got.values())  # each event in one story
    assert len({s for found in got.values() for s in found}) == len(EVENTS)  # all apart


@pytest.mark.usefixtures("no_shrinking")
def test_without_centring_the_shared_field_pulls_every_event_into_one_story(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(stories, "CENTRE", False)
    grouper = Grouper(window=timedelta(days=7), embedder=FieldEmbedder(), article_score=0.5)
    got = place_all(grouper)
    assert len({s for found in got.values() for s in found}) == 1

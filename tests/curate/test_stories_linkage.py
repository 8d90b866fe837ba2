"""An article is scored against a story's members on average, not against the story's centre.

A story's centre flatters loose stories: the more different events a story holds, the more
its mean looks like any article of the field. Scored by its mean cosine with the members, an
article joins a story only when it is close to what the story's articles say.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import numpy as np

from tidings.curate import stories
from tidings.curate.items import Item
from tidings.curate.stories import Grouper

T0 = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
EVENTS = [a + b for a in "bdfgklmnprstvz" for b in ("ar", "en", "ol")]
WEEK = timedelta(days=7)


class FieldEmbedder:
    """A stand-in model for a one-field desk: every text points along a shared "field"
    axis and along its own event's axis; a text saying "common" also points along a third
    axis that the events of a loose story share."""

    name = "field"

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), len(EVENTS) + 2), np.float32)
        for row, text in enumerate(texts):
            out[row, 0] = 1.0
            for axis, event in enumerate(EVENTS, start=2):
                if f"{event}x" in text:
                    out[row, axis] = 0.8
            if "common" in text:
                out[row, 1] = 1.2
            out[row] /= np.linalg.norm(out[row])
        return out


def article(n: int, event: str, story: int | None = None, common: bool = False) -> Item:
    # Over ARTICLE_WORDS words, each the article's own: the words view adds nothing, and
    # no two articles are copies of each other.
    text = " ".join(f"{event}x{n}w{k}" for k in range(45)) + (" common" if common else "")
    return Item(id=n, title=f"{event}x news", text=text, url=f"https://p{n}.example/",
                publisher=f"p{n}.example", published=T0 + timedelta(minutes=n), story=story)


def desk_with_background() -> Grouper:
    # Twenty events, one article each: the window a real desk has, so the mean is spread.
    grouper = Grouper(window=WEEK, embedder=FieldEmbedder())
    for n, event in enumerate(EVENTS[:20], start=1):
        grouper.place(article(n, event))
    return grouper


def test_a_loose_story_of_many_events_does_not_draw_in_a_new_event() -> None:
    # An earlier run filed twelve events as story 500. Their centre lies along what they share,
    # and a new event that shares it too scores about 0.74 against that centre, over the bar
    # of 0.7; against the twelve articles themselves it scores about 0.54.
    grouper = desk_with_background()
    for n, event in enumerate(EVENTS[20:32], start=100):
        grouper.place(article(n, event, story=500, common=True))
    _, story, why = grouper.place(article(999, EVENTS[40], common=True))
    assert story != 500
    nearest = re.search(r"nearest story 500 scored ([0-9.]+)", why)
    assert nearest is not None and float(nearest.group(1)) < 0.6


def test_an_article_joins_a_story_of_its_own_event() -> None:
    grouper = desk_with_background()
    for n in range(100, 104):
        grouper.place(article(n, EVENTS[30], story=500))
    _, story, why = grouper.place(article(999, EVENTS[30]))
    assert story == 500 and why.startswith("joins story 500")


def test_the_meaning_score_is_the_mean_cosine_with_the_members() -> None:
    grouper = desk_with_background()
    events = EVENTS[20:24]
    for n, event in enumerate(events, start=100):
        grouper.place(article(n, event, story=500, common=True))
    # Scored before it joins: the window's mean is over the 24 items already placed.
    placed = [article(0, e) for e in EVENTS[:20]] + [article(0, e, common=True) for e in events]
    vectors = FieldEmbedder().embed([stories.story_text(a) for a in placed])
    mean = vectors.sum(axis=0) / (len(vectors) + stories.CENTRE_PRIOR)
    new = FieldEmbedder().embed([stories.story_text(article(999, events[0], common=True))])[0]
    centred = [(v - mean) / np.linalg.norm(v - mean) for v in vectors[20:]]
    query = (new - mean) / np.linalg.norm(new - mean)
    expected = float(np.mean([query @ c for c in centred]))

    grouper.article_score = 0.0  # let it join, to read its score from the evidence
    _, story, why = grouper.place(article(999, events[0], common=True))
    found = re.search(r"meaning ([0-9.-]+)", why)
    assert story == 500 and found is not None
    assert abs(float(found.group(1)) - expected) < 0.01

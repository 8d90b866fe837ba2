"""Bare headlines borrow the words of their URL's slug: feeds often give a cut headline and a
link whose path was written from the whole one."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tidings.curate.items import Item
from tidings.curate.stories import Grouper, story_terms, url_words

T0 = datetime(2026, 11, 20, 8, 0, tzinfo=UTC)
LONG_TEXT = " ".join(["Halvorsen Semiconductor showed its accelerator to analysts today."] * 8)


def headline(id_: int, title: str, url: str, text: str = "") -> Item:
    return Item(id=id_, title=title, text=text, url=url, publisher="news.example",
                published=T0 + timedelta(minutes=id_))


def test_the_slug_is_the_longest_hyphenated_part_of_the_path() -> None:
    url = "https://news.example/tech/2026/11/20/halvorsen-unveils-tern-accelerator.html?x=1"
    assert url_words(url) == ["halvorsen", "unveils", "tern", "accelerator"]
    assert url_words("https://news.example/story/my_story_about_chips/") == [
        "my", "story", "about", "chips"]


def test_ids_and_short_paths_are_not_slugs() -> None:
    assert url_words("https://news.example/article/123456") == []
    assert url_words("https://news.example/a-b/") == []  # fewer than three words
    assert url_words("https://news.example/2026-11-20-9/") == []  # numbers only
    assert url_words("") == []


def test_a_bare_headline_gains_the_slug_words_it_does_not_already_have() -> None:
    cut = headline(1, "Halvorsen unveils Tern accelerator ...",
                   "https://news.example/halvorsen-unveils-tern-accelerator-for-data-centres")
    terms = story_terms(cut)
    assert "data" in terms and "centre" in terms  # only in the slug (stemmed like the title)
    assert terms.count("halvorsen") == 2  # the title's own words are not counted again


def test_an_article_with_a_text_keeps_to_its_own_words() -> None:
    article = headline(
        1, "Halvorsen unveils Tern accelerator",
        "https://news.example/halvorsen-unveils-tern-accelerator-for-data-centres", LONG_TEXT)
    assert "centre" not in story_terms(article)


def test_cut_headlines_of_one_story_meet_through_their_slugs() -> None:
    """Two cut headlines that share little but whose slugs tell the same event are one
    story; the same headlines behind id-only links are not."""
    titles = ("Halvorsen ships first boards ...", "Cloud customers get Tern-9 ...")
    slugs = ("halvorsen-ships-first-tern-9-accelerator-boards-to-cloud-customers",
             "cloud-customers-get-halvorsen-tern-9-accelerator-boards")
    with_slugs, without = Grouper(window=timedelta(days=7), embedder=None), Grouper(
        window=timedelta(days=7), embedder=None)
    placed_with = [with_slugs.place(headline(k, t, f"https://news.example/{s}"))[1]
                   for k, (t, s) in enumerate(zip(titles, slugs, strict=True), start=1)]
    placed_without = [without.place(headline(k, t, f"https://news.example/{k}000"))[1]
                      for k, t in enumerate(titles, start=1)]
    assert placed_with[0] == placed_with[1]
    assert placed_without[0] != placed_without[1]

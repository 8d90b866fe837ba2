"""Search and the page queries of the live site, on SQLite (FTS5) and PostgreSQL (tsvector)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import text

from tidings.publish.site_data import topic_slug as site_topic_slug
from tidings.store import ArticlePage, Store
from tidings.store import search as pages
from tidings.store.engine import make_engine
from tidings.store.migrate import upgrade

from .conftest import make_article

DAY = timedelta(days=1)
START = datetime(2025, 2, 1, 9, 30, tzinfo=UTC)


def add(store: Store, n: int, *, listed: bool = True, topics: tuple[str, ...] = (),
        heat: float = 50.0, copy_of: int | None = None, **changes: Any) -> int:
    """Store article ``n`` and curate it by hand: published (or not), with topics and heat."""
    article_id = store.save_article(make_article(n, **changes), source_id=None)[0].id
    store.update_curation(
        article_id, relevant=True, published=listed, heat=heat, quality=float(n),
        topics=[{"name": t, "evidence": "test"} for t in topics],
        curation={"duplicate_of": copy_of},
    )
    return article_id


def ids(page: ArticlePage | list[Any]) -> list[int]:
    items = page.items if isinstance(page, ArticlePage) else page
    return [a.id for a in items]


# -- full-text search ------------------------------------------------------------------------


def test_search_matches_words_in_title_excerpt_text_and_publisher(store: Store) -> None:
    by_title = add(store, 1, title="Lighthouse model beats the benchmark")
    by_excerpt = add(store, 2, excerpt="A lighthouse keeper explains the tides.")
    by_text = add(store, 3, text="Deep in the report a lighthouse is mentioned once.")
    by_publisher = add(store, 4, provider_name="Lighthouse Weekly")
    add(store, 5, title="Nothing to see here")

    found = store.search("lighthouse")

    assert set(ids(found)) == {by_title, by_excerpt, by_text, by_publisher}
    assert found.total == 4 and not found.capped
    assert ids(found)[0] == by_title  # a word in the title weighs most


def test_all_words_must_match_and_words_are_stemmed(store: Store) -> None:
    both = add(store, 1, title="Robots trained on kitchen chores")
    add(store, 2, title="Robots in the warehouse")
    add(store, 3, title="Kitchen gadgets of the year")

    assert ids(store.search("robot training kitchen")) == [both]
    assert ids(store.search("ROBOTS Kitchens")) == [both]


@pytest.mark.parametrize(
    "query",
    ['"chip', '"chip maker', "chip*", "-chip", "NEAR(chip maker)", "(((chip", "chip AND OR NOT",
     "chip'; DROP TABLE articles; --", "chip:title", "^chip", "chip + {maker}", "chip\x00"],
)
def test_query_syntax_is_read_as_plain_words_and_never_raises(store: Store, query: str) -> None:
    # Every word of the queries is in this article, so each must find it and only it.
    words = "Notes from the maker: near, and, or, not, drop table articles, title."
    chip = add(store, 1, title="Chip maker ships a new chip", text=words)
    add(store, 2, title="Gardening in the rain")

    assert ids(store.search(query)) == [chip]
    assert store.counts()["articles"] == 2


@pytest.mark.parametrize("query", [None, "", "   ", "***", "?!", '""'])
def test_a_query_without_words_lists_by_filters_newest_first(store: Store, query: Any) -> None:
    older, newer = add(store, 1), add(store, 2)

    found = store.search(query)

    assert ids(found) == [newer, older] and found.total == 2


def test_equal_matches_come_newest_first(store: Store) -> None:
    same = dict(title="Quarterly chip report", excerpt="", text="Chip.", provider_name="P")
    first = add(store, 1, **same)
    second = add(store, 2, **same)
    third = add(store, 3, **same)

    assert ids(store.search("chip")) == [third, second, first]


def test_a_changed_article_is_found_by_its_new_words_only(store: Store) -> None:
    syndicated = make_article(1, title="Wire copy about a comet", syndicated=True)
    saved, _ = store.save_article(syndicated, source_id=None)
    assert ids(store.search("comet", published_only=False)) == [saved.id]
    # The publisher's own page replaces the syndicated copy stored under its URL.
    original = make_article(2, web_url=saved.web_url, title="Original report on an asteroid")
    store.save_article(original, source_id=None)

    assert store.search("comet", published_only=False).total == 0
    assert ids(store.search("asteroid", published_only=False)) == [saved.id]


def test_a_broad_query_ranks_the_newest_matches_within_the_window(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pages, "SEARCH_WINDOW", 3)
    matching = [add(store, n, title=f"Satellite launch number {n}") for n in range(1, 6)]

    found = store.search("satellite", limit=10)

    assert found.capped and found.total == 3
    assert set(ids(found)) == set(matching[-3:])  # the three newest stored
    assert not store.search("satellite launch number 1").capped


# -- filters ---------------------------------------------------------------------------------


def test_unpublished_suppressed_and_copies_are_left_out(store: Store) -> None:
    shown = add(store, 1, title="Fusion startup raises money")
    hidden = add(store, 2, title="Fusion lab draft", listed=False)
    suppressed = add(store, 3, title="Fusion rumour")
    store.set_editorial(suppressed, suppressed=True)
    copy = add(store, 4, title="Fusion startup raises money (copy)", listed=False, copy_of=shown)

    assert ids(store.search("fusion")) == [shown]
    assert ids(store.search(None)) == [shown]
    everything = store.search("fusion", published_only=False)
    assert set(ids(everything)) == {shown, hidden, suppressed}
    assert copy not in ids(store.search(None, published_only=False))


def test_topic_filter_uses_the_sites_slugs_and_follows_retagging(store: Store) -> None:
    policy = add(store, 1, topics=("Policy & Regulation", "Chips"))
    chips = add(store, 2, topics=("Chips",))
    add(store, 3, topics=("Robotics",))
    slug = pages.topic_slug("Policy & Regulation")
    assert slug == site_topic_slug("Policy & Regulation") == "policy-regulation"

    assert ids(store.search(topic=slug)) == [policy]
    assert ids(store.search(topic="chips")) == [chips, policy]
    assert ids(store.search("story", topic="chips")) == [chips, policy]
    assert store.search(topic="no-such-topic").total == 0

    store.update_curation(chips, topics=[{"name": "Policy & Regulation"}])  # a re-tag
    store.update_curation(policy, published=False)
    assert ids(store.search(topic=slug)) == [chips]
    assert ids(store.search(topic=slug, published_only=False)) == [chips, policy]
    assert store.search(topic="chips").total == 0


def test_publisher_and_date_filters(store: Store) -> None:
    a = add(store, 1, provider_domain="a.example", published=START)
    b = add(store, 2, provider_domain="b.example", published=START + DAY)
    undated = add(store, 3, provider_domain="a.example", published=None)  # dated by fetch time
    fetched = store.get_article(undated).fetched_at

    assert ids(store.search(publisher="a.example")) == [undated, a]
    assert ids(store.search(since=START + DAY)) == [undated, b]
    assert ids(store.search(until=START + DAY)) == [a]  # until is exclusive
    assert ids(store.search("story", publisher="b.example", until=fetched)) == [b]
    with pytest.raises(ValueError, match="naive"):
        store.search(since=datetime(2025, 1, 1))


def test_paging_walks_every_match_once(store: Store) -> None:
    made = [add(store, n, title=f"Battery news {n}") for n in range(1, 8)]
    for query in (None, "battery"):
        seen: list[int] = []
        for offset in range(0, 10, 3):
            page = store.search(query, limit=3, offset=offset)
            assert page.total == 7
            seen += ids(page)
        assert sorted(seen) == made and len(seen) == len(set(seen))


# -- page queries ----------------------------------------------------------------------------


def test_front_page_puts_pinned_first_then_heat_then_newest(store: Store) -> None:
    warm_old = add(store, 1, heat=40)
    warm_new = add(store, 2, heat=40)
    hot = add(store, 3, heat=90)
    pinned = add(store, 4, heat=10)
    store.set_editorial(pinned, pinned=True)
    add(store, 5, heat=99, listed=False)

    assert ids(store.front_page()) == [pinned, hot, warm_new, warm_old]
    assert ids(store.front_page(limit=2)) == [pinned, hot]


def test_story_articles_come_best_first(store: Store) -> None:
    story = store.create_story(title="One event")
    members = [add(store, n) for n in (2, 5, 3)]  # quality is n
    for article_id in members:
        store.update_curation(article_id, story_id=story)
    add(store, 9)  # another story's

    assert [a.quality for a in store.story_articles(story)] == [5.0, 3.0, 2.0]
    assert store.story_articles(story + 1) == []


def test_publishers_and_topics_are_counted_over_listed_articles(store: Store) -> None:
    add(store, 1, provider_domain="a.example", provider_name="A News", topics=("Chips",))
    add(store, 2, provider_domain="a.example", provider_name="A News", topics=("Chips", "AI"))
    add(store, 3, provider_domain="b.example", provider_name="B Daily", topics=("AI",))
    add(store, 4, provider_domain="c.example", provider_name="C", topics=("AI",), listed=False)

    assert store.publishers() == [("A News", "a.example", 2), ("B Daily", "b.example", 1)]
    assert store.topic_counts() == [("AI", "ai", 2), ("Chips", "chips", 2)]


# -- the migration ---------------------------------------------------------------------------


def test_a_database_made_by_0001_is_searchable_after_the_upgrade(db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        upgrade(engine, "0001")
        with engine.begin() as connection:
            for n, (title, topics, curation) in enumerate([
                ("Quantum chip record", '[{"name": "Chips"}]', "{}"),
                ("Quantum chip record, again", '["Chips"]', '{"duplicate_of": 1}'),
            ], start=1):
                connection.execute(text(
                    "INSERT INTO articles (original_url, web_url, title, excerpt, text, html, "
                    "type, provider_name, provider_domain, images, syndicated, content_hash, "
                    "fetched_at, updated_at, topics, published, suppressed, pinned, related, "
                    "curation) VALUES (:url, :url, :title, '', 'Body.', '', 'article', 'Q', "
                    "'q.example', '[]', false, :hash, :when, :when, :topics, :published, false, "
                    "false, '[]', :curation)"
                ), {"url": f"https://q.example/{n}", "title": title, "hash": f"h{n}",
                    "when": START + n * DAY, "topics": topics, "published": n == 1,
                    "curation": curation})
    finally:
        engine.dispose()

    with Store(db_url) as store:
        found = store.search("quantum")
        assert [a.title for a in found.items] == ["Quantum chip record"]
        assert found.items[0].dated_at == START + DAY
        assert ids(store.search(topic="chips")) == ids(found)
        assert store.search("quantum", published_only=False).total == 1  # the copy stays out
        assert store.topic_counts() == [("Chips", "chips", 1)]

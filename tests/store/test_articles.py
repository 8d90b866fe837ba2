"""Storing articles: once per URL, in the same transaction that closes the link."""

from __future__ import annotations

from dataclasses import fields
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError

from tidings.models import Entry
from tidings.store import NotFoundError, Store, StoredArticle, content_hash
from tidings.store.engine import make_engine
from tidings.store.schema import SEARCH_OBJECTS


@pytest.fixture
def source_id(store: Store) -> int:
    return store.add_source("https://news.example/feed")[0].id


def _queue(store: Store, source_id: int, *urls: str) -> list[int]:
    store.enqueue(source_id, [Entry(url) for url in urls])
    by_url = {link.url: link.id for link in store.pending_links()}
    return [by_url[url] for url in urls]


def test_saving_stores_the_article_and_closes_its_link(
    store: Store, source_id: int, article_factory, clock
) -> None:
    [link_id] = _queue(store, source_id, "https://news.example/item/1")
    article = article_factory(1)

    saved, created = store.save_article(article, source_id=source_id, link_id=link_id)

    assert created is True
    assert saved.to_article() == article  # every extracted field survives the round trip
    assert saved.images == ({"url": "https://news.example/img/1.jpg", "width": 800, "height": 450},)
    assert saved.published_at == datetime(2025, 2, 1, 10, 30, tzinfo=UTC)
    assert saved.fetched_at == clock() and saved.source_id == source_id
    assert saved.content_hash == content_hash("Body of story 1.   It has two\nsentences.")
    assert (saved.relevant, saved.published, saved.topics, saved.curation) == (None, False, (), {})
    link = store.get_link(link_id)
    assert (link.state, link.article_id) == ("done", saved.id)
    assert store.pending_links() == []
    assert store.get_source(source_id).articles_stored == 1
    assert store.get_article(saved.id) == saved


def test_the_same_story_reached_by_another_url_is_stored_once(
    store: Store, source_id: int, article_factory
) -> None:
    first_link, second_link = _queue(
        store, source_id, "https://news.example/item/1", "https://news.example/amp/1"
    )
    canonical = "https://news.example/story/1"
    first, created = store.save_article(
        article_factory(1, web_url=canonical), source_id=source_id, link_id=first_link
    )
    again, created_again = store.save_article(
        article_factory(1, original_url="https://news.example/amp/1", web_url=canonical),
        source_id=source_id,
        link_id=second_link,
    )

    assert (created, created_again) == (True, False)
    assert again == first
    assert store.counts()["articles"] == 1
    assert store.get_source(source_id).articles_stored == 1
    # The second link is done and points at the article: it is now an alias.
    assert store.get_link(second_link).article_id == first.id
    for url in (canonical, "https://news.example/item/1", "https://news.example/amp/1"):
        assert store.find_article(url) == first
    assert store.find_article("https://news.example/unknown") is None


def test_urls_match_across_roles(store: Store, source_id: int, article_factory) -> None:
    # A later page whose *original* URL is an earlier article's canonical one.
    first, _ = store.save_article(article_factory(1), source_id=source_id)
    crossed = article_factory(2, original_url=first.web_url)
    same, created = store.save_article(crossed, source_id=source_id)
    assert (same.id, created) == (first.id, False)


def test_the_database_itself_refuses_a_second_copy(
    store: Store, db_url: str, source_id: int, article_factory
) -> None:
    saved, _ = store.save_article(article_factory(1), source_id=source_id)
    engine = make_engine(db_url)
    # Generated columns (the listing date, PostgreSQL's search vector) cannot be written.
    columns = [c["name"] for c in inspect(engine).get_columns("articles")
               if c["name"] != "id" and "computed" not in c]
    # Copy the stored row with a new original_url: the web_url constraint must stop it.
    copy = (
        f"INSERT INTO articles ({', '.join(columns)}) "
        f"SELECT {', '.join(c if c != 'original_url' else ':url' for c in columns)} "
        "FROM articles WHERE id = :id"
    )
    try:
        with pytest.raises(IntegrityError), engine.begin() as connection:
            connection.execute(text(copy), {"url": "https://elsewhere.example/x", "id": saved.id})
    finally:
        engine.dispose()
    assert store.counts()["articles"] == 1


def test_a_failed_save_changes_nothing(store: Store, source_id: int, article_factory) -> None:
    with pytest.raises(NotFoundError, match="no link with id 77"):
        store.save_article(article_factory(1), source_id=source_id, link_id=77)
    with pytest.raises(NotFoundError, match="no source with id 88"):
        store.save_article(article_factory(1), source_id=88)
    with pytest.raises(ValueError, match="Article.published is a naive datetime"):
        store.save_article(article_factory(1, published=datetime(2025, 1, 1)), source_id=None)
    with pytest.raises(ValueError, match="Article.web_url must be a non-empty string"):
        store.save_article(article_factory(1, web_url=""), source_id=None)
    with pytest.raises(TypeError, match="Article.title must be a string"):
        store.save_article(article_factory(1, title=None), source_id=None)
    assert store.counts()["articles"] == 0
    assert store.get_source(source_id).articles_stored == 0


def test_articles_are_listed_newest_first_with_filters(
    store: Store, source_id: int, article_factory, clock
) -> None:
    saved = [store.save_article(article_factory(n), source_id=source_id)[0] for n in range(4)]
    undated, _ = store.save_article(article_factory(9, published=None), source_id=None)
    store.update_curation(saved[1].id, relevant=True, published=True)
    store.update_curation(saved[2].id, relevant=False)

    # The undated article counts from when it was fetched (clock: 2025-03-01, the newest).
    assert [a.id for a in store.articles()] == [undated.id, *[a.id for a in reversed(saved)]]
    since = saved[2].published_at
    assert [a.id for a in store.articles(since=since)] == [undated.id, saved[3].id, saved[2].id]
    assert [a.id for a in store.articles(relevant=True)] == [saved[1].id]
    assert [a.id for a in store.articles(relevant=False)] == [saved[2].id]  # not the unjudged
    assert [a.id for a in store.articles(curated=False)] == [undated.id, saved[3].id, saved[0].id]
    assert [a.id for a in store.articles(curated=True)] == [saved[2].id, saved[1].id]
    assert [a.id for a in store.articles(before=since)] == [saved[1].id, saved[0].id]
    assert [a.id for a in store.articles(published=True)] == [saved[1].id]
    assert len(store.articles(published=False)) == 4
    assert len(store.articles(limit=2)) == 2
    with pytest.raises(ValueError, match="since is a naive datetime"):
        store.articles(since=datetime(2025, 1, 1))
    with pytest.raises(ValueError, match="before is a naive datetime"):
        store.articles(before=datetime(2025, 1, 1))
    assert store.articles(since=clock() + timedelta(days=1)) == []


def test_stored_articles_carry_every_column(db_url: str, store: Store) -> None:
    engine = make_engine(db_url)
    try:
        columns = {c["name"] for c in inspect(engine).get_columns("articles")}
        columns -= set(SEARCH_OBJECTS)  # PostgreSQL's search vector is for queries only
    finally:
        engine.dispose()
    assert {f.name for f in fields(StoredArticle)} == columns


def test_concurrent_writers_store_each_article_once(db_url: str, article_factory) -> None:
    from concurrent.futures import ThreadPoolExecutor

    with Store(db_url) as setup:
        source_id = setup.add_source("https://news.example/feed")[0].id
    stores = [Store(db_url) for _ in range(4)]

    def save_all(store: Store) -> int:
        return sum(
            store.save_article(article_factory(n), source_id=source_id)[1] for n in range(15)
        )

    try:
        with ThreadPoolExecutor(len(stores)) as pool:
            created = sum(pool.map(save_all, stores))
        assert created == 15
        assert stores[0].counts()["articles"] == 15
        assert stores[0].get_source(source_id).articles_stored == 15
    finally:
        for store in stores:
            store.close()

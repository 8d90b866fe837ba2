"""Curation writes back onto stored articles and groups them into stories."""

from __future__ import annotations

import pytest

from tidings.store import NotFoundError, Store


@pytest.fixture
def article_id(store: Store, article_factory) -> int:
    return store.save_article(article_factory(1), source_id=None)[0].id


def test_update_curation_sets_the_named_fields(store: Store, article_id: int, clock) -> None:
    story = store.create_story(title="Models get smaller")
    clock.advance(minutes=5)
    store.update_curation(
        article_id,
        relevant=True,
        topics=[{"name": "models", "evidence": ["small model"]}, {"name": "research"}],
        story_id=story,
        quality=0.8,
        heat=3.5,
        published=True,
        pinned=True,
        related=[article_id],
        curation={"components": {"keywords": 0.6}, "evidence": ["title mentions a model"]},
        secured="ciphertext",
        record_path="records/2025/03/01/1.json",
        record_digest="sha256:abc",
    )

    article = store.get_article(article_id)
    assert (article.relevant, article.story_id) == (True, story)
    assert [t["name"] for t in article.topics] == ["models", "research"]
    assert (article.quality, article.heat, article.published, article.pinned) == (
        0.8,
        3.5,
        True,
        True,
    )
    assert article.suppressed is False
    assert article.related == (article_id,)
    assert article.curation["evidence"] == ["title mentions a model"]
    assert (article.secured, article.record_path, article.record_digest) == (
        "ciphertext",
        "records/2025/03/01/1.json",
        "sha256:abc",
    )
    assert article.updated_at == clock() > article.fetched_at


def test_update_curation_rejects_unknown_fields_and_bad_values(
    store: Store, article_id: int
) -> None:
    with pytest.raises(TypeError, match="unknown field\\(s\\) title"):
        store.update_curation(article_id, title="rewritten")
    with pytest.raises(ValueError, match="invalid value for relevant: 'yes'"):
        store.update_curation(article_id, relevant="yes")
    with pytest.raises(ValueError, match="invalid value for topics"):
        store.update_curation(article_id, topics="models")
    with pytest.raises(NotFoundError, match="no story with id 5"):
        store.update_curation(article_id, story_id=5)
    with pytest.raises(NotFoundError, match="no article with id 999"):
        store.update_curation(999, relevant=True)
    article = store.get_article(article_id)
    assert (article.relevant, article.topics, article.story_id) == (None, (), None)


def test_stories_are_created_and_updated(store: Store, article_id: int, clock) -> None:
    story_id = store.create_story(title="First draft title", lead_article_id=article_id)
    clock.advance(hours=1)
    store.update_story(story_id, title="Better title", size=3)

    story = store.get_story(story_id)
    assert (story.title, story.size, story.lead_article_id) == ("Better title", 3, article_id)
    assert story.updated_at == clock() > story.created_at
    assert store.stories() == [story]
    with pytest.raises(TypeError, match="unknown field\\(s\\) heat"):
        store.update_story(story_id, heat=1.0)
    with pytest.raises(NotFoundError, match="no article with id 404"):
        store.update_story(story_id, lead_article_id=404)
    with pytest.raises(ValueError, match="invalid value for title"):
        store.create_story(title=None)  # type: ignore[arg-type]
    # A story may start unnamed; curation titles it once it knows the lead.
    assert store.get_story(store.create_story(title="")).title == ""


def test_counts_cover_every_table_and_link_state(store: Store, article_factory) -> None:
    from tidings.models import Entry

    source, _ = store.add_source("https://news.example/feed")
    store.enqueue(source.id, [Entry(f"https://news.example/item/{n}") for n in range(4)])
    links = store.pending_links()
    store.save_article(article_factory(0), source_id=source.id, link_id=links[0].id)
    store.fail_link(links[1].id, "timeout", retryable=True)
    store.skip_link(links[2].id, "video page")
    store.create_story(title="A story")

    assert store.counts() == {
        "sources": 1,
        "links_pending": 1,
        "links_done": 1,
        "links_failed": 1,
        "links_skipped": 1,
        "articles": 1,
        "stories": 1,
    }

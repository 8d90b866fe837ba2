"""Which stored articles a curation run looks at: the last 30 days, and anything not yet judged."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tidings.config import CurateSettings
from tidings.curate.apply import HORIZON_DAYS, curate_store
from tidings.models import Article
from tidings.store import Store

NOW = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
SETTINGS = CurateSettings(heat_threshold=0)  # every story's record is published, cold or not

AI_TEXT = (
    "Engineers at the Tamsin Robotics lab trained a robot arm with reinforcement learning to "
    "fold laundry it had never seen. The machine learning model learned in simulation first, "
    "and the team said the neural network needed a tenth of the real-world trials. "
) * 4


def article(n: int, published: datetime) -> Article:
    domain = f"paper{n}.example"
    return Article(
        original_url=f"https://{domain}/a/{n}", web_url=f"https://{domain}/a/{n}",
        title=f"A robot arm learns to fold laundry ({n})", text=AI_TEXT, excerpt=AI_TEXT[:120],
        published=published, provider_name=f"Paper {n}", provider_domain=domain,
    )


def test_an_article_that_arrives_long_after_it_was_published_is_still_judged(
    store: Store,
) -> None:
    # A backfill: a WARC or a folder of pages from last year, fetched today.
    old = store.save_article(article(1, NOW - timedelta(days=400)), source_id=None)[0].id
    assert store.articles(curated=False)[0].id == old

    summary = curate_store(store, SETTINGS, NOW)

    judged = store.get_article(old)
    assert summary.curated == 1
    assert judged.relevant is True
    assert "AI in Robotics" in [t["name"] for t in judged.topics]
    assert judged.story_id is not None and judged.quality > 0
    assert judged.heat == 0  # a year cold
    assert store.articles(curated=False) == []


def test_judged_articles_past_the_horizon_keep_their_last_scores(store: Store) -> None:
    fresh = store.save_article(article(2, NOW - timedelta(hours=1)), source_id=None)[0].id
    curate_store(store, SETTINGS, NOW)
    heat = store.get_article(fresh).heat
    assert heat > 0

    later = NOW + timedelta(days=HORIZON_DAYS + 1)
    summary = curate_store(store, SETTINGS, later)

    assert summary.curated == 0  # nothing new, nothing recent: no work
    assert store.get_article(fresh).heat == heat
    assert [a.id for a in store.articles(curated=True)] == [fresh]

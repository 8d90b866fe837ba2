"""`retag_store`: stored articles follow a changed taxonomy; unchanged ones are not rewritten."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tidings.curate import topics
from tidings.curate.items import Item
from tidings.curate.retag import retag_store
from tidings.curate.taxonomy import default_taxonomy, parse_taxonomy
from tidings.models import Article
from tidings.store import Store

WHEN = datetime(2026, 11, 18, 9, 0, tzinfo=UTC)
ROBOTAXI = ("Tessellate paused its driverless robotaxi fleet after a crash on Monday. "
            "The self-driving cars will stay off the road while the AI software is reviewed. ")
CHIP = ("Halvorsen unveiled an AI accelerator chip for inference in data centres. "
        "The company said the chip runs large language models at half the power. ")

#: The bundled taxonomy with a "Robotaxis" topic added: the edit a user might make.
WITH_ROBOTAXIS = (default_taxonomy().source, """
  - name: Robotaxis
    slug: robotaxis
    description: Driverless taxi services, their fleets, pauses and permits.
    aliases: [robotaxi, driverless taxi]
    requires: [ai]
""")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(f"sqlite:///{tmp_path / 'tidings.sqlite'}") as opened:
        yield opened


def save(store: Store, n: int, title: str, text: str, *, relevant: bool = True) -> int:
    article = Article(original_url=f"https://news.example/{n}", web_url=f"https://news.example/{n}",
                      title=title, text=text, published=WHEN + timedelta(hours=n),
                      provider_name="News Example", provider_domain="news.example")
    stored, _ = store.save_article(article, source_id=None)
    item = Item(id=stored.id, title=title, text=text, url=stored.web_url,
                publisher="news.example", published=WHEN)
    tagged = [{"name": t.name, "evidence": t.evidence} for t in topics.tag(item)]
    store.update_curation(stored.id, relevant=relevant, topics=tagged if relevant else [],
                          curation={"relevance": "test", "topics": {}})
    return stored.id


def robotaxi_taxonomy():
    path, extra = WITH_ROBOTAXIS
    return parse_taxonomy(Path(path).read_text() + extra, source="user.yaml")


def test_a_new_topic_reaches_the_articles_it_fits_and_only_those(store: Store) -> None:
    taxi = save(store, 1, "Robotaxi fleet paused", ROBOTAXI * 6)
    chip = save(store, 2, "Halvorsen unveils an AI chip", CHIP * 6)
    chip_before = store.get_article(chip)

    summary = retag_store(store, robotaxi_taxonomy())

    assert summary.articles == 2
    assert summary.changed == 1
    assert summary.added["Robotaxis"] == 1 and summary.tags_added >= 1
    taxi_topics = [t["name"] for t in store.get_article(taxi).topics]
    assert "Robotaxis" in taxi_topics
    assert store.get_article(taxi).curation["topics"]["Robotaxis"].startswith("title:")
    assert store.get_article(taxi).curation["relevance"] == "test"  # the rest is kept
    chip_after = store.get_article(chip)
    assert chip_after.topics == chip_before.topics
    assert chip_after.updated_at == chip_before.updated_at  # not written at all


def test_removing_a_topic_removes_its_tags_and_counts_them(store: Store) -> None:
    taxi = save(store, 1, "Robotaxi fleet paused", ROBOTAXI * 6)
    retag_store(store, robotaxi_taxonomy())

    summary = retag_store(store, default_taxonomy())

    assert summary.removed["Robotaxis"] == 1
    assert "Robotaxis" not in [t["name"] for t in store.get_article(taxi).topics]


def test_retagging_with_the_same_taxonomy_changes_nothing(store: Store) -> None:
    save(store, 1, "Robotaxi fleet paused", ROBOTAXI * 6)
    save(store, 2, "Halvorsen unveils an AI chip", CHIP * 6)
    summary = retag_store(store, default_taxonomy())
    assert (summary.changed, summary.tags_added, summary.tags_removed) == (0, 0, 0)


def test_articles_judged_off_topic_are_left_alone(store: Store) -> None:
    llama = save(store, 1, "Escaped llama stops traffic",
                 "A llama walked along the highway for an hour. " * 30, relevant=False)
    summary = retag_store(store, robotaxi_taxonomy())
    assert summary.articles == 0
    assert store.get_article(llama).topics == ()

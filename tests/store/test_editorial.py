"""An editor's decisions (publish on/off/auto, suppress, pin) act at once and outlive curation."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tidings.config import CurateSettings
from tidings.curate.apply import curate_store
from tidings.models import Article
from tidings.store import Store

NOW = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
#: Everything relevant and leading its story is published, whatever its heat.
SETTINGS = CurateSettings(heat_threshold=0)

AI_TEXT = (
    "Researchers at the Norvik Institute released an open language model trained on public "
    "court records. The team said the model answers legal questions with fewer invented "
    "citations than larger systems, and published the training data and evaluation code. "
    "Independent reviewers will test the machine learning system against new benchmarks. "
) * 3
OFF_TOPIC = (
    "The village bake sale raised enough money to repaint the library doors this spring. "
    "Volunteers sold lemon cakes and rye bread from tables outside the town hall. "
) * 6


def story(n: int, title: str, body: str) -> Article:
    domain = f"paper{n}.example"
    return Article(
        original_url=f"https://{domain}/a/{n}", web_url=f"https://{domain}/a/{n}", title=title,
        text=body, excerpt=body[:100], published=NOW - timedelta(hours=n),
        provider_name=f"Paper {n}", provider_domain=domain,
    )


@pytest.fixture
def desk(store: Store) -> tuple[int, int]:
    """A relevant article the desk publishes and an off-topic one it does not, curated once."""
    ai = store.save_article(story(1, "Open legal language model released", AI_TEXT),
                            source_id=None)[0].id
    cakes = store.save_article(story(2, "Bake sale repaints the library", OFF_TOPIC),
                               source_id=None)[0].id
    curate_store(store, SETTINGS, NOW)
    assert store.get_article(ai).published and not store.get_article(cakes).published
    return ai, cakes


def test_an_unknown_article_gives_none_and_bad_values_are_refused(store: Store, desk) -> None:
    ai, _ = desk
    assert store.set_editorial(999_999, publish="off") is None
    with pytest.raises(ValueError, match="publish must be one of"):
        store.set_editorial(ai, publish="yes")
    with pytest.raises(ValueError, match="pinned must be"):
        store.set_editorial(ai, pinned="true")  # type: ignore[arg-type]
    assert store.get_article(ai).editor_publish is None


def test_publish_off_and_on_take_effect_at_once(store: Store, desk) -> None:
    ai, cakes = desk

    off = store.set_editorial(ai, publish="off")
    on = store.set_editorial(cakes, publish="on")

    assert (off.published, off.editor_publish, off.listed) == (False, "off", False)
    assert (on.published, on.editor_publish, on.listed) == (True, "on", True)
    assert [a.id for a in store.front_page()] == [cakes]
    assert [a.id for a in store.search("library").items] == [cakes]


def test_decisions_survive_a_curation_run_and_auto_hands_the_choice_back(
    store: Store, desk
) -> None:
    ai, cakes = desk
    store.set_editorial(ai, publish="off", pinned=True)
    store.set_editorial(cakes, publish="on")

    curate_store(store, SETTINGS, NOW + timedelta(hours=1))

    kept_off, kept_on = store.get_article(ai), store.get_article(cakes)
    assert (kept_off.published, kept_off.pinned) == (False, True)
    assert kept_on.published and kept_on.curation["published"] == "editor: on"
    assert kept_on.curation["desk_published"] is False  # what the desk would have done

    back = store.set_editorial(ai, publish="auto")
    assert back.published and back.editor_publish is None  # the desk's choice, at once
    store.set_editorial(cakes, publish="auto")
    curate_store(store, SETTINGS, NOW + timedelta(hours=2))
    assert store.get_article(ai).published and store.get_article(ai).pinned
    assert not store.get_article(cakes).published


def test_suppressing_hides_an_article_for_good_until_lifted(store: Store, desk) -> None:
    ai, _ = desk

    hidden = store.set_editorial(ai, suppressed=True, publish="on")  # suppression wins

    assert (hidden.heat, hidden.published, hidden.suppressed) == (-1, False, True)
    assert store.search("language model").total == 0 and store.front_page() == []
    curate_store(store, SETTINGS, NOW + timedelta(hours=1))
    again = store.get_article(ai)
    assert (again.heat, again.published) == (-1, False)
    assert store.search("language model", published_only=False).total == 1

    lifted = store.set_editorial(ai, suppressed=False)
    assert lifted.published and lifted.heat == 0  # "on" still stands; the heat comes back...
    curate_store(store, SETTINGS, NOW + timedelta(hours=2))
    assert store.get_article(ai).heat > 0  # ...with the next curation run
    assert [a.id for a in store.search("language model").items] == [ai]


def test_pinning_alone_changes_nothing_else(store: Store, desk) -> None:
    ai, cakes = desk
    store.set_editorial(cakes, publish="on")
    before = store.get_article(ai)

    pinned = store.set_editorial(ai, pinned=True)

    assert pinned.pinned and (pinned.published, pinned.heat) == (before.published, before.heat)
    assert store.front_page()[0].id == ai
    assert not store.set_editorial(ai, pinned=False).pinned

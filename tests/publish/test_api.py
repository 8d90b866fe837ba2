"""The static JSON API: the reference site's ``api/news/<topic>/`` pages, from a real store."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from tidings.publish.api import build_api
from tidings.publish.site_data import load_site_data
from tidings.store import Store

REFERENCE_KEYS = {"path", "title", "excerpt", "webUrl", "originalUrl", "type", "heat",
                  "publishedDateTime", "provider", "images", "topics"}


@pytest.fixture
def api(site_store: Store) -> dict[str, dict]:
    return {path: json.loads(text) for path, text in build_api(load_site_data(site_store)).items()}


def test_all_news_is_paged_twenty_at_a_time_newest_first(api: dict[str, dict], site_facts) -> None:
    published = site_facts.published
    first, second = api["api/news/index.json"], api["api/news/page/2/index.json"]
    assert (first["page"], first["pages"], first["total"]) == (1, 2, published)
    assert len(first["value"]) == 20 and len(second["value"]) == published - 20
    dates = [datetime.fromisoformat(i["publishedDateTime"])
             for i in first["value"] + second["value"]]
    assert dates == sorted(dates, reverse=True)
    assert first["nextPage"] == "api/news/page/2/index.json" and first["previousPage"] is None
    assert second["previousPage"] == "api/news/index.json" and second["nextPage"] is None
    assert "api/news/page/3/index.json" not in api


def test_page_one_is_also_served_under_page_1_as_on_the_reference_site(api) -> None:
    assert api["api/news/page/1/index.json"] == api["api/news/index.json"]
    assert api["api/news/ai/page/1/index.json"] == api["api/news/ai/index.json"]


def test_items_carry_the_reference_keys_and_heat(api: dict[str, dict]) -> None:
    chip = api["api/news/index.json"]["value"][0]
    assert set(chip) >= REFERENCE_KEYS
    assert chip["title"] == "Chip maker unveils an inference chip"
    assert chip["heat"] == 70
    assert chip["path"].startswith("_news/2026-03-10-chip-maker-unveils")
    assert chip["publishedDateTime"] == "2026-03-10T07:00:00Z"
    assert chip["webUrl"] == "https://alpha.example/a/1"
    assert chip["originalUrl"] == "https://alpha.example/a/1?utm=x"
    assert chip["provider"]["domain"] == "alpha.example"
    assert chip["images"] == [{"url": "https://alpha.example/chip.jpg", "width": 1200,
                               "height": 675, "isCached": False}]
    assert chip["topics"] == ["AI", "AI Hardware"]


def test_only_published_records_are_listed(api: dict[str, dict], site_facts) -> None:
    pages = [p for path, p in api.items() if path.startswith("api/news/page/")
             or path == "api/news/index.json"]
    urls = {i["webUrl"] for page in pages for i in page["value"]}
    assert "https://beta.example/a/2" not in urls  # coverage, not a published lead
    assert "https://copy.example/a/4" not in urls  # a copy of the chip story
    assert "https://farm.example/a/6" not in urls  # off-topic
    assert "https://epsilon.example/a/7" not in urls  # taken down: heat -1
    assert len(urls) == site_facts.published


def test_each_topic_gets_its_own_folder_by_slug(api: dict[str, dict], site_facts) -> None:
    hardware = api["api/news/ai-hardware/index.json"]
    assert hardware["topic"] == "AI Hardware" and hardware["total"] == 1
    ethics = api["api/news/ai-ethics/index.json"]["value"]
    # JSON carries the headline exactly as the source wrote it; escaping is the reader's job.
    assert [i["title"] for i in ethics] == [site_facts.hostile_title]
    for path, page in api.items():
        if path.startswith("api/news/machine-learning/"):
            assert all("Machine Learning" in i["topics"] for i in page["value"])


def test_an_empty_store_still_has_a_first_page(tmp_path) -> None:
    with Store(f"sqlite:///{tmp_path / 'empty.sqlite'}") as store:
        files = build_api(load_site_data(store))
    first = json.loads(files["api/news/index.json"])
    assert (first["total"], first["pages"], first["value"], first["nextPage"]) == (0, 1, [], None)


def test_topics_stored_as_plain_names_are_read_too(site_store: Store) -> None:
    chip = next(a for a in site_store.articles() if a.web_url == "https://alpha.example/a/1")
    site_store.update_curation(chip.id, topics=["AI", "Chip Design"])
    files = build_api(load_site_data(site_store))
    (item,) = json.loads(files["api/news/chip-design/index.json"])["value"]
    assert item["topics"] == ["AI", "Chip Design"]

"""Sentence embeddings kept in the store: a second curation run re-embeds nothing unchanged."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pytest

from tidings.config import CurateSettings
from tidings.curate import apply
from tidings.curate.embed import DIMENSIONS, StoredEmbedder, text_key
from tidings.models import Article
from tidings.store import Store

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
CHIP = ("Halvorsen Semiconductor unveiled the Tern-9 AI accelerator on Monday, a chip for "
        "inference in data centres that runs language models at half the power. ") * 8
ROBOT = ("Quillon Robotics showed a warehouse robot that learns new shelves from a single "
         "demonstration, using a vision model trained on simulated stores. ") * 8


class CountingModel:
    """Stands in for the ONNX model: a fixed unit vector per text, and a count of texts run."""

    name = "counting test model"

    def __init__(self) -> None:
        self.texts: list[str] = []

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        self.texts += texts
        rows = []
        for text in texts:
            seed = int.from_bytes(hashlib.sha256(text.encode()).digest()[:4], "little")
            row = np.random.default_rng(seed).standard_normal(DIMENSIONS).astype(np.float32)
            rows.append(row / np.linalg.norm(row))
        return np.array(rows, dtype=np.float32).reshape(len(texts), DIMENSIONS)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(f"sqlite:///{tmp_path / 'tidings.sqlite'}")


def test_a_text_is_embedded_once_and_read_back_the_same_afterwards(store: Store) -> None:
    model = CountingModel()
    first = StoredEmbedder(model, store).embed(["chip news", "robot news", "chip news"])
    again = StoredEmbedder(model, store)
    second = again.embed(["robot news", "chip news"])

    assert model.texts == ["chip news", "robot news"]  # each distinct text ran once
    assert np.array_equal(second, first[[1, 0]])
    assert (again.computed, again.reused) == (0, 2)


def test_an_edited_text_or_another_model_misses_and_is_embedded_afresh(store: Store) -> None:
    model = CountingModel()
    StoredEmbedder(model, store).embed(["chip news"])
    StoredEmbedder(model, store).embed(["chip news, updated"])
    other = CountingModel()
    other.name = "another model"
    StoredEmbedder(other, store).embed(["chip news"])

    assert model.texts == ["chip news", "chip news, updated"]
    assert other.texts == ["chip news"]
    assert text_key(model.name, "chip news") != text_key(other.name, "chip news")


def test_a_stored_value_of_the_wrong_width_is_replaced(store: Store) -> None:
    model = CountingModel()
    store.save_embeddings({text_key(model.name, "chip news"): b"\x00" * 12})

    vector = StoredEmbedder(model, store).embed(["chip news"])[0]

    assert model.texts == ["chip news"]
    assert store.embeddings([text_key(model.name, "chip news")])[
        text_key(model.name, "chip news")] == vector.astype("<f4").tobytes()


def test_a_second_curation_run_reads_every_vector_back_and_decides_the_same(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = CountingModel()
    monkeypatch.setattr(apply, "load_embedder", lambda: model)
    for n, (domain, title, text) in enumerate([
        ("wire.example", "Halvorsen unveils the Tern-9 AI accelerator", CHIP),
        ("daily.example", "Tern-9 is Halvorsen's new AI inference chip", CHIP),
        ("bots.example", "Quillon's warehouse robot learns shelves from one demo", ROBOT),
    ], start=1):
        store.save_article(Article(
            original_url=f"https://{domain}/a/{n}", web_url=f"https://{domain}/a/{n}",
            title=title, text=text, excerpt=text[:100], published=NOW - timedelta(hours=n),
            provider_name=domain, provider_domain=domain), source_id=None)

    first = apply.curate_store(store, CurateSettings(), NOW)
    stories_first = {a.id: a.story_id for a in store.articles()}
    embedded_first = len(model.texts)
    second = apply.curate_store(store, CurateSettings(), NOW + timedelta(hours=1))

    assert first.relevant == 3 and embedded_first == first.embedded == 3
    assert (second.embedded, second.embeddings_reused) == (0, 3)
    assert len(model.texts) == embedded_first
    assert {a.id: a.story_id for a in store.articles()} == stories_first

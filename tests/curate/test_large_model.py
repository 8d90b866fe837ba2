"""The large model's parts: unpacked once, checked, refused cleanly; and the model switch.

The unpacking tests build their own five-part zip, so they run without torch (in CI too);
only the last test needs the ``embeddings-large`` extra.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections import namedtuple
from datetime import timedelta
from pathlib import Path

import numpy as np
import pytest

from tidings.curate import embed, large_model
from tidings.curate.stories import MODEL_BARS, STORY_SCORE, WORDS_ONLY_SCORE, Grouper, bars_for

WEIGHTS = b"not really weights, but bytes with a digest " * 5000


def five_parts(folder: Path) -> list[Path]:
    """A zip shaped like the packaged one (a top folder, a Windows leftover), cut in five."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("all-mpnet-base-v2/model.safetensors", WEIGHTS)
        archive.writestr("all-mpnet-base-v2/config.json", '{"model_type": "mpnet"}')
        archive.writestr("all-mpnet-base-v2/1_Pooling/config.json", "{}")
        archive.writestr("all-mpnet-base-v2/desktop.ini", "[.ShellClassInfo]")
    data = buffer.getvalue()
    cut = len(data) // 5 + 1
    paths = []
    for k in range(5):
        path = folder / f"all-mpnet-base-v2.zip.{k + 1:03d}"
        path.write_bytes(data[k * cut : (k + 1) * cut])
        paths.append(path)
    return paths


@pytest.fixture
def parts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Five fake installed parts, the finder pointed at them, the cache under tmp_path."""
    found = five_parts(tmp_path)
    monkeypatch.setattr(large_model, "find_parts", lambda: list(found))
    monkeypatch.setattr(large_model, "MODEL_SHA256", hashlib.sha256(WEIGHTS).hexdigest())
    monkeypatch.setenv(large_model.CACHE_ENV, str(tmp_path / "cache"))
    return found


def test_the_parts_are_unpacked_once_into_one_checked_folder(parts, tmp_path) -> None:
    folder = large_model.model_folder()
    assert folder is not None and folder.parent == tmp_path / "cache"
    assert folder.name.startswith("all-mpnet-base-v2-")
    assert (folder / "model.safetensors").read_bytes() == WEIGHTS
    assert (folder / "1_Pooling" / "config.json").is_file()
    assert not (folder / "desktop.ini").exists()
    # Nothing half-made is left beside it.
    assert [p.name for p in (tmp_path / "cache").iterdir()] == [folder.name]


def test_a_second_call_reuses_the_folder_without_reading_the_parts(parts) -> None:
    first = large_model.model_folder()
    assert first is not None
    stamp = (first / "model.safetensors").stat().st_mtime_ns
    for part in parts:
        part.write_bytes(b"")  # reading them again now would fail
    assert large_model.model_folder() == first
    assert (first / "model.safetensors").stat().st_mtime_ns == stamp


def test_weights_that_are_not_the_measured_ones_are_refused(
    parts, tmp_path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(large_model, "MODEL_SHA256", "0" * 64)
    assert large_model.model_folder() is None
    assert "not the ones measured" in caplog.text
    assert list((tmp_path / "cache").iterdir()) == []  # no folder, no leftovers


def test_a_missing_part_means_no_model(parts, monkeypatch: pytest.MonkeyPatch) -> None:
    parts[2].unlink()
    assert large_model.model_folder() is None


def test_parts_cut_short_are_refused_without_a_crash(parts) -> None:
    parts[4].write_bytes(parts[4].read_bytes()[:10])
    assert large_model.model_folder() is None


def test_too_little_disk_space_is_refused_before_writing(
    parts, tmp_path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(large_model.shutil, "disk_usage", lambda _: usage(100, 90, 10))
    assert large_model.model_folder() is None
    assert "MB free" in caplog.text
    assert list((tmp_path / "cache").iterdir()) == []


def test_uninstalled_parts_are_found_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing(name: str):
        raise large_model.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(large_model.metadata, "distribution", missing)
    assert large_model.find_parts() is None
    assert large_model.load() is None
    assert not large_model.installed()


def test_the_cache_follows_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    monkeypatch.setenv(large_model.CACHE_ENV, str(tmp_path / "mine"))
    assert large_model.cache_root() == tmp_path / "mine"
    monkeypatch.delenv(large_model.CACHE_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert large_model.cache_root() == tmp_path / "xdg" / "tidings" / "models"


@pytest.mark.parametrize(("value", "choice"), [
    ("", "auto"), ("auto", "auto"), ("on", "auto"), ("1", "auto"),
    ("large", "large"), ("MPNet", "large"), ("small", "small"), (" minilm ", "small"),
    ("off", "off"), ("0", "off"), ("false", "off"), ("larg", "auto"),
])
def test_the_switch_names_a_model(value: str, choice: str) -> None:
    assert embed.embeddings_choice(value) == choice


class Named:
    def __init__(self, name: str) -> None:
        self.name = name

    def embed(self, texts):
        return np.zeros((len(texts), 4), np.float32)


def test_auto_prefers_the_large_model_when_its_extra_is_installed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    large, small = Named(large_model.MODEL_NAME), Named(embed.MODEL_NAME)
    monkeypatch.setattr(embed, "_cache", {})
    monkeypatch.setattr(embed, "_load_large", lambda: large)
    monkeypatch.setattr(embed, "_load", lambda: small)
    monkeypatch.setenv(embed.ENV_SWITCH, "auto")
    monkeypatch.setattr(large_model, "installed", lambda: True)
    assert embed.load_embedder() is large
    monkeypatch.setattr(large_model, "installed", lambda: False)
    assert embed.load_embedder() is small
    # Installed but refused (a bad digest, a full disk): auto still has the small one.
    monkeypatch.setattr(large_model, "installed", lambda: True)
    monkeypatch.setattr(embed, "_cache", {"large": None})
    assert embed.load_embedder() is small
    monkeypatch.setattr(embed, "_cache", {})
    monkeypatch.setenv(embed.ENV_SWITCH, "small")
    assert embed.load_embedder() is small
    assert embed.load_embedder("large") is large
    monkeypatch.setenv(embed.ENV_SWITCH, "off")
    assert embed.load_embedder() is None
    # Each model keys its stored vectors by its own name: they never mix.
    assert embed.text_key(large.name, "a") != embed.text_key(small.name, "a")


def test_each_model_gets_its_own_story_bars() -> None:
    assert bars_for(None).story == WORDS_ONLY_SCORE
    assert bars_for(Named(embed.MODEL_NAME)).story == STORY_SCORE
    assert bars_for(Named("some test model")).story == STORY_SCORE
    assert bars_for(Named(large_model.MODEL_NAME)) == MODEL_BARS[large_model.MODEL_NAME]
    grouper = Grouper(window=timedelta(days=7), embedder=Named(large_model.MODEL_NAME))
    assert grouper.story_score == MODEL_BARS[large_model.MODEL_NAME].story
    assert grouper.merge_score == MODEL_BARS[large_model.MODEL_NAME].merge


@pytest.mark.skipif(not large_model.installed(),
                    reason="the embeddings-large extra (mpnet parts, torch) is not installed")
def test_the_large_model_puts_one_event_closer_than_another() -> None:
    model = large_model.load()
    assert model is not None
    vectors = model.embed([
        "Fed official says weak data caused by weather, should not slow taper",
        "Fed's Plosser: nasty weather has curbed job growth",
        "New trailer for the summer's superhero film released",
        "",
    ])
    assert vectors.shape == (4, large_model.DIMENSIONS)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.2
    # Batched and alone give the same vectors (padding is masked out).
    alone = model.embed(["Fed's Plosser: nasty weather has curbed job growth"])
    assert np.allclose(alone[0], vectors[1], atol=1e-4)

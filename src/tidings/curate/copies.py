"""Near-duplicate copies: syndicated wire stories, lightly edited reposts, AMP and
tracking-parameter variants of one page.

Two signals, either one enough:

* the address: two links that differ only by tracking parameters, a fragment, an AMP
  marker (``/amp/``, ``?amp=1``, ``amp.`` host, ``.amp.html``) or ``www.`` name one page;
* the text: MinHash signatures over 5-word shingles, looked up in a MinHash LSH index
  (datasketch), then confirmed by the estimated Jaccard similarity. A wire story reposted
  with a new headline and a different last paragraph still shares most of its shingles,
  while two reports of the same event in different words share almost none, so this
  finds copies without mistaking related coverage for one.

The first copy seen stays the record; later ones point at it. Items leave the index when
they leave the time window, so memory stays bounded however long the stream runs.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlsplit, urlunsplit

import numpy as np
from datasketch import MinHash, MinHashLSH

from tidings.curate.text import words
from tidings.urls import strip_tracking

#: Estimated Jaccard of shingle sets at or above which two texts are one text.
COPY_JACCARD = 0.6
#: LSH recall is set a little below the confirmation threshold so borderline copies are
#: still looked at; the estimate then decides.
LSH_THRESHOLD = 0.5
NUM_PERM = 64
SHINGLE_WORDS = 5
#: Texts shorter than this are headlines or stubs: too short to call copies by text.
MIN_WORDS = 40

_AMP_PATH = re.compile(r"/amp/?$|/amp(?=/)|\.amp(?=\.html?$)|(?<=/)amp\.html?$")
_AMP_QUERY = re.compile(r"(^|&)(amp|outputType=amp|amp=1|amp=true)(?=&|$)", re.IGNORECASE)


def page_key(url: str) -> str:
    """One key for every address of one page: no tracking, no AMP marker, no ``www.``."""
    try:
        clean = strip_tracking(url)
    except ValueError:
        return url.strip()
    parts = urlsplit(clean)
    host = parts.netloc.removeprefix("www.").removeprefix("amp.")
    path = _AMP_PATH.sub("", parts.path).rstrip("/") or "/"
    query = _AMP_QUERY.sub("", parts.query).strip("&")
    return urlunsplit(("https" if parts.scheme in {"http", "https"} else parts.scheme,
                       host, path, query, ""))


def signature(text: str, num_perm: int = NUM_PERM) -> MinHash | None:
    """MinHash of the text's lower-cased 5-word shingles; None when the text is too short."""
    tokens = [t.lower() for t in words(text)]
    if len(tokens) < MIN_WORDS:
        return None
    runs = {" ".join(tokens[i : i + SHINGLE_WORDS]).encode()
            for i in range(len(tokens) - SHINGLE_WORDS + 1)}
    minhash = MinHash(num_perm=num_perm)
    minhash.update_batch(list(runs))
    return minhash


@dataclass(frozen=True, slots=True)
class Match:
    original: int | str  #: the record the new item copies
    jaccard: float  #: estimated shingle Jaccard (1.0 for the same address)
    reason: str


@dataclass(slots=True)
class _Entry:
    key: int | str
    published: datetime
    page: str
    minhash: MinHash | None


class CopyFinder:
    """Finds, for each new item, an earlier item inside the window that it copies."""

    def __init__(self, threshold: float = COPY_JACCARD, num_perm: int = NUM_PERM) -> None:
        self.threshold = threshold
        self.num_perm = num_perm
        self._lsh = MinHashLSH(threshold=min(LSH_THRESHOLD, threshold), num_perm=num_perm)
        self._entries: dict[int | str, _Entry] = {}
        self._by_page: dict[str, int | str] = {}
        self._order: deque[_Entry] = deque()  # oldest first, to forget cheaply

    def __len__(self) -> int:
        return len(self._entries)

    def find(self, url: str, text: str) -> tuple[Match | None, MinHash | None]:
        """The earlier item this one copies (if any) and the new item's signature."""
        page = page_key(url) if url else ""
        minhash = signature(text, self.num_perm)
        if page and page in self._by_page:
            return Match(self._by_page[page], 1.0, "same page (address variant)"), minhash
        if minhash is None:
            return None, None
        best: tuple[float, _Entry] | None = None
        for key in self._lsh.query(minhash):
            entry = self._entries[key]
            if entry.minhash is None:
                continue
            score = float(np.mean(entry.minhash.hashvalues == minhash.hashvalues))
            if score >= self.threshold and (best is None or score > best[0]):
                best = (score, entry)
        if best is None:
            return None, minhash
        return Match(best[1].key, best[0], f"same text (Jaccard ~{best[0]:.2f})"), minhash

    def add(self, key: int | str, url: str, published: datetime,
            minhash: MinHash | None) -> None:
        """Index an original (copies are not indexed: their record stands for them)."""
        if key in self._entries:
            return
        entry = _Entry(key, published, page_key(url) if url else "", minhash)
        self._entries[key] = entry
        self._order.append(entry)
        if entry.page:
            self._by_page.setdefault(entry.page, key)
        if minhash is not None:
            self._lsh.insert(key, minhash)

    def forget_older_than(self, cutoff: datetime) -> int:
        """Drop items published before ``cutoff``; returns how many left the index."""
        dropped = 0
        # Items arrive roughly in time order; a late straggler waits for its turn.
        while self._order and self._order[0].published < cutoff:
            entry = self._order.popleft()
            del self._entries[entry.key]
            if entry.page and self._by_page.get(entry.page) == entry.key:
                del self._by_page[entry.page]
            if entry.minhash is not None:
                self._lsh.remove(entry.key)
            dropped += 1
        return dropped

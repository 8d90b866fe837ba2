"""Quality (of one article) and heat (of its story, now), each 0-100 with its parts.

Quality is about the article: who published it, how complete it is, whether it
is original, and what is wrong with it. Heat is about the moment: how many
publishers cover the story, how fast they came, how trusted they are, how good
this article is, and how recent the coverage is. Every part is returned so
``tidings explain`` and the JSON outputs can show why a number is what it is.
"""

from __future__ import annotations

import heapq
import re
import zlib
from array import array
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

import yaml

from tidings.curate.items import Item
from tidings.curate.text import words
from tidings.urls import registrable_domain

DEFAULT_AUTHORITY = 50.0
#: Learned authority counts at most this share against the table, however much evidence.
LEARNED_WEIGHT = 0.5
#: Stories a publisher needs before learning carries half its weight (shrinkage toward the table).
LEARNED_SHRINK = 10

#: Points each part of quality can give (they add up to 100 before penalties).
AUTHORITY_POINTS = 30
COMPLETENESS_POINTS = 30
ORIGINALITY_POINTS = 25
TYPE_POINTS = {"article": 15, "opinion": 12, "video": 10, "podcast": 10, "press-release": 0}
OTHER_TYPE_POINTS = 8
FULL_LENGTH_WORDS = 600  #: a body this long gets the whole length share of completeness
THIN_WORDS = 150  #: a body shorter than this is thin (when there is a body at all)
#: A later article sharing this much wording (shingle Jaccard) with an earlier one is a rewrite.
REWRITE_JACCARD = 0.4
REWRITE_FLOOR = 0.1  #: overlap below this is the stock phrasing any two reports share
REWRITE_LATE_HOURS = 24.0  #: a rewrite this late (or later) loses the whole rewrite share
SKETCH_SIZE = 48  #: bottom-k sketch: enough to tell copies and rewrites from fresh text
SKETCH_CHARS = 3000  #: a rewrite shows in its opening; the rest adds cost, not evidence

PENALTY = {
    "press_release": 20.0,
    "market_research": 40.0,
    "paywall_stub": 30.0,
    "clickbait": 10.0,
    "thin": 15.0,
}

CLICKBAIT = re.compile(
    r"you won'?t believe|this one (?:trick|weird)|\bshocking\b|what happens next|"
    r"will blow your mind|mind-?blowing|jaw-?dropping|nobody is talking about|"
    r"you need to see|goes viral|\binsane\b|!{2,}|\?!",
    re.IGNORECASE,
)
MARKET_RESEARCH = re.compile(
    r"\bmarket (?:size|share|report|research|forecast|outlook)\b|\bCAGR\b|"
    r"\bforecast (?:period|to \d{4}|till \d{4})\b|\b(?:request|download) (?:a |free )?sample\b",
    re.IGNORECASE,
)
PAYWALL = re.compile(
    r"\bsubscribe (?:now )?to (?:continue|read|unlock)\b|\bsubscribers? only\b|"
    r"\balready a subscriber\b|\bfor (?:paid )?subscribers\b|\bsign in to (?:continue|read)\b",
    re.IGNORECASE,
)
PAYWALL_MAX_WORDS = 300  #: a paywall notice on a long page is a footer, not a stub
PRESS_WIRE = re.compile(
    r"\b(?:PR ?Newswire|Business ?Wire|GLOBE ?NEWSWIRE|ACCESSWIRE|EIN Presswire)\b"
)
PRESS_CUES = (
    re.compile(r"\btoday announced\b", re.IGNORECASE),
    re.compile(r"\bmedia (?:contact|inquiries)\b", re.IGNORECASE),
    re.compile(r"\bforward-looking statements?\b", re.IGNORECASE),
    re.compile(r"\((?:NASDAQ|NYSE|TSX|LSE)\s*:\s*[A-Z.]+\)"),
    re.compile(r"(?m)^About [A-Z][\w.&-]*(?: [A-Z][\w.&-]*){0,3}\s*$"),
)


# -- publisher authority ---------------------------------------------------------------------


@lru_cache(maxsize=4)
def authority_table(path: Path | None = None) -> dict[str, float]:
    """The bundled (or given) domain -> authority table; values clamped to 0-100."""
    if path is None:
        raw = files("tidings.curate").joinpath("authority.yaml").read_text(encoding="utf-8")
    else:
        raw = path.read_text(encoding="utf-8")
    table = yaml.safe_load(raw) or {}
    return {str(k).lower(): max(0.0, min(100.0, float(v))) for k, v in table.items()}


@lru_cache(maxsize=1)
def _names_to_domains() -> dict[str, str]:
    """Publisher display names (the extract stage's table) back to their domains."""
    raw = files("tidings.extract").joinpath("publishers.yaml").read_text(encoding="utf-8")
    table = yaml.safe_load(raw) or {}
    return {str(name).lower(): str(domain).lower() for domain, name in table.items()}


def publisher_key(publisher: str, url: str = "") -> str:
    """One key per publisher: the URL's registrable domain, else the domain or name given.

    A name the extract stage knows ("The Verge") maps to its domain, so a JSONL
    line naming its publisher and one giving only a URL count as the same publisher.
    """
    if url.startswith(("http://", "https://")):
        try:
            return registrable_domain(url)
        except ValueError:
            pass
    given = publisher.strip().lower()
    if not given:
        return ""
    if given in _names_to_domains():
        return _names_to_domains()[given]
    if "." in given and " " not in given:
        try:
            return registrable_domain(given)
        except ValueError:
            return given
    return given


@dataclass(slots=True)
class Authority:
    """The table's value blended with what is learned: how often a publisher breaks stories.

    Each time a second publisher joins a story, the first one is credited with
    breaking it; every publisher on a shared story counts that story. The rate
    maps to 25 (never first) .. 100 (always first), and weighs in only as far
    as there is evidence for it, so one lucky scoop moves little.
    """

    table: dict[str, float] = field(default_factory=authority_table)
    firsts: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    shared: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def story_shared(self, first: str, joined: str, first_time: bool) -> None:
        """``joined`` just covered a story ``first`` broke; ``first_time``: its second publisher."""
        if first_time:
            self.firsts[first] += 1
            self.shared[first] += 1
        self.shared[joined] += 1

    def of(self, publisher: str) -> float:
        return self.parts(publisher)["value"]

    def parts(self, publisher: str) -> dict[str, float]:
        base = self.table.get(publisher, DEFAULT_AUTHORITY)
        stories = self.shared.get(publisher, 0)
        if not stories:
            return {"table": base, "learned": base, "stories": 0, "value": base}
        learned = 25 + 75 * self.firsts.get(publisher, 0) / stories
        weight = LEARNED_WEIGHT * stories / (stories + LEARNED_SHRINK)
        value = (1 - weight) * base + weight * learned
        return {"table": base, "learned": round(learned, 1), "stories": stories,
                "value": round(value, 1)}


# -- quality ---------------------------------------------------------------------------------


def sketch(text: str) -> array[int]:
    """A bottom-k sketch of the text's three-word runs, for cheap overlap estimates.

    Kept as a compact array (a few hundred bytes) because one is held per article
    in the window.
    """
    tokens = [t.lower() for t in words(text[:SKETCH_CHARS])]
    runs = {zlib.crc32(" ".join(tokens[i : i + 3]).encode()) for i in range(len(tokens) - 2)}
    return array("I", sorted(heapq.nsmallest(SKETCH_SIZE, runs)))


def overlap(a: Sequence[int], b: Sequence[int]) -> float:
    """Estimated Jaccard similarity of the two texts behind two sketches."""
    if not a or not b:
        return 0.0
    first, second = set(a), set(b)
    union = heapq.nsmallest(SKETCH_SIZE, first | second)
    return sum(1 for h in union if h in first and h in second) / len(union)


def penalties(item: Item, count: int | None = None) -> dict[str, float]:
    """What is wrong with the article, each with the points it costs (empty when nothing).

    ``count`` is the body's word count when the caller has it already.
    """
    found: dict[str, float] = {}
    count = len(words(item.text)) if count is None else count
    if item.type == "press-release" or PRESS_WIRE.search(item.text) or (
        sum(1 for cue in PRESS_CUES if cue.search(item.text)) >= 2
    ):
        found["press_release"] = PENALTY["press_release"]
    if MARKET_RESEARCH.search(item.title) or len(MARKET_RESEARCH.findall(item.text)) >= 2:
        found["market_research"] = PENALTY["market_research"]
    if count < PAYWALL_MAX_WORDS and PAYWALL.search(f"{item.text}\n{item.excerpt}"):
        found["paywall_stub"] = PENALTY["paywall_stub"]
    if CLICKBAIT.search(item.title) or (item.title.isupper() and len(item.title) > 12):
        found["clickbait"] = PENALTY["clickbait"]
    if item.text.strip() and count < THIN_WORDS and "paywall_stub" not in found:
        found["thin"] = PENALTY["thin"]
    return found


def originality(*, copy: bool, rewrite: float, late_hours: float) -> float:
    """Points for originality: none for a copy, fewer for a late, close rewrite.

    ``rewrite`` is the wording overlap with the closest earlier article of the
    story (by another publisher); ``late_hours`` how long after it this one came.
    Close wording within the first hours is parallel reporting of the same
    announcement; close wording a day later is a rewrite.
    """
    if copy:
        return 0.0
    closeness = min(max(rewrite - REWRITE_FLOOR, 0.0) / (REWRITE_JACCARD - REWRITE_FLOOR), 1.0)
    lateness = min(max(late_hours, 0.0) / REWRITE_LATE_HOURS, 1.0)
    return round(ORIGINALITY_POINTS * (1 - 0.8 * closeness * lateness), 1)


def static_quality(item: Item, *, original: float) -> dict[str, float]:
    """The parts of quality that never change once the article has arrived."""
    count = len(words(item.text))
    length = min((count or len(words(item.excerpt))) / FULL_LENGTH_WORDS, 1.0)
    completeness = (0.5 * length + 0.2 * bool(item.author) + 0.1 * item.dated
                    + 0.2 * item.has_image)
    parts = {
        "completeness": round(COMPLETENESS_POINTS * completeness, 1),
        "originality": original,
        "format": float(TYPE_POINTS.get(item.type, OTHER_TYPE_POINTS)),
    }
    for name, points in penalties(item, count).items():
        parts[f"penalty_{name}"] = -points
    return parts


def quality(static: dict[str, float], authority: float) -> tuple[int, dict[str, float]]:
    """Authority (0-30) + completeness (0-30) + originality (0-25) + format (0-15) - penalties."""
    parts = {"authority": round(AUTHORITY_POINTS * authority / 100, 1), **static}
    return _clamp(sum(parts.values())), parts


# -- heat ------------------------------------------------------------------------------------


def heat(
    *,
    item_quality: int,
    publishers: int,
    fast_publishers: int,
    authority: float,
    latest: datetime,
    now: datetime,
    half_life_hours: float,
) -> tuple[int, dict[str, float]]:
    """Coverage (0-35), speed (0-10), authority (0-10), quality (0-45), times a recency decay.

    ``latest`` is the story's newest article: fresh coverage keeps a story warm.
    The first 12 hours do not decay, so a morning story is not cold by noon.
    ``fast_publishers`` counts the publishers that came within a day of the first.
    """
    parts = {
        "coverage": round(35 * (1 - 0.6 ** max(publishers - 1, 0)), 1),
        "speed": round(10 * min(max(fast_publishers - 1, 0), 4) / 4, 1),
        "authority": round(authority / 10, 1),
        "quality": round(0.45 * item_quality, 1),
    }
    age_hours = max((now - latest).total_seconds() / 3600 - 12, 0.0)
    decay = 0.5 ** (age_hours / half_life_hours)
    parts["recency"] = round(decay, 3)
    raw = sum(v for k, v in parts.items() if k != "recency")
    return _clamp(raw * decay), parts


def _clamp(value: float) -> int:
    return max(0, min(100, round(value)))

"""Quality (of one article) and heat (of its story, now), each 0-100 with its parts.

Quality is fixed per article: who wrote it, how complete and original it is.
Heat changes with time: how many publishers cover the story, how fast they
came, how good the coverage is, and how recent it is.
"""

from __future__ import annotations

import re
from datetime import datetime

from tidings.curate.items import Item
from tidings.curate.text import words

CLICKBAIT = re.compile(
    r"you won'?t believe|this one trick|shocking|what happens next|!{2,}|\?!", re.IGNORECASE
)
TYPE_BONUS = {"article": 10, "opinion": 8, "video": 6, "podcast": 6, "press-release": 0}


def quality(item: Item, *, authority: float, duplicate: bool) -> tuple[int, dict[str, float]]:
    """Authority (0-30), completeness (0-40), originality (0-20), format (0-10), minus penalties."""
    count = len(words(item.text))
    completeness = (
        0.45 * min(count / 500, 1.0)
        + 0.20 * bool(item.author)
        + 0.15  # the store holds only dated articles
        + 0.20 * item.has_image
    )
    parts = {
        "authority": round(0.30 * authority, 1),
        "completeness": round(40 * completeness, 1),
        "originality": 6.0 if duplicate else 20.0,
        "format": float(TYPE_BONUS.get(item.type, 5)),
    }
    penalties = 0.0
    if item.type == "press-release":
        penalties += 15
    if CLICKBAIT.search(item.title) or (item.title.isupper() and len(item.title) > 12):
        penalties += 10
    if count < 200:
        penalties += 20
    parts["penalties"] = -penalties
    return _clamp(sum(parts.values())), parts


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
    """
    parts = {
        "coverage": round(35 * (1 - 0.5 ** (publishers - 1)), 1),
        "speed": round(10 * min(max(fast_publishers - 1, 0), 3) / 3, 1),
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

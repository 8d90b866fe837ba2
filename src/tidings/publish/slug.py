"""URL slugs for record file names.

Jekyll turns the file name into the page URL, so slugs must be plain ASCII and
stable: the same title always gives the same slug, or a re-run would publish the
story twice under two names.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

MAX_SLUG_LENGTH = 80

# Letters that Unicode decomposition leaves alone but readers expect spelled out.
_LETTERS = str.maketrans(
    {
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "Ð": "D",
        "þ": "th",
        "Þ": "TH",
        "ł": "l",
        "Ł": "L",
        "ı": "i",
        # Dashes between words ("2019–2020") separate them like a hyphen would.
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
    }
)
# Only spaces, hyphens and underscores separate words. Other punctuation vanishes, as in
# the reference site's names: "Meta's" -> "metas", "A.I." -> "ai", "US$2" -> "us2".
_SEPARATORS = re.compile(r"[\s_-]+")
_OTHER = re.compile(r"[^a-z0-9 ]+")


def slugify(text: str, max_length: int = MAX_SLUG_LENGTH) -> str:
    """Lower-case ASCII words joined by hyphens, at most ``max_length`` characters.

    Accents are folded ("Café" -> "cafe"); characters with no ASCII form (CJK,
    emoji) are dropped, so the result may be empty and callers need a fallback.
    A long slug is cut at the last whole word that fits.
    """
    folded = unicodedata.normalize("NFKD", text.translate(_LETTERS))
    ascii_text = folded.encode("ascii", "ignore").decode("ascii").lower()
    slug = "-".join(_OTHER.sub("", _SEPARATORS.sub(" ", ascii_text)).split())
    if len(slug) <= max_length:
        return slug
    cut = slug.rfind("-", 0, max_length + 1)
    # One enormous word has no boundary to cut at; a hard cut beats no limit.
    return slug[:cut] if cut > 0 else slug[:max_length]


def topic_slug(name: str) -> str:
    """A topic's slug, for its pages, API folder, feeds and search filter; names with no
    ASCII letters get a stable hash instead."""
    return slugify(name) or "topic-" + hashlib.sha256(name.encode("utf-8")).hexdigest()[:10]

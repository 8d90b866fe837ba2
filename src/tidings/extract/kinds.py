"""What kind of item a page is: article, video, podcast, press release or opinion.

Publishers label the kind in structured data when they label it at all, so
that is checked first; URL sections and tell-tale wording in the text (wire
datelines, distribution boilerplate, "Opinion |" kickers) cover the rest.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from tidings.extract.page import Page
from tidings.models import ArticleType

_PRESS_PATH = re.compile(r"/(?:press|press-releases?|pressreleases?|news-releases?)(?:/|$)", re.I)
_OPINION_PATH = re.compile(r"/(?:opinion|opinions|commentary|op-ed)(?:/|$)", re.I)
_PRESS_TEXT = re.compile(
    r"^\s*(?:\(?PRESS RELEASE\)?|FOR IMMEDIATE RELEASE)\b|/PRNewswire/|\(BUSINESS WIRE\)|"
    r"/Business Wire/|GLOBE NEWSWIRE|ACCESSWIRE|EIN Presswire|/CNW/|\u2014 PRESS RELEASE\b|"
    r"-- PRESS RELEASE\b|^\s*(?:Media|Press) (?:[Cc]ontacts?|[Ii]nquiries|[Ee]nquiries)\s*:|"
    r"^\s*###\s*$",
    re.M,
)
_OPINION_KICKER = re.compile(r"^\s*opinion\s*[|:]", re.I)


def url_kind(url: str | None) -> ArticleType | None:
    """The kind a URL path alone reveals (press and opinion sections)."""
    path = urlsplit(url or "").path
    if _PRESS_PATH.search(path):
        return "press-release"
    if _OPINION_PATH.search(path):
        return "opinion"
    return None


def text_kind(text: str) -> ArticleType | None:
    """Press-release datelines and boilerplate in the body text."""
    # Datelines sit at the top, contact blocks and "###" at the bottom.
    return "press-release" if _PRESS_TEXT.search(text[:3000] + "\n" + text[-1500:]) else None


def page_kind(page: Page, text: str, title_hints: list[str]) -> ArticleType:
    """Classify a page; ``title_hints`` are raw titles that may carry a kicker."""
    og_type = (page.first_meta("og:type") or "").lower()
    ld = page.ld_types()
    if og_type.startswith("video") or "VideoObject" in ld:
        return "video"
    if "PodcastEpisode" in ld or "AudioObject" in ld or og_type.startswith(("podcast", "audio")):
        return "podcast"
    by_url = url_kind(page.url)
    if by_url == "press-release" or text_kind(text):
        return "press-release"
    section = (page.first_meta("article:section") or "").strip().lower()
    if (
        "OpinionNewsArticle" in ld
        or by_url == "opinion"
        or section == "opinion"
        or any(_OPINION_KICKER.match(t) for t in title_hints if t)
    ):
        return "opinion"
    return "article"

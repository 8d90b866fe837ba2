"""Which URL names the article: the canonical link, if the page can be trusted on it.

A CMS can point rel=canonical anywhere, including (by mistake) at someone
else's site, which would credit the story to the wrong publisher. So a
canonical or og:url is followed only when it stays on the page's own
registrable domain, or when the page openly says it is a syndicated copy of
that URL (then the article is flagged ``syndicated``).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from tidings.extract.page import Page, ld_text
from tidings.urls import same_site, strip_tracking

_SYNDICATION_NOTE = re.compile(
    r"originally (?:published|appeared|ran|posted)|republished (?:from|with|by)|"
    r"syndicated from|this (?:story|article) first appeared",
    re.I,
)
_SYNDICATION_META = ("syndication-source", "original-source", "citation_original_url")


def web_url(page: Page) -> tuple[str, bool]:
    """``(web_url, syndicated)`` for the page at ``page.url``, tracking parameters stripped."""
    original = page.url
    og_url = page.first_meta("og:url")
    # og:url must be absolute by the Open Graph spec; a relative one is a CMS bug.
    og_url = og_url if og_url and og_url.startswith(("http://", "https://")) else None
    for candidate in (page.link("canonical"), og_url):
        if not candidate or not candidate.startswith(("http://", "https://")):
            continue
        if not original.startswith(("http://", "https://")):
            return strip_tracking(candidate), False  # a saved copy names where it lives
        if _same(candidate, original) or _is_home(candidate) and not _is_home(original):
            continue
        if same_site(candidate, original):
            return strip_tracking(candidate), False
        if _declares_syndication(page, candidate):
            return strip_tracking(candidate), True
    if not original.startswith(("http://", "https://")):
        return original, False
    return strip_tracking(original), False


def _same(a: str, b: str) -> bool:
    return strip_tracking(a) == strip_tracking(b)


def _is_home(url: str) -> bool:
    return urlsplit(url).path.strip("/") == ""


def _key(url: str) -> str:
    """Compare links loosely: scheme, www. and a trailing slash do not matter.

    Links that are not web pages (mailto:, javascript:, garbage) give "".
    """
    if not url.startswith(("http://", "https://")):
        return ""
    try:
        parts = urlsplit(strip_tracking(url))
    except ValueError:
        return ""
    host = parts.netloc.removeprefix("www.")
    return f"{host}{parts.path.rstrip('/')}?{parts.query}"


def _declares_syndication(page: Page, candidate: str) -> bool:
    wanted = _key(candidate)
    for name in _SYNDICATION_META:
        for value in page.meta.get(name, ()):
            if value.strip() and _key(page.absolute(value)) == wanted:
                return True
    for obj in page.jsonld:
        for prop in ("isBasedOn", "isBasedOnUrl"):
            linked = ld_text(obj.get(prop))
            if linked and linked.startswith("http") and _key(linked) == wanted:
                return True
    for link in page.tree.iter("a"):
        href = link.get("href")
        if not href or _key(page.absolute(href)) != wanted or not wanted:
            continue
        # The note is the link's own sentence: its parent block's text.
        parent = link.getparent()
        context = " ".join((parent if parent is not None else link).text_content().split())
        if _SYNDICATION_NOTE.search(context):
            return True
    return False

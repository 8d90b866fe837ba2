"""A publisher's own icons, read from its home page, best first.

Publishers describe their logo in several places of varying quality. The
apple-touch-icon is a square of 120 to 180 pixels made to be shown on its own,
which is exactly what a 50x50 badge next to a name needs; ``rel=icon`` links
come next (largest declared size first), then the structured-data logo (often a
wide wordmark), an ``og:logo``, an ``og:image`` only when its URL says it is a
logo (otherwise it is a story's photo), and last ``/favicon.ico``, which most
sites serve even when the page names no icon at all.

SVG icons are skipped: Pillow cannot rasterise them, and fetching one would only
end in a refusal. Inline ``data:`` icons are skipped too: the pipeline fetches
URLs, and inline ones are rarely more than a 16-pixel favicon.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from tidings.extract.decode import decode_html
from tidings.extract.errors import ExtractError
from tidings.extract.page import Page, parse_page, types_of

#: Apple's own sizes run from 57 to 180; an undeclared touch icon is most likely 180.
TOUCH_ICON_GUESS = 180
_SVG = re.compile(r"\.svgz?(?:$|[?#])", re.I)
_LOGO_WORD = re.compile(r"(?:^|[/_.-])logo(?:s|type)?(?:[/_.-]|$)", re.I)
_SIZE = re.compile(r"(\d+)\s*[x×]\s*(\d+)", re.I)
_ORGANIZATIONS = frozenset({"Organization", "NewsMediaOrganization", "Corporation", "WebSite"})


@dataclass(frozen=True, slots=True)
class IconCandidate:
    """One place a publisher's icon may be, with what the page says about it."""

    url: str
    kind: str  #: "apple-touch-icon", "icon", "jsonld-logo", "og-logo", "og-image" or "favicon"
    size: int = 0  #: largest declared side in pixels; 0 when the page does not say


def icon_candidates(html: str | bytes, url: str) -> list[IconCandidate]:
    """Icon URLs from a home page, in the order worth trying, without duplicates.

    ``url`` is the page's final URL (relative links resolve against it, or against
    its ``<base>``). Unparseable HTML still yields ``/favicon.ico``: a broken home
    page is no reason to give up on the icon the server keeps at the usual place.
    """
    try:
        page = parse_page(decode_html(html) if isinstance(html, bytes) else html, url)
    except ExtractError:
        page = None
    found: list[IconCandidate] = []
    if page is not None:
        found += _link_icons(page, ("apple-touch-icon", "apple-touch-icon-precomposed"),
                             "apple-touch-icon", TOUCH_ICON_GUESS)
        found += _link_icons(page, ("icon",), "icon", 0)
        found += [IconCandidate(u, "jsonld-logo", s) for u, s in _jsonld_logos(page)]
        if logo := page.first_meta("og:logo"):
            found.append(IconCandidate(page.absolute(logo), "og-logo"))
        image = page.first_meta("og:image")
        if image and _LOGO_WORD.search(urlsplit(page.absolute(image)).path):
            found.append(IconCandidate(page.absolute(image), "og-image"))
    found.append(IconCandidate(favicon_url(url), "favicon"))
    seen: set[str] = set()
    usable = []
    for candidate in found:
        if candidate.url in seen or not _fetchable(candidate.url):
            continue
        seen.add(candidate.url)
        usable.append(candidate)
    return usable


def favicon_url(url: str) -> str:
    """``/favicon.ico`` on the page's scheme and host."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/favicon.ico", "", ""))


def _fetchable(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and not _SVG.search(url)


def _link_icons(page: Page, rels: tuple[str, ...], kind: str, guess: int) -> list[IconCandidate]:
    """``<link>`` icons with one of ``rels``, largest declared size first.

    ``type="image/svg+xml"`` and ``sizes="any"`` (the SVG convention) are left out.
    Links without ``sizes`` keep their page order after the sized ones, counted
    as ``guess`` pixels.
    """
    icons: list[IconCandidate] = []
    for node in page.tree.iter("link"):
        link_rels = (node.get("rel") or "").lower().split()
        href = (node.get("href") or "").strip()
        if not href or not any(rel in link_rels for rel in rels):
            continue
        if kind == "icon" and any(r.startswith("apple-touch-icon") for r in link_rels):
            continue
        declared = (node.get("sizes") or "").strip().lower()
        if "svg" in (node.get("type") or "").lower() or declared == "any":
            continue
        sides = [max(int(w), int(h)) for w, h in _SIZE.findall(declared)]
        icons.append(IconCandidate(page.absolute(href), kind, max(sides, default=0) or guess))
    # A stable sort: equal sizes keep the order the page gave them.
    return sorted(icons, key=lambda icon: -icon.size)


def _jsonld_logos(page: Page) -> list[tuple[str, int]]:
    """``publisher.logo`` of the page's objects and ``logo`` of organisations in it."""
    logos: list[tuple[str, int]] = []
    for obj in page.jsonld:
        holders = [obj.get("publisher"), obj if types_of(obj) & _ORGANIZATIONS else None]
        for holder in holders:
            for entry in holder if isinstance(holder, list) else [holder]:
                if isinstance(entry, dict) and (found := _logo_of(entry.get("logo"), page)):
                    logos.append(found)
    return logos


def _logo_of(value: Any, page: Page) -> tuple[str, int] | None:
    """URL and largest declared side of a JSON-LD logo (a URL or an ImageObject)."""
    if isinstance(value, list):
        return next((found for v in value if (found := _logo_of(v, page))), None)
    if isinstance(value, str) and value.strip():
        return page.absolute(value), 0
    if isinstance(value, dict):
        url = value.get("url") or value.get("contentUrl") or value.get("@id")
        if isinstance(url, str) and url.strip():
            side = max(_pixels(value.get("width")), _pixels(value.get("height")))
            return page.absolute(url), side
    return None


def _pixels(value: Any) -> int:
    """A JSON-LD width or height: 600, "600", "600px" or {"value": 600}."""
    if isinstance(value, dict):
        value = value.get("value")
    match = re.match(r"\s*(\d+)", str(value)) if value is not None else None
    return int(match.group(1)) if match else 0

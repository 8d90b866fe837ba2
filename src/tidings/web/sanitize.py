"""Cleaning HTML that came from other people's pages before our pages show it.

An article's stored ``html`` is the publisher's markup after extraction, and a
publisher (or whoever compromised one) may have left a ``<script>``, an
``onerror=`` handler, a ``javascript:`` link or an ``<iframe>`` in it. nh3 (the
Rust ammonia sanitiser) parses the fragment like a browser would and keeps only
an allow-list: text-level tags, no attributes at all except ``href`` on links,
and only web or mail schemes there. Relative links are resolved against the
article's own address, because on our site they would point at our pages.
The Content-Security-Policy header is the second line of defence, not the first.
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import nh3

#: Tags a reader needs to follow an article's text; pictures are left out on purpose
#: (they would load from third-party hosts, which our CSP forbids anyway).
ALLOWED_TAGS = frozenset({
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code",
    "ul", "ol", "li", "dl", "dt", "dd", "a", "b", "strong", "i", "em", "u", "s", "small",
    "sub", "sup", "q", "cite", "abbr", "mark", "figure", "figcaption",
    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption",
})
#: Removed with everything inside them, not just unwrapped: their content is not text.
DROPPED_WITH_CONTENT = frozenset({
    "script", "style", "iframe", "object", "embed", "noscript", "template", "svg", "math",
    "form", "button", "select", "textarea", "frame", "frameset",
})
SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "noopener nofollow ugc"


def clean_html(fragment: str, *, base_url: str | None = None) -> str:
    """``fragment`` with only the allowed tags, and links that are absolute and safe."""
    if not fragment:
        return ""

    def keep_link(tag: str, attribute: str, value: str) -> str | None:
        if tag != "a" or attribute not in ("href", "rel"):
            return None
        if attribute == "rel":  # the one nh3 itself adds (LINK_REL)
            return LINK_REL
        target = urljoin(base_url, value.strip()) if base_url else value.strip()
        return target if urlsplit(target).scheme.lower() in SAFE_SCHEMES else None

    cleaner = nh3.Cleaner(
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes={"a": {"href"}},
        attribute_filter=keep_link,
        url_schemes=set(SAFE_SCHEMES),
        link_rel=LINK_REL,
        strip_comments=True,
    )
    return cleaner.clean(fragment)

"""The sources stage: turn the bytes of a feed, sitemap or OPML list into listings.

This stage never touches the network; the fetch stage hands it bodies and it
hands back :class:`tidings.models.Listing` values. Every document is treated as
hostile, and anything unreadable becomes a :class:`SourceError` with a message
saying why.
"""

from tidings.sources.defaults import DEFAULT_SOURCES
from tidings.sources.discover import discover_feeds
from tidings.sources.errors import SourceError
from tidings.sources.listing import MAX_ENTRIES, parse_listing, parse_listing_checked
from tidings.sources.opml import Subscription, parse_opml, write_opml

__all__ = [
    "DEFAULT_SOURCES",
    "MAX_ENTRIES",
    "SourceError",
    "Subscription",
    "discover_feeds",
    "parse_listing",
    "parse_listing_checked",
    "parse_opml",
    "write_opml",
]

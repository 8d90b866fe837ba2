"""The one exception the sources stage raises."""

from __future__ import annotations


class SourceError(Exception):
    """A source document could not be read as a listing.

    The message says what was wrong with the document (empty, HTML instead of a
    feed, an XML bomb, ...) so that a run can log it against the source and move
    on to the next one instead of stopping.
    """

"""Exceptions the extract stage raises for bad input.

The pipeline catches :class:`ExtractError` per article and records its message
against the source, so one broken page never stops a run.
"""


class ExtractError(Exception):
    """A page or text that holds no usable article (message says why)."""


class ImageError(ExtractError):
    """Bytes that are not a usable image: not an image, truncated, or too large."""

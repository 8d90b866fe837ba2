"""The extract stage: a fetched page or a text scrape becomes an Article.

Public API::

    extract_html(html, url, *, entry=None, headers=None) -> Article
    extract_text(text, url=None) -> Article
    measure_image(data) -> (width, height)

Bad input raises :class:`ExtractError` (or its subclass :class:`ImageError`)
with a message that says what was wrong, so the caller can log it and move on.
"""

from tidings.extract.article import extract_html
from tidings.extract.errors import ExtractError, ImageError
from tidings.extract.images import measure_image
from tidings.extract.plaintext import extract_text

__all__ = ["ExtractError", "ImageError", "extract_html", "extract_text", "measure_image"]

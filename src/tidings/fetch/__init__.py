"""The fetch stage: polite, bounded HTTP (and local file) reads for the rest of the pipeline.

Every fetch ends in a :class:`tidings.models.Response` or a :class:`FetchError`
whose ``kind`` says what went wrong; nothing a remote server does can hang a
run or fill memory past the configured caps.

    async with Fetcher(FetchSettings(per_host_delay=2)) as fetcher:
        page = await fetcher.get(url, accept=HTML_TYPES)
"""

from tidings.fetch.errors import FetchError, FetchErrorKind
from tidings.fetch.fetcher import Fetcher, fetch_all
from tidings.fetch.settings import FEED_TYPES, HTML_TYPES, IMAGE_TYPES, FetchSettings, accepts
from tidings.fetch.transport import ResolvingTransport

__all__ = [
    "FEED_TYPES",
    "HTML_TYPES",
    "IMAGE_TYPES",
    "FetchError",
    "FetchErrorKind",
    "FetchSettings",
    "Fetcher",
    "ResolvingTransport",
    "accepts",
    "fetch_all",
]

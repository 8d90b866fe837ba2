"""The one exception the fetch stage raises, so callers can sort failures by kind."""

from __future__ import annotations

from typing import Literal

FetchErrorKind = Literal[
    "timeout",
    "connect",
    "http",
    "too-large",
    "redirect-loop",
    "too-many-redirects",
    "robots",
    "content-type",
    "bad-url",
]


class FetchError(Exception):
    """A URL could not be fetched; ``kind`` says why in a word a program can branch on.

    The pipeline records these per URL and carries on, so the message names the
    URL and the cause plainly enough to show a person as is.
    """

    def __init__(
        self, url: str, kind: FetchErrorKind, message: str, status: int | None = None
    ) -> None:
        super().__init__(url, kind, message, status)
        self.url = url
        self.kind: FetchErrorKind = kind
        self.message = message
        #: The HTTP status for ``kind == "http"`` (and whenever one was seen).
        self.status = status

    def __str__(self) -> str:
        return f"{self.kind}: {self.message} ({self.url})"

"""What every route of the app needs: the store, the editors, the templates, a few settings."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from fastapi import Request
from jinja2 import Environment

from tidings.publish.site_data import Topic
from tidings.store import Store
from tidings.web.auth import Editors
from tidings.web.live import LiveSite

_T = TypeVar("_T")

CHOICES_SECONDS = 60.0  #: how long the search form's topic and publisher lists are reused


class Cached(Generic[_T]):
    """A value computed at most once per ``seconds``, or again after :meth:`clear`.

    The search form lists every topic and publisher with counts; those are
    grouped queries over the whole store, too slow to repeat on every search at
    100,000 articles, and a count a minute old is fine in a drop-down. Editorial
    actions clear it, so an editor sees their own change at once.
    """

    def __init__(self, compute: Callable[[], _T], seconds: float = CHOICES_SECONDS) -> None:
        self._compute, self._seconds = compute, seconds
        self._value: _T | None = None
        self._at = float("-inf")
        self._lock = threading.Lock()

    def __call__(self) -> _T:
        with self._lock:
            if self._value is None or time.monotonic() - self._at > self._seconds:
                self._value, self._at = self._compute(), time.monotonic()
            return self._value

    def clear(self) -> None:
        with self._lock:
            self._value = None


@dataclass(slots=True)
class Choices:
    """The search form's drop-downs."""

    topics: Cached[list[tuple[Topic, int]]]
    publishers: Cached[list[tuple[str, str, int]]]

    def clear(self) -> None:
        self.topics.clear()
        self.publishers.clear()


@dataclass(slots=True)
class AppContext:
    store: Store
    live: LiveSite
    editors: Editors
    env: Environment  #: the site's templates with the app's own first
    site_dir: Path | None  #: the output folder: cached images and logos are served from it
    title: str
    #: Show stored article bodies (sanitised) on article pages and in the API. Off by
    #: default: the text belongs to its publisher, and the static site shows excerpts only.
    full_text: bool
    taxonomy: Any  #: for re-tagging; None means the bundled taxonomy
    choices: Choices = field(init=False)
    #: The last front page rendered, with the version of the stories it shows.
    front_page: tuple[Any, bytes] | None = None

    def __post_init__(self) -> None:
        self.choices = Choices(topics=Cached(self.live.topics),
                               publishers=Cached(self.store.publishers))

    def changed(self) -> None:
        """An editor changed the store: forget everything remembered from it."""
        self.choices.clear()
        self.live.forget()


def context(request: Request) -> AppContext:
    """The app's context, for ``Depends``."""
    ctx: AppContext = request.app.state.tidings
    return ctx

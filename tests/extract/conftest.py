"""Shared helpers for the extract tests: fixture files and a tiny page builder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"

#: Original filler prose: long enough that trafilatura accepts it as an article body.
BODY = [
    "A city library has started lending small robots that help children practise reading aloud."
    " The machines listen, nod and ask gentle questions about the story.",
    "Librarians say shy readers who freeze in front of a group will happily read to a robot."
    " The devices keep no recordings and reset after every session.",
    "The pilot runs until the summer holidays. If borrowing stays high, the library plans to buy"
    " a dozen more units and offer them at its two branch sites as well.",
]


def build_page(
    head: str = "",
    body: str | None = None,
    *,
    html_attrs: str = "",
    paragraphs: list[str] | None = None,
) -> str:
    """A minimal article page; ``head`` and ``body`` add markup around the standard text."""
    paras = "".join(f"<p>{p}</p>" for p in (paragraphs or BODY))
    return (
        f"<!DOCTYPE html><html{' ' + html_attrs if html_attrs else ''}><head>"
        f'<meta charset="utf-8"><title>Robots At The Library</title>{head}</head>'
        f"<body><article><h1>Robots At The Library</h1>{body or ''}"
        f"<div class='content'>{paras}</div></article></body></html>"
    )


@pytest.fixture
def page() -> Callable[..., str]:
    return build_page


@pytest.fixture
def fixture_bytes() -> Callable[[str], bytes]:
    return lambda name: (FIXTURES / name).read_bytes()

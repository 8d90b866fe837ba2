"""A page whose prose sits in a box trafilatura reads as furniture is extracted again
from the element that holds that prose."""

from __future__ import annotations

import pytest

from tidings.extract import body
from tidings.extract.body import parse_html
from tidings.extract.prose_container import alone, prose_container

URL = "https://harbourguide.example/2026/04/night-markets"

_INTRO = (
    "The harbour's night markets reopened this spring, and the guide below lists every"
    " stall our writers visited over three weekends."
)
_STALLS = [
    f"Stall {n} sits near the ferry steps and serves grilled fish with a sharp lime sauce;"
    f" the owner has worked the pier for {n + 3} years and still writes the menu by hand."
    for n in range(1, 13)
]


def _card(n: int, text: str) -> str:
    return (
        # Each card has a class of its own, so the cards are no series of one class.
        f"<article class='stall stall-{n}'><h3>Stall {n}</h3><p>{text}</p></article>"
    )


def _listicle() -> str:
    """An intro in a lead box, then the stalls in a box whose class says "footer"."""
    cards = "".join(_card(n, text) for n, text in enumerate(_STALLS, start=1))
    return (
        "<html><head><title>Night markets</title>"
        '<meta property="og:type" content="article"></head><body>'
        "<nav><a href='/'>Home</a> <a href='/food'>Food</a></nav>"
        f"<section id='content'><div class='page-lead'><p>{_INTRO}</p></div>"
        f"<div class='page-footer'><div class='stalls'>{cards}</div></div></section>"
        "<footer><p>Harbour Guide, published weekly.</p></footer></body></html>"
    )


def test_the_container_is_the_smallest_element_holding_nearly_all_prose() -> None:
    tree = parse_html(_listicle())
    container = prose_container(tree)
    assert container is not None
    assert container.get("class") == "stalls"


def test_a_page_without_long_paragraphs_has_no_container() -> None:
    tree = parse_html("<html><body><div><p>Short line.</p></div></body></html>")
    assert prose_container(tree) is None


def test_prose_spread_over_the_whole_body_has_no_container() -> None:
    halves = "".join(f"<div class='half'><p>{text}</p></div>" for text in _STALLS[:2])
    assert prose_container(parse_html(f"<html><body>{halves}</body></html>")) is None


def test_the_container_is_set_alone_in_a_copy_of_the_page() -> None:
    tree = parse_html(_listicle())
    copy = alone(tree, prose_container(tree))
    text = copy.find(".//body").text_content()
    assert "Stall 12 sits" in text
    assert "night markets reopened" not in text
    # The page that was passed in is left as it was.
    assert "night markets reopened" in tree.find(".//body").text_content()


def _intro_only() -> object:
    """What trafilatura returns when it reads the stalls' box as the page footer."""
    return parse_html(f"<html><body><p>{_INTRO}</p></body></html>").find(".//body")


@pytest.mark.parametrize("share", [0.5, 0])
def test_a_body_holding_little_of_the_prose_is_replaced_only_with_the_rule(
    monkeypatch: pytest.MonkeyPatch, share: float
) -> None:
    monkeypatch.setattr(body, "CONTAINER_SHARE", share)
    tree = parse_html(_listicle())
    result = body._container_check(
        _intro_only(), tree, body.paragraph_chars(tree), URL, tables=True, news=True
    )
    assert ("Stall 12 sits" in body.html_to_text(result)) is bool(share)


def test_a_body_holding_most_of_the_prose_is_kept() -> None:
    tree = parse_html(_listicle())
    found = parse_html(
        "<html><body>" + "".join(f"<p>{text}</p>" for text in _STALLS[:8]) + "</body></html>"
    ).find(".//body")
    result = body._container_check(
        found, tree, body.paragraph_chars(tree), URL, tables=True, news=True
    )
    assert result is found


def test_a_page_extracted_whole_is_left_as_it_was() -> None:
    html = _listicle()
    _, text = body.main_content(html, URL, "Night markets", tree=parse_html(html))
    assert "Stall 12 sits" in text and "night markets reopened" in text

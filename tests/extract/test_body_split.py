"""An article body cut into several boxes of the same class is gathered again."""

from __future__ import annotations

import pytest

from tidings.extract import body
from tidings.extract.body import html_to_text, paragraph_chars, parse_html
from tidings.extract.split_body import joined, series

URL = "https://valleyrecord.example/2026/05/orchard-cooperative"

_FIRST = [
    f"The orchard cooperative in the upper valley met on evening {n} to count the season's"
    " apples, and members agreed the crop was the largest since the new terraces were built."
    for n in range(1, 5)
]
_SECOND = [
    f"After the count, on evening {n}, growers argued over the price for the cider press,"
    " and the treasurer read out what the cold store had cost them over the past two years."
    for n in range(5, 12)
]


def _chunk(paragraphs: list[str]) -> str:
    inner = "".join(f"<p>{text}</p>" for text in paragraphs)
    return f"<div class='story-grid'><div class='article-body'>{inner}</div></div>"


def _split_page() -> str:
    return (
        "<html><head><title>Orchard count</title>"
        '<meta property="og:type" content="article"></head><body><main><article>'
        "<h1>Orchard count</h1><div class='parts'>"
        + _chunk(_FIRST)
        + "<div class='ad-wrap'><span>Advertisement</span></div>"
        + _chunk(_SECOND)
        + "</div></article></main></body></html>"
    )


def test_the_chunks_of_one_body_are_found_in_page_order() -> None:
    tree = parse_html(_split_page())
    members = series(tree, paragraph_chars(tree))
    assert [len(member) for member in members] == [len(_FIRST), len(_SECOND)]


def test_joining_moves_every_paragraph_into_the_first_chunk_of_a_copy() -> None:
    tree = parse_html(_split_page())
    copy = joined(tree, series(tree, paragraph_chars(tree)))
    boxes = copy.xpath("//div[@class='article-body']")
    assert len(boxes) == 1
    text = boxes[0].text_content()
    assert "evening 1 " in text and "evening 11," in text
    # The page that was passed in is left as it was.
    assert len(tree.xpath("//div[@class='article-body']")) == 2


@pytest.mark.parametrize("split", [True, False])
def test_a_split_body_is_extracted_whole_only_with_the_rule(
    monkeypatch: pytest.MonkeyPatch, split: bool
) -> None:
    monkeypatch.setattr(body, "SPLIT_BODY", split)
    tree = parse_html(_split_page())
    _, text = body.main_content(_split_page(), URL, "Orchard count", tree=tree)
    # trafilatura alone keeps one of the two boxes.
    assert ("evening 1 " in text and "evening 11," in text) is split


def test_teaser_cards_that_are_links_are_not_a_split_body() -> None:
    cards = "".join(
        f"<a class='card' href='/story/{n}'><p>{_SECOND[n]}</p></a>" for n in range(len(_SECOND))
    )
    tree = parse_html(f"<html><body><div class='cards'>{cards}</div></body></html>")
    assert series(tree, paragraph_chars(tree)) == []


def test_one_box_is_not_a_series() -> None:
    tree = parse_html(f"<html><body>{_chunk(_FIRST + _SECOND)}</body></html>")
    assert series(tree, paragraph_chars(tree)) == []
    assert "evening 11," in html_to_text(tree)


def test_chunks_whose_paragraphs_sit_in_lists_belong_to_the_series() -> None:
    listed = "".join(f"<li><p>{text}</p></li>" for text in _SECOND)
    tree = parse_html(
        "<html><body><main>"
        + _chunk(_FIRST[:2])
        + f"<div class='story-grid'><div class='article-body'><ul>{listed}</ul></div></div>"
        + _chunk(_FIRST[2:])
        + "</main></body></html>"
    )
    members = series(tree, paragraph_chars(tree))
    assert len(members) == 3
    assert "evening 11," in members[1].text_content()

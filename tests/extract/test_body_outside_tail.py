"""Trailing blocks taken from outside the article's container are cut."""

import lxml.html
from lxml import etree

from tidings.extract.body import html_to_text
from tidings.extract.tail import trim_outside_tail

_PARAGRAPHS = [
    "The county library opened its new reading room on Saturday after two years of work.",
    "Volunteers moved about forty thousand books by hand from the old annex across town.",
    "The room has long tables, quiet booths and a corner set aside for the youngest readers.",
    "Staff said the first week drew more visitors than the whole of last winter combined.",
]
# The article must dwarf its furniture: the container is found by where most text is.
_PARAGRAPHS += [f"On day {day} of the opening week the queue again reached the car park gate."
                for day in range(2, 20)]
_BIO = "Sam Rowe is a staff writer who covers schools, libraries and local government here."
_PITCH = "Enjoyed this story? Our newsroom runs on reader gifts, so please consider giving."


def _page(after_article: str, inside_article: str = "") -> object:
    story = "".join(f"<p>{text}</p>" for text in _PARAGRAPHS)
    return lxml.html.document_fromstring(
        f"<html><body><div class='page'><article><div class='story'>{story}{inside_article}"
        f"</div></article><div class='extras'>{after_article}</div></div></body></html>"
    )


def _body(*texts: str) -> object:
    body = etree.Element("div")
    for text in texts:
        etree.SubElement(body, "p").text = text
    return body


def test_a_bio_and_a_pitch_from_outside_the_article_are_cut() -> None:
    page = _page(f"<p>{_BIO}</p><p>{_PITCH}</p>")
    text = html_to_text(trim_outside_tail(_body(*_PARAGRAPHS, _BIO, _PITCH), page))
    assert "whole of last winter" in text
    assert "staff writer" not in text
    assert "reader gifts" not in text


def test_the_same_closing_blocks_inside_the_article_stay() -> None:
    page = _page("", inside_article=f"<p>{_BIO}</p><p>{_PITCH}</p>")
    text = html_to_text(trim_outside_tail(_body(*_PARAGRAPHS, _BIO, _PITCH), page))
    assert "staff writer" in text and "reader gifts" in text


def test_an_intro_outside_the_article_is_not_trimmed() -> None:
    intro = "A quiet corner of the county has a new place to read, and people are coming."
    page = lxml.html.document_fromstring(
        f"<html><body><p class='standfirst'>{intro}</p><article>"
        + "".join(f"<p>{text}</p>" for text in _PARAGRAPHS)
        + "</article></body></html>"
    )
    text = html_to_text(trim_outside_tail(_body(intro, *_PARAGRAPHS), page))
    assert "quiet corner" in text


def test_a_long_tail_is_kept_because_it_may_be_the_article() -> None:
    # Half the body from outside the container: more likely a split article than furniture.
    rest = [f"{text} (continued)" for text in _PARAGRAPHS]
    page = _page("".join(f"<p>{text}</p>" for text in rest))
    text = html_to_text(trim_outside_tail(_body(*_PARAGRAPHS, *rest), page))
    assert "(continued)" in text


def test_the_other_panes_of_a_tabbed_box_stay() -> None:
    # Four long paragraphs in the first pane are nearly all of the text, but too few
    # blocks to call that pane the article's container.
    first = [" ".join(_PARAGRAPHS[n:n + 4]) for n in range(0, 16, 4)]
    extra = "Included: the lamp, two spare bulbs, a bracket."
    page = lxml.html.document_fromstring(
        "<html><body><div class='tabs'><div class='pane'>"
        + "".join(f"<p>{text}</p>" for text in first)
        + f"</div><div class='pane'><p>{extra}</p></div></div></body></html>"
    )
    text = html_to_text(trim_outside_tail(_body(*first, extra), page))
    assert "spare bulbs" in text

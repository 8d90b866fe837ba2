"""Prose the precision pass dropped from inside the article comes back from the recall pass."""

import lxml.html
from lxml import etree

from tidings.extract.body import html_to_text
from tidings.extract.recall_fill import fill_from_recall
from tidings.extract.tail import block_sources

_KEPT = [
    "The harbour board voted on Tuesday to dredge the eastern channel before the autumn storms.",
    "Fishing crews had warned for two winters that the sandbar was rising faster than charted.",
    "The work will close the channel to leisure craft for six weeks from the start of September.",
    "Boats over ten metres will be guided through the western approach by the board's pilots.",
    "The board expects the dredged sand to be spread on the beach north of the old lifeboat pier.",
]
_DROPPED = [
    "Survey divers found the bar had grown by almost a metre since the last dredge in spring.",
    "Two trawlers grounded there in March, and one lost a rudder before the tide lifted it off.",
]
_RAIL = "Sign up for the weekly harbour bulletin and get the tide tables in your inbox each week."


def _page(dropped: str) -> object:
    before = "".join(f"<p>{text}</p>" for text in _KEPT[:3])
    after = "".join(f"<p>{text}</p>" for text in _KEPT[3:])
    return lxml.html.document_fromstring(
        f"<html><body><article class='story'>{before}{dropped}{after}</article>"
        f"<div class='rail'><p>{_RAIL}</p></div></body></html>"
    )


def _body(texts: list[str]) -> object:
    body = etree.Element("body")
    for text in texts:
        etree.SubElement(body, "p").text = text
    return body


def _never() -> object:
    raise AssertionError("the recall pass should not be asked")


def test_text_written_in_divs_comes_back_and_the_rail_stays_out() -> None:
    dropped = "".join(f"<div class='section'>{text}</div>" for text in _DROPPED)
    page = _page(dropped)
    recall = _body(_KEPT[:3] + _DROPPED + _KEPT[3:] + [_RAIL])
    filled = fill_from_recall(_body(_KEPT), block_sources(page), html_to_text, lambda: recall)
    text = html_to_text(filled)
    assert all(sentence in text for sentence in _DROPPED)
    assert _RAIL not in text
    # The recall pass's own body is left as it was (it may be reused).
    assert _RAIL in html_to_text(recall)


def test_a_complete_result_does_not_ask_for_the_recall_pass() -> None:
    page = _page("")
    result = _body(_KEPT)
    assert fill_from_recall(result, block_sources(page), html_to_text, _never) is result


def test_short_missing_lines_are_not_worth_a_second_pass() -> None:
    # Captions and labels are missing too, but they are not prose.
    page = _page("<div>Photo: the eastern channel at low tide</div><div>Harbour board</div>")
    result = _body(_KEPT)
    assert fill_from_recall(result, block_sources(page), html_to_text, _never) is result


def test_linked_teasers_and_a_leading_headline_are_not_taken() -> None:
    teaser = "Read how the lifeboat crew rescued two kayakers off the point on Sunday evening."
    dropped = (
        f"<div>{_DROPPED[0]}</div><div>{_DROPPED[1]}</div>"
        f"<p><a href='/lifeboat'>{teaser}</a></p>"
    )
    page = _page(dropped)
    headline = "Harbour board to dredge the eastern channel"
    recall = _body([headline, *_KEPT[:3], *_DROPPED, teaser, *_KEPT[3:]])
    filled = fill_from_recall(_body(_KEPT), block_sources(page), html_to_text, lambda: recall)
    text = html_to_text(filled)
    assert _DROPPED[1] in text
    assert teaser not in text
    assert headline not in text

"""Furniture inside and after the body: loose teaser text, hover cards, tag lists and
teaser headlines that link to other stories."""

from __future__ import annotations

import lxml.html
import pytest
from lxml import etree

from tidings.extract import body, tail
from tidings.extract.body import html_to_text, main_content, parse_html, prune_furniture

URL = "https://riverpost.example/2026/06/bridge-repairs"
TITLE = "Bridge repairs start"
_STORY = [
    f"Crews closed the old stone bridge on day {n} of the repairs, and the detour through"
    " the mill district added about ten minutes to the morning drive into town."
    for n in range(1, 9)
]


def _article(inside: str = "", after: str = "") -> str:
    paragraphs = "".join(f"<p>{text}</p>" for text in _STORY)
    return (
        f"<html><head><title>{TITLE}</title>"
        '<meta property="og:type" content="article"></head><body><article>'
        f"<h1>{TITLE}</h1><div class='story'>{paragraphs}{inside}</div></article>"
        f"{after}</body></html>"
    )


def _text(html: str) -> str:
    return main_content(html, URL, TITLE, tree=parse_html(html))[1]


def test_teaser_text_between_paragraphs_is_a_line_the_rules_see() -> None:
    clean = etree.fromstring(
        f"<body><p>{_STORY[0]}</p>Also on riverpost.example Council votes on the ferry"
        f"<p>{_STORY[1]}</p></body>"
    )
    text = html_to_text(body._clean(clean, None))
    assert "Council votes" not in text
    assert _STORY[0] in text and _STORY[1] in text


@pytest.mark.parametrize("loose", [True, False])
def test_loose_text_becomes_its_own_paragraph(
    monkeypatch: pytest.MonkeyPatch, loose: bool
) -> None:
    monkeypatch.setattr(body, "LOOSE_LINES", loose)
    clean = body._clean(etree.fromstring("<body><p>One.</p>Two.<p>Three.</p></body>"), None)
    assert [node.tag for node in clean] == (["p", "p", "p"] if loose else ["p", "p"])
    # The text reads the same either way.
    assert html_to_text(clean) == "One.\n\nTwo.\n\nThree."


def test_text_that_runs_on_into_inline_markup_is_not_split() -> None:
    clean = body._clean(
        etree.fromstring("<body><p>One.</p>Two <b>bold</b> words.<p>Three.</p></body>"), None
    )
    assert html_to_text(clean) == "One.\n\nTwo bold words.\n\nThree."


def test_a_hover_card_inside_a_paragraph_is_pruned() -> None:
    card = (
        "<span class='rollover-card'><a href='/people/jo-park'>Jo Park</a>"
        "<a href='/news/1'>Jo Park opens the harbour festival</a></span>"
    )
    page = parse_html(
        f"<html><body><p>Mayor <a href='/people/jo-park'>Jo Park</a>{card} said the bridge"
        " would reopen in spring.</p></body></html>"
    )
    text = " ".join(prune_furniture(page).text_content().split())
    assert text == "Mayor Jo Park said the bridge would reopen in spring."


def test_a_closing_tag_label_and_its_list_go() -> None:
    html = _article(inside="<p>Tags</p><p>bridge, detour, mill district, roadworks</p>")
    text = _text(html)
    assert "roadworks" not in text and "Tags" not in text
    assert _STORY[-1] in text


def test_a_tag_list_without_its_label_stays() -> None:
    html = _article(inside="<p>bridge, detour, mill district, roadworks</p>")
    assert "roadworks" in _text(html)


def _tail_page(card: str) -> lxml.html.HtmlElement:
    story = "".join(f"<p>{text}</p>" for text in _STORY)
    return lxml.html.document_fromstring(
        f"<html><body><article><div class='story'>{story}{card}</div></article></body></html>"
    )


def _extracted(*closing: str) -> etree._Element:
    out = etree.Element("div")
    for text in [*_STORY, *closing]:
        etree.SubElement(out, "p").text = text
    return out


_HEADLINES = [
    "Ferry timetable changes for the summer season",
    "Mill district gets new street lights this autumn",
]


@pytest.mark.parametrize("linked", [True, False])
def test_closing_headlines_that_are_links_are_cut(
    monkeypatch: pytest.MonkeyPatch, linked: bool
) -> None:
    monkeypatch.setattr(tail, "LINKED_TAIL", linked)
    # Teaser cards inside the article's own box: only the link gives them away.
    cards = "".join(f"<a href='/story/{n}'><h3>{h}</h3></a>" for n, h in enumerate(_HEADLINES))
    text = html_to_text(tail.trim_outside_tail(_extracted(*_HEADLINES), _tail_page(cards)))
    assert _STORY[-1] in text
    assert (_HEADLINES[0] in text) is not linked
    assert (_HEADLINES[1] in text) is not linked


def test_a_closing_paragraph_with_a_link_in_it_stays() -> None:
    last = "Readers can send photos of the works to the newsroom through our contact page."
    linked = last.replace("contact page", "<a href='/contact'>contact page</a>")
    card = f"<p>{linked}</p>"
    text = html_to_text(tail.trim_outside_tail(_extracted(last), _tail_page(card)))
    assert last in text


@pytest.mark.parametrize(
    "pitch",
    [
        "Follow The River Post on Facebook, Twitter and Instagram.",
        "Follow @riverdeals on Twitter for the week's best prices on garden tools.",
        "Jo Park's book about the old bridges, River Crossings (Mill Press, 2024), is out now"
        " in every shop along the valley. Follow her on Twitter @jopark.",
        "Every morning the desk sends a short round-up of the valley's news, from council"
        " meetings to school sports and the weekend markets. Sign up for the free newsletter.",
    ],
)
def test_follow_and_sign_up_pitches_are_dropped(pitch: str) -> None:
    clean = etree.fromstring(f"<body><p>{_STORY[0]}</p><p>{pitch}</p></body>")
    assert html_to_text(body._clean(clean, None)) == _STORY[0]


def test_a_sentence_about_following_a_person_stays() -> None:
    line = "Reporters follow the mayor on her morning walk across the bridge to the market."
    clean = etree.fromstring(f"<body><p>{_STORY[0]}</p><p>{line}</p></body>")
    assert line in html_to_text(body._clean(clean, None))


"""Body rules: text conversion, furniture pruning and the JSON-LD second opinion."""

from __future__ import annotations

from lxml import etree

from tidings.extract.body import html_to_text, main_content, parse_html, prune_furniture
from tidings.extract.jsonld_body import foreign_blocks, ld_article_body, missed_most

URL = "https://harbourgazette.example/2026/03/ferry-timetable"
SENTENCE = "The harbour ferry will run every twenty minutes from the first of April onwards."


def _html(fragment: str) -> etree._Element:
    return etree.fromstring(f"<div>{fragment}</div>")


def test_text_after_a_heading_inside_a_block_is_kept():
    # trafilatura's tree can hold a heading inside a paragraph with text after it.
    root = _html("<p>Intro line.<h2>Timetable</h2>Boats leave at nine.<br/><br/>And at ten.</p>")
    assert html_to_text(root) == "Intro line.\n\nTimetable\n\nBoats leave at nine.\n\nAnd at ten."


def test_single_line_break_keeps_one_paragraph():
    root = _html("<p>12 Quay Street<br/>Portmill</p><ul><li>one</li><li>two</li></ul>")
    assert html_to_text(root) == "12 Quay Street\nPortmill\n\n- one\n- two"


def test_short_furniture_boxes_go_long_wrappers_stay():
    page = parse_html(
        "<html><body><div class='share-bar'><a href='#'>Share</a> 12</div>"
        f"<div class='social-story'><p>{SENTENCE * 20}</p></div>"
        "<div class='box'><input type='email'/><p>Get our newsletter</p></div>"
        "</body></html>"
    )
    text = " ".join(prune_furniture(page).text_content().split())
    assert "Share" not in text
    assert "newsletter" not in text
    assert SENTENCE in text


def test_paywall_box_goes_before_the_subscribe_link_rule_sees_the_body():
    page = parse_html(
        f"<html><body><div class='story'><p>{SENTENCE}</p>"
        "<div class='paywall-prompt'><a href='/subscribe'>Subscribe</a></div></div></body></html>"
    )
    text = prune_furniture(page).text_content()
    assert SENTENCE in text
    assert "Subscribe" not in text


def test_jsonld_body_markup_and_entities_become_paragraphs():
    words = " ".join(["tide"] * 130)
    body = ld_article_body(
        [{"@type": "NewsArticle", "articleBody": f"<p>Caf&eacute; opens.</p><p>{words}</p>"}]
    )
    assert body == f"Café opens.\n\n{words}"


def test_jsonld_teaser_is_not_a_body():
    teaser = " ".join(["tide"] * 130) + " ..."
    assert ld_article_body([{"@type": "NewsArticle", "articleBody": teaser}]) is None
    assert ld_article_body([{"@type": "NewsArticle", "articleBody": "Too short."}]) is None
    assert ld_article_body([{"@type": "Organization", "articleBody": "x " * 200}]) is None


def test_jsonld_body_judges_coverage_and_stray_blocks():
    ld = " ".join([SENTENCE] * 12)
    assert missed_most(SENTENCE, ld)
    assert not missed_most(ld, ld)
    blocks = [ld, "Sign up for our weekly digest of local offers today", "Timetable"]
    assert foreign_blocks(blocks, ld) == [1]


def test_extraction_that_misses_the_article_yields_to_jsonld():
    paragraphs = [
        f"Paragraph {n}: the council voted on the new harbour ferry timetable and fares today."
        for n in range(12)
    ]
    ld = "\n\n".join(paragraphs)
    # Only the first paragraph is in the page markup; the rest is rendered by script.
    html = (
        "<html><head><title>Ferry</title></head><body><article><h1>Ferry</h1>"
        f"<p>{paragraphs[0]}</p></article></body></html>"
    )
    _, text = main_content(html, URL, "Ferry", ld_body=ld)
    assert text == ld

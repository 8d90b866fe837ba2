"""extract_text: a plain-text scrape cleaned of page furniture."""

from datetime import UTC, datetime

import pytest

from tidings.extract import ExtractError, extract_text
from tidings.extract.plaintext import clean_lines

URL = "https://www.northwindledger.example/2026/11/03/robots-fold-laundry/?utm_source=x#top"


@pytest.fixture
def scraped(fixture_bytes):
    return extract_text(fixture_bytes("scrape.txt").decode("utf-8"), URL)


def test_first_non_empty_line_is_the_title(scraped):
    assert scraped.title == "Why Robots Are Learning To Fold Laundry"


def test_body_keeps_paragraphs_subheadings_and_numbered_items(scraped):
    assert scraped.text.split("\n\n") == [
        "Folding a towel looks trivial until you ask a machine to do it. A startup in the harbour"
        " district says its two-armed robot can now fold a basket of mixed laundry in under nine"
        " minutes.",
        "The company trained its system on thousands of hours of people folding sheets while"
        " wearing motion-capture gloves, then let the robot practise alone overnight.",
        "Why fabric is hard",
        "Cloth has no fixed shape, which is what makes it difficult. A shirt on a table can"
        " crumple in countless ways, and each needs a different first grasp.",
        "1. Shake the garment to spread it out.\n2. Find two corners by touch and by camera.\n"
        "3. Fold along lines predicted from the outline.",
    ]


def test_html_marks_up_headings_and_lists(scraped):
    assert "<h2>Why fabric is hard</h2>" in scraped.html
    assert "<ol><li>Shake the garment to spread it out.</li>" in scraped.html


def test_excerpt_is_the_cleaned_opening(scraped):
    assert scraped.excerpt == scraped.text.split("\n\n")[0]


def test_metadata_from_text_and_url(scraped):
    assert scraped.published == datetime(2026, 11, 3, tzinfo=UTC)
    assert scraped.author == "Jane Q. Writer"  # named by the removed bio
    assert scraped.web_url == "https://www.northwindledger.example/2026/11/03/robots-fold-laundry/"
    assert scraped.original_url == URL
    assert scraped.provider_domain == "northwindledger.example"
    assert scraped.language == "en"


@pytest.mark.parametrize(
    "line",
    [
        "0",
        "28",
        "1.2K",
        "Previous articleA Quiet Week For Rocket Launches",
        "Next article: Chipmakers Brace For A Slow Winter",
        "Disclaimer: The views here are the author's own and not advice.",
        "Share this",
        "Twitter",
    ],
)
def test_furniture_lines_are_removed(line):
    assert clean_lines(["Real opening sentence of the piece.", line, "Closing line."]) == [
        "Real opening sentence of the piece.",
        "Closing line.",
    ]


def test_related_posts_list_is_removed_up_to_the_next_paragraph():
    lines = ["Opening.", "Related posts", "Dishwashers Learn Tricks", "A Vacuum Maps The Flat",
             "", "The article goes on here."]
    assert clean_lines(lines) == ["Opening.", "The article goes on here."]


def test_trailing_bio_is_removed_even_without_a_pager():
    lines = ["Opening paragraph of the story.", "Sam Ode is a reporter who covers chips."]
    assert clean_lines(lines) == ["Opening paragraph of the story."]


def test_everything_long_after_the_pager_is_dropped_but_numbered_items_stay():
    lines = ["1. First step.", "2. Second step.", "Previous postOld news", "x " * 200]
    assert clean_lines(lines) == ["1. First step.", "2. Second step."]


def test_without_url_the_web_fields_are_empty_and_date_comes_from_text():
    article = extract_text("Title Line\n\nWritten on 5 October 2025, this is the body text.")
    assert (article.original_url, article.web_url, article.provider_domain) == ("", "", "")
    assert (article.published, article.date_source) == (datetime(2025, 10, 5, tzinfo=UTC), "text")


def test_press_release_type_from_the_dateline():
    article = extract_text(
        "Robots Inc. Launches Reader\nSPRINGFIELD, Nov. 3, 2026 /PRNewswire/ -- Robots Inc."
        " today launched a reading companion."
    )
    assert article.type == "press-release"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the text is empty"),
        ("   \n\n  ", "the text is empty"),
        ("Only A Title\n0\n28", "after the title"),
    ],
)
def test_empty_input_raises(text, message):
    with pytest.raises(ExtractError, match=message):
        extract_text(text)

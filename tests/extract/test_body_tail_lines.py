"""Closing furniture lines: tag lists, comment prompts, share and newsletter pitches."""

from tidings.extract.body import main_content

_STORY = (
    "<p>The harbour board voted on Tuesday to rebuild the old ferry pier, ending a dispute "
    "that had run for most of the decade and split the town council down the middle.</p>"
    "<p>Work is due to start in spring, the board said, and the pier should reopen to "
    "passengers before the summer season of the following year if the weather holds.</p>"
)


def _text(extra_middle: str = "", extra_end: str = "") -> str:
    html = (
        "<html><head><title>Pier</title></head><body><article>"
        f"{_STORY}{extra_middle}<p>Fishermen welcomed the vote, though some asked who would "
        "pay for the dredging that the larger ferries need.</p>"
        f"{extra_end}</article></body></html>"
    )
    return main_content(html, "https://example.org/pier")[1]


def test_tag_list_and_comment_prompt_at_the_end_are_dropped() -> None:
    text = _text(extra_end="<p>Tags: harbour, ferry, council</p><p>Tell us what you think...</p>"
                 "<p>comments</p>")
    assert "dredging" in text
    assert "Tags" not in text
    assert "Tell us" not in text
    assert not text.rstrip().endswith("comments")


def test_pitch_lines_are_dropped_anywhere() -> None:
    text = _text(
        extra_middle="<p>Like this story? Share it with a friend!</p>"
        "<p>Get the latest updates in your inbox. Subscribe to our newsletters.</p>",
        extra_end="<p>Write to Jo Bloggs at jo.bloggs@example.org</p>",
    )
    assert "Share it" not in text
    assert "Subscribe" not in text
    assert "Write to" not in text
    assert "ferry pier" in text and "dredging" in text


def test_a_sentence_about_tags_inside_the_story_stays() -> None:
    text = _text(extra_middle="<p>Tags: the board also voted on the names of the new "
                 "berths.</p>")
    assert "names of the new berths" in text


def test_related_teasers_and_labels_are_dropped() -> None:
    text = _text(
        extra_middle="<p>Related: Ferry timetables to change next month</p>"
        "<p>Related reads</p><p>DON'T MISS</p>",
    )
    assert "timetables" not in text
    assert "Related" not in text
    assert "MISS" not in text
    assert "ferry pier" in text and "dredging" in text


def test_a_sentence_that_starts_with_related_stays() -> None:
    text = _text(extra_middle="<p>Related work on the breakwater, which the storms damaged "
                 "last winter, will follow once the pier is done.</p>")
    assert "breakwater" in text


def _news_text(extra: str) -> str:
    html = (
        "<html><head><title>Pier</title><meta property='og:type' content='article'></head>"
        f"<body><article>{extra}{_STORY}<p>Fishermen welcomed the vote, though some asked who "
        "would pay for the dredging that the larger ferries need.</p></article></body></html>"
    )
    return main_content(html, "https://example.org/pier")[1]


def test_a_line_that_is_only_a_date_is_dropped_on_an_article() -> None:
    text = _news_text("<p>Posted on 13 January 2025 at 9:30 am</p>")
    assert "January" not in text
    assert "ferry pier" in text


def test_a_sentence_that_starts_with_a_date_stays() -> None:
    text = _news_text("<p>January 13, 2025, was the day the harbour board first met to "
                      "discuss the pier.</p>")
    assert "January 13, 2025, was the day" in text


def test_follow_us_lines_are_dropped_but_a_sentence_about_following_stays() -> None:
    text = _text(
        extra_middle="<p>Follow us on Facebook and Instagram for the latest harbour news.</p>"
        "<p>Harbour staff follow him on Twitter, where the harbourmaster posts the tide "
        "tables every morning before the first ferry leaves.</p>",
    )
    assert "latest harbour news" not in text
    assert "tide tables" in text

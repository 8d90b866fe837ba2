"""Labels over a table of contents and reading-time lines are page furniture, not text."""

from tidings.extract.body import main_content

_STORY = (
    "<p>The harbour board voted on Tuesday to rebuild the old ferry pier, ending a dispute "
    "that had run for most of the decade and split the town council down the middle.</p>"
    "<p>Work is due to start in spring, the board said, and the pier should reopen to "
    "passengers before the summer season of the following year if the weather holds.</p>"
    "<p>Fishermen welcomed the vote, though some asked who would pay for the dredging that "
    "the larger ferries need.</p>"
)


def _text(before: str) -> str:
    html = (
        "<html><head><title>Pier</title></head><body><article>"
        f"{before}{_STORY}</article></body></html>"
    )
    return main_content(html, "https://example.org/pier")[1]


def test_contents_label_and_reading_time_are_dropped() -> None:
    text = _text("<p>6 min read</p><h2>Table of Contents</h2>")
    assert "dredging" in text
    assert "min read" not in text
    assert "Contents" not in text


def test_a_sentence_about_the_contents_stays() -> None:
    text = _text("<p>The contents of the report were read out at the meeting.</p>")
    assert "contents of the report" in text

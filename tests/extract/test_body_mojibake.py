"""Text encoded to UTF-8 twice is decoded back; ordinary accented text is untouched."""

from tidings.extract.body import main_content
from tidings.extract.mojibake import repair

# What "it’s" and "—" look like after UTF-8 bytes were read as Latin-1 and saved again.
_QUOTE = "\u00e2\u0080\u0099"
_DASH = "\u00e2\u0080\u0094"


def test_double_encoded_quotes_and_dashes_are_repaired() -> None:
    assert repair(f"it{_QUOTE}s late{_DASH}again") == "it\u2019s late\u2014again"


def test_the_windows_1252_form_is_repaired_too() -> None:
    assert repair("it\u00e2\u20ac\u2122s late") == "it\u2019s late"


def test_accented_text_without_any_sign_of_double_encoding_is_left_alone() -> None:
    text = "Caf\u00e9 na\u00efve S\u00e3o Paulo, \u00c3 la carte"
    assert repair(text) == text


def test_the_body_text_comes_out_repaired() -> None:
    paragraphs = "".join(
        f"<p>The ferry{_QUOTE}s new timetable starts on Monday{_DASH}the first change in "
        f"years, and passengers at stop {n} were glad of it when asked on the quay.</p>"
        for n in range(4)
    )
    html = f"<html><body><article>{paragraphs}</article></body></html>"
    clean_html, text = main_content(html, "https://example.org/ferry")
    assert "ferry\u2019s new timetable" in text
    assert "Monday\u2014the first" in text
    assert "\u00e2" not in text and "\u00e2" not in clean_html

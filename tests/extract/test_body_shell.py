"""A script-built page's shell is not an article: extraction says so instead of
returning its one line."""

import pytest

from tidings.extract import extract_html
from tidings.extract.errors import ExtractError


def test_a_page_that_only_asks_for_javascript_has_no_article() -> None:
    html = (
        "<html><head><title>Winter coats</title></head><body>"
        "<div id='root'><p>You need to enable JavaScript to run this app.</p></div>"
        "</body></html>"
    )
    with pytest.raises(ExtractError):
        extract_html(html, "https://shop.example.org/coats")


def test_a_short_but_real_notice_of_ten_words_is_kept() -> None:
    line = "The library is closed on Monday for the spring bank holiday."
    html = (
        "<html><head><title>Notice</title></head>"
        f"<body><article><p>{line}</p></article></body></html>"
    )
    assert "spring bank holiday" in extract_html(html, "https://library.example.org/n").text

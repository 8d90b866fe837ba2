"""Decoding fetched bytes: header charset, meta charset, detection, and bad bytes."""

import pytest

from tidings.extract import ExtractError, extract_html
from tidings.extract.decode import decode_html

URL = "https://lumendaily.example/tech/cafe-robots"


def _page(meta: str, word: str) -> str:
    return (
        f"<html><head>{meta}<title>Robots</title></head><body><article>"
        f"<p>The {word} on the corner now has a robot barista that remembers regular orders."
        " Staff say queues move faster, and the owner plans to keep the machine all winter.</p>"
        "<p>Customers were sceptical at first but most now prefer the robot for plain coffee,"
        " while people still make the fancy drinks by hand behind the counter.</p>"
        "</article></body></html>"
    )


def test_header_charset_wins_over_meta():
    data = _page('<meta charset="utf-8">', "café").encode("cp1252")
    text = decode_html(data, {"Content-Type": "text/html; charset=windows-1252"})
    assert "café" in text


def test_meta_charset_is_used_without_a_header():
    data = _page('<meta charset="iso-8859-1">', "café").encode("cp1252")
    assert "café" in decode_html(data)


def test_http_equiv_content_type_is_read():
    meta = '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
    assert "café" in decode_html(_page(meta, "café").encode("cp1252"))


def test_undeclared_encoding_is_detected():
    data = _page("", "crêperie café über").encode("cp1252")
    assert "crêperie café über" in decode_html(data)


def test_invalid_utf8_never_crashes_and_becomes_replacement_characters():
    good = _page('<meta charset="utf-8">', "caf\xe9").encode("utf-8")
    data = good.replace(b"caf\xc3\xa9", b"caf\xff\xfe")
    article = extract_html(data, URL, headers={"content-type": "text/html; charset=utf-8"})
    assert "caf\ufffd\ufffd on the corner" in article.text


def test_unknown_charset_label_falls_back_to_detection():
    data = _page('<meta charset="klingon-8">', "café").encode("utf-8")
    assert "café" in decode_html(data)


@pytest.mark.parametrize(
    ("data", "headers", "message"),
    [
        (b"%PDF-1.7 binary", None, "not HTML: the content is binary"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", None, "not HTML: the content is binary"),
        (b"<html></html>", {"Content-Type": "application/pdf"}, "content-type is application/pdf"),
        (b"   ", None, "not HTML: the page is empty"),
        (b"just some words without any markup", None, "not HTML: no markup"),
    ],
)
def test_non_html_input_is_rejected_with_a_reason(data, headers, message):
    with pytest.raises(ExtractError, match=message):
        extract_html(data, URL, headers=headers)


def test_page_without_article_text_raises():
    html = "<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a></nav></body>"
    with pytest.raises(ExtractError, match="no article text found"):
        extract_html(html, URL)


def test_short_article_inside_a_subscriber_box_is_still_found():
    html = (
        "<html><body><div class='subscriber-content'><p>The council approved a pilot of"
        " self-driving buses on two routes. Trials begin in March and run for a year.</p>"
        "</div></body></html>"
    )
    assert extract_html(html, URL).text.startswith("The council approved a pilot")


def test_relative_page_url_is_rejected():
    with pytest.raises(ExtractError, match="absolute page URL"):
        extract_html(_page("", "café"), "/tech/cafe-robots")
    with pytest.raises(ExtractError, match="absolute page URL"):
        extract_html(_page("", "café"), "https://")

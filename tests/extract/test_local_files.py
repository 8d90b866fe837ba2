"""Saved pages and text scrapes read from disk have no host of their own."""

from __future__ import annotations

from tidings.extract import extract_html, extract_text

BODY = "".join(
    f"<p>The Orrin Valley cooperative trained a small vision model to sort apples by bruise "
    f"depth, and its packers now check only the fruit the model is unsure about. Batch {n}.</p>"
    for n in range(6)
)


def saved_page(head: str) -> str:
    return f"<html lang='en'><head><title>Sorting apples</title>{head}</head><body><article>" \
           f"<h1>Sorting apples with a camera</h1>{BODY}</article></body></html>"


def test_a_saved_page_is_known_by_the_address_it_names_for_itself() -> None:
    head = ("<link rel='canonical' href='https://orchardtimes.example/2026/11/12/apples/?utm_source=x'>"
            "<meta property='og:site_name' content='Orchard Times'>")
    article = extract_html(saved_page(head), "file:///home/me/saved/apples.html")
    assert article.original_url == "file:///home/me/saved/apples.html"
    assert article.web_url == "https://orchardtimes.example/2026/11/12/apples/"
    assert article.provider_name == "Orchard Times"
    assert article.provider_domain == "orchardtimes.example"
    assert article.published is not None and article.published.date().isoformat() == "2026-11-12"


def test_a_saved_page_without_an_address_keeps_its_file_url_and_no_domain() -> None:
    article = extract_html(saved_page(""), "file:///home/me/saved/apples.html")
    assert article.web_url == "file:///home/me/saved/apples.html"
    assert article.provider_domain == ""
    assert "bruise depth" in article.text


def test_a_text_scrape_on_disk_has_no_provider() -> None:
    sentence = "The Orrin Valley cooperative trained a small vision model to sort apples."
    text = "Sorting apples with a camera\n\n12\n\n" + "\n\n".join([sentence] * 3)
    article = extract_text(text, "file:///home/me/scrape.txt")
    assert article.title == "Sorting apples with a camera"
    assert article.web_url == "file:///home/me/scrape.txt"
    assert (article.provider_name, article.provider_domain) == ("", "")
    assert "12" not in article.text.split()

"""Parsing a page as a browser would: a template that closes the page too early still
gives the article printed after it."""

from tidings.extract import extract_html
from tidings.extract.page import parse_html

PARAGRAPHS = [
    "The harbour board voted on Tuesday to replace the old cranes with electric ones "
    "before the end of next year, after two winters of breakdowns on the east quay.",
    "The new cranes will be built at the yard across the bay, the chair said, so the "
    "work stays in the town and the parts can be fetched by boat rather than by road.",
    "Dock workers welcomed the plan but asked for training to start this spring, since "
    "the electric cranes are driven from a cab with screens instead of levers.",
]


def _page(article: str) -> str:
    return (
        "<html><head><title>Cranes</title></head><body>"
        "<header><nav><a href='/'>Home</a> <a href='/port'>Port</a></nav></header>"
        "</body></html>\n" + article
    )


def test_an_article_after_a_stray_end_of_page_is_kept() -> None:
    article = "<div class='story'>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</div>"
    text = extract_html(_page(article), "https://harbour.example.net/cranes").text
    for paragraph in PARAGRAPHS:
        assert paragraph[:60] in text


def test_a_page_that_ends_normally_is_parsed_as_before() -> None:
    html = "<html><body><p>" + PARAGRAPHS[0] + "</p></body></html><!-- cache 3ms -->"
    tree = parse_html(html)
    assert [node.tag for node in tree.find("body")] == ["p"]
    assert tree.find("body/p").text_content() == PARAGRAPHS[0]

"""A header or nav element that wraps the article is read as a plain box."""

from tidings.extract.body import paragraph_chars, parse_html
from tidings.extract.chrome_wrappers import unwrap_chrome

_PARAGRAPHS = [
    "The valley railway will run steam trains again this summer after volunteers finished "
    "restoring the last of the three engines that had stood in the shed since the closure.",
    "Tickets go on sale next week, and the first train leaves the lower station on the "
    "first Saturday of June, stopping at every halt on the way up to the old quarry.",
    "The trust that runs the line hopes to carry twenty thousand passengers in its first "
    "season and to use the fares to repair the viaduct before the winter sets in.",
]
_PROSE = "".join(f"<p>{text}</p>" for text in _PARAGRAPHS)
_MENU = "<nav><ul><li><a href='/'>Home</a></li><li><a href='/news'>News</a></li></ul></nav>"


def test_an_article_inside_a_nav_counts_towards_the_recall_estimate() -> None:
    page = parse_html(
        f"<html><body><header><nav>{_MENU}<div class='page'>{_PROSE}</div></nav></header>"
        "</body></html>"
    )
    assert paragraph_chars(page) == 0
    assert paragraph_chars(unwrap_chrome(page)) == sum(len(text) for text in _PARAGRAPHS)


def test_a_menu_keeps_its_role() -> None:
    page = parse_html(f"<html><body><header>{_MENU}</header><main>{_PROSE}</main></body></html>")
    unwrap_chrome(page)
    assert [node.tag for node in page.iter("header", "nav")] == ["header", "nav"]


def test_a_header_holding_most_of_the_prose_becomes_a_box() -> None:
    page = parse_html(f"<html><body><header>{_MENU}{_PROSE}</header></body></html>")
    unwrap_chrome(page)
    assert [node.tag for node in page.iter("header")] == []
    assert [node.tag for node in page.iter("nav")] == ["nav"]

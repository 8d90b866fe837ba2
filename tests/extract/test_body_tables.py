"""A table is the page's layout grid only when it holds most of the page, not a box in it."""

import lxml.html

from tidings.extract.body import uses_layout_tables

_PROSE = (
    "The county library will open on Sundays from next month, after a two-year trial at the "
    "branch in the market square drew more visitors than any other day of the week."
)
_STORY = "".join(
    f"<p>{sentence} The trustees will review the hours again in the spring.</p>"
    for sentence in (
        "Staff from the central library will cover the new shifts on a rota.",
        "The reading room and the children's corner will both stay open until four.",
        "Visitors asked most often for help with online forms and job applications.",
        "The local history shelves will move to the ground floor over the summer.",
    )
)


def test_an_old_page_laid_out_in_a_table_is_a_layout_grid() -> None:
    page = lxml.html.document_fromstring(
        "<html><body><table><tr><td><a href='/'>Home</a></td>"
        f"<td><p>{_PROSE}</p>{_STORY}</td></tr></table></body></html>"
    )
    assert uses_layout_tables(page)


def test_a_call_out_box_inside_an_article_is_not_a_layout_grid() -> None:
    page = lxml.html.document_fromstring(
        f"<html><body><article>{_STORY}<table><tr><td><p>{_PROSE}</p></td></tr></table>"
        f"{_STORY}</article></body></html>"
    )
    assert not uses_layout_tables(page)


def test_a_page_without_prose_in_tables_is_not_laid_out_with_them() -> None:
    page = lxml.html.document_fromstring(
        f"<html><body><article>{_STORY}<table><tr><td>Sunday</td><td>10 to 4</td></tr>"
        "</table></article></body></html>"
    )
    assert not uses_layout_tables(page)


def test_a_table_of_picks_with_a_description_in_each_row_is_content() -> None:
    rows = "".join(
        f"<tr><td>Pick {n}</td><td><p>{_PROSE}</p></td></tr>" for n in range(1, 7)
    )
    page = lxml.html.document_fromstring(
        f"<html><body><article><table>{rows}</table></article></body></html>"
    )
    assert not uses_layout_tables(page)

"""A shop page or a forum thread shows short lines twice for layout; the body keeps them once.
An ordinary page keeps short repeats ("Step 1" can recur)."""

from __future__ import annotations

from tidings.extract import extract_html

DESCRIPTION = (
    "A hand-thrown stoneware mug with a speckled oatmeal glaze and a wide, comfortable handle."
    " Each one is shaped on the wheel, so the size and the speckles differ a little from mug"
    " to mug. It holds a generous cup of tea and keeps it warm for longer than a thin cup."
)
CARE = (
    "Safe in the dishwasher and the microwave. Avoid sudden changes of temperature, such as"
    " pouring boiling water into a mug straight from the freezer, which can crack the glaze."
)


def _page(declared: str) -> str:
    ld = f'<script type="application/ld+json">{{"@type": "{declared}"}}</script>'
    # The same short facts close both tabs of the product box.
    facts = "<ul><li>Stoneware, 350 ml</li><li>Ships in two days</li></ul>"
    return (
        f"<html><head><title>Oatmeal mug</title>{ld}</head><body><main><div class='product'>"
        f"<section><h2>Description</h2><p>{DESCRIPTION}</p>{facts}</section>"
        f"<section><h2>Care</h2><p>{CARE}</p>{facts}</section></div></main></body></html>"
    )


def test_a_product_page_keeps_a_short_repeated_line_once() -> None:
    text = extract_html(_page("Product"), "https://shop.example.org/mug").text
    assert "speckled oatmeal glaze" in text
    assert "dishwasher" in text
    assert text.count("Ships in two days") == 1


def test_a_page_that_declares_nothing_keeps_its_short_repeats() -> None:
    text = extract_html(_page("WebPage"), "https://shop.example.org/mug").text
    assert text.count("Ships in two days") == 2

"""A page that writes its article in bare <div>s is judged by them in the recall checks."""

from tidings.extract.body import paragraph_chars, parse_html

_SENTENCES = [
    "The old mill on the river reopened this spring as a bakery and a small reading room. "
    "It had stood empty for twenty years.",
    "Its owners spent two winters repairing the wheel, which now turns the grinding stones "
    "again. A carpenter made the new paddles.",
    "Flour from the mill goes into the bread sold at the counter and to three village shops. "
    "The rest is sold in paper bags.",
    "Visitors can watch the stones at work on Saturday mornings, when the miller explains the "
    "job. Children may turn the small hand quern.",
]


def _divs(texts: list[str]) -> str:
    return "".join(f"<div>{text}</div>" for text in texts)


def test_a_run_of_prose_divs_counts_as_the_page_text() -> None:
    page = parse_html(f"<html><body><div class='post'>{_divs(_SENTENCES)}</div></body></html>")
    assert paragraph_chars(page) == sum(len(text) for text in _SENTENCES)


def test_one_prose_div_per_teaser_card_does_not_count() -> None:
    cards = "".join(f"<article class='card'><div>{text}</div></article>" for text in _SENTENCES)
    assert paragraph_chars(parse_html(f"<html><body>{cards}</body></html>")) == 0


def test_divs_count_only_where_they_hold_more_prose_than_the_paragraphs() -> None:
    paragraphs = "".join(f"<p>{text} {text}</p>" for text in _SENTENCES)
    page = parse_html(
        f"<html><body><article>{paragraphs}</article>"
        f"<div class='notes'>{_divs(_SENTENCES[:3])}</div></body></html>"
    )
    assert paragraph_chars(page) == sum(len(f"{text} {text}") for text in _SENTENCES)


def test_a_select_box_of_glued_labels_is_not_prose() -> None:
    options = ["OwnerManagerDirectorAccountantClerkEngineerDesignerBuyerPlannerAnalyst" * 2] * 3
    page = parse_html(f"<html><body><div class='form'>{_divs(options)}</div></body></html>")
    assert paragraph_chars(page) == 0

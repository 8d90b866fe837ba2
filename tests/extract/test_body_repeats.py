"""A block the page shows twice (a tab set also rendered for phones) is kept once."""

from lxml import etree

from tidings.extract.body import html_to_text
from tidings.extract.repeats import drop_repeats

_SECTION = [
    "Our studio offers group classes every weekday morning and two evenings a week.",
    "Private sessions can be booked online for any day, with at least one day of notice.",
]


def _body(*texts: str) -> object:
    body = etree.Element("div")
    for text in texts:
        etree.SubElement(body, "p").text = text
    return body


def test_a_section_rendered_twice_is_kept_once() -> None:
    text = html_to_text(drop_repeats(_body(*_SECTION, "Prices", *_SECTION)))
    assert text.count("group classes") == 1
    assert text.count("Private sessions") == 1


def test_short_lines_may_repeat() -> None:
    text = html_to_text(drop_repeats(_body("Step one", _SECTION[0], "Step one", _SECTION[1])))
    assert text.count("Step one") == 2


def test_repeated_table_cells_stay() -> None:
    body = etree.fromstring(
        "<div><table><tr><td>Included in every plan offered by the studio this year</td></tr>"
        "<tr><td>Included in every plan offered by the studio this year</td></tr></table></div>"
    )
    assert html_to_text(drop_repeats(body)).count("Included in every plan") == 2


def test_on_an_article_a_question_put_to_each_guest_stays() -> None:
    question = "What first drew you to cooking for other people, and what keeps you at it?"
    answers = [
        f"Guest {n} answered at length about family dinners, markets and a first job in a "
        f"small kitchen, and about the long evenings spent learning the trade number {n}."
        for n in range(1, 4)
    ]
    body = _body(question, answers[0], question, answers[1], question, answers[2])
    assert html_to_text(drop_repeats(body, copy_only=True)).count(question) == 3


def test_on_an_article_a_whole_second_copy_goes() -> None:
    body = _body("An opening line.", *_SECTION, *_SECTION)
    assert html_to_text(drop_repeats(body, copy_only=True)).count("group classes") == 1

"""A block that repeats, in one piece, the article the body already gave is dropped."""

from lxml import etree

from tidings.extract.body import html_to_text
from tidings.extract.repeats import drop_repeats

_PARAGRAPHS = [
    "The county council approved a plan on Tuesday to plant four thousand trees along the "
    "ring road over the next three winters, paid for by a national grant.",
    "Residents asked for fruit trees near the schools, and the council agreed to plant "
    "apples and pears on the verges that children pass on their way to lessons.",
    "Volunteers will water the saplings through their first summer, and a local nursery "
    "will replace any tree that dies before it is two years old.",
]


def _body(*blocks: tuple[str, str]) -> object:
    body = etree.Element("div")
    for tag, text in blocks:
        etree.SubElement(body, tag).text = text
    return body


def test_a_raw_copy_of_the_article_after_it_is_dropped() -> None:
    copy = "# Trees for the ring road\n\n" + "\n\n".join(
        f"{text} [more](https://council.example/trees)" for text in _PARAGRAPHS
    )
    body = _body(*(("p", text) for text in _PARAGRAPHS), ("pre", copy))
    text = html_to_text(drop_repeats(body, copy_only=True))
    assert "Trees for the ring road" not in text
    assert text.count("four thousand trees") == 1


def test_a_long_closing_paragraph_on_the_same_subject_stays() -> None:
    closing = (
        "Trees along busy roads cool the pavement in summer, soak up rain that would "
        "otherwise flood the underpasses, and give birds a corridor between the parks. "
        "The council hopes that the grant, the volunteers and the nursery together will "
        "make the ring road greener within ten years, and it will report each winter on "
        "how many of the saplings took root and how many had to be replaced by the nursery."
    )
    body = _body(*(("p", text) for text in _PARAGRAPHS), ("p", closing))
    assert "cool the pavement" in html_to_text(drop_repeats(body, copy_only=True))

"""Sections printed after an article (about the author, you may also like) end the body,
but only from the body's second half: near the top the same words head a bio box."""

import lxml.html

from tidings.extract.after import cut_after_sections, is_label
from tidings.extract.body import html_to_text

STORY = [
    f"The ferry to the north islands will run twice a day from week {n} of the timetable,"
    " the operator said, after a winter of single sailings and long queues on the quay."
    for n in range(1, 7)
]


def _body(blocks: list[str]) -> lxml.html.HtmlElement:
    return lxml.html.fragment_fromstring("<div>" + "".join(blocks) + "</div>")


def test_an_about_the_author_box_after_the_story_goes() -> None:
    blocks = [f"<p>{line}</p>" for line in STORY] + [
        "<h3>About the author</h3>",
        "<p>Ines Varga covers ports and shipping and has sailed on every route she writes"
        " about, some of them twice in one storm.</p>",
    ]
    text = html_to_text(cut_after_sections(_body(blocks)))
    assert STORY[-1] in text
    assert "About the author" not in text and "Ines Varga" not in text


def test_the_same_heading_above_the_story_is_left_alone() -> None:
    blocks = ["<h3>About the author</h3>", "<p>Ines Varga covers ports.</p>"] + [
        f"<p>{line}</p>" for line in STORY
    ]
    text = html_to_text(cut_after_sections(_body(blocks)))
    assert "About the author" in text
    assert all(line in text for line in STORY)


def test_a_related_heading_is_kept_because_bodies_keep_those_sections() -> None:
    blocks = [f"<p>{line}</p>" for line in STORY] + [
        "<h3>Related</h3>", "<p>Timetables for the south islands change in May.</p>"]
    text = html_to_text(cut_after_sections(_body(blocks)))
    assert "Timetables for the south islands" in text


def test_labels_are_whole_lines_not_words_inside_a_sentence() -> None:
    assert is_label("You may also like:")
    assert is_label("ARTICLE SOURCES")
    assert not is_label("You may also like the new timetable, which starts in June.")
    assert not is_label("Follow us to the quay, said the harbour master.")

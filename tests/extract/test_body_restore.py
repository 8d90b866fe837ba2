"""Subheadings and list items dropped from inside the article are put back in place."""

import lxml.html
from lxml import etree

from tidings.extract.body import html_to_text
from tidings.extract.fill import restore_dropped

_FIRST = [
    "The town council agreed on Monday to rebuild the footbridge over the river this summer.",
    "Work starts in June, and the crossing stays closed to walkers until the end of August.",
    "Councillors said the old deck had rotted faster than the engineers had expected.",
]
_SECOND = [
    "Walkers can use the road bridge a mile downstream, where a new path has been marked out.",
    "Buses on the riverside route will stop at the bridge works on request during the closure.",
    "The council will post weekly notes on the progress of the works at the town library.",
]


def _page(heading: str, items: str = "", chrome: str = "") -> object:
    first = "".join(f"<p>{text}</p>" for text in _FIRST)
    second = "".join(f"<p>{text}</p>" for text in _SECOND)
    return lxml.html.document_fromstring(
        f"<html><body><div class='story'>{first}{items}{heading}{chrome}{second}</div>"
        "<div class='rail'><h3>Most read this week</h3><p>A rail teaser that is long enough to "
        "match back to the page.</p></div></body></html>"
    )


def _extracted() -> object:
    body = etree.Element("div")
    for text in _FIRST + _SECOND:
        etree.SubElement(body, "p").text = text
    return body


def test_a_dropped_subheading_comes_back_before_the_paragraph_it_introduces() -> None:
    page = _page("<h2>Getting across meanwhile</h2>")
    body = restore_dropped(_extracted(), page)
    tags = [node.tag for node in body]
    assert tags[3] == "h2" and body[3].text == "Getting across meanwhile"
    assert body[4].text == _SECOND[0]


def test_dropped_list_items_between_kept_paragraphs_come_back_as_a_list() -> None:
    page = _page("", items="<ul><li>Closed: June to August</li><li>Detour: one mile</li></ul>")
    text = html_to_text(restore_dropped(_extracted(), page))
    assert "- Closed: June to August\n- Detour: one mile" in text
    assert text.index("Detour") < text.index(_SECOND[0])


def test_linked_items_headings_in_page_chrome_and_text_outside_the_article_stay_out() -> None:
    page = _page(
        "<nav><h2>Sections of this site</h2></nav>",
        items="<ul><li><a href='/a'>Read our bridge archive</a></li></ul>",
    )
    text = html_to_text(restore_dropped(_extracted(), page))
    assert "Sections of this site" not in text
    assert "bridge archive" not in text
    assert "Most read" not in text


def test_a_heading_the_body_already_has_is_not_added_twice() -> None:
    page = _page("<h2>Getting across meanwhile</h2>")
    body = _extracted()
    heading = etree.Element("h2")
    heading.text = "Getting across meanwhile"
    body[3].addprevious(heading)
    assert html_to_text(restore_dropped(body, page)).count("Getting across meanwhile") == 1


def test_a_heading_that_links_to_another_site_comes_back() -> None:
    page = _page("<h2><a href='https://ferries.example/timetable'>River ferry</a></h2>")
    url = "https://towngazette.example/news/footbridge"
    text = html_to_text(restore_dropped(_extracted(), page, url=url))
    assert text.index("River ferry") < text.index(_SECOND[0])


def test_a_heading_that_links_within_the_site_is_a_teaser_and_stays_out() -> None:
    page = _page(
        "<h2><a href='https://towngazette.example/news/other'>Council tax rises</a></h2>"
        "<h2><a href='/news/bins'>New bin rounds</a></h2>"
    )
    url = "https://towngazette.example/news/footbridge"
    text = html_to_text(restore_dropped(_extracted(), page, url=url))
    assert "Council tax rises" not in text
    assert "New bin rounds" not in text

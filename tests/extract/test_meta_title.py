"""Title rules: the visible headline against og:title and <title> (original small pages)."""

from tests.extract.conftest import BODY

from tidings.extract import extract_html

URL = "https://www.harbour-gazette.example/city/ferry-timetable-change"


def _page(head: str, heading: str, *, in_article: bool = True) -> str:
    paras = "".join(f"<p>{p}</p>" for p in BODY)
    wrap = ("<article>", "</article>") if in_article else ("<div>", "</div>")
    return (
        f'<html><head><meta charset="utf-8"><title>Ferries | Harbour Gazette</title>{head}'
        f"</head><body>{wrap[0]}{heading}<div class='content'>{paras}</div>{wrap[1]}"
        "</body></html>"
    )


def _og(title: str) -> str:
    return f'<meta property="og:title" content="{title}">'


def test_headline_that_agrees_with_og_title_keeps_its_own_typography():
    html = _page(_og("Ferry timetable changes - what riders need"),
                 "<h1>Ferry timetable changes \u2013 what riders need</h1>")
    assert extract_html(html, URL).title == "Ferry timetable changes \u2013 what riders need"


def test_article_headline_beats_a_rewritten_social_title():
    html = _page(_og("Commuters face longer waits as ferries cut service"),
                 '<h1 class="entry-title">Ferry timetable to change in March</h1>')
    assert extract_html(html, URL).title == "Ferry timetable to change in March"


def test_unmarked_heading_that_disagrees_gives_way_to_og_title():
    html = _page(_og("Ferry timetable to change in March"),
                 "<h1>Subscribe to our morning briefing</h1>", in_article=False)
    assert extract_html(html, URL).title == "Ferry timetable to change in March"


def test_navigation_and_site_name_headings_are_not_titles():
    heading = "<nav><h1>Latest stories</h1></nav><h1>Harbour Gazette</h1>"
    html = _page("", heading, in_article=False)
    assert extract_html(html, URL).title == "Ferries"


def test_line_break_inside_a_heading_separates_words():
    html = _page(_og("Ferry timetable: Your guide to the new sailings"),
                 "<h1>Ferry timetable:<br>Your guide to the new sailings</h1>")
    assert extract_html(html, URL).title == "Ferry timetable: Your guide to the new sailings"


def test_site_name_is_stripped_from_the_heading_too():
    html = _page(_og("Ferry timetable to change in March"),
                 "<h1>Ferry timetable to change in March | Harbour Gazette</h1>")
    assert extract_html(html, URL).title == "Ferry timetable to change in March"

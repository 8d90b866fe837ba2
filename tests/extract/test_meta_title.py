"""Title rules: the visible headline against og:title and <title> (original small pages)."""

import pytest
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


def _titled(title_tag: str, og: str, heading: str) -> str:
    paras = "".join(f"<p>{p}</p>" for p in BODY)
    return (
        f'<html><head><meta charset="utf-8"><title>{title_tag}</title>{_og(og)}</head>'
        f"<body><article>{heading}<div class='content'>{paras}</div></article></body></html>"
    )


def test_marked_heading_unrelated_to_agreeing_metadata_is_page_furniture():
    title = "Night ferries return to the outer islands"
    html = _titled(f"{title} | Harbour Gazette", title, '<h1 class="page-title">Our Blog</h1>')
    assert extract_html(html, URL).title == title


@pytest.mark.parametrize(
    "heading",
    [
        "Blog: Night ferries return to the outer islands",
        "Mar 4 2026 Night ferries return to the outer islands",
        "Night ferries return to the outer islands Posted on March 4, 2026 by desk",
        "Night ferries return to the outer islands (harbour-news.example) 42",
    ],
)
def test_label_date_or_byline_glued_to_the_heading_is_dropped(heading):
    title = "Night ferries return to the outer islands"
    html = _titled(f"{title} | Harbour Gazette", title, f"<h1>{heading}</h1>")
    assert extract_html(html, URL).title == title


def test_a_long_kicker_before_the_metadata_title_belongs_to_the_headline():
    title = "Night ferries return to the outer islands"
    heading = f"The 2026 Harbour Transport Review: {title}"
    html = _titled(f"{title} | Harbour Gazette", title, f"<h1>{heading}</h1>")
    assert extract_html(html, URL).title == heading


def test_title_encoded_twice_is_repaired():
    mangled = "A skipper\u00e2\u0080\u0099s guide to the night ferries"
    html = _titled(mangled, mangled, f"<h1>{mangled}</h1>")
    assert extract_html(html, URL).title == "A skipper\u2019s guide to the night ferries"


def test_latin_letters_that_only_look_mangled_are_kept():
    title = "S\u00e3o Paulo ferries: \u00c3 la carte fares"
    html = _titled(title, title, f"<h1>{title}</h1>")
    assert extract_html(html, URL).title == title


def test_html_escapes_in_a_json_ld_headline_are_decoded():
    ld = ('<script type="application/ld+json">{"@type":"NewsArticle",'
          '"headline":"A skipper&#8217;s guide to night ferries &amp; buses"}</script>')
    paras = "".join(f"<p>{p}</p>" for p in BODY)
    html = (f'<html><head><meta charset="utf-8">{ld}</head>'
            f"<body><div>{paras}</div></body></html>")
    assert extract_html(html, URL).title == "A skipper\u2019s guide to night ferries & buses"


def test_a_year_before_the_metadata_title_belongs_to_the_headline():
    title = "Night ferries return to the outer islands"
    html = _titled(f"{title} | Harbour Gazette", title, f"<h1>2026 {title}</h1>")
    assert extract_html(html, URL).title == f"2026 {title}"


def test_metadata_titles_cut_short_give_way_to_the_heading():
    cut = "Night ferries return to the outer islands after a\u2026"
    heading = "Night ferries return: what the new timetable means"
    html = _page(_og(cut), f"<h1>{heading}</h1>", in_article=False).replace(
        "<title>Ferries | Harbour Gazette</title>", f"<title>{cut}</title>"
    )
    assert extract_html(html, URL).title == heading

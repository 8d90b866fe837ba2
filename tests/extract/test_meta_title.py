"""Title rules: the visible headline against og:title and <title> (original small pages)."""

import lxml.html
import pytest
from tests.extract.conftest import BODY

from tidings.extract import extract_html
from tidings.extract.metadata import heading_lines, tidy_title

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
    # Repaired to "skipper\u2019s", which is then written with a plain apostrophe.
    assert extract_html(html, URL).title == "A skipper's guide to the night ferries"


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
    assert extract_html(html, URL).title == "A skipper's guide to night ferries & buses"


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


# --- round four: choosing among candidates -----------------------------------------------------

ISLANDS = "Night ferries return to the outer islands"


def _bare(head: str, body_top: str = "", *, wrap: tuple[str, str] = ("<div>", "</div>")) -> str:
    """A page with only the given head tags and markup above the body's paragraphs."""
    paras = "".join(f"<p>{p}</p>" for p in BODY)
    return (
        f'<html><head><meta charset="utf-8">{head}</head><body>{wrap[0]}{body_top}'
        f"<div class='content'>{paras}</div>{wrap[1]}</body></html>"
    )


def test_a_title_that_starts_with_the_site_name_is_not_all_site_name():
    html = _bare(f"<title>Harbour Gazette | Harbour Gazette Weekly - {ISLANDS}</title>")
    assert extract_html(html, URL).title == ISLANDS


def test_the_site_domain_before_the_headline_is_dropped_without_a_separator():
    html = _bare(f"<title>harbour-gazette.example {ISLANDS}</title>")
    assert extract_html(html, URL).title == ISLANDS


def test_an_article_left_inside_an_unclosed_menu_keeps_its_headline():
    heading = '<h1 class="entry-title">Ferry timetable to change in March</h1>'
    html = _bare(
        _og("Commuters face longer waits as ferries cut service"),
        f"<article>{heading}",
        wrap=("<nav><a href='/'>Home</a>", "</article></nav>"),
    )
    assert extract_html(html, URL).title == "Ferry timetable to change in March"


def test_a_paragraph_in_a_title_classed_heading_gives_way_to_agreeing_metadata():
    standfirst = (
        "Find out which sailings change when the winter timetable starts, how the night"
        " ferries to the outer islands will run, what happens to season tickets and monthly"
        " passes, and where to ask if your usual crossing is no longer on the list."
    )
    html = _titled(f"{ISLANDS} | Harbour Gazette", ISLANDS,
                   f'<h1 class="page-title">{standfirst}</h1>')
    assert extract_html(html, URL).title == ISLANDS


def test_a_heading_that_is_one_word_of_the_metadata_title_does_not_agree_with_it():
    title = "How the night ferries, the island buses and the harbour trams run over the holidays"
    html = _bare(f"<title>{title}</title>{_og(title)}", "<h1>Trams</h1>")
    assert extract_html(html, URL).title == title


def test_a_short_heading_that_starts_the_metadata_title_still_agrees_with_it():
    # Documentation pages: the page's name in <h1>, the manual's name after it in <title>.
    html = _bare("<title>Timetables \u2014 Ferry Operator Handbook (2026 edition)</title>",
                 "<h1>Timetables</h1>")
    assert extract_html(html, URL).title == "Timetables"


def test_a_heading_with_characters_lost_to_a_bad_encoding_gives_way_to_the_metadata():
    title = "Ferry timetable: A skipper's guide to the new sailings"
    html = _titled(title, title, "<h1>Ferry timetable? A skipper? guide to the new sailings</h1>")
    assert extract_html(html, URL).title == title


def test_a_question_mark_that_ends_the_heading_is_not_a_lost_character():
    title = "Will the night ferries run on time this winter?"
    html = _titled(title, title.rstrip("?"), f"<h1>{title}</h1>")
    assert extract_html(html, URL).title == title


# --- round four: the title as Tidings writes it -------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (f"{ISLANDS} - Infographic", ISLANDS),
        (f"{ISLANDS} \u2014 Top Winter Picks", ISLANDS),
        # Subtitles that belong to the headline stay.
        ("Night ferries - A skipper's guide", "Night ferries - A skipper's guide"),
        (f"{ISLANDS} - tips and tricks", f"{ISLANDS} - tips and tricks"),
        (f"{ISLANDS} - Timetables, Fares and Season Tickets",
         f"{ISLANDS} - Timetables, Fares and Season Tickets"),
        ("Ferry news - Extra", "Ferry news - Extra"),  # a head of two words cannot stand alone
        # A number marks one of a series, a question word opens a subtitle: both stay.
        (f"{ISLANDS} - Part 2", f"{ISLANDS} - Part 2"),
        (f"{ISLANDS} - What to Expect", f"{ISLANDS} - What to Expect"),
    ],
)
def test_a_short_label_after_a_dash_is_dropped(raw, expected):
    assert tidy_title(raw) == expected


_LATE_ZH = "\u6e21\u8f6e\u665a\u70b9\u4e86\u5417\uff1f"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("A skipper\u2019s \u2018quiet\u2019 guide", "A skipper's 'quiet' guide"),
        ("Is the ferry late\uff1f", "Is the ferry late?"),
        # Full-width marks are the norm in Chinese text: "Is the ferry late?" stays as written.
        (_LATE_ZH, _LATE_ZH),
        ("The \u201cquiet\u201d ferry \u2013 and its crew\u2019", "The \u201cquiet\u201d ferry"
         " \u2013 and its crew\u2019"),
    ],
)
def test_apostrophes_single_quotes_and_full_width_marks_are_written_plainly(raw, expected):
    assert tidy_title(raw) == expected


def test_the_record_gets_the_tidy_title_while_the_body_drops_the_printed_heading():
    heading = f"{ISLANDS} \u2013 Infographic"
    html = _titled(f"{heading} | Harbour Gazette", heading, f"<h1>{heading}</h1>")
    article = extract_html(html, URL)
    assert article.title == ISLANDS
    assert "Infographic" not in article.text


# --- round five: choosing among candidates -----------------------------------------------------


def test_a_marked_headline_beats_a_later_teaser_heading_that_echoes_the_metadata():
    # Magazine pages print related stories as <h1> cards below the article; one of them can
    # share more words with the social title than the headline itself does.
    headline = "The best cycle paths along the harbour front"
    html = _bare(
        "<title>Where to cycle in the harbour district | Harbour Gazette</title>"
        + _og("Where to cycle in the harbour district"),
        f'<header><h1 class="story-headline">{headline}</h1></header>',
        wrap=("<div>", "<div class='related'><h1>Where to swim in the harbour district</h1>"
              "</div></div>"),
    )
    assert extract_html(html, URL).title == headline


def test_a_sentence_in_the_social_title_gives_way_to_the_json_ld_headline():
    ld = ('<script type="application/ld+json">{"@type":"Article",'
          '"headline":"5 Ways the Night Ferries Will Change"}</script>')
    prose = "Here is how the night ferries will change this winter."
    html = _bare(f"<title>{prose}</title>{_og(prose)}{ld}")
    assert extract_html(html, URL).title == "5 Ways the Night Ferries Will Change"


def test_a_heading_that_repeats_a_descriptive_sentence_gives_way_to_the_page_title():
    prose = "Make the most of your crossing with these ten ferry tips ."
    html = _bare(f"<title>The Best Ferry Tips for Winter | Harbour Gazette</title>{_og(prose)}",
                 f'<h1 class="post-title">{prose}</h1>')
    assert extract_html(html, URL).title == "The Best Ferry Tips for Winter"


def test_a_headline_that_ends_with_a_capitalised_word_and_a_full_stop_is_kept():
    title = "Night Ferries Return. Fares Stay the Same."
    html = _titled(f"{title} | Harbour Gazette", title, f"<h1>{title}</h1>")
    assert extract_html(html, URL).title == title


SOCIAL = "Harbour Ferry Passes Compared"


def test_a_marked_heading_of_headline_length_is_kept_against_a_rewritten_social_title():
    # Agreeing metadata overrule a short marked heading ("Our Blog", above), not a headline.
    headline = "Pick a season ticket that suits the way you travel"
    html = _titled(f"{SOCIAL} | Harbour Gazette", SOCIAL,
                   f'<h1 class="entry-title">{headline}</h1><time>4 March 2026</time>')
    assert extract_html(html, URL).title == headline


@pytest.mark.parametrize(
    "heading",
    [
        # No date anywhere: a product or service page, whose big heading is a slogan.
        '<h1 class="hero-title">Travel the harbour your way, every day of the year</h1>',
        # A full stop after a lower-case word: a slogan, even on a dated page.
        '<h1 class="hero-title">We carry the whole harbour to work and back again.</h1>'
        "<time>4 March 2026</time>",
    ],
)
def test_a_long_slogan_in_a_marked_heading_gives_way_to_agreeing_metadata(heading):
    html = _titled(f"{SOCIAL} | Harbour Gazette", SOCIAL, heading)
    assert extract_html(html, URL).title == SOCIAL


def test_heading_lines_split_where_a_block_or_a_line_break_starts():
    node = lxml.html.fragment_fromstring(
        '<h1><div class="kicker">Ride along</div>Night <em>ferry</em> to the islands'
        '<span class="md:block">a guide for late travellers</span><br>with maps</h1>'
    )
    assert heading_lines(node) == [
        "Ride along", "Night ferry to the islands", "a guide for late travellers", "with maps",
    ]


def test_a_kicker_inside_the_heading_gives_way_to_the_line_the_metadata_names():
    title = "Night ferries return to the outer islands"
    heading = f'<h1><div class="eyebrow">Get on board</div><span>{title}</span></h1>'
    html = _titled(f"{title} | Harbour Gazette", title, heading)
    assert extract_html(html, URL).title == title


def test_heading_lines_stay_together_when_no_metadata_title_names_one_of_them():
    heading = ('<h1 class="entry-title"><div class="eyebrow">Timetables</div>'
               "<span>Night ferries return to the outer islands</span></h1>")
    html = _titled("Ferries | Harbour Gazette", "Winter sailings, explained", heading)
    assert extract_html(html, URL).title == "Timetables Night ferries return to the outer islands"


def test_an_icon_title_inside_the_heading_is_not_read():
    title = "Night ferries return to the outer islands"
    heading = f"<h1><svg><title>Ferry icon</title><path d='M0 0'/></svg>{title}</h1>"
    html = _titled("Ferries | Harbour Gazette", "Winter sailings, explained", heading)
    assert extract_html(html, URL).title == title

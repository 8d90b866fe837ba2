"""Author rules: bylines glued to dates and roles, publishers posing as authors, name lists."""

import pytest
from tests.extract.conftest import BODY

from tidings.extract import extract_html
from tidings.extract.header import byline_author
from tidings.extract.metadata import clean_author

URL = "https://www.harbour-gazette.example/city/ferry-timetable-change"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Tomasz ReidPublished on March 4, 2026", "Tomasz Reid"),
        ("ByWren Okafor-March 4, 2026", "Wren Okafor"),
        ("Dr. Ilse Varga - Mar 4, 2026", "Dr. Ilse Varga"),
        ("Priya Nandakumar8 min read", "Priya Nandakumar"),
        ("Posted by:Caleb Ortiz", "Caleb Ortiz"),
        ("Text by Mirela Sousa", "Mirela Sousa"),
        ("Author Jonah Pike", "Jonah Pike"),
        ('"Hana Ferreira"', "Hana Ferreira"),
        ("Ada &amp; Lin", "Ada & Lin"),
        ("Odile Brandt \u22c5 Review Editor \u22c5 Updated March 4, 2026", "Odile Brandt"),
        ("Rosa Linde Senior Writer", "Rosa Linde"),
        ("Nils Aberg Content Marketing Coordinator", "Nils Aberg"),
        ("Jane Q. Writer", "Jane Q. Writer"),  # a surname, not a role
        ("Community Editor", "Community Editor"),  # a one-word name keeps its role
        ("Byron Hale", "Byron Hale"),
        ("Posted by Ola Berg at December 16, 2025 11:15 AM", "Ola Berg"),
        ("View all posts by Ines Moreau", "Ines Moreau"),
        ("Mira Sand, MD*", "Mira Sand, MD"),
        ("By Keith Rowe Senior Transport Reporter", "Keith Rowe"),
        ("Tove Lind: Since 2009 Tove has covered the harbour", "Tove Lind"),
        ("Ines Moreau in", "Ines Moreau"),  # "... in <category link>"
        ("Sign In", None),
        ("Dec.", None),
        ("page.head.extra.author", None),
    ],
)
def test_clean_author(raw, expected):
    assert clean_author(raw) == expected


def _page(head: str, byline: str) -> str:
    paras = "".join(f"<p>{p}</p>" for p in BODY)
    return (
        f'<html><head><meta charset="utf-8">{head}</head><body><article><h1>Ferry timetable'
        f" to change</h1>{byline}<div class='content'>{paras}</div></article></body></html>"
    )


def test_publisher_named_as_author_gives_way_to_the_visible_byline():
    head = (
        '<meta property="og:site_name" content="Harbour Gazette">'
        '<script type="application/ld+json">{"@type":"NewsArticle",'
        '"author":{"@type":"Person","name":"Harbour Gazette"}}</script>'
    )
    html = _page(head, '<div class="byline">By <a href="/authors/ines">Ines Moreau</a></div>')
    assert extract_html(html, URL).author == "Ines Moreau"


def test_publisher_as_author_is_kept_when_nobody_else_is_named():
    head = (
        '<meta property="og:site_name" content="Harbour Gazette">'
        '<script type="application/ld+json">{"@type":"NewsArticle",'
        '"author":{"@type":"Person","name":"Harbour Gazette"}}</script>'
    )
    assert extract_html(_page(head, ""), URL).author == "Harbour Gazette"


def test_byline_links_give_the_names_without_the_date_around_them():
    byline = (
        '<div class="post-author">Written by <a href="/author/ines">Ines Moreau</a>,'
        ' <a href="/author/ravi">Ravi Menon</a> and <a href="/author/ola">Ola Berg</a>'
        " \u00b7 4 March 2026</div>"
    )
    assert extract_html(_page("", byline), URL).author == "Ines Moreau, Ravi Menon, and Ola Berg"


def test_json_ld_author_given_by_reference_is_resolved():
    head = (
        '<script type="application/ld+json">{"@graph":['
        '{"@type":"WebPage","@id":"/#page","author":{"@id":"/#/person/1"}},'
        '{"@type":"Person","@id":"/#/person/1","name":"Ines Moreau"}]}</script>'
    )
    assert extract_html(_page(head, ""), URL).author == "Ines Moreau"


def test_written_by_label_meta_pair():
    head = (
        '<meta name="twitter:label1" content="Written by">'
        '<meta name="twitter:data1" content="Ravi Menon">'
    )
    assert extract_html(_page(head, ""), URL).author == "Ravi Menon"


def test_name_after_a_bare_written_by_label():
    byline = "<div><div>Written by</div><div>Ola Berg</div></div>"
    assert extract_html(_page("", byline), URL).author == "Ola Berg"


def test_page_wide_sidebar_class_does_not_hide_the_byline():
    html = _page("", '<span class="author"><a href="/author/ines">Ines Moreau</a></span>').replace(
        "<body>", '<body class="has-sidebar"><div class="sidebar_content">'
    )
    assert extract_html(html, URL).author == "Ines Moreau"


def test_citation_authors_are_all_listed_given_name_first():
    head = (
        '<meta name="citation_author" content="Hossain, Md Najmul">'
        '<meta name="citation_author" content="Jaeeun Lee">'
    )
    assert extract_html(_page(head, ""), URL).author == "Md Najmul Hossain and Jaeeun Lee"


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ('<p class="byline">CM Craig McCarthy</p>', "Craig McCarthy"),
        ('<p class="byline">Ines Moreau, Harbour Gazette</p>', "Ines Moreau"),
        ('<p class="byline">BeauHD on Friday</p>', "BeauHD"),
    ],
)
def test_avatar_initials_publication_and_weekday_are_trimmed(byline, expected):
    head = '<meta property="og:site_name" content="Harbour Gazette">'
    assert extract_html(_page(head, byline), URL).author == expected


def _bare_page(byline: str, url_title: str = "Ferry timetable to change") -> str:
    """A page without <article> or <main>, as older and hand-made templates write them."""
    paras = "".join(f"<p>{p}</p>" for p in BODY)
    return (
        f'<html><head><meta charset="utf-8"><title>{url_title}</title></head><body>'
        f"<div class='wrap'><h1>Ferry timetable to change</h1><div class='text'>{paras}</div>"
        f"{byline}</div></body></html>"
    )


def test_by_line_below_the_body_of_a_page_without_article_markup():
    html = _bare_page("<div class='bio'><p>Written by Tove Lind</p><p>Tove covers ports.</p></div>")
    assert extract_html(html, URL).author == "Tove Lind"


def test_by_line_in_navigation_is_not_the_author():
    html = _bare_page("<nav><ul><li>By Topic</li></ul></nav>")
    assert extract_html(html, URL).author is None


def test_byline_in_the_article_own_aside_counts():
    byline = '<aside class="post-author">Katia Lund</aside>'
    assert extract_html(_page("", byline), URL).author == "Katia Lund"


def test_author_box_gives_its_name_line_not_the_bio():
    byline = (
        '<div class="post_author-box"><a>More About Me</a><div>Lena Holm</div>'
        "<p>Lena Holm has written about ferries and ports for twenty years.</p></div>"
    )
    assert extract_html(_page("", byline), URL).author == "Lena Holm"


def test_css_module_class_names_are_matched_whatever_their_case():
    byline = '<div class="styles__AuthorName-sc-1x">Ines Moreau</div>'
    assert extract_html(_page("", byline), URL).author == "Ines Moreau"


def test_link_card_credits_another_site_not_the_author():
    byline = (
        '<figure class="kg-bookmark-card"><span class="kg-bookmark-author">Port Weekly</span>'
        '</figure><div class="gh-author-name-list"><a href="/author/ravi/">Ravi Menon</a></div>'
    )
    assert extract_html(_page("", byline), URL).author == "Ravi Menon"


def test_sidebar_author_card_is_a_last_resort():
    html = _page("", "").replace(
        "</article>",
        '</article><div class="sidebar"><div class="author-card"><p>Matt Rowe</p></div></div>',
    )
    assert extract_html(html, URL).author == "Matt Rowe"
    named = _page("", '<p class="byline">Ines Moreau</p>').replace(
        "</article>",
        '</article><div class="sidebar"><div class="author-card"><p>Matt Rowe</p></div></div>',
    )
    assert extract_html(named, URL).author == "Ines Moreau"


def test_personal_site_is_written_by_the_person_it_is_named_after():
    html = _bare_page("", url_title="Ferry timetable to change (Lina Berg)")
    assert extract_html(html, "https://linaberg.example/2026/ferries").author == "Lina Berg"
    assert extract_html(html, "https://harbour.example/2026/ferries").author is None


def test_a_site_name_that_matches_the_domain_is_not_taken_for_a_person():
    html = _bare_page("", url_title="Ferry timetable to change | Harbour Gazette")
    assert extract_html(html, "https://harbourgazette.example/2026/ferries").author is None


def test_personal_site_owner_from_the_copyright_line():
    html = _bare_page("<footer>\u00a9 2026 Lina Berg. All rights reserved.</footer>")
    assert extract_html(html, "https://linaberg.example/2026/ferries").author == "Lina Berg"


def test_name_and_role_blocks_that_run_together_give_the_name_line():
    byline = (
        '<div class="displayedAuthors"><a href="/author/ines-moreau">'
        "<p>Ines Moreau</p><p>Transport Editor</p></a></div>"
    )
    assert extract_html(_page("", byline), URL).author == "Ines Moreau"


def test_header_byline_stops_before_a_view_link():
    assert byline_author(["By A. J. Reyes View In Digital Edition"]) == "A. J. Reyes"


def test_all_articles_by_link_names_the_author_when_nothing_else_does():
    html = _bare_page('<div><button><span>All articles by Tove Lind</span></button></div>')
    assert extract_html(html, URL).author == "Tove Lind"

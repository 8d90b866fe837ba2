"""Date rules: text date formats, the byline under the headline, and which evidence wins."""

from datetime import UTC, date, datetime, timedelta, timezone

import lxml.html
import pytest

from tidings.extract import dates, extract_html, header

URL = "https://www.harbour-gazette.example/city/ferry-timetable-change"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Thu, 09/25/2025 - 11:38", (datetime(2025, 9, 25, 11, 38), True)),  # month first
        ("13/11/2025 09:21:40", (datetime(2025, 11, 13, 9, 21), True)),  # day first
        ("03/04/2025", None),  # either order is possible: no guess
    ],
)
def test_slash_dates_only_when_the_order_is_certain(raw, expected):
    assert dates.parse_datetime(raw) == expected


def test_published_meta_name_is_read(page):
    html = page('<meta name="published" content="March 4, 2026">')
    article = extract_html(html, URL)
    assert (article.published, article.date_source) == (datetime(2026, 3, 4, tzinfo=UTC), "meta")


def test_labelled_date_in_visible_text_is_a_last_resort():
    assert dates.labelled_date("Home Guides Updated March 4, 2026 by staff") == dates.Candidate(
        datetime(2026, 3, 4), False, "text"
    )
    assert dates.labelled_date("Founded in 1999. March 4, 2026") is None


def test_published_keeps_the_offset_the_page_wrote(page):
    # 23:30 in New York is already the next day in UTC; the publisher's day is kept.
    html = page('<meta property="article:published_time" content="2026-03-04T23:30:00-05:00">')
    published = extract_html(html, URL).published
    assert published.date() == datetime(2026, 3, 4).date()
    assert published.utcoffset() == timedelta(hours=-5)
    assert published == datetime(2026, 3, 5, 4, 30, tzinfo=UTC)  # the same instant


def test_byline_date_beats_an_earlier_metadata_date_the_page_also_names(page):
    head = (
        '<script type="application/ld+json">{"@type":"NewsArticle",'
        '"datePublished":"2024-04-05T09:00:00+00:00"}</script>'
    )
    byline = (
        '<p>By Ines Moreau · <time datetime="2026-03-04T10:15:00+01:00">March 4, 2026</time></p>'
    )
    article = extract_html(page(head, byline), URL)
    assert article.published == datetime(2026, 3, 4, 10, 15, tzinfo=timezone(timedelta(hours=1)))


def test_updated_byline_date_does_not_beat_metadata(page):
    head = '<meta property="article:published_time" content="2024-04-05T09:00:00+00:00">'
    byline = '<p>By Ines Moreau · Updated March 4, 2026</p>'
    assert extract_html(page(head, byline), URL).published.date() == datetime(2024, 4, 5).date()


def test_published_is_preferred_to_updated_in_the_byline():
    lines = ["Updated Aug 21, 2025 · Published Apr 26, 2023", "Published Apr 26, 2023"]
    shown, revised = header.byline_date(lines)
    assert (shown.local_date, revised) == (datetime(2023, 4, 26).date(), False)
    shown, revised = header.byline_date(["Last updated: Jul 22, 2021"])
    assert (shown.local_date, revised) == (datetime(2021, 7, 22).date(), True)


def test_a_year_glued_to_the_next_word_still_reads():
    assert dates.find_text_date("DECEMBER 22, 2022Updated: JANUARY 02, 2026") == datetime(
        2022, 12, 22
    )


# --- dates written in running text ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("By Odile Marsh Dec 17, 20256 min read", datetime(2025, 12, 17)),  # year glued to minutes
        ("Posted 17.05.2021 in Gardening", datetime(2021, 5, 17)),  # dotted: day first
        ("Filed 2/24/2026 by the desk", datetime(2026, 2, 24)),  # slash, month certain
        ("Filed 24/2/2026 by the desk", datetime(2026, 2, 24)),  # slash, day certain
    ],
)
def test_more_ways_of_writing_a_day_are_read(text, expected):
    assert dates.find_text_date(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("By Pell Anders on 04-ago-2021 5:11:10", datetime(2021, 8, 4)),  # Spanish, hyphens
        ("Filed 14-Mar-2022 by the desk", datetime(2022, 3, 14)),
        ("Publicado el 3 de noviembre de 2025", datetime(2025, 11, 3)),
        ("Mis en ligne le 12 août 2023", datetime(2023, 8, 12)),
        ("Stand: 3. März 2024", datetime(2024, 3, 3)),
        ("Stand: 3. November 2026", datetime(2026, 11, 3)),
    ],
)
def test_days_written_with_other_languages_month_names_are_read(text, expected):
    assert dates.find_text_date(text) == expected


@pytest.mark.parametrize("text", ["we set 4 2021 goals", "sold out 4, 2021", "2 days ago 4, 2021"])
def test_short_foreign_month_names_do_not_turn_english_words_into_dates(text):
    assert dates.find_text_dates(text) == []


def test_a_year_is_not_taken_from_a_longer_number():
    assert dates.find_text_date("Order no. Dec 17, 202561") is None


def test_an_ambiguous_slash_date_follows_the_pages_own_convention():
    assert dates.find_text_dates("03/01/2017") == []
    # Another date on the page has a part over 12: the page writes the month first.
    lines = ["Board news 12/17/2025", "03/01/2017 by Ada Quist"]
    assert dates.slash_convention(lines, None) is True
    assert dates.find_text_dates(lines[1], True)[0][1] == datetime(2017, 3, 1)
    assert dates.find_text_dates(lines[1], False)[0][1] == datetime(2017, 1, 3)


@pytest.mark.parametrize(
    ("language", "month_first"),
    # A bare "en" is taken as US English; no language at all leaves the order open.
    [("en-US", True), ("en_GB", False), ("fr", False), ("en", True), (None, None)],
)
def test_without_evidence_the_declared_locale_decides_the_slash_order(language, month_first):
    assert dates.slash_convention(["3/4/2025"], language) is month_first


def test_a_month_spelled_out_in_the_url_path_is_a_url_date():
    assert dates.url_date("https://paper.example/books/2025/dec/05/review") == date(2025, 12, 5)
    assert dates.url_date("https://wine.example/blog/2023/october/03/styles/") == date(2023, 10, 3)


# --- the line under the headline ----------------------------------------------------------------

_STORY = (
    "<p>Harbour pilots voted on Tuesday to accept the new rota after three weeks of talks with"
    " the port authority, ending a dispute that delayed two cruise calls.</p>"
    "<p>The agreement adds a fourth pilot to night shifts and pays a flat allowance for standby"
    " hours, which the union had asked for since the spring.</p>"
    "<p>Ships waiting at the outer anchorage should be brought in by the weekend, the harbour"
    " master said.</p>"
)


def _masthead_page(head: str = "", under_headline: str = "") -> str:
    return (
        f"<html><head><title>Pilots accept rota</title>{head}</head><body>"
        "<div class='masthead'><span>Friday, March 13, 2026</span> Harbour Gazette</div>"
        f"<article><h1>Pilots accept new night rota</h1>{under_headline}{_STORY}</article>"
        "</body></html>"
    )


def test_the_date_under_the_headline_beats_the_mastheads_date_of_today():
    html = _masthead_page(under_headline="<div>By Lin Ferro · 10.03.2026</div>")
    article = extract_html(html, URL)
    assert (article.published.date(), article.date_source) == (date(2026, 3, 10), "byline")


def test_an_updated_date_under_the_headline_gives_way_to_a_published_one():
    tree = lxml.html.fromstring(
        "<div><h1>Pilots accept rota</h1><p>Updated March 12, 2026 · Published March 10, 2026</p>"
    )
    shown, revised = dates.headline_date(tree)
    assert (shown.local_date, revised) == (date(2026, 3, 10), False)
    shown, revised = dates.headline_date(lxml.html.fromstring(
        "<div><h1>Pilots accept rota</h1><p>Updated March 12, 2026</p></div>"
    ))
    assert (shown.local_date, revised) == (date(2026, 3, 12), True)


def test_metadata_typed_as_words_gives_way_to_the_byline_day():
    # A template that fills datePublished with a display string ("Jun 12, 2025") fills it from
    # a CMS field that is not the story's date; the byline under the headline is.
    head = (
        '<script type="application/ld+json">{"@type":"BlogPosting",'
        '"datePublished":"Jun 12, 2025","dateModified":"Jun 10, 2025"}</script>'
    )
    html = _masthead_page(head, "<p class='meta'>Nov 2, 2022 · 4 min read</p>")
    assert extract_html(html, URL).published.date() == date(2022, 11, 2)
    # An ISO date in the same place keeps its rank over a byline that disagrees.
    iso = head.replace("Jun 12, 2025", "2025-06-12").replace("Jun 10, 2025", "2025-06-10")
    html = _masthead_page(iso, "<p class='meta'>Nov 2, 2022 · 4 min read</p>")
    assert extract_html(html, URL).published.date() == date(2025, 6, 12)


def test_a_time_inside_the_headlines_article_beats_a_news_box_above_it():
    html = (
        "<html><head><title>Pilots</title></head><body><header><ul>"
        '<li>Ferry fares <time datetime="2026-03-12T09:00:00Z">12 Mar</time></li>'
        '<li>New quay <time datetime="2026-03-11T09:00:00Z">11 Mar</time></li></ul></header>'
        '<article><h1>Pilots accept new night rota</h1>'
        '<div class="meta"><time datetime="2017-03-01T12:00:00Z">one of our archive pieces</time>'
        f"</div>{_STORY}</article></body></html>"
    )
    assert extract_html(html, URL).published == datetime(2017, 3, 1, 12, tzinfo=UTC)


def test_a_printed_publication_time_outranks_metadata_that_disagrees():
    head = (
        '<script type="application/ld+json">{"@type":"Article",'
        '"datePublished":"2025-11-29T12:28:31-05:00"}</script>'
    )

    def story(footer: str) -> str:
        # The printed date sits below the story, out of reach of the byline rules.
        return (f"<html><head><title>Pilots</title>{head}</head><body><article>"
                f"<h1>Pilots accept new night rota</h1>{_STORY}{footer}</article></body></html>")

    shown = '<p>Published <time pubdate datetime="2025-08-13">August 13, 2025</time></p>'
    assert extract_html(story(shown), URL).published.date() == date(2025, 8, 13)
    # A marked <time> that prints no date ("Read more") is not something a reader can check.
    hidden = '<p><time pubdate datetime="2025-08-13">Read more</time></p>'
    assert extract_html(story(hidden), URL).published.date() == date(2025, 11, 29)


def test_a_loose_time_element_confirms_the_byline_day_against_metadata():
    # The <time> sits in a title bar outside <article> and <header>: not trusted to lead,
    # but it backs the day printed under the headline, and lends it its time of day.
    html = (
        '<html><head><title>Eating well</title><meta name="dc.date" content="2024-07-05">'
        "</head><body><h1>Eating well on a budget</h1>"
        '<section class="title-bar"><time datetime="2024-03-01T05:00:00-05:00">March 1, 2024'
        f"</time></section><div>{_STORY}</div></body></html>"
    )
    published = extract_html(html, URL).published
    assert published == datetime(2024, 3, 1, 5, tzinfo=timezone(timedelta(hours=-5)))
    without_time = html.replace('<time datetime="2024-03-01T05:00:00-05:00">', "<span>")
    assert extract_html(without_time, URL).published.date() == date(2024, 7, 5)


def test_the_headline_is_the_storys_h1_not_the_sites_logo():
    html = (
        "<html><head><title>Pilots</title></head><body>"
        "<header><h1>Harbour Gazette</h1><p>Friday, March 13, 2026</p></header>"
        "<article><h1>Pilots accept new night rota</h1><p>By Lin Ferro · March 10, 2026</p>"
        f"{_STORY}</article></body></html>"
    )
    shown, _ = dates.headline_date(lxml.html.fromstring(html))
    assert shown.local_date == date(2026, 3, 10)


def test_an_updated_date_under_the_headline_still_dates_a_page_with_nothing_else():
    html = _masthead_page(under_headline="<p>Updated March 12, 2026</p>")
    html = html.replace("<span>Friday, March 13, 2026</span>", "")
    article = extract_html(html, URL)
    assert (article.published.date(), article.date_source) == (date(2026, 3, 12), "byline")


def test_a_utc_time_element_that_prints_the_day_before_gives_the_printed_day(page):
    # The template writes the machine value in UTC and prints the publisher's own day.
    marked = '<span itemprop="datePublished"><time datetime="2026-02-24T04:13:00Z">{}</time></span>'
    article = extract_html(page("", marked.format("February 23, 2026")), URL)
    assert (article.published.date(), article.date_source) == (date(2026, 2, 23), "time")
    # When the printed day is the UTC day, the machine value and its time of day stand.
    article = extract_html(page("", marked.format("February 24, 2026")), URL)
    assert article.published == datetime(2026, 2, 24, 4, 13, tzinfo=UTC)


def test_a_published_stamp_equal_to_the_modified_one_gives_way_to_an_earlier_byline():
    # A CMS that re-stamps "published" on every save: both fields hold the last save, and
    # the byline keeps the day the story first ran.
    def head(modified: str) -> str:
        return (
            '<script type="application/ld+json">{"@type":"BlogPosting",'
            f'"datePublished":"2025-11-20T16:02:46Z","dateModified":"{modified}"}}</script>'
        )

    byline = "<p class='meta'>Lin Ferro · May 14, 2025</p>"
    restamped = _masthead_page(head("2025-11-20T16:02:46Z"), byline)
    assert extract_html(restamped, URL).published.date() == date(2025, 5, 14)
    # A later, separate edit leaves datePublished trusted over a byline that disagrees.
    edited = _masthead_page(head("2025-12-02T09:00:00Z"), byline)
    assert extract_html(edited, URL).published.date() == date(2025, 11, 20)


def test_a_byline_a_time_zone_away_from_a_restamped_date_does_not_overrule_it():
    # 00:57 UTC is still the evening before in the Americas: the printed day can be that one.
    head = (
        '<meta property="article:published_time" content="2026-02-23T00:57:30+00:00">'
        '<meta property="article:modified_time" content="2026-02-23T00:57:32+00:00">'
    )
    html = _masthead_page(head, "<p class='meta'>Lin Ferro · February 22, 2026</p>")
    assert extract_html(html, URL).published.date() == date(2026, 2, 23)


def test_an_originally_published_note_dates_a_refreshed_story():
    note = "<p>This story was originally published on 26 Sep 2019 and has been refreshed.</p>"
    html = _masthead_page(under_headline="<p class='meta'>By Lin Ferro · 30 Sep 2022</p>")
    html = html.replace("</article>", f"{note}</article>")
    article = extract_html(html, URL)
    assert (article.published.date(), article.date_source) == (date(2019, 9, 26), "text")
    # A note naming a later day than the story's own date changes nothing.
    later = html.replace("26 Sep 2019", "26 Sep 2023")
    assert extract_html(later, URL).published.date() == date(2022, 9, 30)


def test_an_issue_month_under_the_headline_dates_a_page_with_nothing_else():
    html = _masthead_page(under_headline="<p>November 2015</p>").replace(
        "<span>Friday, March 13, 2026</span>", ""
    )
    assert extract_html(html, URL).published.date() == date(2015, 11, 1)
    # A month named inside a sentence is not an issue date.
    prose = html.replace("<p>November 2015</p>", "<p>Talks began in November 2015.</p>")
    assert extract_html(prose, URL).published is None


def test_a_date_in_the_body_of_a_sentence_is_not_the_byline_date():
    # A deadline the story mentions near its top is not the day the story ran.
    deadline = "Most households must send their forms in by April 15, 2026 to avoid a late fee."
    assert header.byline_date([deadline]) == (None, False)
    shown, revised = header.byline_date([deadline, "By Lin Ferro · March 2, 2026"])
    assert (shown.local_date, revised) == (date(2026, 3, 2), False)


def test_a_date_element_of_the_story_dates_a_page_without_metadata():
    # Long standfirst: the dated line is far below the headline. Only the modified stamp is
    # in the metadata, and the date element labels its second day as the update.
    standfirst = "<p class='standfirst'>" + " ".join(["Pilots and the port agree."] * 25) + "</p>"
    dated = "<p class='entry-date'>March 10, 2026. <i>Updated: March 12, 2026</i></p>"
    head = '<meta property="article:modified_time" content="2026-03-12T08:00:00+00:00">'
    masthead = "<span>Friday, March 13, 2026</span>"
    html = _masthead_page(head, standfirst + dated).replace(masthead, "")
    assert dates.classed_date(lxml.html.fromstring(html)) == dates.Candidate(
        datetime(2026, 3, 10), False, "byline"
    )
    assert extract_html(html, URL).published.date() == date(2026, 3, 10)
    # The same element in a carousel of other stories, outside the story's <article>,
    # does not date it.
    carousel = html.replace(dated, "").replace(
        "</article>", f"</article><div class='more'><div class='card-date'>{dated}</div></div>"
    )
    assert dates.classed_date(lxml.html.fromstring(carousel)) is None


def test_a_labelled_publication_month_beats_a_guess_that_is_only_the_modified_stamp():
    # A report archive: the last edit is in the metadata, the issue month in a side panel.
    head = '<meta property="article:modified_time" content="2025-09-17T17:00:45+00:00">'
    panel = "<div class='facts'><h6>Publication date</h6><p>November 2003</p></div>"
    html = _masthead_page(head).replace("<span>Friday, March 13, 2026</span>", "").replace(
        "</article>", f"</article>{panel}"
    )
    article = extract_html(html, URL)
    assert (article.published.date(), article.date_source) == (date(2003, 11, 1), "text")
    # Without the label the modified stamp is all there is, and it is kept.
    bare = html.replace("<h6>Publication date</h6>", "")
    assert extract_html(bare, URL).published.date() == date(2025, 9, 17)


def test_a_publication_label_reads_a_day_or_a_month_right_after_it():
    assert dates.publication_label_date("Posted: 4 March 2024 by the desk") == dates.Candidate(
        datetime(2024, 3, 4), False, "text"
    )
    assert dates.publication_label_date("Date November 2003 Authors") == dates.Candidate(
        datetime(2003, 11, 1), False, "text"
    )
    # A date further on is not the labelled one.
    assert dates.publication_label_date("Posted in Harbour news, since March 2024") is None

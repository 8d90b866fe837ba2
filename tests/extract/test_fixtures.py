"""Whole pages in real news-site shapes, extracted end to end."""

from datetime import UTC, datetime

import pytest

from tidings.extract import extract_html
from tidings.models import Entry, Image

NORTHWIND = "https://www.northwindledger.example/2026/11/03/robots-fold-laundry/?utm_source=rss&fbclid=a1"
BRIGHTWIRE = "https://brightwire.example/news/open-model-maths"
CIRCUIT_AMP = "https://circuitandsignal.example/amp/2026/11/low-power-inference-card.html"
TENSOR = "https://www.tensortimes.example/ai/2026/11/09/hidden-cost-training"
LUMEN = "https://lumendaily.example/tech/hospital-ai-triage-20261103"


@pytest.fixture
def wordpress(fixture_bytes):
    return extract_html(fixture_bytes("wordpress.html"), NORTHWIND)


class TestWordPressPage:
    """Share bar with counters, author bio, prev/next links, comments, cookie banner."""

    def test_title_loses_the_site_suffix(self, wordpress):
        assert wordpress.title == "Why Robots Are Learning To Fold Laundry"

    def test_body_keeps_paragraphs_subheading_and_list(self, wordpress):
        assert wordpress.text.startswith("Folding a towel looks trivial")
        assert "Why fabric is hard" in wordpress.text
        assert "Second, it finds two corners by touch and by camera." in wordpress.text
        assert wordpress.text.endswith("sell the machines to laundromats as well.")

    @pytest.mark.parametrize(
        "furniture",
        [
            "We use cookies",
            "Mara Lindqvist is a technology reporter",  # author bio
            "Previous article",
            "Next article",
            "My cat already folds laundry",  # comments
            "Dishwashing Robots",  # related rail
            "Copyright 2026",
        ],
    )
    def test_page_furniture_is_left_out(self, wordpress, furniture):
        assert furniture not in wordpress.text
        assert furniture not in wordpress.html

    def test_share_counters_are_not_text(self, wordpress):
        assert not {"0", "28", "Share", "Tweet"} & set(wordpress.text.split("\n"))

    def test_html_is_clean_content_markup(self, wordpress):
        assert "<h2>Why fabric is hard</h2>" in wordpress.html
        for tag in ("<script", "<style", "<form", "<button", "<textarea"):
            assert tag not in wordpress.html

    def test_excerpt_is_the_opening_not_the_meta_description(self, wordpress):
        assert wordpress.excerpt.startswith("Folding a towel looks trivial until you ask a machine")
        assert "search-engine summary" not in wordpress.excerpt

    def test_metadata(self, wordpress):
        assert wordpress.author == "Mara Lindqvist"
        assert wordpress.published == datetime(2026, 11, 3, 14, 5, tzinfo=UTC)
        assert wordpress.date_source == "meta"  # comment <time>s are ignored
        assert wordpress.language == "en"
        assert wordpress.type == "article"
        assert (wordpress.provider_name, wordpress.provider_domain) == (
            "The Northwind Ledger",
            "northwindledger.example",
        )

    def test_lead_image_is_absolute_og_image_with_declared_size(self, wordpress):
        assert wordpress.images == [
            Image(
                "https://www.northwindledger.example/wp-content/uploads/2026/11/folding-arm.jpg",
                1200,
                675,
            )
        ]

    def test_urls(self, wordpress):
        assert wordpress.original_url == NORTHWIND
        assert wordpress.web_url == (
            "https://www.northwindledger.example/2026/11/03/robots-fold-laundry/"
        )
        assert wordpress.syndicated is False


def test_json_ld_cms_page(fixture_bytes):
    """Hashed CSS classes, everything in JSON-LD, a newsletter box inside the body."""
    article = extract_html(fixture_bytes("jsonld_cms.html"), BRIGHTWIRE)
    assert article.title == "Open Model Matches Rivals On Maths Benchmarks"
    assert article.author == "Theo Marchetti and Ines Adeyemi"
    assert article.published == datetime(2026, 10, 28, 11, 45, tzinfo=UTC)
    assert article.date_source == "json-ld"
    assert article.provider_name == "Brightwire"
    chart = "https://cdn.brightwire.example/img/benchmark-chart.png"
    assert article.images == [Image(chart, 1600, 900)]
    assert "newsletter" not in article.text and "Get the Brightwire Daily" not in article.text
    assert article.text.startswith("An openly licensed language model")
    assert article.language == "en"  # guessed from the text: the page declares none


def test_amp_page_follows_its_same_site_canonical(fixture_bytes):
    article = extract_html(fixture_bytes("amp.html"), CIRCUIT_AMP)
    assert article.web_url == "https://circuitandsignal.example/2026/11/low-power-inference-card.html"
    assert article.original_url == CIRCUIT_AMP
    assert article.title == "Chip Startup Unveils Low-Power Inference Card"
    assert article.provider_name == "Circuit & Signal"
    assert article.language == "en"  # from lang="en-GB"
    assert article.author == "Priya Castellanos"
    # No og:image: the first content image (an <amp-img>), never the header logo.
    assert article.images == [
        Image("https://circuitandsignal.example/media/2026/11/inference-card.jpg", 800, 450)
    ]


def test_paywall_stub_keeps_only_the_teaser(fixture_bytes):
    article = extract_html(fixture_bytes("paywall.html"), TENSOR)
    assert article.text == (
        "Every new frontier model arrives with a bigger electricity bill than the last, yet few"
        " developers say how large the bill is. Our analysis of public filings suggests the answer"
        " is larger than most estimates."
    )
    assert article.excerpt == article.text
    # meta author is a profile URL, so the visible byline is used instead.
    assert article.author == "Olu Bankole"
    assert article.published == datetime(2026, 11, 9, 11, 30, tzinfo=UTC)
    assert article.images[0].url == "https://img.tensortimes.example/2026/11/datacentre.jpg?w=1200"
    assert (article.images[0].width, article.images[0].height) == (0, 0)


def test_cookie_wall_page_with_day_month_swapped_metadata(fixture_bytes):
    """Metadata says 11 March; the URL says 3 November, and the URL is right."""
    article = extract_html(fixture_bytes("cookie_news.html"), LUMEN)
    assert article.published == datetime(2026, 11, 3, 8, 15, tzinfo=UTC)
    assert article.date_source == "url"
    assert article.author == "Dana Okafor"
    assert "cookies" not in article.text and "Advertisement" not in article.text
    assert "Wearables" not in article.text
    assert article.title == "Hospital Network Tests AI Triage Assistant"
    assert "café" in article.text  # declared windows-1252, entity decoded


CLASSIC = "http://www.quaysidecourier.example/story.php?id=4417&ref=rss"


@pytest.fixture
def classic(fixture_bytes):
    return extract_html(fixture_bytes("classic.html"), CLASSIC)


class TestClassicTableLayout:
    """An old CMS: layout tables, <font> tags, a plain-text byline, unmarked comments."""

    def test_body_is_the_story_not_the_layout_grid(self, classic):
        assert classic.text.startswith("The island ferry company has begun testing")
        assert classic.text.endswith("publish a full report in the new year.")
        for furniture in ("Most Read", "Council Reopens", "Printer-friendly", "Old Salt",
                          "Advertisement", "Copyright"):
            assert furniture not in classic.text

    def test_site_name_prefix_leaves_the_title_and_names_the_provider(self, classic):
        assert classic.title == "Ferry Operator Trials Route Planner That Reads The Tides"
        assert (classic.provider_name, classic.provider_domain) == (
            "Quayside Courier",
            "quaysidecourier.example",
        )

    def test_plain_text_byline_gives_author_and_day(self, classic):
        # Capitals are typography; the sidebar's "By The Numbers" link is not a byline.
        assert classic.author == "Hallie Pemberton-Ross"
        assert (classic.published, classic.date_source) == (
            datetime(2026, 10, 6, tzinfo=UTC),
            "byline",
        )

    def test_tracking_ref_is_stripped_from_the_web_url(self, classic):
        assert classic.web_url == "http://www.quaysidecourier.example/story.php?id=4417"


def test_feed_supplies_the_time_for_a_byline_day(fixture_bytes):
    entry = Entry(CLASSIC, published=datetime(2026, 10, 6, 15, 40, tzinfo=UTC))
    article = extract_html(fixture_bytes("classic.html"), CLASSIC, entry=entry)
    assert (article.published, article.date_source) == (
        datetime(2026, 10, 6, 15, 40, tzinfo=UTC),
        "feed",
    )

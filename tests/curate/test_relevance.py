"""Is it AI news? Junk is turned away first; then AI vocabulary, read in context, decides."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tidings.curate.items import Item
from tidings.curate.relevance import MIN_WORDS, judge

WHEN = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
AI_PARAGRAPH = (
    "The lab trained the language model on licensed text and released its weights. "
    "Engineers said inference costs fell by half on the new accelerator. "
    "Researchers will publish an evaluation of the model next month. "
)


def item(title: str, text: str = "", excerpt: str = "") -> Item:
    return Item(id=1, title=title, text=text, excerpt=excerpt, url="https://a.example/1",
                publisher="a.example", published=WHEN)


def test_an_ai_article_is_relevant_and_the_reason_quotes_its_ai_words() -> None:
    relevant, reason = judge(item("Lab releases an open AI model", text=AI_PARAGRAPH * 8))
    assert relevant
    assert "1 AI term(s) in the title" in reason
    assert "language model" in reason


@pytest.mark.parametrize(
    ("title", "text", "word"),
    [
        ("Escaped llama stops traffic",
         "A llama named Pebble walked along the highway for an hour. " * 25, "llama"),
        ("Meta Fest opens its doors",
         "The Meta theatre festival staged nine new plays this weekend. " * 25, "Meta"),
        ("Gemini singer and band Copilot dine together",
         "The pop singer, a Gemini, met the band Copilot after her concert. " * 25, "Gemini"),
        ("Claude Monet's garden reopens",
         "Visitors can walk where Claude the painter set up his easel by the pond. " * 25,
         "Claude"),
        ("Co-pilot lands the plane safely",
         "The Copilot took control in the cockpit when the captain fell ill mid-flight. " * 25,
         "Copilot"),
        ("Kettle Hill Apple Harvest draws a record crowd",
         "Apple growers brought cider and pie to the orchard fair this weekend. " * 25,
         "Apple"),
        ("Watson and Holmes return to the stage",
         "Dr Watson, the detective's friend, is played by a newcomer this season. " * 25,
         "Watson"),
    ],
)
def test_a_name_in_another_sense_is_off_topic_and_the_reason_says_so(
    title: str, text: str, word: str
) -> None:
    relevant, reason = judge(item(title, text=text))
    assert not relevant
    assert "off-topic" in reason
    assert f"{word!r} is used in another sense" in reason


def test_celebrity_and_music_news_with_a_passing_ai_mention_is_off_topic() -> None:
    text = ("The singer's new album topped the charts and fans queued for concert tickets. "
            "Her song about heartbreak went viral. " * 12
            + "One track used an AI vocal effect.")
    relevant, reason = judge(item("Pop star's album breaks streaming records", text=text))
    assert not relevant
    assert "celebrity or music news" in reason


def test_ai_words_inside_a_film_plot_do_not_make_ai_news() -> None:
    relevant, reason = judge(item(
        "What a classic movie teaches us about society",
        excerpt="In the movie, a powerful artificial intelligence imprisons humans in a "
                "dystopian simulation."))
    assert not relevant
    assert "story's plot" in reason


def test_market_research_spam_is_kept_out_whatever_it_mentions() -> None:
    title = "Generative AI Chip Market Size, Share, CAGR and Forecast to 2030"
    relevant, reason = judge(item(title, text=AI_PARAGRAPH * 8))
    assert not relevant
    assert reason.startswith("market-research release")
    assert "Market Size" in reason


def test_a_market_report_excerpt_is_spam_even_under_a_plain_headline() -> None:
    relevant, reason = judge(item(
        "Speech Recognition Software Market",
        excerpt="The report on the global speech recognition software market is a complete "
                "overview of the market, with segmentation based on region and key players."))
    assert not relevant and "market-research" in reason


def test_business_news_about_a_market_is_not_market_research_spam() -> None:
    text = ("Nvidia's share of the global AI chip market slipped to 80 percent, and rivals "
            "gained market share with cheaper inference accelerators, analysts said. ") * 10
    relevant, reason = judge(item("Nvidia's Market Share Slips as AI Rivals Grow", text=text))
    assert relevant, reason


def test_a_newsletter_issue_is_kept_out() -> None:
    relevant, reason = judge(item("This week in AI: our newsletter, issue 40",
                                  text=AI_PARAGRAPH * 8))
    assert not relevant and reason.startswith("newsletter issue")


def test_a_paywall_stub_is_told_from_a_page_that_simply_gave_no_text() -> None:
    stub = item("Lab releases an open AI model",
                text="The lab released a new AI model on Monday. Subscribe to continue reading.",
                excerpt="The lab released a new AI model.")
    relevant, reason = judge(stub)
    assert not relevant and reason.startswith("paywall stub")

    no_text = item("Lab releases an open AI model",
                   excerpt="The lab released a new AI model with open weights on Monday.")
    relevant, reason = judge(no_text)
    assert relevant, reason
    assert "in the excerpt" in reason


def test_a_thin_page_is_a_stub_whatever_it_says() -> None:
    text = "An AI model was released. " * 5
    assert len(text.split()) < MIN_WORDS
    relevant, reason = judge(item("AI model released", text=text))
    assert not relevant
    assert reason.startswith("thin page")


def test_a_paywall_headline_is_a_stub() -> None:
    relevant, reason = judge(item("Become a subscriber to read:",
                                  excerpt="Stay informed with our global AI reporting."))
    assert not relevant and reason.startswith("paywall stub")


def test_excerpt_only_items_are_judged_on_title_and_excerpt() -> None:
    relevant, _ = judge(item("Hospital tries a new scheduling tool",
                             excerpt="The hospital uses machine learning to predict demand."))
    assert relevant
    relevant, reason = judge(item("Hospital opens a new wing",
                                  excerpt="The wing adds forty beds and a garden."))
    assert not relevant
    assert "no AI vocabulary in the excerpt" in reason


def test_a_single_passing_ai_word_deep_in_a_long_article_is_not_enough() -> None:
    text = ("The council approved the new bus timetable after a long debate. " * 20
            + "One councillor joked that AI could not have done worse.")
    relevant, reason = judge(item("Council approves bus timetable", text=text))
    assert not relevant
    assert "off-topic" in reason

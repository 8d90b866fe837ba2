"""Topic tagging reads context: an AI name counts only where the words around it speak of AI."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from tidings.curate import relevance, topics
from tidings.curate.items import Item
from tidings.curate.taxonomy import parse_taxonomy

WHEN = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def item(title: str, text: str = "", excerpt: str = "") -> Item:
    return Item(id=1, title=title, text=text, excerpt=excerpt, url="https://a.example/1",
                publisher="a.example", published=WHEN)


def names(it: Item, taxonomy=None) -> list[str]:
    return [t.name for t in topics.tag(it, taxonomy)]


def test_meta_releasing_a_llama_model_is_meta_ai_with_its_evidence() -> None:
    it = item("Meta releases Llama 4 as an open-weight model",
              excerpt="Meta said the new large language model beats its predecessor on coding.")
    tagged = {t.name: t.evidence for t in topics.tag(it)}
    assert list(tagged)[0] == "AI"
    assert "Meta AI" in tagged
    assert "Meta releases Llama 4" in tagged["Meta AI"]  # the sentence that decided
    assert "alias 'Meta'" in tagged["Meta AI"] or "alias 'Llama'" in tagged["Meta AI"]


@pytest.mark.parametrize(
    ("title", "excerpt", "not_this"),
    [
        ("Escaped llama trots along the highway",
         "Drivers slowed as the animal walked between the lanes; the AI traffic cameras "
         "caught it all.", "Meta AI"),
        ("Meta Fest opens with three new plays",
         "The theatre festival uses an AI lighting desk this year.", "Meta AI"),
        ("Your horoscope: Gemini season begins",
         "Geminis, your star sign favours bold moves; even AI cannot predict your week.",
         "Google AI"),
        ("Claude Monet exhibition draws crowds",
         "The painter's water lilies were scanned with AI to study his brushwork.", "Anthropic"),
        ("Co-pilot praised after emergency landing",
         "The Copilot of the flight took over in the cockpit while the AI autopilot stayed "
         "off.", "Microsoft AI"),
        ("Apple harvest festival breaks records",
         "Orchard owners used an AI app to grade the fruit.", "Apple AI"),
        ("Dr Watson returns in a new Sherlock film",
         "The detective's sidekick is played by an actress; the trailer used AI effects.",
         "IBM AI"),
    ],
)
def test_a_name_in_another_sense_is_not_its_ai_topic(title: str, excerpt: str,
                                                     not_this: str) -> None:
    assert not_this not in names(item(title, excerpt=excerpt))


@pytest.mark.parametrize(
    ("title", "excerpt", "expected"),
    [
        ("Anthropic's Claude gets a larger context window",
         "The AI model can now read whole codebases.", "Anthropic"),
        ("Microsoft adds Copilot to Windows",
         "The AI assistant answers questions about open files.", "Microsoft AI"),
        ("Apple Intelligence comes to more languages",
         "Apple's on-device AI models now speak German.", "Apple AI"),
        ("Google's Gemini 3 tops the benchmarks",
         "The multimodal AI model beat rivals on reasoning tests.", "Google AI"),
        ("IBM Watson helps nurses plan shifts",
         "The AI system suggests rosters from past demand.", "IBM AI"),
    ],
)
def test_the_same_names_in_ai_news_are_tagged(title: str, excerpt: str, expected: str) -> None:
    assert expected in names(item(title, excerpt=excerpt))


def test_a_topic_in_the_headline_outranks_one_named_once_further_down() -> None:
    text = ("Hospitals are testing an AI triage assistant that reads intake notes. "
            "Nurses at two hospitals said the AI tool was fast. "
            "Patients waited less. Doctors reviewed every suggestion. " * 3
            + "The model runs on a single GPU in the hospital's server room.")
    tagged = names(item("AI triage comes to the hospital", text=text))
    assert tagged[:2] == ["AI", "AI in Healthcare"]
    assert "AI Hardware" not in tagged  # one mention at the end is too weak


def test_no_more_than_the_strongest_few_topics() -> None:
    text = ("OpenAI's ChatGPT, Google's Gemini, Meta's Llama, Anthropic's Claude and Nvidia's "
            "GPUs were all discussed by regulators at the AI safety summit. ")
    tagged = names(item("AI summit: OpenAI, Google, Meta, Anthropic and Nvidia", text=text * 5))
    assert tagged[0] == "AI"
    assert len(tagged) == 4


def test_the_umbrella_topic_quotes_the_sentence_that_speaks_of_ai() -> None:
    [umbrella, *_] = topics.tag(item("Fleet paused after a crash",
                                     text="The driverless cars stopped after a crash."))
    assert umbrella.name == "AI"
    assert "driverless" in umbrella.evidence


def test_an_excerpt_is_read_when_no_text_is_given() -> None:
    it = item("New tool for developers",
              excerpt="The TensorFlow team shipped a release for machine learning on phones.")
    assert "TensorFlow" in names(it)


def test_a_users_taxonomy_is_used_instead_of_the_bundled_one() -> None:
    taxonomy = parse_taxonomy("""
contexts:
  ai: [AI]
topics:
  - name: AI
    slug: ai
    umbrella: true
    description: Everything.
  - name: Weather AI
    slug: weather-ai
    description: Forecasting with AI.
    aliases: [forecast, weather]
    requires: [ai]
""")
    it = item("AI weather forecast beats the old model", excerpt="The AI forecast was right.")
    assert names(it, taxonomy) == ["AI", "Weather AI"]


def test_tagging_and_judging_compile_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every expression is compiled when the taxonomy loads, never per article."""
    it = item("Meta releases Llama 4", text="Meta said the AI model is open. " * 40)
    topics.default_taxonomy()

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"re.compile called while tagging: {args!r}")

    monkeypatch.setattr(re, "compile", refuse)
    relevance.judge(it)
    topics.tag(it)

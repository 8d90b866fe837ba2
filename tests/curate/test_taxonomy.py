"""The taxonomy file: what the bundled one holds, how terms match, and the errors users see."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tidings.curate.taxonomy import (
    TaxonomyError,
    default_taxonomy,
    load_taxonomy,
    parse_taxonomy,
)

REFERENCE_TOPICS = [
    "AI", "Machine Learning", "Computer Vision", "Natural Language Processing", "AI Ethics",
    "AI Hardware", "AI in Autos", "AI in Healthcare", "AI in Finance", "AI in Marketing",
    "AI in Sales", "AI in Education", "AI in Robotics", "AI in Security", "AWS AI",
    "Microsoft AI", "Google AI", "Meta AI", "IBM AI", "TensorFlow", "Math for AI",
]
TODAYS_TOPICS = [
    "Generative AI", "Large Language Models", "Open Source AI", "AI Policy and Regulation",
    "AI Safety", "OpenAI", "Anthropic", "Nvidia", "Apple AI", "AI Agents",
]

SMALL = """
contexts:
  ai: [AI, machine learning]
topics:
  - name: AI
    slug: ai
    umbrella: true
    description: Everything.
  - name: Meta AI
    slug: meta-ai
    description: Meta's models.
    aliases: [Meta, llama]
    requires: [ai]
    exclude: [highway]
"""


def found(text: str, taxonomy=None) -> list[str]:
    """The words of ``text`` that some term of the taxonomy matches, in order."""
    taxonomy = taxonomy or default_taxonomy()
    return [text[a:b] for a, b, _ in taxonomy.lexicon.scan(text)]


def test_the_bundled_taxonomy_has_the_reference_topics_and_todays() -> None:
    names = [t.name for t in load_taxonomy().topics]
    for name in REFERENCE_TOPICS + TODAYS_TOPICS:
        assert name in names
    assert load_taxonomy().umbrella is not None and load_taxonomy().umbrella.name == "AI"


def test_every_bundled_topic_is_described_and_named_by_aliases() -> None:
    for topic in default_taxonomy().topics:
        assert len(topic.description) > 30, topic.name
        assert topic.umbrella or topic.aliases, topic.name


def test_the_bundled_taxonomy_is_compiled_once() -> None:
    assert load_taxonomy() is load_taxonomy() is default_taxonomy()


def test_lower_case_terms_match_any_case_and_capitalised_terms_only_their_spelling() -> None:
    taxonomy = parse_taxonomy(SMALL)
    assert found("A Llama and a LLAMA", taxonomy) == ["Llama", "LLAMA"]
    assert found("Meta's model, not metadata or META", taxonomy) == ["Meta's"]


def test_spaces_match_hyphens_and_plurals_and_stems_are_found() -> None:
    assert "machine-learning" in found("A machine-learning model")
    assert "GPUs" in found("They bought GPUs")
    assert "regulators" in found("The regulators met")  # "regulat*"


def test_a_user_file_replaces_the_bundled_one(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(SMALL)
    taxonomy = load_taxonomy(path)
    assert [t.name for t in taxonomy.topics] == ["AI", "Meta AI"]
    assert taxonomy.source == str(path)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("aliases: [Meta, llama]", "aliases: Meta"), "topic 'Meta AI': field 'aliases' must be"),
        (("slug: meta-ai", "slug: Meta AI"), "topic 'Meta AI': field 'slug'"),
        (("requires: [ai]", "requires: [robots]"),
         "topic 'Meta AI': field 'requires' names the unknown context 'robots'"),
        (("exclude: [highway]", 'exclude: ["re:(unclosed"]'),
         "topic 'Meta AI': field 'exclude': 're:(unclosed' is not a valid regular expression"),
        (("exclude: [highway]", 'exclude: ["@animals"]'),
         "topic 'Meta AI': field 'exclude': '@animals' names an unknown context"),
        (("    exclude: [highway]", "    exlude: [highway]"),
         "topic 'Meta AI': unknown field(s) exlude"),
        (("slug: meta-ai", "slug: ai"), "topic 'Meta AI': field 'slug': 'ai' is already used"),
        (("description: Meta's models.", "description: ''"),
         "topic 'Meta AI': field 'description' must be a non-empty text"),
    ],
)
def test_mistakes_name_the_topic_and_the_field(change: tuple[str, str], message: str) -> None:
    old, new = change
    assert old in SMALL
    with pytest.raises(TaxonomyError, match=re.escape(message)):
        parse_taxonomy(SMALL.replace(old, new), source="mine.yaml")


def test_broken_yaml_says_where(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("topics:\n  - name: [unclosed\n")
    with pytest.raises(TaxonomyError, match=r"broken\.yaml \(line \d+\): not valid YAML"):
        load_taxonomy(path)


def test_a_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(TaxonomyError, match="cannot read the taxonomy"):
        load_taxonomy(tmp_path / "nowhere.yaml")


def test_the_ai_context_is_required() -> None:
    with pytest.raises(TaxonomyError, match="the 'ai' context is missing"):
        parse_taxonomy(SMALL.replace("  ai: [AI, machine learning]", "  tech: [AI]"))


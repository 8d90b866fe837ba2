"""render_record writes the site's exact record layout, and everything it writes reads back."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta, timezone

import pytest
import yaml

from tidings.publish.records import (
    Logo,
    Provider,
    Record,
    RecordError,
    RecordImage,
    Related,
    parse_record,
    record_from_dict,
    render_record,
)


def lighthouse_record() -> Record:
    """A made-up story that uses every part of the layout."""
    return Record(
        title="Lighthouse keepers teach a tiny model to spot fog banks",
        excerpt=(
            "A volunteer crew on the coast runs a weather model on a single-board computer "
            "and now warns boats twenty minutes sooner."
        ),
        published=datetime(2024, 3, 5, 7, 15, tzinfo=UTC),
        original_url="https://coastal-gazette.example/2024/03/05/fog-model/?utm_source=feed",
        web_url="https://coastal-gazette.example/2024/03/05/fog-model/",
        type="article",
        quality=58,
        heat=78,
        published_flag=True,
        provider=Provider(
            name="Coastal Gazette",
            domain="coastal-gazette.example",
            images=[Logo("https://news.example/assets/logos/coastal-gazette-50x50.jpg", 50, 50)],
        ),
        topics=["AI", "Machine Learning"],
        images=[RecordImage("https://coastal-gazette.example/img/fog.jpg?w=1200", 1200, 675, True)],
        related=[
            Related(
                title="Harbour radar gets a second opinion from a neural net",
                excerpt="Port staff compared the model's calls with their own for a month.",
                published=datetime(2024, 3, 4, 18, 0, tzinfo=UTC),
                web_url="https://port-weekly.example/radar-net",
                type="article",
                # A logo on a related provider is never written.
                provider=Provider(
                    "Port Weekly",
                    "port-weekly.example",
                    [Logo("https://news.example/assets/logos/port-weekly-50x50.jpg", 50, 50)],
                ),
                quality=44,
                images=[RecordImage("https://port-weekly.example/radar.png", 800, 450, True)],
            ),
            Related(
                title="Why fog is hard to forecast",
                excerpt="A short explainer on sea fog and the data that predicts it.",
                published=datetime(2024, 3, 6, 9, 30, tzinfo=UTC),
                web_url="https://weather-notes.example/sea-fog",
                type="article",
                provider=Provider("Weather Notes", "weather-notes.example"),
                quality=21,
            ),
        ],
        secured="c2VhbGVkIHRleHQ=;bm9uY2Ugbm9uY2U=",
    )


LIGHTHOUSE_TEXT = """\
---
category: news
title: "Lighthouse keepers teach a tiny model to spot fog banks"
excerpt: "A volunteer crew on the coast runs a weather model on a single-board computer and now \
warns boats twenty minutes sooner."
publishedDateTime: 2024-03-05T07:15:00Z
originalUrl: "https://coastal-gazette.example/2024/03/05/fog-model/?utm_source=feed"
webUrl: "https://coastal-gazette.example/2024/03/05/fog-model/"
type: article
quality: 58
heat: 78
published: true

provider:
  name: Coastal Gazette
  domain: coastal-gazette.example
  images:
    - url: "https://news.example/assets/logos/coastal-gazette-50x50.jpg"
      width: 50
      height: 50

topics:
  - AI
  - Machine Learning

images:
  - url: "https://coastal-gazette.example/img/fog.jpg?w=1200"
    width: 1200
    height: 675
    isCached: true

related:
  - title: "Harbour radar gets a second opinion from a neural net"
    excerpt: "Port staff compared the model's calls with their own for a month."
    publishedDateTime: 2024-03-04T18:00:00Z
    webUrl: "https://port-weekly.example/radar-net"
    type: article
    provider:
      name: Port Weekly
      domain: port-weekly.example
    quality: 44
    images:
      - url: "https://port-weekly.example/radar.png"
        width: 800
        height: 450
        isCached: true
  - title: "Why fog is hard to forecast"
    excerpt: "A short explainer on sea fog and the data that predicts it."
    publishedDateTime: 2024-03-06T09:30:00Z
    webUrl: "https://weather-notes.example/sea-fog"
    type: article
    provider:
      name: Weather Notes
      domain: weather-notes.example
    quality: 21

secured: "c2VhbGVkIHRleHQ=;bm9uY2Ugbm9uY2U="
---

"""


def test_render_writes_the_record_layout_character_for_character() -> None:
    assert render_record(lighthouse_record()) == LIGHTHOUSE_TEXT


def test_render_reproduces_the_seed_record(seed_text: str) -> None:
    # Numbers, dates, flags and names are typed here; the long prose and URLs are
    # read from the seed so that no article text is copied into the project.
    seed = parse_record(seed_text)
    rel = seed["related"][0]
    record = Record(
        title=seed["title"],
        excerpt=seed["excerpt"],
        published=datetime(2023, 6, 18, 21, 54, tzinfo=UTC),
        original_url=seed["originalUrl"],
        web_url=seed["webUrl"],
        type="article",
        quality=67,
        heat=77,
        published_flag=True,
        provider=Provider(
            "Forbes", "forbes.com", [Logo(seed["provider"]["images"][0]["url"], 50, 50)]
        ),
        topics=["AI"],
        images=[RecordImage(seed["images"][0]["url"], 1200, 720, True)],
        related=[
            Related(
                title=rel["title"],
                excerpt=rel["excerpt"],
                published=datetime(2023, 6, 20, 15, 44, tzinfo=UTC),
                web_url=rel["webUrl"],
                type="article",
                provider=Provider("Nature", "nature.com"),
                quality=35,
                images=[RecordImage(rel["images"][0]["url"], 1024, 576, True)],
            )
        ],
        secured=seed["secured"],
    )
    assert render_record(record) == seed_text


def test_empty_lists_and_missing_secured_leave_their_blocks_out() -> None:
    record = dataclasses.replace(
        lighthouse_record(),
        provider=Provider("Coastal Gazette", "coastal-gazette.example"),
        topics=[],
        images=[],
        related=[],
        secured=None,
    )
    head = LIGHTHOUSE_TEXT.split("\n\nprovider:")[0]
    assert render_record(record) == (
        f"{head}\n\nprovider:\n  name: Coastal Gazette\n  domain: coastal-gazette.example\n---\n\n"
    )


def test_times_in_other_zones_are_written_in_utc() -> None:
    eastern = timezone(timedelta(hours=-5))
    record = dataclasses.replace(
        lighthouse_record(), published=datetime(2024, 3, 5, 22, 30, tzinfo=eastern)
    )
    assert "\npublishedDateTime: 2024-03-06T03:30:00Z\n" in render_record(record)


@pytest.mark.parametrize(
    ("name", "written"),
    [
        ("Forbes", "Forbes"),
        ("Barron's", "Barron's"),
        ("Zeit Online", "Zeit Online"),
        ("Süddeutsche Zeitung", "Süddeutsche Zeitung"),
        ("Circuit & Signal", '"Circuit & Signal"'),
        ("Yes", '"Yes"'),
        ("No", '"No"'),
        ("off", '"off"'),
        ("null", '"null"'),
        ("~", '"~"'),
        ("1984", '"1984"'),
        ("3.14", '"3.14"'),
        ("2024-01-02", '"2024-01-02"'),
        ("Signal: Noise", '"Signal: Noise"'),
        ("#hashtag", '"#hashtag"'),
        ("- Dash Media", '"- Dash Media"'),
        ("*Star", '"*Star"'),
        ("Trailing ", '"Trailing "'),
        ("", '""'),
    ],
)
def test_provider_names_yaml_would_misread_are_quoted(name: str, written: str) -> None:
    record = dataclasses.replace(lighthouse_record(), provider=Provider(name, "example.org"))
    text = render_record(record)
    assert f"\nprovider:\n  name: {written}\n" in text
    assert record_from_dict(parse_record(text)).provider.name == name


TRICKY = [
    'She said "no comment"',
    "C:\\Users\\desk\\notes \\n not a newline",
    "Key: value, and more: values",
    "# looks like a comment",
    "- looks like a list item",
    "Yes",
    "No",
    "null",
    "1984",
    "true",
    "~",
    "0x1F",
    "1_000",
    ".inf",
    "&anchor *alias !tag %directive @at `tick",
    "{braces} [brackets] | > ? ,",
    "Ünïcödé café naïve Ærø",
    "Emoji 🚀🤖 and 中文 and عربى",
    "tab\there, newline\nthere, return\rthere",
    "control \x00\x07\x1b\x7f\x85 characters",
    "line\u2028and paragraph\u2029separators, nbsp\xa0, bom\ufeff",
    "  padded both sides  ",
    "'single quoted'",
    "",
    "a long excerpt, " * 400,
]


def tricky_record(value: str) -> Record:
    """Every string in the record set to ``value``."""
    return Record(
        title=value,
        excerpt=value,
        published=datetime(2024, 1, 31, 23, 59, 59, tzinfo=UTC),
        original_url=value,
        web_url=value,
        type=value,
        quality=-1,
        heat=0,
        published_flag=False,
        provider=Provider(value, value, [Logo(value, 0, 0)]),
        topics=[value, "AI"],
        images=[RecordImage(value, 1, 2, False)],
        related=[
            Related(
                title=value,
                excerpt=value,
                published=datetime(2024, 2, 29, 0, 0, tzinfo=UTC),
                web_url=value,
                type=value,
                provider=Provider(value, value),
                quality=7,
                images=[RecordImage(value, 3, 4, True)],
            )
        ],
        secured=value,
        category=value,
    )


@pytest.mark.parametrize("value", TRICKY, ids=range(len(TRICKY)))
def test_tricky_values_survive_render_parse_and_back(value: str) -> None:
    record = tricky_record(value)
    assert record_from_dict(parse_record(render_record(record))) == record


@pytest.mark.parametrize("value", TRICKY, ids=range(len(TRICKY)))
def test_every_value_stays_on_its_own_line(value: str) -> None:
    plain = render_record(tricky_record("plain"))
    tricky = render_record(tricky_record(value))
    assert len(tricky.splitlines()) == len(plain.splitlines())


def test_rendered_record_is_yaml_a_standard_loader_reads() -> None:
    front_matter = render_record(lighthouse_record()).split("---\n")[1]
    data = yaml.safe_load(front_matter)
    assert data["published"] is True
    assert data["publishedDateTime"] == datetime(2024, 3, 5, 7, 15, tzinfo=UTC)
    assert "images" not in data["related"][0]["provider"]
    assert data["related"][1].keys() == {
        "title", "excerpt", "publishedDateTime", "webUrl", "type", "provider", "quality",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"published": datetime(2024, 3, 5, 7, 15)}, "publishedDateTime: .*no timezone"),
        ({"quality": "58"}, "quality: expected an integer"),
        ({"heat": True}, "heat: expected an integer"),
        ({"published_flag": 1}, "published: expected a boolean"),
        ({"title": None}, "title: expected a string"),
        ({"excerpt": "broken \ud800 text"}, "excerpt: .*lone surrogate"),
        ({"topics": ["AI", 3]}, r"topics\[1\]: expected a string"),
        ({"images": [RecordImage("u", 10, "wide", True)]}, r"images\[0\].height"),
    ],
)
def test_bad_values_raise_a_clear_error_naming_the_field(change: dict, message: str) -> None:
    record = dataclasses.replace(lighthouse_record(), **change)
    with pytest.raises(RecordError, match=message):
        render_record(record)


def test_bad_related_values_name_the_item() -> None:
    record = lighthouse_record()
    record.related[1].provider.name = 42  # type: ignore[assignment]
    with pytest.raises(RecordError, match=r"related\[1\]\.provider\.name: expected a string"):
        render_record(record)

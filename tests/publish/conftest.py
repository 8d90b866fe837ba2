"""Fixtures for the publish tests: the optional reference material beside the repo,
and a small real store that the site, API and feed tests publish from.

The reference folder (../shared) is research material, not part of the project;
tests that compare against it skip when it is absent.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tidings.models import Article, Image
from tidings.store import Store

SHARED = Path(__file__).resolve().parents[2].parent / "shared"


@pytest.fixture
def seed_text() -> str:
    path = SHARED / "seeds" / "000_8a5b5761f1957e63.txt"
    if not path.is_file():
        pytest.skip("the seed record (../shared/seeds) is not available")
    return path.read_text(encoding="utf-8")


@pytest.fixture
def reference_dir() -> Path:
    path = SHARED / "reference" / "everyday"
    if not (path / "raw").is_dir() or not (path / "records.jsonl").is_file():
        pytest.skip("the reference records (../shared/reference/everyday) are not available")
    return path


# --- a small real store for the site, API and feed tests ---------------------------------

SITE_NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
HOSTILE_TITLE = '<script>alert("x")</script> Bots & "friends"\x0b win </title>'
FILLERS = 22  #: extra one-article stories, so the AI listing runs to a second page


def _article(
    number: int,
    title: str,
    hours_ago: float,
    domain: str = "alpha.example",
    provider: str = "Alpha News",
    excerpt: str | None = None,
    images: list[Image] | None = None,
) -> Article:
    return Article(
        original_url=f"https://{domain}/a/{number}?utm=x",
        web_url=f"https://{domain}/a/{number}",
        title=title,
        text="Body text. " * 50,
        excerpt=excerpt or f"What happened in story {number}.",
        published=SITE_NOW - timedelta(hours=hours_ago),
        language="en",
        provider_name=provider,
        provider_domain=domain,
        images=images or [],
    )


@dataclass(frozen=True)
class SiteFacts:
    """What the tests know about :func:`site_store`'s contents (conftest cannot be imported)."""

    now: datetime = SITE_NOW
    hostile_title: str = HOSTILE_TITLE
    published: int = 3 + FILLERS  #: the chip story, the hostile one, last week's, the fillers
    stories: int = 3 + FILLERS


@pytest.fixture
def site_facts() -> SiteFacts:
    return SiteFacts()


@pytest.fixture
def site_store(tmp_path: Path) -> Iterator[Store]:
    """Two multi-publisher stories, a hostile headline, a copy, an off-topic and a
    suppressed article, one old story, and fillers; every value set as curation would."""
    with Store(f"sqlite:///{tmp_path / 'site.sqlite'}", clock=lambda: SITE_NOW) as store:

        def add(article: Article, **curation: Any) -> int:
            stored, _ = store.save_article(article, source_id=None)
            meta = {"duplicate_of": curation.pop("duplicate_of", None),
                    "lead": curation.pop("lead", False)}
            names = curation.pop("topics", ["AI"])
            store.update_curation(
                stored.id, relevant=curation.pop("relevant", True),
                topics=[{"name": n, "evidence": "a sentence"} for n in names],
                curation=meta, **curation,
            )
            return stored.id

        chips = store.create_story(title="")
        picture = [Image("https://alpha.example/chip.jpg", 1200, 675)]
        lead = add(_article(1, "Chip maker unveils an inference chip", 5, images=picture),
                   story_id=chips, lead=True, published=True, heat=70,
                   quality=80, topics=["AI", "AI Hardware"])
        beta = add(_article(2, "Beta's take on the new chip", 4, domain="beta.example",
                            provider="Beta Daily"),
                   story_id=chips, published=False, heat=70, quality=60)
        gamma = add(_article(3, "Gamma weighs in on the chip", 3, domain="gamma.example",
                             provider="Gamma Wire"),
                    story_id=chips, published=False, heat=70, quality=50)
        store.update_curation(lead, related=[beta, gamma])
        store.update_curation(beta, related=[lead, gamma])
        add(_article(4, "Chip maker unveils an inference chip (copy)", 2, domain="copy.example"),
            story_id=chips, duplicate_of=lead, published=False, heat=70,
            quality=20)
        hostile = store.create_story(title="")
        add(_article(5, HOSTILE_TITLE, 24, domain="delta.example", provider="Delta <b>Post</b>",
                     excerpt='An excerpt with <img src=x onerror="alert(1)"> in it.'),
            story_id=hostile, lead=True, published=True, heat=40, quality=70,
            topics=["AI", "AI Ethics"])
        add(_article(6, "Escaped llama stops traffic", 1, domain="farm.example"),
            relevant=False, published=False, heat=0, quality=0)
        gone = store.create_story(title="")
        add(_article(7, "A story an editor took down", 6, domain="epsilon.example"),
            story_id=gone, lead=True, published=True, heat=-1, quality=60)
        old = store.create_story(title="")
        add(_article(8, "Last week's model release", 24 * 10, domain="zeta.example"),
            story_id=old, lead=True, published=True, heat=31, quality=75,
            topics=["AI", "Machine Learning"])
        for n in range(FILLERS):
            story = store.create_story(title="")
            add(_article(100 + n, f"Filler story number {n}", 30 + n, domain="eta.example"),
                story_id=story, lead=True, published=True, heat=35, quality=70)
        yield store

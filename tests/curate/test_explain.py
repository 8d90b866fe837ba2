"""`tidings explain ID`: scores with their parts and the evidence, from a real workspace."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tidings import config
from tidings.cli import app
from tidings.curate.apply import curate_store
from tidings.models import Article, Image
from tidings.store import Store

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
CHIP = (
    "Halvorsen Semiconductor unveiled the Tern-9 AI accelerator on Monday, a chip built for "
    "inference in data centres. The company said the accelerator runs large language models "
    "at half the power of its previous GPU line. Chief executive Mara Veldt told analysts that "
    "the first Tern-9 boards ship in March to three cloud customers. Analysts expect the machine "
    "learning market to keep growing as companies move AI models from pilots into products. "
) * 3
LLAMA = ("A llama named Pebble left its paddock on Sunday and walked along the highway for an "
         "hour. Drivers slowed down as the llama trotted past the farm shop. ") * 12


def article(n: int, domain: str, title: str, text: str, hours_ago: float) -> Article:
    return Article(
        original_url=f"https://{domain}/news/{n}", web_url=f"https://{domain}/news/{n}",
        title=title, text=text, excerpt=text[:120], author="A. Writer",
        published=NOW - timedelta(hours=hours_ago), provider_name=domain,
        provider_domain=domain, images=[Image(f"https://{domain}/{n}.jpg", 800, 450)],
    )


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("TIDINGS_WORKSPACE", "TIDINGS_DATABASE_URL", "TIDINGS_SECRET_KEY"):
        monkeypatch.delenv(name, raising=False)
    root = tmp_path / "desk"
    assert CliRunner().invoke(app, ["init", str(root), "--no-defaults"]).exit_code == 0
    ws = config.load(root)
    with Store(ws.database_url) as store:
        for n, (domain, title, text, hours) in enumerate([
            ("reuters.com", "Halvorsen unveils the Tern-9 AI accelerator", CHIP, 6),
            ("daily.example", "Tern-9 is Halvorsen's new AI inference chip", CHIP, 5),
            ("ridgeline.example", "Escaped llama stops traffic", LLAMA, 4),
        ], start=1):
            store.save_article(article(n, domain, title, text, hours), source_id=None)
        curate_store(store, ws.settings.curate, NOW)
    return root


def explain(workspace: Path, *args: str) -> tuple[str, int]:
    result = CliRunner().invoke(app, ["explain", *args, "--workspace", str(workspace)])
    return result.output, result.exit_code


def test_explain_prints_both_scores_with_their_parts_and_the_evidence(workspace: Path) -> None:
    printed, code = explain(workspace, "1")
    assert code == 0
    for words in ("Quality", "Heat", "authority", "completeness", "originality", "coverage",
                  "recency", "Relevance", "Topics", "Story"):
        assert words in printed, words


def test_explain_json_carries_every_component_and_finds_articles_by_url(workspace: Path) -> None:
    by_id, code = explain(workspace, "1", "--json")
    assert code == 0
    data = json.loads(by_id)
    assert data["relevant"] is True and data["relevance"]
    assert data["quality"] == round(sum(data["quality_parts"].values()))
    assert {"coverage", "speed", "authority", "quality", "recency"} <= data["heat_parts"].keys()
    assert data["topics"] and all(t["evidence"] for t in data["topics"])
    assert data["story"]["id"] is not None and data["story"]["evidence"]
    assert data["published_reason"]
    by_url, _ = explain(workspace, "https://reuters.com/news/1", "--json")
    assert json.loads(by_url)["id"] == 1


def test_explain_says_why_an_article_is_not_ai_news(workspace: Path) -> None:
    data = json.loads(explain(workspace, "3", "--json")[0])
    assert data["relevant"] is False and data["relevance"]
    assert data["published"] is False and data["topics"] == []


def test_explain_an_unknown_article_fails_clearly(workspace: Path) -> None:
    printed, code = explain(workspace, "999")
    assert code == 1 and "no stored article 999" in printed

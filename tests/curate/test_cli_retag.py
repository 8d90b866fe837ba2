"""`tidings retag` and `[curate] taxonomy`: a user's own taxonomy, named in tidings.toml."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tidings import config
from tidings.cli import app
from tidings.curate.apply import curate_store
from tidings.curate.taxonomy import default_taxonomy
from tidings.models import Article
from tidings.store import Store

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
ROBOTAXI = ("Tessellate paused its driverless robotaxi fleet after a crash on Monday. "
            "The self-driving cars will stay off the road while the AI software is reviewed. "
            "Engineers are checking the machine learning models that plan each route. ") * 6
#: What a user might append to a copy of the bundled taxonomy.
ROBOTAXIS_TOPIC = """
  - name: Robotaxis
    slug: robotaxis
    description: Driverless taxi services, their fleets, pauses and permits.
    aliases: [robotaxi, driverless taxi]
    requires: [ai]
"""


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("TIDINGS_WORKSPACE", "TIDINGS_DATABASE_URL", "TIDINGS_SECRET_KEY"):
        monkeypatch.delenv(name, raising=False)
    folder = tmp_path / "desk"
    assert CliRunner().invoke(app, ["init", str(folder), "--no-defaults"]).exit_code == 0
    ws = config.load(folder)
    with Store(ws.database_url) as store:
        store.save_article(Article(
            original_url="https://cars.example/1", web_url="https://cars.example/1",
            title="Robotaxi fleet paused after crash", text=ROBOTAXI,
            published=NOW - timedelta(hours=3), provider_name="Cars",
            provider_domain="cars.example",
        ), source_id=None)
        curate_store(store, ws.settings.curate, NOW)
    return folder


def use_own_taxonomy(root: Path) -> None:
    bundled = Path(default_taxonomy().source).read_text(encoding="utf-8")
    (root / "my-topics.yaml").write_text(bundled + ROBOTAXIS_TOPIC, encoding="utf-8")
    settings = root / config.CONFIG_NAME
    text = settings.read_text(encoding="utf-8").replace(
        '# taxonomy = ""', 'taxonomy = "my-topics.yaml"')
    settings.write_text(text, encoding="utf-8")


def topic_names(root: Path) -> list[str]:
    with Store(config.load(root).database_url) as store:
        [article] = store.articles()
    return [t["name"] for t in article.topics]


def test_a_relative_taxonomy_path_in_the_settings_means_the_workspace_folder(root: Path) -> None:
    use_own_taxonomy(root)
    settings = config.load(root).settings.curate
    assert settings.taxonomy == str((root / "my-topics.yaml").resolve())


def test_retag_applies_the_workspace_taxonomy_and_a_second_run_changes_nothing(
    root: Path,
) -> None:
    assert "Robotaxis" not in topic_names(root)
    use_own_taxonomy(root)
    first = CliRunner().invoke(app, ["retag", "--workspace", str(root)])
    assert first.exit_code == 0, first.output
    assert "1 changed" in first.output and "Robotaxis" in first.output
    assert "Robotaxis" in topic_names(root)
    again = CliRunner().invoke(app, ["retag", "--workspace", str(root)])
    assert "0 changed" in again.output


def test_curation_runs_use_the_workspace_taxonomy_too(root: Path) -> None:
    use_own_taxonomy(root)
    ws = config.load(root)
    with Store(ws.database_url) as store:
        curate_store(store, ws.settings.curate, NOW)
    assert "Robotaxis" in topic_names(root)


def test_retag_with_a_broken_taxonomy_file_fails_clearly(root: Path) -> None:
    broken = root / "broken.yaml"
    broken.write_text("topics: [{name: X}]\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["retag", "--taxonomy", str(broken), "--workspace", str(root)])
    assert result.exit_code == 2 and "taxonomy" in result.output

"""The workspace settings file: every key written, read back the same, typos refused."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from tidings import config
from tidings.config import ConfigError, Settings, Workspace


def test_settings_survive_a_round_trip_through_toml(tmp_path: Path) -> None:
    settings = Settings(database="sqlite:///news.db")
    resolve = {"a.example": "127.0.0.1:9"}
    settings.fetch = replace(settings.fetch, per_host_delay=2.5, resolve=resolve)
    settings.curate = replace(settings.curate, heat_threshold=55)
    config.save(Workspace(root=tmp_path, settings=settings))

    loaded = config.load(tmp_path).settings
    assert loaded.fetch.per_host_delay == 2.5
    assert loaded.fetch.resolve == {"a.example": "127.0.0.1:9"}
    assert loaded.curate.heat_threshold == 55
    assert loaded.database == "sqlite:///news.db"


def test_a_relative_sqlite_path_lives_in_the_workspace(tmp_path: Path) -> None:
    workspace = Workspace(root=tmp_path, settings=Settings(database="sqlite:///db/news.sqlite"))
    assert workspace.database_url == f"sqlite:///{tmp_path.resolve()}/db/news.sqlite"


def test_the_environment_can_point_at_another_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TIDINGS_DATABASE_URL", "postgresql+psycopg://u@localhost/tidings")
    workspace = Workspace(root=tmp_path, settings=Settings())
    assert workspace.database_url == "postgresql+psycopg://u@localhost/tidings"


def test_a_misspelt_setting_is_an_error_not_a_silent_default(tmp_path: Path) -> None:
    (tmp_path / config.CONFIG_NAME).write_text("[fetch]\nread_timout = 3\n")
    with pytest.raises(ConfigError, match="read_timout"):
        config.load(tmp_path)


def test_the_nearest_workspace_upward_is_found(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("TIDINGS_WORKSPACE", raising=False)
    config.save(Workspace(root=tmp_path, settings=Settings()))
    inner = tmp_path / "site" / "_news"
    inner.mkdir(parents=True)
    assert config.find_workspace(inner).root == tmp_path.resolve()


def test_no_workspace_says_how_to_make_one(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("TIDINGS_WORKSPACE", raising=False)
    with pytest.raises(ConfigError, match="tidings init"):
        config.find_workspace(tmp_path)

"""The workspace: a folder holding ``tidings.toml``, the database and the published site.

Settings live in one TOML file so a user can read and edit them; every key
has a default here, so an old or partial file keeps working.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from tidings.fetch import FetchSettings

CONFIG_NAME = "tidings.toml"


class ConfigError(Exception):
    """The workspace is missing or its settings cannot be used."""


@dataclass(slots=True)
class PollSettings:
    interval: int = 1800  #: seconds between two polls of a healthy source
    max_backoff: int = 86_400  #: a failing source waits at most this long
    max_link_attempts: int = 3  #: a page that keeps failing is given up after this many tries


@dataclass(slots=True)
class CurateSettings:
    window_days: int = 7  #: articles further apart than this never share a story
    half_life_hours: float = 48.0  #: heat halves every this many hours
    heat_threshold: int = 30  #: published needs at least this much heat
    related_cap: int = 10
    #: A topic taxonomy YAML replacing the bundled one (relative to the workspace).
    taxonomy: str | None = None


@dataclass(slots=True)
class PublishSettings:
    #: Where the site is served from; logo and record URLs are built on it.
    base_url: str = "https://example.org/ai"


@dataclass(slots=True)
class Settings:
    database: str = "sqlite:///tidings.sqlite"
    output: str = "site"
    key_file: str = "secret.key"
    fetch: FetchSettings = field(default_factory=FetchSettings)
    poll: PollSettings = field(default_factory=PollSettings)
    curate: CurateSettings = field(default_factory=CurateSettings)
    publish: PublishSettings = field(default_factory=PublishSettings)


@dataclass(slots=True)
class Workspace:
    """A workspace folder and its settings, with paths resolved against the folder."""

    root: Path
    settings: Settings

    @property
    def database_url(self) -> str:
        """SQLite paths in the settings are relative to the workspace."""
        url = os.environ.get("TIDINGS_DATABASE_URL") or self.settings.database
        prefix = "sqlite:///"
        if url.startswith(prefix) and not url[len(prefix) :].startswith("/"):
            return prefix + str((self.root / url[len(prefix) :]).resolve())
        return url

    @property
    def output_dir(self) -> Path:
        return (self.root / self.settings.output).resolve()

    @property
    def key_path(self) -> Path:
        return (self.root / self.settings.key_file).resolve()


def load(root: Path) -> Workspace:
    """Read ``root/tidings.toml``; unknown keys are an error so typos do not pass silently."""
    path = root / CONFIG_NAME
    if not path.exists():
        raise ConfigError(f"no {CONFIG_NAME} in {root}: run `tidings init {root}` first")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: {exc}") from exc
    return Workspace(root=root.resolve(), settings=_settings_from(data, path))


def find_workspace(start: Path | None = None) -> Workspace:
    """The workspace named by ``TIDINGS_WORKSPACE``, else the nearest one upward."""
    env = os.environ.get("TIDINGS_WORKSPACE")
    if env:
        return load(Path(env))
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_NAME).exists():
            return load(folder)
    raise ConfigError(f"no {CONFIG_NAME} here or above {here}: run `tidings init` first")


def save(workspace: Workspace) -> Path:
    path = workspace.root / CONFIG_NAME
    path.write_text(render(workspace.settings), encoding="utf-8")
    return path


def render(settings: Settings) -> str:
    """The settings as commented TOML, every key written so users see what they can change."""
    lines = [
        "# Tidings workspace settings. Paths are relative to this file's folder.",
        f"database = {_toml(settings.database)}",
        f"output = {_toml(settings.output)}",
        f"key_file = {_toml(settings.key_file)}",
    ]
    for name in ("fetch", "poll", "curate", "publish"):
        section = getattr(settings, name)
        lines += ["", f"[{name}]"]
        tables = []
        for f in fields(section):
            value = getattr(section, f.name)
            if isinstance(value, dict):
                tables.append((f.name, value))
            elif value is None:  # TOML has no null: an unset optional key is shown commented
                lines.append(f'# {f.name} = ""')
            else:
                lines.append(f"{f.name} = {_toml(value)}")
        for key, table in tables:
            lines += ["", f"[{name}.{key}]"]
            lines += [f"{_toml(k)} = {_toml(v)}" for k, v in table.items()]
    return "\n".join(lines) + "\n"


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        escaped = value.replace("\\", "\\\\").replace('"', '\\"')
        return f'"{escaped}"'
    raise TypeError(f"cannot write {value!r} to TOML")


def _settings_from(data: dict[str, Any], path: Path) -> Settings:
    settings = Settings()
    sections = {"fetch": FetchSettings, "poll": PollSettings, "curate": CurateSettings,
                "publish": PublishSettings}
    for key, value in data.items():
        if key in sections:
            if not isinstance(value, dict):
                raise ConfigError(f"{path}: [{key}] must be a table")
            current = getattr(settings, key)
            known = {f.name for f in fields(current)}
            unknown = set(value) - known
            if unknown:
                names = ", ".join(sorted(unknown))
                raise ConfigError(f"{path}: unknown setting(s) in [{key}]: {names}")
            setattr(settings, key, replace(current, **value))
        elif key in {"database", "output", "key_file"}:
            setattr(settings, key, str(value))
        else:
            raise ConfigError(f"{path}: unknown setting {key!r}")
    _anchor_taxonomy(settings, path.parent)
    return settings


def _anchor_taxonomy(settings: Settings, root: Path) -> None:
    """A relative ``[curate] taxonomy`` path means relative to the workspace, like the database.

    It is made absolute here, where the workspace is known, so curation can open it
    from whatever folder ``tidings`` runs in.
    """
    taxonomy = getattr(settings.curate, "taxonomy", None)
    if isinstance(taxonomy, str) and taxonomy:
        resolved = (root / Path(taxonomy).expanduser()).resolve()
        settings.curate = replace(settings.curate, taxonomy=str(resolved))

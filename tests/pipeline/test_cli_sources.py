"""`tidings init` and `tidings sources add|import|export|list|remove`, as a user types them."""

from __future__ import annotations

import stat
import tomllib
from pathlib import Path

import pytest

from tidings.sources import DEFAULT_SOURCES, parse_opml
from tidings.store import Store

from .conftest import FIXTURES, invoke

FEED = "https://thornbury-gazette.example/ai/feed.xml"
SITEMAP = "https://thornbury-gazette.example/news-sitemap.xml"
PAGE = "https://thornbury-gazette.example/2026/11/a-single-story/"


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """An empty workspace (no default sources)."""
    root = tmp_path / "desk"
    result = invoke("init", root, "--no-defaults")
    assert result.exit_code == 0, result.output
    return root


def sources(root: Path) -> list[tuple[str, str, str | None]]:
    with Store(f"sqlite:///{root / 'tidings.sqlite'}") as store:
        return [(s.url, s.kind, s.title) for s in store.list_sources()]


# -- init ----------------------------------------------------------------------------------


def test_init_creates_settings_database_output_folder_and_key(tmp_path: Path) -> None:
    root = tmp_path / "news"
    result = invoke("init", root)
    assert result.exit_code == 0, result.output
    settings = tomllib.loads((root / "tidings.toml").read_text(encoding="utf-8"))
    assert settings["database"] == "sqlite:///tidings.sqlite"
    assert (root / "tidings.sqlite").is_file()
    assert (root / "site").is_dir()
    assert (root / "secret.key").is_file()


def test_init_makes_the_key_file_readable_by_its_owner_only(workspace: Path) -> None:
    mode = stat.S_IMODE((workspace / "secret.key").stat().st_mode)
    assert mode == 0o600


def test_init_subscribes_to_the_default_sources(tmp_path: Path) -> None:
    root = tmp_path / "news"
    assert invoke("init", root).exit_code == 0
    assert [url for url, _, _ in sources(root)] == [s.url for s in DEFAULT_SOURCES]


def test_init_refuses_to_overwrite_a_workspace(workspace: Path) -> None:
    before = (workspace / "tidings.toml").read_bytes()
    result = invoke("init", workspace)
    assert result.exit_code == 2 and "exists already" in result.output
    assert (workspace / "tidings.toml").read_bytes() == before


# -- add, remove ---------------------------------------------------------------------------


def test_sources_add_subscribes_once_however_often_it_is_run(workspace: Path) -> None:
    first = invoke("sources", "add", FEED, "-w", workspace)
    again = invoke("sources", "add", FEED, "-w", workspace)
    assert first.exit_code == again.exit_code == 0
    assert "Added" in first.output and "Already subscribed" in again.output
    assert sources(workspace) == [(FEED, "feed", None)]


def test_sources_add_records_the_kind_it_is_given(workspace: Path) -> None:
    invoke("sources", "add", SITEMAP, "--kind", "sitemap", "-w", workspace)
    invoke("sources", "add", PAGE, "--kind", "page", "-w", workspace)
    assert [(url, kind) for url, kind, _ in sources(workspace)] == [
        (SITEMAP, "sitemap"), (PAGE, "page"),
    ]


def test_sources_add_refuses_an_unknown_kind(workspace: Path) -> None:
    result = invoke("sources", "add", FEED, "--kind", "newsletter", "-w", workspace)
    assert result.exit_code == 2 and sources(workspace) == []


def test_sources_remove_unsubscribes(workspace: Path) -> None:
    invoke("sources", "add", FEED, "-w", workspace)
    invoke("sources", "add", SITEMAP, "--kind", "sitemap", "-w", workspace)
    result = invoke("sources", "remove", FEED, "-w", workspace)
    assert result.exit_code == 0 and "Removed" in result.output
    assert [url for url, _, _ in sources(workspace)] == [SITEMAP]


def test_sources_remove_of_an_unknown_source_fails(workspace: Path) -> None:
    result = invoke("sources", "remove", FEED, "-w", workspace)
    assert result.exit_code == 1 and "no source" in result.output


# -- import, export ------------------------------------------------------------------------


def test_sources_import_subscribes_to_every_feed_in_an_opml_file(workspace: Path) -> None:
    result = invoke("sources", "import", FIXTURES / "subscriptions.opml", "-w", workspace)
    assert result.exit_code == 0, result.output
    assert "Imported 4 new of 4" in result.output
    assert sources(workspace) == [
        ("https://saltmarsh-lab.example/notes/feed.xml", "feed", "Saltmarsh Lab notes"),
        ("https://orrin-institute.example/blog/atom.xml", "feed", "Orrin Institute blog"),
        ("https://dailylattice.example/ai/rss", "feed", "The Daily Lattice: AI"),
        ("https://copperfieldtimes.example/news-sitemap.xml", "sitemap",
         "Copperfield Times news sitemap"),
    ]


def test_sources_import_twice_adds_nothing_new(workspace: Path) -> None:
    invoke("sources", "import", FIXTURES / "subscriptions.opml", "-w", workspace)
    again = invoke("sources", "import", FIXTURES / "subscriptions.opml", "-w", workspace)
    assert again.exit_code == 0 and "Imported 0 new of 4" in again.output
    assert len(sources(workspace)) == 4


def test_sources_import_of_a_file_that_is_not_opml_fails(workspace: Path) -> None:
    result = invoke("sources", "import", FIXTURES / "ferry-timetable.html", "-w", workspace)
    assert result.exit_code == 2 and sources(workspace) == []


def test_sources_export_prints_opml_that_imports_back_to_the_same_list(
    workspace: Path, tmp_path: Path
) -> None:
    invoke("sources", "import", FIXTURES / "subscriptions.opml", "-w", workspace)
    invoke("sources", "add", PAGE, "--kind", "page", "--title", "One story", "-w", workspace)
    exported = invoke("sources", "export", "-w", workspace)
    assert exported.exit_code == 0
    assert len(parse_opml(exported.stdout.encode())) == 5  # valid OPML, one outline each

    opml = tmp_path / "exported.opml"
    opml.write_text(exported.stdout, encoding="utf-8")
    other = tmp_path / "other-desk"
    invoke("init", other, "--no-defaults")
    assert invoke("sources", "import", opml, "-w", other).exit_code == 0
    assert sources(other) == sources(workspace)


def test_sources_export_to_a_file_writes_the_same_opml(workspace: Path, tmp_path: Path) -> None:
    invoke("sources", "import", FIXTURES / "subscriptions.opml", "-w", workspace)
    target = tmp_path / "out.opml"
    result = invoke("sources", "export", "-o", target, "-w", workspace)
    assert result.exit_code == 0 and "Wrote 4 sources" in result.output
    assert target.read_text(encoding="utf-8") == invoke("sources", "export", "-w",
                                                        workspace).stdout


def test_sources_export_then_import_keeps_a_local_folder_source(
    workspace: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "saved-pages"
    folder.mkdir()
    invoke("sources", "add", FEED, "-w", workspace)
    invoke("sources", "add", folder, "--kind", "file", "-w", workspace)
    opml = tmp_path / "exported.opml"
    invoke("sources", "export", "-o", opml, "-w", workspace)
    other = tmp_path / "other-desk"
    invoke("init", other, "--no-defaults")
    invoke("sources", "import", opml, "-w", other)
    assert [(u, k) for u, k, _ in sources(other)] == [(FEED, "feed"), (str(folder), "file")]


# -- list ----------------------------------------------------------------------------------


def test_sources_list_shows_each_source_with_its_health_columns(
    workspace: Path, wide_console: None
) -> None:
    invoke("sources", "add", FEED, "-w", workspace)
    result = invoke("sources", "list", "-w", workspace)
    assert result.exit_code == 0
    header = next(line for line in result.output.splitlines() if "source" in line)
    for column in ("source", "kind", "last fetch", "status", "items", "stored", "last error"):
        assert column in header
    row = next(line for line in result.output.splitlines() if FEED in line)
    assert "feed" in row and "never" in row  # not polled yet


def test_sources_list_shows_a_title_instead_of_the_url_when_there_is_one(
    workspace: Path, wide_console: None
) -> None:
    invoke("sources", "add", FEED, "--title", "Thornbury Gazette AI", "-w", workspace)
    result = invoke("sources", "list", "-w", workspace)
    assert "Thornbury Gazette AI" in result.output and FEED not in result.output


def test_sources_commands_outside_a_workspace_say_how_to_make_one(tmp_path: Path) -> None:
    result = invoke("sources", "list", "-w", tmp_path)
    assert result.exit_code == 2 and "tidings init" in result.output

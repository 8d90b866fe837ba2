"""`tidings run` on a workspace whose sources include a folder of saved pages.

The workspace is made with `tidings init --no-defaults`, given the folder with
`sources add DIR --kind file` (and a folder that does not exist, to see how a
broken source is shown), then `tidings run` runs once as its own process.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from tidings.store import Store

from .conftest import FIXTURES, invoke, own_environment, run_tidings

PAGES = ("canal-boat-sensors.html", "orchard-frost-alerts.html")


@dataclass
class LocalRun:
    root: Path
    pages: Path
    gone: Path
    exit_code: int
    output: str

    def store(self) -> Store:
        return Store(f"sqlite:///{self.root / 'tidings.sqlite'}")


@pytest.fixture(scope="module")
def local_run(tmp_path_factory: pytest.TempPathFactory) -> LocalRun:
    base = tmp_path_factory.mktemp("local")
    pages = base / "saved-pages"
    pages.mkdir()
    for name in PAGES:
        shutil.copy(FIXTURES / "desk" / name, pages / name)
    (pages / "notes.json").write_text("{}", encoding="utf-8")  # not a page: passed over
    root, gone = base / "desk", base / "folder-that-was-moved"
    with own_environment():
        assert invoke("init", root, "--no-defaults").exit_code == 0
        assert invoke("sources", "add", pages, "--kind", "file", "-w", root).exit_code == 0
        assert invoke("sources", "add", gone, "--kind", "file", "-w", root).exit_code == 0
    done = run_tidings("run", "-w", root, "--quiet", timeout=90)
    return LocalRun(root, pages, gone, done.returncode, done.stdout + done.stderr)


def test_run_finishes_cleanly(local_run: LocalRun) -> None:
    assert local_run.exit_code == 0, local_run.output[-3000:]


def test_both_saved_pages_are_stored(local_run: LocalRun) -> None:
    with local_run.store() as store:
        stored = {a.original_url for a in store.articles()}
    assert stored == {(local_run.pages / name).resolve().as_uri() for name in PAGES}


def test_stored_pages_keep_their_titles_and_dates(local_run: LocalRun) -> None:
    with local_run.store() as store:
        page = store.find_article((local_run.pages / PAGES[0]).resolve().as_uri())
    assert page is not None
    assert page.title == "Canal trust fits narrowboats with sensors to train a lock-queue model"
    assert page.published_at is not None and f"{page.published_at:%Y-%m-%d}" == "2026-11-16"


def test_the_folder_source_counts_what_it_listed_and_stored(local_run: LocalRun) -> None:
    with local_run.store() as store:
        source = store.get_source(str(local_run.pages.resolve()))
    assert source is not None and source.last_error is None
    assert (source.items_seen, source.articles_stored) == (2, 2)


def test_a_missing_folder_is_reported_against_its_source(local_run: LocalRun) -> None:
    with local_run.store() as store:
        source = store.get_source(str(local_run.gone.resolve()))
    assert source is not None and source.last_error is not None
    assert "no such file or folder" in source.last_error


def test_sources_list_shows_the_health_of_each_source_after_the_run(
    local_run: LocalRun, wide_console: None
) -> None:
    listing = invoke("sources", "list", "-w", local_run.root).output.splitlines()
    healthy = next(line for line in listing if str(local_run.pages.resolve()) in line)
    broken = next(line for line in listing if str(local_run.gone.resolve()) in line)
    assert "never" not in healthy and "200" in healthy
    assert "no such file or folder" in broken

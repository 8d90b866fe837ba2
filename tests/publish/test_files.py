"""Record file names, slugs, and writing files only when their content changed."""

from __future__ import annotations

import dataclasses
import os
import stat
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from tidings.publish.records import (
    Provider,
    Record,
    RecordError,
    parse_record,
    record_filename,
    write_record,
)
from tidings.publish.slug import slugify


def record(title: str, published: datetime, web_url: str = "https://a.example/x") -> Record:
    return Record(
        title=title,
        excerpt="",
        published=published,
        original_url=web_url,
        web_url=web_url,
        type="article",
        quality=1,
        heat=1,
        published_flag=True,
        provider=Provider("A", "a.example"),
    )


NOON = datetime(2024, 3, 5, 12, 0, tzinfo=UTC)


def test_file_name_is_date_then_slug() -> None:
    assert record_filename(record("Robots Learn to Fold Laundry", NOON)) == (
        "2024-03-05-robots-learn-to-fold-laundry.md"
    )


def test_file_name_date_is_the_utc_publication_date() -> None:
    # 21:30 in New York on the 5th is already the 6th in UTC.
    late_evening = datetime(2024, 3, 5, 21, 30, tzinfo=timezone(timedelta(hours=-5)))
    assert record_filename(record("Night shift", late_evening)).startswith("2024-03-06-")


def test_file_name_refuses_a_naive_time() -> None:
    with pytest.raises(RecordError, match="no timezone"):
        record_filename(record("Whenever", datetime(2024, 3, 5, 12, 0)))


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Meta's New Model: What's Inside?", "metas-new-model-whats-inside"),
        ("Café owners try A.I. ordering", "cafe-owners-try-ai-ordering"),
        ("Straße, Łódź & Ærø — a tour", "strasse-lodz-aero-a-tour"),
        ("GPT-4.5 vs. Claude_3 (2/3)", "gpt-45-vs-claude-3-23"),
        ("Sales rose 2019–2024 by US$2bn", "sales-rose-2019-2024-by-us2bn"),
        ("  --Lots   of   space--  ", "lots-of-space"),
        ("🚀 Launch day 🚀", "launch-day"),
        ("中文标题 with English", "with-english"),
    ],
)
def test_slug_is_lower_case_ascii_words_joined_by_hyphens(title: str, slug: str) -> None:
    assert slugify(title) == slug


def test_long_slug_is_cut_at_a_word_boundary() -> None:
    title = "The quarterly report on machine learning adoption in small and medium businesses " * 2
    slug = slugify(title)
    assert len(slug) <= 80
    assert title.lower().replace(" ", "-").startswith(slug + "-")


def test_a_single_endless_word_is_cut_hard() -> None:
    assert slugify("a" * 200) == "a" * 80


def test_title_without_ascii_letters_gets_a_stable_name_from_the_url() -> None:
    first = record_filename(record("人工智能新闻", NOON, "https://a.example/1"))
    again = record_filename(record("人工智能新闻", NOON, "https://a.example/1"))
    other = record_filename(record("人工智能新闻", NOON, "https://a.example/2"))
    assert first == again != other
    assert first.startswith("2024-03-05-item-") and first.endswith(".md")


def test_slugs_follow_the_reference_sites_file_names(reference_dir: Path) -> None:
    for path in sorted((reference_dir / "raw").iterdir()):
        title = parse_record(path.read_text(encoding="utf-8"))["title"]
        # The site did not cap slug length; compare the word rules only.
        assert slugify(title, max_length=1000) == path.stem[len("2024-01-01-") :], path.name


def test_write_record_writes_only_when_the_content_changes(tmp_path: Path) -> None:
    path = tmp_path / "_news" / "2024-03-05-story.md"
    assert write_record(path, '---\ntitle: "é"\n---\n\n') is True
    assert path.read_bytes() == '---\ntitle: "é"\n---\n\n'.encode()
    before = path.stat()

    assert write_record(path, '---\ntitle: "é"\n---\n\n') is False
    after = path.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)

    assert write_record(path, '---\ntitle: "e"\n---\n\n') is True
    assert path.read_text(encoding="utf-8") == '---\ntitle: "e"\n---\n\n'
    assert sorted(p.name for p in path.parent.iterdir()) == [path.name]  # no temp files left


def test_write_record_keeps_newlines_exactly(tmp_path: Path) -> None:
    path = tmp_path / "r.md"
    write_record(path, "a\nb\r\nc\n")
    assert path.read_bytes() == b"a\nb\r\nc\n"


def test_new_files_are_world_readable_and_existing_modes_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "r.md"
    write_record(path, "one")
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    path.chmod(0o640)
    write_record(path, "two")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_a_failed_write_leaves_the_old_file_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "r.md"
    write_record(path, "old")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        write_record(path, "new")
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["r.md"]


def test_record_filename_is_unchanged_by_other_fields() -> None:
    base = record("Same title", NOON)
    changed = dataclasses.replace(base, excerpt="different", quality=99)
    assert record_filename(base) == record_filename(changed)

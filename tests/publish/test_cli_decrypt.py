"""`tidings decrypt FILE.md`: the sealed full text back in the hands of a key holder."""

from __future__ import annotations

import base64
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tidings.cli import app
from tidings.publish.secured import ENV_VAR, Keyring, encrypt

PAYLOAD = {
    "title": "Harbour cranes learn to read the tide",
    "author": "Ines Varga",
    "text": "The port's cranes now slow down before a swell arrives.\n\nDockers asked for it.",
    "html": "<p>The port's cranes now slow down before a swell arrives.</p>",
    "webUrl": "https://harbour-ledger.example/cranes",
}


def key_text() -> str:
    return base64.b64encode(os.urandom(32)).decode("ascii")


def write_record(folder: Path, secured: str | None) -> Path:
    lines = ["---", 'title: "Harbour cranes learn to read the tide"']
    if secured is not None:
        lines.append(f'secured: "{secured}"')
    path = folder / "2026-11-20-harbour-cranes.md"
    path.write_text("\n".join([*lines, "---", ""]), encoding="utf-8")
    return path


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> CliRunner:
    monkeypatch.delenv(ENV_VAR, raising=False)
    monkeypatch.delenv("TIDINGS_WORKSPACE", raising=False)
    monkeypatch.chdir(tmp_path)  # no workspace above: only the key we pass counts
    return CliRunner()


def test_prints_title_author_url_and_text_with_the_key_file(
    runner: CliRunner, tmp_path: Path
) -> None:
    key = key_text()
    (tmp_path / "secret.key").write_text(key + "\n")
    record = write_record(tmp_path, encrypt(PAYLOAD, Keyring.from_text(key, ",", "test")))

    key_file = str(tmp_path / "secret.key")
    result = runner.invoke(app, ["decrypt", str(record), "--key-file", key_file])

    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[:3] == [
        PAYLOAD["title"], "by Ines Varga", PAYLOAD["webUrl"]
    ]
    assert "Dockers asked for it." in result.stdout


def test_json_gives_the_whole_payload_and_an_older_key_still_opens_it(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old, new = key_text(), key_text()
    record = write_record(tmp_path, encrypt(PAYLOAD, Keyring.from_text(old, ",", "test")))
    monkeypatch.setenv(ENV_VAR, f"{old},{new}")  # rotated: the old key is still listed

    result = runner.invoke(app, ["decrypt", str(record), "--json"])

    assert result.exit_code == 0, result.output
    assert '"html": "<p>The port' in result.stdout


def test_a_wrong_key_is_a_clear_error_never_garbage(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record = write_record(tmp_path, encrypt(PAYLOAD, Keyring.from_text(key_text(), ",", "t")))
    monkeypatch.setenv(ENV_VAR, key_text())

    result = runner.invoke(app, ["decrypt", str(record)])

    assert result.exit_code == 1
    assert "no key in the keyring matches" in result.stderr
    assert PAYLOAD["text"][:20] not in result.stdout


def test_no_key_anywhere_says_where_a_key_can_come_from(
    runner: CliRunner, tmp_path: Path
) -> None:
    record = write_record(tmp_path, encrypt(PAYLOAD, Keyring.from_text(key_text(), ",", "t")))

    result = runner.invoke(app, ["decrypt", str(record)])

    assert result.exit_code == 2
    assert "TIDINGS_SECRET_KEY" in result.stderr and "--key-file" in result.stderr


def test_a_record_written_without_a_key_has_nothing_to_open(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(ENV_VAR, key_text())

    result = runner.invoke(app, ["decrypt", str(write_record(tmp_path, None))])

    assert result.exit_code == 1
    assert "no `secured` field" in result.stderr


def test_a_file_that_is_not_a_record_is_reported(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "notes.md"
    path.write_text("just some notes\n")

    result = runner.invoke(app, ["decrypt", str(path)])

    assert result.exit_code == 2
    assert "no front matter" in result.stderr


def test_a_missing_key_file_is_named(runner: CliRunner, tmp_path: Path) -> None:
    record = write_record(tmp_path, encrypt(PAYLOAD, Keyring.from_text(key_text(), ",", "t")))

    result = runner.invoke(app, ["decrypt", str(record), "--key-file", "nowhere.key"])

    assert result.exit_code == 2
    assert "key file nowhere.key does not exist" in result.stderr

"""`tidings serve` and `tidings token`: the live app on a workspace, from the command line.

The serve test starts the real command in a subprocess on a free loopback port
and talks to it over HTTP, so the wiring from the CLI to uvicorn, the workspace's
database and its tokens file is what is tested, not a stand-in.
"""

from __future__ import annotations

import os
import shutil
import socket
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from tidings.cli import app as cli
from tidings.config import CONFIG_NAME
from tidings.web.auth import TOKENS_ENV, TOKENS_FILE, load_tokens

from .conftest import Desk

runner = CliRunner()


@pytest.fixture
def home(tmp_path: Path, workspace: Path) -> Path:
    """A workspace made by `tidings init`, holding the seeded database and site."""
    root = tmp_path / "desk"
    result = runner.invoke(cli, ["init", str(root), "--no-defaults"])
    assert result.exit_code == 0, result.output
    shutil.copy(workspace / "tidings.sqlite", root / "tidings.sqlite")
    shutil.copytree(workspace / "site", root / "site", dirs_exist_ok=True)
    return root


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def served(home: Path) -> Iterator[str]:
    """`tidings serve` running on the workspace; its base URL."""
    port = free_port()
    env = {**os.environ, "TIDINGS_LOG": "warning"}
    env.pop(TOKENS_ENV, None)
    process = subprocess.Popen(
        [sys.executable, "-m", "tidings", "serve", "--port", str(port), "--workspace", str(home)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(url + "/assets/site.css", trust_env=False, timeout=1)
                break
            except httpx.TransportError:
                if process.poll() is not None or time.monotonic() > deadline:
                    output = process.stdout.read().decode() if process.stdout else ""
                    pytest.fail(f"tidings serve did not start: {output}")
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_serve_answers_from_the_workspace_database(served: str, home: Path, desk: Desk) -> None:
    front = httpx.get(served + "/", trust_env=False)
    assert front.status_code == 200
    assert "Halden unveils the Kestrel inference chip" in front.text
    picture = httpx.get(served + "/api/v1/articles/1", trust_env=False).json()["images"][0]
    assert httpx.get(f"{served}/{picture['cached']['large']}", trust_env=False).status_code == 200
    refused = httpx.post(f"{served}/api/v1/articles/{desk.chip}/pin", trust_env=False)
    assert refused.status_code == 403  # `init` configures no token
    assert "tidings token" in refused.json()["detail"]


def test_token_adds_a_private_token_that_serve_then_accepts(home: Path) -> None:
    first = runner.invoke(cli, ["token", "--workspace", str(home)])
    second = runner.invoke(cli, ["token", "--workspace", str(home)])
    assert first.exit_code == 0 and second.exit_code == 0
    made = [first.output.strip().splitlines()[-1], second.output.strip().splitlines()[-1]]
    path = home / TOKENS_FILE
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert load_tokens(home, environ={}) == tuple(made)
    assert len(made[0]) >= 40 and made[0] != made[1]


def test_tokens_come_from_the_environment_and_the_file_together(tmp_path: Path) -> None:
    (tmp_path / TOKENS_FILE).write_text("# a comment\nfile-token-0123456789\n\nshort\n")
    environ = {TOKENS_ENV: " env-token-0123456789abc , ,file-token-0123456789"}
    assert load_tokens(tmp_path, environ=environ) == ("env-token-0123456789abc",
                                                      "file-token-0123456789")
    assert load_tokens(None, environ={}) == ()


def test_serve_is_documented_in_its_help() -> None:
    result = runner.invoke(cli, ["serve", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    for option in ("--host", "--port", "--workspace", "--full-text"):
        assert option in result.output
    assert "127.0.0.1" in result.output


def test_serve_outside_a_workspace_says_how_to_make_one(tmp_path: Path) -> None:
    result = runner.invoke(cli, ["serve", "--workspace", str(tmp_path)])
    assert result.exit_code == 2
    assert "tidings init" in result.output
    assert not (tmp_path / CONFIG_NAME).exists()

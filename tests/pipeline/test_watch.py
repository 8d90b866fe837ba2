"""`tidings run --watch` repeats cycles until Ctrl-C, then stops cleanly between steps."""

from __future__ import annotations

import shutil
import signal
import subprocess
import time
from pathlib import Path

from tidings.store import Store

from .conftest import FIXTURES, child_env, invoke, tidings_command


def test_ctrl_c_ends_watch_mode_cleanly_after_the_work_is_saved(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    shutil.copy(FIXTURES / "desk" / "canal-boat-sensors.html", pages / "one.html")
    root = tmp_path / "desk"
    assert invoke("init", root, "--no-defaults").exit_code == 0
    assert invoke("sources", "add", pages, "--kind", "file", "-w", root).exit_code == 0

    watcher = subprocess.Popen(
        tidings_command("run", "--watch", "--every", "1", "--quiet", "-w", root),
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=child_env(),
    )
    try:
        deadline = time.monotonic() + 60
        stored = 0
        while time.monotonic() < deadline and not stored:
            time.sleep(0.5)
            with Store(f"sqlite:///{root / 'tidings.sqlite'}") as store:
                stored = store.counts()["articles"]
        assert stored == 1, "the first cycle never stored the page"
        watcher.send_signal(signal.SIGINT)
        output, _ = watcher.communicate(timeout=60)
    finally:
        if watcher.poll() is None:
            watcher.kill()
    assert watcher.returncode == 0, output[-2000:]
    assert "Traceback" not in output
    assert "Run summary" in output

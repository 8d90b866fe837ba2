"""Fixtures for the publish tests: the optional reference material beside the repo.

The reference folder (../shared) is research material, not part of the project;
tests that compare against it skip when it is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2].parent / "shared"


@pytest.fixture
def seed_text() -> str:
    path = SHARED / "seeds" / "000_8a5b5761f1957e63.txt"
    if not path.is_file():
        pytest.skip("the seed record (../shared/seeds) is not available")
    return path.read_text(encoding="utf-8")


@pytest.fixture
def reference_dir() -> Path:
    path = SHARED / "reference" / "everyday"
    if not (path / "raw").is_dir() or not (path / "records.jsonl").is_file():
        pytest.skip("the reference records (../shared/reference/everyday) are not available")
    return path

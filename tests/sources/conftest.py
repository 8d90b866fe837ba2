"""Shared helpers for the sources tests: fixture documents live in ./fixtures."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def fixture_bytes() -> Callable[[str], bytes]:
    """Read a fixture document by file name."""

    def read(name: str) -> bytes:
        return (FIXTURES / name).read_bytes()

    return read

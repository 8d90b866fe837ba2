"""Load the benchmark scripts (``bench/`` is a folder of scripts, not a package)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "bench"
SHARED = ROOT.parent / "shared" / "bench"
REFERENCE_SCORER = SHARED / "score_extraction.py"


def load(path: Path, name: str) -> ModuleType:
    if str(BENCH) not in sys.path:
        sys.path.insert(0, str(BENCH))
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(name, module)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def scoring() -> ModuleType:
    return load(BENCH / "scoring.py", "scoring")


@pytest.fixture(scope="session")
def extraction() -> ModuleType:
    return load(BENCH / "extraction.py", "bench_extraction")


@pytest.fixture(scope="session")
def reference() -> ModuleType:
    if not REFERENCE_SCORER.is_file():
        pytest.skip(f"{REFERENCE_SCORER} is not here")
    return load(REFERENCE_SCORER, "reference_score_extraction")

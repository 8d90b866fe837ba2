"""Curation measured: one table for stories, pair similarity, relevance and topics, and cost.

Each section lives in a sibling module exposing ``measure(args) -> list[dict]`` (rows with
``section, system, metric, value, target, note``) and, optionally, ``add_arguments(parser)``:

* ``curation_stories``: story clustering on the UCI headlines and same-story similarity on
  the SemEval pairs, with peers;
* ``curation_ceilings``: what the UCI gold stories allow, given the answers, and how their
  time stamps compare with the demo's stories;
* ``curation_reference``: relevance and topics on the reference site's 102 records;
* ``curation_cost``: 100,000 generated articles curated one by one.

A section whose module is missing, or whose run fails, becomes one row saying so; the
others still run. ``--only stories,cost`` runs some of them. The table is printed as
markdown and written as JSON under ``--out`` (default ``bench/results/curation/``).

    .venv/bin/python bench/curation.py                 # everything
    .venv/bin/python bench/curation.py --only stories --half a
    .venv/bin/python bench/curation.py --only cost --cost 5000
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import time
import traceback
from pathlib import Path
from types import ModuleType
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))

#: name on the command line -> sibling module
SECTIONS = {"stories": "curation_stories", "ceilings": "curation_ceilings",
            "reference": "curation_reference", "cost": "curation_cost"}
COLUMNS = ("section", "system", "metric", "value", "target", "note")


def load_sections(names: list[str]) -> dict[str, ModuleType | str]:
    """The section modules that exist; a missing one maps to the reason."""
    found: dict[str, ModuleType | str] = {}
    for name in names:
        try:
            found[name] = importlib.import_module(SECTIONS[name])
        except ModuleNotFoundError as error:
            found[name] = f"not available: {error}"
    return found


def build_parser(sections: dict[str, ModuleType | str]) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default=",".join(SECTIONS),
                        help=f"comma-separated sections: {', '.join(SECTIONS)}")
    parser.add_argument("--out", type=Path, default=BENCH / "results" / "curation",
                        help="folder for curation.json and the sections' listings")
    parser.add_argument("--half", choices=["a", "b"], default=None,
                        help="only one half of each data set (tune on one, confirm on the other)")
    for module in sections.values():
        if isinstance(module, ModuleType) and hasattr(module, "add_arguments"):
            module.add_arguments(parser)
    return parser


def run_section(name: str, module: ModuleType | str, args: argparse.Namespace) -> list[dict]:
    if isinstance(module, str):
        return [_row(name, "-", "-", "skipped", note=module)]
    start = time.perf_counter()
    try:
        rows = list(module.measure(args))
    except Exception as error:  # one failing section must not hide the others
        traceback.print_exc(file=sys.stderr)
        return [_row(name, "-", "-", "failed", note=f"{type(error).__name__}: {error}")]
    print(f"[{name}] {len(rows)} rows in {time.perf_counter() - start:.0f} s", file=sys.stderr)
    return rows


def markdown(rows: list[dict]) -> str:
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    for row in rows:
        cells = [_cell(row.get(column, "")) for column in COLUMNS]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _cell(value: Any) -> str:
    if isinstance(value, float):
        value = f"{value:.4f}".rstrip("0").rstrip(".") if abs(value) < 1000 else f"{value:,.0f}"
    return str(value).replace("|", "\\|")


def _row(section: str, system: str, metric: str, value: Any, target: Any = "",
         note: str = "") -> dict:
    return {"section": section, "system": system, "metric": metric, "value": value,
            "target": target, "note": note}


def main(argv: list[str] | None = None) -> int:
    wanted = _wanted(argv if argv is not None else sys.argv[1:])
    sections = load_sections(wanted)
    args = build_parser(sections).parse_args(argv)
    rows: list[dict] = []
    for name, module in sections.items():
        rows += run_section(name, module, args)
    print(markdown(rows))
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "curation.json").write_text(json.dumps(rows, indent=1, default=str) + "\n")
    return 0


def _wanted(argv: list[str]) -> list[str]:
    """Sections named by --only (read before the full parser exists, which needs them)."""
    early = argparse.ArgumentParser(add_help=False)
    early.add_argument("--only", default=",".join(SECTIONS))
    known, _ = early.parse_known_args(argv)
    names = [n.strip() for n in known.only.split(",") if n.strip()]
    unknown = [n for n in names if n not in SECTIONS]
    if unknown:
        raise SystemExit(f"unknown section(s): {', '.join(unknown)}; choose from "
                         f"{', '.join(SECTIONS)}")
    return names


if __name__ == "__main__":
    raise SystemExit(main())

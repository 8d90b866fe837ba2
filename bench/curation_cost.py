"""Cost of curation: 100,000 generated articles, one by one, through `tidings curate`'s path.

The articles come from ``bench/newsgen.py`` (no shared data needed): a few hundred publishers,
stories of very different sizes spread over half a year, syndicated copies, and some
off-topic pages and market-research spam. Each story is its own event in its own field
(a chip recall, a tutoring start-up's funding, a bill on flood warnings ...) with its own
invented names and numbers, and its articles are rewrites of its facts, so distinct
stories differ in meaning as real ones do and the grouper meets the story sizes of real
news, not giant look-alike clusters. They go through
:func:`tidings.curate.jsonl.curate_lines`, the code `tidings curate` runs, as JSON
lines; output lines are serialised, read for their story, and dropped.

Reported: articles per second (curation only: generating the input is timed
apart and left out), mean milliseconds per article over the first and the last
10,000 and over every block between (flat means no slowdown as the stream grows,
once the first window has filled), and memory: peak RSS, plus the resident size
after every block (bounded means it levels off once the window is full). Beside the
cost, the stories the desk formed: how many, the largest, how many hold over 100
articles, B-cubed F1 against the generated stories, and the records published.

Run alone: ``.venv/bin/python bench/curation_cost.py [--cost N]``;
``bench/curation.py`` runs it as one section of the issue's table.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import resource
import sys
import time
from array import array
from collections import Counter
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from newsgen import SPAN_DAYS, Generator  # noqa: E402
from tidings.curate import desk as desk_module  # noqa: E402
from tidings.curate.jsonl import curate_lines  # noqa: E402

SECTION = "cost (generated articles, one by one)"
SYSTEM = "tidings curate"
DEFAULT_COUNT = 100_000
BLOCK = 10_000

# -- the measurement -------------------------------------------------------------------------


def _rss_mb() -> float:
    with open(f"/proc/{os.getpid()}/statm") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


class StageClock:
    """Time spent inside the stages the desk calls, to show where an article's time goes."""

    STAGES = {"relevance and topics": ((desk_module.relevance, "judge"),
                                       (desk_module.topics, "tag")),
              "grouping": ((desk_module.Grouper, "place"),
                           (desk_module.Grouper, "embed_ahead"))}

    def __init__(self) -> None:
        self.spent = dict.fromkeys(self.STAGES, 0.0)
        self._saved: list[tuple[Any, str, Any]] = []

    def __enter__(self) -> StageClock:
        for stage, targets in self.STAGES.items():
            for owner, name in targets:
                original = getattr(owner, name, None)
                if original is None:
                    continue
                self._saved.append((owner, name, original))
                setattr(owner, name, self._timed(stage, original))
        return self

    def __exit__(self, *exc: object) -> None:
        for owner, name, original in reversed(self._saved):
            setattr(owner, name, original)

    def _timed(self, stage: str, function: Any) -> Any:
        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.spent[stage] += time.perf_counter() - started
        return timed


def mode() -> str:
    """How stories are grouped in this environment (with or without sentence embeddings)."""
    grouper = desk_module.Grouper(window=timedelta(days=7))
    return str(getattr(grouper, "mode", "default"))


def run(count: int, stop: int | None = None) -> dict[str, Any]:
    """Curate ``count`` generated articles (only the first ``stop`` of that stream, if
    given: the slower mode at full density in less time); times exclude generating them."""
    generator = Generator(count)
    spent: list[float] = []  # seconds the curator held each line
    rss: dict[int, float] = {}
    lines = itertools.islice(generator.lines(), stop) if stop else generator.lines()
    done = min(count, stop or count)
    # Blocks of the articles curated, not of the stream: with --cost-stop a block of the
    # stream's size could exceed the run, and its first and last windows would be empty.
    block = min(BLOCK, max(done // 5, 1))

    def timed() -> Iterator[str]:
        for n, line in enumerate(lines, start=1):
            handed, tallied = time.perf_counter(), tally
            yield line
            # The sink's reading of output lines is the bench's work, not the curator's.
            spent.append(time.perf_counter() - handed - (tally - tallied))
            if n % block == 0:
                rss[n] = _rss_mb()
                recent = 1000 * sum(spent[-block:]) / block
                print(f"  {n:>7,} articles: {recent:.2f} ms per article over the last {block:,}, "
                      f"RSS {rss[n]:.0f} MB", file=sys.stderr, flush=True)

    written, tally = 0, 0.0
    placed = array("q", [-1]) * done  # the desk's story of each relevant article

    def sink(line: str) -> None:
        nonlocal written, tally
        started = time.perf_counter()
        written += 1
        data = json.loads(line)
        ident, story = data.get("id"), data.get("story")
        if data.get("relevant") and isinstance(ident, int) and isinstance(story, int):
            placed[ident] = story
        tally += time.perf_counter() - started

    started = time.perf_counter()
    with StageClock() as stages:
        report = curate_lines(timed(), sink)
    wall = time.perf_counter() - started
    curated = sum(spent)
    rss_end = _rss_mb()
    return {
        "stories": story_figures(placed, generator.truth[:done]),
        "mode": mode(),
        "stages_ms": {k: 1000 * v / done for k, v in stages.spent.items()},
        "count": done, "stream": count, "block": block, "written": written, "report": report,
        "articles_per_second": done / curated if curated else 0.0,
        "first_ms": 1000 * sum(spent[:block]) / block,
        "last_ms": 1000 * sum(spent[-block:]) / block,
        "rss_first_mb": rss.get(block, 0.0), "rss_end_mb": rss_end,
        "rss_series": list(rss.values()),
        "ms_series": [1000 * sum(spent[i : i + block]) / len(spent[i : i + block])
                      for i in range(0, len(spent), block)],
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1000,
        "wall_seconds": wall,
    }


def story_figures(placed: array, truth: array) -> dict[str, Any]:
    """How the desk grouped the relevant articles, next to the stories generated.

    A giant story (hundreds of members) is a cost path real news never takes, and a sign
    that the stream's stories are not told apart; B-cubed F1 against the generated stories
    says how far the desk's stories are the generator's (copies count as members).
    """
    from cluster_scoring import score_clusters  # bench/ is on the path when run

    pred = {n: story for n, story in enumerate(placed) if story >= 0}
    gold = {n: truth[n] for n in pred if truth[n] >= 0}
    sizes = Counter(pred.values())
    largest = sorted(sizes.values(), reverse=True)
    score = score_clusters(gold, pred) if gold else None
    return {
        "placed": len(pred), "stories": len(sizes), "largest": largest[:5],
        "over_100": sum(1 for n in largest if n > 100),
        "generated": len(set(gold.values())),
        "bcubed_f1": score.bcubed_f1 if score else 0.0,
        "bcubed_precision": score.bcubed_precision if score else 0.0,
        "bcubed_recall": score.bcubed_recall if score else 0.0,
    }


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options this section reads (the driver may add them to its own parser)."""
    if not any(a.dest == "cost" for a in parser._actions):
        parser.add_argument("--cost", type=int, default=DEFAULT_COUNT, metavar="N",
                            help=f"generated articles to curate (default {DEFAULT_COUNT:,})")
        parser.add_argument("--cost-stop", type=int, default=None, metavar="M",
                            help="curate only the first M articles of the N-article stream")


def measure(args: argparse.Namespace) -> list[dict[str, Any]]:
    count = int(getattr(args, "cost", None) or DEFAULT_COUNT)
    r = run(count, getattr(args, "cost_stop", None))
    count, st = r["count"], r["stories"]
    system = f"{SYSTEM} ({r['mode']})"
    block = f"{r['block']:,}"
    note = (f"{count:,} of {r['stream']:,} articles over {SPAN_DAYS} days; "
            f"{r['report'].relevant:,} relevant, "
            f"{r['report'].published:,} published; at most {r['report'].most_waiting:,} waited")
    rows = [
        _row("articles", count, note=note),
        _row("articles per second", round(r["articles_per_second"], 1),
             note=f"curation only; wall {r['wall_seconds']:.0f} s including generation"),
        _row(f"ms per article, first {block}", round(r["first_ms"], 2)),
        _row(f"ms per article, last {block}", round(r["last_ms"], 2),
             target=f"<= {round(1.25 * r['first_ms'], 2)} (flat)",
             note=f"ratio last/first {r['last_ms'] / r['first_ms']:.2f}; every block: "
             + ", ".join(f"{v:.1f}" for v in r["ms_series"])),
        *(_row(f"ms per article in {stage}", round(ms, 2), note="mean over all articles")
          for stage, ms in r["stages_ms"].items()),
        _row("stories", st["stories"],
             note=f"of {st['placed']:,} relevant articles; {st['generated']:,} generated"),
        _row("largest stories (articles)", ", ".join(f"{n:,}" for n in st["largest"]),
             note=f"{st['over_100']:,} stories with over 100 articles"),
        _row("B-cubed F1 vs generated stories", round(st["bcubed_f1"], 3),
             note=f"precision {st['bcubed_precision']:.3f}, "
             f"recall {st['bcubed_recall']:.3f}"),
        _row("records published", r["report"].published),
        _row(f"RSS after first {block} (MB)", round(r["rss_first_mb"], 1),
             note="RSS every block: " + ", ".join(f"{v:.0f}" for v in r["rss_series"])),
        _row("RSS at the end (MB)", round(r["rss_end_mb"], 1), note="bounded: close to the above"),
        _row("peak RSS (MB)", round(r["peak_rss_mb"], 1), note="whole process, imports included"),
    ]
    for row in rows:
        row["system"] = system
    return rows


def _row(metric: str, value: Any, *, target: Any = "", note: str = "",
         system: str = SYSTEM) -> dict[str, Any]:
    return {"section": SECTION, "system": system, "metric": metric, "value": value,
            "target": target, "note": note}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_arguments(parser)
    args = parser.parse_args()
    rows = measure(args)
    print(rows[0]["system"])
    for row in rows:
        print(f"{row['metric']:<36} {row['value']!s:>10}  {row['target']!s:>18}  {row['note']}")


if __name__ == "__main__":
    main()

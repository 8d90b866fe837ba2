"""Cost of curation: 100,000 generated articles, one by one, through `tidings curate`'s path.

The articles are generated here from templates (no shared data needed): a few
hundred publishers, stories of very different sizes spread over half a year,
syndicated copies, and some off-topic pages and market-research spam. They go
through :func:`tidings.curate.jsonl.curate_lines`, the code `tidings curate`
runs, as JSON lines; output lines are serialised and then dropped.

Reported: articles per second (curation only: generating the input is timed
apart and left out), mean milliseconds per article over the first and the last
10,000 and over every block between (flat means no slowdown as the stream grows,
once the first window has filled), and memory: peak RSS, plus the resident size
after every block (bounded means it levels off once the window is full).

Run alone: ``.venv/bin/python bench/curation_cost.py [--cost N]``;
``bench/curation.py`` runs it as one section of the issue's table.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import resource
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from tidings.curate import desk as desk_module  # noqa: E402
from tidings.curate.jsonl import curate_lines  # noqa: E402

SECTION = "cost (generated articles, one by one)"
SYSTEM = "tidings curate"
DEFAULT_COUNT = 100_000
BLOCK = 10_000
#: 100,000 articles over half a year is about 550 a day, a busy desk's intake: a 7-day
#: window then holds about 4,000 articles, the working set every new article meets.
SPAN_DAYS = 180
START = datetime(2026, 6, 1, tzinfo=UTC)

# -- the generator ---------------------------------------------------------------------------

SYLLABLES = ("ka", "lo", "ven", "tra", "mir", "sol", "dex", "nor", "bel", "quin", "zar", "phe",
             "ori", "tal", "vex", "run", "cal", "emb", "ost", "ira", "ule", "gan", "pry", "sto")
CITIES = ("Oslo", "Lyon", "Austin", "Pune", "Osaka", "Leeds", "Quito", "Perth", "Turin", "Riga",
          "Kobe", "Accra", "Bergen", "Denver", "Lille", "Malmo")
THINGS = {
    "chip": ("AI accelerator", "inference chip", "GPU cluster", "training processor"),
    "model": ("language model", "vision model", "speech model", "multimodal model"),
    "robot": ("warehouse robot", "surgical robot", "delivery robot", "humanoid robot"),
    "policy": ("AI safety bill", "model licensing rule", "AI transparency law",
               "data protection code"),
    "funding": ("AI startup", "machine learning platform", "AI coding assistant",
                "chatbot maker"),
}
ACTIONS = {
    "chip": ("unveils", "ships", "delays", "benchmarks"),
    "model": ("releases", "open-sources", "retires", "upgrades"),
    "robot": ("deploys", "recalls", "tests", "demonstrates"),
    "policy": ("debates", "passes", "softens", "challenges"),
    "funding": ("raises money for", "acquires", "spins out", "values"),
}
OPENINGS = (
    "{org} {action} its {thing} {product} on {day}, the company said in {city}.",
    "On {day}, {org} said it {action} the {thing} known as {product}.",
    "{person}, who leads {org}, announced that the company {action} {product}.",
)
FACTS = (
    "The {thing} reportedly needs {n} percent less energy than the previous generation.",
    "{person} told reporters that {n} customers had signed up during the preview.",
    "According to {org}, {product} was trained on data gathered over {n} months.",
    "Analysts said the move puts pressure on rivals building similar {thing} products.",
    "The company expects revenue from {product} within {n} quarters.",
    "Engineers in {city} ran the first tests of {product} on a machine learning benchmark.",
    "Regulators have asked {org} to explain how the {thing} handles personal data.",
    "{org} said {product} uses a neural network with {n} billion parameters.",
    "Early users described the artificial intelligence features as promising but uneven.",
    "Shares of {org} moved {n} percent in early trading after the news.",
)
COLOUR = (
    "Our reporter spoke to three engineers who had seen {product} in operation.",
    "Critics question whether the claims about {product} will survive independent testing.",
    "The announcement follows a difficult year for {org}, which cut staff in {city}.",
    "Industry groups said they would study the details before commenting.",
    "A spokesperson declined to give a shipping date for every market.",
    "The AI sector has seen a string of similar announcements this quarter.",
    "Researchers outside the company called the approach a sensible next step.",
    "Customers in {city} will be the first to get access, {person} said.",
)
OFF_TOPIC = (
    "The city council approved a new cycle lane along the river after a long debate.",
    "Local bakers reported record sales during the autumn festival weekend.",
    "The home team won on penalties after a goalless match in heavy rain.",
    "A new exhibition of landscape paintings opens at the museum on Friday.",
    "Volunteers cleaned the beach and collected two tonnes of plastic.",
)
SPAM = ("{thing} Market Size, Share, CAGR and Forecast to 2032",
        "Global {thing} Market Report: Trends, Share and Outlook 2031")


class Generator:
    """Articles as `tidings curate` input lines, in time order, from a fixed seed."""

    def __init__(self, count: int, seed: int = 7) -> None:
        self.count = count
        self.rng = random.Random(seed)
        self.publishers = [self._name(2) + ".example" for _ in range(400)]
        weights = [1 / (rank + 1) ** 0.8 for rank in range(len(self.publishers))]
        self.weights = weights  # a few big publishers, a long tail of small ones

    def lines(self) -> Iterator[str]:
        step = SPAN_DAYS * 86_400 / self.count
        open_stories: list[dict[str, Any]] = []
        for n in range(self.count):
            when = START + timedelta(seconds=n * step)
            roll = self.rng.random()
            if roll < 0.04:
                yield self._off_topic(n, when)
                continue
            if roll < 0.06:
                yield self._spam(n, when)
                continue
            open_stories = [s for s in open_stories if when - s["start"] < timedelta(days=4)
                            and s["left"] > 0]
            if not open_stories or self.rng.random() < 0.35:
                open_stories.append(self._story(when))
            story = self.rng.choice(open_stories)
            story["left"] -= 1
            yield self._article(n, when, story)

    def _name(self, syllables: int) -> str:
        return "".join(self.rng.choice(SYLLABLES) for _ in range(syllables))

    def _story(self, when: datetime) -> dict[str, Any]:
        kind = self.rng.choice(list(THINGS))
        org = self._name(self.rng.randint(2, 3)).title()
        size = min(int(self.rng.paretovariate(1.2)), 60)  # most stories small, a few large
        return {
            "kind": kind, "start": when, "left": size, "articles": [],
            "slots": {
                "org": f"{org} {self.rng.choice(('Labs', 'Systems', 'AI', 'Robotics', 'Inc'))}",
                "product": f"{self._name(2).title()}-{self.rng.randint(2, 99)}",
                "thing": self.rng.choice(THINGS[kind]),
                "action": self.rng.choice(ACTIONS[kind]),
                "person": f"{self._name(2).title()} {self._name(3).title()}",
                "city": self.rng.choice(CITIES),
                "day": when.strftime("%A"),
            },
        }

    def _fill(self, template: str, slots: dict[str, str]) -> str:
        return template.format(n=self.rng.randint(2, 90), **slots)

    def _article(self, n: int, when: datetime, story: dict[str, Any]) -> str:
        publisher = self.rng.choices(self.publishers, self.weights)[0]
        slots = story["slots"]
        if story["articles"] and self.rng.random() < 0.08:  # a syndicated copy
            title, text = self.rng.choice(story["articles"])
            text += " " + self._fill(self.rng.choice(COLOUR), slots)
        else:
            title = self._fill(self.rng.choice((
                "{org} {action} {product}", "{product}: {org} {action} its {thing}",
                "Why {org} {action} the {product} {thing}", "{person} on the {product} plan",
            )), slots)
            sentences = [self._fill(self.rng.choice(OPENINGS), slots)]
            sentences += [self._fill(s, slots) for s in self.rng.sample(FACTS, 6)]
            sentences += [self._fill(s, slots) for s in self.rng.sample(COLOUR, 4)]
            text = " ".join(sentences * self.rng.randint(1, 3))
            story["articles"].append((title, text))
        return self._line(n, when, title, text, publisher, author=self.rng.random() < 0.7)

    def _off_topic(self, n: int, when: datetime) -> str:
        text = " ".join(self.rng.choice(OFF_TOPIC) for _ in range(12))
        return self._line(n, when, "Around town this week", text,
                          self.rng.choice(self.publishers))

    def _spam(self, n: int, when: datetime) -> str:
        thing = self.rng.choice(THINGS["chip"] + THINGS["model"]).title()
        title = self.rng.choice(SPAM).format(thing=thing)
        text = (f"The {thing} market size was valued at USD {self.rng.randint(2, 90)} billion. "
                "The report covers market share, CAGR and the forecast period. Request a free "
                "sample. ") * 6
        return self._line(n, when, title, text, "openpr.com")

    @staticmethod
    def _line(n: int, when: datetime, title: str, text: str, publisher: str,
              author: bool = False) -> str:
        data = {"id": n, "title": title, "text": text, "publisher": publisher,
                "url": f"https://{publisher}/news/{n}", "publishedDateTime": when.isoformat(),
                "author": "Staff Writer" if author else None}
        return json.dumps(data)


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
    block = min(BLOCK, max(count // 5, 1))
    lines = itertools.islice(generator.lines(), stop) if stop else generator.lines()
    done = min(count, stop or count)

    def timed() -> Iterator[str]:
        for n, line in enumerate(lines, start=1):
            handed = time.perf_counter()
            yield line
            spent.append(time.perf_counter() - handed)
            if n % block == 0:
                rss[n] = _rss_mb()
                recent = 1000 * sum(spent[-block:]) / block
                print(f"  {n:>7,} articles: {recent:.2f} ms per article over the last {block:,}, "
                      f"RSS {rss[n]:.0f} MB", file=sys.stderr, flush=True)

    written = 0

    def sink(_: str) -> None:
        nonlocal written
        written += 1

    started = time.perf_counter()
    with StageClock() as stages:
        report = curate_lines(timed(), sink)
    wall = time.perf_counter() - started
    curated = sum(spent)
    return {
        "mode": mode(),
        "stages_ms": {k: 1000 * v / done for k, v in stages.spent.items()},
        "count": done, "stream": count, "block": block, "written": written, "report": report,
        "articles_per_second": done / curated if curated else 0.0,
        "first_ms": 1000 * sum(spent[:block]) / block,
        "last_ms": 1000 * sum(spent[-block:]) / block,
        "rss_first_mb": rss.get(block, 0.0), "rss_end_mb": _rss_mb(),
        "rss_series": list(rss.values()),
        "ms_series": [1000 * sum(spent[i : i + block]) / len(spent[i : i + block])
                      for i in range(0, len(spent), block)],
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1000,
        "wall_seconds": wall,
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
    count = r["count"]
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

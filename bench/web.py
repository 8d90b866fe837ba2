"""Web latency: the live app's front page and search, p50 and p95, at 10,000 and 100,000 articles.

    .venv/bin/python bench/web.py [--sizes 10000,100000] [--requests 400] [--concurrency 1]
                                  [--cache DIR] [--out bench/results/web]

For each size a SQLite workspace is filled with generated articles through the
store's own API (the text comes from ``bench/curation_cost.py``'s generator, with
topics, stories, quality, heat and published flags set the way curation sets
them). Filling 100,000 takes minutes, so each filled workspace is kept under
``--cache`` and reused while the schema revision is the same.

Two systems answer over loopback, one at a time, each in its own process:

- ``tidings serve``: the front page (``/``) and search (``/search?q=...``);
- Datasette, a general web front for SQLite, on the same database file: the
  articles table sorted by heat (its nearest thing to a front page) and its
  full-text search (``?_search=``) over the store's FTS5 table.

The load comes from a third process (this script with ``--load``): a closed loop
of ``--concurrency`` clients with keep-alive, after a warm-up, cycling through the
same URLs for both systems. Reported: p50, p95, p99 and requests per second, and
the ratio of Tidings' p95 to Datasette's (below 1.00 is faster). Targets on a
2-core machine at 100,000 articles: p95 under 50 ms (front page) and 100 ms (search).
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

TARGETS = {"front page": 50.0, "search": 100.0}  #: p95 in ms at 100,000 articles
TOPICS = {  # the generator's kinds of story, as curation would tag them
    "chip": ("AI Hardware", "Nvidia"),
    "model": ("Large Language Models", "Generative AI"),
    "robot": ("AI in Robotics",),
    "policy": ("AI Policy and Regulation", "AI Ethics"),
    "funding": ("AI Business",),
}


# -- filling a workspace ---------------------------------------------------------------------


def schema_revision() -> str:
    """The newest migration's file name: a cached workspace from an older schema is refilled."""
    versions = ROOT / "src/tidings/store/migrations/versions"
    return sorted(p.stem for p in versions.glob("0*.py"))[-1]


def fill(root: Path, count: int, seed: int = 11) -> None:
    """A workspace at ``root`` holding ``count`` stored, curated articles."""
    from newsgen import Generator
    from tidings import config
    from tidings.config import Settings, Workspace
    from tidings.models import Article
    from tidings.publish.slug import slugify
    from tidings.store import Store

    class Tagged(Generator):
        """The cost generator, also telling which story each article belongs to."""

        def _article(self, n: int, when: datetime, story: dict[str, Any]) -> str:
            line = json.loads(super()._article(n, when, story))
            line["kind"], line["story_key"] = story["kind"], id(story)
            return json.dumps(line)

    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    workspace = Workspace(root=root, settings=Settings(
        database="sqlite:///tidings.sqlite", output="site", key_file="secret.key"))
    config.save(workspace)
    rng = random.Random(seed)
    stories: dict[int, int] = {}
    started = time.perf_counter()
    with Store(workspace.database_url) as store:
        for number, raw in enumerate(Tagged(count, seed).lines(), 1):
            line = json.loads(raw)
            when = datetime.fromisoformat(line["publishedDateTime"])
            article = Article(
                original_url=line["url"], web_url=line["url"], title=line["title"],
                text=line["text"], excerpt=line["text"][:200], author=line.get("author"),
                published=when, provider_name=line["publisher"].split(".")[0].title(),
                provider_domain=line["publisher"],
            )
            stored, _ = store.save_article(article, source_id=None)
            kind = line.get("kind")
            relevant = kind is not None
            fields: dict[str, Any] = {"relevant": relevant}
            if relevant:
                names = ("AI", *TOPICS[kind][: rng.randint(1, len(TOPICS[kind]))])
                key = line["story_key"]
                if key not in stories:
                    stories[key] = store.create_story(title=line["title"],
                                                      lead_article_id=stored.id)
                quality = rng.uniform(30, 95)
                fields.update(
                    topics=[{"name": n, "slug": slugify(n), "evidence": []} for n in names],
                    story_id=stories[key], quality=quality,
                    heat=max(0.0, min(100.0, quality * rng.uniform(0.2, 1.1))),
                )
                fields["published"] = fields["heat"] >= 30
            store.update_curation(stored.id, **fields)
            if number % 10_000 == 0:
                rate = number / (time.perf_counter() - started)
                print(f"  filled {number:,} of {count:,} ({rate:,.0f} articles/s)", flush=True)
    (root / "filled.json").write_text(json.dumps({"count": count, "seed": seed,
                                                  "schema": schema_revision()}))


def workspace_for(cache: Path, count: int) -> Path:
    root = cache / f"web-{count}"
    stamp = root / "filled.json"
    if stamp.exists():
        known = json.loads(stamp.read_text())
        if known.get("count") == count and known.get("schema") == schema_revision():
            return root
    print(f"Filling a workspace with {count:,} articles in {root} (kept for later runs) ...")
    fill(root, count)
    return root


def queries(database: Path, n: int = 60, seed: int = 5) -> list[str]:
    """Search words a reader might type: product, company and topic words from stored titles."""
    rng = random.Random(seed)
    with sqlite3.connect(database) as db:
        titles = [t for (t,) in db.execute("SELECT title FROM articles ORDER BY id LIMIT 5000")]
    words = sorted({w.strip(":,").lower() for t in titles for w in t.split() if len(w) > 4})
    common = ["language model", "inference chip", "robot", "safety bill", "startup"]
    return common + rng.sample(words, min(n - len(common), len(words)))


# -- the systems -----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def running(command: list[str], port: int, ready_path: str) -> Iterator[str]:
    """Start a server process and wait until it answers ``ready_path``."""
    import httpx

    base = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"{command[0]} exited: {process.stderr.read().decode()[-800:]}")
            try:
                if httpx.get(base + ready_path, timeout=30).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"{command[0]} did not answer {ready_path} in 120 s")
            time.sleep(0.3)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()


def tidings_urls(words: list[str]) -> dict[str, list[str]]:
    return {"front page": ["/"], "search": [f"/search?q={quote(w)}" for w in words]}


def datasette_urls(words: list[str]) -> dict[str, list[str]]:
    # Only the columns our pages show: Datasette would otherwise render every column,
    # full text included, which would measure its HTML size rather than its queries.
    table, cols = "/tidings/articles", "&_col=title&_col=provider_domain&_col=heat"
    return {
        "front page": [f"{table}?_sort_desc=heat&published=1&_size=30{cols}"],
        "search": [f"{table}?_search={quote(w)}&published=1&_size=20{cols}" for w in words],
    }


def fts_table(database: Path) -> str | None:
    """The store's FTS5 table over ``articles``, which Datasette finds by its content option."""
    with sqlite3.connect(database) as db:
        for name, sql in db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'"):
            if sql and "VIRTUAL TABLE" in sql.upper() and "fts5" in sql.lower() and (
                    "content='articles'" in sql or 'content="articles"' in sql):
                return str(name)
    return None


# -- the load generator (runs in its own process) --------------------------------------------


def load(base: str, urls: list[str], requests: int, concurrency: int, warmup: int) -> dict:
    import httpx

    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    counter = iter(range(requests + warmup))

    def client_loop() -> None:
        with httpx.Client(base_url=base, timeout=30) as client:
            while True:
                with lock:
                    n = next(counter, None)
                if n is None:
                    return
                url = urls[n % len(urls)]
                started = time.perf_counter()
                try:
                    response = client.get(url)
                    ok = response.status_code == 200
                    problem = f"{response.status_code} {url}"
                except httpx.HTTPError as exc:
                    ok, problem = False, f"{type(exc).__name__} {url}"
                elapsed = (time.perf_counter() - started) * 1000
                if n >= warmup:
                    with lock:
                        if ok:
                            latencies.append(elapsed)
                        else:
                            errors.append(problem)

    started = time.perf_counter()
    threads = [threading.Thread(target=client_loop) for _ in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return {"latencies": latencies, "errors": errors, "seconds": time.perf_counter() - started}


def measure(base: str, urls: list[str], args: argparse.Namespace, requests: int) -> dict:
    command = [sys.executable, __file__, "--load", base, "--requests", str(requests),
               "--concurrency", str(args.concurrency), "--warmup", str(args.warmup)]
    done = subprocess.run(command, input=json.dumps(urls), capture_output=True, text=True,
                          check=True)
    result = json.loads(done.stdout)
    times = sorted(result["latencies"])
    cut = statistics.quantiles(times, n=100, method="inclusive") if len(times) > 1 else times * 99
    return {"p50": cut[49], "p95": cut[94], "p99": cut[98], "n": len(times),
            "errors": len(result["errors"]), "first_error": (result["errors"] or [""])[0],
            "rps": len(times) / result["seconds"] if result["seconds"] else 0.0}


# -- the run ---------------------------------------------------------------------------------


def bench(args: argparse.Namespace) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for size in args.sizes:
        root = workspace_for(args.cache, size)
        database = root / "tidings.sqlite"
        words = queries(database)
        port = free_port()
        serve = [str(Path(sys.executable).with_name("tidings")), "serve", "--workspace",
                 str(root), "--host", "127.0.0.1", "--port", str(port)]
        with running(serve, port, "/") as base:
            for endpoint, urls in tidings_urls(words).items():
                rows.append({"size": size, "system": "tidings serve", "endpoint": endpoint,
                             **measure(base, urls, args, args.requests)})
        if args.skip_peer:
            continue
        fts = fts_table(database)
        port = free_port()
        datasette = [str(Path(sys.executable).with_name("datasette")), "serve",
                     str(database), "--port", str(port), "--setting", "num_sql_threads", "2",
                     "--setting", "sql_time_limit_ms", "10000"]
        if shutil.which(datasette[0]) is None:
            print("Datasette is not installed (.venv/bin/pip install -e '.[bench]'): peer skipped")
            continue
        with running(datasette, port, "/tidings/articles?_size=1") as base:
            for endpoint, urls in datasette_urls(words).items():
                if endpoint == "search" and fts is None:
                    continue
                rows.append({"size": size, "system": "Datasette", "endpoint": endpoint,
                             **measure(base, urls, args, args.peer_requests)})
    return rows


def table(rows: list[dict[str, Any]], args: argparse.Namespace) -> Any:
    from rich.table import Table

    out = Table(title=f"Web latency in ms: {args.requests} requests per line "
                f"({args.peer_requests} for Datasette) after {args.warmup} warm-up, "
                f"{args.concurrency} client(s), loopback")
    for name in ("articles", "endpoint", "system", "p50", "p95", "p99", "req/s", "errors",
                 "p95 vs Datasette", "target p95"):
        out.add_column(name, justify="left" if name in ("endpoint", "system") else "right")
    for row in rows:
        peer = next((r for r in rows if r["system"] == "Datasette" and r["size"] == row["size"]
                     and r["endpoint"] == row["endpoint"]), None)
        ratio = f"{row['p95'] / peer['p95']:.3f}x" if peer and row is not peer else "-"
        target = TARGETS[row["endpoint"]] if row["system"] == "tidings serve" else None
        met = "" if target is None else f"< {target:.0f}" + (
            " met" if row["p95"] < target else " MISSED")
        out.add_row(f"{row['size']:,}", row["endpoint"], row["system"], f"{row['p50']:.1f}",
                    f"{row['p95']:.1f}", f"{row['p99']:.1f}", f"{row['rps']:.0f}",
                    str(row["errors"]), ratio, met)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,100000",
                        type=lambda s: [int(x) for x in s.split(",") if x])
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--peer-requests", type=int, default=100,
                        help="Requests per line for Datasette (it takes seconds at 100,000).")
    parser.add_argument("--warmup", type=int, default=40)
    parser.add_argument("--concurrency", type=int, default=1)
    parser.add_argument("--cache", type=Path, default=ROOT / "bench/results/web/cache")
    parser.add_argument("--out", type=Path, default=ROOT / "bench/results/web")
    parser.add_argument("--skip-peer", action="store_true", help="Measure Tidings only.")
    parser.add_argument("--load", metavar="BASE_URL", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.load:  # the load generator process: URLs on stdin, results on stdout
        urls = json.loads(sys.stdin.read())
        print(json.dumps(load(args.load, urls, args.requests, args.concurrency, args.warmup)))
        return 0
    from rich.console import Console

    rows = bench(args)
    console = Console(width=160)
    console.print(table(rows, args))
    args.out.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    (args.out / f"web-{stamp}.json").write_text(json.dumps(rows, indent=2))
    failed = [r for r in rows if r["errors"]]
    for r in failed:
        console.print(f"[red]{r['system']} {r['endpoint']}: {r['errors']} errors, first: "
                      f"{r['first_error']}[/]")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())

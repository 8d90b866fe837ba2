"""End-to-end throughput and peak memory: Tidings against a hand-written httpx + trafilatura loop.

    .venv/bin/python bench/pipeline.py [--synthetic 5000] [--skip-peer] [--out bench/results]

One run measures two corpora served by the offline DemoServer: the demo corpus alone, and the
corpus plus ``--synthetic`` generated pages. On each, two systems run, each in its own
subprocess so its peak memory is its own:

* ``tidings``: the real :class:`tidings.pipeline.Pipeline` (poll feeds, fetch, extract in
  worker processes, store in SQLite, curate, publish records) on a fresh temp workspace.
* ``httpx + trafilatura``: what a user would write by hand with the same libraries: read the
  same feeds with feedparser, fetch every listed page with one async httpx client (same resolve
  trick, same overall concurrency, same timeouts), ``trafilatura.extract`` each page with
  metadata in the event loop, keep the results in memory. No database, curation or records.

The DemoServer runs in this (parent) process, so its memory counts for neither system; it is
warmed up first (every listed page and lead image rendered) so neither system pays for
rendering. Peak memory is sampled from /proc by the parent: for every process of the system's
tree (the runner and its extraction workers) the last VmHWM seen, summed.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

TIDINGS = "tidings"
PEER = "httpx + trafilatura"
SYSTEMS = (TIDINGS, PEER)
DEFAULT_OUT = Path(__file__).resolve().parent / "results" / "pipeline.json"
SAMPLE_SECONDS = 0.05
MEMORY_METHOD = (
    "peak RSS = sum over the system's process tree (runner + extraction workers) of each "
    f"process's VmHWM, read from /proc every {SAMPLE_SECONDS:g} s by the parent; "
    "the demo server runs in the parent and is not counted"
)


# -- parent: serve, run each system in a subprocess, measure, report ------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--synthetic", type=int, default=5000,
                        help="generated pages served on top of the corpus (default 5000)")
    parser.add_argument("--skip-peer", action="store_true",
                        help="measure Tidings only, not the httpx + trafilatura loop")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT,
                        help="JSON file (or folder for pipeline.json) for the raw numbers")
    parser.add_argument("--timeout", type=float, default=2.0,
                        help="connect and read timeout of both systems, seconds (default 2)")
    parser.add_argument("--hang-seconds", type=float, default=3.0,
                        help="how long the demo's hanging feed stalls (default 3: > timeout)")
    parser.add_argument("--workers", type=int, default=None,
                        help="Tidings extraction processes (default: one per core)")
    parser.add_argument("--child", choices=SYSTEMS, help=argparse.SUPPRESS)
    parser.add_argument("--spec", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        spec = json.loads(args.spec.read_text(encoding="utf-8"))
        result = run_tidings(spec) if args.child == TIDINGS else run_peer(spec)
        print(json.dumps(result))
        return 0
    if args.synthetic < 0:
        parser.error("--synthetic must be 0 or more")
    return bench(args)


def bench(args: argparse.Namespace) -> int:
    from rich.console import Console

    console = Console()
    if not console.is_terminal:  # piped or redirected: do not squeeze the table into 80 columns
        console = Console(width=150)
    started = time.perf_counter()
    corpora = [("demo corpus", 0)]
    if args.synthetic:
        corpora.append((f"corpus + {args.synthetic:,} generated", args.synthetic))
    systems = [TIDINGS] if args.skip_peer else list(SYSTEMS)
    runs: list[dict[str, Any]] = []
    for label, synthetic in corpora:
        with DemoCorpus(synthetic, args.hang_seconds) as spec:
            spec.update(timeout=args.timeout, workers=args.workers)
            for system in systems:
                console.print(f"[dim]{label}: running {system} on {spec['listed']:,} listed "
                              f"pages ({spec['warmup_seconds']:.1f} s server warm-up)...[/]")
                run = measure(system, spec)
                run.update(corpus=label, synthetic=synthetic, listed=spec["listed"])
                runs.append(run)
    for run in runs:
        run["ratio"] = ratio(run, runs)
    console.print(table(runs, spec))
    out = args.out if args.out.suffix == ".json" else args.out / "pipeline.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    document = {
        "when": datetime.now().astimezone().isoformat(timespec="seconds"),
        "command": " ".join([Path(sys.executable).name, *sys.argv]),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                    "platform": platform.platform()},
        "settings": {k: spec[k] for k in ("timeout", "hang_seconds", "concurrency",
                                          "per_host_concurrency", "workers")},
        "memory_method": MEMORY_METHOD,
        "bench_seconds": round(time.perf_counter() - started, 1),
        "runs": runs,
    }
    out.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    console.print(f"Raw numbers: {out} (whole benchmark {document['bench_seconds']:.0f} s)")
    return 0 if all(run["ok"] for run in runs) else 1


class DemoCorpus:
    """The DemoServer in this process, warmed up, and the spec both systems are given."""

    def __init__(self, synthetic: int, hang_seconds: float) -> None:
        from tidings.demo import DemoServer

        self.server = DemoServer(synthetic=synthetic, hang_seconds=hang_seconds)

    def __enter__(self) -> dict[str, Any]:
        from tidings.demo.runner import demo_settings

        self.server.start()
        _quiet_disconnects(self.server)
        articles = self.server.articles()
        warm = time.perf_counter()
        for article in articles:  # render lazily drawn pages and images now, not mid-run
            for url in {article.url, article.page_url, article.amp_url, article.image_url}:
                if url:
                    parts = urlsplit(url)
                    found, _ = self.server.lookup(parts.hostname or "", parts.path, parts.query)
                    if found is not None:
                        found.body()
        fetch = demo_settings(Path("."), {}).fetch
        return {
            "address": self.server.address,
            "resolve": self.server.resolve_map(),
            "feeds": self.server.feed_urls(),
            "opml": self.server.opml(),
            # Curate as of a few hours after the newest article, as `tidings demo` does.
            "as_of": (max(a.published for a in articles) + timedelta(hours=6)).isoformat(),
            "listed": len(articles),
            "hang_seconds": self.server.hang_seconds,
            "concurrency": fetch.concurrency,
            "per_host_concurrency": fetch.per_host_concurrency,
            "warmup_seconds": time.perf_counter() - warm,
        }

    def __exit__(self, *exc: object) -> None:
        self.server.stop()


def _quiet_disconnects(server: Any) -> None:
    """Keep the server from printing a traceback when a client hung up first.

    That happens by design here: each system times out on the hanging feed and closes the
    connection; the server answers a second later into a closed socket.
    """
    httpd = getattr(server, "_httpd", None)
    if httpd is None:
        return
    report = httpd.handle_error

    def handle_error(request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            report(request, client_address)

    httpd.handle_error = handle_error


def measure(system: str, spec: dict[str, Any]) -> dict[str, Any]:
    """Run one system in a subprocess while sampling its process tree's memory."""
    with tempfile.TemporaryDirectory(prefix="tidings-bench-") as tmp:
        spec_path = Path(tmp) / "spec.json"
        spec_path.write_text(json.dumps(spec), encoding="utf-8")
        err_path = Path(tmp) / "stderr.txt"
        command = [sys.executable, str(Path(__file__).resolve()), "--child", system,
                   "--spec", str(spec_path)]
        started = time.perf_counter()
        with err_path.open("wb") as err:
            child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=err)
            sampler = TreeSampler(child.pid)
            sampler.start()
            stdout, _ = child.communicate()
            sampler.stop()
        process_seconds = time.perf_counter() - started
        stderr = err_path.read_text(encoding="utf-8", errors="replace")
    run: dict[str, Any] = {"system": system, "ok": child.returncode == 0,
                           "process_seconds": round(process_seconds, 2), **sampler.summary()}
    if child.returncode != 0:
        run["error"] = stderr[-3000:]
        sys.stderr.write(f"{system} failed (exit {child.returncode}):\n{stderr[-3000:]}\n")
        return run
    run.update(json.loads(stdout.decode().strip().splitlines()[-1]))
    run["stderr_lines"] = stderr.count("\n")
    run["articles_per_second"] = run["stored"] / run["seconds"] if run["seconds"] else 0.0
    return run


class TreeSampler:
    """Polls /proc for a process and its descendants: per-process VmHWM, and summed VmRSS."""

    def __init__(self, root: int) -> None:
        self.root = root
        self.hwm_kb: dict[int, int] = {}
        self.peak_rss_sum_kb = 0
        self.samples = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="memory-sampler", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def _loop(self) -> None:
        while True:
            self.sample()
            if self._stop.wait(SAMPLE_SECONDS):
                return

    def sample(self) -> None:
        rss_sum = 0
        for pid in self._tree():
            status = _status_kb(pid)
            if "VmHWM" in status:
                self.hwm_kb[pid] = max(self.hwm_kb.get(pid, 0), status["VmHWM"])
                rss_sum += status.get("VmRSS", 0)
        self.peak_rss_sum_kb = max(self.peak_rss_sum_kb, rss_sum)
        self.samples += 1

    def _tree(self) -> list[int]:
        children: dict[int, list[int]] = {}
        for name in os.listdir("/proc"):
            if name.isdigit():
                try:
                    stat = Path(f"/proc/{name}/stat").read_text()
                except OSError:
                    continue
                parent = int(stat.rsplit(")", 1)[1].split()[1])
                children.setdefault(parent, []).append(int(name))
        tree, todo = [], [self.root]
        while todo:
            pid = todo.pop()
            tree.append(pid)
            todo.extend(children.get(pid, []))
        return tree

    def summary(self) -> dict[str, Any]:
        return {
            "peak_rss_mb": round(sum(self.hwm_kb.values()) / 1024, 1),
            "processes": len(self.hwm_kb),
            "per_process_hwm_mb": [round(kb / 1024, 1) for kb in self.hwm_kb.values()],
            "peak_simultaneous_rss_mb": round(self.peak_rss_sum_kb / 1024, 1),
            "memory_samples": self.samples,
        }


def _status_kb(pid: int) -> dict[str, int]:
    try:
        lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    except OSError:
        return {}
    out = {}
    for line in lines:
        key, _, value = line.partition(":")
        if key in ("VmHWM", "VmRSS"):
            out[key] = int(value.split()[0])
    return out


def ratio(run: dict[str, Any], runs: list[dict[str, Any]]) -> float | None:
    """Tidings articles/s over the peer's on the same corpus."""
    if run["system"] != TIDINGS or not run["ok"]:
        return None
    peer = next((r for r in runs if r["system"] == PEER and r["corpus"] == run["corpus"]), None)
    if peer is None or not peer["ok"] or not peer["articles_per_second"]:
        return None
    return round(run["articles_per_second"] / peer["articles_per_second"], 3)


def table(runs: list[dict[str, Any]], spec: dict[str, Any]) -> Any:
    from rich.table import Table

    cpus = os.cpu_count()
    workers = spec["workers"] or cpus
    caption = (
        f"{cpus} CPUs, Python {platform.python_version()}. Both systems: connect/read timeout "
        f"{spec['timeout']:g} s, no retries, {spec['concurrency']} concurrent requests, hanging "
        f"feed stalls {spec['hang_seconds']:g} s (one timeout each). Tidings: demo settings, "
        f"{workers} extraction processes, SQLite in a temp workspace, curation, records, lead "
        "images fetched and measured. Peer: feedparser (JSON Feed via json, sitemaps via lxml: "
        "feedparser reads neither), httpx.AsyncClient, trafilatura.extract(with_metadata=True, "
        "JSON) inline in the event loop, one process, results in memory. "
        "ratio = Tidings articles/s / the peer's on the same corpus. "
        "Peer 'articles stored' = pages trafilatura returned a document for. Wall = the "
        "system's work, not interpreter start-up; CPU = user + system time of the runner and "
        f"its workers. {MEMORY_METHOD}."
    )
    grid = Table(title="End-to-end throughput and peak memory", caption=caption,
                 caption_justify="left")
    grid.add_column("corpus", no_wrap=True)
    grid.add_column("system", no_wrap=True)
    for name in ("pages listed", "articles stored", "wall s", "CPU s", "articles/s",
                 "peak RSS MB", "processes", "ratio"):
        grid.add_column(name, justify="right")
    for run in runs:
        if not run["ok"]:
            grid.add_row(run["corpus"], run["system"], f"{run['listed']:,}", "failed",
                         *["-"] * 6)
            continue
        grid.add_row(
            run["corpus"],
            run["system"],
            f"{run['listed']:,}",
            f"{run['stored']:,}",
            f"{run['seconds']:.1f}",
            f"{run['rusage']['cpu_seconds']:.1f}",
            f"{run['articles_per_second']:.1f}",
            f"{run['peak_rss_mb']:.0f}",
            str(run["processes"]),
            "-" if run["ratio"] is None else f"{run['ratio']:.2f}x",
        )
    return grid


# -- child: Tidings ---------------------------------------------------------------------------


def run_tidings(spec: dict[str, Any]) -> dict[str, Any]:
    """The real pipeline on a fresh temp workspace, built the way `tidings demo` builds one."""
    from dataclasses import replace

    from rich.console import Console

    import tidings.pipeline as pipeline_module
    from tidings import config
    from tidings.config import Workspace
    from tidings.demo.runner import demo_settings
    from tidings.publish.secured import generate_key_file
    from tidings.sources import parse_opml
    from tidings.store import Store

    stages = _time_stages(pipeline_module, ("curate_store", "publish_records"))
    with tempfile.TemporaryDirectory(prefix="tidings-bench-workspace-") as tmp:
        out = Path(tmp)
        root = out / ".tidings"
        root.mkdir()
        settings = demo_settings(out, spec["resolve"])
        settings.fetch = replace(settings.fetch, connect_timeout=spec["timeout"],
                                 read_timeout=spec["timeout"], retries=0)
        workspace = Workspace(root=root, settings=settings)
        config.save(workspace)
        generate_key_file(workspace.key_path)
        with Store(workspace.database_url) as store:
            for sub in parse_opml(spec["opml"].encode()):
                store.add_source(sub.url, kind=sub.kind, title=sub.title, site_url=sub.site_url)
        as_of = datetime.fromisoformat(spec["as_of"])
        pipeline = pipeline_module.Pipeline(
            workspace, console=Console(stderr=True), progress=False, clock=lambda: as_of,
            workers=spec["workers"],
        )
        started = time.perf_counter()
        report = pipeline.run()
        seconds = time.perf_counter() - started
        records = len(list((workspace.output_dir / "_news").glob("*.md")))
    kinds: dict[str, int] = {}
    for failure in report.failures:
        kinds[failure.kind] = kinds.get(failure.kind, 0) + 1
    fetch_extract = seconds - sum(stages.values())
    return {
        "seconds": round(seconds, 3),
        "stored": report.stored,
        "links_done": report.links_done,
        "already_stored": report.already_stored,
        "failures": kinds,
        "records": records,
        "stage_seconds": {"poll_fetch_extract_store": round(fetch_extract, 3),
                          **{k: round(v, 3) for k, v in stages.items()}},
        "rusage": _rusage(),
    }


def _time_stages(module: Any, names: tuple[str, ...]) -> dict[str, float]:
    """Wrap the pipeline module's stage functions to learn where the time goes."""
    spent: dict[str, float] = {}

    def wrap(name: str, function: Any) -> Any:
        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                spent[name] = spent.get(name, 0.0) + time.perf_counter() - started

        return timed

    for name in names:
        if hasattr(module, name):
            setattr(module, name, wrap(name, getattr(module, name)))
    return spent


# -- child: the hand-written peer -----------------------------------------------------------


def run_peer(spec: dict[str, Any]) -> dict[str, Any]:
    import feedparser
    import httpx
    import trafilatura

    started = time.perf_counter()
    results, failures, listed = asyncio.run(_peer(spec, feedparser, httpx, trafilatura))
    seconds = time.perf_counter() - started
    return {
        "seconds": round(seconds, 3),
        "stored": len(results),
        "links_done": listed,
        "failures": failures,
        "text_chars": sum(len(doc) for doc in results.values()),
        "rusage": _rusage(),
    }


async def _peer(
    spec: dict[str, Any], feedparser: Any, httpx: Any, trafilatura: Any
) -> tuple[dict[str, str], dict[str, int], int]:
    """Feeds, then every listed page: fetch, extract, keep. Returns results, failures, links."""
    concurrency = spec["concurrency"]
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    inner = httpx.AsyncHTTPTransport(limits=limits)
    transport = _resolving_transport(httpx, spec["resolve"], inner)
    gate = asyncio.Semaphore(concurrency)
    failures: dict[str, int] = {}
    results: dict[str, str] = {}

    def failed(kind: str) -> None:
        failures[kind] = failures.get(kind, 0) + 1

    async with httpx.AsyncClient(transport=transport, limits=limits,
                                 timeout=httpx.Timeout(spec["timeout"]),
                                 follow_redirects=True) as client:

        async def get(url: str) -> Any:
            async with gate:
                response = await client.get(url)
            response.raise_for_status()
            return response

        async def links(feed_url: str) -> list[str]:
            try:
                response = await get(feed_url)
                parsed = feedparser.parse(response.content,
                                          response_headers=dict(response.headers))
                if parsed.entries:
                    return [e.link for e in parsed.entries if e.get("link")]
                if "json" in response.headers.get("content-type", ""):
                    return [i["url"] for i in response.json().get("items", []) if i.get("url")]
                index, found = _sitemap(response.content)
                if not index:
                    return found
                children = await asyncio.gather(*(get(url) for url in found))
                return [url for child in children for url in _sitemap(child.content)[1]]
            except httpx.TimeoutException:
                failed("feed timeout")
            except (httpx.HTTPError, ValueError, SyntaxError):  # lxml's XMLSyntaxError too
                failed("feed error")
            return []

        async def page(url: str) -> None:
            try:
                response = await get(url)
            except httpx.TimeoutException:
                failed("timeout")
                return
            except httpx.HTTPError:
                failed("http")
                return
            document = trafilatura.extract(response.text, url=str(response.url),
                                           with_metadata=True, output_format="json")
            if document:
                results[url] = document
            else:
                failed("extract")

        listings = await asyncio.gather(*(links(url) for url in spec["feeds"]))
        urls = list(dict.fromkeys(url for listing in listings for url in listing))
        await asyncio.gather(*(page(url) for url in urls))
    return results, failures, len(urls)


def _resolving_transport(httpx: Any, resolve: dict[str, str], inner: Any) -> Any:
    """Connect to the demo server for its hosts; the URL and Host header stay the real ones."""

    class Resolving(httpx.AsyncBaseTransport):
        async def handle_async_request(self, request: Any) -> Any:
            address = resolve.get(request.url.host)
            if address:
                host, port = address.rsplit(":", 1)
                request.url = request.url.copy_with(host=host, port=int(port))
            return await inner.handle_async_request(request)

        async def aclose(self) -> None:
            await inner.aclose()

    return Resolving()


def _sitemap(content: bytes) -> tuple[bool, list[str]]:
    """(is a sitemap index, the <loc> URLs) of a sitemap, gzipped or not."""
    from lxml import etree

    if content[:2] == b"\x1f\x8b":
        content = gzip.decompress(content)
    root = etree.fromstring(content)
    # <url><loc> or <sitemap><loc> only: image:loc and friends are not pages.
    locs = [loc.text.strip() for loc in root.iterfind("{*}*/{*}loc") if loc.text]
    return etree.QName(root).localname == "sitemapindex", locs


def _rusage() -> dict[str, float]:
    """CPU time of this process and its reaped children (the extraction workers).

    ru_maxrss is left out on purpose: Linux carries the spawning process's high-water mark
    across fork + exec, so a child started from this 100+ MB parent would report the parent's
    size. VmHWM in /proc is reset at exec and is what the parent samples instead.
    """
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "cpu_seconds": round(own.ru_utime + own.ru_stime + children.ru_utime
                             + children.ru_stime, 2),
        "children_cpu_seconds": round(children.ru_utime + children.ru_stime, 2),
    }


if __name__ == "__main__":
    sys.exit(main())

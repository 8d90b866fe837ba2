"""Article extraction quality, speed and memory: Tidings against open-source extractors.

    .venv/bin/python bench/extraction.py [--dataset scrapinghub|wcxb|both] [--data DIR]
        [--limit N] [--half a|b] [--systems tidings,trafilatura,...] [--out DIR]

Datasets (read in place from ``--data``, default ``../shared/bench/data``; never copied):

* ``scrapinghub``: 181 news pages; body scored with 4-word shingles (``bench/scoring.py``).
* ``wcxb``: WCXB v1.0 dev split, 1,497 pages of seven types; body scored with the bag-of-words
  metric on article pages and on all pages; title, author and date exact-match rates on the
  article pages whose ground truth has the field.

Systems (``--systems``, comma-separated; default all but the last): ``tidings``
(``tidings.extract.extract_html``), ``trafilatura`` (default settings but comments off, as
Tidings runs it, with metadata; the baseline of the ratios), ``trafilatura-fast`` (the same
with ``fast=True``), ``readability`` (readability-lxml; body and title only),
``newspaper4k`` (images off, HTML handed over, no download), ``goose3`` (``raw_html``,
image fetching off), ``trafilatura-comments`` (only when named: the library's true
default, comments included). The peers are the ``bench`` extra; a system whose package is
missing is reported and skipped.

Method. Every system runs in its own fresh subprocess, one after the other, over the same
pages in the same order. Reading and decompressing a page happens outside the timed part;
the timer covers only the extraction call (with the system's own conversion of its output to
plain text and metadata), summed over all pages: docs/s = pages / that sum. CPU seconds of
the same calls are kept too (less sensitive to other load on the machine). There is no
warm-up call: lazy start-up costs count, once. Peak memory is the subprocess's own
high-water mark (VmHWM from /proc/self/status, which exec resets, unlike ``ru_maxrss``); the
worker holds one page at a time, so it is interpreter + the system's libraries + its
working set. A page that makes a system raise counts as empty output (errors are counted per
system). Network use is refused in the worker (socket connect/getaddrinfo raise) and every
attempt is counted, so a system that tries to download anything shows it.

Each system's predictions go to ``OUT/<dataset>/<system>.json`` as ``{id: {"articleBody",
"title", "author", "date"}}`` (score them with ``../shared/bench/score_extraction.py`` too);
the scores, per-page scores and timings to ``OUT/<dataset>/summary.json``.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import platform
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from scoring import (  # noqa: E402  (bench/ is not a package)
    author_match,
    date_match,
    exact_rate,
    shingle_doc,
    shingle_score,
    title_match,
    words_doc,
    words_score,
)

SYSTEMS = ("tidings", "trafilatura", "trafilatura-fast", "readability", "newspaper4k", "goose3")
EXTRA_SYSTEMS = ("trafilatura-comments",)  # only when asked for by name
BASELINE = "trafilatura"
NO_METADATA = {"readability": ("author", "date")}  # fields a system does not extract at all
DATASETS = ("scrapinghub", "wcxb")
DEFAULT_DATA = ROOT.parent / "shared" / "bench" / "data"
DEFAULT_OUT = HERE / "results" / "extraction"
EMPTY = {"articleBody": "", "title": None, "author": None, "date": None}
MEMORY_METHOD = (
    "peak RSS = VmHWM of the system's own worker subprocess (fresh interpreter, one page in "
    "memory at a time), read from /proc/self/status at the end of the run"
)


# -- pages -----------------------------------------------------------------------------------


def dataset_dir(data: Path, dataset: str) -> Path:
    return data / ("wcxb-dev" if dataset == "wcxb" else dataset)


def pages(data: Path, dataset: str, limit: int | None = None, half: str | None = None
          ) -> list[dict[str, Any]]:
    """The pages of ``dataset``, in a fixed order: ``{id, url, html, truth...}``.

    ``half`` keeps the pages whose id hashes to that half (``a`` or ``b``): a tune/check split
    that does not depend on anything but the id's hash. ``limit`` keeps the first N after that.
    """
    root = dataset_dir(data, dataset)
    out: list[dict[str, Any]] = []
    if dataset == "scrapinghub":
        truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
        for key, value in truth.items():
            out.append({"id": key, "url": value.get("url") or f"https://example.invalid/{key}",
                        "html": str(root / "html" / f"{key}.html.gz"),
                        "body": value.get("articleBody") or ""})
    else:
        for f in sorted((root / "ground-truth").glob("*.json")):
            value = json.loads(f.read_text(encoding="utf-8"))
            gt = value.get("ground_truth") or {}
            kind = ((value.get("_internal") or {}).get("page_type") or {})
            kind = kind.get("primary") if isinstance(kind, dict) else kind
            out.append({"id": f.stem, "url": value.get("url") or f"https://example.invalid/{f.stem}",
                        "html": str(root / "html" / f"{f.stem}.html.gz"),
                        "body": gt.get("main_content"), "type": kind, "title": gt.get("title"),
                        "author": gt.get("author"), "date": gt.get("publish_date")})
    if half:
        out = [p for p in out if _half(p["id"]) == half]
    return out[:limit] if limit else out


def _half(key: str) -> str:
    return "ab"[hashlib.sha256(key.encode("utf-8")).digest()[0] % 2]


def read_html(path: str) -> str:
    with gzip.open(path, "rb") as f:
        return f.read().decode("utf-8", errors="replace")


# -- systems: each a factory returning ``extract(html, url) -> prediction dict`` ---------------


def _iso(value: Any) -> str | None:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return str(value) if value else None


def _authors(value: Any) -> str | None:
    if isinstance(value, (list, tuple)):
        value = "; ".join(str(v) for v in value if v)
    return value or None


def make_tidings() -> Callable[[str, str], dict[str, Any]]:
    from tidings.extract import extract_html

    def run(html: str, url: str) -> dict[str, Any]:
        article = extract_html(html, url)
        return {"articleBody": article.text, "title": article.title,
                "author": article.author, "date": _iso(article.published)}

    return run


def _make_trafilatura(fast: bool, comments: bool = False
                      ) -> Callable[[str, str], dict[str, Any]]:
    from trafilatura import bare_extraction
    from trafilatura.core import determine_returnstring
    from trafilatura.settings import Extractor

    # what extract() returns, without the metadata header
    text_options = Extractor(output_format="txt", comments=comments)

    def run(html: str, url: str) -> dict[str, Any]:
        doc = bare_extraction(html, url=url, fast=fast, with_metadata=True,
                              include_comments=comments)
        if doc is None:
            return dict(EMPTY)
        return {"articleBody": determine_returnstring(doc, text_options), "title": doc.title,
                "author": doc.author, "date": doc.date}

    return run


def make_readability() -> Callable[[str, str], dict[str, Any]]:
    import lxml.html
    from readability import Document

    blocks = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
              "td", "th", "table", "blockquote", "pre", "section", "article", "figure", "dd",
              "dt", "header", "footer"}

    def run(html: str, url: str) -> dict[str, Any]:
        doc = Document(html, url=url)
        summary = doc.summary(html_partial=True)
        tree = lxml.html.fragment_fromstring(summary, create_parent="div")
        for el in tree.iter():
            if isinstance(el.tag, str) and el.tag in blocks:
                el.tail = "\n" + (el.tail or "")
        text = "\n".join(line.strip() for line in tree.text_content().splitlines())
        return {"articleBody": "\n".join(filter(None, text.split("\n"))),
                "title": doc.short_title() or None, "author": None, "date": None}

    return run


def make_newspaper4k() -> Callable[[str, str], dict[str, Any]]:
    from newspaper import Article, Config

    config = Config()
    config.fetch_images = False
    config.follow_meta_refresh = False
    config.memorize_articles = False

    def run(html: str, url: str) -> dict[str, Any]:
        article = Article(url, config=config)
        article.download(input_html=html, ignore_read_more=True)
        article.parse()
        return {"articleBody": article.text, "title": article.title or None,
                "author": _authors(article.authors), "date": _iso(article.publish_date)}

    return run


def make_goose3() -> Callable[[str, str], dict[str, Any]]:
    from goose3 import Goose

    goose = Goose({"enable_image_fetching": False})

    def run(html: str, url: str) -> dict[str, Any]:
        article = goose.extract(url=url, raw_html=html)
        when = article.publish_datetime_utc or article.publish_date
        return {"articleBody": article.cleaned_text, "title": article.title or None,
                "author": _authors(article.authors), "date": _iso(when)}

    return run


FACTORIES: dict[str, Callable[[], Callable[[str, str], dict[str, Any]]]] = {
    "tidings": make_tidings,
    "trafilatura": lambda: _make_trafilatura(fast=False),
    "trafilatura-fast": lambda: _make_trafilatura(fast=True),
    "trafilatura-comments": lambda: _make_trafilatura(fast=False, comments=True),
    "readability": make_readability,
    "newspaper4k": make_newspaper4k,
    "goose3": make_goose3,
}


# -- worker: one system over one dataset, in its own process ----------------------------------


def _block_network(attempts: list[str]) -> None:
    import socket

    def refuse(*args: Any, **kwargs: Any) -> Any:
        attempts.append(repr(args[1:2] or args[:1])[:200])
        raise OSError("network disabled by bench/extraction.py")

    socket.socket.connect = refuse  # type: ignore[method-assign]
    socket.socket.connect_ex = refuse  # type: ignore[method-assign]
    socket.create_connection = refuse  # type: ignore[assignment]
    socket.getaddrinfo = refuse  # type: ignore[assignment]


def _status_kb(field: str) -> int | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return None


def work(system: str, spec: dict[str, Any]) -> dict[str, Any]:
    """Run ``system`` over the spec's pages; write its predictions; return its stats."""
    import logging
    import warnings

    logging.disable(logging.CRITICAL)  # peers log every odd page; nobody reads it here
    warnings.simplefilter("ignore")
    attempts: list[str] = []
    _block_network(attempts)
    todo = pages(Path(spec["data"]), spec["dataset"], spec["limit"], spec["half"])
    baseline_kb = _status_kb("VmRSS")
    started = time.perf_counter()
    try:
        extract = FACTORIES[system]()
    except ImportError as exc:
        return {"system": system, "ok": False, "skipped": f"not installed: {exc}"}
    import_seconds = time.perf_counter() - started
    predictions: dict[str, Any] = {}
    seconds: dict[str, float] = {}
    errors: dict[str, str] = {}
    wall = cpu = 0.0
    for page in todo:
        html = read_html(page["html"])
        t0, c0 = time.perf_counter(), time.process_time()
        try:
            result = extract(html, page["url"])
        except Exception as exc:  # noqa: BLE001  (any failure is an empty output)
            result = dict(EMPTY)
            errors[page["id"]] = f"{type(exc).__name__}: {exc}"[:300]
        t1, c1 = time.perf_counter(), time.process_time()
        wall += t1 - t0
        cpu += c1 - c0
        seconds[page["id"]] = round(t1 - t0, 5)
        predictions[page["id"]] = {k: result.get(k) for k in EMPTY}
        del html
    Path(spec["pred"]).write_text(json.dumps(predictions, ensure_ascii=False), encoding="utf-8")
    return {
        "system": system, "ok": True, "version": _version(system), "pages": len(todo),
        "seconds": round(wall, 3), "cpu_seconds": round(cpu, 3),
        "docs_per_second": len(todo) / wall if wall else None,
        "docs_per_cpu_second": len(todo) / cpu if cpu else None,
        "import_seconds": round(import_seconds, 3),
        "peak_rss_mb": (_status_kb("VmHWM") or 0) / 1024,
        "baseline_rss_mb": (baseline_kb or 0) / 1024,
        "errors": len(errors), "error_pages": errors,
        "network_attempts": len(attempts), "network_targets": sorted(set(attempts))[:20],
        "nltk_loaded": "nltk" in sys.modules,
        "page_seconds": seconds,
    }


def _version(system: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    name = "readability-lxml" if system == "readability" else system.split("-")[0]
    try:
        return version(name)
    except PackageNotFoundError:
        return "?"


# -- parent: run the workers, score, report ---------------------------------------------------


def measure(system: str, spec: dict[str, Any], pred: Path) -> dict[str, Any]:
    spec = {**spec, "pred": str(pred)}
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", system,
           "--spec", json.dumps(spec)]
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT)
    lines = proc.stdout.strip().splitlines()
    if proc.returncode != 0 or not lines:
        return {"system": system, "ok": False,
                "skipped": f"worker failed ({proc.returncode}): {proc.stderr.strip()[-500:]}"}
    return json.loads(lines[-1])


def score(dataset: str, todo: list[dict[str, Any]], preds: dict[str, Any]) -> dict[str, Any]:
    """Quality numbers for one system's predictions on ``todo`` (see ``bench/scoring.py``)."""
    if dataset == "scrapinghub":
        truths = {p["id"]: p["body"] for p in todo}
        s = shingle_score(truths, preds)
        per_page = {k: shingle_doc(t, (preds.get(k) or {}).get("articleBody"))
                    for k, t in truths.items()}
        return {"body": s.__dict__, "per_page": per_page}
    articles = [p for p in todo if p["type"] == "article"]
    result: dict[str, Any] = {
        "article": words_score({p["id"]: p["body"] for p in articles}, preds).__dict__,
        "all": words_score({p["id"]: p["body"] for p in todo}, preds).__dict__,
        "by_type": {},
        "per_page": {p["id"]: round(words_doc(p["body"], (preds.get(p["id"]) or {})
                                              .get("articleBody"))[2], 4) for p in todo},
    }
    for kind in sorted({p["type"] for p in todo}):
        sub = {p["id"]: p["body"] for p in todo if p["type"] == kind}
        result["by_type"][kind] = words_score(sub, preds).__dict__
    for field, match in (("title", title_match), ("author", author_match),
                         ("date", date_match)):
        pairs = [(p[field], (preds.get(p["id"]) or {}).get(field)) for p in articles]
        hits, n = exact_rate(pairs, match)
        spurious = sum(1 for t, v in pairs if not t and v)
        result[field] = {"hits": hits, "n": n, "rate": hits / n if n else None,
                         "given_without_truth": spurious}
    return result


def bench(args: argparse.Namespace) -> int:
    console = _console()
    datasets = list(DATASETS) if args.dataset == "both" else [args.dataset]
    systems = [s.strip() for s in args.systems.split(",") if s.strip()]
    unknown = [s for s in systems if s not in FACTORIES]
    if unknown:
        console.print(f"unknown systems: {', '.join(unknown)}; known: {', '.join(SYSTEMS)}")
        return 2
    status = 0
    for dataset in datasets:
        if not dataset_dir(args.data, dataset).is_dir():
            console.print(f"[yellow]{dataset}: no data at {dataset_dir(args.data, dataset)}[/]")
            status = 1
            continue
        started = time.perf_counter()
        todo = pages(args.data, dataset, args.limit, args.half)
        out = args.out / dataset
        out.mkdir(parents=True, exist_ok=True)
        spec = {"data": str(args.data), "dataset": dataset, "limit": args.limit,
                "half": args.half}
        runs: list[dict[str, Any]] = []
        for system in systems:
            console.print(f"[dim]{dataset}: {system} on {len(todo)} pages...[/]")
            pred = out / f"{system}.json"
            run = measure(system, spec, pred)
            if run.get("ok"):
                preds = json.loads(pred.read_text(encoding="utf-8"))
                run["scores"] = score(dataset, todo, preds)
            else:
                console.print(f"[yellow]{system}: {run.get('skipped')}[/]")
                status = 1
            runs.append(run)
        wall = time.perf_counter() - started
        articles = sum(1 for p in todo if p.get("type") == "article")
        console.print(table(dataset, runs, len(todo), articles, args.half, wall))
        summary = {
            "when": datetime.now().astimezone().isoformat(timespec="seconds"),
            "command": " ".join([Path(sys.executable).name, *sys.argv]),
            "machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                        "platform": platform.platform(), "load_average": os.getloadavg()},
            "dataset": dataset, "pages": len(todo), "articles": articles, "half": args.half,
            "memory_method": MEMORY_METHOD, "wall_seconds": round(wall, 1), "runs": runs,
        }
        (out / "summary.json").write_text(json.dumps(summary, indent=1, default=str) + "\n",
                                          encoding="utf-8")
        console.print(f"predictions and per-page scores: {out}/ (wall {wall:.0f} s)")
    return status


def _cells(run: dict[str, Any], base: dict[str, Any] | None, dataset: str) -> list[str]:
    s = run["scores"]

    def ratio(value: float | None, ref: float | None) -> str:
        return f"{value / ref:.3f}" if value and ref else "-"

    def rate(field: str) -> str:
        if field in NO_METADATA.get(run["system"], ()) or s[field]["rate"] is None:
            return "-"
        return f"{s[field]['rate']:.3f}"

    if dataset == "scrapinghub":
        b = s["body"]
        quality = [f"{b['precision']:.3f}", f"{b['recall']:.3f}", f"{b['f1']:.3f}"]
        f1_ratio = [ratio(b["f1"], base and base["scores"]["body"]["f1"])]
    else:
        a, al = s["article"], s["all"]
        quality = [f"{a['precision']:.3f}", f"{a['recall']:.3f}", f"{a['f1']:.3f}",
                   f"{al['f1']:.3f}", rate("title"), rate("author"), rate("date")]
        f1_ratio = [ratio(a["f1"], base and base["scores"]["article"]["f1"]),
                    ratio(al["f1"], base and base["scores"]["all"]["f1"])]
    speed = [f"{run['docs_per_second']:.1f}", f"{run['docs_per_cpu_second']:.1f}"]
    if dataset != "scrapinghub":
        speed = speed[:1]  # the table is wide enough; CPU-seconds are in summary.json
    speed_ratio = ratio(run["docs_per_second"], base and base["docs_per_second"])
    return [run["system"], run["version"], *quality, *f1_ratio, *speed, speed_ratio,
            f"{run['peak_rss_mb']:.0f}", str(run["errors"]), str(run["network_attempts"])]


def table(dataset: str, runs: list[dict[str, Any]], n: int, articles: int, half: str | None,
          wall: float):
    from rich.table import Table

    base = next((r for r in runs if r["system"] == BASELINE and r.get("ok")), None)
    if dataset == "scrapinghub":
        title = f"scrapinghub: {n} news pages, body = 4-word shingles (macro P/R, F1 of averages)"
        quality = ["P", "R", "F1", "F1/traf"]
    else:
        title = (f"WCXB dev: {n} pages ({articles} article pages), body = bag of words "
                 "(per-page P/R/F1, averaged)")
        first = next((r["scores"] for r in runs if r.get("ok")), None)
        counts = {f: first[f]["n"] if first else 0 for f in ("title", "author", "date")}
        quality = ["art P", "art R", "art F1", "all F1", "title", "author", "date",
                   "art F1/traf", "all F1/traf"]
        title += " (title/author/date on {title}/{author}/{date} article pages)".format(**counts)
    grid = Table(title=title + (f", half {half}" if half else ""), caption=(
        "docs/s = pages / summed wall time of the extraction calls (reading and gunzip "
        "excluded); cpu = per CPU-second. Peak MB = VmHWM of the system's own subprocess. "
        "errors = pages where the system raised (scored empty). net = refused network "
        f"attempts. Ratios against {BASELINE}. Wall time of the whole dataset run {wall:.0f} s."
        + ("" if dataset == "scrapinghub" else
           " title/author/date: exact match on article pages whose ground truth has the field.")
    ))
    speed = ["docs/s", "docs/cpu-s"] if dataset == "scrapinghub" else ["docs/s"]
    for name in ["system", "version", *quality, *speed, "speed/traf", "peak MB", "errors",
                 "net"]:
        left = name in ("system", "version")
        grid.add_column(name, justify="left" if left else "right", no_wrap=left)
    for run in runs:
        if run.get("ok"):
            grid.add_row(*_cells(run, base, dataset))
    return grid


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--dataset", choices=[*DATASETS, "both"], default="both")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA,
                        help="folder holding scrapinghub/ and wcxb-dev/ (default %(default)s)")
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages")
    parser.add_argument("--half", choices=["a", "b"], default=None,
                        help="only one half of the pages, split by a hash of the page id")
    parser.add_argument("--systems", default=",".join(SYSTEMS),
                        help="comma-separated, from: " + ", ".join([*SYSTEMS, *EXTRA_SYSTEMS]))
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT,
                        help="folder for predictions and summaries (default %(default)s)")
    parser.add_argument("--table-only", action="store_true",
                        help="reprint the tables of the last run from OUT/<dataset>/summary.json")
    parser.add_argument("--worker", choices=[*SYSTEMS, *EXTRA_SYSTEMS], help=argparse.SUPPRESS)
    parser.add_argument("--spec", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(work(args.worker, json.loads(args.spec))))
        return 0
    args.data = args.data.resolve()
    args.out = args.out.resolve()
    return reprint(args) if args.table_only else bench(args)


def reprint(args: argparse.Namespace) -> int:
    """The tables of the last run, from its summaries (nothing is run)."""
    console = _console()
    datasets = list(DATASETS) if args.dataset == "both" else [args.dataset]
    for dataset in datasets:
        path = args.out / dataset / "summary.json"
        if not path.is_file():
            console.print(f"[yellow]{dataset}: no {path}[/]")
            continue
        summary = json.loads(path.read_text(encoding="utf-8"))
        console.print(table(dataset, summary["runs"], summary["pages"],
                            summary.get("articles") or _articles(summary["runs"]),
                            summary.get("half"),
                            summary["wall_seconds"]))
    return 0


def _articles(runs: list[dict[str, Any]]) -> int:
    return next((r["scores"]["article"]["n"] for r in runs
                 if r.get("ok") and "article" in r.get("scores", {})), 0)


def _console():
    from rich.console import Console

    console = Console()
    return console if console.is_terminal else Console(width=170)


if __name__ == "__main__":
    sys.exit(main())

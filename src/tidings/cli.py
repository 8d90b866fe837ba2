"""The `tidings` command."""

from __future__ import annotations

import asyncio
import contextlib
import json
import signal
import sys
import threading
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Annotated, TextIO

import typer
from rich.console import Console
from rich.table import Table

from tidings import config
from tidings.config import ConfigError, CurateSettings, Workspace
from tidings.fetch import Fetcher, FetchError, fetch_all
from tidings.models import Response
from tidings.pipeline import Pipeline, RunReport, extract_page
from tidings.publish.secured import generate_key_file
from tidings.sources import DEFAULT_SOURCES, SourceError, Subscription, parse_opml, write_opml
from tidings.store import Store

app = typer.Typer(help="Tidings: a self-hosted AI news desk.", no_args_is_help=True,
                  add_completion=False)
sources_app = typer.Typer(help="Add, import, export and inspect sources.", no_args_is_help=True)
app.add_typer(sources_app, name="sources")
console = Console()
err = Console(stderr=True, soft_wrap=True)  # an error stays one line, however long its path

WorkspaceOption = Annotated[
    Path | None,
    typer.Option("--workspace", "-w", help="Workspace folder (default: nearest tidings.toml)."),
]
KINDS = ("feed", "sitemap", "page", "file")
CURATE_DEFAULTS = CurateSettings()


def _workspace(path: Path | None) -> Workspace:
    try:
        return config.load(path) if path else config.find_workspace()
    except ConfigError as exc:
        err.print(f"[red]error:[/] {exc}")
        raise typer.Exit(2) from None


@app.command()
def init(
    folder: Annotated[Path, typer.Argument(help="Where to create the workspace.")] = Path("."),
    defaults: Annotated[bool, typer.Option(help="Subscribe to the default AI news feeds.")] = True,
) -> None:
    """Create a workspace: tidings.toml, a SQLite database, an output folder and a key."""
    folder.mkdir(parents=True, exist_ok=True)
    if (folder / config.CONFIG_NAME).exists():
        err.print(f"[red]error:[/] {folder / config.CONFIG_NAME} exists already")
        raise typer.Exit(2)
    workspace = Workspace(root=folder.resolve(), settings=config.Settings())
    config.save(workspace)
    workspace.output_dir.mkdir(parents=True, exist_ok=True)
    if not workspace.key_path.exists():
        generate_key_file(workspace.key_path)
    with Store(workspace.database_url) as store:
        for sub in DEFAULT_SOURCES if defaults else []:
            store.add_source(sub.url, kind=sub.kind, title=sub.title, site_url=sub.site_url)
        count = len(store.list_sources())
    console.print(f"Created workspace in [bold]{workspace.root}[/] with {count} sources.")
    console.print("Next: [bold]tidings run[/] (or [bold]tidings run --watch[/]).")


@sources_app.command("add")
def sources_add(
    url: str,
    kind: Annotated[str, typer.Option(help=f"One of {', '.join(KINDS)}.")] = "feed",
    title: Annotated[str | None, typer.Option()] = None,
    workspace: WorkspaceOption = None,
) -> None:
    """Subscribe to a feed, sitemap, single page or local folder."""
    if kind not in KINDS:
        err.print(f"[red]error:[/] --kind must be one of {', '.join(KINDS)}")
        raise typer.Exit(2)
    if kind == "file":
        url = str(Path(url).expanduser().resolve())
    with Store(_workspace(workspace).database_url) as store:
        _, created = store.add_source(url, kind=kind, title=title)
    console.print(f"{'Added' if created else 'Already subscribed:'} {url}")


@sources_app.command("remove")
def sources_remove(url: str, workspace: WorkspaceOption = None) -> None:
    """Unsubscribe (stored articles stay)."""
    with Store(_workspace(workspace).database_url) as store:
        removed = store.remove_source(url)
    if not removed:
        err.print(f"[red]error:[/] no source {url}")
        raise typer.Exit(1)
    console.print(f"Removed {url}")


@sources_app.command("import")
def sources_import(file: Path, workspace: WorkspaceOption = None) -> None:
    """Subscribe to every feed in an OPML file."""
    try:
        subscriptions = parse_opml(file.read_bytes())
    except (OSError, SourceError) as exc:
        err.print(f"[red]error:[/] {file}: {exc}")
        raise typer.Exit(2) from None
    added = _subscribe(_workspace(workspace), subscriptions)
    console.print(f"Imported {added} new of {len(subscriptions)} sources from {file}")


def _subscribe(workspace: Workspace, subscriptions: list[Subscription]) -> int:
    with Store(workspace.database_url) as store:
        return sum(
            store.add_source(s.url, kind=s.kind, title=s.title, site_url=s.site_url)[1]
            for s in subscriptions
        )


@sources_app.command("export")
def sources_export(
    output: Annotated[Path | None, typer.Option("--output", "-o")] = None,
    workspace: WorkspaceOption = None,
) -> None:
    """Write the sources as OPML (to stdout by default)."""
    with Store(_workspace(workspace).database_url) as store:
        subs = [Subscription(url=s.url, title=s.title, site_url=s.site_url, kind=s.kind)
                for s in store.list_sources()]
    text = write_opml(subs)
    if output:
        output.write_text(text, encoding="utf-8")
        console.print(f"Wrote {len(subs)} sources to {output}")
    else:
        sys.stdout.write(text)


@sources_app.command("list")
def sources_list(workspace: WorkspaceOption = None) -> None:
    """Each source and its health: last fetch, HTTP status, last error, items seen."""
    with Store(_workspace(workspace).database_url) as store:
        rows = store.list_sources()
    table = Table("source", "kind", "last fetch", "status", "items", "stored", "last error")
    for s in rows:
        when = s.last_fetch_at.strftime("%Y-%m-%d %H:%M") if s.last_fetch_at else "never"
        table.add_row(s.title or s.url, s.kind, when, str(s.last_status or "-"), str(s.items_seen),
                      str(s.articles_stored), (s.last_error or "")[:80])
    console.print(table)


@app.command()
def run(
    watch: Annotated[bool, typer.Option(help="Repeat until stopped with Ctrl-C.")] = False,
    every: Annotated[int, typer.Option(help="Seconds between cycles with --watch.")] = 300,
    quiet: Annotated[bool, typer.Option(help="No progress bars.")] = False,
    workspace: WorkspaceOption = None,
) -> None:
    """Run one curation cycle: poll, fetch, extract, store, curate, publish."""
    ws = _workspace(workspace)
    stop = threading.Event()

    def on_interrupt(signum: int, frame: object) -> None:
        if stop.is_set():
            raise KeyboardInterrupt
        err.print("[yellow]Stopping after the current step (Ctrl-C again to abort)...[/]")
        stop.set()

    signal.signal(signal.SIGINT, on_interrupt)
    pipeline = Pipeline(ws, console=err, progress=not quiet, stop=stop)
    while True:
        report = pipeline.run()
        print_report(report, ws.output_dir)
        if not watch or stop.is_set():
            break
        if stop.wait(every):
            break
    if report.stopped_early:
        err.print("Stopped cleanly; `tidings run` picks up where this one stopped.")


def print_report(report: RunReport, output: Path, out: Console = console) -> None:
    """The end-of-run summary: sources, failures, curation and publishing."""
    if report.polls:
        table = Table("source", "result", "new links", "stored", "note", title="Sources polled")
        for p in sorted(report.polls, key=lambda p: p.url):
            colour = {"ok": "green", "error": "red"}.get(p.outcome, "yellow")
            table.add_row(p.title or p.url, f"[{colour}]{p.outcome}[/]", str(p.new_links),
                          str(p.stored), p.note[:90])
        out.print(table)
    if report.failures:
        table = Table("source", "url", "kind", "error", title="Failures (recorded per source)")
        for f in report.failures:
            table.add_row(f.source, f.url, f.kind, f.message[:100])
        out.print(table)
    totals = Table("step", "result", title="Run summary")
    totals.add_row("articles", f"{report.stored} stored, {report.already_stored} already stored, "
                   f"{len(report.failures)} failures")
    if report.curation:
        c = report.curation
        totals.add_row("curation", f"{c.curated} curated, {c.relevant} relevant, {c.duplicates} "
                       f"copies, {c.stories} stories ({c.multi_publisher_stories} with several "
                       f"publishers)")
        if c.embedded or c.embeddings_reused:
            totals.add_row("embeddings", f"{c.embedded} texts embedded, {c.embeddings_reused} "
                           "read back from the store")
    if report.publishing:
        p = report.publishing
        totals.add_row("records", f"{p.records} records in {output / '_news'} ({p.written} written,"
                       f" {p.unchanged} unchanged, {p.removed} removed), {p.published} published")
    if report.site:
        s = report.site
        totals.add_row("site", f"{output / 'index.html'}: {s.stories} stories, {s.topics} topics, "
                       f"{s.files} files ({s.written} written, {s.removed} removed), "
                       "with the JSON API, feeds and sitemaps")
    if report.logos:
        totals.add_row("logos", f"{report.logos} publisher logos written to "
                       f"{output / 'assets/images/organizations'}")
    totals.add_row("time", f"{report.seconds:.1f} s")
    out.print(totals)


@app.command()
def extract(
    inputs: Annotated[list[str], typer.Argument(help="URLs or local files (HTML or text).")],
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = True,
) -> None:
    """Fetch and extract pages or files; print one JSON object per input, in input order."""
    results = asyncio.run(_extract_all(inputs))
    for item in results:
        line = json.dumps(item, ensure_ascii=False)
        console.out(line, highlight=False) if as_json else console.print_json(line)


async def _extract_all(inputs: list[str]) -> list[dict[str, object]]:
    urls = [i for i in inputs if i.startswith(("http://", "https://"))]
    async with Fetcher() as fetcher:
        fetched = dict(zip(urls, await fetch_all(fetcher, urls), strict=True))
    results: list[dict[str, object]] = []
    for item in inputs:
        try:
            response = fetched.get(item) or _read_local(item)
            if isinstance(response, FetchError):
                raise response
            article = extract_page(response.content, response.url, response.final_url,
                                   response.headers, None)
            results.append(article.to_json())
        except Exception as exc:  # noqa: BLE001 - one bad input must not stop the others
            results.append({"input": item, "error": f"{type(exc).__name__}: {exc}"})
    return results


def _read_local(path: str) -> Response:
    file = Path(path).expanduser().resolve()
    content = file.read_bytes()
    kind = "text/plain" if file.suffix.lower() == ".txt" else "text/html"
    return Response(url=file.as_uri(), final_url=file.as_uri(), status=200,
                    headers={"content-type": kind}, content=content)


@app.command()
def curate(
    input_path: Annotated[Path, typer.Option("--input", "-i", help="Articles, one JSON object a "
                                             "line ('-' reads standard input).")],
    output_path: Annotated[Path, typer.Option("--output", "-o", help="Where to write one JSON "
                                              "line per input line ('-' for standard output).")],
    now: Annotated[str | None, typer.Option(help="Compute heat for this moment (ISO 8601). "
                                            "Default: the newest publishedDateTime seen.")] = None,
    taxonomy: Annotated[Path | None, typer.Option(help="Topic taxonomy YAML (default: the "
                                                  "bundled one).")] = None,
    window_days: Annotated[int, typer.Option(help="Story time window in days.")]
    = CURATE_DEFAULTS.window_days,
    half_life_hours: Annotated[float, typer.Option(help="Heat half-life in hours.")]
    = CURATE_DEFAULTS.half_life_hours,
    heat_threshold: Annotated[int, typer.Option(help="Heat needed to be published.")]
    = CURATE_DEFAULTS.heat_threshold,
    related_cap: Annotated[int, typer.Option(help="Most related articles per article.")]
    = CURATE_DEFAULTS.related_cap,
) -> None:
    """Curate articles from a JSON-lines file offline, as if they arrived one by one.

    Input lines carry id, title, text and/or excerpt, url, publisher (a name or a
    domain) and publishedDateTime. Each output line repeats the input (without
    its text) and adds relevant, topics, story, quality, heat, published and
    related, with the components and evidence behind each. Lines come out in
    input order; each is written once its story has left the time window, so
    any length of input runs in bounded memory. No network, no workspace.
    """
    from tidings.curate.jsonl import curate_lines

    at = None
    if now is not None:
        try:
            at = datetime.fromisoformat(now.replace("Z", "+00:00"))
        except ValueError:
            err.print(f"[red]error:[/] --now {now!r} is not an ISO 8601 time")
            raise typer.Exit(2) from None
        at = at if at.tzinfo else at.replace(tzinfo=UTC)
    settings = CurateSettings(window_days=window_days, half_life_hours=half_life_hours,
                              heat_threshold=heat_threshold, related_cap=related_cap)
    loaded = _load_taxonomy(taxonomy) if taxonomy else None

    def on_error(number: int, message: str) -> None:
        err.print(f"line {number}: {message} (skipped)", markup=False, highlight=False)

    try:
        with _open_lines(input_path) as lines, _open_output(output_path) as out:
            report = curate_lines(lines, lambda line: out.write(line + "\n"), settings,
                                  now=at, taxonomy=loaded, on_error=on_error)
    except OSError as exc:
        err.print(f"[red]error:[/] {exc}", markup=True, highlight=False)
        raise typer.Exit(2) from None
    bad = f"; {report.bad} bad line(s) skipped" if report.bad else ""
    err.print(f"Curated {report.curated} articles ({report.relevant} relevant, "
              f"{report.published} published){bad}; at most {report.most_waiting} waited "
              f"for their story to close.", highlight=False)


def _load_taxonomy(path: Path) -> object:
    from tidings.curate.taxonomy import load_taxonomy

    try:
        return load_taxonomy(path)
    except (OSError, ValueError) as exc:
        err.print(f"[red]error:[/] taxonomy {path}: {exc}", highlight=False)
        raise typer.Exit(2) from None


@contextlib.contextmanager
def _open_lines(path: Path) -> Iterator[Iterable[str]]:
    if str(path) == "-":
        yield sys.stdin
        return
    with path.open(encoding="utf-8", errors="replace") as handle:  # bad bytes: a bad line
        yield handle


@contextlib.contextmanager
def _open_output(path: Path) -> Iterator[TextIO]:
    if str(path) == "-":
        yield sys.stdout
        return
    with path.open("w", encoding="utf-8") as handle:
        yield handle


@app.command()
def explain(
    article: Annotated[str, typer.Argument(help="Article id or URL.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead.")] = False,
    workspace: WorkspaceOption = None,
) -> None:
    """Why an article scored as it did: quality and heat with their parts, and the evidence
    for relevance, topics and story membership."""
    from tidings.curate.explain import explanation, render_explanation

    with Store(_workspace(workspace).database_url) as store:
        found = (store.get_article(int(article)) if article.isdigit()
                 else store.find_article(article))
        if found is None:
            err.print(f"[red]error:[/] no stored article {article}", highlight=False)
            raise typer.Exit(1)
        data = explanation(store, found)
    if as_json:
        console.out(json.dumps(data, ensure_ascii=False, indent=2, default=str), highlight=False)
    else:
        render_explanation(data, console)


@app.command()
def retag(
    taxonomy: Annotated[Path | None, typer.Option(help="Taxonomy YAML (default: the workspace's "
                                                  "[curate] taxonomy, else the bundled one).")]
    = None,
    days: Annotated[int | None, typer.Option(help="Only articles from the last N days.")] = None,
    workspace: WorkspaceOption = None,
) -> None:
    """Re-tag stored articles with the (changed) taxonomy; records follow on the next run."""
    from tidings.curate.apply import user_taxonomy
    from tidings.curate.retag import retag_store

    ws = _workspace(workspace)
    try:
        loaded = (_load_taxonomy(taxonomy) if taxonomy
                  else user_taxonomy(ws.settings.curate))
    except (OSError, ValueError) as exc:
        err.print(f"[red]error:[/] taxonomy: {exc}", highlight=False)
        raise typer.Exit(2) from None
    since = datetime.now(UTC) - timedelta(days=days) if days is not None else None
    with Store(ws.database_url) as store:
        summary = retag_store(store, loaded, since=since)
    console.print(f"Re-tagged {summary.articles} relevant articles: {summary.changed} changed, "
                  f"{summary.tags_added} tags added, {summary.tags_removed} removed.",
                  highlight=False)
    if summary.added or summary.removed:
        table = Table("topic", "articles gaining it", "articles losing it", title="Changes")
        for name in sorted(set(summary.added) | set(summary.removed)):
            table.add_row(name, str(summary.added.get(name, 0)), str(summary.removed.get(name, 0)))
        console.print(table)
    if summary.changed:
        console.print("The next [bold]tidings run[/] rewrites the records that changed.")


@app.command()
def decrypt(
    record: Annotated[Path, typer.Argument(help="A record file, _news/YYYY-MM-DD-slug.md.")],
    key_file: Annotated[Path | None, typer.Option(help="Key file (one base64 key a line; "
                                                  "default: the workspace's).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the whole payload as JSON.")]
    = False,
    workspace: WorkspaceOption = None,
) -> None:
    """Print the full text sealed in a record's `secured` field."""
    from tidings.publish.records import RecordError, parse_record
    from tidings.publish.secured import Keyring, SecuredError
    from tidings.publish.secured import decrypt as open_sealed

    try:
        secured = parse_record(record.read_text(encoding="utf-8")).get("secured")
    except (OSError, UnicodeDecodeError, RecordError) as exc:
        err.print(f"[red]error:[/] {record}: {exc}", highlight=False)
        raise typer.Exit(2) from None
    if not secured:
        err.print(f"[red]error:[/] {record} has no `secured` field (it was written without a "
                  "key)", highlight=False)
        raise typer.Exit(1)
    if key_file is not None and not key_file.is_file():
        err.print(f"[red]error:[/] key file {key_file} does not exist", highlight=False)
        raise typer.Exit(2)
    try:
        keyring = Keyring.from_env_or_file(key_file or _key_path(workspace))
        if keyring is None:
            err.print("[red]error:[/] no key: set TIDINGS_SECRET_KEY, pass --key-file, or run "
                      "inside a workspace that has one", highlight=False)
            raise typer.Exit(2)
        payload = open_sealed(str(secured), keyring)
    except SecuredError as exc:
        err.print(f"[red]error:[/] {record}: {exc}", highlight=False)
        raise typer.Exit(1) from None
    if as_json:
        console.out(json.dumps(payload, ensure_ascii=False, indent=2), highlight=False)
        return
    lines = [str(payload.get("title") or ""), f"by {payload['author']}" if payload.get("author")
             else "", str(payload.get("webUrl") or ""), "", str(payload.get("text") or "")]
    console.out("\n".join(line for n, line in enumerate(lines) if line or n == 3),
                highlight=False)


def _key_path(path: Path | None) -> Path | None:
    """The workspace's key file, or None when no workspace is around (not an error here)."""
    if path is not None:
        return _workspace(path).key_path
    try:
        return config.find_workspace().key_path
    except ConfigError:
        return None


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on; the default answers this "
                                      "machine only.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    full_text: Annotated[bool, typer.Option(help="Show stored article text (sanitised) on "
                                            "article pages and in the API.")] = False,
    workspace: WorkspaceOption = None,
) -> None:
    """Serve the live site from the workspace's database: the static site's pages, search,
    a JSON API (/docs) and editorial actions for API token holders (see `tidings token`)."""
    _serve_live(_workspace(workspace), host=host, port=port, full_text=full_text)


@app.command()
def token(workspace: WorkspaceOption = None) -> None:
    """Make a bearer token for `tidings serve`'s editorial actions (kept in api-tokens)."""
    from tidings.web.auth import TOKENS_FILE, add_token

    ws = _workspace(workspace)
    made = add_token(ws.root)
    console.print(f"Added a token to {ws.root / TOKENS_FILE}; restart `tidings serve` to use "
                  "it. Send it as `Authorization: Bearer <token>`:", highlight=False)
    console.out(made, highlight=False)


def _serve_live(ws: Workspace, *, host: str, port: int, full_text: bool,
                token: str | None = None) -> None:
    from tidings.store import StoreError
    from tidings.web import serve as run_app
    from tidings.web import workspace_app

    try:
        web, store = workspace_app(ws, full_text=full_text)
    except StoreError as exc:
        err.print(f"[red]error:[/] {exc}", highlight=False)
        raise typer.Exit(2) from None
    shown = f"[{host}]" if ":" in host else host
    console.print(f"Serving {ws.output_dir} live from {ws.database_url} at "
                  f"http://{shown}:{port}/ (API reference at /docs; Ctrl-C stops)",
                  highlight=False)
    if token:
        console.print(f"Editor token for this demo: {token}", highlight=False)
    elif not web.state.tidings.editors.configured:
        console.print("Editorial actions are off: no API token (run `tidings token`).",
                      highlight=False)
    try:
        run_app(web, host=host, port=port)
    finally:
        store.close()


@app.command()
def demo(
    out: Annotated[Path, typer.Option(help="Where to write the site.")] = Path("demo-site"),
    serve: Annotated[bool, typer.Option(help="Serve the live app on the demo database "
                                        "afterwards.")] = True,
    synthetic: Annotated[int, typer.Option(help="Add this many generated articles.")] = 0,
    port: Annotated[int, typer.Option(help="Port for the live app.")] = 8000,
) -> None:
    """Run the whole pipeline offline on the bundled demo corpus, then serve it live."""
    from tidings.demo.runner import run_demo
    from tidings.web.auth import add_token

    result = run_demo(out, synthetic=synthetic, console=console)
    if serve and result.ok:
        # The demo's store stays in its workspace (out/.tidings), so the live app reads it;
        # the corpus is fictional, so its full text may be shown.
        _serve_live(result.workspace, host="127.0.0.1", port=port, full_text=True,
                    token=add_token(result.workspace.root))
    raise typer.Exit(0 if result.ok else 1)


"""`tidings demo`: the real pipeline, offline, against the bundled fictional publishers."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, replace
from datetime import timedelta
from pathlib import Path

from rich.console import Console
from rich.table import Table

from tidings import config
from tidings.config import Settings, Workspace
from tidings.demo.site import DemoArticle
from tidings.pipeline import Pipeline, RunReport
from tidings.publish.secured import generate_key_file
from tidings.sources import parse_opml
from tidings.store import Store

WORKSPACE_DIR = ".tidings"


@dataclass(slots=True)
class DemoResult:
    ok: bool
    report: RunReport
    workspace: Workspace


def demo_settings(out: Path, resolve: dict[str, str]) -> Settings:
    """Short timeouts and no politeness delay: every host is our own loopback server."""
    settings = Settings(database="sqlite:///tidings.sqlite", output=str(out), key_file="secret.key")
    settings.fetch = replace(
        settings.fetch, resolve=resolve, per_host_delay=0.0, per_host_concurrency=8,
        connect_timeout=2.0, read_timeout=2.0, deadline=10.0, retries=1, backoff=0.05,
    )
    return settings


def run_demo(
    out: Path, *, synthetic: int = 0, console: Console | None = None, progress: bool = True
) -> DemoResult:
    from tidings.demo import DemoServer

    console = console or Console()
    out = out.resolve()
    root = out / WORKSPACE_DIR
    if root.exists():  # a fresh workspace every time; only our own folder is removed
        shutil.rmtree(root)
    root.mkdir(parents=True)
    with DemoServer(synthetic=synthetic, hang_seconds=30.0) as server:
        workspace = Workspace(root=root, settings=demo_settings(out, server.resolve_map()))
        config.save(workspace)
        generate_key_file(workspace.key_path)
        with Store(workspace.database_url) as store:
            for sub in parse_opml(server.opml().encode()):
                store.add_source(sub.url, kind=sub.kind, title=sub.title, site_url=sub.site_url)
        # The corpus is dated: curate as of a few hours after its newest article.
        as_of = max(a.published for a in server.articles()) + timedelta(hours=6)
        clock = as_of.strftime("%Y-%m-%d %H:%M")
        console.print(f"Demo publishers on http://{server.address} (clock set to {clock} UTC); "
                      f"workspace in {root}")
        report = Pipeline(workspace, console=console, progress=progress,
                          clock=lambda: as_of).run()
        expectations = server.expectations()
        corpus = server.articles()
    from tidings.cli import print_report

    print_report(report, out, console)
    with Store(workspace.database_url) as store:
        console.print(_expectation_table(store, expectations, report))
        console.print(_story_table(store, corpus))
        console.print(_rejected_table(store))
    records = len(list((out / "_news").glob("*.md")))
    console.print(f"\nRecords: [bold]{out / '_news'}[/] ({records} files). "
                  f"Database: {root / 'tidings.sqlite'}. Settings: {root / config.CONFIG_NAME}.")
    return DemoResult(ok=records > 0, report=report, workspace=workspace)


def observe(store: Store, report: RunReport, target: str) -> str:
    """What the pipeline did with a URL or host the demo planted a case at."""
    source = store.get_source(target)
    if source is not None:
        if source.last_error:
            return f"source error: {source.last_error}"
        return f"source ok: {source.items_seen} links, {source.articles_stored} articles stored"
    failures = [f for f in report.failures if f.url == target]
    if failures:
        return "; ".join(f"{f.kind}: {f.message}" for f in failures[:2])
    article = store.find_article(target)
    if article is None:
        fetched = any(entry.url == target for entry in store.fetch_log(limit=100_000))
        return "stored under another URL" if fetched else "never fetched"
    curation = article.curation or {}
    where = "" if article.web_url == target else f" under {article.web_url}"
    if curation.get("duplicate_of") is not None:
        return f"stored{where} as a copy of article {curation['duplicate_of']}: no record"
    if not article.relevant:
        return f"stored{where}, not published: {curation.get('relevance', 'not relevant')}"
    image = "with" if article.images else "without"
    date = f"{article.published_at:%Y-%m-%d} ({article.date_source})"
    return f"record{where}, {image} image, dated {date}, story {article.story_id}"


def _expectation_table(
    store: Store, expectations: list[tuple[str, str]], report: RunReport
) -> Table:
    table = Table("where", "planted case", "what happened", title="Demo cases")
    for target, expected in expectations:
        table.add_row(target, expected, observe(store, report, target))
    return table


def _story_table(store: Store, corpus: list[DemoArticle]) -> Table:
    """Each story the corpus plants across publishers, and the story ids curation gave it."""
    table = Table("planted story", "publishers", "our story ids", "records", title="Stories")
    by_story: dict[str, list[DemoArticle]] = {}
    for article in corpus:
        if article.story:
            by_story.setdefault(article.story, []).append(article)
    for key, members in sorted(by_story.items()):
        found = [store.find_article(m.web_url) or store.find_article(m.url) for m in members]
        stored = [a for a in found if a is not None and a.relevant]
        ids = sorted({a.story_id for a in stored if a.story_id is not None})
        records = sum(1 for a in stored if a.record_path)
        table.add_row(key, str(len({m.publisher.slug for m in members})),
                      ", ".join(map(str, ids)) or "-", str(records))
    return table


def _rejected_table(store: Store) -> Table:
    """Stored but kept out of the feed, with the reason curation gave."""
    table = Table("article", "publisher", "why it is not published", title="Kept out")
    for article in store.articles(relevant=False):
        reason = (article.curation or {}).get("relevance", "")
        table.add_row(article.title[:60], article.provider_domain, reason)
    return table

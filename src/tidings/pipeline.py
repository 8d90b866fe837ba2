"""One curation cycle: poll due sources, collect new articles, curate, publish.

Every step leaves the database consistent on its own: links are queued
before they are fetched, and an article is saved in the same transaction
that marks its link done. A cycle killed at any point and started again
therefore redoes only unfinished work and stores nothing twice.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import signal
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from tidings.config import Workspace
from tidings.curate.apply import CurationSummary, curate_store
from tidings.extract import ExtractError, ImageError, extract_html, extract_text
from tidings.extract.icons import icon_candidates
from tidings.fetch import HTML_TYPES, IMAGE_TYPES, Fetcher, FetchError
from tidings.models import Article, Entry, Response
from tidings.publish.build import PublishSummary, publish_records
from tidings.publish.images import cache_image
from tidings.publish.logos import (
    FULL_SIZE_FROM,
    MAX_AGE_SECONDS,
    LogoError,
    LogoTarget,
    largest,
    logo_targets,
    read_logo,
    waiting_after_failures,
    write_logo,
)
from tidings.publish.secured import Keyring
from tidings.publish.site import SiteSummary, publish_site
from tidings.sources import SourceError, discover_feeds, parse_listing_checked
from tidings.store import LinkInfo, SourceInfo, Store

log = logging.getLogger(__name__)
MAX_CHILD_LISTINGS = 50  #: sitemap index files may point at this many sitemaps
MAX_IMAGE_BYTES = 20 * 1024 * 1024
RETRYABLE = {"timeout", "connect"}
PAGE_SUFFIXES = (".html", ".htm", ".txt")
MAX_LOGO_BYTES = 2 * 1024 * 1024  #: icons are small; anything bigger is not one
MAX_LOGO_DOMAINS = 50  #: publishers whose logo one run looks for; the rest wait a run
MAX_ICON_TRIES = 6  #: icon URLs tried per publisher before giving up until the next run
LOGO_SCAN = 2000  #: newest articles whose publishers are checked for a logo


@dataclass(slots=True)
class Failure:
    """Something that went wrong, recorded against the source it came from."""

    source: str
    url: str
    kind: str
    message: str


@dataclass(slots=True)
class SourcePoll:
    url: str
    title: str | None
    outcome: str  #: "ok", "not modified" or "error"
    new_links: int = 0
    stored: int = 0
    note: str = ""


@dataclass(slots=True)
class RunReport:
    started: datetime
    finished: datetime | None = None
    polls: list[SourcePoll] = field(default_factory=list)
    links_done: int = 0
    stored: int = 0
    already_stored: int = 0
    logos: int = 0  #: publisher logos written this run
    failures: list[Failure] = field(default_factory=list)
    curation: CurationSummary | None = None
    publishing: PublishSummary | None = None
    site: SiteSummary | None = None
    stopped_early: bool = False

    @property
    def seconds(self) -> float:
        end = self.finished or datetime.now(UTC)
        return (end - self.started).total_seconds()


class Pipeline:
    """Runs cycles for one workspace.

    ``clock`` lets the demo run at the corpus's own date; ``stop`` is checked
    between steps so Ctrl-C ends a cycle cleanly.
    """

    def __init__(
        self,
        workspace: Workspace,
        *,
        console: Console | None = None,
        progress: bool = True,
        clock: Callable[[], datetime] | None = None,
        stop: threading.Event | None = None,
        workers: int | None = None,
    ) -> None:
        self.workspace = workspace
        self.console = console or Console(stderr=True)
        self.progress = progress
        self.clock = clock or (lambda: datetime.now(UTC))
        self.stop = stop or threading.Event()
        self.workers = workers

    def run(self) -> RunReport:
        return asyncio.run(self.run_async())

    async def run_async(self) -> RunReport:
        report = RunReport(started=datetime.now(UTC))
        settings = self.workspace.settings
        with Store(self.workspace.database_url) as store, self._executor() as executor:
            async with Fetcher(settings.fetch) as fetcher:
                await self._poll(store, fetcher, report)
                if not self._stopping(report):
                    await self._collect(store, fetcher, executor, report)
                if not self._stopping(report):
                    await self._logos(store, fetcher, report)
            if not self._stopping(report):
                report.curation = curate_store(store, settings.curate, self.clock())
            if not self._stopping(report):
                keyring = Keyring.from_env_or_file(self.workspace.key_path)
                report.publishing = publish_records(
                    store, self.workspace.output_dir, keyring=keyring,
                    base_url=settings.publish.base_url,
                )
                report.site = publish_site(
                    store, self.workspace.output_dir,
                    base_url=settings.publish.base_url, now=self.clock(),
                )
        report.finished = datetime.now(UTC)
        return report

    def _stopping(self, report: RunReport) -> bool:
        if self.stop.is_set():
            report.stopped_early = True
        return report.stopped_early

    # -- step 1: sources ---------------------------------------------------------------

    async def _poll(self, store: Store, fetcher: Fetcher, report: RunReport) -> None:
        due = store.due_sources(datetime.now(UTC))
        with self._bar("Polling sources", len(due)) as advance:

            async def one(source: SourceInfo) -> None:
                report.polls.append(await self._poll_one(store, fetcher, source, report))
                advance()

            await asyncio.gather(*(one(s) for s in due))

    async def _poll_one(
        self, store: Store, fetcher: Fetcher, source: SourceInfo, report: RunReport
    ) -> SourcePoll:
        poll = SourcePoll(url=source.url, title=source.title, outcome="ok")
        interval = timedelta(seconds=self.workspace.settings.poll.interval)
        try:
            if source.kind == "file":
                entries, title, site_url = _local_entries(source.url), source.title, None
                status = 200
            else:
                response = await self._get(store, fetcher, source.url, source.id,
                                           etag=source.etag, last_modified=source.last_modified)
                status = response.status
                if response.not_modified:
                    poll.outcome = "not modified"
                    store.record_poll(source.id, now=datetime.now(UTC), status=status,
                                      etag=source.etag, last_modified=source.last_modified,
                                      next_poll_at=datetime.now(UTC) + interval)
                    return poll
                entries, title, site_url, poll.note = await self._read_listing(
                    store, fetcher, source, response
                )
            poll.new_links = store.enqueue(source.id, entries)
            store.record_poll(
                source.id, now=datetime.now(UTC), status=status,
                etag=None if source.kind == "file" else response.etag,
                last_modified=None if source.kind == "file" else response.last_modified,
                title=title, site_url=site_url, next_poll_at=datetime.now(UTC) + interval,
            )
        except Exception as exc:  # noqa: BLE001 - a broken source is recorded, the run goes on
            kind = getattr(exc, "kind", None) or _error_kind(exc)
            poll.outcome, poll.note = "error", str(exc)
            report.failures.append(Failure(source.url, source.url, kind, str(exc)))
            backoff = min(
                interval.total_seconds() * 2 ** (source.error_count + 1),
                self.workspace.settings.poll.max_backoff,
            )
            store.record_poll(
                source.id, now=datetime.now(UTC), status=getattr(exc, "status", None),
                error=str(exc), error_kind=kind,
                next_poll_at=datetime.now(UTC) + timedelta(seconds=backoff),
            )
        return poll

    async def _read_listing(
        self, store: Store, fetcher: Fetcher, source: SourceInfo, response: Response
    ) -> tuple[list[Entry], str | None, str | None, str]:
        """Entries of a feed or sitemap (following a sitemap index), or the page itself."""
        try:
            listing, warning = parse_listing_checked(
                response.content, response.final_url, response.content_type
            )
        except SourceError:
            if source.kind != "page" and "html" not in response.content_type:
                raise
            feeds = discover_feeds(response.content, response.final_url)
            if source.kind != "page" and feeds:
                raise SourceError(
                    f"this is a web page, not a feed; its feed is {feeds[0]}: "
                    f"add that instead (or add this URL with --kind page)"
                ) from None
            return [Entry(url=response.final_url)], source.title, None, "single page"
        entries = list(listing.entries)
        for child in listing.children[:MAX_CHILD_LISTINGS]:
            child_response = await self._get(store, fetcher, child, source.id)
            child_listing, _ = parse_listing_checked(
                child_response.content, child_response.final_url, child_response.content_type
            )
            entries.extend(child_listing.entries)
        return entries, listing.title, listing.site_url, warning or ""

    # -- step 2: articles ---------------------------------------------------------------

    async def _collect(
        self, store: Store, fetcher: Fetcher, executor: Executor, report: RunReport
    ) -> None:
        links = store.pending_links(max_attempts=self.workspace.settings.poll.max_link_attempts)
        sources = {s.id: s for s in store.list_sources()}
        loop = asyncio.get_running_loop()
        stored_by_source: dict[int, int] = {}
        with self._bar("Fetching and extracting", len(links)) as advance:

            async def one(link: LinkInfo) -> None:
                if self.stop.is_set():
                    return
                source = sources.get(link.source_id)
                source_url = source.url if source else "?"
                try:
                    article = await self._article(store, fetcher, executor, loop, link)
                    await self._check_image(store, fetcher, article, link, report, source_url)
                    _, created = store.save_article(article, source_id=link.source_id,
                                                    link_id=link.id)
                except FetchError as exc:
                    retryable = exc.kind in RETRYABLE or (exc.status or 0) >= 500
                    store.fail_link(link.id, str(exc), retryable=retryable)
                    report.failures.append(Failure(source_url, link.url, exc.kind, str(exc)))
                except ExtractError as exc:
                    store.fail_link(link.id, str(exc), retryable=False)
                    report.failures.append(Failure(source_url, link.url, "extract", str(exc)))
                except Exception as exc:  # noqa: BLE001 - one bad page must not end the run
                    message = f"{type(exc).__name__}: {exc}"
                    store.fail_link(link.id, message, retryable=False)
                    report.failures.append(Failure(source_url, link.url, "error", message))
                else:
                    report.links_done += 1
                    if created:
                        report.stored += 1
                        stored_by_source[link.source_id] = stored_by_source.get(
                            link.source_id, 0) + 1
                    else:
                        report.already_stored += 1
                advance()

            await asyncio.gather(*(one(link) for link in links))
        for poll in report.polls:
            source = next((s for s in sources.values() if s.url == poll.url), None)
            if source is not None:
                poll.stored = stored_by_source.get(source.id, 0)
        if self.stop.is_set():
            report.stopped_early = True

    async def _article(
        self,
        store: Store,
        fetcher: Fetcher,
        executor: Executor,
        loop: asyncio.AbstractEventLoop,
        link: LinkInfo,
    ) -> Article:
        entry = link.entry
        response = await self._get(store, fetcher, link.url, link.source_id,
                                   accept=(*HTML_TYPES, "text/plain"))
        article = await loop.run_in_executor(
            executor, extract_page, response.content, link.url, response.final_url,
            response.headers, entry,
        )
        if article.published is None:
            article.published = entry.published if entry and entry.published else self.clock()
            article.date_source = "feed" if entry and entry.published else "fetched"
        return article

    async def _check_image(
        self,
        store: Store,
        fetcher: Fetcher,
        article: Article,
        link: LinkInfo,
        report: RunReport,
        source_url: str,
    ) -> None:
        """Keep the lead image only if it really is an image: learn its true size and
        cache the site's copies (pages show those, never the publisher's file)."""
        if not article.images:
            return
        image = article.images[0]
        try:
            response = await self._get(store, fetcher, image.url, link.source_id,
                                       accept=IMAGE_TYPES, max_bytes=MAX_IMAGE_BYTES)
            cached = await asyncio.to_thread(cache_image, response.content, image.url,
                                             self.workspace.output_dir)
            image.width, image.height, image.cached = cached.width, cached.height, cached.as_json()
        except (FetchError, ImageError) as exc:
            article.images = []
            message = f"lead image dropped: {exc}"
            store.log_fetch(url=image.url, source_id=link.source_id, error_kind="image",
                            error=message)
            report.failures.append(Failure(source_url, image.url, "image", message))
        else:
            article.images = [image]

    # -- step 3: publisher logos ----------------------------------------------------------

    async def _logos(self, store: Store, fetcher: Fetcher, report: RunReport) -> None:
        """Look for the logo of each publisher that has none yet, or an old one.

        A publisher whose icons all fail is recorded as a failure in the fetch log,
        and searched again after a back-off that doubles with each failure (the log
        is the only state kept besides the files on disk).
        """
        out_dir = self.workspace.output_dir
        now = datetime.now(UTC)  # real time, as the files' ages are (not the demo's clock)
        failed = store.failures("logo", since=now - timedelta(seconds=2 * MAX_AGE_SECONDS))
        targets = logo_targets(store.articles(limit=LOGO_SCAN), out_dir, limit=MAX_LOGO_DOMAINS,
                               waiting=waiting_after_failures(failed, now))
        sources = {s.id: s.url for s in store.list_sources()}
        with self._bar("Publisher logos", len(targets)) as advance:

            async def one(target: LogoTarget) -> None:
                source_url = sources.get(target.source_id or -1, target.home_url)
                try:
                    if not self.stop.is_set():
                        await self._logo_one(store, fetcher, target, report, source_url)
                except Exception as exc:  # noqa: BLE001 - a logo is never worth a run
                    message = f"no logo for {target.domain}: {type(exc).__name__}: {exc}"
                    report.failures.append(Failure(source_url, target.home_url, "logo", message))
                advance()

            await asyncio.gather(*(one(t) for t in targets))

    async def _logo_one(
        self, store: Store, fetcher: Fetcher, target: LogoTarget, report: RunReport,
        source_url: str,
    ) -> None:
        """Try the home page's icons in order; keep the first large one, else the best seen."""
        problems: list[str] = []
        try:
            home = await self._get(store, fetcher, target.home_url, target.source_id,
                                   accept=HTML_TYPES)
            candidates = icon_candidates(home.content, home.final_url)
        except FetchError as exc:
            problems.append(f"home page: {exc}")
            candidates = icon_candidates(b"", target.home_url)  # /favicon.ico may still be there
        found = []
        for candidate in candidates[:MAX_ICON_TRIES]:
            try:
                # No type filter: servers label .ico files every which way; Pillow decides.
                response = await self._get(store, fetcher, candidate.url, target.source_id,
                                           max_bytes=MAX_LOGO_BYTES)
                image = await asyncio.to_thread(read_logo, response.content)
            except (FetchError, LogoError) as exc:
                problems.append(f"{candidate.kind} {candidate.url}: {exc}")
                continue
            found.append(image)
            if max(image.size) >= FULL_SIZE_FROM:
                break
        best = largest(found)
        if best is None:
            message = f"no usable logo for {target.domain}: " + "; ".join(problems or ["no icons"])
            store.log_fetch(url=target.home_url, source_id=target.source_id, error_kind="logo",
                            error=message)
            report.failures.append(Failure(source_url, target.home_url, "logo", message))
            return
        files = await asyncio.to_thread(write_logo, self.workspace.output_dir, target.domain, best)
        report.logos += 1
        if files.upscaled:
            width, height = files.source_size
            log.info("logo of %s: the best icon is %dx%d, enlarged for %s",
                     target.domain, width, height, files.large.name)

    async def _get(
        self, store: Store, fetcher: Fetcher, url: str, source_id: int | None, **kw: object
    ) -> Response:
        """Fetch and write the exchange to the fetch log, success or not."""
        try:
            response = await fetcher.get(url, **kw)  # type: ignore[arg-type]
        except FetchError as exc:
            store.log_fetch(url=url, source_id=source_id, status=exc.status,
                            error_kind=exc.kind, error=str(exc))
            raise
        store.log_fetch(url=url, source_id=source_id, status=response.status,
                        elapsed=response.elapsed, size=len(response.content),
                        redirects=response.redirects)
        return response

    # -- plumbing -----------------------------------------------------------------------

    @contextmanager
    def _executor(self) -> Iterator[Executor]:
        """Extraction is CPU work: a process per core keeps the event loop fetching."""
        context = multiprocessing.get_context("spawn")  # no fork under threads and sockets
        with ProcessPoolExecutor(max_workers=self.workers, mp_context=context,
                                 initializer=_ignore_interrupts) as pool:
            yield pool

    @contextmanager
    def _bar(self, label: str, total: int) -> Iterator[Callable[[], None]]:
        if not self.progress or total == 0:
            yield lambda: None
            return
        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                   TimeElapsedColumn())
        with Progress(*columns, console=self.console, transient=True) as bar:
            task = bar.add_task(label, total=total)
            yield lambda: bar.advance(task)


def _error_kind(exc: Exception) -> str:
    if isinstance(exc, SourceError):
        return "source"
    if isinstance(exc, OSError):
        return "file"
    return "error"


def _ignore_interrupts() -> None:
    """Workers leave Ctrl-C to the parent, which stops between steps."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def extract_page(
    content: bytes, url: str, final_url: str, headers: dict[str, str], entry: Entry | None
) -> Article:
    """Extract one fetched page (runs in a worker process)."""
    if headers.get("content-type", "").startswith("text/plain") or url.endswith(".txt"):
        article = extract_text(content.decode("utf-8", errors="replace"), final_url)
    else:
        article = extract_html(content, final_url, entry=entry, headers=headers)
    article.original_url = url
    return article


def _local_entries(location: str) -> list[Entry]:
    """Every page file in a local folder (or the one file) as an entry."""
    path = Path(location.removeprefix("file://")).expanduser()
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.suffix.lower() in PAGE_SUFFIXES)
    elif path.exists():
        files = [path]
    else:
        raise FileNotFoundError(f"no such file or folder: {path}")
    return [Entry(url=p.resolve().as_uri()) for p in files]


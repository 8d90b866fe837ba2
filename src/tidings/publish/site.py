"""The static HTML site, and :func:`publish_site`, which writes it with the API and feeds.

Pages are Jinja2 templates rendered with autoescaping always on: titles and
excerpts come from other people's pages, and a ``<script>`` in a headline must
show as text, never run. Every link is relative and names a file, so the same
folder works from ``file://``, from a sub-path of any static host, or at a
domain's root. No page needs JavaScript.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime
from importlib.resources import files
from pathlib import Path, PurePosixPath
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from tidings.models import format_utc
from tidings.publish.api import build_api
from tidings.publish.feeds import build_feeds, xml_text
from tidings.publish.images import CACHE_DIR
from tidings.publish.records import write_record
from tidings.publish.site_data import SiteData, Topic, load_site_data
from tidings.publish.site_paths import (
    FRONT_PAGE,
    PAGE_SIZE,
    SCORES_PAGE,
    STYLESHEET,
    TOPICS_PAGE,
    feed_path,
    listing_page,
    page_count,
    relative,
    story_page,
)
from tidings.publish.sitemaps import build_sitemaps
from tidings.store import Store

log = logging.getLogger(__name__)

SITE_TITLE = "Tidings"
FRONT_PAGE_STORIES = 30  #: the hottest stories; the rest are a click away in the listings
MANIFEST = ".tidings-site.json"  #: the files the last run wrote, so stale ones can go


@dataclass(slots=True)
class SiteSummary:
    """What one :func:`publish_site` run did."""

    files: int = 0
    written: int = 0
    unchanged: int = 0
    removed: int = 0
    items: int = 0
    stories: int = 0
    topics: int = 0


def environment() -> Environment:
    """The template environment: autoescaping on for every template, unknown names an error."""
    env = Environment(
        loader=PackageLoader("tidings.publish", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # Control characters from a source page are invalid in HTML too: drop them.
        finalize=_printable,
    )
    env.filters["iso"] = format_utc
    env.filters["human"] = _human_time
    return env


Page = tuple[str, datetime | None]  #: a page's text and when its content last changed


def build_pages(data: SiteData, *, title: str = SITE_TITLE) -> dict[str, Page]:
    """Every HTML page: file name to (text, when its content last changed or None)."""
    env = environment()
    newest = data.items[0].published if data.items else None
    by_lead = data.story_by_lead()
    pages: dict[str, Page] = {}

    def render(template: str, page: str, changed: datetime | None, **values: Any) -> None:
        def link(target: str) -> str:
            return relative(target, page)

        text = env.get_template(template).render(
            site_title=title,
            page=page,
            link=link,
            story_link=lambda item: link(story_page(by_lead[item.id].key)),
            has_story=lambda item: item.id in by_lead,
            topics=data.topics,
            paths=_PATHS,
            feed_path=feed_path,
            listing_page=listing_page,
            **values,
        )
        pages[page] = (text, changed)

    render(
        "front.html",
        FRONT_PAGE,
        newest,
        stories=data.stories[:FRONT_PAGE_STORIES],
        more=len(data.stories) > FRONT_PAGE_STORIES,
    )
    render(
        "topics.html",
        TOPICS_PAGE,
        newest,
        counts={t: len(data.items_in(t)) for t in data.topics},
        total=len(data.items),
    )
    render("scores.html", SCORES_PAGE, None)
    for topic in (None, *data.topics):
        _listing(render, data, topic)
    for story in data.stories:
        render(
            "story.html",
            story_page(story.key),
            story.updated,
            story=story,
        )
    return pages


def _listing(render: Callable[..., None], data: SiteData, topic: Topic | None) -> None:
    items = data.items if topic is None else data.items_in(topic)
    slug = None if topic is None else topic.slug
    pages = page_count(len(items))
    for number in range(1, pages + 1):
        chunk = items[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]
        render(
            "listing.html",
            listing_page(slug, number),
            chunk[0].published if chunk else None,
            topic=topic,
            slug=slug,
            items=chunk,
            number=number,
            pages=pages,
            total=len(items),
        )


def publish_site(
    store: Store, out_dir: Path, *, base_url: str, now: datetime, title: str = SITE_TITLE
) -> SiteSummary:
    """Write the HTML site, the JSON API, the feeds and the sitemaps under ``out_dir``.

    Only files whose content changed are rewritten (an unchanged site keeps its
    mtimes, so a static host or git sees no churn). Files a previous run wrote
    that this run no longer produces (a story that cooled off the site, a topic
    with no items left) are removed, found through a manifest in ``out_dir``;
    files the site did not write, such as the ``_news`` records, are never touched.
    """
    data = load_site_data(store, out_dir)
    pages = build_pages(data, title=title)
    outputs: dict[str, str] = {path: text for path, (text, _) in pages.items()}
    outputs[STYLESHEET] = stylesheet()
    outputs.update(build_api(data))
    outputs.update(build_feeds(data, base_url=base_url, title=title, now=now))
    outputs.update(
        build_sitemaps(
            {path: changed for path, (_, changed) in pages.items()},
            data.stories,
            base_url=base_url,
            title=title,
            now=now,
        )
    )
    summary = SiteSummary(
        items=len(data.items), stories=len(data.stories), topics=len(data.topics)
    )
    write_outputs(out_dir, outputs, summary)
    return summary


def write_outputs(out_dir: Path, outputs: Mapping[str, str], summary: SiteSummary) -> None:
    """Write changed files, then remove the ones the previous run wrote and this one did not."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for path, text in outputs.items():
        if write_record(out_dir / path, text):
            summary.written += 1
        else:
            summary.unchanged += 1
    summary.files = len(outputs)
    for stale in sorted(_previous(out_dir) - set(outputs)):
        target = out_dir / stale
        with suppress(FileNotFoundError):
            target.unlink()
            summary.removed += 1
            log.debug("removed %s: the site no longer has it", stale)
        _prune(target.parent, out_dir)
    manifest = json.dumps(sorted(outputs), indent=1) + "\n"
    write_record(out_dir / MANIFEST, manifest)


def stylesheet() -> str:
    return (files("tidings.publish") / "templates" / "site.css").read_text(encoding="utf-8")


def _previous(out_dir: Path) -> set[str]:
    """Paths the last run wrote; anything odd in the manifest (absolute, ``..``) is ignored."""
    try:
        listed = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return set()
    if not isinstance(listed, list):
        return set()
    safe = set()
    for path in listed:
        if not isinstance(path, str):
            continue
        parts = PurePosixPath(path).parts
        if parts and not PurePosixPath(path).is_absolute() and ".." not in parts:
            safe.add(path)
    # The image cache belongs to the pipeline, not to this manifest: even a manifest
    # that names a cached copy (an old or hand-edited one) never gets it deleted.
    return {path for path in safe if not path.startswith(f"{CACHE_DIR}/")}


def _prune(folder: Path, root: Path) -> None:
    """Remove folders left empty by stale files, up to (not including) ``root``."""
    while folder != root and root in folder.parents:
        try:
            folder.rmdir()  # only succeeds when empty
        except OSError:
            return
        folder = folder.parent


def _printable(value: Any) -> Any:
    """Plain text without control characters; markup built by our own macros passes as is."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return xml_text(value)
    return value


def _human_time(moment: datetime) -> str:
    return f"{moment.day} {moment:%b %Y, %H:%M} UTC"


_PATHS = {
    "front": FRONT_PAGE,
    "topics": TOPICS_PAGE,
    "scores": SCORES_PAGE,
    "css": STYLESHEET,
}

__all__ = ["SiteSummary", "build_pages", "environment", "publish_site", "write_outputs"]

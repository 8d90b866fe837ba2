"""Turn curated articles into `_news/*.md` records, writing only what changed."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from tidings.publish.images import copies_on_disk
from tidings.publish.logos import record_logos
from tidings.publish.records import (
    Logo,
    Provider,
    Record,
    RecordImage,
    Related,
    record_filename,
    render_record,
    write_record,
)
from tidings.publish.secured import Keyring, encrypt
from tidings.store import Store, StoredArticle

log = logging.getLogger(__name__)
NEWS_DIR = "_news"


@dataclass(slots=True)
class PublishSummary:
    records: int = 0
    written: int = 0
    unchanged: int = 0
    removed: int = 0
    published: int = 0
    secured: bool = False


def is_record(article: StoredArticle) -> bool:
    """Every relevant article gets a record, except copies of one already kept."""
    curation = article.curation or {}
    return bool(article.relevant) and curation.get("duplicate_of") is None


def publish_records(
    store: Store, out_dir: Path, *, keyring: Keyring | None, base_url: str
) -> PublishSummary:
    news = out_dir / NEWS_DIR
    news.mkdir(parents=True, exist_ok=True)
    summary = PublishSummary(secured=keyring is not None)
    if keyring is None:
        log.warning("no secret key (TIDINGS_SECRET_KEY or the workspace key file): "
                    "records are written without `secured`")
    articles = store.articles(relevant=True)
    by_id = {a.id: a for a in articles}
    taken: dict[str, int] = {}
    logos = LogoFinder(out_dir, base_url)
    for article in sorted(articles, key=lambda a: a.id):
        if not is_record(article):
            continue
        secured = article.secured
        if secured is None and keyring is not None:
            secured = encrypt(secured_payload(article), keyring)
            store.update_curation(article.id, secured=secured)
        record = to_record(article, [by_id[r] for r in article.related or [] if r in by_id],
                           secured=secured, logos=logos, site_dir=out_dir)
        name = record_filename(record)
        if name in taken and taken[name] != article.id:
            name = f"{name.removesuffix('.md')}-{article.id}.md"
        taken[name] = article.id
        path = news / name
        if article.record_path and article.record_path != name:
            (news / article.record_path).unlink(missing_ok=True)
        if write_record(path, render_record(record)):
            summary.written += 1
        else:
            summary.unchanged += 1
        if article.record_path != name:
            store.update_curation(article.id, record_path=name)
        summary.records += 1
        summary.published += bool(article.published)
    for stale in news.glob("*.md"):  # articles no longer relevant lose their record
        if stale.name not in taken:
            stale.unlink()
            summary.removed += 1
    return summary


def secured_payload(article: StoredArticle) -> dict[str, str | None]:
    return {"title": article.title, "author": article.author, "text": article.text,
            "html": article.html, "webUrl": article.web_url}


class LogoFinder:
    """The logos written for each domain (see ``publish.logos``), looked up once per run."""

    def __init__(self, out_dir: Path, base_url: str) -> None:
        self.out_dir, self.base_url = out_dir, base_url
        self._found: dict[str, list[Logo]] = {}

    def __call__(self, domain: str) -> list[Logo]:
        if domain not in self._found:
            self._found[domain] = [Logo(url, width, height) for url, width, height
                                   in record_logos(self.out_dir, self.base_url, domain)]
        return list(self._found[domain])


def to_record(
    article: StoredArticle,
    related: list[StoredArticle],
    *,
    secured: str | None,
    logos: Callable[[str], list[Logo]] | None = None,
    site_dir: Path | None = None,
) -> Record:
    """``logos`` gives a domain's logo entries; related providers get them too, though
    the record layout prints logos for the record's own provider only."""
    logos = logos or (lambda domain: [])
    return Record(
        title=article.title,
        excerpt=article.excerpt,
        published=_utc(article.published_at or article.fetched_at),
        original_url=article.original_url,
        web_url=article.web_url,
        type=article.type,
        quality=round(article.quality or 0),
        heat=round(article.heat) if article.heat is not None else 0,
        published_flag=bool(article.published),
        provider=Provider(name=article.provider_name, domain=article.provider_domain,
                          images=logos(article.provider_domain)),
        topics=[t["name"] for t in article.topics or []],
        images=_images(article, site_dir),
        related=[
            Related(
                title=r.title,
                excerpt=r.excerpt,
                published=_utc(r.published_at or r.fetched_at),
                web_url=r.web_url,
                type=r.type,
                provider=Provider(name=r.provider_name, domain=r.provider_domain,
                                  images=logos(r.provider_domain)),
                quality=round(r.quality or 0),
                images=_images(r, site_dir),
            )
            for r in related
        ],
        secured=secured,
    )


def _images(article: StoredArticle, site_dir: Path | None) -> list[RecordImage]:
    """The record keeps the publisher's URL (as the reference does) and the true size;
    ``isCached`` says the large copy is on disk in the site folder right now."""
    return [
        RecordImage(url=i["url"], width=i["width"], height=i["height"],
                    is_cached="large" in copies_on_disk(i, site_dir))
        for i in article.images or []
        if i.get("width") and i.get("height")
    ]


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)

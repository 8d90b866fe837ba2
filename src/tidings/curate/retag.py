"""Re-tag stored articles after the taxonomy changes (``tidings retag``).

Only topics are recomputed: relevance, stories and scores are left to the
next curation run. Articles whose topics come out the same are not written,
so a retag after a small edit touches only the articles it concerns.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from tidings.curate import topics
from tidings.curate.items import Item
from tidings.curate.taxonomy import Taxonomy, default_taxonomy
from tidings.store import Store, StoredArticle


@dataclass(slots=True)
class RetagSummary:
    articles: int = 0  #: relevant articles looked at
    changed: int = 0  #: articles whose topics were rewritten
    added: Counter[str] = field(default_factory=Counter)  #: topic name -> articles gaining it
    removed: Counter[str] = field(default_factory=Counter)  #: topic name -> articles losing it

    @property
    def tags_added(self) -> int:
        return sum(self.added.values())

    @property
    def tags_removed(self) -> int:
        return sum(self.removed.values())


def retag_store(
    store: Store, taxonomy: Taxonomy | None = None, *, since: datetime | None = None
) -> RetagSummary:
    """Tag every relevant stored article (or those dated from ``since``) with ``taxonomy``."""
    taxonomy = taxonomy or default_taxonomy()
    summary = RetagSummary()
    for article in store.articles(relevant=True, since=since):
        summary.articles += 1
        new = [{"name": t.name, "evidence": t.evidence}
               for t in topics.tag(_item(article), taxonomy)]
        old = _plain(list(article.topics))
        if old == new:
            continue
        before, after = _names(old), {t["name"] for t in new}
        summary.added.update(after - before)
        summary.removed.update(before - after)
        summary.changed += 1
        curation = {**(article.curation or {}), "topics": {t["name"]: t["evidence"] for t in new}}
        store.update_curation(article.id, topics=new, curation=curation)
    return summary


def _item(article: StoredArticle) -> Item:
    return Item(
        id=article.id,
        title=article.title,
        text=article.text,
        excerpt=article.excerpt,
        url=article.web_url,
        publisher=article.provider_domain,
        published=article.published_at or article.fetched_at or datetime.now(UTC),
    )


def _names(stored: list[Any]) -> set[str]:
    """Topic names from stored topics, which may be objects or (from older runs) plain names."""
    return {t["name"] if isinstance(t, dict) else str(t) for t in stored}


def _plain(value: Any) -> Any:
    return json.loads(json.dumps(value, default=str))

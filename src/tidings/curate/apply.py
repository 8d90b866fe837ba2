"""Curate what the store holds and write the decisions back."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from tidings.config import CurateSettings
from tidings.curate.desk import Curator
from tidings.curate.embed import StoredEmbedder, load_embedder
from tidings.curate.items import Decision, Item
from tidings.store import Store, StoredArticle

#: Older articles keep their last scores; their heat has long decayed by then. An article
#: that arrives older than this (a backfill, an archive) is still curated once.
HORIZON_DAYS = 30
#: Stored sentence embeddings older than this are forgotten (their articles have left the
#: horizon long before).
EMBEDDINGS_KEPT_DAYS = 2 * HORIZON_DAYS


@dataclass(slots=True)
class CurationSummary:
    curated: int = 0
    relevant: int = 0
    duplicates: int = 0
    stories: int = 0
    multi_publisher_stories: int = 0
    published: int = 0
    embedded: int = 0  #: texts run through the embedding model this time
    embeddings_reused: int = 0  #: texts whose stored vector was read back instead


def to_item(article: StoredArticle) -> Item:
    published = article.published_at or article.fetched_at
    if published.tzinfo is None:
        published = published.replace(tzinfo=UTC)
    return Item(
        id=article.id,
        title=article.title,
        text=article.text,
        url=article.web_url,
        publisher=article.provider_domain,
        published=published,
        excerpt=article.excerpt,
        type=article.type,
        author=article.author,
        has_image=bool(article.images),
        story=article.story_id,
        suppressed=bool(article.suppressed),
        lead=bool((article.curation or {}).get("lead")),
    )


def user_taxonomy(settings: CurateSettings) -> Any:
    """The taxonomy ``[curate] taxonomy`` names, or None for the bundled one.

    The config loader has already made a relative path absolute (against the workspace).
    """
    path = getattr(settings, "taxonomy", None)
    if not path:
        return None
    from tidings.curate.taxonomy import load_taxonomy

    return load_taxonomy(Path(path))


def curate_store(store: Store, settings: CurateSettings, now: datetime) -> CurationSummary:
    horizon = now - timedelta(days=HORIZON_DAYS)
    articles = store.articles(since=horizon) + store.articles(before=horizon, curated=False)
    items = [to_item(a) for a in articles]
    model = load_embedder()
    embedder = StoredEmbedder(model, store) if model is not None else None
    curator = Curator(settings, taxonomy=user_taxonomy(settings), embedder=embedder)
    decisions = curator.curate(items, now)
    store.prune_embeddings(before=now - timedelta(days=EMBEDDINGS_KEPT_DAYS))
    known_stories = {item.story for item in items if item.story is not None}
    story_ids: dict[int | str, int] = {}
    for decision in decisions:  # stories the curator opened this run get database rows
        key = decision.story
        if key is not None and key not in known_stories and key not in story_ids:
            story_ids[key] = store.create_story(title="")

    summary = CurationSummary(curated=len(decisions))
    if embedder is not None:
        summary.embedded, summary.embeddings_reused = embedder.computed, embedder.reused
    by_id = {a.id: a for a in articles}
    members: dict[int, list[Decision]] = {}
    for decision in decisions:
        story = None if decision.story is None else story_ids.get(decision.story, decision.story)
        published = _editor_published(by_id[decision.id], decision.published)
        curation = decision.explain()
        # The desk's own choice, so an editor's "auto" can hand it back at once.
        curation["desk_published"] = decision.published
        if published != decision.published:
            curation["published"] = f"editor: {by_id[decision.id].editor_publish}"
        fields = {
            "relevant": decision.relevant,
            "topics": [{"name": t.name, "evidence": t.evidence} for t in decision.topics],
            "story_id": story,
            "quality": decision.quality,
            "heat": decision.heat,
            "published": published,
            "related": decision.related,
            "curation": curation,
        }
        changed = _changed(by_id[decision.id], fields)
        if changed:  # most articles keep their scores between runs: no write for them
            store.update_curation(decision.id, **changed)
        summary.relevant += decision.relevant
        summary.duplicates += decision.duplicate_of is not None
        summary.published += published
        if story is not None and decision.duplicate_of is None:
            members.setdefault(int(story), []).append(decision)
    for story, group in members.items():
        lead = next((d for d in group if d.lead), group[0])
        publishers = {by_id[d.id].provider_domain for d in group}
        store.update_story(story, lead_article_id=lead.id, title=by_id[lead.id].title,
                           size=len(group))
        summary.stories += 1
        summary.multi_publisher_stories += len(publishers) > 1
    for story in known_stories - set(members):  # merged into another story: left empty
        info = store.get_story(story) if isinstance(story, int) else None
        if info is not None and (info.size or info.lead_article_id is not None):
            store.update_story(story, lead_article_id=None, size=0)
    return summary


def _editor_published(article: StoredArticle, desk: bool) -> bool:
    """The desk's choice unless an editor switched publishing on or off; suppression wins.

    Suppressed and pinned are the editor's columns: the desk reads suppressed (heat -1,
    unpublished) and never writes either, so both survive every run.
    """
    if article.suppressed:
        return False
    return {"on": True, "off": False}.get(article.editor_publish or "", desk)


def _changed(article: StoredArticle, fields: dict[str, Any]) -> dict[str, Any]:
    """The fields whose values differ from what is stored (JSON columns read back as tuples)."""
    return {key: value for key, value in fields.items()
            if _plain(getattr(article, key)) != _plain(value)}


def _plain(value: Any) -> Any:
    return json.loads(json.dumps(value, default=str))

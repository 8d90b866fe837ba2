"""`tidings explain`: everything curation decided about one stored article, and why.

Curation stores its components and evidence in the article's ``curation`` JSON
(see :meth:`Decision.explain`); this module gathers them with the story and the
related articles into one plain dict (the ``--json`` output) and renders it.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from tidings.store import Store, StoredArticle


def explanation(store: Store, article: StoredArticle) -> dict[str, Any]:
    """What curation decided about ``article``, with every component and piece of evidence."""
    curation = dict(article.curation or {})
    story = store.get_story(article.story_id) if article.story_id is not None else None
    lead = None
    if story is not None and story.lead_article_id is not None:
        leader = store.get_article(story.lead_article_id)
        if leader is not None:
            lead = {"id": leader.id, "title": leader.title, "publisher": leader.provider_domain}
    related = []
    for related_id in article.related or ():
        other = store.get_article(int(related_id))
        if other is not None:
            related.append({"id": other.id, "title": other.title, "url": other.web_url,
                            "publisher": other.provider_domain, "quality": other.quality})
    return {
        "id": article.id,
        "title": article.title,
        "url": article.web_url,
        "publisher": {"name": article.provider_name, "domain": article.provider_domain},
        "publishedDateTime": article.published_at,
        "curated": article.relevant is not None,
        "relevant": article.relevant,
        "relevance": curation.get("relevance", ""),
        "topics": [_topic(t) for t in article.topics or ()],
        "story": {
            "id": article.story_id,
            "evidence": curation.get("story", ""),
            "duplicate_of": curation.get("duplicate_of"),
            "lead": bool(curation.get("lead")),
            "size": story.size if story else None,
            "lead_article": lead,
        },
        "quality": article.quality,
        "quality_parts": curation.get("quality", {}),
        "heat": article.heat,
        "heat_parts": curation.get("heat", {}),
        "suppressed": article.suppressed,
        "published": article.published,
        "published_reason": curation.get("published", ""),
        "related": related,
    }


def render_explanation(data: dict[str, Any], console: Console) -> None:
    """The explanation as a few short tables."""
    console.print(f"[bold]{data['title']}[/]", highlight=False)
    console.print(f"{data['publisher']['domain'] or data['publisher']['name']} · {data['url']} · "
                  f"article {data['id']}", highlight=False)
    if not data["curated"]:
        console.print("Not curated yet: run `tidings run` first.")
        return
    verdict = "[green]AI news[/]" if data["relevant"] else "[red]not AI news[/]"
    console.print(f"Relevance: {verdict}: {data['relevance']}", highlight=False)
    if data["topics"]:
        topics = Table("topic", "evidence", title="Topics")
        for topic in data["topics"]:
            topics.add_row(topic["name"], topic["evidence"])
        console.print(topics)
    story = data["story"]
    if story["id"] is not None:
        size = story['size'] or '?'
        lines = [f"Story {story['id']} ({size} article{'' if size == 1 else 's'}, copies not "
                 f"counted): {story['evidence']}"]
        if story["duplicate_of"] is not None:
            lines.append(f"A copy of article {story['duplicate_of']}.")
        if story["lead"]:
            lines.append("This article is the story's record.")
        elif story["lead_article"]:
            leader = story["lead_article"]
            lines.append(f"The story's record: {leader['id']} {leader['title']!r} "
                         f"({leader['publisher']}).")
        console.print("\n".join(lines), highlight=False)
    console.print(_parts("Quality", data["quality"], data["quality_parts"]))
    console.print(_parts("Heat", data["heat"], data["heat_parts"]))
    flag = "[green]published[/]" if data["published"] else "[yellow]not published[/]"
    console.print(f"{flag}: {data['published_reason'] or '-'}", highlight=False)
    if data["related"]:
        related = Table("id", "publisher", "quality", "title", title="Related coverage")
        for r in data["related"]:
            related.add_row(str(r["id"]), r["publisher"], _number(r["quality"]), r["title"])
        console.print(related)


def _parts(name: str, total: Any, parts: dict[str, Any]) -> Table:
    table = Table("part", "value", title=f"{name} {_number(total)}")
    for part, value in parts.items():
        table.add_row(part.replace("_", " "), _number(value))
    return table


def _number(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _topic(value: Any) -> dict[str, Any]:
    if isinstance(value, dict):
        return {"name": value.get("name", ""), "evidence": value.get("evidence", "")}
    return {"name": str(value), "evidence": ""}

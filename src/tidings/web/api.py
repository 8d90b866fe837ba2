"""The JSON API under ``/api/v1``: reading for everyone, editorial actions for token holders.

Readers see what the public site shows: published articles, stories, topics
and publishers. A request with a valid bearer token may also see unpublished
articles and take the editorial actions: publish, unpublish or hand back to
curation; suppress (heat -1, off the site) and unsuppress; pin to the top of
the front page; re-tag with the workspace taxonomy; add and remove sources.
Each action takes effect at once and is kept by every later curation run.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Annotated, Any
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response, status
from fastapi.security import HTTPBearer

from tidings.curate import topics as tagging
from tidings.curate.apply import to_item
from tidings.curate.explain import explanation
from tidings.publish.images import copies_on_disk
from tidings.publish.site_data import Story, is_published, topic_names
from tidings.publish.slug import topic_slug
from tidings.store import SourceInfo, StoredArticle
from tidings.web import models
from tidings.web.context import AppContext, context
from tidings.web.live import Filters, story_key
from tidings.web.sanitize import clean_html

MAX_PER_PAGE = 100

Ctx = Annotated[AppContext, Depends(context)]
#: Documents the scheme in OpenAPI; the check itself is :func:`editor` (403 vs 401 rules).
bearer = HTTPBearer(auto_error=False, description="An API token from TIDINGS_API_TOKENS or "
                    "the workspace's api-tokens file.")


def editor(request: Request, ctx: Ctx, _: Annotated[Any, Depends(bearer)] = None) -> None:
    """Only editors pass: 403 when no token is configured, 401 for a missing or wrong one."""
    ctx.editors.require(request)


Editor = [Depends(editor)]

read = APIRouter(prefix="/api/v1", tags=["read"])
desk = APIRouter(prefix="/api/v1", tags=["editorial"], dependencies=Editor)


# -- reading -----------------------------------------------------------------------------------


@read.get("/articles", response_model=models.ArticleList, summary="Search and list articles")
def list_articles(
    request: Request,
    ctx: Ctx,
    q: Annotated[str | None, Query(max_length=200, description="Words to look for.")] = None,
    topic: Annotated[str | None, Query(description="A topic slug, e.g. ai-hardware.")] = None,
    publisher: Annotated[str | None, Query(description="A publisher's domain.")] = None,
    since: Annotated[str | None, Query(description="From this date or time (inclusive).")]
    = None,
    until: Annotated[str | None, Query(description="Up to this date (inclusive) or time.")]
    = None,
    page: Annotated[int, Query(ge=1, le=10_000)] = 1,
    per_page: Annotated[int, Query(ge=1, le=MAX_PER_PAGE)] = 20,
    unpublished: Annotated[bool, Query(description="Include articles not on the site "
                                       "(editors only).")] = False,
) -> models.ArticleList:
    """Published articles matching the words and filters: best match first with words,
    newest first without."""
    if unpublished:
        ctx.editors.require(request)
    filters = Filters(query=q or None, topic=topic or None, publisher=publisher or None,
                      since=_moment(since, "since", end=False),
                      until=_moment(until, "until", end=True))
    found = ctx.store.search(
        filters.query, topic=filters.topic, publisher=filters.publisher, since=filters.since,
        until=filters.until, published_only=not unpublished, limit=per_page,
        offset=(page - 1) * per_page,
    )
    return models.ArticleList(
        items=[summary(ctx, a) for a in found.items],
        total=found.total,
        page=page,
        pages=max(1, -(-found.total // per_page)),
        per_page=per_page,
    )


@read.get("/articles/{article_id}", response_model=models.ArticleDetail,
          summary="One article, with its topics, evidence and scores")
def get_article(article_id: int, request: Request, ctx: Ctx) -> models.ArticleDetail:
    """Everything curation decided about one article and why. Articles that are not on
    the site are shown to editors only."""
    article = ctx.store.get_article(article_id)
    if article is None or not (is_published(article) or ctx.editors.is_editor(request)):
        raise HTTPException(404, "No published article with that id.")
    return detail(ctx, article)


@read.get("/stories", response_model=list[models.StoryOut], summary="The front page's stories")
def list_stories(ctx: Ctx) -> list[models.StoryOut]:
    """The stories on the front page: pinned first, then hottest, each with its coverage."""
    front = ctx.live.front()
    return [_story(ctx, s, front.articles) for s in front.stories]


@read.get("/stories/{key}", response_model=models.StoryOut, summary="One story")
def get_story(key: str, ctx: Ctx) -> models.StoryOut:
    """A story by its page key: a story id, or ``a<article id>`` for a lone article."""
    found = ctx.live.story(key)
    if not found.stories:
        raise HTTPException(404, "No published story by that name.")
    return _story(ctx, found.stories[0], found.articles)


@read.get("/topics", response_model=list[models.TopicCount], summary="Topics")
def list_topics(ctx: Ctx) -> list[models.TopicCount]:
    """Every topic with published articles, and how many."""
    return [models.TopicCount(name=t.name, slug=t.slug, articles=n) for t, n in ctx.live.topics()]


@read.get("/publishers", response_model=list[models.PublisherCount], summary="Publishers")
def list_publishers(ctx: Ctx) -> list[models.PublisherCount]:
    """Every publisher with published articles, most first."""
    return [models.PublisherCount(name=name, domain=domain, articles=n)
            for name, domain, n in ctx.store.publishers()]


# -- editorial actions ---------------------------------------------------------------------------


@desk.post("/articles/{article_id}/publish", response_model=models.ArticleDetail,
           summary="Publish an article")
def publish(article_id: int, ctx: Ctx) -> models.ArticleDetail:
    """Put the article on the site whatever its heat (unless it is suppressed)."""
    return _editorial(ctx, article_id, publish="on")


@desk.delete("/articles/{article_id}/publish", response_model=models.ArticleDetail,
             summary="Unpublish an article")
def unpublish(article_id: int, ctx: Ctx) -> models.ArticleDetail:
    """Take the article off the site and keep it off."""
    return _editorial(ctx, article_id, publish="off")


@desk.post("/articles/{article_id}/publish/auto", response_model=models.ArticleDetail,
           summary="Let curation decide again")
def publish_auto(article_id: int, ctx: Ctx) -> models.ArticleDetail:
    """Forget the editor's publish or unpublish: curation's heat threshold decides again."""
    return _editorial(ctx, article_id, publish="auto")


@desk.post("/articles/{article_id}/suppress", response_model=models.ArticleDetail,
           summary="Suppress an article")
def suppress(article_id: int, ctx: Ctx) -> models.ArticleDetail:
    """Heat -1 and off the site, kept so by every later curation run."""
    return _editorial(ctx, article_id, suppressed=True)


@desk.delete("/articles/{article_id}/suppress", response_model=models.ArticleDetail,
             summary="Unsuppress an article")
def unsuppress(article_id: int, ctx: Ctx) -> models.ArticleDetail:
    """Lift a suppression; the next curation run scores the article again."""
    return _editorial(ctx, article_id, suppressed=False)


@desk.post("/articles/{article_id}/pin", response_model=models.ArticleDetail,
           summary="Pin an article")
def pin(article_id: int, ctx: Ctx) -> models.ArticleDetail:
    """Show the article's story first on the front page (when it is published)."""
    return _editorial(ctx, article_id, pinned=True)


@desk.delete("/articles/{article_id}/pin", response_model=models.ArticleDetail,
             summary="Unpin an article")
def unpin(article_id: int, ctx: Ctx) -> models.ArticleDetail:
    return _editorial(ctx, article_id, pinned=False)


@desk.post("/articles/{article_id}/retag", response_model=models.ArticleDetail,
           summary="Re-tag an article")
def retag(article_id: int, ctx: Ctx) -> models.ArticleDetail:
    """Tag the article again with the workspace's taxonomy (as ``tidings retag`` does for
    all), e.g. after editing the taxonomy or fixing a wrong topic."""
    article = ctx.store.get_article(article_id)
    if article is None:
        raise HTTPException(404, "No article with that id.")
    found = tagging.tag(to_item(article), ctx.taxonomy)
    new = [{"name": t.name, "evidence": t.evidence} for t in found]
    if new != _plain_topics(article):
        curation = {**(article.curation or {}), "topics": {t["name"]: t["evidence"] for t in new}}
        ctx.store.update_curation(article.id, topics=new, curation=curation)
        ctx.changed()
    updated = ctx.store.get_article(article_id)
    assert updated is not None
    return detail(ctx, updated)


@desk.get("/sources", response_model=list[models.SourceOut], summary="Sources")
def list_sources(ctx: Ctx) -> list[models.SourceOut]:
    """Every watched source and how polling it went."""
    return [_source(s) for s in ctx.store.list_sources()]


@desk.post("/sources", response_model=models.SourceAdded, summary="Add a source",
           responses={201: {"model": models.SourceAdded}})
def add_source(body: models.SourceIn, response: Response, ctx: Ctx) -> models.SourceAdded:
    """Watch a feed, sitemap or page; answers 201 when new, 200 when already watched.
    Local folders (kind ``file``) can only be added from the command line."""
    url = _web_url(body.url)
    source, created = ctx.store.add_source(url, kind=body.kind, title=body.title)
    response.status_code = status.HTTP_201_CREATED if created else status.HTTP_200_OK
    return models.SourceAdded(source=_source(source), created=created)


@desk.delete("/sources/{source_id}", status_code=204, summary="Remove a source")
def remove_source(source_id: int, ctx: Ctx) -> Response:
    """Stop watching a source (its stored articles stay)."""
    if not ctx.store.remove_source(source_id):
        raise HTTPException(404, "No source with that id.")
    return Response(status_code=204)


# -- shaping answers -----------------------------------------------------------------------------


def summary(ctx: AppContext, article: StoredArticle) -> models.ArticleSummary:
    return models.ArticleSummary(**_summary_fields(ctx, article))


def detail(ctx: AppContext, article: StoredArticle) -> models.ArticleDetail:
    why = explanation(ctx.store, article)
    return models.ArticleDetail(
        **_summary_fields(ctx, article),
        author=article.author,
        relevant=article.relevant,
        relevance=str(why.get("relevance") or ""),
        topic_evidence=[models.TopicEvidence(**t) for t in why["topics"]],
        quality_parts=_dict(why.get("quality_parts")),
        heat_parts=_dict(why.get("heat_parts")),
        published_reason=str(why.get("published_reason") or ""),
        duplicate_of=why["story"].get("duplicate_of"),
        related=[models.Related(id=r["id"], title=r["title"], web_url=r["url"],
                                publisher=r["publisher"], quality=r["quality"])
                 for r in why["related"]],
        html=clean_html(article.html, base_url=article.web_url) if ctx.full_text else None,
    )


def _summary_fields(ctx: AppContext, article: StoredArticle) -> dict[str, Any]:
    return {
        "id": article.id,
        "title": article.title,
        "excerpt": article.excerpt,
        "web_url": article.web_url,
        "original_url": article.original_url,
        "type": article.type,
        "language": article.language,
        "publisher": models.Publisher(name=article.provider_name or article.provider_domain,
                                      domain=article.provider_domain),
        "published_date_time": article.published_at,
        "topics": [models.TopicRef(name=n, slug=topic_slug(n)) for n in topic_names(article)],
        "images": [_picture(ctx, i) for i in article.images or ()
                   if i.get("url") and i.get("width") and i.get("height")],
        "quality": article.quality,
        "heat": article.heat,
        "story": story_key(article),
        "published": is_published(article),
        "pinned": article.pinned,
        "suppressed": article.suppressed,
    }


def _picture(ctx: AppContext, image: dict[str, Any]) -> models.Picture:
    copies = copies_on_disk(image, ctx.site_dir)
    return models.Picture(url=str(image["url"]), width=int(image["width"]),
                          height=int(image["height"]), is_cached="large" in copies,
                          cached=copies or None)


def _story(ctx: AppContext, story: Story, articles: dict[int, StoredArticle],
           ) -> models.StoryOut:
    return models.StoryOut(
        key=story.key,
        heat=story.heat,
        publishers=story.publishers,
        updated=story.updated,
        lead=summary(ctx, articles[story.lead.id]),
        coverage=[summary(ctx, articles[c.id]) for c in story.coverage if c.id in articles],
    )


def _editorial(ctx: AppContext, article_id: int, **change: Any) -> models.ArticleDetail:
    updated = ctx.store.set_editorial(article_id, **change)
    if updated is None:
        raise HTTPException(404, "No article with that id.")
    ctx.changed()
    return detail(ctx, updated)


def _source(source: SourceInfo) -> models.SourceOut:
    return models.SourceOut(
        id=source.id, url=source.url, kind=source.kind, title=source.title,
        enabled=source.enabled, last_fetch_at=source.last_fetch_at,
        last_status=source.last_status, last_error=source.last_error,
        items_seen=source.items_seen, articles_stored=source.articles_stored,
    )


def _web_url(url: str) -> str:
    """The URL as given, once it is an absolute http(s) address with a host.

    Other schemes are refused here: ``file:`` or a bare path would let anyone holding a
    token make the server read its own disk."""
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise HTTPException(422, "A source URL must be an absolute http:// or https:// address.")
    return url.strip()


def _moment(value: str | None, name: str, *, end: bool) -> datetime | None:
    """A date (a whole day; ``until`` includes it) or an ISO time; naive times are UTC."""
    if not value:
        return None
    try:
        if len(value) == 10:
            day = date.fromisoformat(value)
            start = datetime.combine(day, time(0), tzinfo=UTC)
            return start + timedelta(days=1) if end else start
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise HTTPException(422, f"`{name}` must be a date (2026-03-01) or an ISO 8601 "
                            "time.") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _plain_topics(article: StoredArticle) -> list[dict[str, Any]]:
    return [{"name": t.get("name"), "evidence": t.get("evidence", "")} if isinstance(t, dict)
            else {"name": str(t), "evidence": ""} for t in article.topics or ()]


def _dict(value: Any) -> dict[str, Any]:
    return dict(value) if isinstance(value, dict) else {}

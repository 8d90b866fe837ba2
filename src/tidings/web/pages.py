"""The live site's pages, at the static site's paths, from the static site's templates.

Every page the static site writes is answered here from the database at the
same relative path (``index.html``, ``stories/<key>.html``, ``topics/<slug>/
index.html``, ``news/page-2.html``, ...), rendered by the same Jinja2 templates
with the same relative links, so the two never drift and a link copied from one
works on the other. The app adds a search page, an article page and its own
API reference; their templates live in ``tidings/web/templates`` and extend the
site's ``base.html``.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta
from importlib.resources import files
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import ChoiceLoader, Environment, PackageLoader
from markupsafe import Markup

from tidings.curate.explain import explanation
from tidings.publish.api import ALL_NEWS, api_item
from tidings.publish.feeds import EXTENSIONS, FEED_SIZE, FeedContext
from tidings.publish.site import environment, stylesheet
from tidings.publish.site_data import Item, SiteData, Story, Topic
from tidings.publish.site_paths import (
    FRONT_PAGE,
    SCORES_PAGE,
    STYLESHEET,
    TOPICS_PAGE,
    api_page,
    feed_path,
    listing_page,
    relative,
    story_page,
)
from tidings.web.context import AppContext, context
from tidings.web.live import Filters, Listing, story_key
from tidings.web.sanitize import clean_html

SEARCH_PAGE = "search"
APP_STYLESHEET = "assets/app.css"
PATHS = {"front": FRONT_PAGE, "topics": TOPICS_PAGE, "scores": SCORES_PAGE, "css": STYLESHEET}
FEED_TYPES = {
    "xml": "application/rss+xml; charset=utf-8",
    "atom": "application/atom+xml; charset=utf-8",
    "json": "application/feed+json; charset=utf-8",
}
MAX_QUERY = 200  #: characters of a search query kept; more is no better a search

router = APIRouter(include_in_schema=False)


def page_environment() -> Environment:
    """The site's environment (autoescape, filters) with the app's own templates first."""
    env = environment()
    env.loader = ChoiceLoader([PackageLoader("tidings.web", "templates"), env.loader])
    return env


def render(ctx: AppContext, template: str, page: str, *, status: int = 200,
           **values: Any) -> HTMLResponse:
    """A page, with every value the site's templates expect; links are relative to ``page``."""

    def link(target: str) -> str:
        return relative(target, page)

    text = ctx.env.get_template(template).render(
        site_title=ctx.title,
        page=page,
        link=link,
        story_link=lambda item: link(story_page(story_key(item))),
        has_story=lambda item: True,  # every listed item leads (or is) a story with a page
        topics=values.pop("topics", ()),
        paths=PATHS,
        feed_path=feed_path,
        listing_page=listing_page,
        search_page=SEARCH_PAGE,
        **values,
    )
    return HTMLResponse(text, status_code=status)


Ctx = Depends(context)


# -- the static site's pages -------------------------------------------------------------------


@router.get("/")
@router.get("/index.html")
def front_page(ctx: AppContext = Ctx) -> HTMLResponse:
    front = ctx.live.front()
    remembered = ctx.front_page
    if remembered is not None and remembered[0] == front.version:
        return HTMLResponse(remembered[1])  # the same stories, read the same way: same page
    page = render(ctx, "front.html", FRONT_PAGE, stories=front.stories, more=front.more)
    ctx.front_page = (front.version, bytes(page.body))
    return page


@router.get("/stories/{key}.html")
def story(key: str, ctx: AppContext = Ctx) -> HTMLResponse:
    found = ctx.live.story(key).stories
    if not found:
        raise HTTPException(404, "No published story by that name.")
    return render(ctx, "story.html", story_page(key), story=found[0])


@router.get("/news/")
@router.get("/news/index.html")
def news(ctx: AppContext = Ctx) -> HTMLResponse:
    return _listing(ctx, None, 1)


@router.get("/news/page-{number}.html")
def news_page(number: int, ctx: AppContext = Ctx) -> HTMLResponse:
    return _listing(ctx, None, _later_page(number))


@router.get("/topics/")
@router.get("/topics/index.html")
def topics(ctx: AppContext = Ctx) -> HTMLResponse:
    counted = ctx.live.topics()
    return render(ctx, "topics.html", TOPICS_PAGE, topics=[t for t, _ in counted],
                  counts=dict(counted), total=ctx.live.total())


@router.get("/topics/{slug}/")
@router.get("/topics/{slug}/index.html")
def topic(slug: str, ctx: AppContext = Ctx) -> HTMLResponse:
    return _listing(ctx, slug, 1)


@router.get("/topics/{slug}/page-{number}.html")
def topic_page(slug: str, number: int, ctx: AppContext = Ctx) -> HTMLResponse:
    return _listing(ctx, slug, _later_page(number))


@router.get("/about/scores.html")
def scores(ctx: AppContext = Ctx) -> HTMLResponse:
    return render(ctx, "scores.html", SCORES_PAGE)


@router.get("/assets/site.css")
def site_css() -> Response:
    return Response(stylesheet(), media_type="text/css; charset=utf-8")


@router.get("/" + APP_STYLESHEET)
def app_css() -> Response:
    text = (files("tidings.web") / "templates" / "app.css").read_text(encoding="utf-8")
    return Response(text, media_type="text/css; charset=utf-8")


def _later_page(number: int) -> int:
    if number < 2:  # page 1 is the folder's index.html, as on the static site
        raise HTTPException(404, "No such page.")
    return number


def _listing(ctx: AppContext, slug: str | None, number: int) -> HTMLResponse:
    listing = ctx.live.listing(Filters(topic=slug), number)
    if number > listing.pages or (slug is not None and listing.total == 0):
        raise HTTPException(404, "No such page.")
    found = None if slug is None else _topic_named(slug, listing.items)
    return render(ctx, "listing.html", listing_page(slug, number), topic=found, slug=slug,
                  items=listing.items, number=number, pages=listing.pages, total=listing.total)


def _topic_named(slug: str, items: tuple[Item, ...]) -> Topic:
    """The topic behind a slug, read off the items that carry it."""
    for item in items:
        for topic in item.topics:
            if topic.slug == slug:
                return topic
    return Topic(slug, slug)


# -- the app's own pages -----------------------------------------------------------------------


@router.get("/search")
def search(request: Request, ctx: AppContext = Ctx) -> HTMLResponse:
    """The search form and, once anything is asked, one page of results."""
    params = request.query_params
    form = {name: params.get(name, "").strip() for name in
            ("q", "topic", "publisher", "since", "until")}
    form["q"] = form["q"][:MAX_QUERY]
    errors: dict[str, str] = {}
    since = _day(form["since"], "since", errors)
    until = _day(form["until"], "until", errors)
    if since and until and until < since:
        errors["until"] = "The end date is before the start date."
    number = _page_number(params.get("page"))
    asked = any(form.values())
    listing: Listing | None = None
    filters = Filters(query=form["q"] or None, topic=form["topic"] or None,
                      publisher=form["publisher"] or None,
                      since=_start(since),
                      until=_start(until + timedelta(days=1)) if until else None)
    if asked and not errors:
        listing = ctx.live.listing(filters, number)

    def page_link(n: int) -> str:
        kept = {k: v for k, v in form.items() if v}
        return f"{SEARCH_PAGE}?{urlencode({**kept, 'page': n})}"

    return render(
        ctx, "search.html", SEARCH_PAGE,
        status=422 if errors else 200,
        form=form, errors=errors, filters=filters, listing=listing, page_link=page_link,
        topic_choices=ctx.choices.topics(), publisher_choices=ctx.choices.publishers(),
    )


@router.get("/articles/{article_id}.html")
def article_page(article_id: int, ctx: AppContext = Ctx) -> HTMLResponse:
    """One published article with its scores, their parts, and the evidence for its topics."""
    article = ctx.store.get_article(article_id)
    items = ctx.live.items_in_order([article]) if article is not None else []
    if article is None or not items:
        raise HTTPException(404, "No published article with that id.")
    item = items[0]
    detail = explanation(ctx.store, article)
    page = f"articles/{article_id}.html"
    body = clean_html(article.html, base_url=article.web_url) if ctx.full_text else ""
    scores = [
        ("Quality", _number(article.quality), _parts(detail.get("quality_parts"))),
        ("Heat", _number(article.heat), _parts(detail.get("heat_parts"))),
    ]
    story_href = relative(story_page(story_key(item)), page)
    return render(
        ctx, "article.html", page, article=article, item=item, listed=True,
        detail={"published_reason": detail.get("published_reason", ""),
                "relevance": detail.get("relevance", ""),
                "topic_evidence": detail.get("topics", [])},
        scores=scores, body=_markup(body), published_at=item.published, story_href=story_href,
    )


@router.get("/docs")
def docs(request: Request, ctx: AppContext = Ctx) -> HTMLResponse:
    """The API reference, from the app's own OpenAPI document."""
    api = request.app.openapi()
    groups: dict[str, list[dict[str, Any]]] = {}
    for path, operations in api.get("paths", {}).items():
        for method, operation in operations.items():
            tag = (operation.get("tags") or ["other"])[0]
            groups.setdefault(tag, []).append({
                "method": method.upper(),
                "path": path,
                "summary": operation.get("summary", ""),
                "parameters": [
                    {"name": p.get("name", ""), "where": p.get("in", ""),
                     "required": bool(p.get("required")),
                     "description": p.get("description") or p.get("schema", {}).get(
                         "description", "")}
                    for p in operation.get("parameters", [])
                ],
                "editor": bool(operation.get("security")),
            })
    return render(ctx, "docs.html", "docs", api=api, groups=list(groups.items()))


# -- feeds and the static JSON API, from the store ----------------------------------------------


@router.get("/feeds/all.{extension}")
def feed_all(extension: str, request: Request, ctx: AppContext = Ctx) -> Response:
    return _feed(ctx, request, None, extension)


@router.get("/feeds/topics/{slug}.{extension}")
def feed_topic(slug: str, extension: str, request: Request, ctx: AppContext = Ctx) -> Response:
    return _feed(ctx, request, slug, extension)


def _feed(ctx: AppContext, request: Request, slug: str | None, extension: str) -> Response:
    if extension not in FEED_TYPES:
        raise HTTPException(404, "No such feed.")
    listing = ctx.live.listing(Filters(topic=slug), 1, size=FEED_SIZE)
    if slug is not None and listing.total == 0:
        raise HTTPException(404, "No such feed.")
    topic = None if slug is None else _topic_named(slug, listing.items)
    data = _snapshot(listing.items, topic)
    feed = FeedContext(data, topic, base_url=str(request.base_url), title=ctx.title,
                       now=datetime.now(UTC))
    return Response(EXTENSIONS[extension](feed), media_type=FEED_TYPES[extension])


@router.get("/api/news/index.json")
@router.get("/api/news/page/{number}/index.json")
def api_news(number: int = 1, ctx: AppContext = Ctx) -> Response:
    return _api_page(ctx, None, number)


@router.get("/api/news/{slug}/index.json")
@router.get("/api/news/{slug}/page/{number}/index.json")
def api_topic(slug: str, number: int = 1, ctx: AppContext = Ctx) -> Response:
    return _api_page(ctx, slug, number)


def _api_page(ctx: AppContext, slug: str | None, number: int) -> Response:
    """One page of the static API's layout (``api/news/<slug>/page/N/index.json``)."""
    if number < 1:
        raise HTTPException(404, "No such page.")
    listing = ctx.live.listing(Filters(topic=slug), number)
    if number > listing.pages or (slug is not None and listing.total == 0):
        raise HTTPException(404, "No such page.")
    topic = None if slug is None else _topic_named(slug, listing.items)
    body = {
        "topic": ALL_NEWS if topic is None else topic.name,
        "page": number,
        "pages": listing.pages,
        "total": listing.total,
        "value": [api_item(i) for i in listing.items],
        "nextPage": api_page(slug, number + 1) if number < listing.pages else None,
        "previousPage": api_page(slug, number - 1) if number > 1 else None,
    }
    return Response(json.dumps(body, ensure_ascii=False, indent=2) + "\n",
                    media_type="application/json")


# -- helpers -----------------------------------------------------------------------------------


def _snapshot(items: tuple[Item, ...], topic: Topic | None) -> SiteData:
    """A SiteData holding just these items, for the feed builders; every item is a story."""
    stories = tuple(Story(key=story_key(i), lead=i, coverage=()) for i in items)
    return SiteData(items=items, stories=stories, topics=() if topic is None else (topic,))


def _day(value: str, name: str, errors: dict[str, str]) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        errors[name] = "Use a date like 2026-03-01."
        return None


def _start(day: date | None) -> datetime | None:
    return None if day is None else datetime.combine(day, time(0), tzinfo=UTC)


def _page_number(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 10_000))
    except ValueError:
        return 1


def _number(value: float | None) -> str:
    if value is None:
        return "-"
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def _parts(parts: Any) -> list[tuple[str, str]]:
    if not isinstance(parts, dict):
        return []
    shown = []
    for name, value in parts.items():
        text = _number(value) if isinstance(value, int | float) else str(value)
        shown.append((str(name).replace("_", " "), text))
    return shown


def _markup(html: str) -> Any:
    """Sanitised HTML, marked safe for the autoescaping templates (it was cleaned by nh3)."""
    return Markup(html) if html else ""


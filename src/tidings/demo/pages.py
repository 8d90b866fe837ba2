"""HTML pages of the demo sites, rendered from one Jinja2 layout per publisher template.

The layouts carry the clutter real news pages wrap around an article (cookie
banners, share bars, rails, comments, ads), because that clutter is what the
extraction stage has to see through. This module gathers what a layout needs
into a :class:`Page`; the layouts decide the markup.
"""

from __future__ import annotations

import html
import re
import zlib
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markdown_it import MarkdownIt
from markupsafe import Markup

from tidings.demo.site import DemoArticle, Publisher

FEED_TYPES = {
    "rss2": "application/rss+xml",
    "rss2-media": "application/rss+xml",
    "rss2-enclosures": "application/rss+xml",
    "rss092": "application/rss+xml",
    "malformed": "application/rss+xml",
    "hang": "application/rss+xml",
    "atom": "application/atom+xml",
    "rss1": "application/rdf+xml",
    "jsonfeed": "application/feed+json",
    "news-sitemap": "application/xml",
}

_MD = MarkdownIt("commonmark", {"html": False})


class Site:
    """The corpus as the server sees it: articles grouped per publisher, newest first."""

    def __init__(self, publishers: list[Publisher], articles: list[DemoArticle]) -> None:
        self.publishers = publishers
        self.articles = articles
        self.by_key = {a.key: a for a in articles}
        self.by_publisher: dict[str, list[DemoArticle]] = {p.slug: [] for p in publishers}
        for art in sorted(articles, key=lambda a: a.published, reverse=True):
            self.by_publisher[art.publisher.slug].append(art)

    def live(self, pub: Publisher) -> list[DemoArticle]:
        """The publisher's articles a reader can open (the missing ones are only in feeds)."""
        return [a for a in self.by_publisher[pub.slug] if not a.missing]


@dataclass(slots=True)
class Page:
    """Everything a layout may show on one page."""

    pub: Publisher
    kind: str  #: article, home, missing or print
    art: DemoArticle | None = None
    amp: bool = False
    body: Markup = Markup("")
    teaser: Markup = Markup("")
    summary: str = ""
    canonical: str | None = None
    origin: DemoArticle | None = None  #: the original, on a syndicated copy
    prev: DemoArticle | None = None
    next: DemoArticle | None = None
    related: list[DemoArticle] = field(default_factory=list)
    latest: list[DemoArticle] = field(default_factory=list)
    comments: list[tuple[str, str, int]] = field(default_factory=list)
    shares: dict[str, int] = field(default_factory=dict)
    feed_type: str = ""
    editor: str = ""
    dateline: str = ""  #: prefixed to the first paragraph by wire-style layouts

    @property
    def ambiguous(self) -> bool:
        return self.art is not None and "ambiguous-date" in self.art.flags

    @property
    def words(self) -> int:
        return len(self.art.body.split()) if self.art else 0


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("tidings.demo", "templates"),
        autoescape=select_autoescape(["html", "xml"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["fmt"] = fmt
    env.filters["iso"] = lambda d: d.isoformat(timespec="seconds")
    env.filters["rfc822"] = rfc822
    env.filters["interleave"] = interleave
    env.filters["dateline"] = with_dateline
    return env


_MONTHS = (
    "January February March April May June July August September October November December".split()
)
_DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()


def fmt(moment: datetime, pattern: str) -> str:
    """Dates in each publisher's house style: ``{month} {day}, {yyyy}`` and friends."""
    hour12 = moment.hour % 12 or 12
    return pattern.format(
        yyyy=moment.year,
        mm=f"{moment.month:02d}",
        dd=f"{moment.day:02d}",
        day=moment.day,
        month=_MONTHS[moment.month - 1],
        mon=_MONTHS[moment.month - 1][:3],
        weekday=_DAYS[moment.weekday()],
        HH=f"{moment.hour:02d}",
        MM=f"{moment.minute:02d}",
        h=hour12,
        ampm="AM" if moment.hour < 12 else "PM",
        tz=moment.strftime("%z")[:3] + ":" + moment.strftime("%z")[3:],
    )


def rfc822(moment: datetime) -> str:
    from email.utils import format_datetime

    return format_datetime(moment)


def interleave(body: str, insert: str, after: int) -> Markup:
    """Put a box (ad, newsletter, "read also") inside the text, as real pages do mid-article."""
    parts = str(body).split("</p>")
    if len(parts) <= after + 1:
        return Markup(body)
    head = "</p>".join(parts[:after]) + "</p>"
    return Markup(head + "\n" + str(insert) + "</p>".join(parts[after:]))


_HAS_DATELINE = re.compile(r"^<p>[A-Z][A-Z .'-]+, [A-Z][a-z]{2}")


def with_dateline(body: str, dateline: str) -> Markup:
    """Start the first paragraph with the dateline, unless the writer already gave one."""
    body = str(body)
    if not dateline or _HAS_DATELINE.match(body) or not body.startswith("<p>"):
        return Markup(body)
    return Markup("<p>" + html.escape(dateline) + body[3:])


#: Where a desk files from when the article does not say (front matter ``dateline``).
_DESKS = {"business": "NEW YORK", "science": "LONDON", "policy": "BRUSSELS", "local": "DENVER"}


def dateline(art: DemoArticle) -> str:
    city = (art.dateline or _DESKS.get(art.section, "SAN FRANCISCO")).upper()
    when = art.published
    if art.publisher.template == "wire":
        return f"{city}, {fmt(when, '{mon} {day}')} ({art.publisher.name}) - "
    if art.publisher.template == "press-release":
        return f"{city}, {fmt(when, '{month} {day}, {yyyy}')} /{art.publisher.name}/ -- "
    return ""


def body_html(art: DemoArticle) -> Markup:
    """The corpus body (paragraphs, ``## `` heads, ``> `` quotes, ``- `` lists) as HTML."""
    return Markup(_MD.render(art.body))


def teaser_html(art: DemoArticle) -> Markup:
    """The first paragraph only: all a paywalled page gives away."""
    return Markup(_MD.render(first_paragraph(art.body)))


def first_paragraph(body: str) -> str:
    for block in re.split(r"\n\s*\n", body):
        block = block.strip()
        if block and not block.startswith(("#", ">", "- ")):
            return block
    return body.strip().split("\n", 1)[0]


def summary(art: DemoArticle, limit: int = 280) -> str:
    """A plain-text standfirst from the first paragraph, as feeds and meta descriptions use."""
    text = html.unescape(re.sub(r"<[^>]+>", "", _MD.renderInline(first_paragraph(art.body))))
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


_COMMENTERS = (
    "quietfern",
    "Dana M.",
    "old_modem",
    "Priya from Leeds",
    "tcp_cat",
    "R. Okafor",
    "marginalia",
    "Joachim",
)
_REMARKS = (
    "Clear write-up. I would like a follow-up once the numbers are public.",
    "The second half buries the most interesting point, in my view.",
    "Does anyone know whether this applies outside the pilot regions?",
    "I read the whole thing and still cannot tell who pays for it.",
    "Good to see a piece that quotes someone who disagrees.",
    "First time commenting here. This matched what we saw at work last month.",
    "The headline oversells it a little, but the reporting is solid.",
    "Bookmarking this for the next time my uncle brings it up at dinner.",
    "Would love a chart of the timeline next time.",
    "Not convinced. We have heard the same promise for years.",
)
_EDITORS = ("Mara Lindqvist", "Tomasz Ebert", "Ines Carvalho", "Gideon Achterberg", "Ruth Oyelaran")


def _rng_ints(seed: str, count: int, top: int) -> list[int]:
    value = zlib.crc32(seed.encode())
    out = []
    for _ in range(count):
        value = (value * 1103515245 + 12345) & 0x7FFFFFFF
        out.append(value % top)
    return out


def article_page(site: Site, art: DemoArticle, *, amp: bool = False, kind: str = "article") -> Page:
    pub = art.publisher
    own = site.by_publisher[pub.slug]
    live = [a for a in own if not a.missing]
    i = live.index(art) if art in live else -1
    # Feeds and rails run newest first: "previous" is the older neighbour.
    older = live[i + 1] if 0 <= i < len(live) - 1 else None
    newer = live[i - 1] if i > 0 else None
    same_story = [
        a
        for a in site.articles
        if art.story and a.story == art.story and a is not art and not a.missing
    ]
    related = (same_story + [a for a in live if a is not art])[:4]
    origin_key = art.flags.get("syndicated-from")
    if origin_key:
        canonical: str | None = art.web_url
    elif art.flags.get("canonical-offsite"):
        canonical = art.flags["canonical-offsite"]
    elif pub.template == "classic":
        canonical = None  # the old CMS never learnt rel=canonical
    else:
        canonical = art.page_url
    picks = _rng_ints(art.key, 8, 1000)
    comment_count = picks[0] % 5
    comments = [
        (
            _COMMENTERS[picks[j + 1] % len(_COMMENTERS)],
            _REMARKS[(picks[j + 1] + j) % len(_REMARKS)],
            1 + picks[j + 2] % 40,
        )
        for j in range(comment_count)
    ]
    return Page(
        pub=pub,
        kind=kind,
        art=art,
        amp=amp,
        body=body_html(art),
        teaser=teaser_html(art),
        summary=summary(art),
        canonical=canonical,
        origin=site.by_key[origin_key] if origin_key else None,
        prev=older,
        next=newer,
        related=related,
        latest=[a for a in live if a is not art][:5],
        comments=comments,
        shares={"facebook": picks[5] * 3, "x": picks[6], "linkedin": picks[7] // 4},
        feed_type=FEED_TYPES[pub.feed_format],
        editor=_EDITORS[picks[4] % len(_EDITORS)],
        dateline=dateline(art),
    )


def render_article(site: Site, art: DemoArticle, *, amp: bool = False) -> str:
    """The article's page in its publisher's layout (the AMP layout when ``amp``)."""
    page = article_page(site, art, amp=amp)
    name = "amp.html" if amp else f"{art.publisher.template}.html"
    return environment().get_template(name).render(page=page, pub=art.publisher)


def render_print(site: Site, art: DemoArticle) -> str:
    """The printer-friendly copy the classic layout links to."""
    page = article_page(site, art, kind="print")
    return environment().get_template("print.html").render(page=page, pub=art.publisher)


def render_home(site: Site, pub: Publisher) -> str:
    """The front page: latest headlines and the feed autodiscovery link."""
    page = Page(
        pub=pub, kind="home", latest=site.live(pub)[:20], feed_type=FEED_TYPES[pub.feed_format]
    )
    return _render_in_layout("home.html", page)


def render_missing(site: Site, pub: Publisher) -> str:
    """The 404 page, dressed in the site's own layout as real sites do."""
    page = Page(
        pub=pub, kind="missing", latest=site.live(pub)[:5], feed_type=FEED_TYPES[pub.feed_format]
    )
    return _render_in_layout("missing.html", page)


def _render_in_layout(name: str, page: Page) -> str:
    return (
        environment()
        .get_template(name)
        .render(page=page, pub=page.pub, layout=f"{page.pub.template}.html")
    )

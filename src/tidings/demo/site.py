"""The demo's fictional publishers and articles, read from the corpus folder.

The corpus (``corpus/publishers.yaml`` and ``corpus/articles/*.md``) is plain
data written by hand; this module turns it into typed values and works out
every URL once, so the server, the feeds and the tests agree on where each
article lives and what a correct pipeline should make of it.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, get_args
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import yaml

from tidings.models import ArticleType

CORPUS_DIR = Path(__file__).parent / "corpus"

FEED_FORMATS = (
    "rss2",
    "atom",
    "rss1",
    "jsonfeed",
    "news-sitemap",
    "rss092",
    "rss2-media",
    "rss2-enclosures",
    "malformed",
    "hang",
)
TEMPLATES = (
    "wordpress",
    "modern-cms",
    "amp",
    "paywall",
    "cookie-news",
    "classic",
    "magazine",
    "wire",
    "media",
    "press-release",
    "local-news",
)
#: Flags that take a value (``name: value``); the others are bare words.
VALUE_FLAGS = ("syndicated-from", "canonical-offsite")
BARE_FLAGS = ("ambiguous-date", "missing", "bad-image", "paywall", "amp")
#: Query parameters that only track where a click came from; a page is the same without them.
TRACKING_PARAMS = ("ref", "fbclid", "gclid")

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class CorpusError(ValueError):
    """The corpus breaks its own contract (see corpus/README.md)."""


@dataclass(frozen=True, slots=True)
class Publisher:
    """One fictional news site as publishers.yaml describes it."""

    slug: str
    name: str
    host: str
    template: str
    feed_format: str
    feed_path: str
    url_pattern: str

    @property
    def base_url(self) -> str:
        return f"http://{self.host}"

    @property
    def feed_url(self) -> str:
        return self.base_url + self.feed_path

    @property
    def initials(self) -> str:
        words = [w for w in re.split(r"[\s&]+", self.name) if w and w.lower() != "the"]
        return "".join(w[0] for w in words[:2]).upper()


@dataclass(frozen=True, slots=True)
class LeadImage:
    """What the corpus says about an article's lead picture (the pixels are generated)."""

    alt: str = ""
    caption: str = ""
    credit: str = ""


@dataclass(slots=True)
class DemoArticle:
    """One article of the demo and every URL the server gives it.

    ``url`` is the link the publisher's feed lists; ``web_url`` is what a
    correct pipeline should settle on as the article's canonical address
    (the original for a syndicated copy, the regular page for an AMP link,
    the link without its tracking parameter).
    """

    publisher: Publisher
    slug: str
    title: str
    published: datetime
    body: str
    author: str | None = None
    author_bio: str | None = None
    updated: datetime | None = None
    section: str = "news"
    type: ArticleType = "article"
    story: str | None = None
    tags: list[str] = field(default_factory=list)
    image: LeadImage | None = None
    flags: dict[str, str | None] = field(default_factory=dict)
    dateline: str | None = None
    synthetic: bool = False
    source: Path | None = None
    # Filled in by assign_urls():
    n: int = 0
    url: str = ""
    page_url: str = ""
    amp_url: str | None = None
    web_url: str = ""
    image_url: str | None = None
    image_size: tuple[int, int] = (0, 0)

    @property
    def key(self) -> str:
        return f"{self.publisher.slug}/{self.slug}"

    @property
    def missing(self) -> bool:
        return "missing" in self.flags

    @property
    def paywalled(self) -> bool:
        return "paywall" in self.flags

    @property
    def bad_image(self) -> bool:
        return "bad-image" in self.flags

    @property
    def last_modified(self) -> datetime:
        return self.updated or self.published

    @property
    def meta_published(self) -> datetime:
        """The publication time the page's metadata claims (day and month swapped when flagged)."""
        if "ambiguous-date" in self.flags:
            return self.published.replace(month=self.published.day, day=self.published.month)
        return self.published


def load_publishers(corpus_dir: Path | None = None) -> list[Publisher]:
    """Read publishers.yaml, checking each entry names a known template and feed format."""
    path = (corpus_dir or CORPUS_DIR) / "publishers.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise CorpusError(f"{path}: cannot read publishers: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("publishers"), list):
        raise CorpusError(f"{path}: expected a top-level 'publishers' list")
    publishers: list[Publisher] = []
    for i, raw in enumerate(data["publishers"]):
        where = f"{path}: publisher #{i + 1}"
        if not isinstance(raw, dict):
            raise CorpusError(f"{where}: expected a mapping")
        try:
            feed = raw["feed"]
            pub = Publisher(
                slug=str(raw["slug"]),
                name=str(raw["name"]),
                host=str(raw["host"]).lower(),
                template=str(raw["template"]),
                feed_format=str(feed["format"]),
                feed_path=str(feed["path"]),
                url_pattern=str(raw["url"]),
            )
        except (KeyError, TypeError) as exc:
            raise CorpusError(f"{where}: missing field {exc}") from exc
        if pub.template not in TEMPLATES:
            raise CorpusError(f"{where} ({pub.slug}): unknown template {pub.template!r}")
        if pub.feed_format not in FEED_FORMATS:
            raise CorpusError(f"{where} ({pub.slug}): unknown feed format {pub.feed_format!r}")
        if not pub.host.endswith(".example"):
            raise CorpusError(f"{where} ({pub.slug}): host {pub.host!r} must end in .example")
        if not pub.url_pattern.startswith("/") or not pub.feed_path.startswith("/"):
            raise CorpusError(f"{where} ({pub.slug}): url and feed path must start with '/'")
        if any(p.slug == pub.slug or p.host == pub.host for p in publishers):
            raise CorpusError(f"{where}: duplicate slug or host {pub.slug!r}/{pub.host!r}")
        publishers.append(pub)
    return publishers


def load_corpus(corpus_dir: Path | None = None) -> tuple[list[Publisher], list[DemoArticle]]:
    """Read the publishers and every article file, with URLs assigned.

    Raises :class:`CorpusError` naming the file and the field at fault, so a
    slip in the hand-written corpus is fixed rather than served half-broken.
    """
    corpus_dir = corpus_dir or CORPUS_DIR
    publishers = load_publishers(corpus_dir)
    by_slug = {p.slug: p for p in publishers}
    articles = [
        parse_article(path, by_slug) for path in sorted((corpus_dir / "articles").glob("*.md"))
    ]
    assign_urls(articles)
    return publishers, articles


def parse_article(path: Path, publishers: dict[str, Publisher]) -> DemoArticle:
    """Read one ``<publisher>--<slug>.md`` file: YAML front matter, then the body."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CorpusError(f"{path}: cannot read: {exc}") from exc
    match = re.match(r"\A---\s*\n(.*?)\n---\s*\n(.*)\Z", text, re.DOTALL)
    if not match:
        raise CorpusError(f"{path}: expected YAML front matter between '---' lines")
    try:
        meta = yaml.safe_load(match.group(1))
    except yaml.YAMLError as exc:
        raise CorpusError(f"{path}: front matter is not valid YAML: {exc}") from exc
    if not isinstance(meta, dict):
        raise CorpusError(f"{path}: front matter must be a mapping")
    stem_pub, _, stem_slug = path.stem.partition("--")
    try:
        return build_article(meta, match.group(2).strip(), publishers, stem=(stem_pub, stem_slug))
    except CorpusError as exc:
        raise CorpusError(f"{path}: {exc}") from exc


def build_article(
    meta: dict[str, Any],
    body: str,
    publishers: dict[str, Publisher],
    *,
    stem: tuple[str, str] | None = None,
) -> DemoArticle:
    """Check one article's front matter and make it a :class:`DemoArticle` (URLs not yet set)."""
    pub_slug = str(meta.get("publisher") or (stem[0] if stem else ""))
    slug = str(meta.get("slug") or (stem[1] if stem else ""))
    if stem and (pub_slug, slug) != stem:
        raise CorpusError(
            f"file name says {stem[0]}--{stem[1]} but front matter says {pub_slug}--{slug}"
        )
    if pub_slug not in publishers:
        raise CorpusError(f"unknown publisher {pub_slug!r}")
    if not _SLUG.match(slug):
        raise CorpusError(f"slug {slug!r} must be lowercase words joined by hyphens")
    title = meta.get("title")
    if not isinstance(title, str) or not title.strip():
        raise CorpusError("'title' is required")
    if not body:
        raise CorpusError("the article has no body")
    kind = str(meta.get("type") or "article")
    if kind not in get_args(ArticleType):
        raise CorpusError(f"unknown type {kind!r}")
    image = meta.get("image")
    if image is not None and not isinstance(image, dict):
        raise CorpusError("'image' must be a mapping of alt, caption and credit")
    tags = meta.get("tags") or []
    if not isinstance(tags, list):
        raise CorpusError("'tags' must be a list")
    article = DemoArticle(
        publisher=publishers[pub_slug],
        slug=slug,
        title=title.strip(),
        published=_moment(meta.get("published"), "published"),
        updated=_moment(meta["updated"], "updated") if meta.get("updated") else None,
        body=body,
        author=_text(meta.get("author")),
        author_bio=_text(meta.get("author_bio")),
        section=str(meta.get("section") or "news"),
        type=kind,  # type: ignore[arg-type]  # checked against ArticleType just above
        story=_text(meta.get("story")),
        tags=[str(t) for t in tags],
        image=LeadImage(
            **{k: str(v) for k, v in image.items() if k in ("alt", "caption", "credit")}
        )
        if image
        else None,
        flags=parse_flags(meta.get("flags")),
        dateline=_text(meta.get("dateline")),
    )
    if "ambiguous-date" in article.flags:
        day, month = article.published.day, article.published.month
        if day > 12 or day == month:
            raise CorpusError(
                "ambiguous-date needs a day of 1-12 other than the month, "
                f"got {article.published:%F}"
            )
    return article


def parse_flags(raw: Any) -> dict[str, str | None]:
    """Accept flags as a list of words and ``name: value`` pairs, or as one mapping."""
    if raw is None:
        return {}
    items: list[tuple[str, Any]] = []
    if isinstance(raw, dict):
        items = list(raw.items())
    elif isinstance(raw, list):
        for item in raw:
            if isinstance(item, dict):
                items.extend(item.items())
            elif isinstance(item, str) and ":" in item and item.split(":", 1)[0] in VALUE_FLAGS:
                name, value = item.split(":", 1)
                items.append((name, value.strip()))
            else:
                items.append((str(item), None))
    else:
        raise CorpusError(f"'flags' must be a list or a mapping, got {raw!r}")
    flags: dict[str, str | None] = {}
    for name, value in items:
        if name in VALUE_FLAGS:
            if not value or not isinstance(value, str):
                raise CorpusError(f"flag {name!r} needs a value")
            flags[name] = value.strip()
        elif name in BARE_FLAGS:
            flags[name] = None
        else:
            raise CorpusError(f"unknown flag {name!r}")
    return flags


def assign_urls(articles: list[DemoArticle]) -> None:
    """Give every article its URLs, ids and image; resolve syndication between them."""
    seen: dict[str, DemoArticle] = {}
    ids: dict[str, set[int]] = {}
    for art in sorted(articles, key=lambda a: a.key):
        if art.key in seen:
            raise CorpusError(f"two articles are both {art.key}")
        seen[art.key] = art
        # A stable number from the slug, for URL patterns that carry a numeric id.
        taken = ids.setdefault(art.publisher.slug, set())
        n = zlib.crc32(art.slug.encode()) % 9_000_000 + 1_000_000
        while n in taken:
            n += 1
        taken.add(n)
        art.n = n
        _place(art)
    for art in articles:
        origin_key = art.flags.get("syndicated-from")
        if origin_key:
            origin = seen.get(origin_key)
            if origin is None:
                raise CorpusError(f"{art.key}: syndicated-from {origin_key!r} is not in the corpus")
            if origin is art or origin.flags.get("syndicated-from"):
                raise CorpusError(f"{art.key}: syndicated-from must name an original article")
            art.web_url = origin.web_url
        offsite = art.flags.get("canonical-offsite")
        if offsite and urlsplit(offsite).hostname == art.publisher.host:
            raise CorpusError(f"{art.key}: canonical-offsite must point at another host")


def _place(art: DemoArticle) -> None:
    pub = art.publisher
    when = art.published
    try:
        path = pub.url_pattern.format(
            yyyy=f"{when.year:04d}",
            mm=f"{when.month:02d}",
            dd=f"{when.day:02d}",
            slug=art.slug,
            section=art.section,
            n=art.n,
        )
    except (KeyError, IndexError) as exc:
        raise CorpusError(f"{pub.slug}: URL pattern has an unknown placeholder {exc}") from exc
    art.url = pub.base_url + path
    if pub.template == "amp":
        # The listed link is the AMP copy; the regular page is the same path without /amp.
        if not path.startswith("/amp/"):
            raise CorpusError(f"{pub.slug}: an AMP publisher's URL pattern must start with /amp/")
        art.amp_url = art.url
        art.page_url = pub.base_url + path[len("/amp") :]
    else:
        art.page_url = art.url
        if "amp" in art.flags:
            art.amp_url = amp_variant(art.page_url)
    art.web_url = strip_tracking(art.page_url)
    if art.image is not None:
        art.image_size = pick_size(art.slug)
        art.image_url = pub.base_url + image_path(art)


def amp_variant(url: str) -> str:
    """Where a regular page's AMP copy lives: ``.../amp/`` for slash URLs, else an /amp prefix."""
    parts = urlsplit(url)
    path = parts.path + "amp/" if parts.path.endswith("/") else "/amp" + parts.path
    return urlunsplit(parts._replace(path=path))


def strip_tracking(url: str) -> str:
    """The URL without the parameters that only say where a click came from."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query) if not _is_tracking(k)]
    return urlunsplit(parts._replace(query=urlencode(query)))


def route_key(path: str, query: str) -> str:
    """How the server matches a request: path plus the non-tracking query, sorted."""
    params = sorted((k, v) for k, v in parse_qsl(query) if not _is_tracking(k))
    return path + ("?" + urlencode(params) if params else "")


def _is_tracking(name: str) -> bool:
    return name in TRACKING_PARAMS or name.startswith("utm_")


_SIZES = ((1200, 675), (1024, 576), (800, 600), (1600, 900), (1200, 800), (960, 540))


def pick_size(slug: str) -> tuple[int, int]:
    """A lead image size that varies between articles but never between runs."""
    return _SIZES[zlib.crc32(slug.encode()) % len(_SIZES)]


#: Each CMS files its pictures differently; PNG for the two that publish graphics.
_IMAGE_PATHS = {
    "wordpress": "/wp-content/uploads/{yyyy}/{mm}/{slug}-{w}x{h}.jpg",
    "modern-cms": "/cdn/img/{hash}/{slug}.jpg",
    "amp": "/assets/img/{yyyy}/{slug}.jpg",
    "paywall": "/images/{yyyy}/{mm}/{dd}/{section}/{slug}-superJumbo.jpg",
    "cookie-news": "/media/{slug}-lead.jpg",
    "classic": "/photos/{n}.jpg",
    "magazine": "/content/images/{yyyy}/{mm}/{slug}.png",
    "wire": "/resources/r/{n}/{slug}.jpg",
    "media": "/thumbs/{slug}.jpg",
    "press-release": "/releases/images/{slug}-logo-graphic.png",
    "local-news": "/uploads/{yyyy}/{mm}/{slug}.jpg",
}


def image_path(art: DemoArticle) -> str:
    when = art.published
    w, h = art.image_size
    return _IMAGE_PATHS[art.publisher.template].format(
        yyyy=f"{when.year:04d}",
        mm=f"{when.month:02d}",
        dd=f"{when.day:02d}",
        slug=art.slug,
        section=art.section,
        n=art.n,
        w=w,
        h=h,
        hash=f"{zlib.crc32(art.key.encode()):08x}",
    )


def _moment(value: Any, name: str) -> datetime:
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        raise CorpusError(f"{name!r} needs a time and UTC offset, not just a date")
    elif isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value.strip())
        except ValueError as exc:
            raise CorpusError(f"{name!r} is not an ISO 8601 time: {value!r}") from exc
    else:
        raise CorpusError(f"{name!r} is required (ISO 8601 with offset)")
    if moment.tzinfo is None:
        raise CorpusError(f"{name!r} needs a UTC offset, e.g. 2026-11-17T08:30:00-05:00")
    return moment


def _text(value: Any) -> str | None:
    return str(value).strip() or None if value is not None else None

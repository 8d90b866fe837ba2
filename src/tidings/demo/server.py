"""A loopback web server that plays every fictional publisher of the demo at once.

``tidings demo`` points the fetcher at this one 127.0.0.1 port with a resolve
map (host -> address, like ``curl --resolve``), so requests keep their real
Host header and URLs look exactly as they would on the open web. The server
dispatches on that header, answers conditional GETs, and misbehaves only
where the corpus asks it to.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit
from xml.sax.saxutils import quoteattr

from tidings.demo import media
from tidings.demo.feeds import audio_url, feed_files
from tidings.demo.pages import (
    Site,
    environment,
    render_article,
    render_home,
    render_missing,
    render_print,
)
from tidings.demo.site import DemoArticle, Publisher, assign_urls, load_corpus, route_key
from tidings.demo.synthetic import synthetic_articles

HTML = "text/html; charset=utf-8"
#: A CDN error page: what a `bad-image` URL sends while claiming to be a JPEG.
BAD_IMAGE_BODY = (
    b"<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>"
    b"<h1>502 Bad Gateway</h1><p>The image origin did not answer in time.</p></body></html>"
)
_FALLBACK_ANCHOR = datetime(2026, 11, 17, 12, 0, tzinfo=UTC)


@dataclass(slots=True)
class Resource:
    """One thing the server can answer with, rendered on first request and then kept."""

    content_type: str
    make: Callable[[], bytes]
    status: int = 200
    last_modified: datetime | None = None
    #: Seconds to wait before answering (the `hang` feed).
    delay: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)
    _body: bytes | None = None
    _etag: str | None = None

    def body(self) -> bytes:
        if self._body is None:
            body = self.make()
            # Deterministic bytes give deterministic ETags, stable across restarts.
            self._etag = '"' + hashlib.sha1(body).hexdigest()[:20] + '"'
            self._body = body
        return self._body

    @property
    def etag(self) -> str:
        self.body()
        assert self._etag is not None
        return self._etag


class DemoServer:
    """The thirteen demo publishers on one loopback port, run in a background thread.

    Use as a context manager, or call :meth:`start` and :meth:`stop`.
    ``synthetic=N`` adds N generated articles for benchmarks; ``hang_seconds``
    is how long the `hang` feed stalls before answering.
    """

    def __init__(
        self,
        corpus_dir: Path | None = None,
        *,
        synthetic: int = 0,
        hang_seconds: float = 30.0,
    ) -> None:
        if hang_seconds < 0:
            raise ValueError(f"hang_seconds must be 0 or more, got {hang_seconds}")
        publishers, corpus = load_corpus(corpus_dir)
        anchor = max((a.published for a in corpus), default=_FALLBACK_ANCHOR)
        extra = synthetic_articles(publishers, synthetic, anchor)
        if extra:
            assign_urls(corpus + extra)
        self.publishers: list[Publisher] = publishers
        self.hang_seconds = hang_seconds
        self._articles = corpus + extra
        self._site = Site(publishers, self._articles)
        self._routes = self._build_routes()
        self._stopping = threading.Event()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle ---------------------------------------------------------------

    def start(self) -> None:
        """Render the hand-written corpus, bind a free port on 127.0.0.1 and serve."""
        if self._httpd is not None:
            raise RuntimeError("the demo server is already running")
        for host_routes in self._routes.values():
            for resource in host_routes.values():
                if resource.delay == 0 and not getattr(resource.make, "lazy", False):
                    resource.body()
        self._stopping.clear()
        httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        httpd.daemon_threads = True
        httpd.demo = self  # type: ignore[attr-defined]  # read back by _Handler
        self._httpd = httpd
        self._thread = threading.Thread(
            target=httpd.serve_forever, name="tidings-demo-server", daemon=True
        )
        self._thread.start()

    def stop(self) -> None:
        """Stop serving; requests still hanging are released at once."""
        if self._httpd is None:
            return
        self._stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
        self._httpd = None
        self._thread = None

    def __enter__(self) -> DemoServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- what the pipeline needs to know -----------------------------------------

    @property
    def address(self) -> str:
        """``127.0.0.1:PORT`` once started."""
        if self._httpd is None:
            raise RuntimeError("the demo server is not running; call start() first")
        host, port = self._httpd.server_address[:2]
        return f"{host}:{port}"

    def resolve_map(self) -> dict[str, str]:
        """Every publisher host mapped to this server's address, for the fetcher."""
        return {p.host: self.address for p in self.publishers}

    def feed_urls(self) -> list[str]:
        """One source URL per publisher, in publishers.yaml order."""
        return [p.feed_url for p in self.publishers]

    def opml(self) -> str:
        """An OPML 2.0 subscription list of every publisher's source."""
        lines = [
            '<?xml version="1.0" encoding="UTF-8"?>',
            '<opml version="2.0">',
            "  <head><title>Tidings demo sources</title></head>",
            "  <body>",
            '    <outline text="Demo news sites" title="Demo news sites">',
        ]
        for p in self.publishers:
            lines.append(
                f'      <outline type="rss" text={quoteattr(p.name)} title={quoteattr(p.name)}'
                f" xmlUrl={quoteattr(p.feed_url)} htmlUrl={quoteattr(p.base_url + '/')}/>"
            )
        lines += ["    </outline>", "  </body>", "</opml>", ""]
        return "\n".join(lines)

    def articles(self) -> list[DemoArticle]:
        """Every article served (the corpus, then any synthetic ones), with its URLs."""
        return list(self._articles)

    def expectations(self) -> list[tuple[str, str]]:
        """What the demo should show at each deliberately awkward URL or host.

        Video enclosures in the episodes feed are not served (404): the
        pipeline reads pages, not media files, so they are not listed here.
        """
        out: list[tuple[str, str]] = []
        for p in self.publishers:
            if p.feed_format == "malformed":
                out.append((p.feed_url, "malformed feed: reported against its source"))
            elif p.feed_format == "hang":
                out.append(
                    (
                        p.feed_url,
                        f"feed hangs {self.hang_seconds:g}s: times out, reported against its "
                        "source, other sources carry on",
                    )
                )
            elif p.feed_format == "news-sitemap":
                out.append(
                    (p.feed_url, "sitemap index leading to a gzipped news sitemap: entries read")
                )
            if p.template == "amp":
                out.append((p.feed_url, "lists AMP links: articles stored under the regular page"))
            if "{n}&ref=" in p.url_pattern:
                out.append((p.feed_url, "links carry &ref=rss: stored without the parameter"))
        first = self.publishers[0]
        out.append((first.base_url + "/private/", "disallowed by robots.txt: never fetched"))
        for a in self._articles:
            if a.missing:
                out.append((a.url, "listed but answers 404: reported, no article stored"))
                continue
            if a.bad_image and a.image_url:
                out.append((a.url, "lead image URL serves HTML: article kept without the image"))
            if a.flags.get("syndicated-from"):
                out.append((a.url, f"syndicated copy of {a.web_url}: grouped with the original"))
            if a.flags.get("canonical-offsite"):
                out.append((a.url, "rel=canonical points off-site with no notice: not trusted"))
            if "ambiguous-date" in a.flags:
                out.append(
                    (
                        a.url,
                        f"metadata claims {a.meta_published:%Y-%m-%d}: the URL's date "
                        f"{a.published:%Y-%m-%d} wins",
                    )
                )
            if a.paywalled:
                out.append((a.url, "paywalled: only the teaser is served"))
            if a.amp_url and a.publisher.template != "amp":
                out.append((a.url, f"also served as AMP at {a.amp_url}: stored once"))
        return out

    # -- routing ------------------------------------------------------------------

    def _build_routes(self) -> dict[str, dict[str, Resource]]:
        site = self._site
        routes: dict[str, dict[str, Resource]] = {}
        for i, pub in enumerate(self.publishers):
            r = routes[pub.host] = {}
            r["/"] = _html(lambda pub=pub: render_home(site, pub))
            r["/robots.txt"] = Resource("text/plain; charset=utf-8", _const(robots(pub, i == 0)))
            r["/favicon.ico"] = Resource("image/x-icon", lambda pub=pub: media.favicon_ico(pub))
            r["/icons/icon-32.png"] = Resource("image/png", lambda pub=pub: media.icon_png(pub, 32))
            r["/icons/apple-touch-icon.png"] = Resource(
                "image/png", lambda pub=pub: media.icon_png(pub, 180)
            )
            r["/static/logo-600x60.png"] = Resource(
                "image/png", lambda pub=pub: media.logo_png(pub)
            )
            if i == 0:
                r["/private/"] = _html(_const_text(private_page(pub)))
            for feed in feed_files(site, pub):
                r[feed.path] = Resource(
                    feed.content_type,
                    _const(feed.content),
                    last_modified=feed.last_modified,
                    delay=self.hang_seconds if pub.feed_format == "hang" else 0.0,
                )
        for art in self._articles:
            self._add_article(routes[art.publisher.host], art)
        return routes

    def _add_article(self, r: dict[str, Resource], art: DemoArticle) -> None:
        site = self._site
        lm = art.last_modified
        lazy = art.synthetic
        if art.missing:
            page = _html(lambda: render_missing(site, art.publisher), status=404, lazy=lazy)
            r[_key(art.page_url)] = page
            if art.amp_url:
                r[_key(art.amp_url)] = page
        else:
            r[_key(art.page_url)] = _html(lambda: render_article(site, art), lm, lazy=lazy)
            if art.amp_url:
                r[_key(art.amp_url)] = _html(
                    lambda: render_article(site, art, amp=True), lm, lazy=lazy
                )
            if art.publisher.template == "classic":
                r[_key(art.page_url + "&print=1")] = _html(
                    lambda: render_print(site, art), lm, lazy=True
                )
            if art.type == "video":
                r[f"/embed/{art.slug}"] = _html(_const_text(embed_page(art)), lm, lazy=True)
        if art.image_url:
            if art.bad_image:
                r[_key(art.image_url)] = Resource(
                    "image/jpeg", _const(BAD_IMAGE_BODY), last_modified=lm
                )
            else:
                fmt = "PNG" if art.image_url.endswith(".png") else "JPEG"
                make = _mark(lambda: media.lead_image(art.slug, art.image_size, fmt), lazy)
                r[_key(art.image_url)] = Resource(f"image/{fmt.lower()}", make, last_modified=lm)
        if art.type == "podcast":
            r[_key(audio_url(art))] = Resource(
                "audio/wav", _mark(lambda: media.episode_wav(art.slug), True), last_modified=lm
            )

    def lookup(self, host: str, path: str, query: str) -> tuple[Resource | None, str | None]:
        """The resource for a request, or a redirect target when only a trailing slash differs."""
        routes = self._routes.get(host)
        if routes is None:
            return None, None
        key = route_key(path, query)
        found = routes.get(key)
        if found is None and not query and not path.endswith("/") and path + "/" in routes:
            return None, f"http://{host}{path}/"
        return found, None

    def not_found(self, host: str) -> Resource | None:
        pub = next((p for p in self.publishers if p.host == host), None)
        if pub is None:
            return None
        return _html(lambda: render_missing(self._site, pub), status=404)


def robots(pub: Publisher, private: bool) -> bytes:
    """robots.txt: everyone may read the articles; one host keeps a staff area out."""
    lines = ["User-agent: *"]
    if private:
        lines.append("Disallow: /private/")
    lines.append("Allow: /")
    if pub.feed_format == "news-sitemap":
        lines.append(f"Sitemap: {pub.feed_url}")
    return ("\n".join(lines) + "\n").encode()


def private_page(pub: Publisher) -> str:
    return (
        f"<!DOCTYPE html><html><head><title>Staff area - {pub.name}</title>"
        '<meta name="robots" content="noindex"></head><body><h1>Staff area</h1>'
        "<p>Rota and desk notes. Crawlers are asked to stay out by robots.txt.</p></body></html>"
    )


def embed_page(art: DemoArticle) -> str:
    return (
        environment()
        .from_string(
            "<!DOCTYPE html><html><head><title>{{ a.title }}</title>"
            '<meta name="robots" content="noindex"></head><body class="embed">'
            '{% if a.image_url %}<img src="{{ a.image_url }}" alt="">{% endif %}'
            '<button aria-label="Play">Play</button></body></html>'
        )
        .render(a=art)
    )


def _key(url: str) -> str:
    parts = urlsplit(url)
    return route_key(parts.path, parts.query)


def _const(data: bytes) -> Callable[[], bytes]:
    return lambda: data


def _const_text(text: str) -> Callable[[], str]:
    return lambda: text


def _mark(make: Callable[[], bytes], lazy: bool) -> Callable[[], bytes]:
    """Tag a renderer as lazy: synthetic articles are drawn on first request, not at start."""
    make.lazy = lazy  # type: ignore[attr-defined]
    return make


def _html(
    render: Callable[[], str],
    last_modified: datetime | None = None,
    *,
    status: int = 200,
    lazy: bool = False,
) -> Resource:
    return Resource(
        HTML, _mark(lambda: render().encode(), lazy), status=status, last_modified=last_modified
    )


class _Handler(BaseHTTPRequestHandler):
    server_version = "TidingsDemo/1.0"
    protocol_version = "HTTP/1.1"
    # Headers and body go out in two writes; without this, delayed ACKs cost 40 ms a request.
    disable_nagle_algorithm = True

    def do_GET(self) -> None:
        self._answer(send_body=True)

    def do_HEAD(self) -> None:
        self._answer(send_body=False)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the demo prints its own summary."""

    def _answer(self, *, send_body: bool) -> None:
        demo: DemoServer = self.server.demo  # type: ignore[attr-defined]
        target = urlsplit(self.path)
        host = (target.hostname or self.headers.get("Host", "")).split(":")[0].lower()
        if not host:
            self._plain(400, "A Host header is required: the demo serves many sites on one port.")
            return
        resource, redirect = demo.lookup(host, target.path or "/", target.query)
        if redirect:
            self.send_response(301)
            self.send_header("Location", redirect)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if resource is None:
            resource = demo.not_found(host)
        if resource is None:
            self._plain(404, f"No demo site is called {host}.")
            return
        if resource.delay and demo._stopping.wait(resource.delay):
            self.close_connection = True  # shutting down: hang up on the stalled request
            return
        body = resource.body()
        if resource.status == 200 and self._fresh(resource):
            self.send_response(304)
            self._validators(resource)
            self.end_headers()
            return
        self.send_response(resource.status)
        self.send_header("Content-Type", resource.content_type)
        self.send_header("Content-Length", str(len(body)))
        if resource.status == 200:
            self._validators(resource)
        for name, value in resource.headers.items():
            self.send_header(name, value)
        self.end_headers()
        if send_body:
            self.wfile.write(body)

    def _fresh(self, resource: Resource) -> bool:
        """Whether the client's cached copy still holds (RFC 9110: ETag beats the date)."""
        tags = self.headers.get("If-None-Match")
        if tags is not None:
            return tags.strip() == "*" or resource.etag in [t.strip() for t in tags.split(",")]
        since = self.headers.get("If-Modified-Since")
        if since and resource.last_modified is not None:
            try:
                return resource.last_modified.replace(microsecond=0) <= parsedate_to_datetime(since)
            except (TypeError, ValueError):
                return False
        return False

    def _validators(self, resource: Resource) -> None:
        self.send_header("ETag", resource.etag)
        if resource.last_modified is not None:
            moment = resource.last_modified.astimezone(UTC)
            self.send_header("Last-Modified", format_datetime(moment, usegmt=True))

    def _plain(self, status: int, message: str) -> None:
        data = (message + "\n").encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

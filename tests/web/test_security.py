"""Security headers on every answer, and source HTML sanitised before any page shows it.

A source page is someone else's HTML. Whatever it carries (a script, an
``onerror`` handler, a ``javascript:`` link, an iframe) must never reach the
pages or the API of this app; the strict Content-Security-Policy is the second
line of defence, present on every response, errors included.
"""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest
from fastapi import FastAPI
from lxml import html

from tidings.web.sanitize import clean_html
from tidings.web.security import SecurityHeaders

from .conftest import HOSTILE_HTML, Desk, Running, editor_headers, run_server

EVERY_KIND_OF_ANSWER = [
    ("get", "/"), ("get", "/stories/1.html"), ("get", "/topics/ai/index.html"),
    ("get", "/search?q=chip"), ("get", "/search?since=nonsense"), ("get", "/docs"),
    ("get", "/assets/site.css"), ("get", "/assets/app.css"), ("get", "/feeds/all.atom"),
    ("get", "/api/news/index.json"), ("get", "/openapi.json"), ("get", "/api/v1/articles"),
    ("get", "/api/v1/articles/999999"), ("get", "/api/v1/articles?page=0"),
    ("post", "/api/v1/articles/1/pin"), ("get", "/no/such/page"), ("post", "/"),
]
DANGEROUS = ("<script", "onerror", "onclick", "javascript:", "<iframe", "evil.example",
             "style=")


def header_checks(response: httpx.Response) -> None:
    policy = response.headers["content-security-policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["default-src"] == "'none'"
    assert directives["img-src"] == "'self'" and directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'" and directives["form-action"] == "'self'"
    assert "script-src" not in directives  # default 'none': no script at all, inline or not
    assert "unsafe" not in policy and "http" not in policy
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert response.headers["x-frame-options"] == "DENY"


@pytest.mark.parametrize(("method", "path"), EVERY_KIND_OF_ANSWER)
def test_every_answer_carries_the_security_headers(client: httpx.Client, method: str,
                                                   path: str) -> None:
    header_checks(client.request(method, path))


def test_pictures_carry_the_headers_too(client: httpx.Client) -> None:
    source = html.fromstring(client.get("/").text).xpath("//img/@src")[0]
    header_checks(client.get("/" + source))


def test_an_unexpected_error_is_a_plain_500_with_the_headers() -> None:
    app = FastAPI()

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("a bug")

    app.add_middleware(SecurityHeaders)
    server, thread, port = run_server(app)
    try:
        response = httpx.get(f"http://127.0.0.1:{port}/boom", trust_env=False)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    assert response.status_code == 500 and "a bug" not in response.text
    header_checks(response)


def test_a_hostile_source_page_never_reaches_the_article_page(
    serve: Callable[..., Running], desk: Desk
) -> None:
    app = serve(full_text=True)
    page = app.client.get(f"/articles/{desk.chip}.html").text
    body = html.fromstring(page).xpath("//div[@class='body']")[0]
    shown = html.tostring(body, encoding="unicode")
    assert "a <b>tenth</b> of the power" in shown  # the text itself survives, markup too
    for needle in DANGEROUS:
        assert needle not in page.lower(), needle
    press = body.xpath(".//a[text()='the press release']")[0]
    assert press.get("href") == "https://alpha.example/press/kestrel"  # not a link to us
    assert press.get("rel") == "noopener nofollow ugc"
    assert body.xpath(".//a[text()='a javascript link']/@href") == []


def test_a_hostile_source_page_never_reaches_the_api(serve: Callable[..., Running],
                                                     desk: Desk) -> None:
    app = serve(full_text=True)
    served = app.client.get(f"/api/v1/articles/{desk.chip}", headers=editor_headers()).json()
    for needle in DANGEROUS:
        assert needle not in served["html"].lower(), needle
    assert "tenth" in served["html"]


def test_without_full_text_the_article_page_shows_only_the_excerpt(
    client: httpx.Client, desk: Desk
) -> None:
    doc = html.fromstring(client.get(f"/articles/{desk.chip}.html").text)
    assert not doc.xpath("//div[@class='body']")
    assert doc.xpath("string(//p[@class='excerpt'])").startswith("Halden unveiled")
    assert doc.xpath("//table[@class='parts']")  # the scores' parts are shown either way
    assert client.get(f"/articles/{desk.seed_round}.html").status_code == 404


@pytest.mark.parametrize(("dirty", "clean"), [
    ("<p>fine</p><script>alert(1)</script>", "<p>fine</p>"),
    ('<img src=x onerror="alert(1)">text', "text"),
    ('<a href="javascript:alert(1)">x</a>', '<a rel="noopener nofollow ugc">x</a>'),
    ('<a href=" JaVaScRiPt:alert(1)">x</a>', '<a rel="noopener nofollow ugc">x</a>'),
    ('<a href="data:text/html,x">x</a>', '<a rel="noopener nofollow ugc">x</a>'),
    ('<iframe src="https://evil.example/"></iframe>after', "after"),
    ('<svg><script>alert(1)</script></svg>after', "after"),
    ('<p onclick="x()" class="c" id="i">p</p>', "<p>p</p>"),
    ('<a href="https://ok.example/" target="_blank">ok</a>',
     '<a href="https://ok.example/" rel="noopener nofollow ugc">ok</a>'),
    ('<style>body{}</style><h1>Title</h1>', "Title"),
])
def test_the_sanitiser_keeps_text_and_safe_links_only(dirty: str, clean: str) -> None:
    assert clean_html(dirty) == clean


def test_relative_links_point_at_the_publisher_not_at_us() -> None:
    cleaned = clean_html('<a href="../about">about</a>', base_url="https://pub.example/a/b/c")
    assert cleaned == '<a href="https://pub.example/a/about" rel="noopener nofollow ugc">about</a>'


def test_the_fixture_page_really_is_hostile() -> None:
    for needle in ("<script", "onerror", "javascript:", "<iframe"):
        assert needle in HOSTILE_HTML

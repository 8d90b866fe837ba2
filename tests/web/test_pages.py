"""The live site's pages: the static site's pages, from the database, at the same paths.

The strongest promise is that the two never drift: every page the static site
writes is answered by the live app, byte for byte, except for the live app's
one extra navigation link (Search). The rest checks what a reader meets: stories
ranked by heat with their coverage, paging, pictures served from the site
folder, a helpful 404, and pages that are accessible and need no script.
"""

from __future__ import annotations

import re
from collections import deque
from urllib.parse import urljoin, urlsplit

import httpx
from lxml import html

from tidings.publish.site import publish_site
from tidings.store import Store

from .conftest import NOW, Desk, Running

SEARCH_LINK = re.compile(r'\n\s*<li><a href="[^"]*search"[^>]*>Search</a></li>')


def page(client: httpx.Client, path: str) -> html.HtmlElement:
    response = client.get(path)
    assert response.status_code == 200, f"{path}: {response.status_code}"
    assert response.headers["content-type"].startswith("text/html")
    return html.fromstring(response.text)


def test_every_static_page_is_served_live_byte_for_byte(app: Running, store: Store) -> None:
    site = app.site_dir
    publish_site(store, site, base_url=app.url + "/", now=NOW)
    compared = 0
    for path in sorted(site.rglob("*")):
        name = path.relative_to(site).as_posix()
        if path.suffix not in (".html", ".json", ".xml", ".atom", ".css") or name.startswith(
                ("sitemap", "news-sitemap", ".")):
            continue
        live = app.client.get("/" + name)
        assert live.status_code == 200, name
        text = SEARCH_LINK.sub("", live.text) if name.endswith(".html") else live.text
        assert text == path.read_text(encoding="utf-8"), f"{name} differs"
        compared += 1
    assert compared > 60  # pages, API pages and feeds of every topic


def test_the_front_page_ranks_stories_by_heat_with_their_coverage(
    client: httpx.Client, desk: Desk
) -> None:
    front = page(client, "/")
    stories = front.xpath("//ol[@class='stories']/li/article")
    headlines = [s.xpath("string(.//h2)") for s in stories]
    assert headlines[:3] == ["Halden unveils the Kestrel inference chip",
                             "Port Calder pauses its robotaxi fleet",
                             "Parliament passes the AI model licence law"]
    assert len(stories) == desk.published
    coverage = stories[0].xpath(".//ul[@class='coverage']/li/a/text()")
    assert coverage == ["Beta Daily on the Kestrel chip's power budget",
                        "Kestrel chip: what analysts make of it"]  # the copy is not coverage
    assert "Escaped llama" not in html.tostring(front, encoding="unicode")
    assert page(client, "/index.html").xpath("string(//h1)") == front.xpath("string(//h1)")


def test_a_story_page_shows_the_lead_its_facts_and_the_other_publishers(
    client: httpx.Client, desk: Desk
) -> None:
    front = page(client, "/")
    link = front.xpath("//ol[@class='stories']/li[1]//h2/a/@href")[0]
    story = page(client, "/" + link)
    assert story.xpath("string(//h1)") == "Halden unveils the Kestrel inference chip"
    facts = dict(zip(story.xpath("//dl[@class='facts']/dt/text()"),
                     story.xpath("//dl[@class='facts']/dd//text()"), strict=False))
    assert facts["Heat"] == "70" and facts["Publishers covering it"] == "3"
    assert len(story.xpath("//ul[@class='coverage']/li")) == 2


def test_listings_page_through_every_item_newest_first(client: httpx.Client, desk: Desk) -> None:
    first = page(client, "/news/index.html")
    second = page(client, "/news/page-2.html")
    titles = [*first.xpath("//ol[@class='items']//h2//text()"),
              *second.xpath("//ol[@class='items']//h2//text()")]
    assert len(titles) == len(set(titles)) == desk.published
    assert first.xpath("//a[@rel='next']/@href") == ["page-2.html"]
    assert second.xpath("//a[@rel='prev']/@href") == ["index.html"]
    assert client.get("/news/page-3.html").status_code == 404
    assert client.get("/news/page-1.html").status_code == 404  # page 1 is index.html
    assert page(client, "/news/").xpath("string(//h1)") == "Latest AI news"


def test_a_topic_lists_only_its_own_items(client: httpx.Client) -> None:
    policy = page(client, "/topics/ai-policy/index.html")
    assert policy.xpath("string(//h1)") == "AI Policy"
    assert policy.xpath("//ol[@class='items']//h2//text()") == [
        "Parliament passes the AI model licence law"]
    topics = page(client, "/topics/index.html")
    listed = topics.xpath("//ul[@class='topic-list']/li/a/text()")
    assert listed[0] == "AI" and "AI Policy" in listed
    assert client.get("/topics/gardening/index.html").status_code == 404


def test_the_cached_picture_is_served_from_the_site_folder(client: httpx.Client) -> None:
    front = page(client, "/")
    sources = front.xpath("//ol[@class='stories']/li[1]//img/@src")
    assert sources and sources[0].startswith("assets/images/news/")
    picture = client.get("/" + sources[0])
    assert picture.status_code == 200
    assert picture.headers["content-type"] == "image/jpeg"
    assert picture.content[:2] == b"\xff\xd8"
    assert client.get("/assets/images/news/missing.jpg").status_code == 404
    assert client.get("/assets/images/../../tidings.sqlite").status_code == 404


def test_pictures_answer_404_before_any_run_cached_one(serve, tmp_path) -> None:  # noqa: ANN001
    empty = serve(site_dir=tmp_path / "no-site-yet")
    assert empty.client.get("/assets/images/news/x.jpg").status_code == 404
    assert empty.client.get("/").status_code == 200


def test_an_unknown_page_is_a_404_with_the_site_navigation(client: httpx.Client) -> None:
    response = client.get("/stories/999999.html")
    assert response.status_code == 404
    doc = html.fromstring(response.text)
    assert doc.xpath("string(//h1)") == "Page not found"
    assert doc.xpath("//nav//a[text()='Top stories']")
    assert client.get("/stories/a999999.html").status_code == 404
    assert client.get("/stories/..%2F..%2Fetc.html").status_code == 404


def test_every_link_on_the_site_answers(client: httpx.Client, app: Running) -> None:
    """Crawl from the front page and a search, following every same-site link and picture."""
    seen: set[str] = set()
    queue = deque(["/", "/search?q=kestrel"])
    while queue:
        path = queue.popleft()
        response = client.get(path)
        assert response.status_code == 200, f"{path} -> {response.status_code}"
        if not response.headers["content-type"].startswith("text/html"):
            continue
        doc = html.fromstring(response.text)
        for _element, attribute, link, _ in doc.iterlinks():
            if attribute not in ("href", "src"):
                continue
            target = urlsplit(urljoin(app.url + path, link))
            if target.netloc != urlsplit(app.url).netloc:
                continue
            next_path = target.path + (f"?{target.query}" if target.query else "")
            if next_path not in seen:
                seen.add(next_path)
                queue.append(next_path)
    assert len(seen) > 50
    assert any(p.startswith("/feeds/") for p in seen) and any(p.startswith("/api/") for p in seen)
    assert any(p.startswith("/articles/") for p in seen)


def test_pages_are_accessible_and_need_no_script(client: httpx.Client, desk: Desk) -> None:
    paths = ["/", "/news/index.html", "/topics/index.html", "/topics/ai/index.html",
             "/about/scores.html", "/stories/1.html", "/search", "/search?q=chip",
             f"/articles/{desk.chip}.html", "/docs", "/no-such-page"]
    for path in paths:
        response = client.get(path)
        doc = html.fromstring(response.text)
        assert doc.get("lang") == "en", path
        assert doc.xpath("//meta[@name='viewport']/@content") == [
            "width=device-width, initial-scale=1"], path
        assert doc.xpath("//a[@class='skip']/@href") == ["#main"], path
        assert len(doc.xpath("//main[@id='main']")) == 1, path
        assert doc.xpath("//header") and doc.xpath("//nav") and doc.xpath("//footer"), path
        assert len(doc.xpath("//h1")) == 1, path
        assert all(img.get("alt") is not None for img in doc.xpath("//img")), path
        assert not doc.xpath("//script") and not doc.xpath("//@style"), path
        assert not [a for a in doc.xpath("//@*") if a.attrname.startswith("on")], path


def test_the_stylesheets_make_focus_visible_and_fit_a_phone(client: httpx.Client) -> None:
    site = client.get("/assets/site.css")
    app = client.get("/assets/app.css")
    assert site.headers["content-type"].startswith("text/css")
    assert ":focus-visible" in site.text and "max-width: 30rem" in site.text
    assert "input:focus-visible" in app.text


def test_pages_answer_head_like_a_static_host(client: httpx.Client) -> None:
    for path in ("/", "/news/index.html", "/assets/site.css", "/feeds/all.xml"):
        got, head = client.get(path), client.head(path)
        assert head.status_code == 200 and head.content == b"", path
        assert head.headers["content-type"] == got.headers["content-type"], path
        assert head.headers["content-length"] == got.headers["content-length"], path
    assert client.head("/no-such-page").status_code == 404

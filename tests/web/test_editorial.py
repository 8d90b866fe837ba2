"""Editorial actions: each needs a bearer token, and each changes what readers see at once.

Without a token configured the routes are switched off (403, saying how to
switch them on); a missing or wrong token gets 401 with ``WWW-Authenticate:
Bearer``; and a refused request changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest
from lxml import html

from tidings.store import Store

from .conftest import TOKEN, Desk, Running, editor_headers

#: Every editorial route, with the id it acts on filled in and the body it sends.
ACTIONS = [
    ("post", "/api/v1/articles/{id}/publish", None),
    ("delete", "/api/v1/articles/{id}/publish", None),
    ("post", "/api/v1/articles/{id}/publish/auto", None),
    ("post", "/api/v1/articles/{id}/suppress", None),
    ("delete", "/api/v1/articles/{id}/suppress", None),
    ("post", "/api/v1/articles/{id}/pin", None),
    ("delete", "/api/v1/articles/{id}/pin", None),
    ("post", "/api/v1/articles/{id}/retag", None),
    ("get", "/api/v1/sources", None),
    ("post", "/api/v1/sources", {"url": "https://new.example/feed.xml"}),
    ("delete", "/api/v1/sources/1", None),
]
REFUSALS = {
    "no header": {},
    "wrong token": editor_headers("not-the-editor-token-at-all"),
    "a prefix of the token": editor_headers(TOKEN[:-1]),
    "basic auth": {"Authorization": "Basic ZWRpdG9yOnNlY3JldA=="},
    "bearer without a token": {"Authorization": "Bearer"},
}


def act(client: httpx.Client, method: str, path: str, body: object = None,
        headers: dict[str, str] | None = None) -> httpx.Response:
    return client.request(method, path, json=body, headers=headers or {})


def front_titles(client: httpx.Client) -> list[str]:
    doc = html.fromstring(client.get("/").text)
    return doc.xpath("//ol[@class='stories']/li//h2//text()")


def snapshot(store: Store) -> tuple[object, ...]:
    articles = store.articles()
    return (tuple((a.id, a.published, a.suppressed, a.pinned, a.heat, a.topics)
                  for a in articles), tuple(s.url for s in store.list_sources()))


@pytest.mark.parametrize(("method", "path", "body"), ACTIONS)
@pytest.mark.parametrize("refusal", REFUSALS)
def test_every_action_refuses_a_missing_or_wrong_token(
    app: Running, desk: Desk, method: str, path: str, body: object, refusal: str
) -> None:
    app.store.add_source("https://old.example/feed.xml")
    before = snapshot(app.store)
    response = act(app.client, method, path.format(id=desk.chip), body, REFUSALS[refusal])
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert snapshot(app.store) == before


@pytest.mark.parametrize(("method", "path", "body"), ACTIONS)
def test_without_a_configured_token_every_action_is_switched_off(
    serve: Callable[..., Running], desk: Desk, method: str, path: str, body: object
) -> None:
    app = serve(tokens=[])
    response = act(app.client, method, path.format(id=desk.chip), body, editor_headers())
    assert response.status_code == 403
    assert "TIDINGS_API_TOKENS" in response.json()["detail"]
    assert "api-tokens" in response.json()["detail"]


def test_a_short_token_is_never_accepted(serve: Callable[..., Running], desk: Desk) -> None:
    app = serve(tokens=["short"])  # too easy to guess: ignored, as if none were set
    response = act(app.client, "post", f"/api/v1/articles/{desk.chip}/pin",
                   headers=editor_headers("short"))
    assert response.status_code == 403


def test_suppressing_takes_a_story_off_the_site_at_once(client: httpx.Client,
                                                        desk: Desk) -> None:
    headline = "Halden unveils the Kestrel inference chip"
    assert headline in front_titles(client)
    answer = act(client, "post", f"/api/v1/articles/{desk.chip}/suppress",
                 headers=editor_headers())
    assert answer.status_code == 200
    assert answer.json()["suppressed"] is True and answer.json()["heat"] == -1
    assert headline not in front_titles(client)
    assert client.get("/stories/1.html").status_code == 404
    assert client.get("/api/v1/articles", params={"q": "kestrel"}).json()["total"] == 0
    back = act(client, "delete", f"/api/v1/articles/{desk.chip}/suppress",
               headers=editor_headers())
    assert back.status_code == 200 and back.json()["suppressed"] is False


def test_pinning_puts_a_story_first_and_unpinning_puts_it_back(client: httpx.Client,
                                                               desk: Desk) -> None:
    licence = "Parliament passes the AI model licence law"
    assert front_titles(client).index(licence) == 2
    act(client, "post", f"/api/v1/articles/{desk.licence}/pin", headers=editor_headers())
    assert front_titles(client)[0] == licence
    assert client.get("/api/v1/stories").json()[0]["lead"]["pinned"] is True
    act(client, "delete", f"/api/v1/articles/{desk.licence}/pin", headers=editor_headers())
    assert front_titles(client).index(licence) == 2


def test_publishing_and_unpublishing_change_the_front_page(client: httpx.Client,
                                                           desk: Desk) -> None:
    seed = "Tiny startup raises a seed round for AI invoices"
    robotaxi = "Port Calder pauses its robotaxi fleet"
    assert seed not in front_titles(client)
    published = act(client, "post", f"/api/v1/articles/{desk.seed_round}/publish",
                    headers=editor_headers())
    assert published.json()["published"] is True
    assert seed in front_titles(client)
    assert client.get("/search", params={"q": "invoices"}).text.count(seed) == 1

    act(client, "delete", f"/api/v1/articles/{desk.robotaxi}/publish", headers=editor_headers())
    assert robotaxi not in front_titles(client)
    auto = act(client, "post", f"/api/v1/articles/{desk.robotaxi}/publish/auto",
               headers=editor_headers())
    assert auto.status_code == 200


def test_actions_on_a_missing_article_are_404(client: httpx.Client) -> None:
    for method, path, body in ACTIONS[:8]:
        response = act(client, method, path.format(id=424242), body, editor_headers())
        assert response.status_code == 404, path


def test_retagging_replaces_wrong_topics_with_the_taxonomy_s(
    client: httpx.Client, store: Store, desk: Desk
) -> None:
    store.update_curation(desk.chip, topics=[{"name": "Gardening", "evidence": "a mistake"}])
    assert client.get("/topics/gardening/index.html").status_code == 200
    answer = act(client, "post", f"/api/v1/articles/{desk.chip}/retag", headers=editor_headers())
    assert answer.status_code == 200
    names = [t["name"] for t in answer.json()["topicEvidence"]]
    assert names and "Gardening" not in names
    assert all(t["evidence"] for t in answer.json()["topicEvidence"])
    assert client.get("/topics/gardening/index.html").status_code == 404


def test_sources_are_added_listed_and_removed(client: httpx.Client) -> None:
    feed = {"url": "https://new.example/ai/feed.xml", "kind": "feed", "title": "New"}
    added = act(client, "post", "/api/v1/sources", feed, editor_headers())
    assert added.status_code == 201 and added.json()["created"] is True
    again = act(client, "post", "/api/v1/sources", feed, editor_headers())
    assert again.status_code == 200 and again.json()["created"] is False
    listed = act(client, "get", "/api/v1/sources", headers=editor_headers()).json()
    source = next(s for s in listed if s["url"] == feed["url"])
    assert source["title"] == "New" and source["kind"] == "feed"
    gone = act(client, "delete", f"/api/v1/sources/{source['id']}", headers=editor_headers())
    assert gone.status_code == 204
    assert act(client, "delete", f"/api/v1/sources/{source['id']}",
               headers=editor_headers()).status_code == 404


@pytest.mark.parametrize("body", [
    {"url": "javascript:alert(1)"},
    {"url": "file:///etc/passwd"},
    {"url": "/srv/pages", "kind": "page"},
    {"url": "ftp://files.example/feed.xml"},
    {"url": "https://"},
    {"url": "https://ok.example/feed.xml", "kind": "file"},
    {"url": "https://ok.example/feed.xml", "kind": "podcast"},
    {"kind": "feed"},
    {"url": "https://long.example/" + "a" * 5000},
])
def test_a_source_must_be_a_web_address_of_a_known_kind(client: httpx.Client,
                                                        body: dict[str, str]) -> None:
    response = act(client, "post", "/api/v1/sources", body, editor_headers())
    assert response.status_code == 422
    assert act(client, "get", "/api/v1/sources", headers=editor_headers()).json() == []


def test_a_change_to_a_story_shows_on_the_front_page_at_once(
    client: httpx.Client, store: Store, desk: Desk
) -> None:
    """The front page remembers its stories between requests; no change may hide behind that."""

    def coverage() -> list[str]:
        doc = html.fromstring(client.get("/").text)
        return doc.xpath("//ol[@class='stories']/li[1]//ul[@class='coverage']/li/a/text()")

    assert len(coverage()) == 2
    act(client, "post", f"/api/v1/articles/{desk.chip_beta}/suppress", headers=editor_headers())
    assert coverage() == ["Kestrel chip: what analysts make of it"]
    store.update_curation(desk.chip, related=[])  # a curation run, from another process
    assert coverage() == []

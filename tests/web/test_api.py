"""The JSON API under /api/v1, described by OpenAPI, read with httpx like any client would.

Readers get what the public site shows; an unpublished article exists for
editors only. One article comes with everything curation decided about it.
"""

from __future__ import annotations

import httpx
from lxml import html

from .conftest import Desk, editor_headers

READ_ROUTES = {
    ("get", "/api/v1/articles"), ("get", "/api/v1/articles/{article_id}"),
    ("get", "/api/v1/stories"), ("get", "/api/v1/stories/{key}"),
    ("get", "/api/v1/topics"), ("get", "/api/v1/publishers"),
}
EDITOR_ROUTES = {
    ("post", "/api/v1/articles/{article_id}/publish"),
    ("delete", "/api/v1/articles/{article_id}/publish"),
    ("post", "/api/v1/articles/{article_id}/publish/auto"),
    ("post", "/api/v1/articles/{article_id}/suppress"),
    ("delete", "/api/v1/articles/{article_id}/suppress"),
    ("post", "/api/v1/articles/{article_id}/pin"),
    ("delete", "/api/v1/articles/{article_id}/pin"),
    ("post", "/api/v1/articles/{article_id}/retag"),
    ("get", "/api/v1/sources"), ("post", "/api/v1/sources"),
    ("delete", "/api/v1/sources/{source_id}"),
}


def test_openapi_lists_every_route_and_which_need_a_token(client: httpx.Client) -> None:
    spec = client.get("/openapi.json").json()
    routes = {(m, p) for p, ops in spec["paths"].items() for m in ops}
    assert routes == READ_ROUTES | EDITOR_ROUTES  # pages stay out of the API description
    for method, path in EDITOR_ROUTES:
        assert spec["paths"][path][method]["security"] == [{"HTTPBearer": []}], (method, path)
    for method, path in READ_ROUTES:
        assert "security" not in spec["paths"][path][method], (method, path)
    assert spec["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"


def test_the_docs_page_renders_the_reference_without_script(client: httpx.Client) -> None:
    doc = html.fromstring(client.get("/docs").text)
    listed = {(e.xpath("string(.//span[@class='method'])").lower(), e.xpath("string(.//code)"))
              for e in doc.xpath("//div[@class='endpoint']")}
    assert listed == READ_ROUTES | EDITOR_ROUTES
    assert not doc.xpath("//script")
    assert doc.xpath("//a[@href='openapi.json']")


def test_articles_are_searched_filtered_and_paged(client: httpx.Client, desk: Desk) -> None:
    found = client.get("/api/v1/articles", params={"q": "kestrel"}).json()
    assert [a["id"] for a in found["items"]] == [desk.chip]
    assert found["total"] == 1 and found["pages"] == 1
    item = found["items"][0]
    assert item["webUrl"] == "https://alpha.example/news/1"
    assert item["publisher"] == {"name": "Alpha News", "domain": "alpha.example"}
    assert {"name": "AI Hardware", "slug": "ai-hardware"} in item["topics"]
    assert item["images"][0]["isCached"] is True
    assert item["images"][0]["cached"]["large"].startswith("assets/images/news/")

    paged = client.get("/api/v1/articles", params={"per_page": 10, "page": 3}).json()
    assert paged["total"] == desk.published and paged["pages"] == 3
    assert len(paged["items"]) == desk.published - 20
    topic = client.get("/api/v1/articles", params={"topic": "ai-policy"}).json()
    assert [a["id"] for a in topic["items"]] == [desk.licence]
    dated = client.get("/api/v1/articles", params={"since": "2026-03-10T00:00:00Z"}).json()
    assert {a["id"] for a in dated["items"]} == {desk.chip, desk.robotaxi}


def test_bad_parameters_are_refused_with_a_reason(client: httpx.Client) -> None:
    assert client.get("/api/v1/articles", params={"since": "last week"}).status_code == 422
    assert client.get("/api/v1/articles", params={"per_page": 1000}).status_code == 422
    assert client.get("/api/v1/articles", params={"page": 0}).status_code == 422
    assert client.get("/api/v1/articles/not-a-number").status_code == 422


def test_one_article_comes_with_its_evidence_and_the_parts_of_its_scores(
    client: httpx.Client, desk: Desk
) -> None:
    article = client.get(f"/api/v1/articles/{desk.chip}").json()
    assert article["title"] == "Halden unveils the Kestrel inference chip"
    assert article["topicEvidence"] == [
        {"name": "AI", "evidence": "the text is about ai"},
        {"name": "AI Hardware", "evidence": "the text is about ai hardware"}]
    assert article["qualityParts"]["authority"] == 20
    assert article["heatParts"]["coverage"] == 20
    assert article["quality"] == 80 and article["heat"] == 70
    assert [r["id"] for r in article["related"]] == [desk.chip_beta, desk.chip_gamma]
    assert article["published"] is True and article["story"] == "1"
    assert article["html"] is None  # full text is off unless the server is asked to show it


def test_unpublished_articles_are_for_editors_only(client: httpx.Client, desk: Desk) -> None:
    for hidden in (desk.seed_round, desk.llama, desk.chip_copy):
        assert client.get(f"/api/v1/articles/{hidden}").status_code == 404
        shown = client.get(f"/api/v1/articles/{hidden}", headers=editor_headers())
        assert shown.status_code == 200 and shown.json()["published"] is False
    assert client.get("/api/v1/articles/424242", headers=editor_headers()).status_code == 404
    assert client.get("/api/v1/articles", params={"unpublished": True}).status_code == 401
    everything = client.get("/api/v1/articles", params={"unpublished": True, "q": "invoices"},
                            headers=editor_headers()).json()
    assert [a["id"] for a in everything["items"]] == [desk.seed_round]


def test_stories_topics_and_publishers(client: httpx.Client, desk: Desk) -> None:
    stories = client.get("/api/v1/stories").json()
    assert stories[0]["key"] == "1" and stories[0]["publishers"] == 3
    assert [c["id"] for c in stories[0]["coverage"]] == [desk.chip_beta, desk.chip_gamma]
    assert len(stories) == desk.published
    one = client.get("/api/v1/stories/1").json()
    assert one["lead"]["id"] == desk.chip
    assert client.get("/api/v1/stories/nope").status_code == 404

    topics = {t["slug"]: t["articles"] for t in client.get("/api/v1/topics").json()}
    assert topics["ai"] == desk.published and topics["ai-policy"] == 1
    publishers = client.get("/api/v1/publishers").json()
    assert publishers[0] == {"name": "Zeta Times", "domain": "zeta.example",
                             "articles": len(desk.fillers)}
    assert "farm.example" not in {p["domain"] for p in publishers}


def test_the_static_api_layout_is_served_from_the_store(client: httpx.Client,
                                                        desk: Desk) -> None:
    first = client.get("/api/news/index.json").json()
    assert first["total"] == desk.published and first["nextPage"] == "api/news/page/2/index.json"
    assert client.get("/api/news/page/1/index.json").json() == first
    second = client.get("/api/news/page/2/index.json").json()
    assert second["previousPage"] == "api/news/index.json"
    assert client.get("/api/news/page/3/index.json").status_code == 404
    policy = client.get("/api/news/ai-policy/index.json").json()
    assert policy["topic"] == "AI Policy" and policy["total"] == 1
    assert client.get("/api/news/gardening/index.json").status_code == 404

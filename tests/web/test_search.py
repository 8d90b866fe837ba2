"""The search page: a plain GET form over the published articles, with filters and paging.

It must work without JavaScript, label every control, find words anywhere in an
article (not only the headline), never show what the site does not publish,
and treat whatever a reader types as words, never as query syntax.
"""

from __future__ import annotations

import httpx
import pytest
from lxml import html

from .conftest import Desk


def results(client: httpx.Client, **params: str) -> tuple[list[str], html.HtmlElement]:
    response = client.get("/search", params=params)
    assert response.status_code == 200, response.text
    doc = html.fromstring(response.text)
    return doc.xpath("//ol[@class='items']//h3//text()"), doc


def test_the_form_works_without_script_and_labels_every_control(client: httpx.Client) -> None:
    doc = html.fromstring(client.get("/search").text)
    form = doc.xpath("//form[@role='search']")[0]
    assert form.get("method") == "get" and form.get("action") == "search"
    controls = form.xpath(".//input | .//select")
    assert {c.get("name") for c in controls} == {"q", "topic", "publisher", "since", "until"}
    for control in controls:
        assert doc.xpath(f"//label[@for='{control.get('id')}']"), control.get("name")
    assert form.xpath(".//button[@type='submit']")
    assert not doc.xpath("//ol[@class='items']")  # nothing asked, nothing listed yet
    assert doc.xpath("//nav//a[@aria-current='page']/text()") == ["Search"]


def test_words_are_found_in_the_text_not_only_the_headline(client: httpx.Client) -> None:
    titles, doc = results(client, q="cyclist")
    assert titles == ["Port Calder pauses its robotaxi fleet"]
    assert doc.xpath("string(//h2[@id='results'])").startswith("1 result for")
    link = doc.xpath("//ol[@class='items']//h3/a/@href")[0]
    assert client.get("/" + link).status_code == 200  # results lead to their story pages


def test_only_published_articles_are_ever_found(client: httpx.Client) -> None:
    assert results(client, q="llama")[0] == []  # not AI news
    assert results(client, q="invoices")[0] == []  # below the heat threshold
    assert results(client, q="syndicated")[0] == []  # a copy
    assert results(client, q="power budget")[0] == []  # coverage, not a story lead


def test_filters_by_topic_publisher_and_date(client: httpx.Client, desk: Desk) -> None:
    assert results(client, topic="ai-policy")[0] == ["Parliament passes the AI model licence law"]
    assert results(client, publisher="delta.example")[0] == [
        "Port Calder pauses its robotaxi fleet"]
    # The seeded clock is 2026-03-10 12:00; the licence law is 30 hours old, the fillers older.
    recent, _ = results(client, since="2026-03-10")
    assert recent == ["Halden unveils the Kestrel inference chip",
                      "Port Calder pauses its robotaxi fleet"]
    older, _ = results(client, until="2026-03-09", topic="ai-policy")
    assert older == ["Parliament passes the AI model licence law"]
    both, _ = results(client, q="chip", publisher="delta.example")
    assert both == []


def test_the_filters_offer_the_published_topics_and_publishers(client: httpx.Client) -> None:
    doc = html.fromstring(client.get("/search").text)
    topics = doc.xpath("//select[@name='topic']/option/@value")
    publishers = doc.xpath("//select[@name='publisher']/option/@value")
    assert {"", "ai", "ai-hardware", "ai-policy", "autonomous-vehicles"} == set(topics)
    assert "farm.example" not in publishers and "delta.example" in publishers
    chosen = html.fromstring(client.get("/search", params={"topic": "ai-policy"}).text)
    assert chosen.xpath("//select[@name='topic']/option[@selected]/@value") == ["ai-policy"]


def test_results_page_with_the_query_kept(client: httpx.Client, desk: Desk) -> None:
    first, doc = results(client, q="machine learning")
    assert len(first) == 20
    following = doc.xpath("//nav[@class='pager']//a[@rel='next']/@href")[0]
    assert following.startswith("search?") and "q=machine+learning" in following
    second = html.fromstring(client.get("/" + following).text)
    rest = second.xpath("//ol[@class='items']//h3//text()")
    assert len(rest) == len(desk.fillers) - 20 and not set(rest) & set(first)


@pytest.mark.parametrize("typed", ['"unbalanced', "chip*", "-chip", "NEAR(chip power)",
                                   "chip AND (", "' OR 1=1 --", "chip:kestrel", "^", "\x00"])
def test_whatever_is_typed_is_searched_as_words(client: httpx.Client, typed: str) -> None:
    response = client.get("/search", params={"q": typed})
    assert response.status_code == 200
    assert "result" in html.fromstring(response.text).xpath("string(//h2[@id='results'])")


def test_a_bad_date_is_explained_next_to_its_field(client: httpx.Client) -> None:
    response = client.get("/search", params={"q": "chip", "since": "yesterday"})
    assert response.status_code == 422
    doc = html.fromstring(response.text)
    field = doc.xpath("//input[@name='since']")[0]
    assert field.get("aria-invalid") == "true"
    message = doc.xpath(f"string(//*[@id='{field.get('aria-describedby')}'])")
    assert "2026-03-01" in message
    assert field.get("value") == "yesterday"  # kept, so the reader can fix it

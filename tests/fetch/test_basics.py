"""Plain fetches: what a Response holds, what the request says, what is refused up front."""

from __future__ import annotations

import json

import pytest

from tidings.fetch import FEED_TYPES, HTML_TYPES, IMAGE_TYPES, FetchError, FetchSettings


def test_a_page_comes_back_with_status_headers_and_body(server, fetch):
    response = fetch(server.url("/page"))

    assert response.status == 200
    assert response.content == server.page
    assert response.url == response.final_url == server.url("/page")
    assert response.redirects == []
    assert response.content_type == "text/html"
    assert response.headers["content-length"] == str(len(server.page))
    assert response.elapsed > 0


def test_the_user_agent_names_the_project_and_its_version(server, fetch):
    fetch(server.url("/echo"), FetchSettings(retries=0, per_host_delay=0))

    sent = server.state.headers["/echo"][-1]
    assert sent["user-agent"].startswith("Tidings/")
    assert "https://github.com/tidings-news/tidings" in sent["user-agent"]


def test_accept_lists_the_wanted_types(server, fetch):
    response = fetch(server.url("/echo"), accept=("application/json", "text/*"))

    assert json.loads(response.content)["accept"] == "application/json, text/*"


def test_a_conditional_get_of_an_unchanged_resource_is_a_304_not_an_error(server, fetch):
    first = fetch(server.url("/cached"))
    assert first.etag == server.etag
    assert first.last_modified == server.last_modified

    by_etag = fetch(server.url("/cached"), etag=first.etag)
    by_date = fetch(server.url("/cached"), last_modified=first.last_modified)

    for again in (by_etag, by_date):
        assert again.status == 304
        assert again.not_modified
        assert again.content == b""
    asked = server.state.headers["/cached"]
    assert asked[1]["if-none-match"] == server.etag
    assert asked[2]["if-modified-since"] == server.last_modified


@pytest.mark.parametrize("path", ["/gzipped", "/deflated", "/deflated?raw"])
def test_compressed_bodies_arrive_decoded(server, fetch, path):
    response = fetch(server.url(path))

    assert response.headers["content-encoding"] in ("gzip", "deflate")
    assert response.content == server.page


def test_a_body_that_is_not_the_encoding_it_claims_is_an_error(server, fetch):
    with pytest.raises(FetchError, match="not valid gzip") as info:
        fetch(server.url("/broken-gzip"))

    assert info.value.kind == "http"
    assert info.value.status == 200


def test_a_wrong_content_type_is_refused(server, fetch):
    with pytest.raises(FetchError) as info:
        fetch(server.url("/text"), accept=HTML_TYPES)

    assert info.value.kind == "content-type"
    assert "text/plain" in info.value.message


def test_a_media_family_and_a_missing_content_type_are_accepted(server, fetch):
    assert fetch(server.url("/image"), accept=IMAGE_TYPES).content_type == "image/png"
    assert fetch(server.url("/bare"), accept=FEED_TYPES).content == b"<p>guess me</p>"


def test_a_single_string_accept_is_one_type_not_its_letters(server, fetch):
    assert fetch(server.url("/text"), accept="text/plain").content == b"plain words"


def test_a_client_error_is_not_retried(server, fetch):
    with pytest.raises(FetchError) as info:
        fetch(server.url("/missing"))

    assert (info.value.kind, info.value.status) == ("http", 404)
    assert server.state.hits["/missing"] == 1


@pytest.mark.parametrize(
    ("url", "complaint"),
    [
        ("example.com/news/today", "no scheme"),
        ("ftp://example.com/feed.xml", "not http or https"),
        ("http://", "no host"),
        ("http://exa mple.com/", "not a valid host name"),
        ("http://[zz]/", "not a valid URL"),
        ("http://example.com:99999/", "out of range"),
        ("mailto:desk@example.com", "not http or https"),
    ],
)
def test_an_unusable_url_is_a_bad_url_error_saying_why(fetch, url, complaint):
    with pytest.raises(FetchError, match=complaint) as info:
        fetch(url)

    assert info.value.kind == "bad-url"
    assert info.value.url == url


def test_the_error_reads_well_as_text(server, fetch):
    with pytest.raises(FetchError) as info:
        fetch(server.url("/missing"))

    assert str(info.value) == f"http: server answered 404 Not Found ({server.url('/missing')})"


def test_nonsense_settings_are_refused_when_made():
    with pytest.raises(ValueError, match="per_host_concurrency"):
        FetchSettings(per_host_concurrency=0)
    with pytest.raises(ValueError, match="deadline"):
        FetchSettings(deadline=0)

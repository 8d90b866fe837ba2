"""Redirects are followed by hand: the chain is kept, loops and overlong chains are refused."""

from __future__ import annotations

import pytest

from tidings.fetch import FetchError


def test_a_redirect_chain_is_recorded_in_order(server, fetch):
    response = fetch(server.url("/hop/3"))

    assert response.url == server.url("/hop/3")
    assert response.final_url == server.url("/hop/0")
    assert response.redirects == [server.url(f"/hop/{n}") for n in (3, 2, 1)]
    assert response.content == server.page


def test_exactly_max_redirects_are_followed(server, fetch, settings):
    response = fetch(server.url("/hop/4"), settings(max_redirects=4))

    assert len(response.redirects) == 4


def test_one_redirect_too_many_is_an_error(server, fetch, settings):
    with pytest.raises(FetchError, match="more than 4 redirects") as info:
        fetch(server.url("/hop/5"), settings(max_redirects=4))

    assert info.value.kind == "too-many-redirects"
    assert info.value.url == server.url("/hop/5")  # reported against the URL asked for
    assert server.state.hits["/hop/0"] == 0


def test_a_redirect_loop_is_detected_on_the_first_repeat(server, fetch):
    with pytest.raises(FetchError, match="redirects back to") as info:
        fetch(server.url("/loop/a"))

    assert info.value.kind == "redirect-loop"
    assert server.state.hits["/loop/a"] == 1
    assert server.state.hits["/loop/b"] == 1


def test_a_server_cannot_redirect_onto_the_local_disk(server, fetch):
    with pytest.raises(FetchError, match="redirect target scheme 'file'") as info:
        fetch(server.url("/to-disk"))

    assert info.value.kind == "bad-url"


def test_a_redirect_without_a_location_is_an_http_error(server, fetch):
    with pytest.raises(FetchError, match="without a Location") as info:
        fetch(server.url("/nowhere"))

    assert (info.value.kind, info.value.status) == ("http", 302)


def test_an_error_after_a_redirect_names_the_hop_but_keeps_the_asked_url(server, fetch):
    with pytest.raises(FetchError) as info:
        fetch(server.url("/hop/1"), max_bytes=10)

    assert info.value.kind == "too-large"
    assert info.value.url == server.url("/hop/1")
    assert info.value.message.endswith(f"at redirect hop {server.url('/hop/0')}")

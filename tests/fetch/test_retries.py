"""Retries: which failures are tried again, how long in between, and when to give up."""

from __future__ import annotations

import socket
import time
from datetime import UTC, datetime

import pytest

from tidings.fetch import FetchError
from tidings.fetch.retry import backoff_delay, retry_after_seconds


def test_a_server_error_then_success_is_retried_into_a_response(server, fetch):
    response = fetch(server.url("/flaky"))

    assert response.content == server.page
    assert server.state.hits["/flaky"] == 2


def test_a_5xx_storm_fails_after_exactly_the_allowed_retries(server, fetch, settings):
    with pytest.raises(FetchError) as info:
        fetch(server.url("/storm"), settings(retries=3))

    assert (info.value.kind, info.value.status) == ("http", 503)
    assert "after 4 attempts" in info.value.message
    assert server.state.hits["/storm"] == 4


def test_no_retries_means_one_attempt(server, fetch, settings):
    with pytest.raises(FetchError, match="no retries allowed"):
        fetch(server.url("/storm"), settings(retries=0))

    assert server.state.hits["/storm"] == 1


def test_retry_after_overrides_the_backoff(server, fetch, settings):
    # A 60 s backoff would blow the test's time budget; Retry-After: 0 says "go again now".
    started = time.monotonic()
    response = fetch(server.url("/busy?after=0"), settings(backoff=60.0))

    assert response.status == 200
    assert server.state.hits["/busy"] == 2
    assert time.monotonic() - started < 5


def test_retry_after_in_seconds_is_waited_out(server, fetch):
    started = time.monotonic()
    response = fetch(server.url("/busy?after=1"))

    assert response.status == 200
    assert time.monotonic() - started >= 0.95


def test_a_retry_after_longer_than_allowed_gives_up_at_once(server, fetch, settings):
    started = time.monotonic()
    with pytest.raises(FetchError, match="Retry-After asks for 3600s") as info:
        fetch(server.url("/busy?after=3600"), settings(max_retry_after=2.0))

    assert (info.value.kind, info.value.status) == ("http", 429)
    assert server.state.hits["/busy"] == 1
    assert time.monotonic() - started < 2


def test_a_server_that_says_nothing_times_out_and_is_retried(server, fetch, settings):
    with pytest.raises(FetchError, match="after 2 attempts") as info:
        fetch(server.url("/sleep"), settings(read_timeout=0.1, retries=1))

    assert info.value.kind == "timeout"
    assert info.value.status is None
    assert server.state.hits["/sleep"] == 2


def test_a_refused_connection_is_a_connect_error(fetch, settings):
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]

    with pytest.raises(FetchError, match="after 2 attempts") as info:
        fetch(f"http://127.0.0.1:{port}/page", settings(retries=1))

    assert info.value.kind == "connect"


def test_retry_after_reads_seconds_and_http_dates():
    now = datetime(2026, 11, 17, 8, 30, 0, tzinfo=UTC)

    assert retry_after_seconds("120", now) == 120
    assert retry_after_seconds("Tue, 17 Nov 2026 08:31:30 GMT", now) == 90
    assert retry_after_seconds("Tue, 17 Nov 2026 08:00:00 GMT", now) == 0  # already past
    assert retry_after_seconds("soon, promise", now) is None
    assert retry_after_seconds("-5", now) is None
    assert retry_after_seconds(None, now) is None


def test_backoff_doubles_per_attempt_with_jitter_below_the_full_step():
    for attempt in range(5):
        full = 0.5 * 2**attempt
        delays = [backoff_delay(0.5, attempt) for _ in range(50)]
        assert all(full / 2 <= delay <= full for delay in delays)
        assert len(set(delays)) > 1  # jittered, not a fixed step

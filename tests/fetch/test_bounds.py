"""Hostile bodies: too big, too compressed, too slow. Each is cut off early, not read in full."""

from __future__ import annotations

import gzip
import time
import zlib

import pytest

from tidings.fetch import FetchError
from tidings.fetch.body import _Inflater

MIB = 1024 * 1024


def test_a_declared_2gb_body_is_refused_before_reading_it(server, fetch):
    started = time.monotonic()
    with pytest.raises(FetchError, match="declared 2147483648 bytes") as info:
        fetch(server.url("/huge"))

    assert info.value.kind == "too-large"
    assert time.monotonic() - started < 2


def test_an_endless_chunked_body_stops_at_the_cap(server, fetch, settings):
    with pytest.raises(FetchError, match="passed the 1048576-byte cap") as info:
        fetch(server.url("/endless"), settings(max_bytes=MIB))

    assert info.value.kind == "too-large"
    # The server wrote a little past the cap into socket buffers, nowhere near its 64 MiB limit.
    assert server.state.sent["/endless"] < 16 * MIB


def test_a_gzip_bomb_is_stopped_at_the_decoded_cap(server, fetch, settings):
    with pytest.raises(FetchError, match="passed the 1048576-byte cap") as info:
        fetch(server.url("/bomb"), settings(max_bytes=MIB))

    assert info.value.kind == "too-large"


def test_a_per_call_cap_overrides_the_settings(server, fetch):
    with pytest.raises(FetchError) as info:
        fetch(server.url("/page"), max_bytes=10)

    assert info.value.kind == "too-large"
    assert fetch(server.url("/page"), max_bytes=len(server.page)).content == server.page


def test_a_body_dripped_slowly_hits_the_deadline(server, fetch, settings):
    # Every byte arrives well inside the read timeout; only the wall clock catches it.
    started = time.monotonic()
    with pytest.raises(FetchError, match="0.3s deadline") as info:
        fetch(server.url("/drip"), settings(read_timeout=1.0, deadline=0.3))

    assert info.value.kind == "timeout"
    assert server.state.hits["/drip"] == 1  # a drip would drip again: not retried
    assert time.monotonic() - started < 1.5


def test_inflating_never_yields_more_than_one_byte_past_the_room():
    bomb = gzip.compress(bytes(8 * MIB))

    out = _Inflater("gzip").feed(bomb, room=1000)

    assert len(out) == 1001  # enough to know the cap is passed, no more


def test_inflating_joins_concatenated_gzip_members():
    two = gzip.compress(b"first ") + gzip.compress(b"second")

    assert _Inflater("gzip").feed(two, room=100) == b"first second"


def test_inflating_deflate_accepts_zlib_wrapped_and_raw_streams():
    raw = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    raw_body = raw.compress(b"tide tables") + raw.flush()

    assert _Inflater("deflate").feed(zlib.compress(b"tide tables"), room=100) == b"tide tables"
    assert _Inflater("deflate").feed(raw_body, room=100) == b"tide tables"

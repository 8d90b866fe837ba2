"""Local files go through the same ``get`` as URLs, with the same cap and the same errors."""

from __future__ import annotations

import os
from email.utils import formatdate

import pytest

from tidings.fetch import HTML_TYPES, FetchError


@pytest.fixture
def page(tmp_path):
    path = tmp_path / "harbour notes.html"
    path.write_bytes(b"<p>Tide at six.</p>")
    os.utime(path, (1_800_000_000, 1_800_000_000))
    return path


def test_a_plain_path_reads_like_a_200_response(fetch, page):
    response = fetch(str(page))

    assert response.status == 200
    assert response.content == b"<p>Tide at six.</p>"
    assert response.content_type == "text/html"
    assert response.url == str(page)
    assert response.final_url == page.as_uri()
    assert response.last_modified == formatdate(1_800_000_000, usegmt=True)


def test_a_file_url_reads_the_same_file(fetch, page):
    assert fetch(page.as_uri()).content == b"<p>Tide at six.</p>"


def test_a_local_file_is_held_to_the_size_cap(fetch, page):
    with pytest.raises(FetchError, match="more than the 5-byte cap") as info:
        fetch(str(page), max_bytes=5)

    assert info.value.kind == "too-large"


def test_a_missing_file_is_a_404(fetch, tmp_path):
    with pytest.raises(FetchError, match="no such file") as info:
        fetch(str(tmp_path / "nothing.html"))

    assert (info.value.kind, info.value.status) == ("http", 404)


def test_a_directory_is_not_a_file(fetch, tmp_path):
    with pytest.raises(FetchError, match="is a directory") as info:
        fetch(str(tmp_path))

    assert info.value.kind == "bad-url"


def test_a_file_url_for_another_machine_is_refused(fetch):
    with pytest.raises(FetchError, match="another machine") as info:
        fetch("file://fileserver/share/page.html")

    assert info.value.kind == "bad-url"


def test_the_guessed_type_is_checked_against_accept(fetch, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("tide tables")

    with pytest.raises(FetchError) as info:
        fetch(str(notes), accept=HTML_TYPES)

    assert info.value.kind == "content-type"


def test_an_unchanged_file_is_a_304(fetch, page):
    since = formatdate(1_800_000_000, usegmt=True)

    assert fetch(str(page), last_modified=since).status == 304
    assert fetch(str(page), last_modified=formatdate(1_700_000_000, usegmt=True)).status == 200

"""The starter subscriptions a new workspace gets."""

from __future__ import annotations

from urllib.parse import urlsplit

from tidings.sources import DEFAULT_SOURCES, parse_opml, write_opml


def test_between_twelve_and_twenty_titled_feeds():
    assert 12 <= len(DEFAULT_SOURCES) <= 20
    assert all(source.kind == "feed" and source.title for source in DEFAULT_SOURCES)


def test_every_default_is_https_on_its_own_host():
    hosts = [urlsplit(source.url).hostname for source in DEFAULT_SOURCES]

    assert all(urlsplit(source.url).scheme == "https" for source in DEFAULT_SOURCES)
    assert all(urlsplit(source.site_url).scheme == "https" for source in DEFAULT_SOURCES)
    assert len(set(hosts)) == len(hosts)


def test_defaults_survive_an_opml_round_trip():
    assert parse_opml(write_opml(DEFAULT_SOURCES).encode()) == DEFAULT_SOURCES

"""URL rules: tracking-free links and registrable domains."""

import pytest

from tidings.urls import registrable_domain, same_site, strip_tracking


class TestStripTracking:
    def test_drops_campaign_and_click_ids_but_keeps_content_params_in_order(self):
        url = (
            "https://news.example/story?id=42&utm_source=rss&page=2&fbclid=x1&UTM_Medium=email"
            "&gclid=g&dclid=d&msclkid=m&mc_cid=c&mc_eid=e&ref=home&ref_src=tw&igshid=i&_ga=1"
            "&yclid=y&spm=a.b&cmpid=c9&lang=en"
        )
        assert strip_tracking(url) == "https://news.example/story?id=42&page=2&lang=en"

    def test_drops_fragment_and_lowercases_scheme_and_host_only(self):
        url = "HTTPS://News.Example/Path/To/Story?Q=Yes#comments"
        assert strip_tracking(url) == "https://news.example/Path/To/Story?Q=Yes"

    def test_removes_question_mark_when_nothing_is_left(self):
        assert strip_tracking("https://a.example/x?utm_source=a&utm_campaign=b") == (
            "https://a.example/x"
        )

    def test_keeps_original_encoding_of_remaining_params(self):
        url = "https://a.example/search?q=large%20language+models&utm_term=x"
        assert strip_tracking(url) == "https://a.example/search?q=large%20language+models"

    def test_drops_default_port_but_keeps_others(self):
        assert strip_tracking("https://a.example:443/x") == "https://a.example/x"
        assert strip_tracking("http://127.0.0.1:8080/x?ref=y") == "http://127.0.0.1:8080/x"

    def test_relative_or_empty_url_is_a_clear_error(self):
        with pytest.raises(ValueError, match="not an absolute URL"):
            strip_tracking("/2026/11/03/story")


class TestRegistrableDomain:
    @pytest.mark.parametrize(
        ("given", "expected"),
        [
            ("www.bbc.co.uk", "bbc.co.uk"),
            ("https://news.bbc.co.uk/2026/story", "bbc.co.uk"),
            ("https://WWW.Example.com:8443/x", "example.com"),
            ("www.northwindledger.example", "northwindledger.example"),
            ("https://deep.sub.site.test/page", "site.test"),
            ("127.0.0.1", "127.0.0.1"),
            ("http://127.0.0.1:8000/feed", "127.0.0.1"),
            ("http://[::1]:8000/feed", "::1"),
        ],
    )
    def test_known_and_reserved_suffixes(self, given, expected):
        assert registrable_domain(given) == expected

    def test_private_suffixes_separate_tenants(self):
        # Two projects on one hosting suffix are two sites, not one.
        assert registrable_domain("alice.github.io") != registrable_domain("bob.github.io")

    def test_no_host_is_a_clear_error(self):
        with pytest.raises(ValueError, match="no host"):
            registrable_domain("")


def test_same_site_compares_registrable_domains():
    assert same_site("https://www.bbc.co.uk/news", "https://bbc.co.uk/sport")
    assert same_site("https://amp.circuitandsignal.example/a", "circuitandsignal.example")
    assert not same_site("https://bbc.co.uk/news", "https://itv.co.uk/news")

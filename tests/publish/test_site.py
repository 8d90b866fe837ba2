"""The static HTML site, built from a real SQLite store and read back with lxml.

The site must work from ``file://`` and from any static host, so every link is
checked: relative, never rooted at ``/``, and pointing at a file that exists.
"""

from __future__ import annotations

import json
import posixpath
from datetime import timedelta
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from lxml import etree, html

from tidings.publish.feeds import xml_text
from tidings.publish.site import MANIFEST, environment, publish_site
from tidings.publish.site_data import load_site_data
from tidings.publish.site_paths import relative
from tidings.store import Store

BASE = "https://news.example.org/ai"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


@pytest.fixture
def site(site_store: Store, site_facts, tmp_path: Path) -> Path:
    out = tmp_path / "site"
    publish_site(site_store, out, base_url=BASE, now=site_facts.now)
    return out


def pages(site: Path) -> dict[Path, html.HtmlElement]:
    return {p: html.fromstring(p.read_bytes()) for p in sorted(site.rglob("*.html"))}


def test_every_link_is_relative_and_lands_on_a_file_that_exists(site: Path) -> None:
    checked = 0
    for path, doc in pages(site).items():
        for _element, attribute, link, _ in doc.iterlinks():
            if attribute not in ("href", "src"):
                continue
            parts = urlsplit(link)
            if parts.scheme in ("http", "https"):
                continue  # the publishers' own pages and pictures
            assert not parts.scheme and not parts.netloc, f"{path}: {link}"
            assert not link.startswith("/"), f"{path}: rooted link {link}"
            if not parts.path:
                assert doc.get_element_by_id(parts.fragment) is not None, f"{path}: {link}"
                continue
            target = (path.parent / unquote(parts.path)).resolve()
            assert target.is_file(), f"{path}: {link} -> {target}"
            assert site.resolve() in target.parents, f"{path}: {link} leaves the site"
            checked += 1
    assert checked > 100


def test_every_page_has_landmarks_one_heading_and_a_language(site: Path) -> None:
    for path, doc in pages(site).items():
        assert doc.get("lang") == "en", path
        assert doc.xpath("//meta[@name='viewport']"), path
        assert len(doc.xpath("//main")) == 1 and doc.xpath("//header") and doc.xpath("//nav")
        assert doc.xpath("//footer"), path
        assert len(doc.xpath("//h1")) == 1, path
        assert all(img.get("alt") is not None for img in doc.xpath("//img")), path
        assert not doc.xpath("//script"), path  # no page needs JavaScript
        assert len(doc.xpath("//link[@rel='stylesheet']")) == 1, path


def test_the_front_page_ranks_stories_by_heat_with_coverage_beneath(site: Path) -> None:
    front = html.fromstring((site / "index.html").read_bytes())
    stories = front.xpath("//ol[@class='stories']/li/article")
    headlines = [s.xpath("string(.//h2)") for s in stories]
    assert headlines[0] == "Chip maker unveils an inference chip"  # heat 70 beats newer ones
    heats = [int(s.xpath("string(.//p[@class='scores'])").split()[1]) for s in stories]
    assert heats == sorted(heats, reverse=True)
    coverage = stories[0].xpath(".//ul[@class='coverage']/li/a/text()")
    assert coverage == ["Beta's take on the new chip", "Gamma weighs in on the chip"]
    text = front.text_content()
    assert "(copy)" not in text and "llama" not in text and "took down" not in text


def test_each_story_has_a_page_with_all_its_coverage(site: Path, site_facts) -> None:
    story_pages = list((site / "stories").glob("*.html"))
    assert len(story_pages) == site_facts.stories
    front = html.fromstring((site / "index.html").read_bytes())
    link = front.xpath("//ol[@class='stories']/li[1]//h2/a/@href")[0]
    page = html.fromstring((site / link).read_bytes())
    assert page.xpath("string(//h1)") == "Chip maker unveils an inference chip"
    assert page.xpath("//a[@class='read']/@href") == ["https://alpha.example/a/1"]
    assert len(page.xpath("//ul[@class='coverage']/li")) == 2


def test_topic_pages_list_their_items_and_page_through_them(site: Path, site_facts) -> None:
    first = html.fromstring((site / "topics/ai/index.html").read_bytes())
    second = html.fromstring((site / "topics/ai/page-2.html").read_bytes())
    listed = first.xpath("//ol[@class='items']/li") + second.xpath("//ol[@class='items']/li")
    assert len(listed) == site_facts.published
    assert first.xpath("//a[@rel='next']/@href") == ["page-2.html"]
    assert second.xpath("//a[@rel='prev']/@href") == ["index.html"]
    hardware = html.fromstring((site / "topics/ai-hardware/index.html").read_bytes())
    assert hardware.xpath("//ol[@class='items']//h2/a/text()") == [
        "Chip maker unveils an inference chip"
    ]


def test_a_hostile_title_and_excerpt_stay_text(site: Path, site_facts) -> None:
    ethics = html.fromstring((site / "topics/ai-ethics/index.html").read_bytes())
    href = ethics.xpath("//ol[@class='items']//h2/a/@href")[0]
    raw = (site / "topics/ai-ethics" / href).read_text(encoding="utf-8")
    page = html.fromstring(raw)
    assert page.xpath("string(//h1)") == xml_text(site_facts.hostile_title)
    assert not page.xpath("//script") and not page.xpath("//*[@onerror]")
    assert "&lt;script&gt;" in raw and "&lt;img src=x" in raw
    assert "Delta &lt;b&gt;Post&lt;/b&gt;" in raw  # the provider name too
    assert page.xpath("string(//title)").startswith('<script>alert("x")</script>')


def test_templates_escape_even_text_that_looks_like_markup() -> None:
    template = environment().from_string("<p>{{ text }}</p>")
    assert template.render(text="<b onclick=x>hi</b>") == "<p>&lt;b onclick=x&gt;hi&lt;/b&gt;</p>"


def test_the_sitemap_lists_every_page_at_its_public_url(site: Path) -> None:
    root = etree.parse(str(site / "sitemap.xml")).getroot()
    assert root.tag == f"{SITEMAP}urlset"
    locations = [u.findtext(f"{SITEMAP}loc") for u in root.findall(f"{SITEMAP}url")]
    listed = {unquote(loc.removeprefix(BASE + "/")) for loc in locations}
    html_files = {p.relative_to(site).as_posix() for p in site.rglob("*.html")}
    assert listed == html_files
    assert all(loc.startswith(BASE + "/") for loc in locations)
    for url in root.findall(f"{SITEMAP}url"):
        lastmod = url.findtext(f"{SITEMAP}lastmod")
        assert lastmod is None or lastmod.endswith("Z")


def test_the_news_sitemap_holds_only_the_last_two_days(site: Path, site_store, site_facts) -> None:
    root = etree.parse(str(site / "news-sitemap.xml")).getroot()
    urls = root.findall(f"{SITEMAP}url")
    data = load_site_data(site_store)
    fresh = [s for s in data.stories if site_facts.now - s.lead.published <= timedelta(days=2)]
    assert 0 < len(urls) == len(fresh) < len(data.stories)
    titles = [u.findtext(f"{NEWS}news/{NEWS}title") for u in urls]
    assert "Chip maker unveils an inference chip" in titles
    assert "Last week's model release" not in titles
    for url in urls:
        assert (site / unquote(url.findtext(f"{SITEMAP}loc").removeprefix(BASE + "/"))).is_file()
        news = url.find(f"{NEWS}news")
        assert news.findtext(f"{NEWS}publication/{NEWS}name") == "Tidings"
        assert news.findtext(f"{NEWS}publication/{NEWS}language") == "en"
        assert news.findtext(f"{NEWS}publication_date").endswith("Z")


def test_a_second_run_rewrites_nothing(site: Path, site_store: Store, site_facts) -> None:
    before = {p: p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()}
    summary = publish_site(site_store, site, base_url=BASE, now=site_facts.now)
    assert summary.written == 0 and summary.unchanged == summary.files and summary.removed == 0
    assert {p: p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file()} == before


def test_files_of_stories_that_left_are_removed_and_records_are_kept(
    site: Path, site_store: Store, site_facts
) -> None:
    record = site / "_news" / "2026-03-01-kept.md"
    record.parent.mkdir()
    record.write_text("---\n---\n")
    old = next(a for a in site_store.articles() if a.title == "Last week's model release")
    site_store.update_curation(old.id, published=False)
    summary = publish_site(site_store, site, base_url=BASE, now=site_facts.now)
    assert summary.removed > 0
    assert not (site / "topics/machine-learning").exists()  # its only story left
    assert not (site / "feeds/topics/machine-learning.atom").exists()
    assert not (site / "api/news/machine-learning").exists()
    assert record.is_file()
    listed = set(json.loads((site / MANIFEST).read_text()))
    on_disk = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    assert listed == on_disk - {MANIFEST, "_news/2026-03-01-kept.md"}


def test_a_tampered_manifest_cannot_delete_outside_the_site(
    site: Path, site_store: Store, site_facts
) -> None:
    outside = site.parent / "precious.txt"
    outside.write_text("keep me")
    (site / MANIFEST).write_text(json.dumps(["../precious.txt", str(outside)]))
    publish_site(site_store, site, base_url=BASE, now=site_facts.now)
    assert outside.read_text() == "keep me"


def test_relative_links_agree_with_posixpath(site: Path) -> None:
    names = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    for page in names[::7]:
        for target in names:
            expected = posixpath.relpath(target, posixpath.dirname(page) or ".")
            assert unquote(relative(target, page)) == expected, (target, page)


def test_an_empty_store_still_builds_a_whole_site(tmp_path: Path, site_facts) -> None:
    with Store(f"sqlite:///{tmp_path / 'empty.sqlite'}") as store:
        summary = publish_site(store, tmp_path / "out", base_url=BASE, now=site_facts.now)
    assert (summary.items, summary.stories) == (0, 0)
    front = html.fromstring((tmp_path / "out/index.html").read_bytes())
    assert "No stories are published yet" in front.text_content()
    for name in ("news/index.html", "topics/index.html", "about/scores.html", "sitemap.xml",
                 "news-sitemap.xml", "feeds/all.atom", "api/news/index.json"):
        assert (tmp_path / "out" / name).is_file(), name

"""Publisher logos: icon bytes checked with Pillow, squared on white, written as two JPEGs."""

from __future__ import annotations

import io
import os
import time
from pathlib import Path

import pytest
from lxml import html
from PIL import Image

from tidings.publish.build import publish_records
from tidings.publish.logos import (
    FULL_SIZE_FROM,
    LARGE,
    MAX_AGE_SECONDS,
    SMALL,
    LogoError,
    home_page,
    largest,
    logo_path,
    logo_targets,
    read_logo,
    record_logos,
    square_logo,
    write_logo,
)
from tidings.publish.records import parse_record
from tidings.publish.site import publish_site
from tidings.store import Store

BASE = "https://news.example.org/ai"
RED, BLUE = (200, 30, 30), (30, 30, 200)


def encoded(image: Image.Image, fmt: str, **options: object) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


def png(size: tuple[int, int], colour: tuple[int, ...] = RED, mode: str = "RGB") -> bytes:
    return encoded(Image.new(mode, size, colour), "PNG")


def near(pixel: tuple[int, ...], colour: tuple[int, ...], slack: int = 12) -> bool:
    return all(abs(a - b) <= slack for a, b in zip(pixel, colour, strict=True))


# --- reading icon bytes --------------------------------------------------------------------


def test_an_ico_file_gives_its_largest_image() -> None:
    data = encoded(Image.new("RGB", (64, 64), BLUE), "ICO", sizes=[(16, 16), (32, 32), (48, 48)])
    image = read_logo(data)
    assert image.size == (48, 48)
    assert near(image.convert("RGB").getpixel((24, 24)), BLUE)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"<!doctype html><title>Not found</title>", "not an image"),
        (b"", "not an image"),
        (png((180, 180))[:60], "not an image"),  # cut short in transfer
        (png((12, 12)), "too small"),
        (png((300, 10)), "too small"),  # a thin rule, not a logo
    ],
)
def test_bytes_that_cannot_be_a_logo_are_refused_with_the_reason(data: bytes, reason: str) -> None:
    with pytest.raises(LogoError, match=reason):
        read_logo(data)


def test_the_largest_image_is_the_one_with_the_longest_short_side() -> None:
    wordmark, badge = Image.new("RGB", (600, 60)), Image.new("RGB", (120, 120))
    assert largest([wordmark, badge]) is badge
    assert largest([]) is None


# --- squaring and writing ------------------------------------------------------------------


def test_a_wide_wordmark_is_padded_on_white_not_cropped() -> None:
    square = square_logo(Image.new("RGB", (600, 60), RED), SMALL)
    assert square.size == (SMALL, SMALL) and square.mode == "RGB"
    assert near(square.getpixel((0, 0)), (255, 255, 255))  # padding above the mark
    assert near(square.getpixel((1, SMALL // 2)), RED)  # the mark's left end survives
    assert near(square.getpixel((SMALL - 2, SMALL // 2)), RED)  # and its right end


def test_transparency_is_flattened_onto_white() -> None:
    icon = Image.new("RGBA", (64, 64), (0, 0, 0, 0))
    icon.paste((30, 30, 200, 255), (16, 16, 48, 48))
    square = square_logo(icon, SMALL)
    assert near(square.getpixel((2, 2)), (255, 255, 255))
    assert near(square.getpixel((25, 25)), BLUE)


def test_write_logo_writes_both_sizes_as_square_jpegs(tmp_path: Path) -> None:
    files = write_logo(tmp_path, "Gazette.example", read_logo(png((180, 180))))
    assert files.small == tmp_path / "assets/images/organizations/gazette.example-50x50.jpg"
    assert files.large == tmp_path / "assets/images/organizations/gazette.example-400x400.jpg"
    for path, side in ((files.small, SMALL), (files.large, LARGE)):
        with Image.open(path) as written:
            assert (written.format, written.mode, written.size) == ("JPEG", "RGB", (side, side))
            assert near(written.getpixel((side // 2, side // 2)), RED)
    assert not files.upscaled
    assert sorted(p.name for p in files.small.parent.iterdir()) == [
        "gazette.example-400x400.jpg", "gazette.example-50x50.jpg"]  # no temporary left


def test_a_small_source_is_written_and_flagged_as_enlarged(tmp_path: Path) -> None:
    files = write_logo(tmp_path, "tiny.example", read_logo(png((32, 32))))
    assert files.upscaled and files.source_size == (32, 32)
    assert FULL_SIZE_FROM > 32
    with Image.open(files.large) as written:
        assert written.size == (LARGE, LARGE)


def test_rewriting_the_same_logo_moves_its_time_so_the_refresh_clock_restarts(
    tmp_path: Path,
) -> None:
    files = write_logo(tmp_path, "gazette.example", read_logo(png((180, 180))))
    month_ago = time.time() - MAX_AGE_SECONDS - 60
    os.utime(files.small, (month_ago, month_ago))
    write_logo(tmp_path, "gazette.example", read_logo(png((180, 180))))
    assert files.small.stat().st_mtime > month_ago + 3600


@pytest.mark.parametrize("domain", ["", "../etc", "a/b.example", "localhost", "x .example"])
def test_odd_domains_never_become_file_names(domain: str) -> None:
    with pytest.raises(LogoError):
        logo_path(domain, SMALL)


# --- which publishers need a logo ------------------------------------------------------------


def test_missing_logos_come_first_then_stale_ones_and_fresh_or_off_topic_ones_are_left(
    site_store: Store, tmp_path: Path
) -> None:
    articles = site_store.articles()
    now = time.time()
    for domain, age in (("alpha.example", 10), ("beta.example", MAX_AGE_SECONDS + 5),
                        ("gamma.example", MAX_AGE_SECONDS + 500)):
        files = write_logo(tmp_path, domain, read_logo(png((64, 64))))
        os.utime(files.small, (now - age, now - age))
    targets = logo_targets(articles, tmp_path, limit=50, now=now)
    domains = [t.domain for t in targets]
    assert "alpha.example" not in domains
    assert domains[-2:] == ["gamma.example", "beta.example"]  # the oldest refresh first
    missing = domains[:-2]
    assert set(missing) == {a.provider_domain for a in articles if a.relevant} - {
        "alpha.example", "beta.example", "gamma.example"}
    assert "farm.example" not in domains  # its only article is off-topic: no record shows it
    assert logo_targets(articles, tmp_path, limit=2, now=now) == targets[:2]


def test_the_home_page_uses_the_host_articles_came_from(site_store: Store) -> None:
    article = next(a for a in site_store.articles() if a.provider_domain == "alpha.example")
    assert home_page(article, "alpha.example") == "https://alpha.example/"
    assert home_page(article, "elsewhere.example") == "https://elsewhere.example/"


# --- records ---------------------------------------------------------------------------------


def test_records_list_the_small_logo_only_once_it_exists(site_store: Store, tmp_path: Path) -> None:
    out = tmp_path / "site"
    write_logo(out, "alpha.example", read_logo(png((180, 180))))
    assert record_logos(out, BASE, "beta.example") == []
    publish_records(site_store, out, keyring=None, base_url=BASE)
    records = {}
    for path in (out / "_news").glob("*.md"):
        record = parse_record(path.read_text(encoding="utf-8"))
        records[record["title"]] = record
    lead = records["Chip maker unveils an inference chip"]
    logo_url = f"{BASE}/assets/images/organizations/alpha.example-50x50.jpg"
    assert lead["provider"]["images"] == [{"url": logo_url, "width": 50, "height": 50}]
    # The layout names logos for the record's own provider only, never for related items.
    assert all("images" not in r["provider"] for r in lead["related"])
    assert "images" not in records["Beta's take on the new chip"]["provider"]


def test_site_pages_show_the_small_logo_beside_the_publisher_name(
    site_store: Store, tmp_path: Path, site_facts
) -> None:
    out = tmp_path / "site"
    write_logo(out, "alpha.example", read_logo(png((180, 180))))
    publish_site(site_store, out, base_url=BASE, now=site_facts.now)
    front = html.parse(str(out / "index.html")).getroot()
    stories = {" ".join(a.xpath(".//h2")[0].text_content().split()): a
               for a in front.xpath("//article[contains(@class, 'story')]")}
    logos = stories["Chip maker unveils an inference chip"].xpath(
        ".//p[contains(@class, 'byline')]//img[contains(@class, 'logo')]")
    assert len(logos) == 1
    assert (out / logos[0].get("src")).resolve() == (
        out / "assets/images/organizations/alpha.example-50x50.jpg").resolve()
    assert logos[0].get("alt") == ""  # the name right after it already says who it is
    delta = next(a for title, a in stories.items() if "Bots" in title)
    # no logo was written for delta.example
    assert not delta.xpath(".//img[contains(@class, 'logo')]")

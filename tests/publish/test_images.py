"""The image cache: the site's own large and thumbnail copies of each lead image.

Every picture here is made by Pillow in the test. The cache is checked from
bytes to files (sizes, formats, refusals), then through the records, the
pages and the API, which must claim a cached copy only when it is on disk.
"""

from __future__ import annotations

import io
import json
import struct
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from lxml import html
from PIL import Image as PILImage

from tidings.extract import ImageError
from tidings.models import Article, Image
from tidings.publish.build import publish_records
from tidings.publish.images import (
    CACHE_DIR,
    LARGE_BOX,
    THUMB_BOX,
    cache_image,
    cache_paths,
    copies_on_disk,
    fitted,
)
from tidings.publish.records import parse_record
from tidings.publish.site import MANIFEST, publish_site
from tidings.store import Store

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
URL = "https://pub.example/media/lead.jpg"


def picture(fmt: str, size: tuple[int, int], mode: str = "RGB", **save: object) -> bytes:
    """A real image in ``fmt``: a gradient, so a resize has something to average."""
    image = PILImage.linear_gradient("L").resize(size).convert(mode)
    out = io.BytesIO()
    image.save(out, fmt, **save)
    return out.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A valid PNG header that declares a huge size; the body would inflate to gigabytes."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\x00" * 4096)) + chunk(b"IEND", b""))


def files_in_cache(site: Path) -> list[str]:
    folder = site / CACHE_DIR
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


# -- from bytes to files -------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_a_real_image_is_cached_at_both_sizes_with_its_true_size(fmt: str, tmp_path: Path) -> None:
    cached = cache_image(picture(fmt, (1600, 900)), URL, tmp_path)
    assert (cached.width, cached.height) == (1600, 900)
    assert (cached.large, cached.thumb) == cache_paths(URL)
    with PILImage.open(tmp_path / cached.large) as large:
        assert large.format == "JPEG" and large.mode == "RGB"
        assert large.size == (1200, 675)
    with PILImage.open(tmp_path / cached.thumb) as thumb:
        assert thumb.format == "JPEG" and thumb.size == (400, 225)


def test_a_small_image_is_never_scaled_up(tmp_path: Path) -> None:
    cached = cache_image(picture("PNG", (320, 200)), URL, tmp_path)
    for path in (cached.large, cached.thumb):
        with PILImage.open(tmp_path / path) as copy:
            assert copy.size == (320, 200)


def test_a_tall_picture_is_bounded_in_height_too(tmp_path: Path) -> None:
    cached = cache_image(picture("JPEG", (900, 3000)), URL, tmp_path)
    with PILImage.open(tmp_path / cached.thumb) as thumb:
        assert thumb.size == (120, 400)
    with PILImage.open(tmp_path / cached.large) as large:
        assert large.size == (360, 1200)


def test_transparency_is_laid_on_white_not_black(tmp_path: Path) -> None:
    clear = PILImage.new("RGBA", (60, 40), (0, 0, 0, 0))
    out = io.BytesIO()
    clear.save(out, "PNG")
    cached = cache_image(out.getvalue(), URL, tmp_path)
    with PILImage.open(tmp_path / cached.large) as large:
        assert all(channel > 245 for channel in large.getpixel((30, 20)))


def test_exif_rotation_is_applied_and_the_true_size_is_the_upright_one(tmp_path: Path) -> None:
    sideways = PILImage.new("RGB", (300, 100), "navy")
    exif = sideways.getexif()
    exif[0x0112] = 6  # "rotate 90 degrees clockwise to display"
    out = io.BytesIO()
    sideways.save(out, "JPEG", exif=exif.tobytes())
    cached = cache_image(out.getvalue(), URL, tmp_path)
    assert (cached.width, cached.height) == (100, 300)
    with PILImage.open(tmp_path / cached.large) as large:
        assert large.size == (100, 300)
        assert large.getexif().get(0x0112) is None  # upright pixels, no rotation left to do


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"<html><body>502 Bad Gateway</body></html>", "unrecognised format"),
        (picture("PNG", (400, 300), "RGB")[:600], "truncated or corrupt"),
        (png_claiming(100_000, 100_000), "decompression bomb"),
        (png_claiming(8_000, 6_000), "exceeds .* pixels"),  # under Pillow's own limit
    ],
    ids=["text-named-png", "truncated-png", "decompression-bomb", "over-our-pixel-limit"],
)
def test_bytes_that_are_not_a_whole_image_are_refused_and_nothing_is_written(
    data: bytes, reason: str, tmp_path: Path
) -> None:
    with pytest.raises(ImageError, match=f"not an image: .*{reason}"):
        cache_image(data, "https://pub.example/lead.png", tmp_path)
    assert files_in_cache(tmp_path) == []


def test_a_noisy_truncated_png_is_refused(tmp_path: Path) -> None:
    noise = PILImage.effect_noise((300, 300), 80).convert("RGB")
    out = io.BytesIO()
    noise.save(out, "PNG")
    data = out.getvalue()
    with pytest.raises(ImageError, match="truncated or corrupt"):
        cache_image(data[: len(data) // 2], URL, tmp_path)


def test_an_existing_cache_is_reused_without_rewriting(tmp_path: Path) -> None:
    first = cache_image(picture("JPEG", (800, 600)), URL, tmp_path)
    large = tmp_path / first.large
    before = (large.read_bytes(), large.stat().st_mtime_ns)
    # Same URL: the copies stand; only the header of the new bytes is read, for the size.
    again = cache_image(picture("PNG", (800, 600)), URL, tmp_path)
    assert again == first
    assert (large.read_bytes(), large.stat().st_mtime_ns) == before


def test_copies_are_written_whole_through_a_rename(tmp_path: Path) -> None:
    cache_image(picture("JPEG", (640, 480)), URL, tmp_path)
    names = files_in_cache(tmp_path)
    assert len(names) == 2 and all(n.endswith(".jpg") for n in names)  # no temp files left


def test_a_cache_that_cannot_be_written_is_an_image_error(tmp_path: Path) -> None:
    (tmp_path / "assets").write_text("a file where the folder should be")
    with pytest.raises(ImageError, match="cannot write"):
        cache_image(picture("JPEG", (64, 48)), URL, tmp_path)


def test_keys_are_stable_per_url_and_differ_between_urls() -> None:
    assert cache_paths(URL) == cache_paths(URL)
    assert cache_paths(URL) != cache_paths(URL + "?v=2")
    large, thumb = cache_paths(URL)
    assert large.startswith(f"{CACHE_DIR}/") and large.endswith("-large.jpg")
    assert thumb == large.replace("-large.jpg", "-thumb.jpg")


def test_fitted_keeps_the_shape_and_never_grows() -> None:
    assert fitted(2400, 1600, LARGE_BOX) == (1200, 800)
    assert fitted(100, 50, THUMB_BOX) == (100, 50)
    assert fitted(0, 50, THUMB_BOX) == (0, 0)


def test_only_copies_inside_the_cache_folder_that_exist_are_trusted(tmp_path: Path) -> None:
    cached = cache_image(picture("JPEG", (64, 48)), URL, tmp_path)
    stored = {"url": URL, "cached": cached.as_json()}
    assert copies_on_disk(stored, tmp_path) == cached.as_json()
    assert copies_on_disk(stored, None) == {}
    (tmp_path / cached.thumb).unlink()
    assert copies_on_disk(stored, tmp_path) == {"large": cached.large}
    outside = {"url": URL, "cached": {"large": f"{CACHE_DIR}/../../secret.jpg"}}
    assert copies_on_disk(outside, tmp_path) == {}


# -- records, pages and the API ------------------------------------------------------------


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(f"sqlite:///{tmp_path / 'images.sqlite'}", clock=lambda: NOW) as store:
        yield store


def add_story(store: Store, number: int, image: Image | None) -> None:
    article = Article(
        original_url=f"https://pub.example/a/{number}", web_url=f"https://pub.example/a/{number}",
        title=f"Story number {number} about a model", text="Body text. " * 40,
        excerpt=f"What happened in story {number}.", published=NOW - timedelta(hours=number),
        language="en", provider_name="Pub", provider_domain="pub.example",
        images=[image] if image else [],
    )
    stored, _ = store.save_article(article, source_id=None)
    story = store.create_story(title="")
    store.update_curation(stored.id, relevant=True, published=True, heat=50, quality=70,
                          story_id=story, topics=[{"name": "AI", "evidence": "model"}],
                          curation={"duplicate_of": None, "lead": True})


def cached_image(site: Path, url: str = URL, size: tuple[int, int] = (1600, 900)) -> Image:
    """What the pipeline stores: the true size and the copies' paths."""
    cached = cache_image(picture("JPEG", size), url, site)
    return Image(url, cached.width, cached.height, cached.as_json())


def record_images(site: Path) -> list[dict]:
    [path] = sorted((site / "_news").glob("*.md"))
    return parse_record(path.read_text(encoding="utf-8"))["images"]


def test_the_store_keeps_the_cached_paths_with_the_image(store: Store, tmp_path: Path) -> None:
    image = cached_image(tmp_path / "site")
    add_story(store, 1, image)
    [stored] = store.articles(relevant=True)
    assert stored.images[0]["cached"] == image.cached
    assert stored.to_article().images == [image]


def test_records_say_is_cached_only_while_the_large_copy_is_on_disk(
    store: Store, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    image = cached_image(site)
    add_story(store, 1, image)
    publish_records(store, site, keyring=None, base_url="https://news.example")
    assert record_images(site) == [{"url": URL, "width": 1600, "height": 900, "isCached": True}]
    (site / image.cached["large"]).unlink()
    publish_records(store, site, keyring=None, base_url="https://news.example")
    assert record_images(site)[0]["isCached"] is False
    assert record_images(site)[0]["url"] == URL  # always the publisher's URL, as the seed has


def test_pages_show_only_the_sites_own_copies(store: Store, tmp_path: Path) -> None:
    site = tmp_path / "site"
    image = cached_image(site)
    add_story(store, 1, image)
    add_story(store, 2, Image("https://pub.example/never-cached.jpg", 800, 600))
    publish_site(store, site, base_url="https://news.example", now=NOW)
    front = html.fromstring((site / "index.html").read_bytes())
    [thumb] = front.xpath("//img[@class='thumb']")
    assert thumb.get("src") == image.cached["thumb"]
    assert (thumb.get("width"), thumb.get("height")) == ("400", "225")
    assert image.cached["large"] in thumb.get("srcset")
    assert thumb.get("alt") == ""  # the headline beside it already says what it is about
    assert thumb.get("loading") is None  # the top of the front page is in view at once
    for page in site.rglob("*.html"):
        doc = html.fromstring(page.read_bytes())
        for img in doc.xpath("//img"):
            assert not img.get("src").startswith(("http:", "https:", "//")), page
            assert (page.parent / img.get("src")).resolve().is_file(), page
    story = next(p for p in (site / "stories").glob("*.html")
                 if b"Story number 1 " in p.read_bytes())
    [large] = html.fromstring(story.read_bytes()).xpath("//img[@class='lead-picture']")
    assert large.get("src") == "../" + image.cached["large"]
    assert (large.get("width"), large.get("height")) == ("1200", "675")


def test_thumbnails_below_the_fold_load_lazily(store: Store, tmp_path: Path) -> None:
    site = tmp_path / "site"
    for number in range(1, 6):
        add_story(store, number, cached_image(site, f"https://pub.example/{number}.jpg"))
    publish_site(store, site, base_url="https://news.example", now=NOW)
    listing = html.fromstring((site / "news" / "index.html").read_bytes())
    loading = [img.get("loading") for img in listing.xpath("//img[@class='thumb']")]
    assert loading == [None, None, "lazy", "lazy", "lazy"]


def test_the_api_keeps_the_reference_keys_and_the_feed_points_at_our_copy(
    store: Store, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    image = cached_image(site)
    add_story(store, 1, image)
    publish_site(store, site, base_url="https://news.example", now=NOW)
    api = json.loads((site / "api" / "news" / "index.json").read_text(encoding="utf-8"))
    assert api["value"][0]["images"] == [{"url": URL, "width": 1600, "height": 900,
                                          "isCached": True, "cached": image.cached}]
    feed = json.loads((site / "feeds" / "all.json").read_text(encoding="utf-8"))
    assert feed["items"][0]["image"] == f"https://news.example/{image.cached['large']}"


def test_publishing_never_deletes_the_image_cache(store: Store, tmp_path: Path) -> None:
    site = tmp_path / "site"
    image = cached_image(site)
    add_story(store, 1, image)
    publish_site(store, site, base_url="https://news.example", now=NOW)
    # Even a manifest that names the copies (an old or hand-edited one) cannot remove them.
    manifest = site / MANIFEST
    listed = json.loads(manifest.read_text(encoding="utf-8"))
    manifest.write_text(json.dumps([*listed, *image.cached.values()]), encoding="utf-8")
    publish_site(store, site, base_url="https://news.example", now=NOW + timedelta(hours=1))
    assert all((site / path).is_file() for path in image.cached.values())
    assert not any(path.startswith(CACHE_DIR) for path in json.loads(manifest.read_text()))

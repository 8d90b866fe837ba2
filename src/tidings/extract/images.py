"""Lead images: choose one from the page, and measure image bytes safely.

Declared sizes are taken when the page states them; otherwise the size stays
0 and the pipeline downloads the image and calls :func:`measure_image`, which
reads the header first so a decompression bomb is refused before decoding.
"""

from __future__ import annotations

import io
import re
import warnings
from typing import Any

from PIL import Image as PILImage
from PIL import UnidentifiedImageError

from tidings.extract.errors import ImageError
from tidings.extract.page import Page, types_of
from tidings.models import Image

#: Largest image (in pixels) we agree to decode: 8K by 5K, generous for news photos.
MAX_PIXELS = 40_000_000

_SKIP_URL = re.compile(
    r"^data:"
    r"|[/_.-](?:sprite|gravatar|avatar|favicon|icon)s?(?:[/_.-]|$)"
    # Pixels by name, but not photos of a phone called Pixel.
    r"|[/_.-](?:pixel|spacer|blank|1x1|beacon|tracking|transparent)\.(?:gif|png)"
    r"|/(?:pixel|beacon|track)(?:\?|/|$)"
    r"|\.svg(?:$|\?)|doubleclick\.|facebook\.com/tr",
    re.I,
)


def measure_image(data: bytes) -> tuple[int, int]:
    """``(width, height)`` of image bytes, after checking they decode completely.

    Raises :class:`ImageError` ("not an image: ...") for bytes Pillow cannot
    identify, truncated files and images over :data:`MAX_PIXELS`; the pixel
    check happens on the header, before any decoding.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            with PILImage.open(io.BytesIO(data)) as image:
                width, height = image.size
                if width <= 0 or height <= 0:
                    raise ImageError(f"not an image: impossible size {width}x{height}")
                if width * height > MAX_PIXELS:
                    raise ImageError(
                        f"not an image: {width}x{height} exceeds {MAX_PIXELS} pixels "
                        "(possible decompression bomb)"
                    )
                # JPEG can decode at 1/8 scale: every byte is still read, far less memory.
                image.draft("RGB", (max(1, width // 8), max(1, height // 8)))
                image.load()
    except ImageError:
        raise
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning) as exc:
        raise ImageError(f"not an image: decompression bomb ({exc})") from exc
    except UnidentifiedImageError as exc:
        raise ImageError("not an image: unrecognised format") from exc
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise ImageError(f"not an image: truncated or corrupt ({exc})") from exc
    return width, height


# Site logos are small; a "logo" file the page declares at photo size is a real
# picture (a press release's product shot, a story about a rebrand).
_LOGO_URL = re.compile(r"[/_.-](?:logo|badge)s?(?:[/_.-]|$)", re.I)
_PHOTO_SIZE = (300, 200)


def usable_image_url(url: str | None, width: int = 0, height: int = 0) -> bool:
    """False for data: URIs, tracking pixels, sprites, icons and logos.

    A logo-named URL is accepted only when its declared size is photo-like.
    """
    if not url or not url.strip() or _SKIP_URL.search(url.strip()):
        return False
    return not _LOGO_URL.search(url) or (width >= _PHOTO_SIZE[0] and height >= _PHOTO_SIZE[1])


def lead_image(page: Page, fallback: str | None = None) -> Image | None:
    """The article's lead image, with any size the page declares (0 when unknown).

    Order: og:image, twitter:image, JSON-LD image, the first content image,
    then ``fallback`` (the feed's image). URLs are made absolute.
    """
    og = page.first_meta("og:image:secure_url", "og:image:url", "og:image")
    if og:
        image = Image(
            page.absolute(og),
            _int(page.first_meta("og:image:width")),
            _int(page.first_meta("og:image:height")),
        )
        if usable_image_url(image.url, image.width, image.height):
            return image
    twitter = page.first_meta("twitter:image", "twitter:image:src")
    if twitter and usable_image_url(page.absolute(twitter)):
        return Image(page.absolute(twitter))
    if (found := _jsonld_image(page)) is not None:
        return found
    if (found := _content_image(page)) is not None:
        return found
    if fallback and usable_image_url(page.absolute(fallback)):
        return Image(page.absolute(fallback))
    return None


def _jsonld_image(page: Page) -> Image | None:
    main = page.main_ld
    objects = ([main] if main else []) + [o for o in page.jsonld if "ImageObject" in types_of(o)]
    for obj in objects:
        value = obj.get("image") if obj is main else obj
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str):
                url, width, height = item, 0, 0
            elif isinstance(item, dict):
                url = item.get("url") or item.get("contentUrl") or ""
                width, height = _int(item.get("width")), _int(item.get("height"))
            else:
                continue
            if isinstance(url, str) and usable_image_url(page.absolute(url), width, height):
                return Image(page.absolute(url), width, height)
    return None


def _content_image(page: Page) -> Image | None:
    roots = page.tree.xpath("//article | //main | //*[@itemprop='articleBody']") or [page.tree]
    for node in roots[0].iter("img", "amp-img"):
        if _in_chrome(node):
            continue
        src = next(
            (node.get(a) for a in ("src", "data-src", "data-lazy-src", "data-original")
             if node.get(a) and not node.get(a).startswith("data:")),
            None,
        )
        if not src and node.get("srcset"):
            src = node.get("srcset").split(",")[0].split()[0]
        width, height = _int(node.get("width")), _int(node.get("height"))
        if not src or (0 < width <= 5) or (0 < height <= 5):
            continue
        if usable_image_url(page.absolute(src), width, height):
            return Image(page.absolute(src), width, height)
    return None


def _in_chrome(node: Any) -> bool:
    for parent in node.iterancestors():
        marker = f"{parent.get('class', '')} {parent.get('id', '')}".lower()
        if parent.tag in {"nav", "footer", "aside"}:
            return True
        # A site header is chrome; an article's own header holds its lead picture.
        if parent.tag == "header" and not any(p.tag == "article" for p in parent.iterancestors()):
            return True
        if re.search(r"author|byline|share|social|related|comment|avatar|ad-|advert", marker):
            return True
    return False


def _int(value: Any) -> int:
    try:
        number = int(str(value).strip().removesuffix("px"))
    except (TypeError, ValueError):
        return 0
    return number if number > 0 else 0

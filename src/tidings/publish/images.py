"""The site's own copies of lead images: a large one for story pages, a thumbnail for lists.

Pages never hot-link a publisher's picture (that leaks our readers to their
servers and breaks when they move the file), so each lead image the pipeline
downloads is decoded here and written as two JPEGs under
``assets/images/news/<key>-large.jpg`` and ``<key>-thumb.jpg``, where the key
is a hash of the image URL: the same picture always lands on the same files,
and a second run (or a second article using the picture) reuses them.

The bytes come from other people's servers, so decoding is defensive: only
common web formats are opened (Pillow's rarer plugins, EPS above all, call out
to other programs), the pixel count is checked on the header before anything is
decoded, and every way Pillow can fail becomes an :class:`ImageError` with a
message that says why, never a crash of the run.
"""

from __future__ import annotations

import hashlib
import io
import math
import os
import tempfile
import warnings
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image as PILImage
from PIL import ImageOps, UnidentifiedImageError

from tidings.extract.errors import ImageError
from tidings.extract.images import MAX_PIXELS

CACHE_DIR = "assets/images/news"  #: site-relative folder of the cached copies
#: Story pages show the large copy across a column at most 60rem (960 CSS px) wide.
LARGE_BOX = (1200, 1200)
#: Lists float the thumbnail at 12rem (192 CSS px) at most: 400 px is sharp on 2x screens.
#: The height is bounded too, so a tall infographic does not become a long strip.
THUMB_BOX = (400, 400)
#: Formats news sites serve (camera JPEGs that Pillow calls MPO open as JPEG).
FORMATS = ("JPEG", "PNG", "WEBP", "GIF", "AVIF", "BMP", "TIFF")
QUALITY = 82
WHITE = (255, 255, 255)
_SWAPS_SIDES = {5, 6, 7, 8}  #: EXIF orientations that turn the picture a quarter turn


@dataclass(frozen=True, slots=True)
class CachedImage:
    """The original's true size (as shown, after EXIF rotation) and the copies' site paths."""

    width: int
    height: int
    large: str
    thumb: str

    def as_json(self) -> dict[str, str]:
        """The ``cached`` value stored with the image in the database."""
        return {"large": self.large, "thumb": self.thumb}


def image_key(url: str) -> str:
    """A short, stable file name stem for an image URL (64 bits of its SHA-256)."""
    return hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]


def cache_paths(url: str) -> tuple[str, str]:
    """The site-relative ``(large, thumb)`` paths the copies of ``url`` are written to."""
    stem = f"{CACHE_DIR}/{image_key(url)}"
    return f"{stem}-large.jpg", f"{stem}-thumb.jpg"


def fitted(width: int, height: int, box: tuple[int, int]) -> tuple[int, int]:
    """``(width, height)`` scaled down to fit ``box``, keeping the shape; never scaled up."""
    if width <= 0 or height <= 0:
        return 0, 0
    scale = min(1.0, box[0] / width, box[1] / height)
    return max(1, round(width * scale)), max(1, round(height * scale))


def copies_on_disk(image: Mapping[str, Any], site_dir: Path | None) -> dict[str, str]:
    """The cached copies of a stored image that exist under ``site_dir`` now.

    ``{"large": path, "thumb": path}`` minus any copy that is missing; empty when
    nothing is cached or ``site_dir`` is None (nothing can be checked, so nothing
    is claimed). Paths outside the cache folder are ignored, since pages would link them.
    """
    cached = image.get("cached")
    if site_dir is None or not isinstance(cached, Mapping):
        return {}
    found = {}
    for size in ("large", "thumb"):
        path = cached.get(size)
        if (isinstance(path, str) and path.startswith(f"{CACHE_DIR}/")
                and ".." not in path.split("/") and (site_dir / path).is_file()):
            found[size] = path
    return found


def cache_image(data: bytes, url: str, site_dir: Path) -> CachedImage:
    """Verify downloaded image bytes and write the site's two JPEG copies of them.

    Returns the original's size and the copies' paths. When both copies already
    exist only the header is read (for the size): the key is the URL, so they
    were made from this picture by an earlier run. Raises :class:`ImageError`
    for bytes that are not a complete image in a web format, for images over
    :data:`MAX_PIXELS`, and when the copies cannot be written.
    """
    large_path, thumb_path = cache_paths(url)
    large_file, thumb_file = site_dir / large_path, site_dir / thumb_path
    with _pillow_errors(), PILImage.open(io.BytesIO(data), formats=_formats()) as image:
        width, height = _checked_size(image)
        if large_file.is_file() and thumb_file.is_file():
            return CachedImage(width, height, large_path, thumb_path)
        large = _decode(image, fitted(width, height, LARGE_BOX))
    # Both copies come from the decoded large one: the thumbnail needs no second decode.
    thumb = large.resize(fitted(width, height, THUMB_BOX), PILImage.Resampling.LANCZOS)
    _write_jpeg(large, large_file)
    _write_jpeg(thumb, thumb_file)
    return CachedImage(width, height, large_path, thumb_path)


def _formats() -> list[str]:
    """The accepted formats this Pillow build can read (AVIF needs a recent one)."""
    PILImage.init()
    return [name for name in FORMATS if name in PILImage.OPEN]


def _checked_size(image: PILImage.Image) -> tuple[int, int]:
    """The size as displayed (EXIF rotation applied), refused before decoding if too big."""
    width, height = image.size
    if width <= 0 or height <= 0:
        raise ImageError(f"not an image: impossible size {width}x{height}")
    if width * height > MAX_PIXELS:
        raise ImageError(f"not an image: {width}x{height} exceeds {MAX_PIXELS} pixels "
                         "(possible decompression bomb)")
    if image.getexif().get(0x0112) in _SWAPS_SIDES:
        width, height = height, width
    return width, height


def _decode(image: PILImage.Image, size: tuple[int, int]) -> PILImage.Image:
    """The whole image decoded, upright, flattened on white to RGB, resized to ``size``."""
    # A JPEG can decode at 1/2, 1/4 or 1/8 scale; ask for no less than the copy needs.
    # Sides may be swapped by the EXIF rotation; the scale is the same either way.
    scale = max(size) / max(image.size)
    image.draft("RGB", (math.ceil(image.width * scale), math.ceil(image.height * scale)))
    image.load()  # reads every byte: a truncated file fails here
    upright = ImageOps.exif_transpose(image)
    rgb = _flatten(upright)
    if rgb.size != size:
        rgb = rgb.resize(size, PILImage.Resampling.LANCZOS, reducing_gap=3.0)
    return rgb


def _flatten(image: PILImage.Image) -> PILImage.Image:
    """RGB with any transparency laid on white (JPEG has no alpha; black would show)."""
    if image.mode.startswith("I;16"):
        # 16-bit greyscale: scale into 8 bits instead of clipping nearly all of it to white.
        image = image.convert("I").point(lambda v: v / 256).convert("L")
    has_alpha = image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or (
        image.mode == "P" and "transparency" in image.info
    )
    if not has_alpha:
        return image.convert("RGB")
    rgba = image.convert("RGBA")
    flat = PILImage.new("RGB", rgba.size, WHITE)
    flat.paste(rgba, mask=rgba.getchannel("A"))
    return flat


def _write_jpeg(image: PILImage.Image, target: Path) -> None:
    """Write through a temporary file and a rename, so a reader never sees half a JPEG."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.",
                                             suffix=".tmp")
    except OSError as exc:
        raise ImageError(f"cannot write the cached copy {target}: {exc}") from exc
    try:
        with os.fdopen(handle, "wb") as out:
            # No EXIF is passed on: the copy is already upright, and a phone photo's
            # GPS position has no business on our site.
            image.save(out, "JPEG", quality=QUALITY, optimize=True, progressive=True)
        os.replace(temporary, target)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise ImageError(f"cannot write the cached copy {target}: {exc}") from exc


@contextmanager
def _pillow_errors() -> Iterator[None]:
    """Every way Pillow fails on hostile bytes, turned into an :class:`ImageError`."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", PILImage.DecompressionBombWarning)
        try:
            yield
        except ImageError:
            raise
        except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning) as exc:
            raise ImageError(f"not an image: decompression bomb ({exc})") from exc
        except UnidentifiedImageError as exc:
            raise ImageError("not an image: unrecognised format "
                             f"(accepted: {', '.join(FORMATS)})") from exc
        except (OSError, SyntaxError, ValueError, EOFError, MemoryError) as exc:
            raise ImageError(f"not an image: truncated or corrupt ({exc})") from exc


__all__ = [
    "CACHE_DIR",
    "LARGE_BOX",
    "THUMB_BOX",
    "CachedImage",
    "cache_image",
    "cache_paths",
    "copies_on_disk",
    "fitted",
    "image_key",
]

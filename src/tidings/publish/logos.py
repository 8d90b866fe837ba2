"""Publisher logos: verified icon bytes become square JPEGs the site hosts itself.

Each publisher gets ``assets/images/organizations/<domain>-50x50.jpg`` (the badge
records point at) and ``<domain>-400x400.jpg``. Icons are padded to a square on
white rather than cropped, because a wide wordmark cropped to a square loses
its letters.

Upscaling: the 400x400 file is resampled from whatever the best icon was, but a
source under :data:`FULL_SIZE_FROM` pixels is a real enlargement that looks
soft; :class:`LogoFiles` says so (``upscaled``) and the pipeline logs it, and the
pipeline keeps looking for a larger icon before settling for a small one. The
file is still written so every published 50x50 has its 400x400 sibling and
nobody linking to it gets a 404.
"""

from __future__ import annotations

import io
import os
import re
import tempfile
import time
import warnings
from collections.abc import Collection, Iterable, Mapping
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from PIL import Image, UnidentifiedImageError

from tidings.extract.images import MAX_PIXELS
from tidings.publish.site_paths import absolute
from tidings.store import StoredArticle

LOGO_DIR = "assets/images/organizations"
SMALL, LARGE = 50, 400
#: Smaller than this is a tracking pixel or a placeholder, not a logo.
MIN_SIDE = 16
#: A source at least this large makes a 400x400 that is not visibly blurred.
FULL_SIZE_FROM = 128
#: Logos are refreshed after this long, in case the publisher changed its icon.
MAX_AGE_SECONDS = 30 * 24 * 3600
#: A publisher whose search found no usable icon waits this long before the next search,
#: twice as long after each further failure, and never longer than MAX_AGE_SECONDS: a
#: site without an icon is not asked for one on every run.
FIRST_RETRY_SECONDS = 12 * 3600
_DOMAIN = re.compile(r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$")


class LogoError(ValueError):
    """Bytes that cannot become a logo; the message says why."""


@dataclass(frozen=True, slots=True)
class LogoFiles:
    """What :func:`write_logo` wrote."""

    small: Path
    large: Path
    source_size: tuple[int, int]
    upscaled: bool  #: the 400x400 was enlarged from a source under FULL_SIZE_FROM pixels


def logo_path(domain: str, side: int) -> str:
    """The site-relative file of ``domain``'s logo at ``side`` pixels.

    Raises:
        LogoError: ``domain`` is not a plain host name (it would make an odd file name).
    """
    name = domain.strip().lower()
    if not _DOMAIN.match(name) or len(name) > 253:
        raise LogoError(f"not a domain name usable in a file name: {domain!r}")
    return f"{LOGO_DIR}/{name}-{side}x{side}.jpg"


def logo_age(out_dir: Path, domain: str, now: float | None = None) -> float | None:
    """Seconds since the small logo was written, or None when there is none (or no domain)."""
    try:
        written = (out_dir / logo_path(domain, SMALL)).stat().st_mtime
    except (LogoError, OSError):
        return None
    return max(0.0, (time.time() if now is None else now) - written)


def record_logos(out_dir: Path, base_url: str, domain: str) -> list[tuple[str, int, int]]:
    """``[(url, 50, 50)]`` when the small logo exists, else ``[]``: what a record lists."""
    try:
        path = logo_path(domain, SMALL)
    except LogoError:
        return []
    if not (out_dir / path).is_file():
        return []
    return [(absolute(base_url, path), SMALL, SMALL)]


def read_logo(data: bytes) -> Image.Image:
    """Decode icon bytes into a loaded image, the largest one an ICO file holds.

    Raises:
        LogoError: not an image, a corrupt or oversized one, or one under MIN_SIDE pixels.
    """
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            if image.format == "ICO":
                # An .ico holds several sizes; Pillow reads the one ``size`` names.
                image.size = max(image.info.get("sizes") or {image.size},
                                 key=lambda s: s[0] * s[1])
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise LogoError(f"{width}x{height} is too many pixels for a logo")
            image.load()
    except LogoError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise LogoError(f"not a logo: decompression bomb ({exc})") from exc
    except UnidentifiedImageError as exc:
        raise LogoError("not an image: unrecognised format") from exc
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise LogoError(f"not an image: truncated or corrupt ({exc})") from exc
    if min(image.size) < MIN_SIDE:
        raise LogoError(f"too small for a logo: {image.size[0]}x{image.size[1]} "
                        f"(needs {MIN_SIDE} px a side)")
    return image


def square_logo(image: Image.Image, side: int) -> Image.Image:
    """``image`` fitted inside a white ``side`` x ``side`` square, in RGB.

    Transparency is flattened onto white (JPEG has none, and black behind a
    dark logo hides it); the longer edge fills the square and the other is centred.
    """
    rgba = image.convert("RGBA")
    flat = Image.new("RGB", rgba.size, "white")
    flat.paste(rgba, mask=rgba.getchannel("A"))
    width, height = flat.size
    scale = side / max(width, height)
    fitted = flat.resize(
        (max(1, round(width * scale)), max(1, round(height * scale))), Image.Resampling.LANCZOS
    )
    canvas = Image.new("RGB", (side, side), "white")
    canvas.paste(fitted, ((side - fitted.width) // 2, (side - fitted.height) // 2))
    return canvas


def write_logo(out_dir: Path, domain: str, image: Image.Image) -> LogoFiles:
    """Write both sizes of ``domain``'s logo from a decoded image (see :func:`read_logo`)."""
    files = []
    for side in (SMALL, LARGE):
        path = out_dir / logo_path(domain, side)
        out = io.BytesIO()
        square_logo(image, side).save(out, "JPEG", quality=90, optimize=True)
        _write_atomically(path, out.getvalue())
        files.append(path)
    return LogoFiles(small=files[0], large=files[1], source_size=image.size,
                     upscaled=max(image.size) < FULL_SIZE_FROM)


def largest(images: Iterable[Image.Image]) -> Image.Image | None:
    """The image with the longest short side (a square icon beats a thin wordmark)."""
    return max(images, key=lambda i: (min(i.size), max(i.size)), default=None)


def _write_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` in one step, so a reader never sees half a JPEG.

    Unchanged bytes are not rewritten, but the file's time is moved on: it says
    when the logo was last confirmed, which is what the 30-day refresh reads.
    """
    with suppress(FileNotFoundError):
        if path.read_bytes() == data:
            os.utime(path)
            return
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), 0o644)  # mkstemp's 0600 would hide it from a web server
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


@dataclass(frozen=True, slots=True)
class LogoTarget:
    """A publisher whose logo is missing or old, and where to look for it."""

    domain: str
    home_url: str  #: the publisher's home page, on the scheme and host its articles use
    source_id: int | None  #: the source of its newest article, to file failures under


def logo_targets(
    articles: Iterable[StoredArticle],
    out_dir: Path,
    *,
    limit: int,
    max_age: float = MAX_AGE_SECONDS,
    now: float | None = None,
    waiting: Collection[str] = (),
) -> list[LogoTarget]:
    """Up to ``limit`` publishers needing a logo: missing ones first, then the oldest.

    ``articles`` come newest first (as the store lists them), so among missing
    logos the publishers of the latest articles go first. Articles curation
    judged off-topic are passed over (no record will show their publisher), and so
    are articles read from local files, which have no domain, and publishers whose
    home page is ``waiting`` after failed searches (see :func:`waiting_after_failures`).
    """
    missing: list[LogoTarget] = []
    stale: list[tuple[float, LogoTarget]] = []
    seen: set[str] = set()
    for article in articles:
        domain = (article.provider_domain or "").strip().lower()
        if article.relevant is False or not domain or domain in seen:
            continue
        seen.add(domain)
        try:
            logo_path(domain, SMALL)
        except LogoError:
            continue
        target = LogoTarget(domain, home_page(article, domain), article.source_id)
        if target.home_url in waiting:
            continue
        age = logo_age(out_dir, domain, now)
        if age is None:
            missing.append(target)
        elif age > max_age:
            stale.append((age, target))
    stale.sort(key=lambda pair: -pair[0])
    return [*missing, *(target for _, target in stale)][:limit]


def waiting_after_failures(
    failures: Mapping[str, tuple[int, datetime]], now: datetime
) -> set[str]:
    """The home pages still waiting out their back-off, from ``{home page: (failed
    searches, the latest)}`` as the store's fetch log tells them."""
    waiting = set()
    for url, (count, latest) in failures.items():
        wait = min(FIRST_RETRY_SECONDS * 2 ** max(count - 1, 0), MAX_AGE_SECONDS)
        if (now - latest).total_seconds() < wait:
            waiting.add(url)
    return waiting


def home_page(article: StoredArticle, domain: str) -> str:
    """The home page on the scheme and host the publisher's articles came from.

    ``www.example.com`` and ``example.com`` are often different servers (and the
    demo's publishers are only reachable on the host they use), so the host of an
    article URL on the domain wins over the bare domain, which is the fallback.
    """
    for url in (article.original_url, article.web_url):
        parts = urlsplit(url or "")
        if parts.scheme in ("http", "https") and parts.hostname:
            host = parts.hostname.lower()
            if host == domain or host.endswith("." + domain):
                return urlunsplit((parts.scheme, parts.netloc, "/", "", ""))
    return f"https://{domain}/"

"""Pictures and sounds for the demo sites, drawn with Pillow.

Every byte is derived from a slug or a publisher, so two runs serve the same
files (and the same ETags) and a test can decode what a pipeline downloaded.
"""

from __future__ import annotations

import io
import random
import struct
import wave
import zlib
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

from tidings.demo.site import Publisher


def _colour(seed: str, *, light: bool = False) -> tuple[int, int, int]:
    rng = random.Random(zlib.crc32(seed.encode()))
    low, high = (150, 240) if light else (30, 170)
    return (rng.randint(low, high), rng.randint(low, high), rng.randint(low, high))


def lead_image(slug: str, size: tuple[int, int], fmt: str = "JPEG") -> bytes:
    """An abstract illustration for one article: a colour field with shapes from its slug."""
    width, height = size
    rng = random.Random(zlib.crc32(slug.encode()))
    image = Image.new("RGB", size, _colour(slug))
    draw = ImageDraw.Draw(image)
    for _ in range(rng.randint(4, 9)):
        x, y = rng.randrange(width), rng.randrange(height)
        r = rng.randint(height // 12, height // 3)
        fill = _colour(f"{slug}{x}{y}", light=rng.random() < 0.5)
        if rng.random() < 0.5:
            draw.ellipse((x - r, y - r, x + r, y + r), fill=fill)
        else:
            draw.rectangle((x - r, y - r // 2, x + r, y + r // 2), fill=fill)
    return encode(image, fmt)


def encode(image: Image.Image, fmt: str) -> bytes:
    out = io.BytesIO()
    if fmt == "JPEG":
        image.save(out, "JPEG", quality=80)
    else:
        image.save(out, fmt)
    return out.getvalue()


def _badge(pub: Publisher, side: int) -> Image.Image:
    """The publisher's initials on its colour: the seed of its icons."""
    image = Image.new("RGB", (side, side), _colour(pub.slug))
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=max(8, side * 5 // 11))
    draw.text((side / 2, side / 2), pub.initials, fill="white", font=font, anchor="mm")
    return image


@lru_cache(maxsize=64)
def favicon_ico(pub: Publisher) -> bytes:
    """A real multi-size .ico file."""
    out = io.BytesIO()
    _badge(pub, 64).save(out, "ICO", sizes=[(16, 16), (32, 32), (48, 48)])
    return out.getvalue()


@lru_cache(maxsize=128)
def icon_png(pub: Publisher, side: int) -> bytes:
    """A square PNG icon (32 for rel=icon, 180 for apple-touch-icon)."""
    return encode(_badge(pub, side), "PNG")


@lru_cache(maxsize=64)
def logo_png(pub: Publisher) -> bytes:
    """A 600x60 wordmark, the shape news publishers give structured-data logos."""
    image = Image.new("RGB", (600, 60), _colour(pub.slug))
    draw = ImageDraw.Draw(image)
    draw.text((20, 30), pub.name, fill="white", font=ImageFont.load_default(size=30), anchor="lm")
    return encode(image, "PNG")


def episode_wav(slug: str, seconds: float = 1.0) -> bytes:
    """A short real WAV file (a soft tone from the slug) to stand in for a podcast episode."""
    rate = 8000
    pitch = 200 + zlib.crc32(slug.encode()) % 400
    frames = bytearray()
    for i in range(int(rate * seconds)):
        # A square wave at low volume: real audio without needing math.sin per sample.
        frames += struct.pack("<h", 800 if (i * pitch * 2 // rate) % 2 else -800)
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(bytes(frames))
    return out.getvalue()

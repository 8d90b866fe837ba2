"""measure_image: true sizes from bytes, and refusal of anything that is not a whole image."""

import io
import struct
import zlib

import pytest
from PIL import Image as PILImage

from tidings.extract import ExtractError, ImageError, measure_image
from tidings.extract.images import MAX_PIXELS


def encoded(fmt: str, size: tuple[int, int] = (64, 48)) -> bytes:
    # Noise does not compress, so cutting the file really removes image data.
    noise = bytes((i * 37) % 251 for i in range(size[0] * size[1] * 3))
    image = PILImage.frombytes("RGB", size, noise)
    out = io.BytesIO()
    image.save(out, fmt)
    return out.getvalue()


def png_header_only(width: int, height: int) -> bytes:
    """A PNG whose header claims a size; its tiny body would inflate to gigabytes."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 1024))
        + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "GIF", "WEBP"])
def test_measures_common_formats(fmt):
    assert measure_image(encoded(fmt, (64, 48))) == (64, 48)


@pytest.mark.parametrize(
    "data",
    [b"", b"<html><body>Not found</body></html>", b"GIF89a-but-nothing-else", b"\x00" * 64],
)
def test_non_images_are_rejected(data):
    with pytest.raises(ImageError, match="not an image"):
        measure_image(data)


@pytest.mark.parametrize("fmt", ["PNG", "JPEG"])
def test_truncated_files_are_rejected(fmt):
    data = encoded(fmt, (128, 128))
    with pytest.raises(ImageError, match="not an image: truncated"):
        measure_image(data[: len(data) // 2])


@pytest.mark.parametrize("side", [7_000, 20_000])
def test_decompression_bombs_are_refused_from_the_header(side):
    assert side * side > MAX_PIXELS
    with pytest.raises(ImageError, match="not an image: .*(?:bomb|exceeds)"):
        measure_image(png_header_only(side, side))


def test_image_error_is_an_extract_error():
    # The pipeline catches one exception type per article.
    assert issubclass(ImageError, ExtractError)

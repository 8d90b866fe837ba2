"""Turn fetched bytes into text without ever failing on bad encodings.

Order follows what browsers trust: a byte-order mark, the HTTP header, the
page's own ``<meta charset>``, then detection. Undecodable bytes become U+FFFD
instead of raising, because one bad byte should not lose an article.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Mapping

from charset_normalizer import from_bytes

from tidings.extract.errors import ExtractError

_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)
_META_CHARSET = re.compile(
    rb"<meta[^>]+?charset\s*=\s*[\"']?\s*([\w.:-]+)", re.I
)
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (_UTF16_BOMS[0], "utf-16"), (_UTF16_BOMS[1], "utf-16"))
_HTML_TYPES = ("text/html", "application/xhtml+xml", "application/xml", "text/xml")
# Magic numbers of formats a server may mislabel as HTML.
_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"PK\x03\x04", b"RIFF", b"\x1f\x8b")


def header(headers: Mapping[str, str] | None, name: str) -> str | None:
    """Case-insensitive header lookup (fetchers differ in how they spell keys)."""
    if not headers:
        return None
    wanted = name.lower()
    for key, value in headers.items():
        if key.lower() == wanted:
            return value
    return None


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    try:
        name = codecs.lookup(label.strip()).name
    except LookupError:
        return None
    # Pages labelled Latin-1 are in practice Windows-1252 (as the WHATWG spec says).
    return "cp1252" if name in {"latin-1", "iso8859-1", "ascii"} else name


def check_content_type(headers: Mapping[str, str] | None) -> None:
    """Raise ``ExtractError("not HTML: ...")`` when the server says it sent something else."""
    value = header(headers, "content-type")
    if not value:
        return
    kind = value.split(";")[0].strip().lower()
    if kind and kind not in _HTML_TYPES:
        raise ExtractError(f"not HTML: content-type is {kind}")


def decode_html(data: str | bytes, headers: Mapping[str, str] | None = None) -> str:
    """Decode a page to ``str``; raise ``ExtractError`` when it is clearly not HTML."""
    if isinstance(data, str):
        text = data
    else:
        has_nul = b"\x00" in data[:1024] and not data.startswith(_UTF16_BOMS)
        if has_nul or data.lstrip().startswith(_BINARY_MAGIC):
            raise ExtractError("not HTML: the content is binary")
        text = data.decode(_choose_encoding(data, headers), errors="replace")
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise ExtractError("not HTML: the page is empty")
    if "<" not in text[:4096]:
        raise ExtractError("not HTML: no markup in the page")
    return text


def _choose_encoding(data: bytes, headers: Mapping[str, str] | None) -> str:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    declared = _HEADER_CHARSET.search(header(headers, "content-type") or "")
    if declared and (name := _codec(declared.group(1))):
        return name
    meta = _META_CHARSET.search(data[:8192])
    if meta and (name := _codec(meta.group(1).decode("ascii", "ignore"))):
        # A UTF-16 label inside bytes we could read as ASCII is a lie.
        return "utf-8" if name.startswith("utf-16") else name
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return "utf-8"
    matches = from_bytes(data[:65536])
    guess = matches.best()
    if guess is None:
        return "cp1252"
    # On a tie, Windows-1252 is the web's historical default for undeclared pages.
    for match in matches:
        if match.encoding == "cp1252" and (match.chaos, -match.coherence) <= (
            guess.chaos,
            -guess.coherence,
        ):
            return "cp1252"
    return _codec(guess.encoding) or "cp1252"

"""Guards that run before any parser sees a document.

Sources are fetched from the open web, so every document is treated as
hostile: it may be a gzip bomb, an XML entity bomb, or simply mislabelled.
These checks turn all of that into :class:`SourceError` before a parser can
hang or eat the machine's memory.
"""

from __future__ import annotations

import re
import zlib
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from tidings.sources.errors import SourceError

#: The sitemap protocol allows 50 MB uncompressed; nothing we read needs more.
MAX_DOCUMENT_BYTES = 50 * 1024 * 1024

GZIP_MAGIC = b"\x1f\x8b"

_XML_DECLARATION = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._:-]+)[\"']")
_BOM_ENCODINGS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
# A well-formed UTF-8 multi-byte sequence; its presence means "this is UTF-8 with a
# few bad bytes", its absence means "this is a legacy single-byte encoding".
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.IGNORECASE)


def inflate(content: bytes, limit: int = MAX_DOCUMENT_BYTES) -> bytes:
    """Undo gzip compression, refusing to produce more than ``limit`` bytes.

    Decompression is streamed with a bounded output so that a few kilobytes of
    crafted input cannot expand into gigabytes before we notice.
    """
    inflater = zlib.decompressobj(wbits=31)
    out = bytearray()
    pending = content
    try:
        while pending:
            out += inflater.decompress(pending, limit + 1 - len(out))
            if len(out) > limit:
                raise SourceError(f"gzip data inflates beyond {limit} bytes (gzip bomb?)")
            if inflater.unconsumed_tail:
                pending = inflater.unconsumed_tail
            elif inflater.eof and inflater.unused_data.lstrip(b"\x00"):
                # A second gzip member follows (concatenated .gz files are legal).
                pending = inflater.unused_data
                inflater = zlib.decompressobj(wbits=31)
            else:
                pending = b""
    except zlib.error as exc:
        raise SourceError(f"corrupt gzip data: {exc}") from exc
    if not inflater.eof:
        raise SourceError("truncated gzip data")
    return bytes(out)


def unwrap(content: bytes, limit: int = MAX_DOCUMENT_BYTES) -> bytes:
    """The document body: size-checked and, if it is gzip, inflated."""
    if len(content) > limit:
        raise SourceError(f"document is {len(content)} bytes, more than the {limit} allowed")
    if content.startswith(GZIP_MAGIC):
        return inflate(content, limit)
    return content


def decode(content: bytes, declared: str | None = None) -> str:
    """Text of a document whose declared encoding may be missing or wrong.

    Never raises: a byte-order mark wins, then the declared charset (HTTP header,
    then XML declaration), then UTF-8. Invalid UTF-8 is read as Windows-1252
    when it contains no valid multi-byte sequence at all (a legacy document
    mislabelled as UTF-8), otherwise bad bytes become U+FFFD.
    """
    for bom, encoding in _BOM_ENCODINGS:
        if content.startswith(bom):
            return content[len(bom) :].decode(encoding, errors="replace")
    candidates = [declared]
    match = _XML_DECLARATION.match(content)
    if match:
        candidates.append(match.group(1).decode("ascii"))
    for encoding in candidates:
        if not encoding or _is_utf8(encoding):
            continue
        try:
            return content.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if not _UTF8_MULTIBYTE.search(content):
        return content.decode("cp1252", errors="replace")
    return content.decode("utf-8", errors="replace")


def _is_utf8(encoding: str) -> bool:
    return encoding.lower().replace("_", "-") in {"utf-8", "utf8"}


def strip_xml_declaration(text: str) -> str:
    """Drop ``<?xml ...?>`` so a declared encoding cannot contradict decoded text."""
    stripped = text.lstrip()
    if stripped.startswith("<?xml"):
        end = stripped.find("?>")
        if end != -1:
            return stripped[end + 2 :]
    return text


def refuse_entities(text: str) -> None:
    """Raise :class:`SourceError` if the document declares entities or external references.

    Entity declarations are how billion-laughs, quadratic-blowup and XXE attacks
    work, and no honest feed or sitemap needs one. defusedxml does the check on
    well-formed documents; a document expat cannot parse is searched for the
    declaration by hand, because lenient parsers downstream (feedparser) may
    still try to read it.
    """
    try:
        SafeET.fromstring(text, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise SourceError(f"refusing XML with a DTD entity declaration ({exc})") from exc
    except (ParseError, ValueError):
        if _ENTITY_DECLARATION.search(text.encode("utf-8", errors="replace")):
            raise SourceError("refusing XML with a DTD entity declaration") from None


def parse_xml(text: str, what: str) -> Element:
    """Parse ``text`` with defusedxml, turning every failure into :class:`SourceError`."""
    try:
        return SafeET.fromstring(text, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise SourceError(f"refusing XML with a DTD entity declaration ({exc})") from exc
    except (ParseError, ValueError) as exc:
        raise SourceError(f"malformed {what}: {exc}") from exc

"""Reading a response body without ever holding more than the cap.

httpx's own decoders inflate each network chunk in full, so one 64 KiB
chunk of a gzip bomb can become tens of megabytes before anyone counts it.
Here gzip and deflate are inflated with zlib's ``max_length``, which never
produces more than one byte past the room left under the cap.
"""

from __future__ import annotations

import zlib
from collections.abc import AsyncIterator

import httpx


class BodyTooLarge(Exception):
    """The decoded body went past the cap (the fetcher turns this into a FetchError)."""

    def __init__(self, limit: int, declared: int | None = None) -> None:
        self.limit = limit
        self.declared = declared
        if declared is not None:
            super().__init__(f"declared {declared} bytes, more than the {limit}-byte cap")
        else:
            super().__init__(f"body passed the {limit}-byte cap")


class BodyUndecodable(Exception):
    """The body claimed an encoding its bytes do not follow."""


class _Inflater:
    """Bounded gzip/deflate decoding; see the module docstring for why."""

    def __init__(self, encoding: str) -> None:
        self._gzip = encoding in ("gzip", "x-gzip")
        # zlib's 32+ window autodetects a zlib or gzip header; deflate starts
        # as zlib-wrapped and falls back to raw, which some servers send.
        self._raw_fallback = not self._gzip
        self._decoder = zlib.decompressobj(zlib.MAX_WBITS | 16 if self._gzip else zlib.MAX_WBITS)
        self._started = False

    def feed(self, data: bytes, room: int) -> bytes:
        """Inflate ``data``, returning at most ``room + 1`` bytes (one more means over the cap)."""
        out = b""
        while data:
            try:
                chunk = self._decoder.decompress(data, room - len(out) + 1)
            except zlib.error as exc:
                if self._raw_fallback and not self._started:
                    self._raw_fallback = False
                    self._decoder = zlib.decompressobj(-zlib.MAX_WBITS)
                    continue
                raise BodyUndecodable(f"body is not valid {self._name}: {exc}") from exc
            self._started = True
            out += chunk
            if len(out) > room:
                return out
            data = self._decoder.unconsumed_tail
            if self._decoder.eof:
                # Concatenated gzip members are legal; anything else after the end is ignored.
                rest = self._decoder.unused_data
                if self._gzip and rest.startswith(b"\x1f\x8b"):
                    self._decoder = zlib.decompressobj(zlib.MAX_WBITS | 16)
                    data = rest
                else:
                    break
        return out

    @property
    def _name(self) -> str:
        return "gzip" if self._gzip else "deflate"


def _encodings(response: httpx.Response) -> list[str]:
    header = response.headers.get("content-encoding", "")
    names = (name.strip().lower() for name in header.split(","))
    return [name for name in names if name not in ("", "identity")]


def declared_length(response: httpx.Response) -> int | None:
    """Content-Length as an int, or None when absent or nonsense."""
    value = response.headers.get("content-length", "").strip()
    return int(value) if value.isdigit() else None


async def read_capped(response: httpx.Response, limit: int, *, truncate: bool = False) -> bytes:
    """The decoded body, raising :class:`BodyTooLarge` once it passes ``limit`` bytes.

    With ``truncate`` the first ``limit`` bytes are returned instead (robots.txt
    is read that way: its first part is still meaningful). Content-Length is
    checked first so a declared giant is refused before a byte is read; for an
    encoded body it is the compressed size, which a decoded body practically
    never undercuts.
    """
    declared = declared_length(response)
    if not truncate and declared is not None and declared > limit:
        raise BodyTooLarge(limit, declared)
    encodings = _encodings(response)
    parts: list[bytes] = []
    size = 0

    def take(chunk: bytes) -> bool:
        """Keep ``chunk``; True once the cap is passed."""
        nonlocal size
        parts.append(chunk)
        size += len(chunk)
        return size > limit

    stream: AsyncIterator[bytes]
    if len(encodings) == 1 and encodings[0] in ("gzip", "x-gzip", "deflate"):
        inflater = _Inflater(encodings[0])
        async for raw in response.aiter_raw():
            if take(inflater.feed(raw, limit - size)):
                break
    else:
        # Identity, or an encoding we did not ask for: httpx decodes it if it can.
        stream = response.aiter_raw() if not encodings else response.aiter_bytes()
        try:
            async for chunk in stream:
                if take(chunk):
                    break
        except httpx.DecodingError as exc:
            raise BodyUndecodable(f"body could not be decoded: {exc}") from exc
    body = b"".join(parts)
    if size > limit:
        if not truncate:
            raise BodyTooLarge(limit)
        return body[:limit]
    return body

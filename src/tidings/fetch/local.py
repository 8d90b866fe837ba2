"""Local files read like HTTP, so a file on disk flows through the same pipeline code."""

from __future__ import annotations

import mimetypes
import time
from email.utils import formatdate, parsedate_to_datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from tidings.fetch.errors import FetchError
from tidings.models import Response

_PATH_PREFIXES = ("/", "./", "../", "~", ".\\", "..\\")
_COMPRESSED = {"gzip": "application/gzip", "bzip2": "application/x-bzip2", "xz": "application/x-xz"}


def local_path(url: str) -> Path | None:
    """The file a ``file://`` URL or a plain path names, or None for anything else.

    A string with no scheme counts as a path only when it clearly is one
    (starts with ``/``, ``./``, ``~``...) or exists; ``example.com/page`` is a
    forgotten scheme, not a file, and is reported as a bad URL elsewhere.
    """
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. a malformed [IPv6] host: not a path, and the HTTP check says why
        return None
    if parts.scheme.lower() == "file":
        if parts.netloc not in ("", "localhost"):
            raise FetchError(url, "bad-url", f"file URL names another machine ({parts.netloc})")
        return Path(url2pathname(unquote(parts.path)))
    is_drive = len(parts.scheme) == 1  # C:\news\page.html parses as scheme "c"
    if parts.scheme and not is_drive:
        return None
    if url.startswith(_PATH_PREFIXES) or is_drive or _exists(url):
        return Path(url).expanduser()
    return None


def _exists(text: str) -> bool:
    try:
        return bool(text) and Path(text).exists()
    except (OSError, ValueError):  # a NUL byte or an over-long name is not a file
        return False


def read_local(url: str, path: Path, limit: int, last_modified: str | None = None) -> Response:
    """Read ``path`` as a 200 Response (or 304 when unchanged since ``last_modified``).

    Blocking; the fetcher runs it in a worker thread. Missing or unreadable
    files map to the HTTP statuses a web server would give, so callers handle
    both the same way.
    """
    started = time.monotonic()
    try:
        stat = path.stat()
        if path.is_dir():
            raise FetchError(url, "bad-url", "is a directory, not a file")
        headers = {"last-modified": formatdate(stat.st_mtime, usegmt=True)}
        if last_modified and _not_modified_since(last_modified, stat.st_mtime):
            return Response(url, url, 304, headers, b"", elapsed=time.monotonic() - started)
        if stat.st_size > limit:
            raise FetchError(
                url, "too-large", f"file has {stat.st_size} bytes, more than the {limit}-byte cap"
            )
        with path.open("rb") as handle:
            content = handle.read(limit + 1)  # the file may have grown since stat
    except FileNotFoundError:
        raise FetchError(url, "http", f"no such file: {path}", status=404) from None
    except PermissionError:
        raise FetchError(url, "http", f"permission denied: {path}", status=403) from None
    except OSError as exc:
        raise FetchError(url, "connect", f"could not read {path}: {exc.strerror}") from None
    if len(content) > limit:
        raise FetchError(url, "too-large", f"file passed the {limit}-byte cap")
    kind, encoding = mimetypes.guess_type(path.name)
    # A .gz is not "text/xml, gzipped" to a caller reading bytes: say what the bytes are.
    if encoding is not None:
        kind = _COMPRESSED.get(encoding, "application/octet-stream")
    if kind:
        headers["content-type"] = kind
    headers["content-length"] = str(len(content))
    final = path.resolve().as_uri()
    return Response(url, final, 200, headers, content, elapsed=time.monotonic() - started)


def _not_modified_since(since: str, mtime: float) -> bool:
    try:
        return parsedate_to_datetime(since).timestamp() >= int(mtime)
    except (TypeError, ValueError):
        return False

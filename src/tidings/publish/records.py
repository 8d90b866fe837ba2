"""Publishing records: the Jekyll ``_news/*.md`` files the site is built from.

A record is front matter only (the body is empty). Its layout is fixed: the site
theme and the readers that consume these files expect the keys in one order,
strings double-quoted, dates unquoted in UTC and blank lines between blocks, so
:func:`render_record` writes text by hand and the tests pin it character for
character. :func:`parse_record` and :func:`record_from_dict` read it back.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from collections.abc import Callable, Mapping
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, TypeVar

import yaml

from tidings.models import format_utc
from tidings.publish.scalars import ScalarError, boolean, integer, quoted, word
from tidings.publish.slug import slugify

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_FRONT_MATTER = re.compile(
    r"\A\ufeff?---[ \t]*\r?\n(?P<body>.*?)^---[ \t]*(?:\r?\n|\Z)", re.DOTALL | re.MULTILINE
)
_T = TypeVar("_T")


class RecordError(ValueError):
    """A record that cannot be written or read; the message names the field."""


@dataclass(slots=True)
class Logo:
    """A provider's logo as the site hosts it."""

    url: str
    width: int
    height: int


@dataclass(slots=True)
class Provider:
    """Who published the story. Logos are written for the record's own provider only."""

    name: str
    domain: str
    images: list[Logo] = field(default_factory=list)


@dataclass(slots=True)
class RecordImage:
    """The story's picture; ``is_cached`` says the site keeps its own copy."""

    url: str
    width: int
    height: int
    is_cached: bool


@dataclass(slots=True)
class Related:
    """Another outlet's take on the same story, listed under the main record."""

    title: str
    excerpt: str
    published: datetime
    web_url: str
    type: str
    provider: Provider
    quality: int
    images: list[RecordImage] = field(default_factory=list)


@dataclass(slots=True)
class Record:
    """Everything one ``_news/*.md`` file holds.

    ``published`` is the publication time (timezone-aware); ``published_flag`` is
    the record's ``published:`` switch that decides whether the site lists it.
    """

    title: str
    excerpt: str
    published: datetime
    original_url: str
    web_url: str
    type: str
    quality: int
    heat: int
    published_flag: bool
    provider: Provider
    topics: list[str] = field(default_factory=list)
    images: list[RecordImage] = field(default_factory=list)
    related: list[Related] = field(default_factory=list)
    secured: str | None = None
    category: str = "news"


# --- writing -----------------------------------------------------------------


def _timestamp(moment: datetime) -> str:
    if not isinstance(moment, datetime):
        raise ScalarError(f"expected a datetime, got {type(moment).__name__} {moment!r}")
    if moment.tzinfo is None:
        # A naive time could be local or UTC; guessing would shift stories by hours.
        raise ScalarError(f"datetime {moment.isoformat()} has no timezone; records need UTC")
    return format_utc(moment) or ""


def _spell(where: str, spell: Callable[[_T], str], value: _T) -> str:
    """``value`` spelled by ``spell``; an error names the field at ``where``."""
    try:
        return spell(value)
    except ScalarError as exc:
        raise RecordError(f"{where}: {exc}") from None


def _image_lines(images: list[RecordImage], indent: str, where: str) -> list[str]:
    lines = [f"{indent}images:"]
    for number, image in enumerate(images):
        at = f"{where}images[{number}]."
        lines += [
            f"{indent}  - url: {_spell(at + 'url', quoted, image.url)}",
            f"{indent}    width: {_spell(at + 'width', integer, image.width)}",
            f"{indent}    height: {_spell(at + 'height', integer, image.height)}",
            f"{indent}    isCached: {_spell(at + 'isCached', boolean, image.is_cached)}",
        ]
    return lines


def _provider_lines(provider: Provider, indent: str, where: str, logos: bool) -> list[str]:
    at = f"{where}provider."
    lines = [
        f"{indent}provider:",
        f"{indent}  name: {_spell(at + 'name', word, provider.name)}",
        f"{indent}  domain: {_spell(at + 'domain', word, provider.domain)}",
    ]
    if logos and provider.images:
        lines.append(f"{indent}  images:")
        for number, logo in enumerate(provider.images):
            here = f"{at}images[{number}]."
            lines += [
                f"{indent}    - url: {_spell(here + 'url', quoted, logo.url)}",
                f"{indent}      width: {_spell(here + 'width', integer, logo.width)}",
                f"{indent}      height: {_spell(here + 'height', integer, logo.height)}",
            ]
    return lines


def _related_lines(related: list[Related]) -> list[str]:
    lines = ["related:"]
    for number, item in enumerate(related):
        at = f"related[{number}]."
        when = _spell(at + "publishedDateTime", _timestamp, item.published)
        lines += [
            f"  - title: {_spell(at + 'title', quoted, item.title)}",
            f"    excerpt: {_spell(at + 'excerpt', quoted, item.excerpt)}",
            f"    publishedDateTime: {when}",
            f"    webUrl: {_spell(at + 'webUrl', quoted, item.web_url)}",
            f"    type: {_spell(at + 'type', word, item.type)}",
            *_provider_lines(item.provider, "    ", at, logos=False),
            f"    quality: {_spell(at + 'quality', integer, item.quality)}",
        ]
        if item.images:
            lines += _image_lines(item.images, "    ", at)
    return lines


def render_record(record: Record) -> str:
    """The record's file text, in the exact layout of the site's records.

    Empty ``topics``, ``images`` and ``related`` lists and a ``secured`` of None
    leave their block out, as the reference records do.

    Raises:
        RecordError: a value of the wrong type, a naive datetime or broken unicode.
    """
    r = record
    blocks = [
        [
            f"category: {_spell('category', word, r.category)}",
            f"title: {_spell('title', quoted, r.title)}",
            f"excerpt: {_spell('excerpt', quoted, r.excerpt)}",
            f"publishedDateTime: {_spell('publishedDateTime', _timestamp, r.published)}",
            f"originalUrl: {_spell('originalUrl', quoted, r.original_url)}",
            f"webUrl: {_spell('webUrl', quoted, r.web_url)}",
            f"type: {_spell('type', word, r.type)}",
            f"quality: {_spell('quality', integer, r.quality)}",
            f"heat: {_spell('heat', integer, r.heat)}",
            f"published: {_spell('published', boolean, r.published_flag)}",
        ],
        _provider_lines(r.provider, "", "", logos=True),
    ]
    if r.topics:
        topics = [f"  - {_spell(f'topics[{n}]', word, t)}" for n, t in enumerate(r.topics)]
        blocks.append(["topics:", *topics])
    if r.images:
        blocks.append(_image_lines(r.images, "", ""))
    if r.related:
        blocks.append(_related_lines(r.related))
    if r.secured is not None:
        blocks.append([f"secured: {_spell('secured', quoted, r.secured)}"])
    body = "\n\n".join("\n".join(block) for block in blocks)
    return f"---\n{body}\n---\n\n"


# --- reading -----------------------------------------------------------------


def parse_record(text: str) -> dict[str, Any]:
    """The front matter of a record file as plain YAML values (safe loader).

    Timestamps come back as :class:`datetime`; the empty body is ignored.

    Raises:
        RecordError: no ``---`` fenced front matter, invalid YAML, or front
            matter that is not a mapping.
    """
    match = _FRONT_MATTER.match(text)
    if match is None:
        raise RecordError("no front matter: a record must start with a '---' line and close it")
    try:
        data = yaml.load(match.group("body"), Loader=_Loader)  # _Loader is a safe loader
    except yaml.YAMLError as exc:
        raise RecordError(f"front matter is not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise RecordError(f"front matter must be a mapping, got {type(data).__name__}")
    return data


def _get(d: Mapping[str, Any], key: str, kind: type[_T], where: str, default: Any = ...) -> _T:
    """``d[key]`` checked against ``kind``; errors carry the field's full path."""
    if key not in d or d[key] is None:
        if default is not ...:
            return default
        raise RecordError(f"{where}{key}: missing")
    value = d[key]
    wrong_bool = isinstance(value, bool) and kind is not bool
    if not isinstance(value, kind) or wrong_bool:
        raise RecordError(f"{where}{key}: expected {kind.__name__}, got {value!r}")
    return value


def _get_time(d: Mapping[str, Any], key: str, where: str) -> datetime:
    value = d.get(key)
    if isinstance(value, str):
        # JSON exports hold timestamps as ISO strings.
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            raise RecordError(f"{where}{key}: not an ISO timestamp: {value!r}") from None
    if isinstance(value, date) and not isinstance(value, datetime):
        value = datetime(value.year, value.month, value.day)
    if not isinstance(value, datetime):
        raise RecordError(f"{where}{key}: expected a timestamp, got {value!r}")
    # YAML reads a timestamp without an offset as UTC.
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def _get_list(d: Mapping[str, Any], key: str, where: str) -> list[Any]:
    return _get(d, key, list, where, default=[])


def _image(d: Any, where: str) -> RecordImage:
    if not isinstance(d, dict):
        raise RecordError(f"{where}: expected a mapping, got {d!r}")
    return RecordImage(
        url=_get(d, "url", str, f"{where}."),
        width=_get(d, "width", int, f"{where}."),
        height=_get(d, "height", int, f"{where}."),
        # Older records leave the flag out when the site holds no copy.
        is_cached=_get(d, "isCached", bool, f"{where}.", default=False),
    )


def _provider(d: Mapping[str, Any], where: str) -> Provider:
    p = _get(d, "provider", dict, where)
    at = f"{where}provider."
    logos = []
    for n, logo in enumerate(_get_list(p, "images", at)):
        if not isinstance(logo, dict):
            raise RecordError(f"{at}images[{n}]: expected a mapping, got {logo!r}")
        here = f"{at}images[{n}]."
        logos.append(
            Logo(
                _get(logo, "url", str, here),
                _get(logo, "width", int, here),
                _get(logo, "height", int, here),
            )
        )
    return Provider(name=_get(p, "name", str, at), domain=_get(p, "domain", str, at), images=logos)


def _related(d: Any, where: str) -> Related:
    if not isinstance(d, dict):
        raise RecordError(f"{where}: expected a mapping, got {d!r}")
    at = f"{where}."
    return Related(
        title=_get(d, "title", str, at),
        excerpt=_get(d, "excerpt", str, at),
        published=_get_time(d, "publishedDateTime", at),
        web_url=_get(d, "webUrl", str, at),
        type=_get(d, "type", str, at),
        provider=_provider(d, at),
        quality=_get(d, "quality", int, at),
        images=[_image(i, f"{at}images[{n}]") for n, i in enumerate(_get_list(d, "images", at))],
    )


def record_from_dict(d: Mapping[str, Any]) -> Record:
    """A :class:`Record` from parsed front matter (the inverse of rendering).

    Keys the model does not hold (``ampWebUrl``, an image's ``title``) are
    ignored. Timestamps may be datetimes or ISO strings and come back in UTC.

    Raises:
        RecordError: a missing required key or a value of the wrong type; the
            message names the field, e.g. ``related[2].provider.name``.
    """
    if not isinstance(d, Mapping):
        raise RecordError(f"expected a mapping, got {type(d).__name__}")
    topics = _get_list(d, "topics", "")
    for n, topic in enumerate(topics):
        if not isinstance(topic, str):
            raise RecordError(f"topics[{n}]: expected str, got {topic!r}")
    return Record(
        title=_get(d, "title", str, ""),
        excerpt=_get(d, "excerpt", str, ""),
        published=_get_time(d, "publishedDateTime", ""),
        original_url=_get(d, "originalUrl", str, ""),
        web_url=_get(d, "webUrl", str, ""),
        type=_get(d, "type", str, ""),
        quality=_get(d, "quality", int, ""),
        heat=_get(d, "heat", int, ""),
        published_flag=_get(d, "published", bool, ""),
        provider=_provider(d, ""),
        topics=list(topics),
        images=[_image(i, f"images[{n}]") for n, i in enumerate(_get_list(d, "images", ""))],
        related=[_related(r, f"related[{n}]") for n, r in enumerate(_get_list(d, "related", ""))],
        secured=_get(d, "secured", str, "", default=None),
        category=_get(d, "category", str, "", default="news"),
    )


# --- files -------------------------------------------------------------------


def record_filename(record: Record) -> str:
    """``YYYY-MM-DD-<slug>.md``: the UTC publication date and a slug of the title.

    A title with no ASCII-foldable letters (all CJK, say) gets a slug made from
    a hash of the web URL, so the name is still stable across runs.
    """
    _spell("published", _timestamp, record.published)  # refuses naive times
    day = record.published.astimezone(UTC).date()
    slug = (
        slugify(record.title)
        or "item-" + hashlib.sha256(record.web_url.encode("utf-8")).hexdigest()[:12]
    )
    return f"{day.isoformat()}-{slug}.md"


def write_record(path: Path, text: str) -> bool:
    """Write ``text`` to ``path`` unless the file already holds exactly that.

    Unchanged files are left alone so their mtime and the site's git history
    only move when a record really changed. The write goes to a temporary file
    in the same folder and is moved into place, so a reader (or a crash) never
    sees half a record. Returns True when the file was written.
    """
    data = text.encode("utf-8")
    with suppress(FileNotFoundError):
        if path.read_bytes() == data:
            return False
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = path.stat().st_mode & 0o777
    except FileNotFoundError:
        mode = 0o644  # mkstemp's 0600 would hide the page from a web server
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), mode)
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        with suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    return True

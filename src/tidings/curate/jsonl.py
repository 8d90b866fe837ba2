"""`tidings curate`: articles in as JSON lines, decisions out, streaming, in input order.

Lines are curated as if the articles arrived one by one in input order (they are
read in small batches only so that sentence embeddings can be computed together,
which gives the same decisions faster). A line is
written as soon as its decision can no longer change (its story has left the time
window, see :meth:`Desk.ready`), or at the end, and always in input order, so
memory holds only the articles of the last few windows however long the input is.

Heat is computed for ``now`` when given, else for the newest ``publishedDateTime``
seen so far: an offline run over an archive scores each article as the desk would
have when the archive's last article (or, streaming, the newest one read when the
line is written) appeared.
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from tidings.config import CurateSettings
from tidings.curate.desk import BATCH, Desk
from tidings.curate.items import Decision, Item
from tidings.curate.scores import publisher_key

#: Input fields not copied to the output line: bodies would double its size for nothing.
NOT_ECHOED = ("text", "html")


#: An input object (or a bad line's answer, flagged True) waiting for its turn to be written.
_Waiting = tuple[dict[str, Any], bool]


class BadLine(ValueError):
    """An input line that cannot be curated; the message says why."""


@dataclass(slots=True)
class CurateReport:
    lines: int = 0  #: non-blank input lines
    curated: int = 0
    bad: int = 0
    relevant: int = 0
    published: int = 0
    most_waiting: int = 0  #: the most articles held at once, waiting for their story to close


def parse_item(raw: str, fallback_time: datetime | None) -> tuple[Item, dict[str, Any]]:
    """One input line as an :class:`Item` plus the JSON object it came from.

    ``fallback_time`` dates an article that gives no ``publishedDateTime`` (its
    arrival, as far as the stream can tell); such an item counts as undated.
    """
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise BadLine(f"not JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(data, dict):
        raise BadLine(f"expected a JSON object, got {type(data).__name__}")
    ident = data.get("id")
    if isinstance(ident, bool) or not isinstance(ident, str | int) or ident == "":
        raise BadLine("missing id (a string or an integer)")
    title, text, excerpt = (_text(data, key) for key in ("title", "text", "excerpt"))
    if not (title or text or excerpt):
        raise BadLine(f"article {ident!r} has no title, text or excerpt")
    url = _text(data, "url") or _text(data, "webUrl") or _text(data, "originalUrl")
    publisher = _publisher(data)
    stamp = data.get("publishedDateTime", data.get("published"))
    dated = stamp not in (None, "")
    if dated:
        published = _parse_time(stamp, ident)
    elif fallback_time is not None:
        published = fallback_time
    else:
        published = datetime.now(UTC)
    images = data.get("images")
    # With neither a publisher nor a URL, the article is its own publisher: it may then be
    # related to any other article, and counts once toward its story's coverage.
    key = publisher_key(publisher, url) or f"unknown publisher of {ident}"
    item = Item(
        id=ident,
        title=title,
        text=text,
        url=url,
        publisher=key,
        published=published,
        excerpt=excerpt,
        type=_text(data, "type") or "article",
        author=_text(data, "author") or None,
        has_image=bool(images) or bool(_text(data, "image")),
        suppressed=data.get("suppressed") is True,
        dated=dated,
    )
    return item, data


def output_line(data: dict[str, Any], decision: Decision) -> dict[str, Any]:
    """The input's own fields (bodies left out) plus every decision and its components."""
    echoed = {k: v for k, v in data.items() if k not in NOT_ECHOED}
    return {
        **echoed,
        "relevant": decision.relevant,
        "relevance": decision.relevance,
        "topics": [t.name for t in decision.topics],
        "topic_evidence": {t.name: t.evidence for t in decision.topics},
        "story": decision.story,
        "story_evidence": decision.story_evidence,
        "duplicate_of": decision.duplicate_of,
        "lead": decision.lead,
        "quality": decision.quality,
        "quality_parts": decision.quality_parts,
        "heat": decision.heat,
        "heat_parts": decision.heat_parts,
        "published": decision.published,
        "published_reason": decision.published_reason,
        "related": decision.related,
    }


def curate_lines(
    lines: Iterable[str],
    write: Callable[[str], None],
    settings: CurateSettings | None = None,
    *,
    now: datetime | None = None,
    taxonomy: Any = None,
    on_error: Callable[[int, str], None] | None = None,
    batch_size: int = BATCH,
) -> CurateReport:
    """Curate JSON lines one by one, calling ``write`` with each output line, in input order.

    Lines are read ``batch_size`` at a time (see the module's note). A bad line is reported
    through ``on_error(line_number, message)``, counted,
    and answered in place by ``{"line": n, "error": ...}`` so output lines still
    pair with input lines; it never stops the run.
    """
    desk = Desk(settings, now=now, taxonomy=taxonomy)
    report = CurateReport()
    # Input objects (or bad-line answers) in input order, waiting for their decisions.
    waiting: deque[_Waiting] = deque()

    def emit(decisions: list[Decision]) -> None:
        for decision in decisions:
            _flush_errors(waiting, write)
            data, _ = waiting.popleft()
            write(json.dumps(output_line(data, decision), ensure_ascii=False, default=str))
            report.curated += 1
            report.relevant += decision.relevant
            report.published += decision.published
        _flush_errors(waiting, write)

    batch: list[Item] = []
    latest: datetime | None = None  # the newest date read so far dates undated lines
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        report.lines += 1
        try:
            item, data = parse_item(raw, latest or now)
        except BadLine as exc:
            report.bad += 1
            if on_error is not None:
                on_error(number, str(exc))
            waiting.append(({"line": number, "error": str(exc)}, True))
            _flush_errors(waiting, write)  # written at once unless articles wait before it
            continue
        latest = max(latest or item.published, item.published)
        # Bodies are not echoed, so they are not kept twice while the line waits.
        waiting.append(({k: v for k, v in data.items() if k not in NOT_ECHOED}, False))
        batch.append(item)
        if len(batch) >= batch_size:
            desk.add_many(batch)
            batch.clear()
            report.most_waiting = max(report.most_waiting, desk.waiting)
            emit(desk.ready())
    if batch:
        desk.add_many(batch)
        report.most_waiting = max(report.most_waiting, desk.waiting)
    emit(desk.finish(now))
    return report


def _flush_errors(waiting: deque[_Waiting], write: Callable[[str], None]) -> None:
    while waiting and waiting[0][1]:
        write(json.dumps(waiting.popleft()[0], ensure_ascii=False))


def _text(data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    return value.strip() if isinstance(value, str) else ""


def _publisher(data: dict[str, Any]) -> str:
    """``publisher`` as a name or domain, or a reference-style ``provider`` object."""
    value = data.get("publisher", data.get("provider"))
    if isinstance(value, dict):
        value = value.get("domain") or value.get("name")
    return value.strip() if isinstance(value, str) else ""


def _parse_time(value: Any, ident: Any) -> datetime:
    if not isinstance(value, str):
        raise BadLine(f"article {ident!r}: publishedDateTime must be an ISO 8601 string")
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise BadLine(f"article {ident!r}: publishedDateTime {value!r} is not ISO 8601") from None
    # A time without a zone is taken as UTC, as feeds and the reference records mean it.
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)

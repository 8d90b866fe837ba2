"""Pick the publication date from competing evidence.

Pages disagree with themselves: metadata in US or European order, comment
timestamps, "updated" stamps, feed dates. The rules here prefer structured
metadata, but a date in the URL path was typed by the CMS from the real
publication day, so it overrules metadata that disagrees (that is how a
day/month swap shows up). When metadata fields disagree with each other, the
date printed for readers (the byline under the headline, a marked ``<time>``
showing its day) decides. Anything before 1995 or more than a day ahead is
rejected as impossible.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from urllib.parse import urlsplit

from lxml import etree

from tidings.extract.page import Page

EARLIEST = datetime(1995, 1, 1, tzinfo=UTC)

_META_DATE_NAMES = (
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "datepublished",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dc.date",
    "dcterms.date",
    "dcterms.created",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publication_date",
    "article.published",
    "published",
)

# /2026/11/03/ , /20261103 , -2026-11-03 , -20261103 (year first, always).
_URL_DATES = (
    re.compile(r"(?<![\d])(\d{4})/(\d{1,2})/(\d{1,2})(?=/|$|[^\d])"),
    re.compile(r"[/_-](\d{4})-(\d{2})-(\d{2})(?![\d])"),
    re.compile(r"[/_-](\d{4})(\d{2})(\d{2})(?![\d])"),
)
_URL_MONTH = re.compile(r"/(\d{4})/(\d{1,2})/")

_TEXT_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        ("jan january", "feb february", "mar march", "apr april", "may", "jun june",
         "jul july", "aug august", "sep sept september", "oct october", "nov november",
         "dec december")
    )
    for m in names.split()
}
_MONTH_RE = "|".join(sorted(_TEXT_MONTHS, key=len, reverse=True))
# Month names and abbreviations in Spanish, Portuguese, French, German, Italian and Dutch:
# English-language sites on multilingual CMSs (a HubSpot byline "04-ago-2021") print them too.
_OTHER_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        ("ene enero janeiro janv janvier januar gen gennaio januari",
         "fev fevereiro febrero févr février februar febbraio februari",
         "marzo março mars mär märz mrt maart",
         "abr abril avr avril aprile",
         "mayo mai maio mag maggio mei",
         "junio junho juin juni giu giugno",
         "julio julho juil juillet juli lug luglio",
         "ago agosto août augustus",
         "set septiembre setiembre setembro septembre settembre",
         "octubre out outubro octobre okt oktober ott ottobre",
         "noviembre novembro novembre",
         "dic diciembre dez dezembro déc décembre dezember dicembre")
    )
    for m in names.split()
}
_ANY_MONTHS = {**_OTHER_MONTHS, **_TEXT_MONTHS}
_OTHER_RE = "|".join(sorted(_OTHER_MONTHS, key=len, reverse=True))
_ANY_RE = "|".join(sorted(_ANY_MONTHS, key=len, reverse=True))
# The year ends at a non-digit, or runs into a reading time in squeezed markup
# ("Dec 17, 20256 min read" is Dec 17, 2025 and "6 min read").
_YEAR = r"(\d{4})(?:(?!\d)|(?=\d{1,3}\s*min))"
_TEXT_DATES = (
    # 2026-11-03 (a year may run into the next word: "2022Updated" in squeezed markup)
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})(?!\d)"), ("y", "m", "d")),
    # November 3, 2026 / Nov. 3 2026
    (re.compile(rf"\b({_MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_YEAR}", re.I),
     ("m", "d", "y")),
    # 3 November 2026, 3. November 2026
    (re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th|\.)?\s+({_MONTH_RE})\.?,?\s+{_YEAR}", re.I),
     ("d", "m", "y")),
    # 3-Nov-2026, 04-ago-2021: day first, in any of the languages above
    (re.compile(rf"\b(\d{{1,2}})-({_ANY_RE})\.?-{_YEAR}", re.I), ("d", "m", "y")),
    # 3 de noviembre de 2026, 3. November 2026 (German), 3 novembre 2026: day first
    (re.compile(rf"\b(\d{{1,2}})\.?(?:\s+de)?\s+({_OTHER_RE})\.?(?:\s+de)?,?\s+{_YEAR}", re.I),
     ("d", "m", "y")),
    # 03.11.2026: the dotted form is written day first wherever it is used.
    (re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})(?![\d.])"), ("d", "m", "y")),
)


@dataclass(slots=True, frozen=True)
class Candidate:
    """One piece of date evidence: a moment, whether it has a time, and where it came from."""

    moment: datetime  # aware when the source gave an offset or a time in UTC
    has_time: bool
    source: str
    #: the markup held a day in words ("Jun 12, 2025"), not a machine date or time
    prose: bool = False
    #: the page's "modified" stamp is the same moment: the CMS re-stamped both on a later save
    restamped: bool = False

    @property
    def local_date(self) -> date:
        """The calendar day as the publisher wrote it (before any UTC shift)."""
        return self.moment.date()

    def aware(self) -> datetime:
        """The moment with the publisher's own UTC offset kept; a naive one is taken as UTC."""
        return self.moment if self.moment.tzinfo else self.moment.replace(tzinfo=UTC)


def plausible(moment: datetime, now: datetime | None = None) -> bool:
    """False for dates before 1995 or more than a day in the future."""
    now = now or datetime.now(UTC)
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return EARLIEST <= aware <= now + timedelta(days=1)


def parse_datetime(value: str) -> tuple[datetime, bool] | None:
    """Parse an ISO-8601-ish date or date-time; ``(moment, has_time)`` or None."""
    text = value.strip()
    if not text:
        return None
    text = re.sub(r"\s*(?:Z|UTC|GMT)$", "+00:00", text, flags=re.I)
    text = re.sub(r"([+-]\d{2})(\d{2})$", r"\1:\2", text)  # +0500 -> +05:00
    if re.fullmatch(r"\d{8}", text):
        text = f"{text[:4]}-{text[4:6]}-{text[6:]}"
    try:
        moment = datetime.fromisoformat(text.replace(" ", "T", 1))
    except ValueError:
        return _parse_loose(text)
    has_time = bool(re.search(r"\d[T ]\d{1,2}:\d{2}", text))
    return moment, has_time


def _parse_loose(text: str) -> tuple[datetime, bool] | None:
    """RFC 2822 dates (feeds, sailthru) and plain "November 3, 2026" strings."""
    from email.utils import parsedate_to_datetime

    try:
        return parsedate_to_datetime(text), True
    except (TypeError, ValueError, IndexError):
        pass
    numeric = _numeric_date(text)
    if numeric is not None:
        return numeric
    found = find_text_date(text)
    return (found, False) if found else None


_SLASH_DATE = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4})(?:\D+(\d{1,2}):(\d{2}))?")


def _numeric_date(text: str) -> tuple[datetime, bool] | None:
    """"13/11/2025 09:21" or "Thu, 09/25/2025 - 11:38": the order shows when one part is > 12.

    When both parts could be the month the date is ambiguous and is not guessed.
    """
    match = _SLASH_DATE.search(text)
    if not match:
        return None
    moment = _slash_day(int(match[1]), int(match[2]), int(match[3]))
    if moment is None:
        return None
    if match[4]:
        try:
            moment = moment.replace(hour=int(match[4]), minute=int(match[5]))
        except ValueError:
            return None
    return moment, bool(match[4])


def _slash_day(
    first: int, second: int, year: int, month_first: bool | None = None
) -> datetime | None:
    """The day a slash date names when one part is > 12 or the page's order is known."""
    if first > 12 >= second or first <= 12 and second <= 12 and month_first is False:
        day, month = first, second
    elif second > 12 >= first or first <= 12 and second <= 12 and month_first:
        month, day = first, second
    else:
        return None
    try:
        return datetime(year, month, day)
    except ValueError:
        return None


def slash_convention(texts: list[str], language: str | None) -> bool | None:
    """Whether the page writes slash dates month first (True), day first (False) or unknown.

    A page keeps one convention, so a slash date it writes with a part over 12
    ("12/17/2025") settles the order of its ambiguous ones. Without one, the
    declared locale decides: US English writes the month first, any other
    locale the day. A bare "en" is taken as US English: a guess, but the US order
    is the common one among English pages that write slash dates.
    """
    votes = {True: 0, False: 0}
    for text in texts:
        for match in _SLASH_DATE.finditer(text):
            first, second = int(match[1]), int(match[2])
            if first > 12 >= second:
                votes[False] += 1
            elif second > 12 >= first:
                votes[True] += 1
    if votes[True] != votes[False]:
        return votes[True] > votes[False]
    code = (language or "").strip().lower().replace("_", "-")
    if not code:
        return None
    return code in {"en", "en-us"}


_LABELLED = re.compile(
    r"\b(?:published|updated|last updated|posted|date)\b(?:\s+on)?\s*:?\s*", re.I
)


def labelled_date(text: str) -> Candidate | None:
    """The first date the page labels "Published"/"Updated"/"Posted" in its visible text."""
    for match in _LABELLED.finditer(text):
        found = find_text_date(text[match.end():match.end() + 40])
        if found is not None:
            return Candidate(found, False, "text")
    return None


# The label may run straight into the date in squeezed markup ("Publication dateNovember 2003").
_PUBLICATION_LABEL = re.compile(
    r"\b(?:published|posted|date)(?:\b|(?=(?-i:[A-Z])))(?:\s+on)?\s*:?\s*", re.I
)
_LEADING_MONTH = re.compile(rf"({_MONTH_RE})\.?,?\s+(\d{{4}})(?!\d)", re.I)


def publication_label_date(text: str) -> Candidate | None:
    """The day, or else the first of the month, that text labels "Published", "Posted" or
    "Date" right after the label ("Publication Date: November 2003")."""
    for match in _PUBLICATION_LABEL.finditer(text):
        after = text[match.end():match.end() + 40]
        found = find_text_dates(after)
        if found and found[0][0] == 0:
            return Candidate(found[0][1], False, "text")
        month = _LEADING_MONTH.match(after)
        if month:
            moment = datetime(int(month[2]), _TEXT_MONTHS[month[1].lower()], 1)
            if plausible(moment):
                return Candidate(moment, False, "text")
    return None


def modified_days(page: Page) -> set[date]:
    """Every day the page's metadata says it was last modified on (JSON-LD and meta tags)."""
    values = [o.get("dateModified") for o in page.jsonld]
    values += [v for name in _MODIFIED_META for v in page.meta.get(name, ())]
    parsed = [parse_datetime(v) for v in values if isinstance(v, str)]
    return {p[0].date() for p in parsed if p}


_UNREAD = {"script", "style", "noscript", "template", "svg", "button", "select"}

_ORIGINALLY = re.compile(r"\b(?:originally|first)\s+(?:published|posted)\b(?:\s+on)?\s*:?\s*", re.I)


def originally_published(html: str, tree: Any) -> Candidate | None:
    """The day a page says the story was "originally published on" (a republished or
    regularly refreshed story keeps its first date in such a note, while the byline and
    metadata move to the latest revision)."""
    if not _mentions_first_publication(html):
        return None  # the common case, decided without walking the tree
    # Only the text nodes that could hold the note, and the few that follow each (the
    # date is often in the next element): joining the whole page's text cost more than
    # the rest of the date search.
    for node in tree.xpath(
        "//body//text()[contains(., 'ublished') or contains(., 'osted')]"
        "[not(ancestor::script or ancestor::style or ancestor::noscript)]"
    ):
        owner = node.getparent()
        if owner is None or not _ORIGINALLY.search(node):
            continue
        # The node is the first of these: an element's tail is the first text after it,
        # its text the first text inside it.
        after = owner.xpath(
            f"following::text()[position() <= {_NOTE_NODES}]" if node.is_tail
            else f"(descendant::text() | following::text())[position() <= {_NOTE_NODES}]"
        )
        text = " ".join(" ".join(after).split())
        for match in _ORIGINALLY.finditer(text):
            found = find_text_dates(text[match.end():match.end() + 40])
            if found and found[0][0] == 0:
                return Candidate(found[0][1], False, "text")
    return None


_FIRST_BEFORE = re.compile(r"\b(?:originally|first)\s+p\Z", re.I)


def _mentions_first_publication(html: str) -> bool:
    """Whether the markup says "originally/first published/posted" anywhere: plain
    substring search for the verb, then a look at the words before it (a case-blind
    regex over a whole page took longer than the rest of the date search)."""
    for verb in ("ublished", "osted", "UBLISHED", "OSTED"):
        at = html.find(verb)
        while at != -1:
            if _FIRST_BEFORE.search(html, max(0, at - 26), at):
                return True
            at = html.find(verb, at + 1)
    return False


#: Text nodes read from a note's own on: enough for "on", a date split over a few
#: elements and a time.
_NOTE_NODES = 8


def headline_date(
    tree: Any, month_first: bool | None = None, reach: int = 400
) -> tuple[Candidate | None, bool]:
    """The date printed in the ``reach`` characters of visible text after the headline,
    and whether it is labelled as an update.

    The byline and its date sit right under the <h1> on nearly every article
    template, including the ones whose header zone (see :mod:`.header`) is cut
    short because the body extractor starts above them. As in the byline, the
    first date not labelled "Updated" wins, else the first date.
    """
    parts = _after_headline(tree, reach)
    text = " ".join(" ".join(parts).split())[:reach]
    hits = [(day, bool(REVISED.search(text[max(0, at - 30):at])))
            for at, day in find_text_dates(text, month_first)]
    if not hits:
        return None, False
    day, revised = next(((d, r) for d, r in hits if not r), hits[0])
    return Candidate(day, False, "byline"), revised


def _after_headline(tree: Any, reach: int) -> list[str]:
    """The visible text pieces (element texts and tails) in the ``reach`` characters after
    the headline, in reading order; none when the page has no headline."""
    headline = _headline(tree)
    if headline is None:
        return []
    # Walked from the headline on (siblings, then each ancestor's tail and later
    # siblings): the menus and banners above it are never visited.
    reader = _Reader(reach, sum(1 for up in headline.iterancestors() if up.tag in _UNREAD))
    node = headline
    while node is not None:
        if node is not headline and node.tag in _UNREAD:
            reader.skipping -= 1
        if reader.tail(node):
            break
        if any(reader.walk(later) for later in node.itersiblings()):
            break
        node = node.getparent()
    return reader.parts


class _Reader:
    """Collects visible text pieces in document order until ``reach`` characters."""

    def __init__(self, reach: int, skipping: int) -> None:
        self.reach, self.skipping = reach, skipping
        self.parts: list[str] = []
        self.size = 0

    def _add(self, text: str | None) -> None:
        if text and not self.skipping:
            self.parts.append(text)
            self.size += len(text.strip())

    def tail(self, node: Any) -> bool:
        """Read the tail of an element just closed; True when enough has been read."""
        self._add(node.tail)
        return self.size >= self.reach

    def walk(self, top: Any) -> bool:
        """Read ``top`` and its tail; True when enough has been read."""
        for event, node in etree.iterwalk(top, events=("start", "end")):
            if not isinstance(node.tag, str):
                continue
            if event == "start":
                if node.tag in _UNREAD:
                    self.skipping += 1
                else:
                    self._add(node.text)
                continue
            if node.tag in _UNREAD:
                self.skipping -= 1
            if self.tail(node):
                return True
        return False


# A line that is only a month and year ("November 2015", "Published: Nov. 2015").
_MONTH_LINE = re.compile(
    rf"(?:(?:published|posted|issue)\b\W*)?({_MONTH_RE})\.?,?\s+(\d{{4}})", re.I
)


def headline_month(tree: Any, reach: int = 400) -> Candidate | None:
    """The first day of a month printed on a line of its own under the headline.

    Magazines and archives date a piece by its issue ("November 2015") rather than a day;
    that month is the best a page like that offers, so it is only a last resort.
    """
    for part in _after_headline(tree, reach):
        match = _MONTH_LINE.fullmatch(" ".join(part.split()))
        if match:
            moment = datetime(int(match[2]), _TEXT_MONTHS[match[1].lower()], 1)
            return Candidate(moment, False, "byline") if plausible(moment) else None
    return None


def in_prose(text: str, at: int) -> bool:
    """Whether the date at ``at`` ends a run of sentence words ("the season for most
    Americans is April 15"): a deadline or an event the story mentions, not its byline,
    which sits among names, labels and reading times."""
    words = re.findall(r"[^\W\d]+", text[max(0, at - 80):at])
    return sum(w.islower() for w in words) >= 6


# "Updated", "Last modified on", "Reviewed:" just before a date mark it as a later revision.
REVISED = re.compile(r"(?:updated|modified|revised|reviewed|refreshed)\b\W*(?:on\W*)?$", re.I)


def _headline(tree: Any) -> Any:
    """The story's <h1>: one with text, outside navigation, inside <article> or <main> when
    the page has such a one (the first <h1> is often the site's logo)."""
    found = [h for h in tree.iter("h1")
             if not any(a.tag in {"nav", "aside", "footer"} for a in h.iterancestors())]
    inside = [h for h in found if h.text_content().strip()
              and any(a.tag in {"article", "main"} for a in h.iterancestors())]
    return (inside or found or [None])[0]


def find_text_date(text: str) -> datetime | None:
    """The first well-formed calendar date written in running text."""
    hits = find_text_dates(text)
    return hits[0][1] if hits else None


def find_text_dates(text: str, month_first: bool | None = None) -> list[tuple[int, datetime]]:
    """Every well-formed, plausible calendar date in ``text`` as ``(offset, day)``, in order.

    A slash date whose parts could both be the month ("03/01/2017") is read in
    the ``month_first`` order when the page's convention is known (see
    :func:`slash_convention`) and skipped otherwise.
    """
    hits: list[tuple[int, datetime]] = []
    for pattern, order in _TEXT_DATES:
        for match in pattern.finditer(text):
            parts = dict(zip(order, match.groups(), strict=True))
            month = parts["m"]
            number = int(month) if month.isdigit() else _ANY_MONTHS[month.lower()]
            try:
                moment = datetime(int(parts["y"]), number, int(parts["d"]))
            except ValueError:
                continue
            if plausible(moment):
                hits.append((match.start(), moment))
    for match in _SLASH_DATE.finditer(text):
        found = _slash_day(int(match[1]), int(match[2]), int(match[3]), month_first)
        if found is not None and plausible(found):
            hits.append((match.start(), found))
    return sorted(hits)


# /2025/dec/05/ and /2023/october/03/: some CMSs spell the month out.
_URL_NAMED_MONTH = re.compile(rf"(?<!\d)(\d{{4}})/({_MONTH_RE})/(\d{{1,2}})(?=/|$|[^\d])", re.I)


def url_date(url: str) -> date | None:
    """A full year-month-day date written in the URL path, if any."""
    path = urlsplit(url).path
    for pattern in (*_URL_DATES, _URL_NAMED_MONTH):
        for match in pattern.finditer(path):
            raw_year, raw_month, raw_day = match.groups()
            year, day = int(raw_year), int(raw_day)
            month = int(raw_month) if raw_month.isdigit() else _TEXT_MONTHS[raw_month.lower()]
            try:
                found = date(year, month, day)
            except ValueError:
                continue
            if plausible(datetime(year, month, day)):
                return found
    return None


def url_month(url: str) -> tuple[int, int] | None:
    """Year and month from a ``/yyyy/mm/`` path without a day."""
    match = _URL_MONTH.search(urlsplit(url).path)
    if match and 1 <= int(match.group(2)) <= 12 and 1995 <= int(match.group(1)) <= 2100:
        return int(match.group(1)), int(match.group(2))
    return None


def page_candidates(page: Page) -> list[Candidate]:
    """Structured date evidence in the page, best first.

    A ``<time>`` marked as the publication date that also prints that date for
    readers leads: it is the one claim a reader can check, where JSON-LD and meta
    tags are often filled from other CMS fields. Then JSON-LD, meta tags, the
    other marked ``<time>`` elements, and ``<time>`` elements in headers and the
    article.
    """
    found: list[Candidate] = []
    marked = [n for n in page.tree.xpath(
        "//time[@datetime][@itemprop='datePublished' or @pubdate]"
    ) if not _in_boilerplate(n)]
    printed = [n for n in marked if find_text_dates(" ".join(n.text_content().split()))]
    for node in printed:
        _add_time(found, node)
    main = page.main_ld
    ld_objects = [main] if main else []
    ld_objects += [o for o in page.jsonld if o is not main]
    for obj in ld_objects:
        value = obj.get("datePublished") or obj.get("uploadDate")
        if isinstance(value, str):
            _add(found, value, "json-ld")
    for name in _META_DATE_NAMES:
        for value in page.meta.get(name, ()):
            _add(found, value, "meta")
    stamps = _modified_stamps(page, ld_objects)
    found = [_restamped(c) if any(_same_save(c, s) for s in stamps) else c for c in found]
    # An XPath union comes back in document order: the marked ones are asked first.
    placed = page.tree.xpath(
        "//article//header//time[@datetime] | //header//time[@datetime]"
        " | //article//time[@datetime]"
    )
    rest = [n for n in marked if n not in printed]
    for node in [*rest, *_headline_article_first(page.tree, placed)]:
        if not _in_boilerplate(node):
            _add_time(found, node)
    return found


_MODIFIED_META = ("article:modified_time", "og:updated_time", "datemodified", "dcterms.modified")


def _modified_stamps(page: Page, ld_objects: list[dict[str, Any]]) -> list[datetime]:
    """The moments the page says it was last modified (JSON-LD and meta tags), with a time."""
    values = [o.get("dateModified") for o in ld_objects]
    values += [v for name in _MODIFIED_META for v in page.meta.get(name, ())]
    parsed = [parse_datetime(v) for v in values if isinstance(v, str)]
    return [_utc(p[0]) for p in parsed if p and p[1]]


def _utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _same_save(candidate: Candidate, stamp: datetime) -> bool:
    return candidate.has_time and abs(candidate.aware() - stamp) <= timedelta(hours=1)


def _restamped(candidate: Candidate) -> Candidate:
    return replace(candidate, restamped=True)


def _headline_article_first(tree: Any, nodes: list[Any]) -> list[Any]:
    """``nodes`` with those inside the <article> that holds the <h1> first: a page can
    wrap "latest news" blocks in <header> or other <article>s, and their dates are not
    this story's."""
    headline = _headline(tree)
    home = next(headline.iterancestors("article"), None) if headline is not None else None
    if home is None:
        return nodes
    inside = [n for n in nodes if any(a is home for a in n.iterancestors("article"))]
    return inside + [n for n in nodes if not any(n is i for i in inside)]


def visible_day_wins(
    shown: Candidate, structured: list[Candidate], backing: Sequence[Candidate] = ()
) -> bool:
    """Whether the day the byline shows (not labelled "Updated") beats the structured metadata.

    With no structured date it always does. When the page's markup offers
    several days, the one printed in the byline is the one the publisher stands
    behind: a ``<time>`` or second meta date on that day outranks an earlier
    JSON-LD or meta date on another day. ``backing`` holds more such evidence
    (:func:`other_times`) that may confirm the shown day but never leads.
    """
    if not structured:
        return True
    day = shown.local_date
    if structured[0].prose and structured[0].local_date != day:
        # Metadata typed as prose comes from a template field that is often not the
        # article's date (a CMS's "last published" stamp); the byline is.
        return True
    if structured[0].restamped and day < _earliest_day(structured[0]):
        # "Published" equal to "modified" is the last save; an earlier printed day that no
        # time zone explains is the first publication.
        return True
    return structured[0].local_date != day and any(
        c.local_date == day for c in [*structured, *backing]
    )


def _earliest_day(candidate: Candidate) -> date:
    """The earliest calendar day the moment falls on in any time zone (UTC-12 and later)."""
    return (candidate.aware().astimezone(UTC) - timedelta(hours=12)).date()


def with_time(
    shown: Candidate, structured: list[Candidate], backing: Sequence[Candidate] = ()
) -> list[Candidate]:
    """``structured`` led by the shown day, taking its time of day from markup on that day."""
    same = [c for c in [*structured, *backing]
            if c.local_date == shown.local_date and c.has_time]
    return [same[0] if same else shown, *structured]


def other_times(page: Page) -> list[Candidate]:
    """``<time datetime>`` elements outside headers and <article> (a title bar, a meta
    strip): too loosely placed to lead, but they can confirm the day a byline shows."""
    found: list[Candidate] = []
    for node in page.tree.xpath(
        "//time[@datetime][not(ancestor::article) and not(ancestor::header)"
        " and not(@pubdate) and not(@itemprop='datePublished')]"
    ):
        if not _in_boilerplate(node):
            _add(found, node.get("datetime"), "time")
    return found


def _in_boilerplate(node: object) -> bool:
    for parent in node.iterancestors():  # type: ignore[attr-defined]
        marker = f"{parent.get('class', '')} {parent.get('id', '')}".lower()
        if parent.tag in {"aside", "footer"} or re.search(r"comment|related|sidebar", marker):
            return True
    return False


def _add_time(found: list[Candidate], node: Any) -> None:
    """A ``<time datetime>`` as evidence, read as the day it prints when that is the UTC day
    shifted by the publisher's time zone.

    Some templates write the machine value in UTC and print the local day for readers
    (``datetime="...-24T04:13Z"`` showing "February 23"): the printed day is the
    publisher's, the UTC one is a day off.
    """
    before = len(found)
    _add(found, node.get("datetime"), "time")
    if len(found) == before:
        return
    machine = found[-1]
    offset = machine.moment.utcoffset()
    if not machine.has_time or offset is None or offset != timedelta(0):
        return
    shown = find_text_dates(" ".join(node.text_content().split()))
    if shown and abs((shown[0][1].date() - machine.local_date).days) == 1:
        found[-1] = Candidate(shown[0][1], False, "time")


def _add(found: list[Candidate], value: str | None, source: str) -> None:
    parsed = parse_datetime(value or "")
    if parsed and plausible(parsed[0]):
        prose = not parsed[1] and not re.match(r"\s*\d{4}-?\d{2}-?\d{2}", value or "")
        found.append(Candidate(parsed[0], parsed[1], source, prose))


_DATE_CLASS = (
    ".//*[contains(@class, 'date') or contains(@class, 'publish')]"
    "[not(contains(@class, 'updat') or contains(@class, 'modif'))]"
    "[not(ancestor::aside or ancestor::footer or ancestor::nav)]"
)


def classed_date(tree: Any, month_first: bool | None = None) -> Candidate | None:
    """The first day printed, not labelled as an update, in an element the template names
    a publication date ("post-date", not "date-updated") inside the <article> that holds
    the headline.

    Only that <article>: carousels of other stories print dates in such elements too.
    """
    headline = _headline(tree)
    home = next(headline.iterancestors("article"), None) if headline is not None else None
    if home is None:
        return None
    for node in home.xpath(_DATE_CLASS):
        if _in_boilerplate(node):
            continue
        text = " ".join(node.text_content().split())[:120]
        for at, day in find_text_dates(text, month_first):
            if not REVISED.search(text[max(0, at - 30):at]):
                return Candidate(day, False, "byline")
    return None


def htmldate_candidate(html: str) -> Candidate | None:
    """htmldate's guess at the original publication date (a slower, heuristic fallback)."""
    from htmldate import find_date

    now = datetime.now(UTC)
    try:
        value = find_date(
            html,
            original_date=True,
            # The free-text search guesses from stray numbers; markup evidence only.
            extensive_search=False,
            min_date=EARLIEST.replace(tzinfo=None),
            max_date=(now + timedelta(days=1)).replace(tzinfo=None),
        )
    except (ValueError, TypeError):
        return None
    parsed = parse_datetime(value) if value else None
    return Candidate(parsed[0], False, "htmldate") if parsed and plausible(parsed[0]) else None


def choose(
    candidates: list[Candidate],
    url: str | None,
    fallback: list[Candidate] | None = None,
) -> tuple[datetime, str] | None:
    """Decide the publication moment and the evidence that won.

    ``candidates`` come best first. A full date in the URL beats a metadata date
    on another day; when they agree, the metadata supplies the time of day.
    ``fallback`` candidates (htmldate, the feed) are only consulted when the
    page and URL give nothing usable. The moment is timezone-aware and keeps the
    offset the page wrote (its calendar day is the publisher's); a time given
    without an offset is taken as UTC.
    """
    best = candidates[0] if candidates else None
    in_url = url_date(url) if url else None
    if in_url is not None:
        if best is None:
            # The feed often knows the time of the day the URL names.
            timed = [c for c in fallback or () if c.has_time and c.local_date == in_url]
            best = timed[0] if timed else None
        if best is not None and best.local_date == in_url:
            return best.aware(), best.source
        if best is not None and _swapped(best.local_date, in_url) and best.has_time:
            # Day and month were swapped; the clock time itself is still right.
            fixed = best.moment.replace(year=in_url.year, month=in_url.month, day=in_url.day)
            return Candidate(fixed, True, "url").aware(), "url"
        return datetime.combine(in_url, time(), UTC), "url"
    if best is None:
        best = next(iter(fallback or ()), None)
    if best is None:
        return None
    if not best.has_time:
        # A day without a time of day: the feed may know the time on that same day.
        timed = [c for c in fallback or () if c.has_time and c.local_date == best.local_date]
        best = timed[0] if timed else best
    month = url_month(url) if url else None
    day = best.local_date
    if month and (day.year, day.month) != month and (day.year, day.day) == month:
        # A /yyyy/mm/ path shows the metadata day and month are the wrong way round.
        try:
            fixed = best.moment.replace(month=day.day, day=day.month)
        except ValueError:
            pass
        else:
            return Candidate(fixed, best.has_time, "url").aware(), "url"
    return best.aware(), best.source


def _swapped(found: date, truth: date) -> bool:
    return (found.year, found.month, found.day) == (truth.year, truth.day, truth.month)


def entry_candidate(moment: datetime | None) -> Candidate | None:
    """Wrap a feed entry's date as evidence (naive feed dates are taken as UTC)."""
    if moment is None or not plausible(moment):
        return None
    return Candidate(moment, moment.time() != time(), "feed")


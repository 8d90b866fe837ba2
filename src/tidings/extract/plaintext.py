"""``extract_text``: an article scraped as plain text becomes an Article.

Scrapes keep the page furniture as bare lines: share counters, pager links,
disclaimers, related-post lists and the author bio. These rules remove that
furniture while keeping the article's own paragraphs, subheadings and
numbered lists.
"""

from __future__ import annotations

import html as htmllib
import re
from datetime import UTC, datetime

from tidings.extract import dates
from tidings.extract.errors import ExtractError
from tidings.extract.excerpt import looks_like_heading, make_excerpt
from tidings.extract.kinds import text_kind, url_kind
from tidings.extract.metadata import byline_in_text, guess_language, provider
from tidings.models import Article
from tidings.urls import strip_tracking

__all__ = ["clean_lines", "extract_text"]

_COUNTER = re.compile(r"^\d{1,3}(?:[.,]\d+)?[KkMm]?$|^\d+$")
# Scrapes glue the label to the linked headline: "Previous articleSome Headline".
_PAGER = re.compile(r"^(?:previous|next|prev)\s*(?:article|post|story)", re.I)
_DATELINE = re.compile(r"^(?:(?:published|updated|posted|last updated)(?: on)?:?\s*)?", re.I)
_SHARE = re.compile(
    r"^(?:share(?: this(?: article| post| story)?| on \w+)?|tweet|facebook|twitter|x|linkedin|"
    r"whatsapp|pinterest|reddit|telegram|email|print|copy link)\s*:?$",
    re.I,
)
_DISCLAIMER = re.compile(r"^disclaimer\s*:", re.I)
_RELATED = re.compile(
    r"^(?:related (?:posts|articles|stories|reading)|you (?:may|might) also like|"
    r"more from [\w .&'-]+|read (?:more|next|also)|recommended(?: for you)?|popular posts)\s*:?$",
    re.I,
)
_ABOUT_AUTHOR = re.compile(r"^about the author\s*:?$", re.I)
# "Jane Q. Writer is a ..." / "Sam Ode is an ...": a bio opening.
_BIO = re.compile(r"^((?:[A-Z][\w'\u2019-]*\.?\s+){1,4})(?:is|was|has been)\s+(?:a|an|the)\s")
_NUMBERED = re.compile(r"^\s*(\d{1,3})[.)]\s+\S")
_BULLET = re.compile(r"^\s*[-*\u2022]\s+\S")
_LIST_MARK = re.compile(r"^(?:\d{1,3}[.)]|[-*\u2022])\s+")
_LONG = 300  # characters: a paragraph this long after the pager is a bio, not a caption


def clean_lines(lines: list[str]) -> list[str]:
    """The article's own lines (stripped, non-empty) with scrape furniture removed."""
    return _clean(lines)[0]


def _clean(lines: list[str]) -> tuple[list[str], str | None]:
    """``(kept lines, author bio)``; the bio, if one was removed, names the author."""
    kept: list[str] = []
    bio: str | None = None
    after_pager = False
    skipping_related = False
    for raw in lines:
        line = " ".join(raw.split())
        if not line:
            skipping_related = False
            continue
        if _PAGER.match(line) and len(line) < 200:
            after_pager = True
            continue
        if _is_dateline(line):
            continue
        if _COUNTER.match(line) or _SHARE.match(line) or _ABOUT_AUTHOR.match(line):
            continue
        if _DISCLAIMER.match(line):
            continue
        if _RELATED.match(line):
            skipping_related = True
            continue
        if skipping_related and (len(line) < 150 and not line.endswith(".")):
            continue  # a linked headline in the related list
        skipping_related = False
        if after_pager and (len(line) >= _LONG or _BIO.match(line)):
            bio = bio or line
            continue
        kept.append(line)
    # A closing "<Name> is a ..." paragraph is the author bio even without a pager.
    while kept and _BIO.match(kept[-1]) and len(kept) > 1:
        bio = kept.pop()
    return kept, bio


def _is_dateline(line: str) -> bool:
    """A line that only says when the piece was published ("Published on 3 Nov 2026")."""
    rest = _DATELINE.sub("", line, count=1)
    return len(rest) < 40 and dates.find_text_date(rest) is not None and not rest.endswith(".")


def extract_text(text: str, url: str | None = None) -> Article:
    """Build an Article from a plain-text scrape whose first non-empty line is the title.

    ``url`` (optional) supplies the provider, the web URL, a date in the path and
    press/opinion sections. Raises :class:`ExtractError` when no body remains.
    """
    if not isinstance(text, str):
        raise ExtractError(f"expected text, got {type(text).__name__}")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    non_empty = [i for i, line in enumerate(lines) if line.strip()]
    if not non_empty:
        raise ExtractError("no article text found: the text is empty")
    title = " ".join(lines[non_empty[0]].split())
    after_title = lines[non_empty[0] + 1 :]
    body_lines, bio = _clean(after_title)
    if not body_lines:
        raise ExtractError("no article text found after the title")
    blocks = _blocks(body_lines)
    body_text = "\n\n".join(b for _, b in blocks)

    published, source = _date("\n".join(after_title), url)
    name = domain = ""
    if url:
        name, domain = provider(None, url)
    return Article(
        original_url=url or "",
        web_url=strip_tracking(url) if url and not url.startswith("file:") else (url or ""),
        title=title,
        text=body_text,
        excerpt=make_excerpt([b for kind, b in blocks if kind == "p"]),
        html="\n".join(_block_html(kind, b) for kind, b in blocks),
        author=byline_in_text(body_text) or _bio_name(bio),
        published=published,
        date_source=source,
        language=guess_language(f"{title}\n{body_text}"),
        type=url_kind(url) or text_kind(body_text) or "article",
        provider_name=name,
        provider_domain=domain,
    )


def _bio_name(bio: str | None) -> str | None:
    match = _BIO.match(bio or "")
    return " ".join(match.group(1).split()) if match else None


def _blocks(lines: list[str]) -> list[tuple[str, str]]:
    """Group lines into ``("p"|"h"|"ol"|"ul", text)`` blocks; list items stay one per line."""
    blocks: list[tuple[str, str]] = []
    for line in lines:
        kind = "ol" if _NUMBERED.match(line) else "ul" if _BULLET.match(line) else None
        if kind and blocks and blocks[-1][0] == kind:
            blocks[-1] = (kind, f"{blocks[-1][1]}\n{line}")
        elif kind:
            blocks.append((kind, line))
        else:
            blocks.append(("h" if looks_like_heading(line) else "p", line))
    return blocks


def _block_html(kind: str, text: str) -> str:
    if kind in {"ol", "ul"}:
        items = "".join(
            f"<li>{htmllib.escape(_LIST_MARK.sub('', item))}</li>" for item in text.split("\n")
        )
        return f"<{kind}>{items}</{kind}>"
    tag = "h2" if kind == "h" else "p"
    return f"<{tag}>{htmllib.escape(text)}</{tag}>"


def _date(text: str, url: str | None) -> tuple[datetime | None, str | None]:
    found = dates.find_text_date(text[:2000])
    candidates = [dates.Candidate(found.replace(tzinfo=UTC), False, "text")] if found else []
    chosen = dates.choose(candidates, url)
    return chosen if chosen else (None, None)

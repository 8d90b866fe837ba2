"""Repair text that was encoded to UTF-8 twice ("itâ\\x80\\x99s" for "it's").

Some sites store UTF-8 text that was once read as Latin-1 or Windows-1252 and
written out again, and declare the page UTF-8. Decoding is then correct, but the
text holds each non-ASCII character as two or three characters, which splits
words at every curly quote and dash. Only runs that decode back into valid UTF-8
are replaced, and only on text that shows the telltale C1 control characters or
the Windows-1252 forms of them, so ordinary accented text is left alone.
"""

from __future__ import annotations

import re

# The Windows-1252 characters that stand for bytes 0x80-0x9F.
_CP1252_HIGH = "\u20ac\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u017d" \
    "\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u017e\u0178"
#: A lead byte of a multi-byte UTF-8 sequence, then its continuation bytes, read as
#: Latin-1 (U+0080-U+00BF) or Windows-1252.
_RUN = re.compile(f"[\u00c2-\u00f4][\u0080-\u00bf{_CP1252_HIGH}]{{1,3}}")
#: Evidence that a text is double-encoded: a C1 control character after a lead
#: byte, or the Windows-1252 form of the common punctuation ("â€™", "â€œ").
_TELLTALE = re.compile(
    "[\u00c2-\u00f4][\u0080-\u009f]|"
    "\u00e2\u20ac[\u2122\u0153\u009d\u201c\u201d\u2018\u2019\u2013\u2014\u00a6]"
)


def has_mojibake(text: str) -> bool:
    """True when ``text`` shows signs of double-encoded UTF-8."""
    return _TELLTALE.search(text) is not None


def repair(text: str) -> str:
    """``text`` with each double-encoded run decoded back; other text unchanged."""
    if not has_mojibake(text):
        return text
    return _RUN.sub(_decode_run, text)


def _decode_run(match: re.Match[str]) -> str:
    run = match.group()
    raw = bytearray()
    for char in run:
        code = ord(char)
        if code < 0x100:
            raw.append(code)
        else:
            raw.extend(char.encode("cp1252"))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return run

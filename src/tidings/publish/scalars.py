"""How single values are spelled in a record's YAML front matter.

Records are written by hand-made templates rather than ``yaml.dump`` because the
site's readers expect one exact layout (key order, quoting, blank lines), which
no YAML emitter reproduces. The price is that quoting must be right here: every
value has to come back unchanged through a YAML 1.1 safe loader.
"""

from __future__ import annotations

import re

from yaml import ScalarNode
from yaml.resolver import Resolver

#: Escapes YAML names; anything else that needs one gets ``\\xXX`` or ``\\uXXXX``.
_NAMED_ESCAPES = {
    "\0": "\\0",
    "\a": "\\a",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\v": "\\v",
    "\f": "\\f",
    "\r": "\\r",
    "\x1b": "\\e",
    '"': '\\"',
    "\\": "\\\\",
    "\x85": "\\N",
    "\u2028": "\\L",
    "\u2029": "\\P",
}
# Quotes and backslashes, C0/C1 controls, the YAML line breaks (which a loader would
# fold into spaces) and the characters a YAML reader refuses to read at all.
_NEEDS_ESCAPE = re.compile('["\\\\\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]')
_SURROGATE = re.compile("[\ud800-\udfff]")

# Words, single inner spaces, dots, hyphens and apostrophes: enough for names such as
# "Forbes", "Barron's" or "forbes.com", and nothing with a YAML meaning (":", "#", "&").
_PLAIN_SAFE = re.compile(r"[^\W_][\w.'-]*(?: [\w.'-]+)*")
_RESOLVER = Resolver()
_STR_TAG = "tag:yaml.org,2002:str"


class ScalarError(ValueError):
    """A value that cannot be written into a record."""


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED_ESCAPES:
        return _NAMED_ESCAPES[char]
    code = ord(char)
    return f"\\x{code:02X}" if code <= 0xFF else f"\\u{code:04X}"


def quoted(value: str) -> str:
    """``value`` as a one-line double-quoted YAML scalar.

    Only what must be escaped is; other text, emoji included, stays as UTF-8 so
    the files remain readable and diff well.
    """
    if not isinstance(value, str):
        raise ScalarError(f"expected a string, got {type(value).__name__} {value!r}")
    if _SURROGATE.search(value):
        raise ScalarError(f"string holds a lone surrogate (broken unicode): {value[:60]!r}")
    return '"' + _NEEDS_ESCAPE.sub(_escape, value) + '"'


def is_plain_safe(value: str) -> bool:
    """True when ``value`` may be written unquoted and still load as the same string.

    The resolver check catches words YAML 1.1 reads as something else
    (``Yes``, ``off``, ``null``, ``1984``, ``1_000``, ``2024-01-02``).
    """
    return bool(_PLAIN_SAFE.fullmatch(value)) and (
        _RESOLVER.resolve(ScalarNode, value, (True, False)) == _STR_TAG
    )


def word(value: str) -> str:
    """A name-like value (type, provider name and domain, topic) as the records spell it.

    The reference layout leaves these unquoted; anything a loader could misread
    is double-quoted instead.
    """
    if not isinstance(value, str):
        raise ScalarError(f"expected a string, got {type(value).__name__} {value!r}")
    return value if is_plain_safe(value) else quoted(value)


def integer(value: int) -> str:
    """An int as YAML. Bools are refused: Python counts them as ints, records do not."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ScalarError(f"expected an integer, got {type(value).__name__} {value!r}")
    return str(value)


def boolean(value: bool) -> str:
    if not isinstance(value, bool):
        raise ScalarError(f"expected a boolean, got {type(value).__name__} {value!r}")
    return "true" if value else "false"

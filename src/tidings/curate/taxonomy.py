"""The topic taxonomy: a YAML file users edit, read once and compiled once.

Tagging runs on every article of every cycle, so every term (aliases,
confirming and excluding words, contexts) is compiled when the file is
loaded, into one :class:`Lexicon` that finds them all in a single scan of an
article. The file's format is described at the top of the bundled
``taxonomy.yaml``; mistakes raise :class:`TaxonomyError` naming the topic and
the field.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

BUNDLED = Path(__file__).with_name("taxonomy.yaml")

_TOP_KEYS = {"max_topics", "min_score", "contexts", "topics"}
_TOPIC_KEYS = {"name", "slug", "description", "aliases", "confirm", "exclude", "requires",
               "umbrella"}
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_SPLIT = re.compile(r"[\s\-]+")
_WORD = re.compile(r"\w+")


class TaxonomyError(ValueError):
    """A taxonomy file that cannot be used; the message names the topic and the field."""


@dataclass(frozen=True, slots=True)
class TopicSpec:
    name: str
    slug: str
    description: str
    aliases: tuple[str, ...] = ()
    confirm: tuple[str, ...] = ()  #: one of these must be near a mention (when not empty)
    exclude: tuple[str, ...] = ()  #: none of these may be near a mention
    requires: tuple[str, ...] = ()  #: contexts that must all be near a mention
    umbrella: bool = False  #: given to every relevant article


#: ("ctx", context name), or ("alias" | "confirm" | "exclude", topic index)
Label = tuple[str, "str | int"]


@dataclass(frozen=True, slots=True)
class Term:
    text: str  #: as written in the file
    pattern: re.Pattern[str]
    key: str | None  #: the lower-cased first word, looked up among the text's words
    prefix: str | None = None  #: for stems and regexes: how a text word must begin
    lowered: bool = False  #: the pattern is meant for the lower-cased text


class Lexicon:
    """Every term of the taxonomy, found together in one scan of a text.

    Python's ``re`` tries each branch of a long alternation at every position, so
    400 aliases in one expression cost about a second per long article. Instead
    the text's words are listed once with where they start, and each term is
    tried, with its own small expression, only where its first word (for stems
    and regexes, its first letters) starts. Lower-case terms match the
    lower-cased text without the IGNORECASE flag, which is faster.
    """

    def __init__(self) -> None:
        self.terms: list[Term] = []
        self.labels: list[list[Label]] = []
        self._ids: dict[str, int] = {}
        self._by_key: dict[str, list[int]] = {}
        self._by_start: dict[str, list[tuple[str, int]]] = {}  #: prefix[:2] -> prefixed terms
        self._always: list[int] = []

    def add(self, text: str, label: Label, where: str, source: str) -> int:
        index = self._ids.get(text)
        if index is None:
            index = self._ids[text] = len(self.terms)
            term = _term(text, where, source)
            self.terms.append(term)
            self.labels.append([])
            if term.key is not None:
                self._by_key.setdefault(term.key, []).append(index)
            elif term.prefix is not None:
                self._by_start.setdefault(term.prefix[:2], []).append((term.prefix, index))
            else:
                self._always.append(index)
        if label not in self.labels[index]:
            self.labels[index].append(label)
        return index

    def scan(self, text: str) -> list[tuple[int, int, int]]:
        """(start, end, term index) of every term occurrence, by position, longest first."""
        lower = text.lower()
        if len(lower) != len(text):  # a few characters grow when lower-cased: keep offsets
            lower = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
        at: dict[str, list[int]] = {}  #: each distinct word and where it starts
        for word in _WORD.finditer(lower):
            at.setdefault(word.group(), []).append(word.start())
        by_key, by_start, terms = self._by_key, self._by_start, self.terms
        hits = []
        for word, starts in at.items():
            found: list[int] = []
            for key in (word, word[:-1], word[:-2]):
                found.extend(by_key.get(key, ()))
            found.extend(index for prefix, index in by_start.get(word[:2], ())
                         if word.startswith(prefix))
            for index in found:
                term = terms[index]
                source = lower if term.lowered else text
                for start in starts:  # a term can only start where its first word does
                    m = term.pattern.match(source, start)
                    if m:
                        hits.append((start, m.end(), index))
        for index in self._always:
            term = terms[index]
            hits.extend((m.start(), m.end(), index)
                        for m in term.pattern.finditer(lower if term.lowered else text)
                        if m.end() > m.start())
        hits = list(set(hits))  # "AIs" is found under both "ais" and "ai"
        hits.sort(key=lambda h: (h[0], h[0] - h[1]))
        return hits


class Taxonomy:
    """Topics with their compiled terms, ready for :mod:`tidings.curate.topics`."""

    def __init__(
        self,
        topics: Iterable[TopicSpec],
        contexts: Mapping[str, Iterable[str]],
        *,
        max_topics: int = 4,
        min_score: float = 2.0,
        source: str = "<taxonomy>",
    ) -> None:
        self.source = source
        self.topics = tuple(topics)
        self.contexts = {name: tuple(terms) for name, terms in contexts.items()}
        self.max_topics = max_topics
        self.min_score = min_score
        self._check_names()
        self.lexicon = Lexicon()
        for name, terms in self.contexts.items():
            for term in terms:
                self.lexicon.add(term, ("ctx", name), f"context {name!r}", source)
        for index, topic in enumerate(self.topics):
            self._add_topic(index, topic)
        self.umbrella = next((t for t in self.topics if t.umbrella), None)

    def __repr__(self) -> str:
        return f"Taxonomy({len(self.topics)} topics from {self.source})"

    def topic(self, name_or_slug: str) -> TopicSpec | None:
        return next((t for t in self.topics if name_or_slug in (t.name, t.slug)), None)

    def _check_names(self) -> None:
        seen: dict[tuple[str, str], str] = {}
        for topic in self.topics:
            for key in (("name", topic.name.lower()), ("slug", topic.slug)):
                if key in seen:
                    raise TaxonomyError(f"{self.source}: topic {topic.name!r}: field {key[0]!r}: "
                                        f"{key[1]!r} is already used by {seen[key]!r}")
                seen[key] = topic.name
        umbrellas = [t.name for t in self.topics if t.umbrella]
        if len(umbrellas) > 1:
            raise TaxonomyError(f"{self.source}: only one topic may be the umbrella, "
                                f"found {', '.join(umbrellas)}")
        if "ai" not in self.contexts:
            raise TaxonomyError(f"{self.source}: contexts: the 'ai' context is missing "
                                "(relevance and 'requires: [ai]' read it)")

    def _add_topic(self, index: int, topic: TopicSpec) -> None:
        where = f"topic {topic.name!r}"
        for context in topic.requires:
            if context not in self.contexts:
                raise TaxonomyError(f"{self.source}: {where}: field 'requires' names the "
                                    f"unknown context {context!r}")
        for alias in topic.aliases:
            if alias.startswith("@"):
                raise TaxonomyError(f"{self.source}: {where}: field 'aliases': {alias!r}: "
                                    "contexts are allowed in confirm and exclude only")
            self.lexicon.add(alias, ("alias", index), f"{where}: field 'aliases'", self.source)
        for field_name in ("confirm", "exclude"):
            label = (field_name, index)
            for term in getattr(topic, field_name):
                if not term.startswith("@"):
                    self.lexicon.add(term, label, f"{where}: field {field_name!r}", self.source)
                    continue
                if term[1:] not in self.contexts:
                    raise TaxonomyError(f"{self.source}: {where}: field {field_name!r}: "
                                        f"{term!r} names an unknown context")
                for word in self.contexts[term[1:]]:
                    self.lexicon.add(word, label, f"context {term[1:]!r}", self.source)


def load_taxonomy(path: Path | None = None) -> Taxonomy:
    """The bundled taxonomy, or the user's file at ``path``, validated and compiled."""
    if path is None:
        return default_taxonomy()
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise TaxonomyError(f"{path}: cannot read the taxonomy: {error.strerror}") from error
    return parse_taxonomy(text, source=str(path))


@lru_cache(maxsize=1)
def default_taxonomy() -> Taxonomy:
    """The bundled taxonomy, compiled once per process."""
    return parse_taxonomy(BUNDLED.read_text(encoding="utf-8"), source=str(BUNDLED))


def parse_taxonomy(text: str, *, source: str = "<taxonomy>") -> Taxonomy:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        problem = getattr(error, "problem", None) or str(error)
        raise TaxonomyError(f"{source}{where}: not valid YAML: {problem}") from error
    if not isinstance(data, dict):
        raise TaxonomyError(f"{source}: expected a mapping with 'topics' and 'contexts'")
    _unknown(data, _TOP_KEYS, source, "the top level")
    topics_data = data.get("topics")
    if not isinstance(topics_data, list) or not topics_data:
        raise TaxonomyError(f"{source}: field 'topics' must be a non-empty list of topics")
    contexts = data.get("contexts", {})
    if not isinstance(contexts, dict):
        raise TaxonomyError(f"{source}: field 'contexts' must map names to lists of terms")
    checked_contexts = {
        str(name): _strings(terms, source, f"context {name!r}", "terms")
        for name, terms in contexts.items()
    }
    max_topics = data.get("max_topics", 4)
    min_score = data.get("min_score", 2)
    if not isinstance(max_topics, int) or isinstance(max_topics, bool) or max_topics < 1:
        raise TaxonomyError(f"{source}: field 'max_topics' must be a whole number of at least 1")
    if not isinstance(min_score, int | float) or isinstance(min_score, bool) or min_score <= 0:
        raise TaxonomyError(f"{source}: field 'min_score' must be a positive number")
    topics = [_topic(entry, n, source) for n, entry in enumerate(topics_data, start=1)]
    return Taxonomy(topics, checked_contexts, max_topics=max_topics, min_score=float(min_score),
                    source=source)


def _topic(entry: Any, number: int, source: str) -> TopicSpec:
    if not isinstance(entry, dict):
        raise TaxonomyError(f"{source}: topic #{number}: expected a mapping with name, slug, ...")
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise TaxonomyError(f"{source}: topic #{number}: field 'name' must be a non-empty text")
    where = f"topic {name!r}"
    _unknown(entry, _TOPIC_KEYS, source, where)
    slug = entry.get("slug")
    if not isinstance(slug, str) or not _SLUG.match(slug):
        raise TaxonomyError(f"{source}: {where}: field 'slug' must be lower-case words joined "
                            f"by hyphens (like 'meta-ai'), got {slug!r}")
    description = entry.get("description", "")
    if not isinstance(description, str) or not description.strip():
        raise TaxonomyError(f"{source}: {where}: field 'description' must be a non-empty text")
    umbrella = entry.get("umbrella", False)
    if not isinstance(umbrella, bool):
        raise TaxonomyError(f"{source}: {where}: field 'umbrella' must be true or false")
    lists = {key: _strings(entry.get(key, []), source, where, key)
             for key in ("aliases", "confirm", "exclude", "requires")}
    if not umbrella and not lists["aliases"]:
        raise TaxonomyError(f"{source}: {where}: field 'aliases' must name the topic at least "
                            "once (only the umbrella topic may go without)")
    return TopicSpec(name=name.strip(), slug=slug, description=" ".join(description.split()),
                     umbrella=umbrella, **lists)


def _strings(value: Any, source: str, where: str, field: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise TaxonomyError(f"{source}: {where}: field {field!r} must be a list of "
                            "non-empty texts")
    return tuple(v.strip() for v in value)


def _unknown(data: dict[str, Any], allowed: set[str], source: str, where: str) -> None:
    extra = sorted(str(k) for k in data if k not in allowed)
    if extra:
        raise TaxonomyError(f"{source}: {where}: unknown field(s) {', '.join(extra)} "
                            f"(known: {', '.join(sorted(allowed))})")


def _term(term: str, where: str, source: str) -> Term:
    """The compiled form of one term (the rules are at the top of taxonomy.yaml)."""
    if term.startswith("re:"):
        try:
            pattern = re.compile(term[3:])
        except re.error as error:
            raise TaxonomyError(f"{source}: {where}: {term!r} is not a valid regular "
                                f"expression: {error}") from error
        return Term(term, pattern, None, prefix=_literal_start(term[3:]))
    stem = term.endswith("*")
    core = term.rstrip("*").strip()
    words = [re.escape(w) for w in _SPLIT.split(core) if w]
    first = _WORD.findall(core.lower())
    if not words or not first:
        raise TaxonomyError(f"{source}: {where}: {term!r} has no letters to match")
    body = r"[\s\-]+".join(words)
    ending = r"\w*" if stem else r"(?:'s|’s|s|es)?"
    lead = r"\b" if core[0].isalnum() else ""
    tail = r"\b" if stem or core[-1].isalnum() else ""
    lowered = not any(c.isupper() for c in core)
    pattern = re.compile(f"{lead}{body}{ending}{tail}")
    if not core[0].isalnum():  # "#tag" starts before its first word: searched everywhere
        return Term(term, pattern, None, lowered=lowered)
    if stem and len(words) == 1:  # "regulat*" has no whole first word: found by its start
        prefix = first[0] if len(first[0]) >= 2 else None
        return Term(term, pattern, None, prefix=prefix, lowered=lowered)
    return Term(term, pattern, first[0], lowered=lowered)


def _literal_start(expression: str) -> str | None:
    """The letters every match of a regex term starts with, lower-cased (None if unknown)."""
    lead = re.match(r"(?:\\b)?([A-Za-z0-9]+)", expression)
    if not lead:
        return None
    letters = lead.group(1)
    if expression[lead.end() : lead.end() + 1] in ("?", "*", "{"):
        letters = letters[:-1]  # "bills?" may end before its last letter
    if "|" in expression.split("(", 1)[0] or len(letters) < 2:
        return None  # a top-level alternative could start anywhere else
    return letters.lower()

"""Topics with evidence, read in context from the editable taxonomy.

A bare keyword is not a topic: "llama" on a highway is not Meta AI, and
"Gemini" in a horoscope is not Google AI. Every alias mention is judged
with its window (its sentence and the sentences either side; a headline's
window is the headline and the article's opening): the topic's required
contexts and confirming terms must be there and its excluding terms must
not. Counted mentions score by where they stand, so a topic named in the
headline beats one named once near the end, and only the strongest few are
kept. Every tag says which sentence, alias and context decided it.

Speed matters (every article of every cycle passes here): the taxonomy is
compiled once, one scan finds every term of every topic and context
(:class:`Document`), and the window checks are lookups in that scan.
Relevance reads the same scan.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from tidings.curate.items import Item, Topic
from tidings.curate.taxonomy import Label, Taxonomy, TopicSpec, default_taxonomy
from tidings.curate.text import sentence_spans

TITLE_WEIGHT = 3.0
OPENING_WEIGHT = 2.0  #: the first sentences of the text (or the whole excerpt)
BODY_WEIGHT = 1.0
OPENING_SENTENCES = 3
EVIDENCE_CHARS = 200


def body_of(item: Item) -> str:
    """The text to read: the article's text, or its excerpt when no text was given."""
    return item.text if item.text.strip() else item.excerpt


def clip(sentence: str, limit: int = EVIDENCE_CHARS) -> str:
    sentence = " ".join(sentence.split())
    if len(sentence) <= limit:
        return sentence
    return sentence[: limit - 1].rsplit(" ", 1)[0] + "…"


class Document:
    """An article's headline and text, scanned once for every term of the taxonomy.

    Headline and text are joined into one string; sentence ``-1`` is the headline.
    """

    def __init__(self, item: Item, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy
        self.title = " ".join(item.title.split())
        body = body_of(item)
        offset = len(self.title) + 1
        self.text = f"{self.title}\n{body}"
        self.spans = [(a + offset, b + offset) for a, b in sentence_spans(body)]
        self._starts = [a for a, _ in self.spans]
        self.hits: dict[Label, list[tuple[int, int]]] = {}
        self.aliases: list[tuple[int, int, int]] = []  #: (start, end, term) without overlaps
        lexicon = taxonomy.lexicon
        alias_end = -1
        for start, end, term in lexicon.scan(self.text):
            labels = lexicon.labels[term]
            for label in labels:
                found = self.hits.setdefault(label, [])
                if not found or found[-1] != (start, end):  # two spellings of one term
                    found.append((start, end))
            if start >= alias_end and any(kind == "alias" for kind, _ in labels):
                self.aliases.append((start, end, term))  # the longest alias at a place wins
                alias_end = end

    def sentence_of(self, position: int) -> int:
        if position <= len(self.title) or not self.spans:
            return -1
        return max(bisect.bisect_right(self._starts, position) - 1, 0)

    def sentence(self, index: int) -> str:
        if index < 0:
            return self.title
        a, b = self.spans[index]
        return self.text[a:b]

    def part(self, index: int) -> str:
        return "title" if index < 0 else "opening" if index < OPENING_SENTENCES else "text"

    def weight(self, index: int) -> float:
        return {"title": TITLE_WEIGHT, "opening": OPENING_WEIGHT}.get(self.part(index),
                                                                       BODY_WEIGHT)

    def window(self, index: int) -> tuple[int, int]:
        """A sentence with its neighbours; the headline and the opening neighbour each other."""
        if not self.spans:
            return 0, len(self.text)
        if index < 0:
            return 0, self.spans[0][1]
        low = 0 if index == 0 else self.spans[index - 1][0]
        return low, self.spans[min(index + 1, len(self.spans) - 1)][1]

    def first(self, label: Label, low: int, high: int) -> str | None:
        """The first word of ``label`` that starts inside [low, high), or None."""
        found = self.hits.get(label)
        if not found:
            return None
        n = bisect.bisect_left(found, (low, -1))
        if n < len(found) and found[n][0] < high:
            a, b = found[n]
            return self.text[a:b]
        return None

    def count(self, label: Label) -> int:
        return len(self.hits.get(label, ()))


_last: tuple[tuple[int, str, str, str], Document] | None = None


def document(item: Item, taxonomy: Taxonomy) -> Document:
    """The scan of an item; the last one is kept, as relevance and tagging read the same item."""
    global _last
    key = (id(taxonomy), item.title, item.text, item.excerpt)
    last = _last  # one read: another thread may replace it meanwhile
    if last is not None and last[0] == key:
        return last[1]
    doc = Document(item, taxonomy)
    _last = (key, doc)
    return doc


@dataclass(slots=True)
class Mention:
    """One alias found in the article, and whether its context let it count."""

    topic: TopicSpec
    alias: str  #: the words as the article wrote them
    term: str  #: the alias as the taxonomy writes it
    part: str  #: "title", "opening" or "text"
    sentence: str
    weight: float
    accepted: bool
    context: str = ""  #: the word that confirmed it, or the one that ruled it out
    why: str = ""  #: for a mention that does not count: what was missing or in the way
    position: int = 0


@dataclass(slots=True)
class Reading:
    """Everything tagging found in one article."""

    mentions: list[Mention] = field(default_factory=list)
    scores: dict[str, float] = field(default_factory=dict)  #: topic name -> score
    topics: list[Topic] = field(default_factory=list)

    def rejected(self) -> list[Mention]:
        return [m for m in self.mentions if not m.accepted]


def tag(item: Item, taxonomy: Taxonomy | None = None) -> list[Topic]:
    """The umbrella topic first, then the strongest topics, each with its evidence.

    Call it for articles judged relevant: the umbrella ("AI") is given as such.
    """
    return read(item, taxonomy).topics


def read(item: Item, taxonomy: Taxonomy | None = None) -> Reading:
    taxonomy = taxonomy or default_taxonomy()
    doc = document(item, taxonomy)
    reading = Reading(mentions=_mentions(doc))

    best: dict[str, Mention] = {}
    first: dict[str, int] = {}
    for mention in reading.mentions:
        if not mention.accepted:
            continue
        name = mention.topic.name
        reading.scores[name] = reading.scores.get(name, 0.0) + mention.weight
        first.setdefault(name, mention.position)
        if name not in best or mention.weight > best[name].weight:
            best[name] = mention

    umbrella = taxonomy.umbrella
    order = {t.name: n for n, t in enumerate(taxonomy.topics)}
    strong = [name for name, score in reading.scores.items()
              if score >= taxonomy.min_score and (umbrella is None or name != umbrella.name)]
    strong.sort(key=lambda n: (-reading.scores[n], first[n], order[n]))
    if umbrella is not None:
        reading.topics.append(Topic(umbrella.name, _umbrella_evidence(doc)))
    room = max(taxonomy.max_topics - len(reading.topics), 0)
    for name in strong[:room]:
        reading.topics.append(Topic(name, _evidence(best[name], reading.scores[name])))
    return reading


def _mentions(doc: Document) -> list[Mention]:
    taxonomy, lexicon = doc.taxonomy, doc.taxonomy.lexicon
    found: list[Mention] = []
    for position, (start, end, term) in enumerate(doc.aliases):
        index = doc.sentence_of(start)
        low, high = doc.window(index)
        for kind, topic_index in lexicon.labels[term]:
            if kind != "alias":
                continue
            assert isinstance(topic_index, int)
            topic = taxonomy.topics[topic_index]
            mention = Mention(topic, doc.text[start:end], lexicon.terms[term].text,
                              doc.part(index), doc.sentence(index), doc.weight(index),
                              accepted=False, position=position)
            _judge(mention, doc, topic_index, low, high)
            found.append(mention)
    return found


def _judge(mention: Mention, doc: Document, index: int, low: int, high: int) -> None:
    """Accept or reject one mention by the words around it, and say why."""
    topic = mention.topic
    excluded = doc.first(("exclude", index), low, high) if topic.exclude else None
    if excluded:
        mention.context, mention.why = excluded, f"{excluded!r} nearby"
        return
    context = ""
    for name in topic.requires:
        word = doc.first(("ctx", name), low, high)
        if word is None:
            mention.why = f"no {name.replace('_', ' ')} context nearby"
            return
        context = context or word
    if topic.confirm:
        word = doc.first(("confirm", index), low, high)
        if word is None:
            mention.why = "nothing nearby confirms it"
            return
        context = word
    mention.accepted, mention.context = True, context


def _evidence(mention: Mention, score: float) -> str:
    context = f", context {mention.context!r}" if mention.context else ""
    return (f"{mention.part}: \"{clip(mention.sentence)}\" "
            f"(alias {mention.alias!r}{context}; score {score:g})")


def _umbrella_evidence(doc: Document) -> str:
    """The first sentence that speaks of AI: why the article is AI news at all."""
    found = doc.hits.get(("ctx", "ai"))
    if not found:
        return f"title: \"{clip(doc.title)}\" (judged AI news)"
    start, end = found[0]
    index = doc.sentence_of(start)
    return (f"{doc.part(index)}: \"{clip(doc.sentence(index))}\" "
            f"(AI term {doc.text[start:end]!r})")

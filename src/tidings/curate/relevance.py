"""Is this AI news? The vocabulary of AI, read in context, minus known junk.

Junk goes first, whatever it mentions: market-research releases, newsletter
issues, paywall stubs and pages too thin to judge. Then the article must use
the vocabulary of AI (the taxonomy's ``ai`` context) enough: a word in the
headline or the opening counts more than one further down, and AI words
inside a film plot or a novel barely count. A page whose only link to AI is
a name used in another sense ("llama", "Meta", "Gemini", "Claude",
"Copilot", "Apple", "Watson") is off-topic, and the reason says which name
and what was around it; so are celebrity and music pages that mention AI in
passing.

Items may come with full text or with only a title and an excerpt (offline
``tidings curate`` input, the reference records): "no text given" is judged
on what there is, while a page whose text is a stub is turned away.
"""

from __future__ import annotations

import re

from tidings.curate import topics
from tidings.curate.items import Item
from tidings.curate.taxonomy import Taxonomy, default_taxonomy
from tidings.curate.text import words

#: What only market-research releases write ("Market Size, Share, CAGR, Forecast to 2030").
MARKET_SPAM = re.compile(
    r"\bmarket (?:size|research|forecast|overview)\b|\bCAGR\b|"
    r"\bforecast (?:to|till|period|\d{4})|\b(?:request|download) (?:a |free )?sample\b|"
    r"\bkey (?:market )?players\b|\boverview of the market\b|\bsegmentation (?:based on|by)\b",
    re.IGNORECASE,
)
#: What business news writes too: counts only next to a MARKET_SPAM phrase.
MARKET_TALK = re.compile(
    r"\bmarket (?:share|report)\b|\bglobal [\w\s-]{1,60}? market\b(?! (?:leader|value|cap))",
    re.IGNORECASE,
)
#: Cheap words without which MARKET_SPAM cannot match: most texts skip the long search.
MARKET_WORDS = ("market", "cagr", "forecast", "sample")
NEWSLETTER = re.compile(r"\bnewsletter\b|\bthis week in\b|\bweekly digest\b|\bnews roundup\b",
                        re.IGNORECASE)
PAYWALL = re.compile(
    r"\bsubscribe (?:now )?to (?:continue|read|keep reading)\b|\bsubscribers? only\b|"
    r"\bsubscriber to read\b|\bto continue reading\b|\balready a subscriber\b|"
    r"\bsign in to (?:read|continue)\b|\bbecome a (?:member|subscriber)\b|"
    r"\bfor subscribers\b|\bsubscription required\b",
    re.IGNORECASE,
)

MIN_WORDS = 120  #: a page with text shorter than this is a stub, whatever it says
MIN_SCORE = 3.0  #: an AI word in the headline, or in the opening plus one more
#: Title and excerpt only: one AI word in the excerpt is all such an item can show.
MIN_SCORE_EXCERPT = 2.0
STRONG_SCORE = 6.0  #: AI evidence a celebrity or music page needs to count as AI news
FICTION_WEIGHT = 0.25  #: an AI word in a sentence about a film or a novel
SUPPORT_WEIGHT = 0.5
MAX_SUPPORT = 2.5  #: supporting words alone never make a page AI news
AI, FICTION, SUPPORT, CELEBRITY = ("ctx", "ai"), ("ctx", "fiction"), ("ctx", "ai_support"), (
    "ctx", "celebrity")


def judge(item: Item, taxonomy: Taxonomy | None = None) -> tuple[bool, str]:
    """Return (relevant, reason). The reason quotes the evidence."""
    taxonomy = taxonomy or default_taxonomy()
    title = " ".join(item.title.split())
    text = item.text.strip()
    body = topics.body_of(item).strip()
    given = "text" if text else "excerpt" if body else "title only"

    junk = _junk(title, text, body)
    if junk:
        return False, junk

    doc = topics.document(item, taxonomy)
    score, hits, fiction, support = _ai_score(doc)
    minimum = MIN_SCORE if text else MIN_SCORE_EXCERPT
    terms = ", ".join(sorted({h.lower() for _, h in hits})[:5])
    in_title = sum(1 for part, _ in hits if part == "title")
    fame = sorted({doc.text[a:b].lower() for a, b in doc.hits.get(CELEBRITY, ())})
    if score < minimum:
        return False, _off_topic(item, taxonomy, score, minimum, hits, fiction, fame, given)
    if len(fame) >= 2 and not in_title and score < STRONG_SCORE:
        return False, (f"off-topic: celebrity or music news ({', '.join(fame[:3])}) with AI "
                       f"only in passing ({terms}; score {score:.1f} < {STRONG_SCORE:g})")
    support_note = f" + {support:g} from supporting words" if support else ""
    return True, (f"{in_title} AI term(s) in the title, {len(hits) - in_title} in the {given} "
                  f"({terms}); score {score:.1f}{support_note}")


def _junk(title: str, text: str, body: str) -> str | None:
    """Why a page is not news at all, whatever it mentions; None if it may be."""
    spam = MARKET_SPAM.search(title)
    if spam:
        return f"market-research release ({spam.group(0).strip()!r} in the title)"
    if any(w in body.lower() for w in MARKET_WORDS):
        strong = {m.lower(): m for m in MARKET_SPAM.findall(body)}
        if strong:
            talk = {m.lower(): m for m in MARKET_TALK.findall(body)}
            found = list(strong.values()) + list(talk.values())
            if len(found) >= 2:  # two different tells, one of them a report's own words
                return f"market-research release ({', '.join(repr(f) for f in found[:3])})"
    letter = NEWSLETTER.search(title)
    if letter:
        return f"newsletter issue ({letter.group(0)!r} in the title: {title!r})"
    wall = PAYWALL.search(title)
    if wall:
        return f"paywall stub ({wall.group(0)!r} in the title)"
    if text:  # only a page that gave text can be a stub; no text given is judged below
        count = len(words(text))
        if count < MIN_WORDS:
            wall = PAYWALL.search(f"{text}\n{body}")
            if wall:
                return f"paywall stub: {count} words of text, then {wall.group(0)!r}"
            return f"thin page: {count} words of text (fewer than {MIN_WORDS})"
    return None


def _ai_score(doc: topics.Document) -> tuple[float, list[tuple[str, str]], list[str], float]:
    """Weighted AI words, the (part, word) hits, fiction words that discounted some, support."""
    hits: list[tuple[str, str]] = []
    fiction: list[str] = []
    score = 0.0
    for start, end in doc.hits.get(AI, ()):
        index = doc.sentence_of(start)
        weight = doc.weight(index)
        story = doc.first(FICTION, *doc.window(index))
        if story:
            weight *= FICTION_WEIGHT
            fiction.append(story)
        hits.append((doc.part(index) if index < 0 else "body", doc.text[start:end]))
        score += weight
    support = min(SUPPORT_WEIGHT * doc.count(SUPPORT), MAX_SUPPORT)
    return score + support, hits, fiction, support


def _off_topic(
    item: Item, taxonomy: Taxonomy, score: float, minimum: float, hits: list[tuple[str, str]],
    fiction: list[str], fame: list[str], given: str,
) -> str:
    """Why a page without enough AI evidence is not AI news, as specifically as we can say."""
    scored = f"score {score:.1f} < {minimum:g}"
    rejected = topics.read(item, taxonomy).rejected()
    other_sense = [m for m in rejected if m.why.endswith("nearby") and m.context]
    if other_sense:
        m = other_sense[0]
        return (f"off-topic: {m.alias!r} is used in another sense here ({m.context!r} nearby: "
                f"\"{topics.clip(m.sentence, 90)}\"; {scored})")
    if fiction and hits:
        return (f"off-topic: AI words only in a story's plot ({fiction[0]!r}; "
                f"{', '.join(sorted({h.lower() for _, h in hits})[:3])}; {scored})")
    if len(fame) >= 2:
        return f"off-topic: celebrity or music news ({', '.join(fame[:3])}); {scored}"
    names = [m for m in rejected if any(c.isupper() for c in m.term)]  # proper names
    if names and not hits:
        m = names[0]
        return (f"off-topic: {m.alias!r} appears with no AI context nearby "
                f"(\"{topics.clip(m.sentence, 90)}\"; {scored})")
    if not hits:
        return f"off-topic: no AI vocabulary in the {given} ({scored})"
    terms = ", ".join(sorted({h.lower() for _, h in hits})[:5])
    return f"off-topic: {len(hits)} AI term(s) in the {given} ({terms}; {scored})"

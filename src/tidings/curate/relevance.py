"""Is this AI news? Interim rules: AI vocabulary in context, minus known junk.

A bare keyword is not enough ("llama", "Meta", "Gemini" mean other things),
so a page must use the vocabulary of AI several times, and market-research
spam, newsletters and paywall stubs are turned away whatever they mention.
"""

from __future__ import annotations

import re

from tidings.curate.items import Item
from tidings.curate.text import words

#: Phrases that only AI writing uses; each counts once per occurrence.
AI_TERMS = re.compile(
    r"\b(?:artificial intelligence|machine[- ]learning|deep learning|neural(?: net(?:work)?s?)?|"
    r"(?:large )?language models?|LLMs?|generative AI|gen ?AI|AI|A\.I\.|chatbots?|"
    r"open[- ]weights?|foundation models?|inference|training data|transformer models?|"
    r"computer vision|GPUs?|AI[- ]powered|model weights|fine[- ]tun(?:e|ed|ing)|"
    r"prompt injection|autonomous (?:vehicles?|driving)|driverless|robotaxis?|"
    r"AI assistants?|robotics|speech models?|vision models?)\b"
)
#: Words AI writing uses often but other writing uses too: they support, never decide.
SUPPORT_TERMS = re.compile(
    r"\b(?:models?|trained|training|datasets?|data sets?|robots?|automation|algorithms?|"
    r"predict(?:s|ed|ion|ions|ive)?|software)\b",
    re.IGNORECASE,
)
MARKET_SPAM = re.compile(
    r"\bmarket (?:size|share|report|research|forecast)\b|\bCAGR\b|"
    r"\bforecast (?:to|till|period|\d{4})|\b(?:request|download) (?:a |free )?sample\b",
    re.IGNORECASE,
)
NEWSLETTER = re.compile(r"\bnewsletter\b|\bthis week in\b|\bweekly digest\b", re.IGNORECASE)
PAYWALL = re.compile(r"\bsubscribe (?:now )?to (?:continue|read)\b|\bsubscribers? only\b",
                     re.IGNORECASE)

MIN_WORDS = 120  #: below this a page is a stub, whatever it says
MIN_SCORE = 3.0  #: an AI term in the title, or three in the text
MAX_SUPPORT = 2.5  #: supporting words alone never make a page AI news


def judge(item: Item) -> tuple[bool, str]:
    """Return (relevant, reason). The reason quotes the evidence."""
    body_words = len(words(item.text))
    if MARKET_SPAM.search(item.title) or len(MARKET_SPAM.findall(item.text)) >= 2:
        match = MARKET_SPAM.search(item.title) or MARKET_SPAM.search(item.text)
        evidence = match.group(0) if match else "market terms"
        return False, f"market-research release ({evidence!r})"
    if NEWSLETTER.search(item.title):
        return False, f"newsletter issue (title: {item.title!r})"
    if body_words < MIN_WORDS:
        kind = "paywall stub" if PAYWALL.search(item.text) else "thin page"
        return False, f"{kind}: {body_words} words of text"
    title_hits = AI_TERMS.findall(item.title)
    text_hits = AI_TERMS.findall(item.text)
    support = min(0.5 * len(SUPPORT_TERMS.findall(item.text)), MAX_SUPPORT)
    score = 3 * len(title_hits) + len(text_hits) + support
    if score < MIN_SCORE:
        return False, (f"off-topic: {len(text_hits)} AI term(s) in {body_words} words "
                       f"(score {score:.1f} < {MIN_SCORE})")
    sample = ", ".join(sorted({h.lower() for h in title_hits + text_hits})[:5])
    counts = f"{len(title_hits)} AI term(s) in the title, {len(text_hits)} in the text"
    return True, f"{counts} ({sample})"

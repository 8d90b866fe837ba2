"""Topics with evidence. Interim rules until the editable taxonomy arrives.

A topic's cue counts only in a sentence that also speaks of AI, so a llama
on a highway or a board of "Meta" theatre never becomes "Meta AI".
"""

from __future__ import annotations

import re

from tidings.curate.items import Item, Topic
from tidings.curate.relevance import AI_TERMS
from tidings.curate.text import sentences

#: topic name -> the cue that must share a sentence with AI vocabulary
CUES: dict[str, re.Pattern[str]] = {
    name: re.compile(pattern, re.IGNORECASE)
    for name, pattern in {
        "Machine Learning": r"\bmachine learning|\btraining (?:run|data)|\bgradient",
        "Large Language Models": r"\blanguage models?\b|\bLLMs?\b|\bchatbots?\b",
        "Generative AI": r"\bgenerative\b|\bgen ?AI\b",
        "Open Source AI": r"\bopen[- ]weights?\b|\bopen[- ]source\b",
        "AI Hardware": r"\baccelerators?\b|\bGPUs?\b|\bsemiconductors?\b|\bchips?\b"
        r"|\bdata[- ]cent(?:re|er)s?",
        "AI in Healthcare": r"\bhospitals?\b|\bpatients?\b|\bclinic(?:al|ians?)\b|\btriage\b",
        "AI in Autos": r"\brobotaxis?\b|\bdriverless\b|\bself-driving\b|\bautonomous vehicles?\b",
        "AI in Education": r"\bschools?\b|\bstudents?\b|\btutor(?:s|ing)?\b|\bteachers?\b",
        "AI in Finance": r"\bbanks?\b|\bfraud\b|\btrading\b|\blenders?\b",
        "AI in Marketing": r"\bmarketing\b|\badvertis(?:ers?|ing)\b|\bcampaigns?\b",
        "AI in Sales": r"\bsales (?:teams?|reps?|pipeline)\b",
        "AI in Robotics": r"\brobots?\b|\brobotics\b",
        "AI in Security": r"\bprompt injection\b|\bsecurity\b|\bbreach\b|\battackers?\b",
        "AI Ethics": r"\bconsent\b|\bbias\b|\bcopyright\b|\bethic(?:s|al)\b",
        "AI Policy and Regulation": r"\blaw\b|\bregulat(?:ors?|ion|ory)\b|\bparliament\b"
        r"|\blicen[cs]es?\b",
        "Computer Vision": r"\bcomputer vision\b|\bimage recognition\b|\bcameras?\b",
        "Math for AI": r"\bcalculus\b|\blinear algebra\b|\bderivatives?\b",
    }.items()
}
MAX_TOPICS = 4


def tag(item: Item) -> list[Topic]:
    """"AI" first, then up to three more topics, each with the sentence that earned it."""
    found: dict[str, str] = {}
    for sentence in sentences(f"{item.title}.\n{item.text}"):
        ai = AI_TERMS.search(sentence)
        if not ai:
            continue
        found.setdefault("AI", sentence)
        for name, cue in CUES.items():
            if name not in found and cue.search(sentence):
                found[name] = sentence
    topics = [Topic(name, _clip(evidence)) for name, evidence in found.items()]
    return topics[:MAX_TOPICS]


def _clip(sentence: str, limit: int = 200) -> str:
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rsplit(" ", 1)[0] + "…"

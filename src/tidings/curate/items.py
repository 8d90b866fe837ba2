"""What curation reads and what it decides.

Curation sees articles as :class:`Item` values, not database rows, so the
same code serves the pipeline and offline runs over a JSONL file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(slots=True)
class Item:
    id: int | str
    title: str
    text: str
    url: str
    publisher: str  #: the provider's registrable domain: one publisher, one vote
    published: datetime
    excerpt: str = ""
    type: str = "article"
    author: str | None = None
    has_image: bool = False
    #: Story the item already belongs to (from an earlier run); kept so ids stay stable.
    story: int | str | None = None
    suppressed: bool = False
    #: The article was its story's record in an earlier run: it stays so unless clearly beaten.
    lead: bool = False
    #: False when the input gave no date and ``published`` is only when it arrived.
    dated: bool = True


@dataclass(slots=True)
class Topic:
    name: str
    evidence: str  #: the words or sentence that decided it


@dataclass(slots=True)
class Decision:
    id: int | str
    relevant: bool
    relevance: str  #: why it is (or is not) AI news
    topics: list[Topic] = field(default_factory=list)
    duplicate_of: int | str | None = None
    story: int | str | None = None
    story_evidence: str = ""
    lead: bool = False  #: the article that stands for its story
    quality: int = 0
    quality_parts: dict[str, float] = field(default_factory=dict)
    heat: int = 0
    heat_parts: dict[str, float] = field(default_factory=dict)
    published: bool = False
    published_reason: str = ""  #: why it is (or is not) published
    related: list[int | str] = field(default_factory=list)

    def explain(self) -> dict[str, Any]:
        """The components and evidence, as stored with the article and shown by explain."""
        return {
            "relevance": self.relevance,
            "topics": {t.name: t.evidence for t in self.topics},
            "duplicate_of": self.duplicate_of,
            "story": self.story_evidence,
            "lead": self.lead,
            "quality": self.quality_parts,
            "heat": self.heat_parts,
            "published": self.published_reason,
        }

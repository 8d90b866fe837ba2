"""The curation desk: runs every judgement over a batch of items, oldest first."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime, timedelta

from tidings.config import CurateSettings
from tidings.curate import relevance, scores, topics
from tidings.curate.items import Decision, Item
from tidings.curate.stories import Grouper

DEFAULT_AUTHORITY = 50.0
FAST_HOURS = 24


class Curator:
    """Decides relevance, topics, copies, stories, quality, heat and related coverage."""

    def __init__(self, settings: CurateSettings | None = None) -> None:
        self.settings = settings or CurateSettings()

    def curate(self, items: Sequence[Item], now: datetime) -> list[Decision]:
        """Decisions in input order; items are judged as if they arrived oldest first."""
        ordered = sorted(items, key=lambda i: (i.published, str(i.id)))
        decisions: dict[int | str, Decision] = {}
        grouper = Grouper(window=timedelta(days=self.settings.window_days))
        for item in ordered:
            if item.story is not None:
                grouper.reserve(item.story)
        for item in ordered:
            relevant, reason = relevance.judge(item)
            decision = Decision(id=item.id, relevant=relevant, relevance=reason)
            if relevant:
                decision.topics = topics.tag(item)
                dup, story, evidence = grouper.place(item)
                decision.duplicate_of, decision.story = dup, story
                decision.story_evidence = evidence
            decisions[item.id] = decision

        stories: dict[int | str, list[Item]] = defaultdict(list)
        for item in ordered:
            d = decisions[item.id]
            if d.relevant and d.duplicate_of is None:
                stories[d.story].append(item)
        authority = self._authority(stories)

        for item in ordered:
            d = decisions[item.id]
            if not d.relevant:
                continue
            d.quality, d.quality_parts = scores.quality(
                item, authority=authority[item.publisher], duplicate=d.duplicate_of is not None
            )
        for members in stories.values():
            self._score_story(members, decisions, authority, now)
        for item in ordered:  # copies follow the article they copy
            d = decisions[item.id]
            if d.duplicate_of is not None:
                original = decisions[d.duplicate_of]
                d.story, d.heat, d.heat_parts = original.story, original.heat, original.heat_parts
            if item.suppressed:
                d.heat, d.published = -1, False
        return [decisions[item.id] for item in items]

    def _score_story(
        self,
        members: list[Item],
        decisions: dict[int | str, Decision],
        authority: dict[str, float],
        now: datetime,
    ) -> None:
        first = members[0].published
        publishers = {m.publisher for m in members}
        fast = {m.publisher for m in members if m.published - first <= timedelta(hours=FAST_HOURS)}
        mean_authority = sum(authority[p] for p in publishers) / len(publishers)
        latest = max(m.published for m in members)
        lead = max(members, key=lambda m: (decisions[m.id].quality, -m.published.timestamp()))
        for member in members:
            d = decisions[member.id]
            d.heat, d.heat_parts = scores.heat(
                item_quality=d.quality,
                publishers=len(publishers),
                fast_publishers=len(fast),
                authority=mean_authority,
                latest=latest,
                now=now,
                half_life_hours=self.settings.half_life_hours,
            )
            d.lead = member is lead
            d.published = d.lead and d.heat >= self.settings.heat_threshold
            d.related = self._related(member, members, decisions)

    def _related(
        self, item: Item, members: list[Item], decisions: dict[int | str, Decision]
    ) -> list[int | str]:
        """Other publishers' articles of the story, best first, one per publisher before seconds."""
        others = [m for m in members if m.publisher != item.publisher]
        others.sort(key=lambda m: (-decisions[m.id].quality, m.published))
        firsts, seconds, seen = [], [], set()
        for m in others:
            (seconds if m.publisher in seen else firsts).append(m)
            seen.add(m.publisher)
        chosen = (firsts + seconds)[: self.settings.related_cap]
        chosen.sort(key=lambda m: (-decisions[m.id].quality, m.published))
        return [m.id for m in chosen]

    @staticmethod
    def _authority(stories: dict[int | str, list[Item]]) -> dict[str, float]:
        """Authority a publisher earns by breaking stories others then follow (shrunk to 50)."""
        first: dict[str, int] = defaultdict(int)
        shared: dict[str, int] = defaultdict(int)
        for members in stories.values():
            if len({m.publisher for m in members}) < 2:
                continue
            first[members[0].publisher] += 1
            for publisher in {m.publisher for m in members}:
                shared[publisher] += 1
        return defaultdict(
            lambda: DEFAULT_AUTHORITY,
            {p: DEFAULT_AUTHORITY + 40 * first[p] / (shared[p] + 2) for p in shared},
        )

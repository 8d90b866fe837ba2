"""The curation desk: judges articles one by one as they arrive, and settles each story.

:class:`Desk` is incremental: :meth:`Desk.add` takes one article at a time (in
arrival order) and :meth:`Desk.ready` hands back, in arrival order, the decisions
that can no longer change because their story has left the time window. That
keeps memory bounded on an endless stream (``tidings curate``).
:class:`Curator` runs a whole batch through a desk (the pipeline, over the store).

Per story the desk keeps a record (lead): the best article by quality, which
already counts originality. The lead changes only when a clearly better article
arrives (:data:`LEAD_MARGIN` points), so a story's record does not flicker as
coverage grows; an article that led in an earlier run (``Item.lead``) keeps
leading on the same terms.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

from tidings.config import CurateSettings
from tidings.curate import relevance, scores, topics
from tidings.curate.items import Decision, Item, Topic
from tidings.curate.stories import Grouper

FAST_HOURS = 24  #: publishers arriving within this of a story's first count as fast coverage
LEAD_MARGIN = 10  #: quality points a newcomer needs over the lead to replace it
REWRITE_LOOKBACK = 20  #: earlier articles of the story an article's wording is compared with
MERGE_SWEEP_EVERY = 256  #: adds between checks for stories the grouper merged
_DEFAULT = object()  #: Curator's embedder when none is given: the grouper's own default
#: An article still waiting this long (in windows) after arrival is settled anyway.
FORCE_WINDOWS = 2
BATCH = 16  #: articles judged and embedded together: faster than one by one, and a small
#: batch keeps the embedding runtime's working memory small


@dataclass(slots=True, eq=False)
class _Entry:
    seq: int
    item: Item
    decision: Decision
    static: dict[str, float] = field(default_factory=dict)  #: quality parts but authority
    sketch: Sequence[int] = ()
    story: _Story | None = None  #: None for an article that is not AI news


@dataclass(slots=True, eq=False)
class _Story:
    id: int | str
    members: list[_Entry] = field(default_factory=list)
    lead: _Entry | None = None
    first: datetime | None = None
    latest: datetime | None = None
    publishers: dict[str, datetime] = field(default_factory=dict)  #: first article per publisher
    waiting: int = 0  #: members not yet handed out by ready()/finish()
    scored: int = 0  #: the hand-out round that last scored it (once per round is enough)
    final: bool = False  #: scored after it closed: its decisions cannot change any more


class Desk:
    """Decides relevance, topics, copies, stories, quality, heat and related coverage.

    ``now`` fixes the moment heat is computed for; without it heat is computed
    for the newest publication time seen so far, so an offline run over old
    articles scores them as they stood when the last of them appeared.
    """

    def __init__(
        self,
        settings: CurateSettings | None = None,
        *,
        now: datetime | None = None,
        taxonomy: Any = None,
        grouper: Grouper | None = None,
        authority: scores.Authority | None = None,
    ) -> None:
        self.settings = settings or CurateSettings()
        self.window = timedelta(days=self.settings.window_days)
        self.now = now
        self.taxonomy = taxonomy
        self.grouper = grouper or Grouper(window=self.window)
        self.authority = authority or scores.Authority()
        self.newest: datetime | None = None
        self._resolve: Callable[[Any], Any] = getattr(self.grouper, "resolve", lambda s: s)
        self._queue: deque[_Entry] = deque()
        self._stories: dict[int | str, _Story] = {}
        self._seq = 0
        self._round = 0

    # -- arrival -----------------------------------------------------------------------------

    def reserve(self, story: int | str) -> None:
        """A story id from an earlier run: new ids never collide with it."""
        self.grouper.reserve(story)

    def add(self, item: Item) -> Decision:
        """Judge one article. The decision it returns is provisional until ready() hands it out."""
        return self._place(item, self._judge(item))

    def add_many(self, items: Sequence[Item]) -> list[Decision]:
        """:meth:`add` for each item in order, with the relevant ones' sentence embeddings
        computed in one batch first (when the grouper can), which is several times faster.
        The decisions are the same as adding the items one by one."""
        judged = [(item, self._judge(item)) for item in items]
        embed_ahead = getattr(self.grouper, "embed_ahead", None)
        if embed_ahead is not None:
            embed_ahead([item for item, (relevant, _, _) in judged if relevant])
        return [self._place(item, verdict) for item, verdict in judged]

    def _judge(self, item: Item) -> tuple[bool, str, list[Topic]]:
        """Relevance, and topics for relevant items, read from one scan of the text (the
        topics module keeps the item's last scan, so tagging right after judging is free)."""
        relevant, reason = relevance.judge(item, self.taxonomy)
        return relevant, reason, topics.tag(item, self.taxonomy) if relevant else []

    def _place(self, item: Item, verdict: tuple[bool, str, list[Topic]]) -> Decision:
        self._seq += 1
        if self.newest is None or item.published > self.newest:
            self.newest = item.published
        relevant, reason, tags = verdict
        decision = Decision(id=item.id, relevant=relevant, relevance=reason)
        entry = _Entry(self._seq, item, decision)
        self._queue.append(entry)
        if not relevant:
            # Originality is judged against a story, and off-topic pages join none.
            entry.static = scores.static_quality(item, original=scores.ORIGINALITY_POINTS)
            decision.quality, decision.quality_parts = scores.quality(
                entry.static, self.authority.of(item.publisher))
            decision.published_reason = "not AI news"
            entry.item = replace(item, text="", excerpt="")
            return decision
        decision.topics = tags
        duplicate_of, story_id, evidence = self.grouper.place(item)
        decision.duplicate_of, decision.story_evidence = duplicate_of, evidence
        story = self._story(self._resolve(story_id))
        entry.sketch = scores.sketch(item.text or item.excerpt)
        entry.static = scores.static_quality(item, original=self._originality(entry, story))
        self._join(entry, story)
        # Everything read from the text is computed: the waiting entry keeps no body.
        entry.item = replace(item, text="", excerpt="")
        if self._seq % MERGE_SWEEP_EVERY == 0:
            self._sweep_merges()
        self._score_story(story, self._now(), only=entry)
        return decision

    # -- hand-out ----------------------------------------------------------------------------

    def ready(self) -> list[Decision]:
        """Decisions that can no longer change, in arrival order (and forgotten here).

        An article is final once its story has had nothing new for a whole window
        (the grouper has forgotten it, so nothing can join it any more), or, for a
        story that keeps growing, once the article itself is :data:`FORCE_WINDOWS`
        windows old: that bounds how many articles wait.
        """
        if self.newest is None:
            return []
        closed = self.newest - self.window
        forced = self.newest - FORCE_WINDOWS * self.window
        self._round += 1
        out: list[Decision] = []
        while self._queue:
            head = self._queue[0]
            if head.story is not None:
                story = self._current(head)
                assert story.latest is not None
                still_open = story.latest >= closed
                if still_open and head.item.published >= forced:
                    break
                if not story.final and story.scored != self._round:
                    self._score_story(story, self._now())
                    story.scored = self._round
                    story.final = not still_open  # nothing can join it: scored for good
            out.append(self._hand_out(self._queue.popleft()))
        return out

    def finish(self, now: datetime | None = None) -> list[Decision]:
        """Settle everything still waiting (for ``now``, default the desk's) and hand it out."""
        if self.newest is None:
            return []
        at = now or self._now()
        self._sweep_merges()
        self._round += 1
        for entry in self._queue:
            if entry.story is not None:
                story = self._current(entry)
                if story.scored != self._round:
                    self._score_story(story, at)
                    story.scored = self._round
        out = [self._hand_out(entry) for entry in self._queue]
        self._queue.clear()
        return out

    @property
    def waiting(self) -> int:
        """Articles added but not yet handed out."""
        return len(self._queue)

    # -- stories -----------------------------------------------------------------------------

    def _now(self) -> datetime:
        assert self.newest is not None
        return self.now or self.newest

    def _story(self, story_id: int | str) -> _Story:
        story = self._stories.get(story_id)
        if story is None:
            story = self._stories[story_id] = _Story(story_id)
        return story

    def _current(self, entry: _Entry) -> _Story:
        """The entry's story after any merge the grouper made since it was placed."""
        assert entry.story is not None
        target = self._resolve(entry.story.id)
        if target != entry.story.id:
            self._merge(entry.story, self._story(target))
        assert entry.story is not None
        return entry.story

    def _sweep_merges(self) -> None:
        for story in list(self._stories.values()):
            target = self._resolve(story.id)
            if target != story.id and story.id in self._stories:
                self._merge(story, self._story(target))

    def _merge(self, gone: _Story, into: _Story) -> None:
        """Two stories turned out to be one: all members move to the surviving id."""
        self._stories.pop(gone.id, None)
        for member in gone.members:
            member.story = into
            member.decision.story_evidence += f"; story {gone.id} merged into {into.id}"
        into.members.extend(gone.members)
        into.members.sort(key=lambda m: (m.item.published, m.seq))
        into.waiting += gone.waiting
        for publisher, when in gone.publishers.items():
            if publisher not in into.publishers or when < into.publishers[publisher]:
                into.publishers[publisher] = when
        into.first = min(d for d in (into.first, gone.first) if d is not None)
        into.latest = max(d for d in (into.latest, gone.latest) if d is not None)
        if gone.lead is not None:
            self._offer_lead(into, gone.lead)

    def _join(self, entry: _Entry, story: _Story) -> None:
        item = entry.item
        entry.story = story
        story.members.append(entry)
        story.waiting += 1
        story.first = min(story.first or item.published, item.published)
        story.latest = max(story.latest or item.published, item.published)
        if item.publisher not in story.publishers:
            if story.publishers:
                first = min(story.publishers, key=story.publishers.__getitem__)
                self.authority.story_shared(first, item.publisher, len(story.publishers) == 1)
            story.publishers[item.publisher] = item.published
        if entry.decision.duplicate_of is None and not item.suppressed:
            self._offer_lead(story, entry)

    def _offer_lead(self, story: _Story, entry: _Entry) -> None:
        """Make ``entry`` the record if there is none or it is clearly better than the one there."""
        lead = story.lead
        if lead is None:
            story.lead = entry
            return
        new, old = self._quality(entry), self._quality(lead)
        if new >= old + LEAD_MARGIN or (entry.item.lead and not lead.item.lead
                                          and new > old - LEAD_MARGIN):
            story.lead = entry

    def _originality(self, entry: _Entry, story: _Story) -> float:
        """Originality points: a copy gets none, a late close rewrite of an earlier article few."""
        if entry.decision.duplicate_of is not None:
            return scores.originality(copy=True, rewrite=0.0, late_hours=0.0)
        closest, late = 0.0, 0.0
        earlier = [m for m in story.members if m.decision.duplicate_of is None
                   and m.item.publisher != entry.item.publisher
                   and m.item.published <= entry.item.published]
        for member in earlier[-REWRITE_LOOKBACK:]:
            similarity = scores.overlap(entry.sketch, member.sketch)
            if similarity > closest:
                hours = (entry.item.published - member.item.published).total_seconds() / 3600
                closest, late = similarity, hours
        return scores.originality(copy=False, rewrite=closest, late_hours=late)

    def _quality(self, entry: _Entry) -> int:
        value, _ = scores.quality(entry.static, self.authority.of(entry.item.publisher))
        return value

    # -- scoring ---------------------------------------------------------------------------

    def _score_story(self, story: _Story, now: datetime, only: _Entry | None = None) -> None:
        """Score every member (``only``: just that one, a cheap provisional answer for add())."""
        members = story.members if only is None else [only]
        by_id = {m.item.id: m for m in story.members}
        for m in members:
            m.decision.quality, m.decision.quality_parts = scores.quality(
                m.static, self.authority.of(m.item.publisher))
        assert story.first is not None and story.latest is not None
        fast = [p for p, when in story.publishers.items()
                if when - story.first <= timedelta(hours=FAST_HOURS)]
        mean_authority = (sum(self.authority.of(p) for p in story.publishers)
                          / len(story.publishers))
        related = None  # the provisional answer for one article lists no related coverage
        if only is None:
            originals = [m for m in story.members if m.decision.duplicate_of is None
                         and not m.item.suppressed]
            ranked = sorted(originals,
                            key=lambda m: (-m.decision.quality, m.item.published, m.seq))
            related = _RelatedLists(ranked, self.settings.related_cap)
        for m in members:
            d = m.decision
            d.story = story.id
            d.lead = m is story.lead
            source = by_id.get(d.duplicate_of) if d.duplicate_of is not None else None
            # A copy's heat is its original's: the same article, counted once.
            d.heat, d.heat_parts = scores.heat(
                item_quality=source.decision.quality if source else d.quality,
                publishers=len(story.publishers),
                fast_publishers=len(fast),
                authority=mean_authority,
                latest=story.latest,
                now=now,
                half_life_hours=self.settings.half_life_hours,
            )
            if d.duplicate_of is not None:
                d.related = []
            elif related is not None:
                d.related = related.excluding(m.item.publisher)
            self._publish(m)

    def _publish(self, entry: _Entry) -> None:
        d, threshold = entry.decision, self.settings.heat_threshold
        if entry.item.suppressed:
            d.heat, d.published, d.published_reason = -1, False, "suppressed by an editor"
        elif d.duplicate_of is not None:
            d.published = False
            d.published_reason = f"copy of {d.duplicate_of}: the original stands for it"
        elif not d.lead:
            d.published = False
            lead = entry.story.lead if entry.story else None
            d.published_reason = (f"story {d.story} is led by {lead.item.id}" if lead
                                  else "no record for its story")
        else:
            d.published = d.heat >= threshold
            d.published_reason = (f"heat {d.heat} {'>=' if d.published else '<'} "
                                  f"threshold {threshold}")

    def _hand_out(self, entry: _Entry) -> Decision:
        """Forget an entry once its decision is final; forget its story with its last member."""
        story = entry.story
        if story is not None:
            story.waiting -= 1
            if story.waiting <= 0:
                if self._stories.get(story.id) is story:
                    del self._stories[story.id]
            elif self._still_open(story) and entry in story.members:
                story.members.remove(entry)  # handed out by force: the story goes on without it
        entry.story = None
        return entry.decision

    def _still_open(self, story: _Story) -> bool:
        return (self.newest is not None and story.latest is not None
                and story.latest >= self.newest - self.window)


class _RelatedLists:
    """The ``related`` lists of one story's members, which depend only on the publisher.

    A list holds other publishers' articles, best first, capped, diverse: first the best
    article of each other publisher, preferring formats not yet listed when the cap forces
    a choice; then second articles of publishers already listed if room remains. It is
    shown sorted by quality.

    Leaving out a publisher that the list built with no one left out does not name
    changes nothing (its articles were never picked), so that one list serves every such
    publisher and only the few named publishers need their own: a story of n articles
    costs about n x cap, not n x n.
    """

    def __init__(self, ranked: Sequence[_Entry], cap: int) -> None:
        self.ranked, self.cap = ranked, cap
        self.shared = self._build(None)
        self.named = {m.item.publisher for m in self.shared}
        self.own: dict[str, list[int | str]] = {}

    def excluding(self, publisher: str) -> list[int | str]:
        if publisher not in self.named:
            return [m.item.id for m in self.shared]
        if publisher not in self.own:
            self.own[publisher] = [m.item.id for m in self._build(publisher)]
        return list(self.own[publisher])

    def _build(self, publisher: str | None) -> list[_Entry]:
        firsts: list[_Entry] = []
        seconds: list[_Entry] = []
        seen: set[str] = set()
        for m in self.ranked:
            if m.item.publisher == publisher:
                continue
            (seconds if m.item.publisher in seen else firsts).append(m)
            seen.add(m.item.publisher)
        chosen = _diverse(firsts, self.cap) if len(firsts) > self.cap else firsts
        chosen += seconds[: self.cap - len(chosen)]
        chosen.sort(key=lambda m: (-m.decision.quality, m.item.published, m.seq))
        return chosen


def _diverse(candidates: list[_Entry], cap: int) -> list[_Entry]:
    """Pick ``cap`` of the candidates (best first), passing over a format already listed twice
    while another format is still waiting."""
    chosen: list[_Entry] = []
    pool = list(candidates)
    counts: dict[str, int] = {}
    while pool and len(chosen) < cap:
        pick = next((m for m in pool if counts.get(m.item.type, 0) < 2), pool[0])
        pool.remove(pick)
        chosen.append(pick)
        counts[pick.item.type] = counts.get(pick.item.type, 0) + 1
    return chosen


class Curator:
    """Curates a batch: every item through one :class:`Desk`, oldest first."""

    def __init__(
        self, settings: CurateSettings | None = None, *, taxonomy: Any = None,
        embedder: Any = _DEFAULT,
    ) -> None:
        self.settings = settings or CurateSettings()
        self.taxonomy = taxonomy
        self.embedder = embedder  #: None: words alone; default: the packaged model if any

    def curate(self, items: Sequence[Item], now: datetime) -> list[Decision]:
        """Decisions in input order; items are judged as if they arrived oldest first."""
        grouper = None
        if self.embedder is not _DEFAULT:
            grouper = Grouper(window=timedelta(days=self.settings.window_days),
                              embedder=self.embedder)
        desk = Desk(self.settings, now=now, taxonomy=self.taxonomy, grouper=grouper)
        ordered = sorted(items, key=lambda i: (i.published, _arrival(i.id)))
        for item in ordered:
            if item.story is not None:
                desk.reserve(item.story)
        for start in range(0, len(ordered), BATCH):
            desk.add_many(ordered[start : start + BATCH])
        decided = {id(item): d for item, d in zip(ordered, desk.finish(now), strict=True)}
        return [decided[id(item)] for item in items]


def _arrival(item_id: int | str) -> tuple[int, int, str]:
    """A tie-break for one publication time: store ids count up as articles arrive.

    Compared as numbers, so article 9 goes before article 10 (as text it would not).
    """
    return (0, item_id, "") if isinstance(item_id, int) else (1, 0, item_id)

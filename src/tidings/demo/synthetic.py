"""Generated filler articles, so benchmarks can run the pipeline on hundreds of pages.

The text is assembled from word lists below, seeded by the article number:
the same ``synthetic=N`` always yields the same articles. It reads like news
only at a glance, which is all a throughput benchmark needs.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from tidings.demo.site import DemoArticle, LeadImage, Publisher

_ORGS = (
    "Orbis Labs",
    "Hallmere Systems",
    "the Veldt Institute",
    "Quarry AI",
    "Northgate Robotics",
    "Saltmarsh Computing",
    "the Lindqvist Foundation",
    "Tessellate",
    "Brambleworks",
    "Copperline Analytics",
    "the regional transit board",
    "Cobalt Harbor",
    "Juniper Fields",
)
_VERBS = (
    "unveils",
    "delays",
    "expands",
    "tests",
    "pauses",
    "opens",
    "questions",
    "funds",
    "trims",
    "rebuilds",
    "audits",
    "licenses",
)
_THINGS = (
    "a speech model for call centres",
    "its chip roadmap",
    "a climate forecasting tool",
    "open weights for a small model",
    "a robotics pilot in warehouses",
    "a data centre near the river",
    "a translation service for clinics",
    "a safety benchmark",
    "its labelling contracts",
    "a tutoring assistant for schools",
    "a battery recycling line",
    "an energy trading agent",
)
_QUALIFIERS = (
    "after a year of trials",
    "amid questions over cost",
    "ahead of new rules",
    "as rivals catch up",
    "following staff concerns",
    "in a bid for regulators' trust",
    "despite a shortage of parts",
    "with little fanfare",
)
_PEOPLE = (
    "Anneli Moravec",
    "Kofi Brandt",
    "Sunniva Okoro",
    "Paulo Reyes-Holm",
    "Ilse Nakamura",
    "Dov Abernathy",
    "Marisol Quist",
    "Teodor Vance",
)
_ROLES = (
    "chief executive",
    "lead engineer",
    "policy director",
    "an analyst who follows the sector",
    "a researcher who reviewed the plan",
    "the project's product manager",
)
_OPENERS = (
    "The plan had been discussed for months before it was made public.",
    "People close to the project describe the change as overdue.",
    "Not everyone inside the company agreed with the timing.",
    "The figures released so far are incomplete.",
    "Customers were told about the decision in a short email.",
    "Details about the budget have not been disclosed.",
    "Earlier versions of the system drew mixed reviews.",
    "Regulators have asked for a briefing before the launch.",
)
_CLAUSES = (
    "the work will take longer than first promised",
    "smaller competitors may find it hard to follow",
    "the early results are encouraging but narrow",
    "costs fell faster than the team expected",
    "independent testing is still months away",
    "the approach depends on data that is hard to collect",
    "the staff who run it were retrained over the summer",
    "the announcement leaves several questions open",
    "the next phase will be decided by the board in spring",
    "the results will be published once the audit ends",
)
_HEADS = ("What changes", "The numbers", "Why now", "What critics say", "What comes next")
_SECTIONS = ("ai", "business", "science", "policy")
_TAGS = ("AI", "chips", "regulation", "robotics", "startups", "research", "energy", "jobs")

#: Publishers whose feeds fail on purpose cannot list generated articles, so they get none.
_FAILING_FEEDS = ("malformed", "hang")


def _sentence(rng: random.Random, org: str) -> str:
    person = rng.choice(_PEOPLE)
    kind = rng.randrange(4)
    if kind == 0:
        return rng.choice(_OPENERS)
    if kind == 1:
        return f"{person}, {rng.choice(_ROLES)}, said {rng.choice(_CLAUSES)}."
    if kind == 2:
        return f"According to {org}, {rng.choice(_CLAUSES)}."
    first, second = rng.choice(_CLAUSES), rng.choice(_CLAUSES)
    return f"Some observers argue that {first}, while others say {second}."


def _body(rng: random.Random, org: str, words: int = 400) -> str:
    blocks: list[str] = []
    count = 0
    while count < words:
        if blocks and rng.random() < 0.12:
            blocks.append("## " + rng.choice(_HEADS))
        paragraph = " ".join(_sentence(rng, org) for _ in range(rng.randint(3, 5)))
        blocks.append(paragraph)
        count += len(paragraph.split())
    return "\n\n".join(blocks)


def synthetic_articles(
    publishers: list[Publisher], count: int, anchor: datetime, *, seed: int = 7
) -> list[DemoArticle]:
    """``count`` generated articles spread round-robin over the publishers with working feeds.

    They are dated backwards from ``anchor`` (the newest corpus article) a few
    hours apart; two in three have a lead image. URLs are not yet assigned.
    """
    if count < 0:
        raise ValueError(f"synthetic article count must be 0 or more, got {count}")
    usable = [p for p in publishers if p.feed_format not in _FAILING_FEEDS]
    if count and not usable:
        raise ValueError("no publisher with a working feed to hold synthetic articles")
    articles = []
    for i in range(count):
        rng = random.Random(seed * 1_000_003 + i)
        pub = usable[i % len(usable)]
        org = rng.choice(_ORGS)
        thing = rng.choice(_THINGS)
        title = f"{org[0].upper()}{org[1:]} {rng.choice(_VERBS)} {thing} {rng.choice(_QUALIFIERS)}"
        slug = f"synthetic-{i + 1:05d}-" + "-".join(
            w.strip("'").lower() for w in thing.split()[:4] if w.strip("'").isalpha()
        )
        kind = "article"
        if pub.template == "media":
            kind = "video" if i % 2 else "podcast"
        articles.append(
            DemoArticle(
                publisher=pub,
                slug=slug,
                title=title,
                published=anchor - timedelta(hours=3 * (i + 1), minutes=rng.randrange(60)),
                body=_body(rng, org),
                author=rng.choice(_PEOPLE) if rng.random() < 0.8 else None,
                section=rng.choice(_SECTIONS),
                type=kind,
                tags=rng.sample(_TAGS, 2),
                image=LeadImage(
                    alt=f"Illustration for a story about {thing}", caption="", credit="Demo"
                )
                if i % 3 != 2
                else None,
                synthetic=True,
            )
        )
    return articles

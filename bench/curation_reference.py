"""Relevance and topics on the reference site's records, set against its own tags.

The 102 records in ``../shared/reference/everyday/records.jsonl`` carry only a
title and an excerpt, and the reference's topics (bare keyword matches, see
SCHEMA.md there). Every record is judged and tagged as ``tidings curate``
would; the table counts agreements, and a markdown listing under ``--out``
gives every record we judge off-topic and every topic that differs from the
reference, each with its reason. Where the reference is the one that is
wrong (SCHEMA.md lists its mistakes), the reason says so.

Run alone: ``.venv/bin/python bench/curation_reference.py [--half a|b]``;
``bench/curation.py`` runs it as one section of the issue's table.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from tidings.curate import relevance, topics  # noqa: E402
from tidings.curate.items import Item  # noqa: E402
from tidings.curate.taxonomy import Taxonomy, load_taxonomy  # noqa: E402

DEFAULT_REFERENCE = ROOT.parent / "shared" / "reference" / "everyday"
DEFAULT_OUT = ROOT / "bench" / "results" / "curation"
SECTION = "reference records (relevance, topics)"
SYSTEM = "tidings"

#: The reference site's 22 topic names (SCHEMA.md §1, `_data/topics`).
REFERENCE_TOPICS = frozenset(
    ["AI", "Machine Learning", "Computer Vision", "Natural Language Processing", "AI Ethics",
     "AI Hardware", "AI in Autos", "AI in Healthcare", "AI in Finance", "AI in Marketing",
     "AI in Sales", "AI in Education", "AI in Robotics", "AI in Security", "AWS AI",
     "Microsoft AI", "Google AI", "Facebook AI", "Meta AI", "IBM AI", "TensorFlow",
     "Math for AI"]
)
#: Facebook AI became Meta AI in late 2021 (SCHEMA.md §3): one topic, two names.
RENAMED = {"Facebook AI": "Meta AI"}
SCHEMA_KEYWORDS = ("reference mistake (SCHEMA.md §3: its topics are bare keyword matches, "
                   "e.g. Meta AI on a llama or a restaurant, AI in Autos on any Waymo mention)")


@dataclass
class Judged:
    record: dict[str, Any]
    item: Item
    relevant: bool
    reason: str
    reading: topics.Reading
    ours: list[str] = field(default_factory=list)  #: topic names, umbrella first
    theirs: list[str] = field(default_factory=list)  #: reference topics, renamed


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options this section reads; ones the driver already defines are left to it."""
    known = {action.dest for action in parser._actions}

    def add(flag: str, **options: Any) -> None:
        if flag.lstrip("-").replace("-", "_") not in known:
            parser.add_argument(flag, **options)

    add("--reference", type=Path, default=DEFAULT_REFERENCE,
        help="folder holding the reference records.jsonl")
    add("--taxonomy", type=Path, default=None,
        help="topic taxonomy YAML (default: the bundled one)")
    add("--out", type=Path, default=DEFAULT_OUT, help="folder for the markdown listing")
    add("--half", choices=["a", "b"], default=None,
        help="records at even (a) or odd (b) positions only")


def measure(args: argparse.Namespace) -> list[dict[str, Any]]:
    reference = Path(getattr(args, "reference", None) or DEFAULT_REFERENCE)
    records_file = reference / "records.jsonl"
    if not records_file.exists():
        return [_row("records", "missing", note=f"{records_file} not found: section skipped")]
    taxonomy = load_taxonomy(getattr(args, "taxonomy", None))
    records = [json.loads(line) for line in records_file.read_text().splitlines() if line]
    half = getattr(args, "half", None)
    if half:
        records = records[(0 if half == "a" else 1)::2]
    started = time.perf_counter()
    judged = [judge_record(r, taxonomy) for r in records]
    seconds = time.perf_counter() - started

    out = Path(getattr(args, "out", None) or DEFAULT_OUT)
    out.mkdir(parents=True, exist_ok=True)
    listing = out / f"reference-topics{'-' + half if half else ''}.md"
    listing.write_text(render(judged, taxonomy, records_file))

    off = [j for j in judged if not j.relevant]
    kept = [j for j in judged if j.relevant]
    theirs = sum(len(_specific(j.theirs)) for j in kept)
    ours = sum(len(_specific(j.ours)) for j in kept)
    agreed = sum(len(set(_specific(j.ours)) & set(_specific(j.theirs))) for j in kept)
    same = sum(1 for j in kept if set(j.ours) == set(j.theirs))
    rows = [
        _row("records", len(judged), note=f"title and excerpt only; listing: {listing}"),
        _row("judged off-topic", len(off), note="every one listed with its reason"),
        _row("reference topics (not AI) on records we keep", theirs),
        _row("our topics (not AI) on those records", ours),
        _row("topics both give", agreed,
             note=f"{_ratio(agreed, theirs)} of the reference's, {_ratio(agreed, ours)} of ours"),
        _row("records with the same topic set", same, note=f"of {len(kept)} kept"),
        _row("ms per record (judge + tag)", round(1000 * seconds / max(len(judged), 1), 3)),
    ]
    llamas = (("escaped llama", ("escaped llama",)), ("Llama Inn review", ("llama inn",)))
    for label, words in llamas:
        found = [j for j in judged if any(w in j.record["title"].lower() for w in words)]
        if found:
            ok = all(not j.relevant and "Meta AI" not in j.ours for j in found)
            rows.append(_row(f"{label}: off-topic, not Meta AI", "yes" if ok else "NO",
                             target="yes", note=found[0].reason))
    return rows


def judge_record(record: dict[str, Any], taxonomy: Taxonomy) -> Judged:
    published = datetime.fromisoformat(str(record["publishedDateTime"]).replace("Z", "+00:00"))
    item = Item(
        id=record.get("path", record["title"]),
        title=record["title"],
        text="",  # the reference keeps no article text: judged on title and excerpt
        excerpt=record.get("excerpt", ""),
        url=record.get("webUrl", ""),
        publisher=record.get("provider", {}).get("domain", ""),
        published=published.astimezone(UTC),
    )
    relevant, reason = relevance.judge(item, taxonomy)
    reading = topics.read(item, taxonomy)
    ours = [t.name for t in reading.topics] if relevant else []
    theirs = list(dict.fromkeys(RENAMED.get(t, t) for t in record.get("topics", [])))
    return Judged(record, item, relevant, reason, reading, ours, theirs)


def render(judged: list[Judged], taxonomy: Taxonomy, source: Path) -> str:
    lines = [
        "# Relevance and topics on the reference records",
        "",
        f"Records: {len(judged)} from `{source}` (title and excerpt only). "
        f"Taxonomy: `{taxonomy.source}`. \"Facebook AI\" is read as \"Meta AI\" (renamed in "
        "2021). Every reference record carries \"AI\"; it is only compared where we judge "
        "the record off-topic.",
        "",
        "## Records judged off-topic",
        "",
        "| # | title | reference topics | why we keep it out |",
        "|---|---|---|---|",
    ]
    for n, j in enumerate(judged, start=1):
        if not j.relevant:
            note = _off_topic_note(j)
            lines.append(f"| {n} | {_cell(j.record['title'])} | {', '.join(j.theirs)} | "
                         f"{_cell(j.reason)}{note} |")
    lines += ["", "## Topics that differ from the reference (records we keep)", "",
              "| # | title | topic | reference | ours | reason |", "|---|---|---|---|---|---|"]
    for n, j in enumerate(judged, start=1):
        if not j.relevant:
            continue
        for name in j.theirs:
            if name not in j.ours:
                lines.append(f"| {n} | {_cell(j.record['title'])} | {name} | yes | no | "
                             f"{_cell(_missing_reason(j, name, taxonomy))} |")
        for name in j.ours:
            if name not in j.theirs:
                lines.append(f"| {n} | {_cell(j.record['title'])} | {name} | no | yes | "
                             f"{_cell(_added_reason(j, name))} |")
    return "\n".join(lines) + "\n"


def _off_topic_note(j: Judged) -> str:
    misread = [m for m in j.reading.rejected() if m.topic.name in j.theirs]
    if not misread:
        return ""
    m = misread[0]
    if m.context:  # a word nearby shows the other sense
        return f" — the reference gave {m.topic.name} for {m.alias!r}: {SCHEMA_KEYWORDS}"
    return (f" — the reference gave {m.topic.name} for the bare word {m.alias!r}, with no AI "
            "words near it (SCHEMA.md §3: keyword matching)")


def _missing_reason(j: Judged, name: str, taxonomy: Taxonomy) -> str:
    spec = taxonomy.topic(name)
    if spec is None:
        return "not a topic of our taxonomy"
    mentions = [m for m in j.reading.mentions if m.topic.name == name]
    accepted = [m for m in mentions if m.accepted]
    score = j.reading.scores.get(name, 0.0)
    if accepted and score >= taxonomy.min_score:
        kept = ", ".join(t for t in j.ours[1:])
        return f"outranked: score {score:g}, the {len(j.ours) - 1} kept ({kept}) score higher"
    if accepted:
        m = accepted[0]
        return (f"named once, too weakly: {m.alias!r} in the {m.part} scores {score:g} "
                f"< {taxonomy.min_score:g}")
    if mentions:
        m = mentions[0]
        blame = f"; {SCHEMA_KEYWORDS}" if name in ("Meta AI", "AI in Autos") else ""
        return (f"{m.alias!r} does not count here ({m.why}): "
                f"\"{topics.clip(m.sentence, 110)}\"{blame}")
    if name == "Meta AI":
        return ("nothing in the title or excerpt names Meta or its models; SCHEMA.md §3: Meta AI "
                "is inflated in this sample (found through the meta-ai feed, keyword tags)")
    return (f"no alias of {name} in the title or excerpt: the reference's tag rests on words "
            "it does not show (its keyword lists are not public)")


def _added_reason(j: Judged, name: str) -> str:
    evidence = next((t.evidence for t in j.reading.topics if t.name == name), "")
    if name not in REFERENCE_TOPICS:
        return f"not in the reference's taxonomy; {evidence}"
    return f"the reference misses it; {evidence}"


def _specific(names: list[str]) -> list[str]:
    return [n for n in names if n != "AI"]


def _ratio(part: int, whole: int) -> str:
    return f"{part / whole:.0%}" if whole else "-"


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _row(metric: str, value: Any, *, target: Any = "", note: str = "") -> dict[str, Any]:
    return {"section": SECTION, "system": SYSTEM, "metric": metric, "value": value,
            "target": target, "note": note}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_arguments(parser)
    args = parser.parse_args()
    for row in measure(args):
        print(f"{row['metric']:<48} {row['value']!s:>8}  {row['target']!s:>4}  {row['note']}")


if __name__ == "__main__":
    main()

"""`tidings curate --input ITEMS.jsonl --output OUT.jsonl`, run as a user runs it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

from typer.testing import CliRunner

from tidings.cli import app
from tidings.curate.jsonl import curate_lines

START = datetime(2026, 11, 2, 8, 0, tzinfo=UTC)

CHIP = (
    "Halvorsen Semiconductor unveiled the Tern-9 AI accelerator on Monday, a chip built for "
    "inference in data centres. The company said the accelerator runs large language models "
    "at half the power of its previous GPU line. Chief executive Mara Veldt told analysts that "
    "the first Tern-9 boards ship in March to three cloud customers. Analysts expect the machine "
    "learning market to keep growing as companies move AI models from pilots into products. "
) * 3
LLAMA = ("A llama named Pebble left its paddock on Sunday and walked along the highway for an "
         "hour. Drivers slowed down as the llama trotted past the farm shop. ") * 12


def line(id_: object, hours: float, *, text: str = CHIP, **kw: object) -> str:
    data = {"id": id_, "title": "Halvorsen unveils the Tern-9 AI accelerator", "text": text,
            "url": f"https://www.site{id_}.example/news/{id_}", "publisher": f"Site {id_}",
            "publishedDateTime": (START + timedelta(hours=hours)).isoformat()}
    data.update(kw)
    return json.dumps(data)


def run(tmp_path: Path, lines: list[str], *args: str) -> tuple[list[dict], str, int]:
    source, target = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["curate", "--input", str(source), "--output", str(target),
                                      *args])
    out = [json.loads(x) for x in target.read_text(encoding="utf-8").splitlines()] \
        if target.exists() else []
    return out, result.output, result.exit_code


def test_every_input_line_gets_an_output_line_in_input_order_with_its_decisions(
    tmp_path: Path,
) -> None:
    lines = [line("late", 30), line(7, 2), line("off", 1, text=LLAMA, title="Escaped llama"),
             line("early", 0)]
    out, _, code = run(tmp_path, lines)
    assert code == 0
    assert [o["id"] for o in out] == ["late", 7, "off", "early"]
    for o in out:
        for key in ("relevant", "topics", "story", "quality", "heat", "published", "related",
                    "quality_parts", "heat_parts", "relevance", "story_evidence"):
            assert key in o, key
        assert "text" not in o  # the body is not echoed back
        assert o["url"].startswith("https://")
    off = out[2]
    assert off["relevant"] is False and off["published"] is False and off["story"] is None
    assert all(o["relevant"] for o in out if o["id"] != "off")


def test_one_story_across_publishers_names_its_other_articles_as_related(tmp_path: Path) -> None:
    out, _, _ = run(tmp_path, [line(1, 0), line(2, 1, author="B. Writer"), line(3, 2)])
    stories = {o["story"] for o in out}
    assert len(stories) == 1
    leads = [o for o in out if o["lead"]]
    assert len(leads) == 1 and leads[0]["published"]
    for o in out:
        if o["duplicate_of"] is None:
            assert o["id"] not in o["related"]


def test_bad_lines_are_reported_with_their_number_and_skipped(tmp_path: Path) -> None:
    lines = [line(1, 0), "{not json", json.dumps(["a", "list"]), line(None, 1),
             line(4, 2, publishedDateTime="last Tuesday"), "", line(5, 3)]
    out, printed, code = run(tmp_path, lines)
    assert code == 0
    assert [o.get("id", o.get("line")) for o in out] == [1, 2, 3, 4, 5, 5]
    errors = {o["line"]: o["error"] for o in out if "error" in o}
    assert set(errors) == {2, 3, 4, 5}
    assert "not JSON" in errors[2] and "JSON object" in errors[3] and "id" in errors[4]
    assert "ISO 8601" in errors[5]
    assert "line 2:" in printed and "line 5:" in printed
    assert "4 bad line(s) skipped" in printed
    assert [o["id"] for o in out if "error" not in o] == [1, 5]


def test_now_sets_the_moment_heat_is_computed_for(tmp_path: Path) -> None:
    fresh, _, _ = run(tmp_path, [line(1, 0)])
    week_later = (START + timedelta(days=7)).isoformat()
    cold, _, _ = run(tmp_path, [line(1, 0)], "--now", week_later)
    assert fresh[0]["heat"] > cold[0]["heat"]
    assert cold[0]["heat_parts"]["recency"] < 0.2
    _, printed, code = run(tmp_path, [line(1, 0)], "--now", "someday")
    assert code == 2 and "--now" in printed


def test_a_publisher_given_by_name_and_one_given_by_url_are_the_same_publisher(
    tmp_path: Path,
) -> None:
    by_name = line(1, 0, url="", publisher="The Verge")
    by_url = line(2, 1, url="https://www.theverge.com/2026/11/2/tern", publisher="")
    out, _, _ = run(tmp_path, [by_name, by_url])
    assert out[0]["story"] == out[1]["story"]
    assert out[0]["related"] == [] and out[1]["related"] == []  # no related from oneself


def test_lines_are_written_while_reading_so_memory_stays_bounded() -> None:
    """Two months of articles, one a day: output starts long before the input ends.

    Whether the grouper sees one story or sixty, no article waits more than two
    windows (7 days each) after it arrived, plus the batch it was read with.
    """
    read = 0
    written_after: list[int] = []

    def lines() -> Iterator[str]:
        nonlocal read
        for n in range(60):
            read += 1
            yield line(n, 24 * n, text=CHIP.replace("Tern-9", f"Model{n}X").replace(
                "Halvorsen", f"Maker{n}q"), title=f"Maker{n}q unveils the Model{n}X AI accelerator")

    report = curate_lines(lines(), lambda _: written_after.append(read), batch_size=4)
    assert len(written_after) == 60 == report.curated
    assert written_after[0] <= 2 * 7 + 2 + 4
    assert report.most_waiting <= 2 * 7 + 2 + 4

"""Body recall rules: the long-paragraph estimate, the balanced re-run and the baseline floor."""

from __future__ import annotations

import pytest

from tidings.extract import body
from tidings.extract.body import main_content, paragraph_chars, parse_html
from tidings.extract.errors import ExtractError

URL = "https://harbourgazette.example/2026/03/ferry-timetable"
LONG = (
    "The harbour ferry will run every twenty minutes from the first of April, the council "
    "said on Tuesday after a long debate about fares and the winter timetable."
)


def test_paragraph_estimate_skips_short_linked_and_furniture_paragraphs():
    page = parse_html(
        "<html><body>"
        f"<p>{LONG}</p><p>Short line.</p>"
        f"<p><a href='/a'>{LONG}</a></p>"
        f"<footer><p>{LONG}</p></footer><nav><p>{LONG}</p></nav>"
        f"<div><p>{LONG} {LONG}</p></div>"
        "</body></html>"
    )
    assert paragraph_chars(page) == len(LONG) * 3 + 1


def test_short_precision_result_is_rechecked_with_balanced_settings(monkeypatch):
    calls: list[dict[str, bool]] = []
    short = parse_html(f"<html><body><p>{LONG}</p></body></html>").find("body")
    full = parse_html(f"<html><body>{f'<p>{LONG}</p>' * 6}</body></html>").find("body")

    def fake_run(tree, url, tables=True, **settings):
        calls.append(settings)
        return full if not settings else short

    monkeypatch.setattr(body, "_run", fake_run)
    page = parse_html(f"<html><body>{f'<p>{LONG}</p>' * 6}</body></html>")
    assert body._recall_check(short, page, lambda: fake_run(page, URL)) is full
    assert calls == [{}]
    # A result that already holds most of the page's paragraphs is not re-run.
    calls.clear()
    assert body._recall_check(full, page, lambda: fake_run(page, URL)) is full
    assert calls == []


def test_page_with_text_but_no_extractable_body_falls_back_to_baseline(monkeypatch):
    monkeypatch.setattr(body, "_run", lambda *args, **kwargs: None)
    html = f"<html><body><div><span>{LONG} {LONG}</span></div></body></html>"
    _, text = main_content(html, URL)
    assert "harbour ferry" in text


def test_page_without_text_still_fails(monkeypatch):
    monkeypatch.setattr(body, "_run", lambda *args, **kwargs: None)
    with pytest.raises(ExtractError):
        main_content("<html><body><p>Loading...</p></body></html>", URL)


def test_block_estimate_counts_lists_and_short_paragraphs_but_not_chrome():
    items = ["Pack a head torch.", "Check the tide table.", "Tell someone your route."]
    page = parse_html(
        "<html><body>"
        f"<ul>{''.join(f'<li>{item}</li>' for item in items)}</ul>"
        "<p>Short but real.</p>"
        "<li><p>Nested paragraph.</p></li>"
        "<p><a href='/x'>A paragraph that is only a link</a></p>"
        "<nav><li>Home</li></nav><footer><p>Contact us.</p></footer>"
        "</body></html>"
    )
    expected = sum(map(len, items)) + len("Short but real.") + len("Nested paragraph.")
    assert body.block_chars(page) == expected
    assert paragraph_chars(page) == 0


def test_body_of_short_blocks_is_rechecked_with_recall_settings():
    step = "rinse the filter and dry it in the sun"
    blocks = "".join(f"<li>Step {n}: {step}.</li>" for n in range(12))
    page = parse_html(f"<html><body><ol>{blocks}</ol></body></html>")
    short = parse_html("<html><body><p>Step 0: rinse the filter.</p></body></html>").find("body")
    full = page.find("body")
    asked: list[bool] = []

    def rerun():
        asked.append(True)
        return full

    assert body._block_check(short, page, rerun) is full
    # Once the result holds most of the blocks, recall is not asked.
    asked.clear()
    assert body._block_check(full, page, rerun) is full
    assert asked == []

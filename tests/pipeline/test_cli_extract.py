"""`tidings extract PATH_OR_URL... --json`: one JSON object per input, in input order.

One command runs for the whole module with five inputs: a saved HTML page, a
plain-text scrape, a page on a local web server, a file that does not exist and
a URL that answers 404. The last two come back as error objects while the
others still print.
"""

from __future__ import annotations

import json
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from .conftest import FIXTURES, run_tidings

ARTICLE_FIELDS = {
    "title", "excerpt", "text", "publishedDateTime", "webUrl", "originalUrl", "author",
    "language", "type", "provider", "images",
}


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def web_root(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A static site on 127.0.0.1: one article page and its lead picture."""
    folder = tmp_path_factory.mktemp("served")
    shutil.copy(FIXTURES / "served" / "reservoir-heron-survey.html", folder)
    (folder / "images").mkdir()
    Image.new("RGB", (640, 360), (96, 120, 140)).save(folder / "images" / "heron-survey.png")
    handler = partial(_QuietHandler, directory=str(folder))
    with ThreadingHTTPServer(("127.0.0.1", 0), handler) as httpd:
        thread = threading.Thread(target=httpd.serve_forever, daemon=True)
        thread.start()
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
        httpd.shutdown()
        thread.join(timeout=5)


@dataclass
class Extracted:
    inputs: list[str]
    exit_code: int
    objects: list[dict[str, Any]]
    stderr: str

    def of(self, position: int) -> dict[str, Any]:
        return self.objects[position]


@pytest.fixture(scope="module")
def extracted(web_root: str, tmp_path_factory: pytest.TempPathFactory) -> Extracted:
    missing = tmp_path_factory.mktemp("nothing") / "no-such-page.html"
    inputs = [
        str(FIXTURES / "ferry-timetable.html"),
        str(FIXTURES / "allotment-scrape.txt"),
        f"{web_root}/reservoir-heron-survey.html",
        str(missing),
        f"{web_root}/withdrawn-story.html",
    ]
    done = run_tidings("extract", *inputs, "--json", timeout=60)
    objects = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    return Extracted(inputs, done.returncode, objects, done.stderr)


HTML_FILE, SCRAPE, WEB_PAGE, MISSING_FILE, NOT_FOUND = range(5)


def test_prints_one_json_line_per_input(extracted: Extracted) -> None:
    assert extracted.exit_code == 0, extracted.stderr[-2000:]
    assert len(extracted.objects) == len(extracted.inputs)


def test_objects_come_in_input_order(extracted: Extracted) -> None:
    html, scrape, web, missing, not_found = extracted.objects
    assert html["originalUrl"] == Path(extracted.inputs[HTML_FILE]).as_uri()
    assert scrape["originalUrl"] == Path(extracted.inputs[SCRAPE]).as_uri()
    assert web["originalUrl"] == extracted.inputs[WEB_PAGE]
    assert missing["input"] == extracted.inputs[MISSING_FILE]
    assert not_found["input"] == extracted.inputs[NOT_FOUND]


def test_each_article_object_has_the_documented_fields(extracted: Extracted) -> None:
    for position in (HTML_FILE, SCRAPE, WEB_PAGE):
        article = extracted.of(position)
        assert set(article) == ARTICLE_FIELDS, extracted.inputs[position]
        assert set(article["provider"]) == {"name", "domain"}
        assert isinstance(article["images"], list)
        for image in article["images"]:
            assert set(image) == {"url", "width", "height"}


def test_a_saved_html_page_gives_its_article(extracted: Extracted) -> None:
    article = extracted.of(HTML_FILE)
    assert article["title"] == (
        "Island ferry operator lets a forecasting model redraw its winter timetable"
    )
    assert article["author"] == "Petra Holloway"
    assert article["publishedDateTime"] == "2026-11-12T09:40:00Z"
    assert article["language"] == "en"
    assert "handed its winter timetable to a machine learning model" in article["text"]
    assert "Islanders want a say" in article["text"]
    assert "All rights reserved" not in article["text"]
    assert article["excerpt"] and article["excerpt"] in article["text"]


def test_a_text_scrape_takes_its_title_and_date_from_the_first_lines(
    extracted: Extracted,
) -> None:
    article = extracted.of(SCRAPE)
    assert article["title"] == "Allotment society trials a camera that counts slugs overnight"
    assert article["publishedDateTime"].startswith("2026-11-14")
    assert article["text"].startswith("Gardeners at the Fenwick Road allotments")
    assert "What the counts show" in article["text"]


def test_a_text_scrape_loses_its_share_counters_and_buttons(extracted: Extracted) -> None:
    lines = extracted.of(SCRAPE)["text"].splitlines()
    for furniture in ("14", "203", "2.7K", "Share this article", "Facebook", "WhatsApp", "Email"):
        assert furniture not in lines


def test_a_text_scrape_loses_its_previous_and_next_article_lines(extracted: Extracted) -> None:
    text = extracted.of(SCRAPE)["text"]
    assert "Previous article" not in text and "Next article" not in text
    assert "Council extends opening hours" not in text
    assert "Record marrow" not in text


def test_a_text_scrape_loses_the_author_bio_but_keeps_the_name(extracted: Extracted) -> None:
    article = extracted.of(SCRAPE)
    assert "retired soil scientist" not in article["text"]
    assert article["text"].rstrip().endswith("compare notes.")
    assert article["author"] == "Gideon Farrant"


def test_a_page_on_a_web_server_gives_its_article_and_lead_image(
    extracted: Extracted, web_root: str
) -> None:
    article = extracted.of(WEB_PAGE)
    assert article["title"] == "Volunteers and a vision model count herons at Millbeck reservoir"
    assert article["webUrl"] == extracted.inputs[WEB_PAGE]
    assert article["author"] == "Tobias Wrenfield"
    assert "rarely counts the same heron twice" in article["text"]
    assert [i["url"] for i in article["images"]] == [f"{web_root}/images/heron-survey.png"]


def test_a_missing_file_gives_an_error_object(extracted: Extracted) -> None:
    failure = extracted.of(MISSING_FILE)
    assert set(failure) == {"input", "error"}
    assert "No such file" in failure["error"] or "FileNotFound" in failure["error"]


def test_a_url_that_answers_404_gives_an_error_object(extracted: Extracted) -> None:
    failure = extracted.of(NOT_FOUND)
    assert set(failure) == {"input", "error"}
    assert "404" in failure["error"]

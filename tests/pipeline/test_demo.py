"""`tidings demo --out DIR --no-serve` on the real bundled corpus, end to end.

The demo runs once for the whole module (about ten seconds). Its hanging feed
cannot be shortened from here: `run_demo` starts its DemoServer with a fixed
``hang_seconds=30`` (src/tidings/demo/runner.py), and what the run actually
waits for is the fetcher's read timeout (2 s, one retry), not the hang itself.

The last section copies the finished workspace and runs one more cycle on it,
to show that a second cycle rewrites nothing and stores nothing twice.
"""

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from lxml import html
from PIL import Image as PILImage
from typer.testing import Result

from tidings import config
from tidings.demo import DemoServer, load_corpus
from tidings.demo.site import DemoArticle, Publisher
from tidings.pipeline import Pipeline, RunReport
from tidings.publish.images import LARGE_BOX, THUMB_BOX, cache_paths, fitted
from tidings.publish.records import parse_record, record_from_dict
from tidings.store import Store

from .conftest import execute, invoke, own_environment, query, record_files

#: The reference record's keys, in its order; the ones marked optional may be left out.
SEED_KEYS = (
    "category", "title", "excerpt", "publishedDateTime", "originalUrl", "webUrl", "type",
    "quality", "heat", "published", "provider", "topics", "images", "related", "secured",
)
OPTIONAL_KEYS = {"images", "related"}

#: Pages the corpus plants to be kept out of an AI feed: llamas, a restaurant, a theatre
#: festival called META, and two market-research releases.
OFF_TOPIC = (
    "ridgeline/escaped-llama-stops-traffic-on-route-9",
    "ridgeline/review-the-llama-lantern",
    "ridgeline/meta-fest-community-theatre-experimental-festival",
    "marketpulse/conversational-ai-platform-market-report",
    "marketpulse/edge-ai-inference-chip-market-forecast-2032",
)


@dataclass
class DemoRun:
    out: Path
    result: Result
    records: dict[str, dict[str, Any]]  #: file name -> front matter
    publishers: list[Publisher]
    corpus: dict[str, DemoArticle]  #: "publisher/slug" -> article

    @property
    def root(self) -> Path:
        return self.out / ".tidings"

    @property
    def database(self) -> Path:
        return self.root / "tidings.sqlite"

    def store(self) -> Store:
        return Store(f"sqlite:///{self.database}")

    def record_for(self, web_url: str) -> dict[str, Any] | None:
        found = [r for r in self.records.values() if r["webUrl"] == web_url]
        assert len(found) <= 1, f"{len(found)} records for {web_url}"
        return found[0] if found else None

    def publisher(self, feed_format: str) -> Publisher:
        return next(p for p in self.publishers if p.feed_format == feed_format)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> DemoRun:
    out = tmp_path_factory.mktemp("demo") / "site"
    with own_environment():
        result = invoke("demo", "--out", out, "--no-serve")
    records = {path.name: parse_record(path.read_text(encoding="utf-8"))
               for path in record_files(out)}
    publishers, articles = load_corpus()
    return DemoRun(out, result, records, publishers, {a.key: a for a in articles})


# -- the run and its records ---------------------------------------------------------------


def test_demo_command_exits_zero(demo: DemoRun) -> None:
    assert demo.result.exit_code == 0, demo.result.output[-3000:]


def test_demo_writes_at_least_forty_records(demo: DemoRun) -> None:
    assert len(demo.records) >= 40


def test_every_record_reads_back_as_a_record(demo: DemoRun) -> None:
    for name, front_matter in demo.records.items():
        record = record_from_dict(front_matter)
        assert record.title and record.web_url, name


def test_every_record_has_the_seed_keys_in_the_seed_order(demo: DemoRun) -> None:
    for name, front_matter in demo.records.items():
        expected = [k for k in SEED_KEYS if k in front_matter or k not in OPTIONAL_KEYS]
        assert list(front_matter) == expected, name


def test_each_record_file_is_named_after_its_publication_date(demo: DemoRun) -> None:
    for name, front_matter in demo.records.items():
        published = record_from_dict(front_matter).published
        assert name[:11] == f"{published:%Y-%m-%d}-", name


def test_no_two_records_share_a_web_url(demo: DemoRun) -> None:
    counts = Counter(r["webUrl"] for r in demo.records.values())
    assert [url for url, n in counts.items() if n > 1] == []


# -- planted cases -------------------------------------------------------------------------


def test_syndicated_copy_and_its_original_are_one_record_of_the_original(demo: DemoRun) -> None:
    copies = [a for a in demo.corpus.values() if a.flags.get("syndicated-from")]
    assert copies, "the corpus plants a syndicated copy"
    with demo.store() as store:
        for copy in copies:
            original = demo.corpus[str(copy.flags["syndicated-from"])]
            record = demo.record_for(original.web_url)
            assert record is not None and record["originalUrl"] == original.url
            assert not any(r["originalUrl"] == copy.url for r in demo.records.values())
            assert store.find_article(copy.url) == store.find_article(original.url)


def test_amp_links_are_stored_under_the_regular_page(demo: DemoRun) -> None:
    listed_as_amp = [a for a in demo.corpus.values()
                     if a.publisher.template == "amp" and not a.missing]
    assert listed_as_amp
    with demo.store() as store:
        for article in listed_as_amp:
            stored = store.find_article(article.url)
            assert stored is not None, article.url
            assert stored.web_url == article.page_url
    assert not any("/amp/" in r["webUrl"] for r in demo.records.values())


def test_ref_rss_links_are_stored_without_the_tracking_parameter(demo: DemoRun) -> None:
    tracked = [a for a in demo.corpus.values() if "ref=rss" in a.url and not a.missing]
    assert tracked
    with demo.store() as store:
        for article in tracked:
            stored = store.find_article(article.url)
            assert stored is not None, article.url
            assert stored.web_url == article.web_url and "ref=" not in stored.web_url
    assert not any("ref=rss" in r["webUrl"] for r in demo.records.values())


def test_malformed_feed_is_reported_against_its_source(demo: DemoRun) -> None:
    with demo.store() as store:
        source = store.get_source(demo.publisher("malformed").feed_url)
    assert source is not None and source.last_error is not None
    assert "malformed" in source.last_error
    assert source.error_count == 1 and source.articles_stored == 0


def test_hanging_feed_times_out_and_is_reported_against_its_source(demo: DemoRun) -> None:
    with demo.store() as store:
        source = store.get_source(demo.publisher("hang").feed_url)
    assert source is not None and source.last_error is not None
    assert source.last_error_kind == "timeout" and "timed out" in source.last_error
    assert source.articles_stored == 0


def test_missing_page_fails_its_link_against_its_source_and_stores_nothing(
    demo: DemoRun,
) -> None:
    missing = [a for a in demo.corpus.values() if a.missing]
    assert missing
    with demo.store() as store:
        for article in missing:
            source = store.get_source(article.publisher.feed_url)
            assert source is not None
            [(state, error, source_id)] = query(
                demo.database, "SELECT state, last_error, source_id FROM links WHERE url = ?",
                article.url,
            )
            assert state == "failed" and "404" in error and source_id == source.id
            assert store.find_article(article.url) is None


def test_healthy_sources_carry_on_beside_the_failing_ones(demo: DemoRun) -> None:
    healthy = [p for p in demo.publishers if p.feed_format not in ("malformed", "hang")]
    with demo.store() as store:
        for publisher in healthy:
            source = store.get_source(publisher.feed_url)
            assert source is not None and source.last_error is None, publisher.slug
            assert source.items_seen > 0, publisher.slug


def test_bad_lead_image_leaves_the_article_with_a_record_but_no_images(demo: DemoRun) -> None:
    bad = [a for a in demo.corpus.values() if a.bad_image]
    assert bad
    with demo.store() as store:
        for article in bad:
            record = demo.record_for(article.web_url)
            assert record is not None, article.key
            assert "images" not in record
            stored = store.find_article(article.url)
            assert stored is not None and stored.images == ()


def test_lead_images_are_cached_by_the_site_and_records_say_so(demo: DemoRun) -> None:
    images = [i for r in demo.records.values() for i in r.get("images", [])]
    assert len(images) >= 10
    for image in images:
        assert image["isCached"] is True and image["url"].startswith("http")
        large, thumb = cache_paths(image["url"])
        true_size = (image["width"], image["height"])
        for path, box in ((large, LARGE_BOX), (thumb, THUMB_BOX)):
            with PILImage.open(demo.out / path) as copy:
                assert copy.format == "JPEG" and copy.size == fitted(*true_size, box)


def test_the_front_page_shows_cached_thumbnails_only(demo: DemoRun) -> None:
    front = html.fromstring((demo.out / "index.html").read_bytes())
    sources = [img.get("src") for img in front.xpath("//img")]
    assert not any(s.startswith(("http:", "https:", "//")) for s in sources)  # no hot-links
    thumbs = [img.get("src") for img in front.xpath("//img[@class='thumb']")]
    assert thumbs and all(s.startswith("assets/images/news/") for s in thumbs)
    assert all(s.endswith("-thumb.jpg") and (demo.out / s).is_file() for s in thumbs)


def test_publisher_logos_are_written_at_both_sizes_and_named_by_records(demo: DemoRun) -> None:
    folder = demo.out / "assets/images/organizations"
    small = sorted(folder.glob("*-50x50.jpg"))
    assert len(small) >= 5, "the issue asks for at least five publisher logos in the demo"
    for path in small:
        with PILImage.open(path) as logo:
            assert logo.format == "JPEG" and logo.size == (50, 50)
        large = path.with_name(path.name.replace("-50x50", "-400x400"))
        with PILImage.open(large) as logo:
            assert logo.size == (400, 400)
    named = {r["provider"]["images"][0]["url"].rsplit("/", 1)[-1]
             for r in demo.records.values() if r["provider"].get("images")}
    assert named and named <= {p.name for p in small}
    assert "publisher logos written" in demo.result.output


@pytest.mark.parametrize("key", OFF_TOPIC)
def test_off_topic_page_is_stored_but_gets_no_record(demo: DemoRun, key: str) -> None:
    article = demo.corpus[key]
    with demo.store() as store:
        stored = store.find_article(article.url)
    assert stored is not None, "the page was fetched and kept in the database"
    assert stored.relevant is False
    assert demo.record_for(stored.web_url) is None


def test_related_lists_only_name_other_publishers(demo: DemoRun) -> None:
    with_related = [r for r in demo.records.values() if r.get("related")]
    assert with_related, "the corpus plants stories covered by several publishers"
    for record in with_related:
        own = record["provider"]["domain"]
        others = [item["provider"]["domain"] for item in record["related"]]
        assert own not in others, record["webUrl"]
        assert record["webUrl"] not in [item["webUrl"] for item in record["related"]]


def test_related_lists_are_sorted_by_quality_highest_first(demo: DemoRun) -> None:
    for record in demo.records.values():
        qualities = [item["quality"] for item in record.get("related", [])]
        assert qualities == sorted(qualities, reverse=True), record["webUrl"]


# -- a second cycle on the same workspace --------------------------------------------------


@dataclass
class Rerun:
    before: dict[str, tuple[int, bytes]]  #: record file -> (mtime_ns, bytes)
    after: dict[str, tuple[int, bytes]]
    counts_before: dict[str, int]
    counts_after: dict[str, int]
    report: RunReport
    database: Path


def _snapshot(out: Path) -> dict[str, tuple[int, bytes]]:
    return {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in record_files(out)}


@pytest.fixture(scope="module")
def rerun(demo: DemoRun, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Rerun]:
    """Copy the demo's workspace and site, make every healthy source due, run one more cycle.

    The copy (mtimes kept) spares the other tests in this module from a changed workspace.
    The cycle runs at the demo's own clock, so heat is computed for the same moment.
    """
    out = tmp_path_factory.mktemp("rerun") / "site"
    shutil.copytree(demo.out, out)
    root = out / ".tidings"
    with own_environment(), DemoServer(hang_seconds=30.0) as server:
        workspace = config.load(root)
        workspace.settings.output = str(out)
        workspace.settings.fetch = replace(workspace.settings.fetch,
                                           resolve=server.resolve_map())
        config.save(workspace)
        # Poll every healthy source again, without the validators that would let it
        # answer 304: its whole listing is read and queued a second time.
        execute(root / "tidings.sqlite", "UPDATE sources SET next_poll_at = NULL, etag = NULL, "
                "last_modified = NULL WHERE last_error IS NULL")
        as_of = max(a.published for a in server.articles()) + timedelta(hours=6)
        with Store(workspace.database_url) as store:
            counts_before = store.counts()
        before = _snapshot(out)
        report = Pipeline(workspace, progress=False, clock=lambda: as_of).run()
        with Store(workspace.database_url) as store:
            counts_after = store.counts()
    yield Rerun(before, _snapshot(out), counts_before, counts_after, report,
                root / "tidings.sqlite")


def test_rerun_polls_every_healthy_source_again(rerun: Rerun, demo: DemoRun) -> None:
    healthy = {p.feed_url for p in demo.publishers if p.feed_format not in ("malformed", "hang")}
    assert {p.url for p in rerun.report.polls} == healthy
    assert {p.outcome for p in rerun.report.polls} == {"ok"}


def test_rerun_changes_no_record_file(rerun: Rerun) -> None:
    assert rerun.after.keys() == rerun.before.keys()
    changed = [name for name in rerun.before if rerun.after[name] != rerun.before[name]]
    assert changed == []
    assert rerun.report.publishing is not None and rerun.report.publishing.written == 0


def test_rerun_stores_nothing_twice(rerun: Rerun) -> None:
    assert rerun.counts_after == rerun.counts_before
    assert rerun.report.stored == 0
    assert sum(p.new_links for p in rerun.report.polls) == 0
    [(rows, urls)] = query(rerun.database,
                           "SELECT count(*), count(DISTINCT web_url) FROM articles")
    assert rows == urls

"""`tidings serve` in a real browser, over the demo's database and site folder.

The live app shows the static site's pages from the database, plus a search page.
A reader opens the front page, follows a story, narrows the news to one topic and
searches for a word, seeing the cached pictures and publisher logos on the way.
The Content-Security-Policy is checked by what the browser does with it: an
inline script added to a page does not run, and neither does any script a
source page tried to smuggle into an article's text.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path

import pytest

from .conftest import PHONE, Tab, assert_page_is_whole

RESULTS = re.compile(r"^(\d+) results?\b")


def test_a_reader_opens_a_story_from_the_live_front_page(tab: Tab, live_app: str) -> None:
    tab.goto(live_app)
    assert tab.page.locator("h1").inner_text() == "Top AI stories"
    logos = tab.page.locator(".byline img")
    assert logos.count() > 0, "bylines show the publishers' logos"
    assert_page_is_whole(tab)

    covered = tab.page.locator("article.story", has=tab.page.locator(".related")).first
    coverage = covered.locator(".coverage li a").all_inner_texts()
    headline = tab.follow(covered.locator("h2 a"))
    assert tab.page.locator("h1").inner_text() == headline
    assert set(coverage) <= set(tab.page.locator("#coverage + .coverage li a").all_inner_texts())
    assert tab.page.locator("img.lead-picture").count() == 1
    assert_page_is_whole(tab)

    topic = tab.follow(tab.page.locator(".tags a").first)
    assert tab.page.locator("h1").inner_text() == topic
    assert_page_is_whole(tab)


def test_search_finds_a_word_from_a_front_page_headline(tab: Tab, live_app: str) -> None:
    tab.goto(live_app)
    headline = tab.page.locator("article.story h2 a").first.inner_text()
    word = max(re.findall(r"[A-Za-z]{4,}", headline), key=len)

    tab.follow(tab.page.get_by_role("link", name="Search"))
    tab.page.get_by_label("Words to look for").fill(word)
    with tab.page.expect_navigation():
        tab.page.keyboard.press("Enter")
    heading = tab.page.locator("#results").inner_text()
    assert word in heading and RESULTS.match(heading), heading
    titles = tab.page.locator(".items .item-title").all_inner_texts()
    assert headline in titles
    assert_page_is_whole(tab)


def test_search_narrows_the_news_to_one_topic(tab: Tab, live_app: str) -> None:
    tab.goto(live_app + "search")
    topics = tab.page.locator("#topic option:not([value=''])")
    assert topics.count() > 1
    # The least common topic, so the filter visibly leaves most of the news out.
    labels = topics.all_inner_texts()
    label = min(labels, key=lambda text: int(text.rsplit("(", 1)[1].rstrip(")")))
    name, count = label.rsplit(" (", 1)
    tab.page.select_option("#topic", label=label)
    with tab.page.expect_navigation():
        tab.page.get_by_role("button", name="Search").click()
    match = RESULTS.match(tab.page.locator("#results").inner_text())
    assert match and int(match.group(1)) == int(count.rstrip(")"))
    items = tab.page.locator(".items article.item")
    assert items.count() > 0
    for item in items.all():
        assert name in item.locator(".tags a").all_inner_texts()
    assert_page_is_whole(tab)


LIVE_PAGES = ("", "search?q=model", "topics/", "docs")


@pytest.mark.parametrize("path", LIVE_PAGES)
def test_live_pages_fit_a_phone(open_tab: Callable[..., Tab], live_app: str, path: str) -> None:
    tab = open_tab(viewport=PHONE)
    tab.goto(live_app + path)
    assert tab.horizontal_overflow() == 0
    assert_page_is_whole(tab)


def test_the_policy_stops_an_inline_script_added_to_a_page(tab: Tab, live_app: str) -> None:
    response = tab.page.goto(live_app)
    assert response is not None and "content-security-policy" in response.headers
    assert tab.page.evaluate("document.scripts.length") == 0, "the pages need no script"
    ran = tab.page.evaluate("""() => new Promise(done => {
        let blocked = null;
        document.addEventListener('securitypolicyviolation',
                                  e => { blocked = e.violatedDirective; });
        const script = document.createElement('script');
        script.textContent = 'window.__inline = true';
        document.body.append(script);
        // The violation event is queued; give it a moment rather than wait for it forever.
        setTimeout(() => done({ran: window.__inline === true, blocked}), 250);
    })""")
    assert ran["ran"] is False, "an inline script ran"
    assert (ran["blocked"] or "").startswith("script-src"), ran
    assert any("Content Security Policy" in e for e in tab.errors), tab.errors


HOSTILE = """<p>Before the planted markup.</p>
<script>window.__ran = "script";</script>
<img src="/planted.png" onerror="window.__ran = 'onerror'">
<p onclick="window.__ran = 'onclick'">After the planted markup.</p>
<p><a href="javascript:window.__ran = 'link'">A planted link</a></p>
<iframe srcdoc="<script>parent.__ran = 'frame'</script>"></iframe>"""


@pytest.fixture
def planted_article(demo_site: Path, tab: Tab, live_app: str) -> Iterator[int]:
    """A published article whose stored HTML carries script in every form a page can hide it
    in; the demo database gets the article's own HTML back afterwards."""
    tab.goto(live_app + "news/")
    article_id = int(tab.page.locator("article.item h2").first.get_attribute("id").split("-")[1])
    database = demo_site / ".tidings" / "tidings.sqlite"
    with closing(sqlite3.connect(database, timeout=5)) as db, db:
        (original,) = db.execute("SELECT html FROM articles WHERE id = ?", (article_id,)).fetchone()
        db.execute("UPDATE articles SET html = ? WHERE id = ?", (HOSTILE, article_id))
    try:
        yield article_id
    finally:
        with closing(sqlite3.connect(database, timeout=5)) as db, db:
            db.execute("UPDATE articles SET html = ? WHERE id = ?", (original, article_id))


def test_no_script_from_a_source_page_runs(tab: Tab, live_app: str, planted_article: int) -> None:
    tab.goto(f"{live_app}articles/{planted_article}.html")
    body = tab.page.locator(".body")
    assert "After the planted markup." in body.inner_text(), "the article text is shown"
    planted = body.get_by_text("A planted link")
    if planted.count():  # the words may stay; the javascript: target must not
        assert not (planted.get_attribute("href") or "").lower().startswith("javascript")
        planted.click()
    left = tab.page.evaluate("""[...document.querySelectorAll('*')].flatMap(el =>
        [el.localName, ...[...el.attributes].map(a => a.name)]).filter(name =>
        ['script', 'iframe', 'object', 'embed'].includes(name) || name.startsWith('on'))""")
    assert left == []
    assert tab.page.evaluate("window.__ran") is None
    assert_page_is_whole(tab)

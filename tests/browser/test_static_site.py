"""The static site the demo writes, read in a real browser: from disk and from a web server.

A reader lands on the front page, opens a story that several publishers covered,
sees that coverage, moves on to one of the story's topics and to the page that
explains the scores. On every page the pictures have loaded and carry an alt
attribute, nothing is logged as an error, and nothing is fetched from beyond this
machine. The same pages fit a phone's width and can be used from the keyboard.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import PHONE, Tab, assert_page_is_whole

ORIGINS = ("file", "http")


@pytest.fixture(params=ORIGINS)
def front_page(request: pytest.FixtureRequest, demo_site: Path) -> str:
    """The front page's URL, once as a file on disk and once from a loopback web server."""
    if request.param == "file":
        return (demo_site / "index.html").as_uri()
    return request.getfixturevalue("static_server") + "index.html"


def test_a_reader_follows_a_story_to_its_topic_and_the_scores(tab: Tab, front_page: str) -> None:
    tab.goto(front_page)
    assert tab.page.locator("h1").inner_text() == "Top AI stories"
    # Pictures to check: the cached lead pictures and the publishers' logos in the bylines.
    assert tab.page.locator("img.thumb").count() > 0
    assert tab.page.locator(".byline img").count() > 0
    covered = tab.page.locator("article.story", has=tab.page.locator(".related")).first
    coverage = covered.locator(".coverage li a").all_inner_texts()
    assert coverage, "the demo plants stories that several publishers cover"
    assert_page_is_whole(tab)

    headline = tab.follow(covered.locator("h2 a"))
    assert tab.page.locator("h1").inner_text() == headline
    on_story_page = tab.page.locator("#coverage + .coverage li a").all_inner_texts()
    assert set(coverage) <= set(on_story_page)
    assert_page_is_whole(tab)

    topic = tab.follow(tab.page.locator(".tags a").first)
    assert tab.page.locator("h1").inner_text() == topic
    assert tab.page.locator("article.item h2").count() > 0
    assert_page_is_whole(tab)

    tab.follow(tab.page.get_by_role("link", name="How we rank"))
    assert tab.page.locator("h1").inner_text() == "How stories are ranked"
    assert_page_is_whole(tab)


def test_the_topics_page_lists_every_topic_with_its_story_count(
    tab: Tab, static_server: str
) -> None:
    tab.goto(static_server + "topics/index.html")
    topics = tab.page.locator(".topic-list li")
    assert topics.count() > 1
    first = topics.first.locator("a").inner_text()
    count = int(topics.first.locator(".count").inner_text().strip("()"))
    tab.follow(topics.first.locator("a"))
    assert tab.page.locator("h1").inner_text() == first
    assert tab.page.locator(".lede").inner_text().startswith(f"{count} stor")
    assert_page_is_whole(tab)


PHONE_PAGES = ("index.html", "news/index.html", "topics/index.html", "about/scores.html")


@pytest.mark.parametrize("path", PHONE_PAGES)
def test_pages_fit_a_phone_without_sideways_scrolling(
    open_tab: Callable[..., Tab], static_server: str, path: str
) -> None:
    tab = open_tab(viewport=PHONE)
    tab.goto(static_server + path)
    assert tab.horizontal_overflow() == 0
    assert_page_is_whole(tab)


def test_a_story_page_fits_a_phone(open_tab: Callable[..., Tab], static_server: str) -> None:
    tab = open_tab(viewport=PHONE)
    tab.goto(static_server + "index.html")
    tab.follow(tab.page.locator("article.story h2 a").first)
    assert tab.horizontal_overflow() == 0
    assert_page_is_whole(tab)


def test_the_first_tab_reaches_a_visible_skip_link_to_the_content(
    tab: Tab, static_server: str
) -> None:
    tab.goto(static_server + "index.html")
    tab.page.keyboard.press("Tab")
    focused = tab.page.evaluate("""(() => {
        const el = document.activeElement, box = el.getBoundingClientRect(),
              style = getComputedStyle(el);
        return {text: el.textContent.trim(), href: el.getAttribute('href'),
                inView: box.width > 0 && box.height > 0 && box.left >= 0 && box.top >= 0
                        && box.right <= innerWidth && box.bottom <= innerHeight,
                outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0};
    })()""")
    assert focused["href"] == "#main" and focused["text"], focused
    assert focused["inView"], "the skip link stays off screen when focused"
    assert focused["outline"], "the focused skip link shows no focus outline"

    tab.page.keyboard.press("Enter")
    # Following the link to a fragment settles a moment after the key press: wait for it.
    tab.page.wait_for_function("location.hash === '#main'", timeout=5000)
    assert tab.page.url.endswith("#main")
    tab.page.keyboard.press("Tab")
    # From the skip target the next Tab lands inside the content, past the masthead.
    inside_main = tab.page.evaluate("document.activeElement.closest('main') !== null")
    assert inside_main

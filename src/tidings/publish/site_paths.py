"""Where each published file lives, and how one page links to another.

All names are relative to the site folder. Pages link to each other with
relative paths that name the file (``topics/ai/index.html``, never ``topics/ai/``
or ``/topics/ai``), because a site opened from ``file://`` has no server to map
a folder to its index, and a site served under a sub-path breaks on ``/`` links.
"""

from __future__ import annotations

from urllib.parse import quote

PAGE_SIZE = 20  #: items per API page and per listing page, as on the reference site
FRONT_PAGE = "index.html"
TOPICS_PAGE = "topics/index.html"
SCORES_PAGE = "about/scores.html"
STYLESHEET = "assets/site.css"
SITEMAP = "sitemap.xml"
NEWS_SITEMAP = "news-sitemap.xml"


def page_count(total: int) -> int:
    """Pages needed for ``total`` items; an empty listing still has its first page."""
    return max(1, -(-total // PAGE_SIZE))


def story_page(key: str) -> str:
    return f"stories/{key}.html"


def listing_page(slug: str | None, page: int) -> str:
    """A topic's listing (or all news when ``slug`` is None), newest first."""
    folder = "news" if slug is None else f"topics/{slug}"
    return f"{folder}/index.html" if page == 1 else f"{folder}/page-{page}.html"


def api_page(slug: str | None, page: int) -> str:
    """The reference site's API layout: page 1 is the folder's index, page N under page/N."""
    folder = "api/news" if slug is None else f"api/news/{slug}"
    return f"{folder}/index.json" if page == 1 else f"{folder}/page/{page}/index.json"


def feed_path(slug: str | None, extension: str) -> str:
    """``feeds/all.<ext>`` or ``feeds/topics/<slug>.<ext>``; ext is xml, atom or json."""
    return f"feeds/all.{extension}" if slug is None else f"feeds/topics/{slug}.{extension}"


def relative(target: str, page: str) -> str:
    """The link from ``page`` to ``target``, both site-relative file names.

    Worked out on the names alone (``posixpath.relpath`` asks the OS for the
    working directory on every call, which dominated building a large site).
    """
    here = page.split("/")[:-1]
    there = target.split("/")
    common = 0
    while common < min(len(here), len(there) - 1) and here[common] == there[common]:
        common += 1
    return quote("/".join([".."] * (len(here) - common) + there[common:]))


def absolute(base_url: str, path: str) -> str:
    """The public URL of a site file (feeds and sitemaps need absolute URLs)."""
    return base_url.rstrip("/") + "/" + quote(path)

"""Extract-and-store loop used by test_crash: run as a script, killed from outside.

It works through the pending links, saving one article per link and
printing the link id after each commit, so the test knows how far it got.
Links come in pairs that lead to the same canonical URL, so both the
insert and the alias path are exercised when the kill lands.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta

from tidings.models import Article
from tidings.store import Store


def article_for(url: str) -> Article:
    n = int(url.rsplit("/", 1)[1])
    story = n // 2
    return Article(
        original_url=url,
        web_url=f"https://news.example/story/{story}",
        title=f"Story {story}",
        text=f"Text of story {story}. " * 40,
        published=datetime(2025, 1, 1, tzinfo=UTC) + timedelta(minutes=story),
    )


def main(url: str) -> None:
    with Store(url) as store:
        for link in store.pending_links():
            store.save_article(article_for(link.url), source_id=link.source_id, link_id=link.id)
            print(link.id, flush=True)


if __name__ == "__main__":
    main(sys.argv[1])

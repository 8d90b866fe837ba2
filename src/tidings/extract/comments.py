"""Boxes of reader comments (and, on product pages, customer reviews) removed before extraction.

trafilatura leaves out reader comments only when their container is marked the way
it expects; many sites call it ``comments-list``, ``comment_container`` or
``commentlist``, and those comments then come out as part of the body: the remarks
under each answer of a Q&A page, the testimonials under a product's description.
A box whose class or id names it a *list* or *container* of comments is dropped.
On a page that declares itself a discussion (``DiscussionForumPosting`` or
``QAPage``) the replies are the thread, and some forums call them comments: there
a box that is one comment (class ``comment``) stays, and so does a comment box
holding a large share of the page (see ``THREAD_SHARE``).

Reviews go only on pages that declare a product and not an article: there any box
marked ``review`` (a review list, one review card, a ratings widget) that holds a
small share of the page goes. On a review article the review box is the article
itself, and on service and shop-front pages testimonials are often the content.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from tidings.extract.tree import drop, text_chars

# Cheap pre-filter in C over the class and id attributes only (a quarter faster than
# testing every element); the exact test is in Python below.
_CANDIDATES = etree.XPath("(//@class | //@id)[contains(., 'omment') or contains(., 'eview')]/..")
_COMMENT_BOX = re.compile(r"comments?[-_]?(?:list|container|section|area|wrap)")
_DISCUSSION = re.compile(r"DiscussionForumPosting|QAPage")
_LD_SCRIPTS = etree.XPath("//script[contains(translate(@type, 'JSON', 'json'), 'ld+json')]")
_ITEMTYPES = etree.XPath("//@itemtype")
#: A box holding more than this share of the page's text is not a side box: it may
#: be the page's own content under a careless class name.
MAX_SHARE = 0.3
#: Review boxes on product pages: each must hold less than this share of the page's
#: text (tuned on WCXB dev half a: 0.1 / 0.2 / 0.3 gave +0.16 / +0.33 / +0.30 page-F1).
REVIEW_SHARE = 0.2
#: On a discussion page, the comments under one post hold a small part of the page
#: (Q&A sites on WCXB dev: at most 0.18); a box holding more is the thread's replies.
THREAD_SHARE = 0.2


def prune_comments(tree: Any, product: bool = False, discussion: bool | None = None) -> Any:
    """Remove comment-list boxes (and review boxes when ``product``) from ``tree``; return it.

    ``product``: the page declares a product and not an article. ``discussion``: the page
    declares a thread or Q&A page (see :func:`declares_discussion`); None reads ``tree``.
    """
    doomed: list[Any] = []
    page_chars = 0
    for node in _CANDIDATES(tree):
        marks = f"{node.get('class') or ''} {node.get('id') or ''}".lower()
        comments = _COMMENT_BOX.search(marks) is not None
        if not (comments or (product and "review" in marks)):
            continue
        if not page_chars:
            page_chars = text_chars(tree)
            if discussion is None:
                discussion = declares_discussion(tree)
        if comments:
            if discussion and "comment" in (node.get("class") or "").lower().split():
                continue
            share = THREAD_SHARE if discussion else MAX_SHARE
        else:
            share = REVIEW_SHARE
        if text_chars(node) < share * page_chars:
            doomed.append(node)
    for node in doomed:
        drop(node)
    return tree


def declares_discussion(tree: Any) -> bool:
    """True when JSON-LD or microdata says the page is a forum thread or a Q&A page."""
    if any(_DISCUSSION.search(script.text or "") for script in _LD_SCRIPTS(tree)):
        return True
    return any(_DISCUSSION.search(str(value)) for value in _ITEMTYPES(tree))


"""Boxes of comments under a post (and reviews under a product) are not the page's content,
but on a forum that calls its replies comments the replies are the thread."""

from __future__ import annotations

import lxml.html

from tidings.extract import extract_html
from tidings.extract.comments import declares_discussion, prune_comments

QUESTION = (
    "How do I keep a sourdough starter alive while I am away for three weeks? I feed it"
    " every morning at the moment and the jar lives on the kitchen counter next to the oven."
)
ANSWER = (
    "Feed it well, let it rise for an hour, then put the jar in the fridge with the lid"
    " loosely on. A cold starter sleeps for a month without harm; when you are back, feed it"
    " twice a day for two days and it will be as lively as before you left."
)
REMARK = "Worked for me over the holidays, thanks a lot for the tip about the lid."


def _qa_page() -> str:
    """A Q&A page: a question and two answers, each followed by a list of short remarks."""

    def post(text: str, post_id: int) -> str:
        remarks = "".join(
            f"<li class='comment js-comment'><div class='comment-body'>"
            f"<span class='comment-copy'>{REMARK} Number {post_id}{n}.</span> - "
            f"<a class='comment-user' href='/u/{n}'>Baker{n}</a> "
            f"<span class='comment-date'>Mar {n}, 2020</span></div></li>"
            for n in range(1, 4)
        )
        return (
            f"<div class='post-layout'><div class='post-body'><p>{text}</p></div>"
            f"<div id='comments-{post_id}' class='comments js-comments-container'>"
            f"<ul class='comments-list'>{remarks}</ul></div></div>"
        )

    second = ANSWER.replace("Feed it well", "Dry some on baking paper")
    return (
        "<html><head><title>Starter while away</title>"
        '<script type="application/ld+json">{"@type": "QAPage"}</script></head>'
        f"<body><main><h1>Starter while away</h1>{post(QUESTION, 1)}<h2>2 Answers</h2>"
        f"{post(ANSWER, 2)}{post(second, 3)}</main></body></html>"
    )


def test_the_comments_under_each_post_of_a_q_and_a_page_are_left_out() -> None:
    # The page's <main> region (remarks included) would otherwise replace the extraction.
    text = extract_html(_qa_page(), "https://qa.example.org/q/1").text
    assert "sourdough starter" in text
    assert "fridge with the lid" in text
    assert "Dry some on baking paper" in text
    assert "Worked for me over the holidays" not in text


def test_a_forum_that_calls_each_reply_a_comment_keeps_its_replies() -> None:
    replies = "".join(
        f"<div class='comment comment-container'><p>{text}</p></div>"
        for text in (ANSWER, REMARK + " I left mine for five weeks and it was fine.")
    )
    html = (
        '<html><head><script type="application/ld+json">{"@type": "DiscussionForumPosting"}'
        f"</script></head><body><div class='thread'><p>{QUESTION}</p>{replies}</div>"
        "</body></html>"
    )
    tree = lxml.html.document_fromstring(html)
    assert declares_discussion(tree)
    text = prune_comments(tree).text_content()
    assert "fridge with the lid" in text
    assert "five weeks" in text


def test_outside_a_discussion_a_comment_container_is_page_furniture() -> None:
    html = (
        f"<html><body><article><p>{QUESTION}</p><p>{ANSWER}</p>"
        f"<div class='comment-container'><p>{REMARK}</p></div></article></body></html>"
    )
    text = prune_comments(lxml.html.document_fromstring(html)).text_content()
    assert "fridge with the lid" in text
    assert "Worked for me" not in text


def test_a_comment_box_holding_most_of_the_page_is_kept() -> None:
    # A careless class name on the content itself: too large to be a side box.
    html = (
        f"<html><body><div class='comments-area'><p>{QUESTION}</p><p>{ANSWER}</p></div>"
        "</body></html>"
    )
    text = prune_comments(lxml.html.document_fromstring(html)).text_content()
    assert "fridge with the lid" in text


def test_review_boxes_go_only_on_product_pages() -> None:
    html = (
        f"<html><body><div class='description'><p>{QUESTION}</p><p>{ANSWER}</p></div>"
        f"<div class='reviews-list'><p>{REMARK}</p></div></body></html>"
    )
    as_product = prune_comments(lxml.html.document_fromstring(html), product=True)
    assert "Worked for me" not in as_product.text_content()
    # On a review article the review box is the article: it stays.
    as_page = prune_comments(lxml.html.document_fromstring(html), product=False)
    assert "Worked for me" in as_page.text_content()


def _shop_page(head: str) -> str:
    """A product page whose customer reviews sit in a box of their own under the description."""
    reviews = "".join(
        f"<div class='review-card'><p>{text}</p><span>Verified buyer</span></div>"
        for text in (
            "Lovely glaze and a good weight in the hand, I use it every single morning.",
            "Arrived well packed. Slightly smaller than I expected but still a favourite.",
            "Bought two as a gift and ordered a third for myself a week later, very happy.",
        )
    )
    return (
        f"<html><head><title>Oatmeal mug</title>{head}"
        '<script type="application/ld+json">{"@type": "Product", "name": "Oatmeal mug"}</script>'
        f"</head><body><main><h1>Oatmeal mug</h1><div class='description'><p>{QUESTION}</p>"
        f"<p>{ANSWER}</p></div><section class='reviews'><h2>Reviews</h2>{reviews}</section>"
        "</main></body></html>"
    )


def test_a_product_page_leaves_its_customer_reviews_out() -> None:
    text = extract_html(_shop_page(""), "https://shop.example.org/mug").text
    assert "fridge with the lid" in text
    assert "Lovely glaze" not in text


def test_an_article_that_reviews_a_product_keeps_its_review() -> None:
    head = '<meta property="og:type" content="article">'
    text = extract_html(_shop_page(head), "https://shop.example.org/mug").text
    assert "fridge with the lid" in text
    assert "Lovely glaze" in text

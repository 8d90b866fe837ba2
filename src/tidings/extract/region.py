"""The page's own main region: the body of pages that are not articles.

trafilatura looks for running prose. On a listing, a category page or a
service page the content is mostly short linked blocks (teasers, product
cards, feature boxes), which it drops as boilerplate, so it keeps only an
intro paragraph or a sidebar. Many such pages mark their content with
``<main>`` (or ``role="main"``); that region, minus navigation and widgets,
is a better body when it holds much more text than the extraction.

Product pages are left alone: their ``<main>`` also holds option pickers,
reviews and recommendations, and trafilatura does better there (measured on
the WCXB dev pages; forum threads, by contrast, gain). They are recognised by
the type they declare in JSON-LD or microdata, not by their address.
"""

from __future__ import annotations

import re
from copy import deepcopy
from typing import Any

from lxml import etree

from tidings.extract.tree import drop

_REGION = etree.XPath("//main|//*[@role='main']")
#: Never content inside the main region: navigation, page chrome, widgets.
_NOT_CONTENT = etree.XPath(
    "|".join(
        f".//{tag}"
        for tag in (
            "script", "style", "iframe", "noscript", "button", "select", "svg", "nav",
            "header", "footer", "aside", "template", "dialog", "input", "textarea", "label",
        )
    )
)
_DECLARED = re.compile(r'"@type"\s*:\s*\[?\s*"Product"|schema\.org/Product\b')
_LD_SCRIPTS = etree.XPath("//script[contains(translate(@type, 'JSON', 'json'), 'ld+json')]")
_ITEMTYPES = etree.XPath("//@itemtype")


def declares_product(tree: Any) -> bool:
    """True when JSON-LD or microdata says the page is a product."""
    if any(_DECLARED.search(script.text or "") for script in _LD_SCRIPTS(tree)):
        return True
    return any(_DECLARED.search(str(value)) for value in _ITEMTYPES(tree))


def main_region(tree: Any) -> Any | None:
    """A copy of the page's largest ``<main>`` region without its chrome, or None.

    ``tree`` is not modified. The copy still needs the body's own cleaning.
    """
    found = _REGION(tree)
    if not found:
        return None
    region = deepcopy(max(found, key=lambda node: len(node.text_content())))
    for node in _NOT_CONTENT(region):
        drop(node)
    region.tag = "body"
    return region

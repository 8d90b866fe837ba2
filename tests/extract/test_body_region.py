"""Pages that are not articles: the <main> region, and overlays that are never content."""

from __future__ import annotations

from tidings.extract.body import main_content, parse_html, prune_furniture
from tidings.extract.region import declares_product, main_region

URL = "https://seedlibrary.example/catalogue/beans"
INTRO = (
    "Our seed library lends heritage bean varieties to local growers every spring, and asks "
    "only that each borrower returns a handful of seeds from the harvest in the autumn."
)
CARDS = [
    ("Painted Lady runner", "Red and white flowers, long flat pods, climbs to two metres."),
    ("Cherokee Trail of Tears", "Black seeds, purple pods, a reliable cropper in cool summers."),
    ("Czar white runner", "Large white seeds for drying, slow to start but very heavy."),
    ("Borlotti Lingua di Fuoco", "Speckled pods for fresh shelling beans in late summer."),
    ("Blauhilde climbing", "Purple stringless pods that turn green when cooked."),
    ("Kew Blue dwarf", "A compact bush bean for pots, with dark blue pods."),
]


def listing_page(head: str = "") -> str:
    """A catalogue page: a short intro, then linked cards trafilatura treats as teasers."""
    cards = "".join(
        f"<div class='card'><a href='/beans/{n}'><h3>{name}</h3>"
        f"<span>{note}</span></a></div>"
        for n, (name, note) in enumerate(CARDS)
    )
    return (
        f"<html><head><title>Beans</title>{head}</head><body>"
        "<header><nav><a href='/'>Home</a> <a href='/catalogue'>Catalogue</a></nav></header>"
        f"<main><h1>Beans</h1><p>{INTRO}</p>{cards}"
        "<aside><p>Opening hours: Saturdays only.</p></aside></main>"
        "<footer><p>Run by volunteers.</p></footer></body></html>"
    )


def test_main_region_drops_navigation_and_sidebars_but_keeps_cards():
    region = main_region(parse_html(listing_page()))
    text = " ".join(region.itertext())
    assert "Kew Blue dwarf" in text and INTRO[:40] in text
    assert "Opening hours" not in text
    assert main_region(parse_html("<html><body><p>No main here.</p></body></html>")) is None


def test_listing_page_keeps_its_cards():
    _, text = main_content(listing_page(), URL, "Beans")
    for name, note in CARDS:
        assert name in text and note in text
    assert "Run by volunteers" not in text


def test_article_pages_never_use_the_region():
    head = '<meta property="og:type" content="article">'
    _, text = main_content(listing_page(head), URL, "Beans")
    assert "Kew Blue dwarf" not in text


def test_declared_products_never_use_the_region():
    head = '<script type="application/ld+json">{"@type": "Product", "name": "Beans"}</script>'
    assert declares_product(parse_html(listing_page(head)))
    _, text = main_content(listing_page(head), URL, "Beans")
    assert "Kew Blue dwarf" not in text
    microdata = listing_page().replace("<main>", "<main itemtype='https://schema.org/Product'>")
    assert declares_product(parse_html(microdata))
    assert not declares_product(parse_html(listing_page()))
    # A page that only mentions a product is not a product page.
    picks = '{"@type": "ItemList", "name": "Product picks"}'
    offers = f'<script type="application/ld+json">{picks}</script>'
    assert not declares_product(parse_html(listing_page(offers)))


def consent_centre(role: str = 'role="dialog"') -> str:
    purposes = "".join(
        f"<h4>Purpose {n}</h4><p>These trackers measure how visitors use the site so that the "
        f"publisher can count audiences and improve pages, purpose number {n}.</p>"
        for n in range(12)
    )
    return f'<div id="privacy-centre" {role}><h2>Privacy preferences</h2>{purposes}</div>'


def test_long_consent_dialog_is_pruned_but_not_when_it_is_the_page():
    article = "".join(f"<p>{INTRO} Part {n}.</p>" for n in range(20))
    page = parse_html(f"<html><body><article>{article}</article>{consent_centre()}</body></html>")
    pruned = prune_furniture(page)
    assert "Privacy preferences" not in pruned.text_content()
    assert "Part 19" in pruned.text_content()
    # A cookie banner marked only by its class goes too.
    marked = consent_centre('class="cookie-consent-panel"')
    page = parse_html(f"<html><body><article>{article}</article>{marked}</body></html>")
    assert "Privacy preferences" not in prune_furniture(page).text_content()
    # A page whose text is mostly inside a dialog keeps it: that is the content.
    alone = parse_html(f"<html><body><p>Menu</p>{consent_centre()}</body></html>")
    assert "Privacy preferences" in prune_furniture(alone).text_content()


def test_long_section_about_cookies_is_not_an_overlay():
    guide = "".join(
        f"<p>Call set_cookie on the response to store value {n}; read it back from the request "
        f"on the next visit, and sign it so that visitors cannot change it.</p>"
        for n in range(10)
    )
    other = "".join(f"<p>{INTRO} Section {n}.</p>" for n in range(10))
    page = parse_html(
        f"<html><body><div id='routing'>{other}</div>"
        f"<section id='cookies'><h2>Cookies</h2>{guide}</section></body></html>"
    )
    assert "set_cookie on the response" in prune_furniture(page).text_content()
    # The same section marked as a cookie banner is dropped.
    banner = parse_html(
        f"<html><body><div id='routing'>{other}</div>"
        f"<section class='cookie-banner'><h2>Cookies</h2>{guide}</section></body></html>"
    )
    assert "set_cookie on the response" not in prune_furniture(banner).text_content()

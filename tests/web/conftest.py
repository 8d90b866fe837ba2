"""Fixtures for the live app's tests: a small curated store, and the real app served by
uvicorn on 127.0.0.1 in a thread, talked to over HTTP with httpx.

The store is built once per session and copied for each test, so an editorial
action in one test never shows in another. Its contents are listed in
:class:`Desk`; tests refer to articles by the names there, not by guessed ids.
"""

from __future__ import annotations

import io
import shutil
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from PIL import Image as PILImage

from tidings.models import Article, Image
from tidings.publish.images import cache_paths
from tidings.store import Store
from tidings.web import create_app

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
TOKEN = "editor-token-0123456789abcdef"
FILLERS = 23  #: one-article stories, so "all news" runs to a second page
#: What a hostile source page may carry; none of it may reach our HTML.
HOSTILE_HTML = (
    '<p>The chip runs models at a <b>tenth</b> of the power.</p>'
    '<script>alert("script")</script>'
    '<p><img src="x" onerror="alert(\'onerror\')">A picture that is not one.</p>'
    '<p><a href="javascript:alert(\'js\')">a javascript link</a> and '
    '<a href="/press/kestrel" onclick="steal()">the press release</a>.</p>'
    '<iframe src="https://evil.example/frame"></iframe>'
    '<p style="position:fixed">Styled text.</p>'
)


@dataclass(frozen=True)
class Desk:
    """The ids of the store's articles, by role."""

    chip: int  #: lead of a three-publisher story, heat 70, with a cached picture
    chip_beta: int  #: coverage of the chip story
    chip_gamma: int  #: coverage of the chip story
    chip_copy: int  #: a near-copy of the chip lead: never listed
    robotaxi: int  #: lead of its story, heat 50
    licence: int  #: lead of its story, heat 40, from Beta Daily
    seed_round: int  #: relevant but below the heat threshold: not published
    llama: int  #: not AI news
    fillers: tuple[int, ...] = field(default=())

    @property
    def published(self) -> int:
        return 3 + len(self.fillers)


def _article(number: int, title: str, hours_ago: float, *, domain: str, provider: str,
             text: str, html: str = "", images: list[Image] | None = None) -> Article:
    return Article(
        original_url=f"https://{domain}/news/{number}?utm_source=feed",
        web_url=f"https://{domain}/news/{number}",
        title=title,
        text=text,
        excerpt=text.split(". ")[0] + ".",
        html=html or f"<p>{text}</p>",
        published=NOW - timedelta(hours=hours_ago),
        language="en",
        provider_name=provider,
        provider_domain=domain,
        images=images or [],
    )


def _cached_picture(site_dir: Path, url: str) -> Image:
    """A picture whose two copies the site holds, as the image cache would write them."""
    large, thumb = cache_paths(url)
    for path, size in ((large, (1200, 675)), (thumb, (400, 225))):
        target = site_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        buffer = io.BytesIO()
        PILImage.new("RGB", size, (30, 90, 160)).save(buffer, "JPEG")
        target.write_bytes(buffer.getvalue())
    return Image(url, 1200, 675, cached={"large": large, "thumb": thumb})


def build_desk(store: Store, site_dir: Path) -> Desk:
    """Articles as curation would leave them: stories, scores, topics with evidence."""

    def add(article: Article, **curation: Any) -> int:
        stored, _ = store.save_article(article, source_id=None)
        names = curation.pop("topics", ["AI"])
        meta = {
            "duplicate_of": curation.pop("duplicate_of", None),
            "lead": curation.pop("lead", False),
            "relevance": "mentions AI in its headline and first paragraph",
            "quality": {"authority": 20, "completeness": 25, "originality": 20, "format": 10},
            "heat": {"coverage": 20, "speed": 10, "authority": 10, "quality": 25,
                     "recency": 1.0},
            "published": "heat above the threshold",
        }
        store.update_curation(
            stored.id, relevant=curation.pop("relevant", True),
            topics=[{"name": n, "evidence": f"the text is about {n.lower()}"} for n in names],
            curation=meta, **curation,
        )
        return stored.id

    chip_text = ("Halden unveiled the Kestrel inference chip for data centres. It runs "
                 "language models at a tenth of the power of last year's parts.")
    chips = store.create_story(title="Kestrel chip")
    picture = _cached_picture(site_dir, "https://alpha.example/media/kestrel.jpg")
    chip = add(_article(1, "Halden unveils the Kestrel inference chip", 5,
                        domain="alpha.example", provider="Alpha News", text=chip_text,
                        html=HOSTILE_HTML, images=[picture]),
               story_id=chips, lead=True, published=True, heat=70, quality=80,
               topics=["AI", "AI Hardware"])
    beta = add(_article(2, "Beta Daily on the Kestrel chip's power budget", 4,
                        domain="beta.example", provider="Beta Daily", text=chip_text),
               story_id=chips, published=False, heat=70, quality=60, topics=["AI Hardware"])
    gamma = add(_article(3, "Kestrel chip: what analysts make of it", 3,
                         domain="gamma.example", provider="Gamma Wire", text=chip_text),
                story_id=chips, published=False, heat=70, quality=50, topics=["AI Hardware"])
    store.update_curation(chip, related=[beta, gamma])
    copy = add(_article(4, "Halden unveils the Kestrel inference chip (syndicated)", 2,
                        domain="copy.example", provider="Copy Post", text=chip_text),
               story_id=chips, duplicate_of=chip, published=False, heat=70, quality=20)

    robotaxis = store.create_story(title="Robotaxis")
    robotaxi = add(_article(5, "Port Calder pauses its robotaxi fleet", 8,
                            domain="delta.example", provider="Delta Post",
                            text="Port Calder pulled its driverless taxis off the streets "
                                 "after the self-driving software missed a cyclist."),
                   story_id=robotaxis, lead=True, published=True, heat=50, quality=70,
                   topics=["AI", "Autonomous Vehicles"])
    law = store.create_story(title="Licence law")
    licence = add(_article(6, "Parliament passes the AI model licence law", 30,
                           domain="beta.example", provider="Beta Daily",
                           text="Vellmark's parliament passed a law that licenses large AI "
                                "models after an all-night debate."),
                  story_id=law, lead=True, published=True, heat=40, quality=75,
                  topics=["AI", "AI Policy"])
    seed = store.create_story(title="Seed round")
    seed_round = add(_article(7, "Tiny startup raises a seed round for AI invoices", 6,
                              domain="epsilon.example", provider="Epsilon",
                              text="A two-person startup raised money to read invoices "
                                   "with a language model."),
                     story_id=seed, lead=True, published=False, heat=20, quality=40)
    llama = add(_article(8, "Escaped llama stops traffic on Route 9", 1,
                         domain="farm.example", provider="Farm Gazette",
                         text="A llama escaped from a farm and stopped traffic for an hour."),
                relevant=False, published=False, heat=0, quality=0, topics=[])
    fillers = []
    for n in range(FILLERS):
        story = store.create_story(title=f"Filler {n}")
        fillers.append(add(
            _article(100 + n, f"Filler story number {n} about machine learning", 40 + n,
                     domain="zeta.example", provider="Zeta Times",
                     text=f"Filler number {n} covers a machine learning result."),
            story_id=story, lead=True, published=True, heat=35, quality=60))
    return Desk(chip=chip, chip_beta=beta, chip_gamma=gamma, chip_copy=copy,
                robotaxi=robotaxi, licence=licence, seed_round=seed_round, llama=llama,
                fillers=tuple(fillers))


@pytest.fixture(scope="session")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Desk]:
    """A folder holding the seeded database and the site folder with its cached picture."""
    root = tmp_path_factory.mktemp("seed")
    with Store(f"sqlite:///{root / 'tidings.sqlite'}", clock=lambda: NOW) as store:
        desk = build_desk(store, root / "site")
    return root, desk


@pytest.fixture
def desk(seeded: tuple[Path, Desk]) -> Desk:
    return seeded[1]


@pytest.fixture
def workspace(seeded: tuple[Path, Desk], tmp_path: Path) -> Path:
    """A private copy of the seeded database and site folder for one test."""
    shutil.copytree(seeded[0], tmp_path / "ws")
    return tmp_path / "ws"


@pytest.fixture
def store(workspace: Path) -> Iterator[Store]:
    with Store(f"sqlite:///{workspace / 'tidings.sqlite'}", clock=lambda: NOW) as opened:
        yield opened


@dataclass
class Running:
    """A running app: its base URL and a client for it."""

    url: str
    client: httpx.Client
    store: Store
    site_dir: Path


def run_server(app: Any) -> tuple[uvicorn.Server, threading.Thread, int]:
    """Start ``app`` under uvicorn on 127.0.0.1 and an ephemeral port, in a thread."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the app did not start")
        time.sleep(0.01)
    return server, thread, port


@pytest.fixture
def serve(store: Store, workspace: Path) -> Iterator[Callable[..., Running]]:
    """Start the app on the test's store; keyword arguments go to ``create_app``."""
    running: list[tuple[uvicorn.Server, threading.Thread, httpx.Client]] = []

    def start(**options: Any) -> Running:
        options.setdefault("tokens", [TOKEN])
        options.setdefault("site_dir", workspace / "site")
        app = create_app(store, **options)
        server, thread, port = run_server(app)
        url = f"http://127.0.0.1:{port}"
        client = httpx.Client(base_url=url, timeout=10, trust_env=False)
        running.append((server, thread, client))
        return Running(url=url, client=client, store=store, site_dir=options["site_dir"])

    yield start
    for server, thread, client in running:
        client.close()
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture
def app(serve: Callable[..., Running]) -> Running:
    """The app with one editor token configured."""
    return serve()


@pytest.fixture
def client(app: Running) -> httpx.Client:
    return app.client


def editor_headers(token: str = TOKEN) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}

"""``create_app``: the live site, its JSON API and the editorial actions, on one store.

The app reads the database on every request (no snapshot to go stale), so an
editor's action or a finished ``tidings run`` shows on the next page load.
Cached pictures and publisher logos are files the pipeline wrote into the site
folder; they are served from there as they are.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tidings.config import Workspace
from tidings.publish.site import SITE_TITLE
from tidings.store import Store
from tidings.web import api, pages
from tidings.web.auth import Editors, load_tokens
from tidings.web.context import AppContext
from tidings.web.live import LiveSite
from tidings.web.security import SecurityHeaders

IMAGES = "assets/images"  #: cached article pictures and publisher logos, under the site folder
DESCRIPTION = ("Tidings' live AI news desk: search and read what is published, and, with an "
               "API token, decide what is.")


def create_app(
    store: Store,
    *,
    site_dir: Path | None = None,
    tokens: tuple[str, ...] | list[str] = (),
    title: str = SITE_TITLE,
    full_text: bool = False,
    taxonomy: Any = None,
) -> FastAPI:
    """The app on ``store``. ``site_dir`` is the output folder the pipeline writes (images
    and logos come from it); ``tokens`` are the editors' bearer tokens (none: the editorial
    routes answer 403); ``full_text`` shows stored article bodies, sanitised."""
    app = FastAPI(
        title=f"{title} API",
        description=DESCRIPTION,
        version="1",
        docs_url=None,  # Swagger UI needs inline script and a CDN: see pages.docs instead
        redoc_url=None,
    )
    live = LiveSite(store, site_dir)
    app.state.tidings = AppContext(
        store=store, live=live, editors=Editors(tokens), env=pages.page_environment(),
        site_dir=site_dir, title=title, full_text=full_text, taxonomy=taxonomy,
    )
    app.include_router(api.read)
    app.include_router(api.desk)
    app.include_router(pages.router)
    if site_dir is not None:
        app.mount(f"/{IMAGES}", SiteFiles(directory=site_dir / IMAGES, check_dir=False),
                  name="images")
    app.add_exception_handler(StarletteHTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _invalid)  # type: ignore[arg-type]
    app.add_middleware(HeadAsGet)
    app.add_middleware(SecurityHeaders)  # added last: the outermost, so it covers everything
    return app


def workspace_app(workspace: Workspace, *, full_text: bool = False) -> tuple[FastAPI, Store]:
    """The app on a workspace's database and output folder; the caller closes the store."""
    from tidings.curate.apply import user_taxonomy

    store = Store(workspace.database_url)
    try:
        app = create_app(
            store,
            site_dir=workspace.output_dir,
            tokens=load_tokens(workspace.root),
            full_text=full_text,
            taxonomy=user_taxonomy(workspace.settings.curate),
        )
    except BaseException:
        store.close()
        raise
    return app, store


def serve(app: FastAPI, *, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Run ``app`` with uvicorn until Ctrl-C."""
    import uvicorn

    uvicorn.run(app, host=host, port=port, log_level=os.environ.get("TIDINGS_LOG", "info"),
                server_header=False, proxy_headers=False)


class HeadAsGet:
    """Answer HEAD for every page as a static host would: the GET answer without its body.

    FastAPI routes answer only the methods they declare, and link checkers and feed
    readers often ask HEAD first. The API is left as declared (its OpenAPI says GET).
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (scope["type"] != "http" or scope["method"] != "HEAD"
                or scope["path"].startswith("/api/v1/")):
            await self.app(scope, receive, send)
            return

        async def headers_only(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body"):
                    return
                message = {"type": "http.response.body", "body": b""}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)


class SiteFiles(StaticFiles):
    """Static files that answer 404, not 500, while the folder does not exist yet
    (before the first run has cached any picture)."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.directory is not None and not Path(self.directory).is_dir():
            await Response("Not found", status_code=404)(scope, receive, send)
            return
        await super().__call__(scope, receive, send)


async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
    """JSON for the API, a page with the site's navigation for everything else."""
    if _wants_json(request):
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code,
                            headers=getattr(exc, "headers", None))
    ctx: AppContext = request.app.state.tidings
    heading = {404: "Page not found", 405: "Not allowed"}.get(exc.status_code, "Error")
    message = exc.detail if isinstance(exc.detail, str) and exc.status_code != 404 else (
        "There is no page at this address. The story may have cooled off the site.")
    page = request.url.path.lstrip("/") or "index.html"
    response = pages.render(ctx, "error.html", page, status=exc.status_code, heading=heading,
                            message=message)
    for name, value in (getattr(exc, "headers", None) or {}).items():
        response.headers[name] = value
    return response


async def _invalid(request: Request, exc: RequestValidationError) -> Response:
    if _wants_json(request):
        return JSONResponse({"detail": _plain(exc.errors())}, status_code=422)
    return await _http_error(request, StarletteHTTPException(404, "No such page."))


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith(("/api/", "/openapi"))


def _plain(errors: Any) -> Any:
    """Validation errors without the exception objects pydantic may put in ``ctx``."""
    return json.loads(json.dumps(errors, default=str))

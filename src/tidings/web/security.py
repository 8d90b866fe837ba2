"""Security headers on every response, errors included.

The pages need no script at all and load nothing from other origins (images are
cached copies under ``assets/images``), so the Content-Security-Policy can be
as strict as the format allows: anything a source page smuggles past the
sanitiser still cannot run, load, post or be framed.

This is plain ASGI middleware rather than a Starlette ``BaseHTTPMiddleware``
so it also covers static files and streamed responses, and it catches an
unhandled error itself: Starlette's own 500 page is sent from outside every
user middleware and would go out without these headers.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger(__name__)

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'none'",
    "img-src 'self'",
    "style-src 'self'",
    "form-action 'self'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
])

SECURITY_HEADERS: Mapping[str, str] = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    # Readers follow links out to publishers; our addresses (search terms included) stay ours.
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}


class SecurityHeaders:
    """ASGI middleware: add :data:`SECURITY_HEADERS` to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self._encoded = [(k.encode("latin-1"), v.encode("latin-1"))
                         for k, v in SECURITY_HEADERS.items()]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                names = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in self._encoded if k not in names]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            log.exception("error answering %s %s", scope.get("method"), scope.get("path"))
            if started:  # too late for a clean answer; let the server close the connection
                raise
            body = b"Internal server error\n"
            await send_with_headers({
                "type": "http.response.start",
                "status": 500,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(body)).encode())],
            })
            await send_with_headers({"type": "http.response.body", "body": body})

"""Bearer tokens for the editorial actions.

Reading is open; changing what is published is not. Tokens come from
``TIDINGS_API_TOKENS`` (comma-separated) and from the workspace's ``api-tokens``
file (one a line, ``#`` starts a comment); both may be used at once, so a token
can be rotated by adding the new one, switching clients, then removing the old.
With no token configured the editorial routes are switched off (403) instead of
open, and the answer says how to switch them on. Tokens are compared with
:func:`secrets.compare_digest` against every configured token, so the time an
answer takes does not tell a caller how much of a guess was right.
"""

from __future__ import annotations

import logging
import os
import secrets
from collections.abc import Iterable
from pathlib import Path

from fastapi import HTTPException, Request, status

log = logging.getLogger(__name__)

TOKENS_ENV = "TIDINGS_API_TOKENS"
TOKENS_FILE = "api-tokens"
MIN_TOKEN_LENGTH = 16  #: shorter tokens are ignored (with a warning): too easy to guess

NOT_CONFIGURED = (
    f"Editorial actions are switched off: no API token is configured. Set {TOKENS_ENV} "
    f"(comma-separated tokens) or write one token a line to the workspace's {TOKENS_FILE} "
    "file (`tidings token` makes one), then restart `tidings serve`."
)


def load_tokens(workspace_root: Path | None = None, *, environ: dict[str, str] | None = None,
                ) -> tuple[str, ...]:
    """Every usable token from the environment and the workspace's tokens file."""
    environ = dict(os.environ) if environ is None else environ
    found = [t.strip() for t in environ.get(TOKENS_ENV, "").split(",")]
    if workspace_root is not None:
        path = workspace_root / TOKENS_FILE
        if path.is_file():
            for line in path.read_text(encoding="utf-8").splitlines():
                found.append(line.split("#", 1)[0].strip())
    return usable_tokens(found)


def usable_tokens(tokens: Iterable[str]) -> tuple[str, ...]:
    """The tokens long enough to keep, without duplicates, in their order."""
    kept: list[str] = []
    for token in tokens:
        if not token or token in kept:
            continue
        if len(token) < MIN_TOKEN_LENGTH:
            log.warning("ignoring an API token shorter than %d characters", MIN_TOKEN_LENGTH)
            continue
        kept.append(token)
    return tuple(kept)


def new_token() -> str:
    """A fresh random token (256 bits, URL-safe)."""
    return secrets.token_urlsafe(32)


def add_token(workspace_root: Path) -> str:
    """Append a fresh token to the workspace's tokens file (readable by its owner only)."""
    token = new_token()
    path = workspace_root / TOKENS_FILE
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    with os.fdopen(fd, "a", encoding="utf-8") as handle:
        if handle.tell() == 0:
            handle.write("# Bearer tokens for `tidings serve` editorial actions, one a line.\n")
        handle.write(token + "\n")
    return token


class Editors:
    """Decides whether a request may take an editorial action."""

    def __init__(self, tokens: Iterable[str]) -> None:
        self._tokens = tuple(t.encode("utf-8") for t in usable_tokens(tokens))

    @property
    def configured(self) -> bool:
        return bool(self._tokens)

    def is_editor(self, request: Request) -> bool:
        """True when the request carries a valid bearer token; never raises."""
        given = _bearer(request)
        return given is not None and self._matches(given)

    def require(self, request: Request) -> None:
        """Raise 403 when no token is configured, 401 when the request's token is not valid."""
        if not self._tokens:
            raise HTTPException(status.HTTP_403_FORBIDDEN, detail=NOT_CONFIGURED)
        given = _bearer(request)
        if given is None:
            raise HTTPException(
                status.HTTP_401_UNAUTHORIZED,
                detail="This action needs an `Authorization: Bearer <token>` header.",
                headers={"WWW-Authenticate": 'Bearer realm="tidings"'},
            )
        if not self._matches(given):
            raise HTTPException(
                status.HTTP_401_UNAUTHORIZED,
                detail="The bearer token is not valid.",
                headers={"WWW-Authenticate": 'Bearer realm="tidings", error="invalid_token"'},
            )

    def _matches(self, given: str) -> bool:
        candidate = given.encode("utf-8")
        matched = False
        for token in self._tokens:  # no early exit: every token is compared every time
            matched |= secrets.compare_digest(candidate, token)
        return matched


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    value = value.strip()
    if scheme.lower() != "bearer" or not value:
        return None
    return value

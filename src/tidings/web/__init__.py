"""``tidings serve``: the live site, full-text search, a JSON API and editorial actions.

:func:`create_app` builds the FastAPI app on a :class:`~tidings.store.Store`.
Pages reuse the static site's templates (``publish/templates``) at the static
site's paths, so the live and the static site show the same thing at the same
addresses; the app adds ``/search`` (a plain GET form with topic, publisher and
date filters), ``/articles/<id>.html`` (scores, their parts and the evidence for
each topic) and ``/docs`` (the API reference, rendered from ``/openapi.json``).

Usage::

    tidings serve [--host 127.0.0.1] [--port 8000] [--full-text] [--workspace DIR]
    tidings token            # adds a bearer token to <workspace>/api-tokens and prints it

Reading needs no token. The editorial actions (``POST``/``DELETE`` under
``/api/v1/articles/<id>/publish``, ``.../publish/auto``, ``.../suppress``,
``.../pin``, ``POST .../retag``, and ``/api/v1/sources``) need
``Authorization: Bearer <token>``, with tokens from ``TIDINGS_API_TOKENS``
(comma-separated) and/or the workspace's ``api-tokens`` file (one a line). With
no token configured they answer 403 and say how to configure one. Article text
is shown only with ``--full-text`` (the demo turns it on: its corpus is ours),
always sanitised with nh3; every response carries a strict Content-Security-Policy.
"""

from tidings.web.app import create_app, serve, workspace_app

__all__ = ["create_app", "serve", "workspace_app"]

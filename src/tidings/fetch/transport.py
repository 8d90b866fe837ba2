"""An httpx transport that sends chosen hosts to another address, like ``curl --resolve``.

The offline demo serves fictional publishers (``news.example`` and friends)
from one local server. Rewriting URLs instead would leak ``127.0.0.1`` into
every stored link; doing it at the transport keeps URLs, Host headers and TLS
server names exactly as a real fetch would have them.
"""

from __future__ import annotations

from collections.abc import Mapping

import httpx


def _split_host_port(text: str, what: str) -> tuple[str, int | None]:
    """``"a.example:80"`` -> ``("a.example", 80)``; ``"[::1]:80"`` and bare hosts work too."""
    text = text.strip()
    if text.startswith("["):
        host, bracket, rest = text[1:].partition("]")
        if not bracket or (rest and not rest.startswith(":")):
            raise ValueError(f"resolve {what} {text!r} is not host[:port]")
        port_text = rest[1:]
    elif text.count(":") == 1:
        host, _, port_text = text.partition(":")
    else:
        host, port_text = text, ""
    if not host:
        raise ValueError(f"resolve {what} {text!r} has no host")
    if not port_text:
        return host.lower(), None
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise ValueError(f"resolve {what} {text!r} has a bad port")
    return host.lower(), int(port_text)


class ResolvingTransport(httpx.AsyncBaseTransport):
    """Connects to ``resolve[host]`` for mapped hosts and passes other requests through.

    Keys are ``"host"`` or ``"host:port"`` (the latter wins); values are
    ``"address:port"`` or a bare ``"address"`` that keeps the URL's port.
    """

    def __init__(
        self, resolve: Mapping[str, str], inner: httpx.AsyncBaseTransport | None = None
    ) -> None:
        self._inner = inner or httpx.AsyncHTTPTransport()
        self._map: dict[tuple[str, int | None], tuple[str, int | None]] = {}
        for key, value in resolve.items():
            self._map[_split_host_port(key, "host")] = _split_host_port(value, "address")

    def target(self, url: httpx.URL) -> tuple[str, int] | None:
        """Where a request for ``url`` should connect, or None to connect as usual."""
        host = url.host.lower()
        port = url.port or (443 if url.scheme == "https" else 80)
        found = self._map.get((host, port)) or self._map.get((host, None))
        if found is None:
            return None
        address, new_port = found
        return address, new_port or port

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        target = self.target(request.url)
        if target is not None:
            # The Host header was set from the original URL when the request was
            # built; only the connection address changes. TLS still names the real host.
            request.extensions = {**request.extensions, "sni_hostname": request.url.host}
            request.url = request.url.copy_with(host=target[0], port=target[1])
        return await self._inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self._inner.aclose()

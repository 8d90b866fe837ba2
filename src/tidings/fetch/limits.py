"""Politeness: caps on concurrent requests overall and per host, and spacing per host."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager


class HostLimiter:
    """Gates request starts so no host sees more than its share.

    Each host has a semaphore and a "next allowed start" time. A caller
    reserves the next start slot before sleeping, so concurrent callers queue
    up ``delay`` apart instead of all waking at once. The global semaphore is
    taken last, so a request waiting out a host's delay holds no global slot.
    """

    def __init__(self, concurrency: int, per_host: int, delay: float) -> None:
        self._global = asyncio.Semaphore(concurrency)
        self._per_host = per_host
        self._delay = delay
        self._host_slots: dict[str, asyncio.Semaphore] = {}
        self._next_start: dict[str, float] = {}

    @asynccontextmanager
    async def slot(self, host: str) -> AsyncIterator[None]:
        """Hold a request slot for ``host`` for the duration of the block."""
        host = host.lower()
        semaphore = self._host_slots.setdefault(host, asyncio.Semaphore(self._per_host))
        async with semaphore:
            now = time.monotonic()
            start = max(now, self._next_start.get(host, now))
            self._next_start[host] = start + self._delay
            if start > now:
                await asyncio.sleep(start - now)
            async with self._global:
                yield

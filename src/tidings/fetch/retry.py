"""When to try again: Retry-After parsing and jittered exponential backoff."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

#: Statuses worth another attempt: the server is busy or briefly broken.
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504}) | frozenset(range(505, 600))


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds a Retry-After header asks for (delta seconds or an HTTP date), None if unusable.

    A date in the past means "now" (0); garbage is ignored rather than
    trusted, since the caller then falls back to its own backoff.
    """
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:  # HTTP dates are GMT even when the zone is missing
        when = when.replace(tzinfo=UTC)
    now = now or datetime.now(UTC)
    return max(0.0, (when - now).total_seconds())


def backoff_delay(base: float, attempt: int) -> float:
    """``base * 2**attempt``, jittered to between half and all of it.

    Jitter keeps many fetchers that failed together from retrying in lockstep.
    """
    full = base * (2**attempt)
    return random.uniform(full / 2, full)

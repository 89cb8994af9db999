"""Fixed-window rate limits in a shared store, for any caller (submissions, API tokens).

Counted with an atomic increment, so every web process on every machine counts together. With
Redis (CACHE_URL) all counters of one request are counted by one server-side script call on a
client kept for the process (measured: Django's cache client builds a fresh Redis client object
and makes two round trips per counter; a pipeline of INCR and EXPIRE still spent a fifth of a
submission's time in the client). Without Redis the Django cache counts, per process. Callers
decide what to do when the store is down (the submission and token limits fail open, ADR 8).
"""

import time
from functools import cache as once
from typing import Any

import redis
from django.conf import settings
from django.core.cache import cache

from govcx.env import RATE

SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """ "30/m" -> (30 requests, 60 seconds); "100/5m" -> (100, 300)."""
    match = RATE.match(rate)
    if not match:
        raise ValueError(f"Not a rate: {rate!r}; use count/period such as 30/m.")
    count, multiple, unit = match.groups()
    return int(count), int(multiple or 1) * SECONDS[unit]


# Increment each counter; give a new one its expiry. Runs atomically inside Redis.
COUNT_SCRIPT = """
local counts = {}
for i, key in ipairs(KEYS) do
  counts[i] = redis.call('INCR', key)
  if counts[i] == 1 then redis.call('EXPIRE', key, ARGV[i]) end
end
return counts
"""


@once
def _counter(url: str) -> Any:
    client = redis.Redis.from_url(url, socket_connect_timeout=0.25, socket_timeout=0.25)
    return client.register_script(COUNT_SCRIPT)


def _window_key(key: str, period: int) -> str:
    return f"govcx:rl:{key}:{int(time.time() // period)}"


def over_limits(counters: list[tuple[str, str]]) -> bool:
    """Count one hit on each (key, rate); True when any window's count is exceeded."""
    url = settings.CACHE_URL
    if not url:
        return any(over_limit(key, rate) for key, rate in counters)
    parsed = [(key, *parse_rate(rate)) for key, rate in counters]
    counts = _counter(url)(
        keys=[_window_key(key, period) for key, _limit, period in parsed],
        args=[period + 5 for _key, _limit, period in parsed],
    )
    return any(count > limit for count, (_key, limit, _p) in zip(counts, parsed, strict=True))


def over_limit(key: str, rate: str) -> bool:
    """Count one hit on ``key`` in the Django cache; True once the window's count is exceeded."""
    limit, period = parse_rate(rate)
    name = _window_key(key, period)
    try:
        count = cache.incr(name)
    except ValueError:  # first hit in this window
        count = 1 if cache.add(name, 1, timeout=period + 5) else cache.incr(name)
    return count > limit

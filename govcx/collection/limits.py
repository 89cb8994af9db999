"""Rate limits on submissions, in a shared store: per touchpoint, and per client, where the
client is an address for the anonymous public and the credential for servers (a touchpoint key
here; a personal token is counted per token by the API's token gate). A call center or IVR posts
from one address, so an address limit made for browsers would stop it within a minute.

Fixed windows counted with an atomic increment, so every web process on every machine counts
together. With Redis (CACHE_URL) both counters of a submission are counted by one server-side
script call on a client kept for the process (measured: Django's cache client builds a fresh Redis
client object and makes two round trips per counter; a pipeline of INCR and EXPIRE still spent a
fifth of a submission's time in the client). Without Redis the Django cache counts, per process.

If the store cannot be reached the limit *fails open*: the submission goes through and a warning
is logged. Losing the public's feedback during an outage is worse than briefly losing flood
protection, and the other defenses (validation, honeypot, size limit, idempotency) still apply.
"""

import logging
import time
from functools import cache as once
from typing import Any

import redis
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from govcx.catalog.models import Touchpoint
from govcx.env import RATE

logger = logging.getLogger(__name__)
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


def submission_limited(
    request: HttpRequest,
    touchpoint: Touchpoint,
    *,
    key_id: int | None = None,
    by_token: bool = False,
) -> bool:
    """Count this submission; True when its client or the touchpoint is over its limit. The
    client is the touchpoint key ``key_id`` if given; nothing more for a personal token
    (``by_token``: its calls are already counted per token); else the address."""
    counters: list[tuple[str, str]] = []
    if key_id is not None:
        counters.append((f"key:{key_id}", settings.GOVCX_RATE_PER_KEY))
    elif not by_token:
        per_address = (
            settings.GOVCX_RATE_PER_SHARED_ADDRESS
            if touchpoint.shared_address
            else settings.GOVCX_RATE_PER_ADDRESS
        )
        address = request.META.get("REMOTE_ADDR", "unknown")
        counters.append((f"ip:{touchpoint.pk}:{address}", per_address))
    # The client's counter first: without Redis counting stops at the first counter over its
    # limit, so a client over its own limit does not spend the touchpoint's.
    counters.append((f"tp:{touchpoint.pk}", settings.GOVCX_RATE_PER_TOUCHPOINT))
    try:
        return over_limits(counters)
    except Exception:  # the cache is down: fail open (see the module docstring)
        logger.warning("Rate-limit store unreachable; submission allowed", exc_info=True)
        return False

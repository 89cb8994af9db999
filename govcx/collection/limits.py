"""Rate limits on submissions, per client address and per touchpoint, in the shared cache.

Counters live in the configured cache (Redis in production, `CACHE_URL`), so every web process
on every machine counts together. If the cache cannot be reached the limit *fails open*: the
submission goes through and a warning is logged. Losing the public's feedback during a cache
outage is worse than briefly losing flood protection, and the other defenses (validation,
honeypot, size limit, idempotency) still apply.
"""

import logging

from django.conf import settings
from django.http import HttpRequest
from django_ratelimit.core import is_ratelimited

from govcx.catalog.models import Touchpoint

logger = logging.getLogger(__name__)


def submission_limited(request: HttpRequest, touchpoint: Touchpoint) -> bool:
    """Count this submission; True when the address or the touchpoint is over its limit."""
    per_address = (
        settings.GOVCX_RATE_PER_SHARED_ADDRESS
        if touchpoint.shared_address
        else settings.GOVCX_RATE_PER_ADDRESS
    )
    try:
        return bool(
            is_ratelimited(
                request,
                group=f"submit-ip-{touchpoint.pk}",
                key="ip",
                rate=per_address,
                increment=True,
            )
            or is_ratelimited(
                request,
                group=f"submit-tp-{touchpoint.pk}",
                key=lambda group, req: "all",
                rate=settings.GOVCX_RATE_PER_TOUCHPOINT,
                increment=True,
            )
        )
    except Exception:  # the cache is down: fail open (see the module docstring)
        logger.warning("Rate-limit store unreachable; submission allowed", exc_info=True)
        return False

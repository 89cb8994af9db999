"""Rate limits on submissions: per touchpoint, and per client, where the client is an address
for the anonymous public and the credential for servers (a touchpoint key here; a personal token
is counted per token by the API's token gate). A call center or IVR posts from one address, so
an address limit made for browsers would stop it within a minute. The counting itself is
govcx.core.ratelimit.

If the store cannot be reached the limit *fails open*: the submission goes through and a warning
is logged. Losing the public's feedback during an outage is worse than briefly losing flood
protection, and the other defenses (validation, honeypot, size limit, idempotency) still apply.
"""

import logging

from django.conf import settings
from django.http import HttpRequest

from govcx.catalog.models import Touchpoint
from govcx.core.ratelimit import over_limits

logger = logging.getLogger(__name__)


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

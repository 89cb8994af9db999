from typing import Any

from django.conf import settings
from django.http import HttpRequest

from govcx.accounts.sessions import session_seconds_left


def session_timeout(request: HttpRequest) -> dict[str, Any]:
    """What the idle-timeout warning needs. The seconds are a callable the template calls only
    where it shows the warning, so public survey pages never read the session."""
    return {
        "session_seconds_left": lambda: session_seconds_left(request.session),
        "session_warning_seconds": settings.GOVCX_SESSION_WARNING_SECONDS,
    }

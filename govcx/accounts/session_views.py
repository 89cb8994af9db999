"""The idle-timeout warning's two calls: how long is left, and "stay signed in"."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from govcx.accounts.rules import PUBLIC, SIGNED_IN, access
from govcx.accounts.sessions import session_neutral, session_seconds_left


@access(PUBLIC)
@session_neutral
@require_GET
@never_cache
def session_status(request: HttpRequest) -> JsonResponse:
    """Seconds left before the session ends; asking is not activity (0 when signed out)."""
    if not request.user.is_authenticated:
        return JsonResponse({"seconds_left": 0})
    return JsonResponse({"seconds_left": session_seconds_left(request.session)})


@access(SIGNED_IN)
@require_POST
@never_cache
def session_extend(request: HttpRequest) -> JsonResponse:
    """ "Stay signed in": the request itself restarted the idle timer (SessionTimeoutMiddleware)."""
    return JsonResponse({"seconds_left": session_seconds_left(request.session)})

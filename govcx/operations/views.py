from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from govcx.accounts.rules import PUBLIC, access
from govcx.accounts.sessions import session_neutral
from govcx.operations.health import Status, health_report


@access(PUBLIC)
@session_neutral
@require_safe
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers and monitors: 503 when the database does not answer (``failing``);
    200 with ``ok`` or ``degraded`` (background work late, cache down) otherwise."""
    report = health_report()
    return JsonResponse(report, status=503 if report["status"] == Status.FAILING else 200)

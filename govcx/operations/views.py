import hmac
import ipaddress

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from prometheus_client import CONTENT_TYPE_LATEST

from govcx.accounts.rules import PUBLIC, access
from govcx.accounts.sessions import session_neutral
from govcx.operations.health import Status, health_report
from govcx.operations.metrics import metrics_text


@access(PUBLIC)
@session_neutral
@require_safe
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers and monitors: 503 when the database does not answer (``failing``);
    200 with ``ok`` or ``degraded`` (background work late, cache down) otherwise."""
    report = health_report()
    return JsonResponse(report, status=503 if report["status"] == Status.FAILING else 200)


@access(PUBLIC)  # the check is the token or the address below, not a session
@session_neutral
@require_safe
@never_cache
def metrics(request: HttpRequest) -> HttpResponse:
    """Prometheus text format for monitoring; 404 unless GOVCX_METRICS_TOKEN or
    GOVCX_METRICS_ALLOWED_IPS is set, 403 to anyone else."""
    if not settings.GOVCX_METRICS_TOKEN and not settings.GOVCX_METRICS_ALLOWED_IPS:
        raise Http404
    if not metrics_allowed(request):
        return HttpResponse("Not allowed.\n", status=403, content_type="text/plain")
    return HttpResponse(metrics_text(), content_type=CONTENT_TYPE_LATEST)


def metrics_allowed(request: HttpRequest) -> bool:
    token = settings.GOVCX_METRICS_TOKEN
    given = request.headers.get("Authorization", "")
    if token and hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
        return True
    address = request.META.get("REMOTE_ADDR", "")
    try:
        client = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(
        client in ipaddress.ip_network(allowed, strict=False)
        for allowed in settings.GOVCX_METRICS_ALLOWED_IPS
    )

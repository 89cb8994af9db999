"""One log line and one latency observation per request, with a request id."""

import logging
import re
import time
import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from govcx.operations.metrics import REQUEST_SECONDS

logger = logging.getLogger("govcx.request")
# A caller's (or load balancer's) request id is kept when it is plainly an id.
REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{8,64}$")


class RequestLogMiddleware:
    """Outermost, so it times everything. Logs the URL pattern, not the path: paths and query
    strings can carry ids and search terms; no address, no user agent, no answers."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        began = time.perf_counter()
        given = request.headers.get("X-Request-ID", "")
        request_id = given if REQUEST_ID.match(given) else uuid.uuid4().hex
        request.request_id = request_id  # type: ignore[attr-defined]
        response = self.get_response(request)
        seconds = time.perf_counter() - began
        match = getattr(request, "resolver_match", None)
        route = match.route if match is not None else "unmatched"
        user = getattr(request, "user", None)
        REQUEST_SECONDS.labels(route, request.method, f"{response.status_code // 100}xx").observe(
            seconds
        )
        response["X-Request-ID"] = request_id
        logger.info(
            "%s %s %s %.1f ms",
            request.method,
            route,
            response.status_code,
            seconds * 1000,
            extra={
                "request_id": request_id,
                "method": request.method,
                "route": route,
                "status": response.status_code,
                "ms": round(seconds * 1000, 1),
                "user_id": user.pk if user is not None and user.is_authenticated else None,
            },
        )
        return response

"""CPU cost of the security-header middleware per response, next to a bare view (the ceiling).

Run from the repository root:  .venv/bin/python bench/security_headers.py

Calls each middleware in-process around a view that returns a fixed response, as Django's
handler does, and reports CPU time per response above the bare view (best of five runs of
20,000): django-csp's own middleware, govcx's (which builds the policy of responses without a
nonce once), govcx's on a page that uses its nonce, and django-permissions-policy.
"""

import os
import time
from collections.abc import Callable

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "govcx.settings_test")
django.setup()

from csp.middleware import CSPMiddleware  # noqa: E402
from django.http import HttpRequest, HttpResponse  # noqa: E402
from django.test import RequestFactory  # noqa: E402
from django_permissions_policy import PermissionsPolicyMiddleware  # noqa: E402

from govcx.core.csp import PolicyMiddleware  # noqa: E402

ROUNDS = 20_000


def per_call_us(call: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(5):
        start = time.process_time()
        for _ in range(ROUNDS):
            call()
        best = min(best, (time.process_time() - start) / ROUNDS)
    return best * 1e6


def main() -> None:
    factory = RequestFactory()

    def view(request: HttpRequest) -> HttpResponse:
        return HttpResponse(b"ok", content_type="text/plain")

    def page(request: HttpRequest) -> HttpResponse:
        return HttpResponse(f'<script nonce="{request.csp_nonce}"></script>'.encode())  # type: ignore[attr-defined]

    bare = per_call_us(lambda: view(factory.get("/")))
    print(f"bare view (ceiling):                       {bare:6.1f} µs CPU per response")
    cases = {
        "django-csp CSPMiddleware, no nonce": CSPMiddleware(view),
        "govcx PolicyMiddleware, no nonce": PolicyMiddleware(view),
        "govcx PolicyMiddleware, page with nonce": PolicyMiddleware(page),
        "PermissionsPolicyMiddleware": PermissionsPolicyMiddleware(view),
    }
    for name, middleware in cases.items():
        cost = per_call_us(lambda m=middleware: m(factory.get("/"))) - bare  # type: ignore[misc]
        print(f"{name + ':':42} +{cost:5.1f} µs ({cost / bare:4.1f}x the bare view)")


if __name__ == "__main__":
    main()

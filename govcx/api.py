"""The versioned HTTP API under /api/v1/: one NinjaAPI assembled from the apps' routers.

Every operation declares its authentication; the API's default denies, so an operation that
forgets to declare one is closed. Errors share one JSON shape:
``{"error": code, "message": text, "errors": {field: problem}}``.
"""

import functools
from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, re_path
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI, Swagger
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as SchemaError

from govcx.accounts.rules import RULE_ATTR, Public
from govcx.accounts.sessions import session_neutral
from govcx.analytics.api import router as metrics_router
from govcx.catalog.api import router as catalog_router
from govcx.collection.api import rate_limited_seen, schema_error_seen, unauthorized_seen
from govcx.collection.api import router as collection_router
from govcx.collection.reads import router as responses_router
from govcx.core.api_schemas import ApiProblem, schema_problems
from govcx.reporting.api import router as reports_router
from govcx.surveys.api import router as surveys_router


def _deny(request: HttpRequest) -> None:
    return None


api = NinjaAPI(
    title="govcx API",
    version="1",
    description=(
        "Submit feedback from any channel and read your organizations' data with a personal "
        "token (docs/api.md). Errors are JSON: "
        '{"error": code, "message": text, "errors": {field: problem}}.'
    ),
    urls_namespace="api",
    auth=_deny,
    # No validator badge: it would load an image from a third-party site (blocked by the CSP).
    docs=Swagger(settings={"validatorUrl": None}),
)
api.add_router("", collection_router)
api.add_router("", catalog_router)
api.add_router("", surveys_router)
api.add_router("", responses_router)
api.add_router("", metrics_router)
api.add_router("", reports_router)


@api.exception_handler(SchemaError)
def schema_error(request: HttpRequest, exc: SchemaError) -> HttpResponse:
    errors = schema_problems(exc.errors)
    schema_error_seen(request)
    return api.create_response(
        request,
        {"error": "malformed", "message": "The request does not match the API.", "errors": errors},
        status=400,
    )


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    """Errors raised inside the framework. Its only 400 is a body it cannot parse; its text
    (with the parser's exception appended under DEBUG) is replaced by the product's own."""
    message = str(exc)
    if exc.status_code == 400:
        schema_error_seen(request)
        message = "The request body is not valid JSON."
    code = "malformed" if exc.status_code == 400 else f"http_{exc.status_code}"
    return api.create_response(
        request, {"error": code, "message": message, "errors": {}}, status=exc.status_code
    )


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(
        request, {"error": "not_found", "message": "Not found.", "errors": {}}, status=404
    )


@api.exception_handler(PermissionDenied)
def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(
        request,
        {"error": "forbidden", "message": "Your role here does not allow this.", "errors": {}},
        status=403,
    )


@api.exception_handler(ApiProblem)
def problem(request: HttpRequest, exc: ApiProblem) -> HttpResponse:
    # A token refused (no valid token, or one without the scope) or over its limit: a refused
    # submission is counted like any other.
    if exc.status in (401, 403):
        unauthorized_seen(request)
    elif exc.status == 429:
        rate_limited_seen(request)
    response = api.create_response(
        request,
        {"error": exc.code, "message": exc.message, "errors": exc.errors},
        status=exc.status,
    )
    for name, value in exc.headers.items():
        response[name] = value
    return response


@api.exception_handler(AuthenticationError)
def auth_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    unauthorized_seen(request)
    return api.create_response(
        request,
        {
            "error": "unauthorized",
            "message": "Send a valid key or token: Authorization: Bearer <value>.",
            "errors": {},
        },
        status=401,
    )


class ApiRule(Public):
    """API operations authenticate themselves (see each operation's ``auth``)."""

    def describe(self) -> str:
        return "API: per-operation authentication"


def _problem(request: HttpRequest, status: int, code: str, message: str) -> HttpResponse:
    return api.create_response(
        request, {"error": code, "message": message, "errors": {}}, status=status
    )


@csrf_exempt
def unknown_path(request: HttpRequest, rest: str) -> HttpResponse:
    """Any method on a path under /api/v1/ that names no operation: the API's 404, in JSON."""
    return _problem(request, 404, "not_found", "Not found.")


def _json_not_allowed(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The framework answers a method an operation lacks with a text 405; keep its Allow header
    and give the API's JSON shape."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if response.status_code != 405:
            return response
        allowed = _problem(request, 405, "method_not_allowed", f"Use {response['Allow']}.")
        allowed["Allow"] = response["Allow"]
        return allowed

    return wrapped


def _mark(patterns: list[Any]) -> list[Any]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            _mark(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            pattern.callback = _json_not_allowed(pattern.callback)
            setattr(pattern.callback, RULE_ATTR, ApiRule())
            session_neutral(pattern.callback)  # keys, not the sign-in session, authenticate
    return patterns


def api_urls() -> tuple[list[Any], str, str]:
    patterns, app_name, namespace = api.urls
    # Last, so that it only catches what no operation matched.
    catch_all = re_path(r"^(?P<rest>.*)$", unknown_path, name="unknown")
    return _mark([*patterns, catch_all]), app_name, namespace

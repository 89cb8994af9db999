"""Submission API: the widget (browser, CORS) and server-to-server channels (a touchpoint's API
key, or a personal token with the submissions:write scope of someone who manages the touchpoint)."""

import re
from typing import Annotated, Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import translation
from ninja import Field, Router, Schema
from ninja.decorators import decorate_view
from ninja.security import HttpBearer
from pydantic import BeforeValidator, ConfigDict, StrictFloat, StrictInt
from pydantic_core import PydanticCustomError

from govcx.accounts.access import has_perm
from govcx.accounts.api_auth import TokenAuth
from govcx.accounts.models import ApiToken, Scope
from govcx.accounts.roles import Perm
from govcx.catalog.ownership import owning_organization
from govcx.collection.keys import touchpoint_key_check
from govcx.collection.limits import submission_limited
from govcx.collection.models import Rejection, Source, TouchpointKey
from govcx.collection.public import (
    choose_language,
    definition_etag,
    open_survey,
    public_definition,
    ui_texts,
)
from govcx.collection.rejections import rejection_record
from govcx.collection.services import (
    IdempotencyScope,
    SubmissionRejected,
    closed_message,
    submission_accept,
)
from govcx.core.api_schemas import ErrorOut
from govcx.core.text import is_acceptable, text_problem
from govcx.surveys.pra import accepting_responses

router = Router(tags=["Collection"])
IDEMPOTENCY = re.compile(r"^[A-Za-z0-9_\-:.]{8,100}$")


class KeyAuth(HttpBearer):
    """Server-to-server channels: ``Authorization: Bearer gcx_...`` (a touchpoint's key)."""

    def authenticate(self, request: HttpRequest, token: str) -> TouchpointKey | None:
        return touchpoint_key_check(token)


def browser_origin(request: HttpRequest) -> str | None:
    """The embedding page's origin; browsers send it on every cross-origin POST."""
    return request.headers.get("Origin") or None


browser_origin.openapi_security_schema = {  # type: ignore[attr-defined]
    "type": "apiKey",
    "in": "header",
    "name": "Origin",
    "description": "Browsers: the embedding page's origin, allowed on the touchpoint.",
}


def _accepted_text(value: Any) -> Any:
    """The shared text rule (govcx.core.text) before the schema reads a string: a lone surrogate
    would otherwise get the parser's own words, and NUL would reach the database."""
    if isinstance(value, str) and (problem := text_problem(value)):
        raise PydanticCustomError("refused_text", "{problem}", {"problem": problem})
    return value


def _survey_id(value: Any) -> Any:
    """An id that is not acceptable text is one no survey has: answered 404 like any unknown id
    (the schema would answer a lone surrogate in its own words)."""
    return "" if isinstance(value, str) and not is_acceptable(value) else value


# The rule as the OpenAPI document states it for clients and schema-driven tests: no control
# characters but tab, line feed and carriage return (a pattern cannot name lone surrogates).
ACCEPTED = Field(
    json_schema_extra={"pattern": "^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f]*$"}
)
Text = Annotated[str, BeforeValidator(_accepted_text), ACCEPTED]
# Answers are checked by check_answers, which names the question (``answers.<key>``).
Answer = Annotated[str, ACCEPTED]
SurveyId = Annotated[str, BeforeValidator(_survey_id)]


class SubmissionIn(Schema):
    model_config = ConfigDict(extra="forbid")

    survey: SurveyId = Field(..., max_length=20, description="The survey's public id.")
    # Strict: JSON true or 1.0 is not touchpoint 1, and true is not an answer.
    touchpoint: StrictInt | None = Field(
        None, description="Required with a browser origin; implied by an API key."
    )
    language: Text = Field("en", max_length=12)
    answers: dict[str, Answer | list[Answer] | StrictInt | StrictFloat] = Field(
        ..., description="Question key to answer; multiple choice as a list of option values."
    )
    page_url: Text = Field("", max_length=2000)
    location_code: Text = Field("", max_length=100)
    idempotency_key: Text | None = Field(
        None, description="Send the same key when retrying; the answer is stored once."
    )
    website: Text = Field("", description="Anti-spam field: leave empty.")


class SubmissionOut(Schema):
    id: int
    status: str
    received_at: str


def _error(
    status: int,
    code: str,
    message: str,
    errors: dict[str, str] | None = None,
    origin: str | None = None,
) -> JsonResponse:
    response = JsonResponse(
        {"error": code, "message": message, "errors": errors or {}}, status=status
    )
    _cors(response, origin)
    return response


def _cors(response: HttpResponse, origin: str | None) -> HttpResponse:
    """Name ``origin`` as allowed; callers pass only an origin they checked (else None)."""
    response["Vary"] = "Origin"
    if origin:
        response["Access-Control-Allow-Origin"] = origin
    return response


def allowed_somewhere(origin: str | None) -> str | None:
    """The origin if some active touchpoint allows it, else None: before the touchpoint is known
    (preflight, a body too large to read, an unknown survey) this is all that can be checked."""
    from govcx.catalog.models import Touchpoint

    if not origin:
        return None
    allowed = Touchpoint.objects.filter(is_active=True).values_list("allowed_origins", flat=True)
    return origin if any(origin in origins for origins in allowed) else None


def limit_body(view: Any) -> Any:
    """Refuse (and count) bodies over GOVCX_MAX_SUBMISSION_BYTES before anything parses them."""

    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        length = request.META.get("CONTENT_LENGTH") or "0"
        if not length.isdigit() or int(length) > settings.GOVCX_MAX_SUBMISSION_BYTES:
            rejection_record(Rejection.TOO_LARGE)
            origin = allowed_somewhere(browser_origin(request))
            return _error(413, "too_large", "The request body is too large.", origin=origin)
        return view(request, *args, **kwargs)

    return wrapped


def unauthorized_seen(request: HttpRequest) -> None:
    """Called by the API's authentication-error handler: refused submissions are counted."""
    if request.path.endswith("/submissions"):
        rejection_record(Rejection.UNAUTHORIZED)


def rate_limited_seen(request: HttpRequest) -> None:
    """Called by the API's error handler when a token is over its limit: counted the same."""
    if request.path.endswith("/submissions"):
        rejection_record(Rejection.RATE_LIMITED)


def schema_error_seen(request: HttpRequest) -> None:
    """Called by the API's schema-error handler: a malformed submission is counted too."""
    if request.path.endswith("/submissions"):
        rejection_record(Rejection.MALFORMED)


@router.post(
    "/submissions",
    auth=[KeyAuth(), TokenAuth(Scope.WRITE_SUBMISSIONS), browser_origin],
    response={
        201: SubmissionOut,
        400: ErrorOut,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        409: ErrorOut,
        413: ErrorOut,
        429: ErrorOut,
    },
    summary="Submit one response",
)
@decorate_view(limit_body)
def submit(request: HttpRequest, payload: SubmissionIn) -> Any:
    """Validate and store one response. A 201 means it is committed. Retrying with the same
    idempotency key returns the same result and stores nothing twice."""
    credential = request.auth  # type: ignore[attr-defined]
    key = credential if isinstance(credential, TouchpointKey) else None
    token = credential if isinstance(credential, ApiToken) else None
    origin = None if key or token else browser_origin(request)
    found = open_survey(payload.survey)
    if found is None:
        rejection_record(Rejection.UNKNOWN_SURVEY)
        return _error(
            404, "unknown_survey", "No survey has this id.", origin=allowed_somewhere(origin)
        )
    survey = found.survey
    if key is not None:
        touchpoint = key.touchpoint
        if touchpoint.pk not in found.touchpoints or payload.touchpoint not in (
            None,
            touchpoint.pk,
        ):
            rejection_record(Rejection.UNAUTHORIZED, survey=survey)
            return _error(403, "forbidden", "This key's touchpoint does not offer this survey.")
    elif token is not None:
        named = found.touchpoint(payload.touchpoint) if payload.touchpoint else None
        if named is None or not has_perm(
            token.user, owning_organization(named), Perm.MANAGE_TOUCHPOINTS
        ):
            rejection_record(Rejection.UNAUTHORIZED, survey=survey)
            return _error(
                403,
                "forbidden",
                "Name a touchpoint of this survey that the token's user manages.",
                {"touchpoint": "Required with a personal token."},
            )
        touchpoint = named
    else:
        named = found.touchpoint(payload.touchpoint)
        if named is None or origin not in named.allowed_origins:
            rejection_record(Rejection.ORIGIN, survey=survey)
            # No Access-Control-Allow-Origin: the refused site may not read the answer (its
            # browser shows a CORS error); the rejection is counted for the touchpoint's owners.
            return _error(
                403,
                "origin_not_allowed",
                "This website may not submit to this survey's touchpoint.",
            )
        touchpoint = named
    if payload.website:
        rejection_record(Rejection.HONEYPOT, survey=survey)
        return _error(400, "rejected", "The submission was not accepted.", origin=origin)
    if payload.idempotency_key is not None and not IDEMPOTENCY.match(payload.idempotency_key):
        rejection_record(Rejection.MALFORMED, survey=survey)
        return _error(
            400,
            "malformed",
            "Invalid idempotency key.",
            {"idempotency_key": "Use 8-100 letters, digits, -, _, : or ."},
            origin,
        )
    if submission_limited(
        request, touchpoint, key_id=key.pk if key else None, by_token=token is not None
    ):
        rejection_record(Rejection.RATE_LIMITED, survey=survey)
        response = _error(
            429, "rate_limited", "Too many submissions; try again in a minute.", origin=origin
        )
        response["Retry-After"] = "60"
        return response
    try:
        with translation.override(_spoken(payload.language)):
            accepted = submission_accept(
                survey=survey,
                version=found.version,
                touchpoint=touchpoint,
                raw_answers=payload.answers,
                language=payload.language,
                source=Source.API if key or token else Source.WIDGET,
                page_url=payload.page_url,
                location_code=payload.location_code,
                idempotency_key=payload.idempotency_key,
                idempotency_scope=IdempotencyScope.of_api_caller(key=key, token=token),
                client_ip=request.META.get("REMOTE_ADDR"),
            )
    except SubmissionRejected as rejected:
        status = {Rejection.NOT_ACCEPTING: 409, Rejection.IDEMPOTENCY_CONFLICT: 409}.get(
            rejected.reason, 400
        )
        code = "invalid" if rejected.reason == Rejection.INVALID else str(rejected.reason)
        return _error(status, code, str(rejected), rejected.errors, origin)
    body = {
        "id": accepted.response.pk,
        "status": "accepted",
        "received_at": accepted.response.received_at.isoformat(),
    }
    response = JsonResponse(body, status=201)
    if accepted.duplicate:
        response["Idempotent-Replayed"] = "true"
    return _cors(response, origin)


def _spoken(language: str) -> str | None:
    """Errors in the respondent's language when govcx has it. Any other code keeps the current
    one: Django would load and keep a catalog for every code it is asked to activate."""
    current = translation.get_language()
    return language if language in dict(settings.LANGUAGES) else current


@router.api_operation(["OPTIONS"], "/submissions", auth=None, include_in_schema=False)
def submit_preflight(request: HttpRequest) -> HttpResponse:
    """CORS preflight: any origin that some active touchpoint allows may ask; the POST itself
    then checks the origin against the touchpoint it names."""
    origin = allowed_somewhere(browser_origin(request))
    response = HttpResponse(status=204)
    response["Vary"] = "Origin"
    if origin:
        response["Access-Control-Allow-Origin"] = origin
        response["Access-Control-Allow-Methods"] = "POST"
        response["Access-Control-Allow-Headers"] = "Content-Type"
        response["Access-Control-Max-Age"] = "600"
    return response


@router.get(
    "/surveys/{public_id}/definition",
    auth=None,
    summary="A survey in one language",
    response={200: dict[str, Any], 304: None, 404: ErrorOut},
)
def definition(request: HttpRequest, public_id: str, lang: str | None = None) -> Any:
    """The published survey as the embeddable widget renders it. Cacheable: send
    ``If-None-Match`` with the ETag to get 304 when nothing changed."""
    found = open_survey(public_id)
    survey, version = (found.survey, found.version) if found else (None, None)
    if survey is None or version is None:
        return _error(404, "unknown_survey", "No published survey has this id.", origin="*")
    language = choose_language(version, lang, request.headers.get("Accept-Language", ""))
    etag = definition_etag(version, survey, language)
    headers = {
        "ETag": etag,
        "Cache-Control": "public, max-age=300",
        "Access-Control-Allow-Origin": "*",
        "Content-Language": language,
    }
    if request.headers.get("If-None-Match") == etag:
        response = HttpResponse(status=304)
    else:
        from django.utils import timezone

        acceptance = accepting_responses(survey, today=timezone.localdate())
        if acceptance.accepting:
            body = public_definition(survey, version, language)
        else:
            with translation.override(language):
                body = {
                    "survey": survey.public_id,
                    "accepting": False,
                    "language": language,
                    "title": version.text("title", language),
                    "message": closed_message(acceptance.reason),
                    "ui": ui_texts(),
                }
        response = JsonResponse(body, json_dumps_params={"ensure_ascii": False})
    for name, value in headers.items():
        response[name] = value
    return response


@router.api_operation(
    ["HEAD"], "/surveys/{public_id}/definition", auth=None, include_in_schema=False
)
def definition_head(request: HttpRequest, public_id: str, lang: str | None = None) -> Any:
    """HEAD: the GET's status and headers (ETag, Content-Length included), no body; caches and
    link checkers ask this way."""
    response = definition(request, public_id, lang)
    response["Content-Length"] = str(len(response.content))
    response.content = b""
    return response

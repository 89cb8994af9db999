"""Accepting a submission: the one path every channel takes to the response store.

Check the survey is open, validate against its published version (every string, answers and
context alike, must be acceptable text: govcx.core.text), redact free text, and store the
response in one INSERT. An idempotency key makes a retry return the response already stored.
"""

from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from govcx.catalog.models import Touchpoint
from govcx.collection.models import Rejection, Response, Source
from govcx.collection.redaction import redact
from govcx.collection.rejections import rejection_record
from govcx.collection.store import response_insert
from govcx.collection.validation import check_answers
from govcx.core.text import text_problem
from govcx.surveys.definition import iter_questions
from govcx.surveys.models import Survey, SurveyVersion
from govcx.surveys.pra import accepting_responses
from govcx.surveys.rendering import OTHER_SUFFIX
from govcx.surveys.vocabulary import TEXT_TYPES

MAX_PAGE_URL = 2000
MAX_LOCATION = 100


class SubmissionRejected(Exception):
    def __init__(self, reason: Rejection, message: str, errors: dict[str, str] | None = None):
        super().__init__(message)
        self.reason = reason
        self.errors = errors or {}


@dataclass(frozen=True)
class Accepted:
    response: Response
    duplicate: bool


def free_text_keys(version: SurveyVersion) -> set[str]:
    """Answer keys that hold text typed by the public, redacted before storage. Email and phone
    questions are contact details the respondent chose to give (with a Privacy Act statement)."""
    keys = set()
    for _page, question in iter_questions(version.definition):
        if question["type"] in TEXT_TYPES:
            keys.add(question["key"])
        if question.get("other"):
            keys.add(question["key"] + OTHER_SUFFIX)
    return keys


def submission_accept(
    *,
    survey: Survey,
    version: SurveyVersion | None,
    touchpoint: Touchpoint,
    raw_answers: dict[str, Any],
    language: str,
    source: Source,
    page_url: str = "",
    location_code: str = "",
    idempotency_key: str | None = None,
    client_ip: str | None = None,
) -> Accepted:
    """Store one submission or raise SubmissionRejected (after counting the rejection)."""
    try:
        return _accept(
            survey,
            version,
            touchpoint,
            raw_answers,
            language,
            source,
            page_url,
            location_code,
            idempotency_key,
            client_ip,
        )
    except SubmissionRejected as rejected:
        rejection_record(rejected.reason, survey=survey)
        raise


def _accept(
    survey: Survey,
    version: SurveyVersion | None,
    touchpoint: Touchpoint,
    raw_answers: dict[str, Any],
    language: str,
    source: Source,
    page_url: str,
    location_code: str,
    idempotency_key: str | None,
    client_ip: str | None,
) -> Accepted:
    acceptance = accepting_responses(survey, today=timezone.localdate())
    if not acceptance.accepting or version is None:
        raise SubmissionRejected(Rejection.NOT_ACCEPTING, closed_message(acceptance.reason))
    context = {"language": language, "page_url": page_url, "location_code": location_code}
    errors = {name: problem for name, value in context.items() if (problem := text_problem(value))}
    if language not in version.languages:
        errors.setdefault(
            "language",
            _("This survey is offered in: %(languages)s.")
            % {"languages": ", ".join(version.languages)},
        )
    if len(page_url) > MAX_PAGE_URL:
        errors.setdefault("page_url", _("Use at most %(n)d characters.") % {"n": MAX_PAGE_URL})
    if len(location_code) > MAX_LOCATION:
        errors.setdefault("location_code", _("Use at most %(n)d characters.") % {"n": MAX_LOCATION})
    checked = check_answers(version.definition, raw_answers)
    errors.update({f"answers.{key}": message for key, message in checked.errors.items()})
    if errors:
        raise SubmissionRejected(Rejection.INVALID, _("Some answers need attention."), errors)
    response = response_build(
        survey=survey,
        version=version,
        touchpoint=touchpoint,
        answers=checked.answers,
        language=language,
        source=source,
        page_url=page_url,
        location_code=location_code,
        idempotency_key=idempotency_key,
        client_ip=client_ip,
    )
    if response_insert(response):
        return Accepted(response, duplicate=False)
    stored = Response.objects.get(survey=survey, idempotency_key=idempotency_key)
    if stored.answers != response.answers or stored.touchpoint_id != touchpoint.pk:
        raise SubmissionRejected(
            Rejection.IDEMPOTENCY_CONFLICT,
            _("This idempotency key was already used for different answers."),
        )
    return Accepted(stored, duplicate=True)


def response_build(
    *,
    survey: Survey,
    version: SurveyVersion,
    touchpoint: Touchpoint,
    answers: dict[str, Any],
    language: str,
    source: Source,
    page_url: str = "",
    location_code: str = "",
    idempotency_key: str | None = None,
    client_ip: str | None = None,
) -> Response:
    """An unsaved response from checked answers, free text redacted (shared with imports)."""
    for key in free_text_keys(version) & answers.keys():
        answers[key] = redact(answers[key]).text
    return Response(
        organization_id=survey.organization_id,
        survey=survey,
        version=version,
        touchpoint=touchpoint,
        channel=touchpoint.channel,
        language=language,
        source=source,
        page_url=page_url,
        location_code=redact(location_code).text if location_code else "",
        answers=answers,
        ip_hash=_ip_hash(survey, client_ip),
        idempotency_key=idempotency_key or None,
    )


def _ip_hash(survey: Survey, client_ip: str | None) -> str:
    if not client_ip or not survey.organization.store_ip_hash:
        return ""
    return salted_hmac("govcx.collection.ip", client_ip, algorithm="sha256").hexdigest()


def closed_message(reason: str) -> str:
    """The polite explanation shown on every channel when a survey takes no answers."""
    if reason == "pra_expired":
        return _("This survey is not collecting responses right now. Thank you for your interest.")
    if reason in ("closed", "archived"):
        return _("This survey has closed. Thank you for your interest.")
    return _("This survey is not open yet.")

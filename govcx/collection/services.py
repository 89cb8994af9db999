"""Accepting a submission: the one path every channel takes to the response store.

Check the survey is open, validate against its published version (every string, answers and
context alike, must be acceptable text: govcx.core.text), redact free text, and store the
response in one INSERT. An idempotency key makes a retry return the response already stored; keys
are scoped to their sender (a touchpoint key, a personal token, the file import, the anonymous
widget), and a retry must be the very same submission.
"""

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from govcx.accounts.models import ApiToken
from govcx.catalog.models import Organization, Touchpoint
from govcx.collection.models import Rejection, Response, Source, TouchpointKey
from govcx.collection.redaction import keep_for, redact
from govcx.collection.redaction_patterns import Keep
from govcx.collection.rejections import rejection_record
from govcx.collection.store import response_insert
from govcx.collection.validation import check_answers
from govcx.core.text import text_problem
from govcx.operations.metrics import SUBMISSIONS_ACCEPTED
from govcx.surveys.definition import iter_questions
from govcx.surveys.models import Survey, SurveyVersion
from govcx.surveys.pra import accepting_responses
from govcx.surveys.rendering import OTHER_SUFFIX
from govcx.surveys.vocabulary import TEXT_TYPES

MAX_PAGE_URL = 2000
MAX_LOCATION = 100
# What a retry must repeat exactly to be the same submission (the channel and source follow from
# the touchpoint and the scope).
REPLAYED_FIELDS = (
    "answers",
    "touchpoint_id",
    "version_id",
    "language",
    "page_url",
    "location_code",
)


class SubmissionRejected(Exception):
    def __init__(self, reason: Rejection, message: str, errors: dict[str, str] | None = None):
        super().__init__(message)
        self.reason = reason
        self.errors = errors or {}


@dataclass(frozen=True)
class Accepted:
    response: Response
    duplicate: bool


class IdempotencyScope:
    """Who sent an idempotency key. The anonymous senders share one scope each; a touchpoint key
    and a personal token each have their own."""

    WIDGET = "widget"
    PAGE = "page"
    IMPORT = "import"

    @staticmethod
    def of_api_caller(*, key: TouchpointKey | None, token: ApiToken | None) -> str:
        """The submission API's caller: its touchpoint key, its personal token, or else the
        anonymous widget."""
        if key is not None:
            return f"key:{key.pk}"
        if token is not None:
            return f"token:{token.pk}"
        return IdempotencyScope.WIDGET


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
    idempotency_scope: str = "",
    client_ip: str | None = None,
) -> Accepted:
    """Store one submission or raise SubmissionRejected (after counting the rejection).

    ``idempotency_scope`` (an ``IdempotencyScope``) says who sent ``idempotency_key``; a key
    without one is refused, so no caller can fall into another's scope by omission."""
    if idempotency_key and not idempotency_scope:
        raise ValueError("An idempotency key needs the scope of its sender.")
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
            (idempotency_key, idempotency_scope),
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
    idempotency: tuple[str | None, str],
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
        idempotency_key=idempotency[0],
        idempotency_scope=idempotency[1],
        client_ip=client_ip,
    )
    if response_insert(response):
        SUBMISSIONS_ACCEPTED.labels(source).inc()
        return Accepted(response, duplicate=False)
    stored = Response.objects.get(
        survey=survey, idempotency_scope=idempotency[1], idempotency_key=idempotency[0]
    )
    if not same_submission(stored, response):
        raise SubmissionRejected(
            Rejection.IDEMPOTENCY_CONFLICT,
            _("This idempotency key was already used for a different submission."),
        )
    return Accepted(stored, duplicate=True)


def same_submission(stored: Response, sent: Response) -> bool:
    """Whether ``sent`` repeats ``stored`` exactly (both redacted the same way)."""
    return all(getattr(stored, name) == getattr(sent, name) for name in REPLAYED_FIELDS)


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
    idempotency_scope: str = "",
    client_ip: str | None = None,
) -> Response:
    """An unsaved response from checked answers, free text redacted (shared with imports)."""
    keep = organization_keep(survey.organization)
    for key in free_text_keys(version) & answers.keys():
        answers[key] = redact(answers[key], keep=keep).text
    return Response(
        organization_id=survey.organization_id,
        survey=survey,
        version=version,
        touchpoint=touchpoint,
        channel=touchpoint.channel,
        language=language,
        source=source,
        page_url=page_url,
        location_code=redact(location_code, keep=keep).text if location_code else "",
        answers=answers,
        ip_hash=_ip_hash(survey, client_ip),
        idempotency_key=idempotency_key or None,
        idempotency_scope=idempotency_scope if idempotency_key else "",
    )


def organization_keep(organization: Organization) -> Keep:
    """The organization's own public phone numbers and addresses, which the redactor keeps."""
    return _keep(organization.public_phones, organization.public_addresses)


@lru_cache(maxsize=512)
def _keep(phones: str, addresses: str) -> Keep:
    # Parsed once per distinct list: this runs for every submission.
    return keep_for(phones=phones.splitlines(), addresses=addresses.splitlines())


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

"""The hosted survey page /s/<public id>/: multi-page, bilingual, works without JavaScript."""

from typing import Any

from django.forms.utils import ErrorDict, ErrorList
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.csrf import csrf_exempt

from govcx.accounts.rules import PUBLIC, access
from govcx.accounts.sessions import session_neutral
from govcx.collection.limits import submission_limited
from govcx.collection.models import Rejection, Source
from govcx.collection.page import page_keys, prune_hidden, raw_answers, shown_pages
from govcx.collection.public import choose_language, survey_by_public_id, survey_touchpoint
from govcx.collection.rejections import rejection_record
from govcx.collection.services import SubmissionRejected, closed_message, submission_accept
from govcx.collection.validation import check_answers
from govcx.core.csp import allow_framing_by
from govcx.core.forms import UswdsForm
from govcx.core.text import is_acceptable
from govcx.surveys.models import Survey, SurveyVersion
from govcx.surveys.pra import accepting_responses
from govcx.surveys.rendering import localized, question_fields
from govcx.surveys.vocabulary import QuestionType

HONEYPOT = "contact_time"


# The form posts no CSRF token: respondents have no session, and a forged submission could do no
# more than a real one. Abuse is handled by the honeypot, rate limits and validation.
@access(PUBLIC)
@session_neutral
@csrf_exempt
def survey_page(request: HttpRequest, public_id: str) -> HttpResponse:
    survey = survey_by_public_id(public_id)
    version = survey.published_version() if survey else None
    if survey is None or version is None:
        return _notice(request, None, "en", closed_message("not_published"), status=404)
    language = choose_language(
        version,
        request.GET.get("lang") or request.POST.get("lang"),
        request.headers.get("Accept-Language", ""),
    )
    touchpoint = survey_touchpoint(survey, request.GET.get("tp") or request.POST.get("tp"))
    # The touchpoint's websites may show the page in a frame: every step and every notice.
    framable = touchpoint.allowed_origins if touchpoint else []
    acceptance = accepting_responses(survey, today=timezone.localdate())
    if not acceptance.accepting:
        notice = _notice(request, survey, language, closed_message(acceptance.reason), version)
        return allow_framing_by(notice, framable)
    if touchpoint is None:
        return _notice(request, survey, language, closed_message("not_published"), version)
    with translation.override(language):
        return allow_framing_by(_step(request, survey, version, touchpoint.pk, language), framable)


def _step(
    request: HttpRequest, survey: Survey, version: SurveyVersion, touchpoint_id: int, language: str
) -> HttpResponse:
    definition = version.definition
    data = request.POST if request.method == "POST" else request.GET
    raw = prune_hidden(definition, raw_answers(definition, data))
    step = _int(data.get("step"), 1)
    pages = shown_pages(definition, raw)
    errors: dict[str, str] = {}
    if request.method == "POST":
        if request.POST.get(HONEYPOT):
            rejection_record(Rejection.HONEYPOT, survey=survey)
            return _notice(request, survey, language, _refused(), version, status=400)
        if request.POST.get("action") == "back":
            step = max(1, step - 1)
        else:
            errors = check_answers(definition, raw, through_page=step).errors
            if not errors and step >= len(pages):
                return _finish(request, survey, version, touchpoint_id, language, raw)
            if not errors:
                step += 1
    step = min(max(step, 1), len(pages))
    return _render(request, survey, version, touchpoint_id, language, pages, step, raw, errors)


def _finish(
    request: HttpRequest,
    survey: Survey,
    version: SurveyVersion,
    touchpoint_id: int,
    language: str,
    raw: dict[str, Any],
) -> HttpResponse:
    touchpoint = survey.touchpoints.get(pk=touchpoint_id)
    if submission_limited(request, touchpoint):
        rejection_record(Rejection.RATE_LIMITED, survey=survey)
        return _notice(request, survey, language, _busy(), version, status=429)
    referrer = _context(request.headers.get("Referer", "").split("?")[0][:2000])
    try:
        submission_accept(
            survey=survey,
            version=version,
            touchpoint=touchpoint,
            raw_answers=raw,
            language=language,
            source=Source.PAGE,
            page_url=referrer,
            location_code=_context(request.POST.get("location", "")[:100]),
            client_ip=request.META.get("REMOTE_ADDR"),
        )
    except SubmissionRejected as rejected:
        return _notice(request, survey, language, str(rejected), version, status=400)
    thanks = reverse("collection:thanks", args=[survey.public_id])
    return redirect(f"{thanks}?lang={language}&tp={touchpoint_id}")


def _render(
    request: HttpRequest,
    survey: Survey,
    version: SurveyVersion,
    touchpoint_id: int,
    language: str,
    pages: list[dict[str, Any]],
    step: int,
    raw: dict[str, Any],
    errors: dict[str, str],
) -> HttpResponse:
    page = pages[step - 1]
    form = UswdsForm(initial=raw)
    items = []
    for question in page["questions"]:
        fields = question_fields(question, language)
        form.fields.update(fields)
        items.append((question, list(fields)))
    if request.method == "GET":
        for question, _names in items:  # the host page may pass hidden context values
            if question["type"] == QuestionType.HIDDEN and request.GET.get(question["key"]):
                form.initial[question["key"]] = request.GET[question["key"]][:250]
    # The answers were checked by check_answers (the one validator); show its messages.
    form._errors = ErrorDict(  # type: ignore[attr-defined]
        {k: ErrorList([v]) for k, v in errors.items() if k in form.fields}
    )
    form.uswds_prepare()
    current = page_keys(page)
    carried = [
        (k, v)
        for k, value in raw.items()
        if k not in current
        for v in (value if isinstance(value, list) else [value])
    ]
    stray = [message for key, message in errors.items() if key not in form.fields]
    return render(
        request,
        "collection/survey_page.html",
        {
            "survey": survey,
            "version": version,
            "language": language,
            "title": version.text("title", language),
            "intro": version.text("intro", language),
            "page_title": localized(page.get("title"), language),
            "items": [
                (q, localized(q.get("text"), language), [form[n] for n in names])
                for q, names in items
            ],
            "form": form,
            "stray_errors": stray,
            "carried": carried,
            "step": step,
            "steps": len(pages),
            "first": step == 1,
            "last": step == len(pages),
            "touchpoint_id": touchpoint_id,
            "honeypot": HONEYPOT,
            "location": _context(
                (request.GET.get("location") or request.POST.get("location", ""))[:100]
            ),
            "rules": {q["key"]: q["show_if"] for q in page["questions"] if q.get("show_if")},
            "privacy": version.definition.get("privacy"),
        },
        status=400 if errors else 200,
    )


def _notice(
    request: HttpRequest,
    survey: Survey | None,
    language: str,
    message: str,
    version: SurveyVersion | None = None,
    status: int = 200,
) -> HttpResponse:
    with translation.override(language):
        return render(
            request,
            "collection/notice.html",
            {
                "survey": survey,
                "message": message,
                "language": language,
                "title": version.text("title", language) if version else "",
            },
            status=status,
        )


@access(PUBLIC)
@session_neutral
def thanks(request: HttpRequest, public_id: str) -> HttpResponse:
    survey = survey_by_public_id(public_id)
    version = survey.published_version() if survey else None
    if survey is None or version is None:
        return _notice(request, None, "en", closed_message("not_published"), status=404)
    language = choose_language(
        version, request.GET.get("lang"), request.headers.get("Accept-Language", "")
    )
    touchpoint = survey_touchpoint(survey, request.GET.get("tp"))
    with translation.override(language):
        page = render(
            request,
            "collection/thanks.html",
            {
                "survey": survey,
                "language": language,
                "title": version.text("title", language),
                "message": version.text("thank_you", language),
            },
        )
    return allow_framing_by(page, touchpoint.allowed_origins if touchpoint else [])


def _context(value: str) -> str:
    """A location code from the link or an address from the browser: the respondent did not
    type it and could not correct it, so text the shared rule refuses (govcx.core.text) is left
    out rather than refusing their answers."""
    return value if is_acceptable(value) else ""


def _int(value: Any, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _refused() -> str:
    return translation.gettext("Your response could not be accepted.")


def _busy() -> str:
    return translation.gettext("Many people are answering right now. Please try again in a minute.")

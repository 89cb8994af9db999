"""Survey screens: list, create or import, settings and PRA, lifecycle, preview, export."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from govcx.accounts.access import access_object, has_perm, organizations_for, scope
from govcx.accounts.requests import request_user
from govcx.accounts.roles import Perm
from govcx.accounts.rules import SIGNED_IN, HasPerm, access
from govcx.collection.rejections import RECENT_DAYS, survey_rejections
from govcx.retention.deletion import (
    DeletionError,
    deletion_offered,
    deletion_problems,
    survey_delete,
)
from govcx.retention.services import legal_hold_of
from govcx.surveys.exchange import export_document, parse_import
from govcx.surveys.forms import SurveyCreateForm, SurveyImportForm, SurveySettingsForm
from govcx.surveys.lifecycle import (
    TransitionError,
    policy_warnings,
    publish_problems,
    survey_transition,
    transition_choices,
)
from govcx.surveys.models import Survey, SurveyVersion
from govcx.surveys.pra import expiry_warning
from govcx.surveys.rendering import preview_pages
from govcx.surveys.services import survey_create, survey_settings_save


def _survey(request: HttpRequest, pk: int, perm: Perm) -> Survey:
    return access_object(request.user, perm, Survey.objects.select_related("organization"), pk=pk)


@access(SIGNED_IN)
def survey_list(request: HttpRequest) -> HttpResponse:
    surveys = (
        scope(Survey.objects.all(), request.user, Perm.VIEW_SURVEYS)
        .select_related("organization")
        .exclude(status=Survey.Status.ARCHIVED if not request.GET.get("archived") else "")
        .order_by("organization__name", "name")
    )
    today = timezone.localdate()
    rows = [(survey, expiry_warning(survey, today=today)) for survey in surveys]
    return render(
        request,
        "surveys/list.html",
        {
            "rows": rows,
            "can_create": organizations_for(request.user, Perm.MANAGE_SURVEYS).exists(),
            "show_archived": bool(request.GET.get("archived")),
        },
    )


@access(HasPerm(Perm.MANAGE_SURVEYS))
def survey_new(request: HttpRequest) -> HttpResponse:
    form = SurveyCreateForm(
        request.POST or None, organizations=organizations_for(request.user, Perm.MANAGE_SURVEYS)
    )
    if request.method == "POST" and form.is_valid():
        survey = survey_create(
            organization=form.cleaned_data["organization"],
            name=form.cleaned_data["name"],
            template=form.cleaned_data["template"],
            touchpoints=list(form.cleaned_data["touchpoints"]),
            by=request_user(request),
            request=request,
        )
        messages.success(request, _("Survey created as a draft."))
        return redirect("surveys:detail", pk=survey.pk)
    return render(request, "surveys/new.html", {"form": form})


@access(HasPerm(Perm.MANAGE_SURVEYS))
def survey_import(request: HttpRequest) -> HttpResponse:
    form = SurveyImportForm(
        request.POST or None,
        request.FILES or None,
        organizations=organizations_for(request.user, Perm.MANAGE_SURVEYS),
    )
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        document, problems = parse_import(form.cleaned_data["file"].read())
        if document is not None:
            survey = survey_create(
                organization=form.cleaned_data["organization"],
                name=document["name"],
                template="blank",
                origin=document.get("origin", Survey.Origin.CUSTOM),
                definition=document["definition"],
                touchpoints=list(form.cleaned_data["touchpoints"]),
                by=request_user(request),
                request=request,
            )
            messages.success(request, _("Survey imported as a draft."))
            return redirect("surveys:detail", pk=survey.pk)
    return render(
        request,
        "surveys/import.html",
        {"form": form, "problems": problems},
        status=400 if problems else 200,
    )


@access(SIGNED_IN)
def survey_detail(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk, Perm.VIEW_SURVEYS)
    working = survey.working_version()
    today = timezone.localdate()
    can_manage = has_perm(request.user, survey.organization, Perm.MANAGE_SURVEYS)
    return render(
        request,
        "surveys/detail.html",
        {
            "survey": survey,
            "working": working,
            "published": survey.published_version(),
            "versions": survey.versions.all(),
            "touchpoints": survey.touchpoints.select_related("service"),
            "problems": publish_problems(survey, working, today=today) if working else [],
            "warnings": policy_warnings(working) if working else [],
            "expiry": expiry_warning(survey, today=today),
            "transitions": transition_choices(survey, request_user(request)),
            "can_manage": can_manage,
            "can_delete": can_manage and deletion_offered(survey),
            "is_published": survey.status == Survey.Status.PUBLISHED,
            "can_export": has_perm(request.user, survey.organization, Perm.VIEW_RESPONSES),
            "response_count": survey.responses.count(),
            "legal_hold": legal_hold_of(survey),
            "rejections": survey_rejections(request_user(request), survey),
            "days": RECENT_DAYS,
        },
    )


@access(HasPerm(Perm.MANAGE_SURVEYS))
@require_POST
def survey_transition_view(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk, Perm.VIEW_SURVEYS)
    try:
        survey_transition(
            survey=survey,
            name=request.POST.get("action", ""),
            by=request_user(request),
            request=request,
            note=request.POST.get("note", "")[:500],
        )
    except TransitionError as error:
        messages.error(request, " ".join([str(error), *error.problems]))
    else:
        messages.success(
            request,
            _("Done: the survey is now %(status)s.")
            % {"status": Survey.objects.get(pk=pk).get_status_display()},
        )
    return redirect("surveys:detail", pk=pk)


@access(HasPerm(Perm.MANAGE_SURVEYS))
def survey_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm, or say what must happen first (archive, purge, clear a legal hold)."""
    survey = _survey(request, pk, Perm.MANAGE_SURVEYS)
    problems = deletion_problems(survey)
    if request.method == "POST" and not problems:
        try:
            survey_delete(survey=survey, by=request_user(request), request=request)
        except DeletionError as error:
            problems = error.problems
        else:
            messages.success(request, _("Survey deleted."))
            return redirect("surveys:list")
    return render(request, "surveys/delete.html", {"survey": survey, "problems": problems})


@access(HasPerm(Perm.MANAGE_SURVEYS))
def survey_settings(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk, Perm.MANAGE_SURVEYS)
    form = SurveySettingsForm(request.POST or None, instance=survey)
    if request.method == "POST" and form.is_valid():
        survey_settings_save(form=form, by=request_user(request), request=request)
        messages.success(request, _("Settings saved."))
        return redirect("surveys:detail", pk=pk)
    return render(request, "surveys/settings.html", {"form": form, "survey": survey})


def _version(survey: Survey, number: str | None) -> SurveyVersion:
    versions = survey.versions.all()
    # A version number is small; a made-up one of any length is simply not a version.
    text = number or ""
    given = text.isascii() and text.isdigit() and len(text) <= 9
    chosen = versions.filter(number=int(text)).first() if given else None
    return chosen or survey.working_version() or survey.latest_version()


@access(SIGNED_IN)
def survey_preview(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk, Perm.VIEW_SURVEYS)
    version = _version(survey, request.GET.get("version"))
    language = request.GET.get("lang", "en")
    if language not in version.languages:
        language = "en"
    width = "mobile" if request.GET.get("width") == "mobile" else "desktop"
    return render(
        request,
        "surveys/preview.html",
        {
            "survey": survey,
            "version": version,
            "language": language,
            "width": width,
            "pages": preview_pages(version.definition, language),
            "title": version.text("title", language),
            "intro": version.text("intro", language),
            "thank_you": version.text("thank_you", language),
        },
    )


@access(SIGNED_IN)
def survey_export(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk, Perm.VIEW_SURVEYS)
    version = _version(survey, request.GET.get("version"))
    response = JsonResponse(
        export_document(version), json_dumps_params={"indent": 2, "ensure_ascii": False}
    )
    response["Content-Disposition"] = (
        f'attachment; filename="survey-{survey.pk}-v{version.number}.json"'
    )
    return response

"""Staff screens for collection: how to collect on a touchpoint, its API keys, rejections."""

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from govcx.accounts.access import access_object
from govcx.accounts.requests import request_user
from govcx.accounts.roles import Perm
from govcx.accounts.rules import PLATFORM_ADMIN, HasPerm, access
from govcx.catalog.models import Touchpoint
from govcx.collection.forms import ImportForm, KeyForm
from govcx.collection.imports import responses_import
from govcx.collection.keys import touchpoint_key_issue, touchpoint_key_revoke
from govcx.collection.models import RejectionCount, TouchpointKey
from govcx.collection.rejections import RECENT_DAYS, rejection_totals
from govcx.surveys.models import Survey


def _touchpoint(request: HttpRequest, pk: int) -> Touchpoint:
    return access_object(
        request.user,
        Perm.MANAGE_TOUCHPOINTS,
        Touchpoint.objects.select_related("service__organization"),
        pk=pk,
    )


@access(HasPerm(Perm.MANAGE_TOUCHPOINTS))
def touchpoint_collect(request: HttpRequest, pk: int) -> HttpResponse:
    touchpoint = _touchpoint(request, pk)
    form = KeyForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        _key, secret = touchpoint_key_issue(
            touchpoint=touchpoint,
            name=form.cleaned_data["name"],
            by=request_user(request),
            request=request,
        )
        form = KeyForm()
    base = request.build_absolute_uri("/").rstrip("/")
    surveys = touchpoint.surveys.filter(status=Survey.Status.PUBLISHED).order_by("name")
    since = timezone.localdate() - timedelta(days=RECENT_DAYS)
    return render(
        request,
        "collection/touchpoint_collect.html",
        {
            "touchpoint": touchpoint,
            "surveys": [
                (survey, base + reverse("collection:survey", args=[survey.public_id]) + f"?tp={pk}")
                for survey in surveys
            ],
            # The stable, versioned address (not the content-hashed one): embeds keep working
            # across upgrades, and compatible fixes reach them (see docs/widget.md).
            "widget_url": base + settings.STATIC_URL.rstrip("/") + "/collection/widget-v1.js",
            "keys": touchpoint.keys.all(),
            "form": form,
            "secret": secret,
            "rejections": rejection_totals(
                RejectionCount.objects.filter(survey__touchpoints=touchpoint, day__gte=since)
            ),
            "days": RECENT_DAYS,
            "max_bytes": settings.GOVCX_MAX_SUBMISSION_BYTES,
        },
    )


@access(HasPerm(Perm.MANAGE_TOUCHPOINTS))
@require_POST
def key_revoke(request: HttpRequest, pk: int, key_pk: int) -> HttpResponse:
    touchpoint = _touchpoint(request, pk)
    key = get_object_or_404(TouchpointKey, pk=key_pk, touchpoint=touchpoint)
    touchpoint_key_revoke(key=key, by=request_user(request), request=request)
    messages.success(request, _("Key revoked: it no longer works."))
    return redirect("collection:touchpoint-collect", pk=pk)


@access(HasPerm(Perm.MANAGE_SURVEYS))
def survey_import_responses(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload a CSV of paper, phone or in-person answers (large files: `govcx import_responses`)."""
    survey = access_object(
        request.user, Perm.MANAGE_SURVEYS, Survey.objects.select_related("organization"), pk=pk
    )
    form = ImportForm(
        request.POST or None,
        request.FILES or None,
        touchpoints=survey.touchpoints.filter(is_active=True),
    )
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > settings.GOVCX_IMPORT_MAX_BYTES:
            form.add_error(
                "file",
                _("Files over %(mb)d MB are imported with the govcx import_responses command.")
                % {"mb": settings.GOVCX_IMPORT_MAX_BYTES // 1_000_000},
            )
        else:
            result = responses_import(
                survey=survey,
                touchpoint=form.cleaned_data["touchpoint"],
                data=upload.read(),
                layout=form.cleaned_data["layout"],
                by=request_user(request),
            )
            if not result.errors:
                messages.success(
                    request,
                    ngettext(
                        "Imported %(n)d response (%(old)d were already stored).",
                        "Imported %(n)d responses (%(old)d were already stored).",
                        result.stored,
                    )
                    % {"n": result.stored, "old": result.already},
                )
                return redirect("surveys:detail", pk=pk)
    return render(
        request,
        "collection/import.html",
        {
            "survey": survey,
            "form": form,
            "result": result,
            "errors": result.errors[:500] if result else [],
        },
    )


@access(PLATFORM_ADMIN)
def platform_rejections(request: HttpRequest) -> HttpResponse:
    """Every refused submission, including those that named no survey (platform admins only)."""
    since = timezone.localdate() - timedelta(days=RECENT_DAYS)
    recent = RejectionCount.objects.filter(day__gte=since)
    return render(
        request,
        "collection/rejections.html",
        {
            "all_totals": rejection_totals(recent),
            "no_survey": rejection_totals(recent.filter(survey__isnull=True)),
            "days": RECENT_DAYS,
        },
    )

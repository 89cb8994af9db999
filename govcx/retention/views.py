"""The retention screen of an organization: its period, what the purge would delete now (a dry
run, counts only), and legal holds. For organization admins only."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from govcx.accounts.access import access_object, access_organization
from govcx.accounts.requests import request_user
from govcx.accounts.roles import Perm
from govcx.accounts.rules import HasPerm, access
from govcx.catalog.models import Organization
from govcx.retention.forms import ClearHoldForm, HoldForm, RetentionPeriodForm
from govcx.retention.models import LegalHold, RetentionPeriod
from govcx.retention.policy import retention_of
from govcx.retention.purge import due_slices
from govcx.retention.services import (
    RetentionError,
    legal_hold_clear,
    legal_hold_place,
    retention_period_set,
)
from govcx.surveys.models import Survey

RULE = HasPerm(Perm.MANAGE_RETENTION)


def _organization(request: HttpRequest, slug: str) -> Organization:
    return access_organization(request.user, Perm.MANAGE_RETENTION, slug=slug)


def _holds(organization: Organization) -> Any:
    return LegalHold.objects.filter(
        survey__organization__path__startswith=organization.path
    ).select_related("survey__organization", "placed_by")


def _page(request: HttpRequest, organization: Organization, **forms: Any) -> HttpResponse:
    own = RetentionPeriod.objects.filter(organization=organization).first()
    surveys = Survey.objects.filter(
        organization__path__startswith=organization.path, legal_hold__isnull=True
    ).order_by("name")
    slices = due_slices(today=timezone.localdate(), within=organization)
    context = {
        "organization": organization,
        "retention": retention_of(organization),
        "period_form": forms.get("period_form")
        or RetentionPeriodForm(initial={"months": own.months if own else None}),
        "hold_form": forms.get("hold_form") or HoldForm(surveys=surveys),
        "holds": [
            (hold, forms.get(f"clear_{hold.pk}") or ClearHoldForm(prefix=f"clear-{hold.pk}"))
            for hold in _holds(organization)
        ],
        "slices": slices,
        "due": sum(s.responses for s in slices if not s.held),
        "held": sum(s.responses for s in slices if s.held),
    }
    return render(request, "retention/organization.html", context)


@access(RULE)
def retention(request: HttpRequest, slug: str) -> HttpResponse:
    organization = _organization(request, slug)
    if request.method != "POST":
        return _page(request, organization)
    form = RetentionPeriodForm(request.POST)
    if not form.is_valid():
        return _page(request, organization, period_form=form)
    try:
        retention_period_set(
            organization=organization,
            months=form.cleaned_data["months"],
            by=request_user(request),
            request=request,
        )
    except RetentionError as error:
        form.add_error("months", str(error))
        return _page(request, organization, period_form=form)
    messages.success(request, _("Retention period saved."))
    return redirect("retention:organization", slug=slug)


@access(RULE)
@require_POST
def hold_place(request: HttpRequest, slug: str) -> HttpResponse:
    organization = _organization(request, slug)
    surveys = Survey.objects.filter(
        organization__path__startswith=organization.path, legal_hold__isnull=True
    )
    form = HoldForm(request.POST, surveys=surveys)
    if not form.is_valid():
        return _page(request, organization, hold_form=form)
    try:
        legal_hold_place(
            survey=form.cleaned_data["survey"],
            reason=form.cleaned_data["reason"],
            by=request_user(request),
            request=request,
        )
    except RetentionError as error:
        form.add_error("reason", str(error))
        return _page(request, organization, hold_form=form)
    messages.success(request, _("Legal hold placed: the purge will keep this survey's responses."))
    return redirect("retention:organization", slug=slug)


@access(RULE)
@require_POST
def hold_clear(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    organization = _organization(request, slug)
    hold = access_object(request.user, Perm.MANAGE_RETENTION, _holds(organization), pk=pk)
    form = ClearHoldForm(request.POST, prefix=f"clear-{hold.pk}")
    if not form.is_valid():
        return _page(request, organization, **{f"clear_{hold.pk}": form})
    try:
        legal_hold_clear(
            hold=hold, reason=form.cleaned_data["reason"], by=request_user(request), request=request
        )
    except RetentionError as error:
        form.add_error("reason", str(error))
        return _page(request, organization, **{f"clear_{hold.pk}": form})
    messages.success(request, _("Legal hold cleared."))
    return redirect("retention:organization", slug=slug)

"""The export screen: choose filters and a format; the file streams as it is read."""

from datetime import datetime, time, timedelta
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from govcx.accounts.access import organizations_for, scope
from govcx.accounts.roles import Perm
from govcx.accounts.rules import HasPerm, access
from govcx.catalog.models import Touchpoint
from govcx.collection.export_stream import export_response
from govcx.collection.exports import ResponseFilters
from govcx.core.forms import DateField, UswdsForm
from govcx.surveys.models import Survey


class ExportForm(UswdsForm):
    organization = forms.ChoiceField(label=_("Organization"), required=False)
    survey = forms.TypedChoiceField(
        label=_("Survey"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("With one survey, each question gets its own column."),
    )
    touchpoint = forms.TypedChoiceField(
        label=_("Touchpoint"), required=False, coerce=int, empty_value=None
    )
    received_from = DateField(label=_("Received from"), required=False)
    received_to = DateField(label=_("Received to (inclusive)"), required=False)
    format = forms.ChoiceField(
        label=_("Format"),
        widget=forms.RadioSelect,
        initial="csv",
        choices=[
            ("csv", _("CSV (spreadsheets)")),
            ("parquet", _("Parquet (DuckDB, Spark, data warehouses)")),
        ],
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        anything = [("", _("All I may see"))]
        organizations = organizations_for(user, Perm.VIEW_RESPONSES).order_by("name")
        self.fields["organization"].choices = anything + [  # type: ignore[attr-defined]
            (org.slug, org.name) for org in organizations
        ]
        surveys = scope(Survey.objects.order_by("name"), user, Perm.VIEW_RESPONSES)
        self.fields["survey"].choices = anything + [(s.pk, s.name) for s in surveys]  # type: ignore[attr-defined]
        touchpoints = scope(
            Touchpoint.objects.select_related("service").order_by("service__name", "name"),
            user,
            Perm.VIEW_RESPONSES,
        )
        self.fields["touchpoint"].choices = anything + [  # type: ignore[attr-defined]
            (tp.pk, f"{tp.service.name}: {tp.name}") for tp in touchpoints
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("received_from"), data.get("received_to")
        if start and end and end < start:
            self.add_error("received_to", _("Give an end date on or after the start date."))
        return data

    def filters(self) -> ResponseFilters:
        data = self.cleaned_data
        start, end = data.get("received_from"), data.get("received_to")
        return ResponseFilters(
            organization=data.get("organization") or None,
            survey=data.get("survey"),
            touchpoint=data.get("touchpoint"),
            received_after=_midnight(start) if start else None,
            received_before=_midnight(end + timedelta(days=1)) if end else None,
        )


def _midnight(day: Any) -> datetime:
    return timezone.make_aware(datetime.combine(day, time()))


@access(HasPerm(Perm.VIEW_RESPONSES))
def responses_export(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    """A GET form, so an export can be bookmarked; submitting it (with a format) downloads the
    file. Links may pre-fill it, e.g. ?survey=12 from a survey's page."""
    submitted = "format" in request.GET
    form = ExportForm(
        request.GET if submitted else None,
        initial=None if submitted else {"format": "csv", **request.GET.dict()},
        user=request.user,
    )
    if submitted and form.is_valid():
        return export_response(
            user=request.user,
            filters=form.filters(),
            format=form.cleaned_data["format"],
            request=request,
        )
    # A refused filter is the request's fault: 400, with the form saying which field and why.
    status = 400 if submitted else 200
    return render(request, "collection/export.html", {"form": form}, status=status)

"""The equity screen: a measure (trust by default) by channel, language and every segment the
surveys record, each group compared with everyone else; significant gaps are listed first.
Reads the rollups only (AnswerCount and the SegmentCount cross-tab)."""

from typing import Any

from django import forms
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from govcx.accounts.roles import Perm
from govcx.accounts.rules import HasPerm, access
from govcx.analytics import metrics
from govcx.analytics.downloads import BREAKDOWN_HEADER, breakdown_rows, csv_response
from govcx.analytics.models import AnswerCount, SegmentCount
from govcx.analytics.numbers import LANGUAGES, Breakdown, channel_labels
from govcx.analytics.scope import (
    PeriodForm,
    life_event_slice,
    organization_slice,
    service_slice,
)
from govcx.analytics.segments import load_segments, segment_breakdowns
from govcx.surveys.vocabulary import Measure

SCORED_MEASURES = [(value, label) for value, label in Measure.choices if value != Measure.COMMENT]


class EquityForm(PeriodForm):
    measure = forms.ChoiceField(
        label=gettext_lazy("Measure"), required=False, choices=SCORED_MEASURES
    )

    def chosen_measure(self) -> str:
        if self.is_valid() and self.cleaned_data.get("measure"):
            return str(self.cleaned_data["measure"])
        return Measure.TRUST


def _equity(
    request: HttpRequest, filters: dict[str, Any], *, title: str, dashboard_url: str
) -> HttpResponse:
    form = EquityForm(request.GET or None, today=timezone.localdate())
    period = form.chosen()
    measure = form.chosen_measure()
    label = str(dict(Measure.choices)[measure])
    answers = metrics.in_period(AnswerCount.objects.filter(**filters), period)
    cells = metrics.load(answers.filter(measure=measure))
    breakdowns = [
        Breakdown(
            "channels",
            _("%(measure)s by channel") % {"measure": label},
            metrics.breakdown(cells, "channel", channel_labels(), measure),
        ),
        Breakdown(
            "languages",
            _("%(measure)s by language") % {"measure": label},
            metrics.breakdown(cells, "language", LANGUAGES, measure),
        ),
    ]
    segment_counts = metrics.in_period(SegmentCount.objects.filter(**filters), period)
    for table in segment_breakdowns(load_segments(segment_counts, measure), measure):
        breakdowns.append(
            Breakdown(
                f"segment-{table.key}",
                _("%(measure)s by answer to “%(question)s”")
                % {"measure": label, "question": table.question},
                table.segments,
            )
        )
    wanted = request.GET.get("csv")
    if wanted:
        found = next((b for b in breakdowns if b.key == wanted), None)
        if found is None:
            return HttpResponse(status=404)
        return csv_response(wanted, BREAKDOWN_HEADER, breakdown_rows(found.segments))
    gaps = [
        (b, s) for b in breakdowns for s in b.segments if s.gap is not None and s.gap.significant
    ]
    context = {
        "title": title,
        "form": form,
        "period": period,
        "measure_label": label,
        "breakdowns": breakdowns,
        "gaps": gaps,
        "segment_tables": len(breakdowns) - 2,
        "dashboard_url": dashboard_url,
        "querystring": request.GET.urlencode(),
        "min_n": settings.GOVCX_MIN_N,
    }
    return render(request, "analytics/equity.html", context)


@access(HasPerm(Perm.VIEW_METRICS))
def organization_equity(request: HttpRequest, slug: str) -> HttpResponse:
    organization, filters = organization_slice(request.user, slug)
    url = reverse("analytics:organization", args=[organization.slug])
    return _equity(request, filters, title=organization.name, dashboard_url=url)


@access(HasPerm(Perm.VIEW_METRICS))
def service_equity(request: HttpRequest, pk: int) -> HttpResponse:
    service, filters = service_slice(request.user, pk)
    url = reverse("analytics:service", args=[service.pk])
    return _equity(request, filters, title=service.name, dashboard_url=url)


@access(HasPerm(Perm.VIEW_METRICS))
def life_event_equity(request: HttpRequest, slug: str) -> HttpResponse:
    event, filters = life_event_slice(request.user, slug)
    url = reverse("analytics:life-event", args=[event.slug])
    return _equity(request, filters, title=event.name, dashboard_url=url)

"""Dashboards: an organization, a service, a life event. Every number comes from the rollups;
every table can be downloaded as CSV, with the same suppression."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from govcx.accounts.roles import Perm
from govcx.accounts.rules import HasPerm, access
from govcx.analytics import metrics
from govcx.analytics.charts import priority_matrix, trend_chart
from govcx.analytics.downloads import BREAKDOWN_HEADER, breakdown_rows, csv_response, pct
from govcx.analytics.drivers import driver_analysis, with_priorities
from govcx.analytics.models import MomentSum
from govcx.analytics.numbers import (
    BreakdownSpec,
    dashboard_numbers,
    life_event_breakdowns,
    organization_breakdowns,
    service_breakdowns,
    touchpoint_breakdowns,
)
from govcx.analytics.periods import Period
from govcx.analytics.scope import (
    PeriodForm,
    life_event_slice,
    organization_slice,
    service_slice,
    touchpoint_slice,
)


def _dashboard(
    request: HttpRequest,
    slice_filters: dict[str, Any],
    *,
    title: str,
    breakdowns: list[BreakdownSpec],
    drivers: bool,
    subject: Any,
    equity_url: str = "",
    drivers_url: str = "",
    template: str = "analytics/dashboard.html",
) -> HttpResponse:
    today = timezone.localdate()
    form = PeriodForm(request.GET or None, today=today)
    period = form.chosen()
    numbers = dashboard_numbers(
        slice_filters,
        period=period,
        today=today,
        breakdowns=breakdowns,
        drivers=drivers,
        compare=form.compared_with(period),
    )
    context = {
        "title": title,
        "subject": subject,
        "form": form,
        "period": period,
        "volume": numbers.volume,
        "measures": numbers.measures,
        "trend": numbers.trend,
        "breakdowns": numbers.breakdowns,
        "drivers": numbers.drivers,
        "comparison": numbers.comparison,
        "compared_with": numbers.compared_with,
        "querystring": request.GET.urlencode(),
        "min_n": settings.GOVCX_MIN_N,
        "equity_url": equity_url,
        "drivers_url": drivers_url,
    }
    context["chart"] = trend_chart(context["trend"])
    analysis = driver_analysis(
        MomentSum.objects.filter(**slice_filters, day__gte=period.start, day__lte=period.end)
    )
    if analysis is not None:
        performance = {m.measure: m.proportion.share for m in context["measures"] if m.enough}
        analysis = with_priorities(analysis, performance)
    context["analysis"] = analysis
    context["matrix"] = priority_matrix(analysis) if analysis is not None else None
    context["summary"] = _summary(context["trend"])
    table = request.GET.get("csv")
    if table:
        return _csv(table, context, period)
    return render(request, template, context)


def _summary(points: list[metrics.TrendPoint]) -> str:
    """The trend in one sentence, for everyone and for screen readers."""
    latest = next((p for p in reversed(points) if p.enough), None)
    if latest is None:
        return _("Not enough responses yet to report trust by quarter.")
    text = _("Trust was %(share).0f%% (±%(margin).0f points, %(n)d responses) in %(period)s.") % {
        "share": latest.proportion.share * 100,
        "margin": latest.proportion.margin * 100,
        "n": latest.proportion.n,
        "period": latest.period.label,
    }
    if latest.change is not None:
        points_changed = latest.change.difference * 100
        if latest.change.significant:
            text += " " + _(
                "That is %(change)+.0f points from the quarter before, a statistically "
                "significant change."
            ) % {"change": points_changed}
        else:
            text += " " + _(
                "The change from the quarter before (%(change)+.0f points) is within "
                "what chance alone could produce."
            ) % {"change": points_changed}
    return text


MEASURES_HEADER = (
    *("period", "period_start", "period_end", "measure", "n"),
    *("percent_positive", "ci_low", "ci_high", "mean", "distribution"),
)
TREND_HEADER = (
    *("quarter", "quarter_start", "quarter_end", "n", "percent_positive"),
    *("ci_low", "ci_high", "change_points", "significant"),
)


COMPARISON_HEADER = (
    *("period", "compared_with", "measure", "n", "percent_positive", "compared_n"),
    *("compared_percent_positive", "change_points", "p_value", "significant"),
)


def _csv(table: str, context: dict[str, Any], period: Period) -> HttpResponse:
    if table == "comparison" and context["comparison"] is not None:
        other = context["compared_with"]
        return csv_response(
            table,
            COMPARISON_HEADER,
            (
                [
                    period.code,
                    other.code,
                    c.measure,
                    c.now.n,
                    pct(c.now.share) if c.enough else "",
                    c.then.n,
                    pct(c.then.share) if c.enough else "",
                    f"{c.change.difference * 100:.1f}" if c.change else "",
                    f"{c.change.p_value:.4f}" if c.change else "",
                    ("yes" if c.change.significant else "no") if c.change else "",
                ]
                for c in context["comparison"]
            ),
        )
    if table == "measures":
        return csv_response(
            table,
            MEASURES_HEADER,
            (
                [
                    period.code,
                    period.start,
                    period.end,
                    m.measure,
                    m.n,
                    pct(m.proportion.share) if m.enough else "",
                    pct(m.proportion.low) if m.enough else "",
                    pct(m.proportion.high) if m.enough else "",
                    f"{m.mean:.2f}" if m.mean is not None and m.enough else "",
                    ";".join(f"{code}={count}" for code, _name, count in m.answers),
                ]
                for m in context["measures"]
            ),
        )
    if table == "trend":
        return csv_response(
            table,
            TREND_HEADER,
            (
                [
                    p.period.code,
                    p.period.start,
                    p.period.end,
                    p.proportion.n,
                    pct(p.proportion.share) if p.enough else "",
                    pct(p.proportion.low) if p.enough else "",
                    pct(p.proportion.high) if p.enough else "",
                    f"{p.change.difference * 100:.1f}" if p.change else "",
                    ("yes" if p.change.significant else "no") if p.change else "",
                ]
                for p in context["trend"]
            ),
        )
    if table == "drivers" and context["drivers"] is not None:
        return csv_response(
            table,
            ["driver", "named_going_well_percent", "named_not_going_well_percent"],
            (
                [row.driver, pct(row.positive.share), pct(row.negative.share)]
                for row in context["drivers"].rows
            ),
        )
    if table == "analysis" and context["analysis"] is not None:
        return csv_response(
            table,
            ["measure", "importance_share_of_r2", "performance_percent", "quadrant", "r2", "n"],
            (
                [
                    d.measure,
                    f"{d.importance:.4f}",
                    pct(d.performance) if d.performance is not None else "",
                    d.quadrant,
                    f"{context['analysis'].r2:.4f}",
                    context["analysis"].respondents,
                ]
                for d in context["analysis"].drivers
            ),
        )
    found = next((b for b in context["breakdowns"] if b.key == table), None)
    if found is None:
        return HttpResponse(status=404)
    return csv_response(table, BREAKDOWN_HEADER, breakdown_rows(found.segments))


@access(HasPerm(Perm.VIEW_METRICS))
def organization_dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    organization, filters = organization_slice(request.user, slug)
    return _dashboard(
        request,
        filters,
        title=organization.name,
        subject=organization,
        drivers=True,
        equity_url=reverse("analytics:organization-equity", args=[organization.slug]),
        drivers_url=reverse("analytics:organization-drivers", args=[organization.slug]),
        breakdowns=organization_breakdowns(organization),
    )


@access(HasPerm(Perm.VIEW_METRICS))
def service_dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    service, filters = service_slice(request.user, pk)
    return _dashboard(
        request,
        filters,
        title=service.name,
        subject=service,
        drivers=True,
        equity_url=reverse("analytics:service-equity", args=[service.pk]),
        drivers_url=reverse("analytics:service-drivers", args=[service.pk]),
        breakdowns=service_breakdowns(service),
    )


@access(HasPerm(Perm.VIEW_METRICS))
def touchpoint_dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    touchpoint, filters = touchpoint_slice(request.user, pk)
    return _dashboard(
        request,
        filters,
        title=f"{touchpoint.service.name}: {touchpoint.name}",
        subject=touchpoint,
        drivers=True,
        breakdowns=touchpoint_breakdowns(touchpoint),
    )


@access(HasPerm(Perm.VIEW_METRICS))
def life_event_dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    event, filters = life_event_slice(request.user, slug)
    return _dashboard(
        request,
        filters,
        title=event.name,
        subject=event,
        drivers=True,
        equity_url=reverse("analytics:life-event-equity", args=[event.slug]),
        drivers_url=reverse("analytics:life-event-drivers", args=[event.slug]),
        breakdowns=life_event_breakdowns(event),
    )


def _drivers_page(
    request: HttpRequest, filters: dict[str, Any], title: str, subject: Any
) -> HttpResponse:
    """The drivers screen: the dashboard's driver sections, a priority matrix, the method."""
    return _dashboard(
        request,
        filters,
        title=title,
        subject=subject,
        drivers=True,
        breakdowns=[],
        template="analytics/drivers.html",
    )


@access(HasPerm(Perm.VIEW_METRICS))
def organization_drivers(request: HttpRequest, slug: str) -> HttpResponse:
    organization, filters = organization_slice(request.user, slug)
    return _drivers_page(request, filters, organization.name, organization)


@access(HasPerm(Perm.VIEW_METRICS))
def service_drivers(request: HttpRequest, pk: int) -> HttpResponse:
    service, filters = service_slice(request.user, pk)
    return _drivers_page(request, filters, service.name, service)


@access(HasPerm(Perm.VIEW_METRICS))
def life_event_drivers(request: HttpRequest, slug: str) -> HttpResponse:
    event, filters = life_event_slice(request.user, slug)
    return _drivers_page(request, filters, event.name, event)

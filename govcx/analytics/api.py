"""Read API for metrics: the dashboards' numbers, with their suppression and minimum n."""

from datetime import date
from typing import Literal, TypedDict

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Router, Schema

from govcx.accounts.api_auth import TokenAuth, token_user
from govcx.accounts.models import Scope
from govcx.analytics import metrics
from govcx.analytics.numbers import (
    Numbers,
    dashboard_numbers,
    life_event_breakdowns,
    organization_breakdowns,
    service_breakdowns,
    touchpoint_breakdowns,
)
from govcx.analytics.periods import Period, custom_period, last_quarters
from govcx.analytics.scope import (
    life_event_slice,
    organization_slice,
    service_slice,
    touchpoint_slice,
)
from govcx.analytics.stats import Proportion
from govcx.core.api_schemas import ERRORS, ApiProblem, Id, IsoDate, known_parameters

router = Router(tags=["Metrics"])


class ShareOut(Schema):
    """A percent positive with its 95% Wilson interval; null below the minimum n."""

    n: int
    percent_positive: float | None
    ci_low: float | None
    ci_high: float | None


class MeasureOut(ShareOut):
    measure: str
    label: str
    mean: float | None


class TrendOut(ShareOut):
    quarter: str
    start: date
    end: date
    change_points: float | None
    significant: bool | None


class SegmentOut(Schema):
    """One segment; ``suppressed`` hides a cell under 10 answers, and the smallest other cell
    when only one is under 10 (n, too, is then null); ``suppressed_reason`` says which."""

    key: str
    label: str
    suppressed: bool
    suppressed_reason: Literal["fewer_than_10", "complementary"] | None
    n: int | None
    percent_positive: float | None
    ci_low: float | None
    ci_high: float | None
    gap_points: float | None
    significant_gap: bool | None


class BreakdownOut(Schema):
    key: str
    title: str
    segments: list[SegmentOut]


class MetricsOut(Schema):
    subject: str
    start: date
    end: date
    min_n: int
    volume: int
    measures: list[MeasureOut]
    trend: list[TrendOut]
    breakdowns: list[BreakdownOut]


def _pct(value: float) -> float:
    return round(value * 100, 1)


class _Percents(TypedDict):
    percent_positive: float | None
    ci_low: float | None
    ci_high: float | None


def _percents(proportion: Proportion, shown: bool) -> _Percents:
    """A share's percent and interval, or nulls where it is not shown (below the minimum n,
    or suppressed)."""
    return _Percents(
        percent_positive=_pct(proportion.share) if shown else None,
        ci_low=_pct(proportion.low) if shown else None,
        ci_high=_pct(proportion.high) if shown else None,
    )


def _measure(measure: metrics.MeasureResult) -> MeasureOut:
    return MeasureOut(
        n=measure.proportion.n,
        **_percents(measure.proportion, measure.enough),
        measure=measure.measure,
        label=measure.label,
        mean=round(measure.mean, 2) if measure.mean is not None and measure.enough else None,
    )


def _trend(point: metrics.TrendPoint) -> TrendOut:
    return TrendOut(
        n=point.proportion.n,
        **_percents(point.proportion, point.enough),
        quarter=point.period.code,
        start=point.period.start,
        end=point.period.end,
        change_points=_pct(point.change.difference) if point.change else None,
        significant=point.change.significant if point.change else None,
    )


def _segment(segment: metrics.Segment) -> SegmentOut:
    shown = segment.enough and not segment.hidden
    return SegmentOut(
        key=segment.key,
        label=segment.label,
        suppressed=segment.hidden,
        suppressed_reason=(
            ("complementary" if segment.complement else "fewer_than_10") if segment.hidden else None
        ),
        n=None if segment.hidden else segment.proportion.n,
        **_percents(segment.proportion, shown),
        gap_points=_pct(segment.gap.difference) if segment.gap and shown else None,
        significant_gap=segment.gap.significant if segment.gap and shown else None,
    )


def _numbers(subject: str, numbers: Numbers) -> MetricsOut:
    return MetricsOut(
        subject=subject,
        start=numbers.period.start,
        end=numbers.period.end,
        min_n=settings.GOVCX_MIN_N,
        volume=numbers.volume,
        measures=[_measure(m) for m in numbers.measures],
        trend=[_trend(p) for p in numbers.trend],
        breakdowns=[
            BreakdownOut(key=b.key, title=b.title, segments=[_segment(s) for s in b.segments])
            for b in numbers.breakdowns
        ],
    )


def _period(start: date | None, end: date | None, today: date) -> Period:
    """The dashboards' default period (the last four quarters) unless both dates are given."""
    if start is None and end is None:
        first = last_quarters(today, 4)[0].start
        return Period(f"{first}/{today}", first, today, "Last four quarters")
    if start is None or end is None:
        missing = "start" if start is None else "end"
        raise ApiProblem(400, "malformed", "Give both start and end.", field=missing)
    if end < start:
        raise ApiProblem(400, "malformed", "Give an end on or after the start.", field="end")
    return custom_period(start, end)


@router.get(
    "/metrics",
    auth=TokenAuth(Scope.READ_METRICS),
    response={200: MetricsOut, **ERRORS},
    summary="Trust and the other measures for an organization, a service, a touchpoint or a life "
    "event",
)
@known_parameters
def metrics_for(
    request: HttpRequest,
    organization: str | None = None,
    service: Id | None = None,
    touchpoint: Id | None = None,
    life_event: str | None = None,
    start: IsoDate | None = None,
    end: IsoDate | None = None,
) -> MetricsOut:
    """Name exactly one of ``organization`` (slug), ``service``, ``touchpoint`` or
    ``life_event`` (slug). The numbers are the dashboards': percents only from the minimum n,
    segments under 10 suppressed. A life event's aggregates cover every organization taking
    part, as its dashboard does, for anyone whose organization takes part; to others it does
    not exist."""
    named = [
        name
        for name, value in (
            ("organization", organization),
            ("service", service),
            ("touchpoint", touchpoint),
            ("life_event", life_event),
        )
        if value is not None
    ]
    if len(named) != 1:
        raise ApiProblem(
            400,
            "malformed",
            "Name exactly one of organization, service, touchpoint or life_event.",
            field="organization",
        )
    user = token_user(request)
    today = timezone.localdate()
    period = _period(start, end, today)
    if organization is not None:
        org, filters = organization_slice(user, organization)
        subject, breakdowns = f"organization:{org.slug}", organization_breakdowns(org)
    elif service is not None:
        found, filters = service_slice(user, service)
        subject, breakdowns = f"service:{found.pk}", service_breakdowns(found)
    elif life_event is not None:
        try:
            event, filters = life_event_slice(user, life_event)
        except PermissionDenied:
            raise Http404 from None  # like another organization's service: not there for you
        subject, breakdowns = f"life_event:{event.slug}", life_event_breakdowns(event)
    else:
        assert touchpoint is not None  # noqa: S101 - exactly one was named
        point, filters = touchpoint_slice(user, touchpoint)
        subject, breakdowns = f"touchpoint:{point.pk}", touchpoint_breakdowns(point)
    numbers = dashboard_numbers(filters, period=period, today=today, breakdowns=breakdowns)
    return _numbers(subject, numbers)

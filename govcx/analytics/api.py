"""Read API for metrics: the dashboards' numbers, with their suppression and minimum n."""

from datetime import date
from typing import Any, Literal

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


def _share(proportion: Proportion, enough: bool) -> dict[str, Any]:
    return {
        "n": proportion.n,
        "percent_positive": _pct(proportion.share) if enough else None,
        "ci_low": _pct(proportion.low) if enough else None,
        "ci_high": _pct(proportion.high) if enough else None,
    }


def _segment(segment: metrics.Segment) -> dict[str, Any]:
    shown = segment.enough and not segment.hidden
    return {
        "key": segment.key,
        "label": segment.label,
        "suppressed": segment.hidden,
        "suppressed_reason": (
            ("complementary" if segment.complement else "fewer_than_10") if segment.hidden else None
        ),
        **_share(segment.proportion, shown),
        "n": None if segment.hidden else segment.proportion.n,
        "gap_points": _pct(segment.gap.difference) if segment.gap and shown else None,
        "significant_gap": segment.gap.significant if segment.gap and shown else None,
    }


def _numbers(subject: str, numbers: Numbers) -> dict[str, Any]:
    return {
        "subject": subject,
        "start": numbers.period.start,
        "end": numbers.period.end,
        "min_n": settings.GOVCX_MIN_N,
        "volume": numbers.volume,
        "measures": [
            {
                "measure": m.measure,
                "label": m.label,
                **_share(m.proportion, m.enough),
                "mean": round(m.mean, 2) if m.mean is not None and m.enough else None,
            }
            for m in numbers.measures
        ],
        "trend": [
            {
                "quarter": p.period.code,
                "start": p.period.start,
                "end": p.period.end,
                **_share(p.proportion, p.enough),
                "change_points": _pct(p.change.difference) if p.change else None,
                "significant": p.change.significant if p.change else None,
            }
            for p in numbers.trend
        ],
        "breakdowns": [
            {"key": b.key, "title": b.title, "segments": [_segment(s) for s in b.segments]}
            for b in numbers.breakdowns
        ],
    }


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
) -> dict[str, Any]:
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

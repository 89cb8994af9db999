"""A dashboard's numbers for one slice and period: computed here once, so the screens, their CSV
downloads and the API's metrics always agree."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from govcx.analytics import metrics
from govcx.analytics.models import AnswerCount
from govcx.analytics.periods import Period, last_quarters
from govcx.catalog.models import LifeEvent, Organization, Service, Touchpoint
from govcx.catalog.vocabulary import Channel
from govcx.surveys.vocabulary import SURVEY_LANGUAGES

LANGUAGES = {"en": "English", **dict(SURVEY_LANGUAGES)}
TREND_QUARTERS = 6

# (key, title, field of a Cell, labels by value[, measure, grouping of values])
BreakdownSpec = tuple[Any, ...]


@dataclass
class Breakdown:
    key: str
    title: str
    segments: list[metrics.Segment]


@dataclass
class Numbers:
    period: Period
    volume: int
    measures: list[metrics.MeasureResult]
    trend: list[metrics.TrendPoint]
    breakdowns: list[Breakdown]
    drivers: metrics.Drivers | None
    compared_with: Period | None = None
    comparison: list[metrics.Comparison] | None = None


def dashboard_numbers(
    slice_filters: dict[str, Any],
    *,
    period: Period,
    today: date,
    breakdowns: list[BreakdownSpec],
    drivers: bool = True,
    compare: Period | None = None,
) -> Numbers:
    counts = AnswerCount.objects.filter(**slice_filters)
    selected = metrics.load(metrics.in_period(counts, period))
    comparison = None
    if compare is not None:
        earlier = metrics.measures(metrics.load(metrics.in_period(counts, compare)))
        comparison = metrics.compare_measures(metrics.measures(selected), earlier)
    return Numbers(
        compared_with=compare,
        comparison=comparison,
        period=period,
        volume=metrics.volume(selected),
        measures=metrics.measures(selected),
        trend=metrics.trend(counts, last_quarters(today, TREND_QUARTERS)),
        breakdowns=[
            Breakdown(key, title, metrics.breakdown(selected, *spec))
            for key, title, *spec in breakdowns
        ],
        drivers=metrics.a11_drivers(selected) if drivers else None,
    )


def channel_labels() -> dict[str, str]:
    return {value: str(label) for value, label in Channel.choices}


def _stages(touchpoints: Any) -> dict[str, str]:
    """Touchpoint id -> its service stage, to group a breakdown by stage."""
    return {str(pk): stage for pk, stage in touchpoints.values_list("pk", "stage")}


def organization_breakdowns(organization: Organization) -> list[BreakdownSpec]:
    services = {
        str(pk): name
        for pk, name in Service.objects.filter(
            organization__path__startswith=organization.path
        ).values_list("pk", "name")
    }
    touchpoints = Touchpoint.objects.filter(
        service__organization__path__startswith=organization.path
    )
    return [
        ("services", _("Trust by service"), "service_id", services),
        ("stages", _("Trust by service stage"), "touchpoint_id", {}, "trust", _stages(touchpoints)),
        ("channels", _("Trust by channel"), "channel", channel_labels()),
        ("languages", _("Trust by language"), "language", LANGUAGES),
    ]


def service_breakdowns(service: Service) -> list[BreakdownSpec]:
    touchpoints = Touchpoint.objects.filter(service=service)
    return [
        (
            "touchpoints",
            _("Trust by touchpoint"),
            "touchpoint_id",
            {str(tp.pk): tp.name for tp in touchpoints},
        ),
        ("stages", _("Trust by service stage"), "touchpoint_id", {}, "trust", _stages(touchpoints)),
        ("channels", _("Trust by channel"), "channel", channel_labels()),
        ("languages", _("Trust by language"), "language", LANGUAGES),
    ]


def touchpoint_breakdowns(touchpoint: Touchpoint) -> list[BreakdownSpec]:
    return [("languages", _("Trust by language"), "language", LANGUAGES)]


def life_event_breakdowns(event: LifeEvent) -> list[BreakdownSpec]:
    organizations = {str(pk): name for pk, name in Organization.objects.values_list("pk", "name")}
    services = {
        str(pk): name
        for pk, name in Service.objects.filter(life_events=event).values_list("pk", "name")
    }
    return [
        ("organizations", _("Trust by organization"), "organization_id", organizations),
        ("services", _("Trust by service"), "service_id", services),
        ("channels", _("Trust by channel"), "channel", channel_labels()),
    ]

"""What the public trust pages show: trust per fiscal quarter from published reports only.

A quarter's numbers for a service become public when its quarterly report is published (the
agency reviewed them and OMB accepted them); until then nothing of that quarter is shown. They
are the figures frozen when the report was submitted (reporting/figures.py), never the live
rollups: responses imported into a published quarter later do not move them; a report returned
for changes and submitted again shows its new ones. The same rules as the dashboards apply: no
percent under the minimum n (default 30), and a count under 10 is not shown at all. Only
aggregates and the agency's reflection leave govcx here: never a comment, never a response.
"""

import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Sum
from django.utils.translation import gettext as _

from govcx.analytics import metrics
from govcx.analytics.periods import FiscalQuarter, recent_completed
from govcx.analytics.stats import Proportion, suppressed, wilson
from govcx.reporting.models import Collection, CollectionDetail

PUBLIC_STATES = (Collection.State.PUBLISHED, Collection.State.ARCHIVED)
QUARTERS_SHOWN = 8


@dataclass
class PublicPoint:
    quarter: FiscalQuarter
    published: bool
    point: metrics.TrendPoint

    @property
    def hidden(self) -> bool:
        return suppressed(self.point.proportion.n)

    @property
    def status(self) -> str:
        if not self.published:
            return "not_published"
        if self.point.proportion.n == 0:
            return "no_responses"
        if self.hidden:
            return "suppressed"
        return "reported" if self.point.enough else "not_enough_responses"

    def as_dict(self) -> dict[str, Any]:
        p = self.point.proportion
        shown = self.status == "reported"
        change = self.point.change if shown else None
        return {
            "fiscal_year": self.quarter.fiscal_year,
            "quarter": self.quarter.quarter,
            "label": self.quarter.code,
            "status": self.status,
            "respondents": p.n if self.published and not self.hidden else None,
            "trust_percent": round(p.share * 100, 1) if shown else None,
            "ci_low_percent": round(p.low * 100, 1) if shown else None,
            "ci_high_percent": round(p.high * 100, 1) if shown else None,
            "margin_points": round(p.margin * 100, 1) if shown else None,
            "change_points": round(change.difference * 100, 1) if change else None,
            "change_significant": change.significant if change else None,
        }


# (quarter, service id) -> (trust answers, positive ones) of the service's published report
Figures = dict[tuple[FiscalQuarter, int], tuple[int, int]]


def _quarters(today: date) -> list[FiscalQuarter]:
    """The last eight completed quarters, oldest first."""
    return list(reversed(recent_completed(today, QUARTERS_SHOWN)))


def published_figures(service_ids: Iterable[int], quarters: list[FiscalQuarter]) -> Figures:
    """The trust figures frozen at submission of the services' published reports (one query):
    what was published, whatever reaches the quarter's data afterwards."""
    rows = (
        Collection.objects.filter(
            service_id__in=sorted(service_ids),
            state__in=PUBLIC_STATES,
            fiscal_year__in=sorted({q.fiscal_year for q in quarters}),
        )
        .values_list("fiscal_year", "quarter", "service_id")
        .annotate(n=Sum("details__frozen_trust_n"), positive=Sum("details__frozen_trust_positive"))
        .order_by()
    )
    return {
        (FiscalQuarter(year, quarter), service_id): (n or 0, positive or 0)
        for year, quarter, service_id, n, positive in rows
    }


def _points(
    figures: Figures, services: set[int], quarters: list[FiscalQuarter]
) -> list[PublicPoint]:
    """Trust of a group of services in each quarter: the figures of its published reports
    added up; a quarter none of them published is shown as not published."""
    published: list[bool] = []
    proportions: list[Proportion] = []
    for quarter in quarters:
        mine = [figures[(quarter, s)] for s in sorted(services) if (quarter, s) in figures]
        published.append(bool(mine))
        proportions.append(wilson(sum(p for _n, p in mine), sum(n for n, _p in mine)))
    points = metrics.proportion_points(proportions, [q.period for q in quarters])
    result = [
        PublicPoint(quarter, shown, point)
        for quarter, shown, point in zip(quarters, published, points, strict=True)
    ]
    for before, after in itertools.pairwise(result):
        # A change is only reported between two quarters that are both shown.
        if before.status != "reported" or after.status != "reported":
            after.point.change = None
    return result


def public_trend(service_ids: list[int], today: date) -> list[PublicPoint]:
    """Trust in each of the last eight completed quarters, oldest first, counting for each
    quarter only the services whose report for it is published."""
    quarters = _quarters(today)
    return _points(published_figures(service_ids, quarters), set(service_ids), quarters)


def latest_reported(groups: dict[int, set[int]], today: date) -> dict[int, PublicPoint]:
    """For each group of services (an agency's, a single service), the newest of the last
    eight quarters whose trust is reported, counted exactly as public_trend counts the group.
    One query whatever the number of groups; a group with no reported quarter is left out."""
    quarters = _quarters(today)
    figures = published_figures(set().union(*groups.values()), quarters)
    found: dict[int, PublicPoint] = {}
    for key, services in groups.items():
        points = _points(figures, services, quarters)
        latest = next((p for p in reversed(points) if p.status == "reported"), None)
        if latest is not None:
            found[key] = latest
    return found


@dataclass
class Reflection:
    quarter: FiscalQuarter
    service: str
    survey: str
    channel: str  # code; a service reports one reflection per survey and touchpoint
    channel_label: str
    text: str


def reflections(service_ids: list[int], limit: int = 12) -> list[Reflection]:
    """The agencies' own words on what they learned, from published reports, newest first."""
    details = (
        CollectionDetail.objects.filter(
            collection__service_id__in=service_ids, collection__state__in=PUBLIC_STATES
        )
        .exclude(reflection_text="")
        .select_related("collection__service")
        .order_by("-collection__fiscal_year", "-collection__quarter", "survey_title")[:limit]
    )
    return [
        Reflection(
            d.collection.fiscal_quarter,
            d.collection.service.name,
            d.survey_title,
            d.channel,
            d.get_channel_display(),
            d.reflection_text,
        )
        for d in details
    ]


def public_summary(points: list[PublicPoint]) -> str:
    """The latest published quarter in one sentence, for everyone and for screen readers."""
    latest = next((p for p in reversed(points) if p.status == "reported"), None)
    if latest is None:
        return _("No published quarter has enough responses to report trust yet.")
    proportion = latest.point.proportion
    text = _(
        "In %(period)s, %(share).0f%% of %(n)d respondents trusted the agency after using the "
        "service (95%% confidence interval %(low).0f%% to %(high).0f%%)."
    ) % {
        "period": latest.quarter.label,
        "share": proportion.share * 100,
        "n": proportion.n,
        "low": proportion.low * 100,
        "high": proportion.high * 100,
    }
    change = latest.point.change
    if change is not None:
        if change.significant:
            text += " " + _(
                "That is %(change)+.0f points from the quarter before, a statistically "
                "significant change."
            ) % {"change": change.difference * 100}
        else:
            text += " " + _(
                "The change from the quarter before (%(change)+.0f points) is within what "
                "chance alone could produce."
            ) % {"change": change.difference * 100}
    return text

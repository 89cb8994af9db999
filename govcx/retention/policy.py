"""When responses may be destroyed: the retention period and the moment its clock starts.

NARA GRS 5.8 item 010 (customer feedback records): destroy 1 year after resolved, or when no
longer needed for business use. For govcx a quarter's feedback is "resolved" when the A-11
quarterly report that uses it is published, so a (service, fiscal quarter)'s responses are kept
for the organization's retention period counted from that moment.
"""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.utils import timezone

from govcx.analytics.periods import FiscalQuarter
from govcx.catalog.models import Organization, Service
from govcx.reporting.models import Collection
from govcx.retention.models import RetentionPeriod


def clock_start(service: Service, quarter: FiscalQuarter) -> date:
    """The one place that decides when a (service, fiscal quarter)'s retention clock starts: the
    day after the quarter's A-11 report was published, for a service with a published report;
    otherwise the day after the quarter ends. It never starts before the quarter has ended."""
    quarter_over = quarter.period.end + timedelta(days=1)
    published = (
        Collection.objects.filter(
            service=service,
            fiscal_year=quarter.fiscal_year,
            quarter=quarter.quarter,
            published_at__isnull=False,
        )
        .values_list("published_at", flat=True)
        .first()
    )
    if published is None:
        return quarter_over
    return max(quarter_over, timezone.localdate(published) + timedelta(days=1))


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day (31 January + 1 = 28 February)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


@dataclass(frozen=True)
class Retention:
    months: int
    set_on: Organization | None  # None: the platform default


def retention_of(organization: Organization) -> Retention:
    """The organization's own period, else its nearest ancestor's, else the platform default."""
    own = {
        period.organization_id: period
        for period in RetentionPeriod.objects.filter(
            organization_id__in=organization.ancestor_ids()
        ).select_related("organization")
    }
    for organization_id in reversed(organization.ancestor_ids()):
        if organization_id in own:
            return Retention(own[organization_id].months, own[organization_id].organization)
    return Retention(settings.GOVCX_RETENTION_MONTHS, None)


def retention_months_by_organization() -> dict[int, int]:
    """Every organization's effective period, in two queries (for the purge)."""
    own = dict(RetentionPeriod.objects.values_list("organization_id", "months"))
    months = {}
    for organization_id, path in Organization.objects.values_list("pk", "path"):
        ids = [int(part) for part in path.strip("/").split("/") if part]
        chosen = next((own[i] for i in reversed(ids) if i in own), None)
        months[organization_id] = chosen or settings.GOVCX_RETENTION_MONTHS
    return months


def purge_date(service: Service, quarter: FiscalQuarter, months: int) -> date:
    """The first day the quarter's responses for this service may be purged."""
    return add_months(clock_start(service, quarter), months)


def earliest_purge_date(quarter: FiscalQuarter, months: int) -> date:
    """No service's responses of the quarter are due before this day (the clock never starts
    before the quarter ends), so later quarters need not be looked at."""
    return add_months(quarter.period.end + timedelta(days=1), months)

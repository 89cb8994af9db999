"""Who has reported for a quarter: each HISP service rated TRUE / PARTIAL / FALSE.

Ratings (docs/reporting.md): a service is TRUE when its report was submitted by the due date
(30 days after the quarter) and stands (submitted, published or archived); PARTIAL when it was
submitted late or OMB asked for changes; FALSE when the quarter was marked not reported, or the
due date passed without a submission. Before the due date an unsubmitted report is "not yet due".
A HISP is TRUE when every service is, FALSE when none reported, PARTIAL in between.
"""

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from govcx.analytics.periods import FiscalQuarter
from govcx.catalog.models import Organization, Service
from govcx.reporting.models import Collection
from govcx.reporting.quarters import due_date

State = Collection.State
REPORTED = (State.SUBMITTED, State.PUBLISHED, State.ARCHIVED)


class Rating(StrEnum):
    TRUE = "TRUE"
    PARTIAL = "PARTIAL"
    FALSE = "FALSE"
    NOT_DUE = "NOT_DUE"

    @property
    def label(self) -> str:
        return str(
            {
                "TRUE": _("TRUE: reported on time"),
                "PARTIAL": _("PARTIAL: late or changes requested"),
                "FALSE": _("FALSE: not reported"),
                "NOT_DUE": _("Not yet due"),
            }[self.value]
        )


def service_rating(collection: Collection | None, quarter: FiscalQuarter, today: date) -> Rating:
    if collection is not None:
        if collection.state in REPORTED and collection.submitted_at is not None:
            submitted = timezone.localdate(collection.submitted_at)
            return Rating.TRUE if submitted <= due_date(quarter) else Rating.PARTIAL
        if collection.state == State.CHANGE_REQUESTED:
            return Rating.PARTIAL
        if collection.state == State.NOT_REPORTED:
            return Rating.FALSE
    return Rating.NOT_DUE if today <= due_date(quarter) else Rating.FALSE


def combined_rating(ratings: list[Rating]) -> Rating:
    if not ratings:
        return Rating.FALSE
    settled = [r for r in ratings if r != Rating.NOT_DUE]
    if not settled:
        return Rating.NOT_DUE
    if len(settled) == len(ratings) and all(r == Rating.TRUE for r in settled):
        return Rating.TRUE
    if all(r == Rating.FALSE for r in settled) and len(settled) == len(ratings):
        return Rating.FALSE
    return Rating.PARTIAL


@dataclass
class ServiceStatus:
    service: Service
    collection: Collection | None
    rating: Rating


@dataclass
class HispStatus:
    hisp: Organization
    services: list[ServiceStatus]
    rating: Rating


def quarter_status(
    quarter: FiscalQuarter, today: date, only: set[int] | None = None
) -> list[HispStatus]:
    """Every HISP (or those whose ids are in ``only``) with each of its services' report for the
    quarter: three queries whatever the number of HISPs."""
    hisps = list(Organization.objects.filter(is_hisp=True).order_by("name"))
    services = list(Service.objects.select_related("organization").order_by("name"))
    collections = {
        c.service_id: c
        for c in Collection.objects.filter(fiscal_year=quarter.fiscal_year, quarter=quarter.quarter)
    }
    result = []
    for hisp in hisps:
        if only is not None and hisp.pk not in only:
            continue
        rows = [
            ServiceStatus(
                service,
                collections.get(service.pk),
                service_rating(collections.get(service.pk), quarter, today),
            )
            for service in services
            if service.organization.path.startswith(hisp.path)
            and _nearest_hisp(service.organization, hisps) == hisp.pk
        ]
        result.append(HispStatus(hisp, rows, combined_rating([r.rating for r in rows])))
    return result


def _nearest_hisp(organization: Organization, hisps: list[Organization]) -> int | None:
    """A service belongs to the deepest HISP above it (a HISP bureau inside a HISP agency)."""
    paths = {h.path: h.pk for h in hisps}
    ids = organization.ancestor_ids()
    for depth in range(len(ids), 0, -1):
        path = "/" + "/".join(map(str, ids[:depth])) + "/"
        if path in paths:
            return paths[path]
    return None

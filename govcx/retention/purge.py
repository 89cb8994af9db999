"""The purge: find the (survey, service, fiscal quarter) slices whose retention has run out and
delete their responses in small batches, skipping surveys on legal hold.

Batches keep memory and transactions small at millions of rows: each one picks at most
GOVCX_PURGE_BATCH ids of one organization's quarter through the (organization, received_at)
index and deletes them by id in its own transaction. Only responses the rollups have already
counted (ids up to the watermark) are deleted, and each batch holds the watermark lock, so a
rollup rebuild running at the same time never loses a count. A slice is recorded in
PurgedQuarter before its first batch, so a purge that stops half way is finished by the next
run and the rollup check already knows.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from govcx.accounts.models import User
from govcx.analytics.periods import FiscalQuarter
from govcx.analytics.rollups import rollup_state_locked
from govcx.audit.models import Action
from govcx.audit.services import audit_record
from govcx.catalog.models import Organization, Service, Touchpoint
from govcx.collection.models import Response
from govcx.retention.models import LegalHold, PurgedQuarter
from govcx.retention.policy import (
    earliest_purge_date,
    purge_date,
    retention_months_by_organization,
)
from govcx.surveys.models import Survey


@dataclass
class Slice:
    """The responses of one survey, for one service, in one fiscal quarter: what the retention
    clock is counted for, and what the purge deletes in one go."""

    organization: Organization
    survey: Survey
    service: Service
    quarter: FiscalQuarter
    responses: int
    due_on: date
    held: bool
    deleted: int = 0


@dataclass
class PurgeReport:
    slices: list[Slice] = field(default_factory=list)
    dry_run: bool = True

    @property
    def due(self) -> int:
        return sum(s.responses for s in self.slices if not s.held)

    @property
    def held(self) -> int:
        return sum(s.responses for s in self.slices if s.held)

    @property
    def deleted(self) -> int:
        return sum(s.deleted for s in self.slices)


def due_slices(*, today: date, within: Organization | None = None) -> list[Slice]:
    """Every slice whose responses are due for deletion on ``today`` (held ones included and
    marked), for all organizations or for one organization and those beneath it. Counts come
    from the (organization, received_at) index, one query per organization and due quarter."""
    months_of = retention_months_by_organization()
    organizations = Organization.objects.order_by("path")
    if within is not None:
        organizations = organizations.filter(path__startswith=within.path)
    held = set(LegalHold.objects.values_list("survey_id", flat=True))
    slices: list[Slice] = []
    for organization in organizations:
        months = months_of[organization.pk]
        stored = Response.objects.filter(organization=organization)
        oldest = stored.order_by("received_at").values_list("received_at", flat=True).first()
        if oldest is None:
            continue
        quarter = FiscalQuarter.of(timezone.localdate(oldest))
        while earliest_purge_date(quarter, months) <= today:
            slices += _slices_of_quarter(organization, quarter, months, today, held)
            quarter = quarter.next()
    return slices


def _slices_of_quarter(
    organization: Organization,
    quarter: FiscalQuarter,
    months: int,
    today: date,
    held: set[int],
) -> list[Slice]:
    start, after = quarter.bounds()
    groups = (
        Response.objects.filter(
            organization=organization, received_at__gte=start, received_at__lt=after
        )
        .values_list("survey_id", "touchpoint__service_id")
        .annotate(n=Count("id"))
        .order_by("survey_id", "touchpoint__service_id")
    )
    rows = list(groups)
    surveys = Survey.objects.in_bulk({survey_id for survey_id, _s, _n in rows})
    services = Service.objects.in_bulk({service_id for _v, service_id, _n in rows})
    slices = []
    for survey_id, service_id, count in rows:
        service = services[service_id]
        due_on = purge_date(service, quarter, months)
        if due_on <= today:
            slices.append(
                Slice(
                    organization=organization,
                    survey=surveys[survey_id],
                    service=service,
                    quarter=quarter,
                    responses=count,
                    due_on=due_on,
                    held=survey_id in held,
                )
            )
    return slices


def purge_run(
    *, today: date, dry_run: bool, by: User | None = None, batch: int | None = None
) -> PurgeReport:
    """Delete every due, unheld slice (or only report them when ``dry_run``), then write one
    audit entry per organization with the counts."""
    report = PurgeReport(slices=due_slices(today=today), dry_run=dry_run)
    if dry_run:
        return report
    quarters: dict[tuple[int, FiscalQuarter], list[Slice]] = defaultdict(list)
    for piece in report.slices:
        if not piece.held:
            quarters[(piece.organization.pk, piece.quarter)].append(piece)
    for pieces in quarters.values():
        _purge_quarter(pieces, batch or settings.GOVCX_PURGE_BATCH)
    _audit(report, by)
    return report


def _purge_quarter(pieces: list[Slice], batch: int) -> None:
    """Delete the due slices of one organization's fiscal quarter in one walk along the
    (organization, received_at) index, window by window: a window's rows sit close together
    on disk, each window starts where the last one ended (no batch steps again over the index
    entries of rows already deleted), and no list of ids travels through Python. A survey put
    on hold meanwhile is left alone from the next window on."""
    organization, quarter = pieces[0].organization, pieces[0].quarter
    for piece in pieces:
        _record(piece)
    pending = {(piece.survey.pk, piece.service.pk): piece for piece in pieces}
    touchpoints: dict[int, list[int]] = defaultdict(list)
    service_of = {}
    for touchpoint_id, service_id in Touchpoint.objects.filter(
        service__in=[p.service for p in pieces]
    ).values_list("pk", "service_id"):
        touchpoints[service_id].append(touchpoint_id)
        service_of[touchpoint_id] = service_id
    start, end = quarter.bounds()
    after: tuple[datetime, int] = (start, 0)
    while pending:
        with transaction.atomic():
            counted_up_to = rollup_state_locked().last_id
            held = set(
                LegalHold.objects.filter(
                    survey_id__in={survey_id for survey_id, _service in pending}
                ).values_list("survey_id", flat=True)
            )
            for key in [key for key in pending if key[0] in held]:
                pending.pop(key).held = True
            if not pending:
                break
            due = Response.objects.filter(
                _any_of(pending, touchpoints),
                Q(received_at__gt=after[0]) | Q(received_at=after[0], pk__gt=after[1]),
                organization=organization,
                received_at__lt=end,
                pk__lte=counted_up_to,
            )
            last = (
                due.order_by("received_at", "pk")
                .values_list("received_at", "pk")[batch - 1 : batch]
                .first()
            )
            window = (
                due.filter(Q(received_at__lt=last[0]) | Q(received_at=last[0], pk__lte=last[1]))
                if last
                else due
            )
            for survey_id, touchpoint_id in _delete_returning(window):
                pending[(survey_id, service_of[touchpoint_id])].deleted += 1
            if last is None:
                break
            after = last
    for piece in pieces:
        PurgedQuarter.objects.filter(
            survey_id=piece.survey.pk,
            service_id=piece.service.pk,
            fiscal_year=quarter.fiscal_year,
            quarter=quarter.quarter,
        ).update(responses=F("responses") + piece.deleted)


def _delete_returning(window: QuerySet[Response]) -> list[tuple[int, int]]:
    """Delete the window in one statement that reads it once and returns what the per-slice
    tally needs (the ORM's delete() returns no rows). The subquery is the ORM's own SQL."""
    sql, params = window.order_by().values("pk").query.sql_with_params()
    table = connection.ops.quote_name(Response._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {table} WHERE id IN ({sql}) RETURNING survey_id, touchpoint_id",  # noqa: S608  # nosec B608 - table from model metadata, subquery is the ORM's with parameters
            params,
        )
        return [(survey_id, touchpoint_id) for survey_id, touchpoint_id in cursor.fetchall()]


def _any_of(pending: dict[tuple[int, int], Slice], touchpoints: dict[int, list[int]]) -> Q:
    """Responses of a pending slice: its survey, at one of its service's touchpoints."""
    condition = Q(pk__in=[])
    for survey_id, service_id in pending:
        condition |= Q(survey_id=survey_id, touchpoint_id__in=touchpoints[service_id])
    return condition


def _record(piece: Slice) -> None:
    """Note the slice as purged before its first row goes (see PurgedQuarter)."""
    period = piece.quarter.period
    PurgedQuarter.objects.get_or_create(
        survey_id=piece.survey.pk,
        service_id=piece.service.pk,
        fiscal_year=piece.quarter.fiscal_year,
        quarter=piece.quarter.quarter,
        defaults={
            "organization_id": piece.organization.pk,
            "first_day": period.start,
            "last_day": period.end,
        },
    )


def _audit(report: PurgeReport, by: User | None) -> None:
    """One entry per organization: counts, quarters and survey ids, never a response's content."""
    by_organization: dict[int, list[Slice]] = defaultdict(list)
    for piece in report.slices:
        by_organization[piece.organization.pk].append(piece)
    for pieces in by_organization.values():
        held = [p for p in pieces if p.held]
        audit_record(
            action=Action.RESPONSES_PURGED,
            actor=by,
            actor_email="" if by else "scheduled purge",
            organization=pieces[0].organization,
            details={
                "responses deleted": sum(p.deleted for p in pieces),
                "quarters": sorted({p.quarter.label for p in pieces if p.deleted}),
                "surveys": sorted({p.survey.pk for p in pieces if p.deleted}),
                "responses held": sum(p.responses - p.deleted for p in held),
                "surveys on legal hold": sorted({p.survey.pk for p in held}),
            },
        )


def survey_responses_delete(survey: Survey, *, today: date) -> int:
    """Delete every response of a survey that is being deleted after a full export, slice by
    slice as the purge does (recorded in PurgedQuarter, so dashboards keep their counts and the
    rollup check knows); returns how many were deleted."""
    stored = Response.objects.filter(survey=survey)
    groups = stored.values_list("touchpoint__service_id", "received_at__date").order_by().distinct()
    quarters: dict[FiscalQuarter, set[int]] = defaultdict(set)
    for service_id, day in groups:
        quarters[FiscalQuarter.of(day)].add(service_id)
    services = Service.objects.in_bulk({s for ids in quarters.values() for s in ids})
    deleted = 0
    for quarter, service_ids in sorted(quarters.items()):
        pieces = [
            Slice(survey.organization, survey, services[s], quarter, 0, today, held=False)
            for s in sorted(service_ids)
        ]
        _purge_quarter(pieces, settings.GOVCX_PURGE_BATCH)
        deleted += sum(piece.deleted for piece in pieces)
    return deleted


def purged_rows() -> list[tuple[int, int, date, date]]:
    """(survey, service, first day, last day) of every purged range, for the rollups."""
    return list(
        PurgedQuarter.objects.values_list("survey_id", "service_id", "first_day", "last_day")
    )


def purge_records(
    service_id: int, fiscal_year: int, quarter: int, survey_ids: list[int]
) -> list[tuple[int, int, datetime]]:
    """(survey, responses purged, when) of a quarter's purges, oldest first, for the reports'
    integrity check."""
    return list(
        PurgedQuarter.objects.filter(
            service_id=service_id,
            fiscal_year=fiscal_year,
            quarter=quarter,
            survey_id__in=survey_ids,
        )
        .order_by("purged_at")
        .values_list("survey_id", "responses", "purged_at")
    )

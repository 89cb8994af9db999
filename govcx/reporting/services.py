"""Opening, refreshing and filling in quarterly collections."""

from django.db import transaction
from django.http import HttpRequest

from govcx.accounts.models import User
from govcx.analytics.periods import FiscalQuarter
from govcx.analytics.rollups import rollup_waiting
from govcx.audit.models import Action
from govcx.audit.services import audit_record
from govcx.catalog.models import Organization, Service, Touchpoint
from govcx.collection.models import Response
from govcx.operations.periodic import periodic_enqueue, periodic_job
from govcx.reporting.facts import detail_facts, surveyed_points
from govcx.reporting.models import Collection, CollectionDetail
from govcx.surveys.models import Survey


class NotAHispService(Exception):
    """The service's organization is not, and does not sit beneath, a High Impact Service
    Provider: it has no A-11 quarterly collection."""


def hisp_of(organization: Organization) -> Organization | None:
    """The nearest High Impact Service Provider at or above the organization."""
    ids = organization.ancestor_ids()
    hisps = {o.pk: o for o in Organization.objects.filter(pk__in=ids, is_hisp=True)}
    return next((hisps[pk] for pk in reversed(ids) if pk in hisps), None)


def hisp_services(hisp: Organization) -> list[Service]:
    return list(
        Service.objects.filter(organization__path__startswith=hisp.path).select_related(
            "organization"
        )
    )


def quarter_counted(service_id: int, quarter: FiscalQuarter) -> bool:
    """Whether every response of the service's quarter is counted by the rollups, which report
    figures are read from. If not, ask the background to count now (no counting inside a web
    request, ADR 17): with an immediate task backend that counts at once, so look again."""
    start, end = quarter.bounds()
    responses = Response.objects.filter(
        touchpoint__service_id=service_id, received_at__gte=start, received_at__lt=end
    )
    if not rollup_waiting(responses):
        return True
    periodic_enqueue(periodic_job("rollups"))
    return not rollup_waiting(responses)


def collection_open(
    service: Service, quarter: FiscalQuarter, *, by: User, request: HttpRequest | None = None
) -> Collection:
    """The service's collection for the quarter, created and pre-filled if it does not exist."""
    hisp = hisp_of(service.organization)
    if hisp is None:
        raise NotAHispService(str(service))
    quarter_counted(service.pk, quarter)  # the figures are the rollups': ask for a count now
    with transaction.atomic():
        collection, created = Collection.objects.get_or_create(
            service=service,
            fiscal_year=quarter.fiscal_year,
            quarter=quarter.quarter,
            defaults={"hisp": hisp},
        )
        if created:
            collection_refresh(collection)
            audit_record(
                action=Action.REPORT_OPENED,
                actor=by,
                request=request,
                organization=service.organization,
                obj=collection,
                details={"surveys": collection.details.count()},
            )
    return collection


def collection_refresh(collection: Collection) -> None:
    """Bring the pre-filled part of an editable collection up to date with the survey data
    (new surveys, new respondents, changed titles), keeping what the HISP entered. Respondents
    are read from the rollups, as the dashboards count them: callers catch them up first,
    outside their transaction (the count takes the rollup watermark lock)."""
    if not collection.is_editable:
        return
    quarter = collection.fiscal_quarter
    points = surveyed_points(collection.service, quarter)
    surveys = Survey.objects.in_bulk({s for s, _t in points})
    touchpoints = Touchpoint.objects.in_bulk({t for _s, t in points})
    with transaction.atomic():
        for survey_id, touchpoint_id in sorted(points):
            facts = detail_facts(surveys[survey_id], touchpoints[touchpoint_id], quarter)
            CollectionDetail.objects.update_or_create(
                collection=collection,
                survey_id=survey_id,
                touchpoint_id=touchpoint_id,
                defaults=facts,
            )
        stale = collection.details.exclude(
            pk__in=[
                d.pk for d in collection.details.all() if (d.survey_id, d.touchpoint_id) in points
            ]
        )
        stale.delete()


EDITABLE_FIELDS = (
    "volume_of_customers",
    "volume_of_customers_provided_survey_opportunity",
    "operational_metrics",
    "reflection_text",
)


def detail_update(
    detail: CollectionDetail,
    values: dict[str, object],
    *,
    by: User,
    request: HttpRequest | None = None,
) -> list[str]:
    """Save what the HISP enters (volumes and reflection); returns the fields that changed."""
    if not detail.collection.is_editable:
        raise PermissionError("This report has been submitted; it can no longer change.")
    changed = [f for f in EDITABLE_FIELDS if f in values and getattr(detail, f) != values[f]]
    if not changed:
        return []
    for name in changed:
        setattr(detail, name, values[name])
    detail.save(update_fields=changed)
    audit_record(
        action=Action.REPORT_UPDATED,
        actor=by,
        request=request,
        organization=detail.collection.service.organization,
        obj=detail.collection,
        details={"survey": detail.survey_title, "fields": changed},
    )
    return changed

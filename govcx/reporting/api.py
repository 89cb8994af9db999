"""Read API for quarterly A-11 reports: the same collections and details as the screens."""

from datetime import datetime
from typing import Annotated

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema

from govcx.accounts.api_auth import READ, TokenAuth, token_object, token_scope
from govcx.accounts.roles import Perm
from govcx.core.api_pages import DEFAULT_LIMIT, Page, page_of
from govcx.core.api_schemas import ERRORS, Cursor, Id, Limit, WholeNumber, known_parameters
from govcx.reporting.models import Collection, CollectionDetail
from govcx.reporting.status import service_rating

router = Router(tags=["Quarterly reports"])
auth = TokenAuth(*READ)

FiscalYear = Annotated[int, WholeNumber, Field(ge=2000, le=2100)]
QuarterNumber = Annotated[int, WholeNumber, Field(ge=1, le=4)]


class DetailOut(Schema):
    survey: int
    touchpoint: int
    transaction_point: str
    channel: str
    service_stage: str
    survey_type: str
    survey_title: str
    omb_control_number: str
    federal_register_url: str
    trust_question_text: str
    volume_of_customers: int | None
    volume_of_customers_provided_survey_opportunity: int | None
    volume_of_respondents: int
    operational_metrics: str
    reflection_text: str


class ReportOut(Schema):
    id: int
    service_provider: str = Field(description="The HISP's slug.")
    service: int
    service_name: str
    fiscal_year: int
    quarter: int
    state: str
    rating: str = Field(description="TRUE, PARTIAL, FALSE or NOT_DUE (docs/reporting.md).")
    submitted_at: datetime | None
    published_at: datetime | None
    integrity_hash: str = Field(description="SHA-256 of the package frozen at submission.")
    details: list[DetailOut]


def _detail(detail: CollectionDetail) -> DetailOut:
    return DetailOut(
        survey=detail.survey_id,
        touchpoint=detail.touchpoint_id,
        transaction_point=detail.transaction_point,
        channel=detail.channel,
        service_stage=detail.service_stage,
        survey_type=detail.survey_type,
        survey_title=detail.survey_title,
        omb_control_number=detail.omb_control_number,
        federal_register_url=detail.federal_register_url,
        trust_question_text=detail.trust_question_text,
        volume_of_customers=detail.volume_of_customers,
        volume_of_customers_provided_survey_opportunity=(
            detail.volume_of_customers_provided_survey_opportunity
        ),
        volume_of_respondents=detail.volume_of_respondents,
        operational_metrics=detail.operational_metrics,
        reflection_text=detail.reflection_text,
    )


def _report(collection: Collection) -> ReportOut:
    return ReportOut(
        id=collection.pk,
        service_provider=collection.hisp.slug,
        service=collection.service_id,
        service_name=collection.service.name,
        fiscal_year=collection.fiscal_year,
        quarter=collection.quarter,
        state=collection.state,
        rating=service_rating(collection, collection.fiscal_quarter, timezone.localdate()).value,
        submitted_at=collection.submitted_at,
        published_at=collection.published_at,
        integrity_hash=collection.integrity_hash,
        details=[_detail(d) for d in collection.details.all()],
    )


def _reports(request: HttpRequest) -> QuerySet[Collection]:
    return token_scope(
        request,
        Collection.objects.select_related("hisp", "service").prefetch_related(
            Prefetch("details", queryset=CollectionDetail.objects.order_by("id"))
        ),
        Perm.VIEW_METRICS,
    )


@router.get(
    "/quarterly-reports",
    auth=auth,
    response={200: Page[ReportOut], **ERRORS},
    summary="Quarterly A-11 reports of the services you may see",
)
@known_parameters
def reports(
    request: HttpRequest,
    service: Id | None = None,
    fiscal_year: FiscalYear | None = None,
    quarter: QuarterNumber | None = None,
    state: Collection.State | None = None,
    cursor: Cursor | None = None,
    limit: Limit = DEFAULT_LIMIT,
) -> Page[ReportOut]:
    """One item per service and fiscal quarter, with one detail per survey and touchpoint."""
    found = _reports(request)
    filters = {"service_id": service, "fiscal_year": fiscal_year, "quarter": quarter}
    found = found.filter(**{k: v for k, v in filters.items() if v is not None})
    if state is not None:
        found = found.filter(state=state)
    return page_of(found, cursor=cursor, limit=limit, render=_report)


@router.get("/quarterly-reports/{report_id}", auth=auth, response={200: ReportOut, **ERRORS})
@known_parameters
def report(request: HttpRequest, report_id: Id) -> ReportOut:
    return _report(token_object(request, Perm.VIEW_METRICS, _reports(request), pk=report_id))

"""Staff screens for the quarterly CX data collection, and the government-wide view."""

from collections.abc import Callable, Iterable, Iterator

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from govcx.accounts.access import access_object, has_perm, organizations_for, scope
from govcx.accounts.requests import request_user
from govcx.accounts.roles import Perm
from govcx.accounts.rules import PLATFORM_ADMIN, HasPerm, access
from govcx.analytics.periods import FiscalQuarter, recent_completed
from govcx.audit.models import Action
from govcx.audit.services import audit_record
from govcx.catalog.models import Service
from govcx.reporting import lifecycle
from govcx.reporting.exports import (
    LEGACY_HEADER,
    a11_rows,
    collection_rows,
    csv_lines,
    is_current_format,
    legacy_row,
    xlsx_bytes,
)
from govcx.reporting.forms import DetailForm, NoteForm, QuarterForm
from govcx.reporting.integrity import integrity_check
from govcx.reporting.models import Collection, CollectionDetail
from govcx.reporting.quarters import due_date
from govcx.reporting.services import NotAHispService, collection_open, detail_update
from govcx.reporting.status import HispStatus, quarter_status
from govcx.reporting.validation import collection_problems

QUARTERS_OFFERED = 8


def _quarter_form(request: HttpRequest) -> QuarterForm:
    today = timezone.localdate()
    quarters = [FiscalQuarter.of(today), *recent_completed(today, QUARTERS_OFFERED)]
    form = QuarterForm(request.GET or None, quarters=quarters)
    if not request.GET.get("quarter"):
        form = QuarterForm({"quarter": _key(quarters[1])}, quarters=quarters)
    return form


def _key(quarter: FiscalQuarter) -> str:
    return f"{quarter.fiscal_year}-{quarter.quarter}"


@access(HasPerm(Perm.VIEW_METRICS))
def report_list(request: HttpRequest) -> HttpResponseBase:
    """The HISP services the user may see, each with its report for the chosen quarter."""
    form = _quarter_form(request)
    quarter = form.chosen()
    visible = set(organizations_for(request.user, Perm.VIEW_METRICS).values_list("pk", flat=True))
    preparers = set(
        organizations_for(request.user, Perm.PREPARE_REPORTS).values_list("pk", flat=True)
    )
    today = timezone.localdate()
    statuses = []
    for status in quarter_status(quarter, today):
        rows = [s for s in status.services if s.service.organization_id in visible]
        if rows:
            statuses.append((status.hisp, rows))
    return render(
        request,
        "reporting/list.html",
        {
            "form": form,
            "quarter": quarter,
            "due": due_date(quarter),
            "statuses": statuses,
            "quarter_key": _key(quarter),
            "preparers": preparers,
        },
    )


@require_POST
@access(HasPerm(Perm.PREPARE_REPORTS))
def report_start(
    request: HttpRequest, service_pk: int, fiscal_year: int, quarter: int
) -> HttpResponseBase:
    service = access_object(
        request.user,
        Perm.PREPARE_REPORTS,
        Service.objects.select_related("organization"),
        pk=service_pk,
    )
    chosen = next(
        (
            q
            for q in [
                FiscalQuarter.of(timezone.localdate()),
                *recent_completed(timezone.localdate(), 16),
            ]
            if (q.fiscal_year, q.quarter) == (fiscal_year, quarter)
        ),
        None,
    )
    if chosen is None:
        messages.error(request, _("Choose a current or past fiscal quarter."))
        return redirect("reporting:list")
    try:
        collection = collection_open(service, chosen, by=request_user(request), request=request)
    except NotAHispService:
        messages.error(
            request, _("This service's organization is not a High Impact Service Provider.")
        )
        return redirect("reporting:list")
    return redirect("reporting:detail", pk=collection.pk)


def _collection(request: HttpRequest, pk: int, perm: Perm = Perm.VIEW_METRICS) -> Collection:
    return access_object(
        request.user,
        perm,
        Collection.objects.select_related("service__organization", "hisp", "submitted_by"),
        pk=pk,
    )


@access(HasPerm(Perm.VIEW_METRICS))
def report_detail(request: HttpRequest, pk: int) -> HttpResponseBase:
    collection = _collection(request, pk)
    user = request_user(request)
    can_edit = collection.is_editable and has_perm(
        user, collection.service.organization, Perm.PREPARE_REPORTS
    )
    details = list(collection.details.select_related("survey", "touchpoint"))
    forms = {d.pk: DetailForm(instance=d, prefix=f"d{d.pk}") for d in details}
    if request.method == "POST" and can_edit:
        detail = next((d for d in details if str(d.pk) == request.POST.get("detail")), None)
        if detail is not None:
            form = DetailForm(request.POST, instance=detail, prefix=f"d{detail.pk}")
            forms[detail.pk] = form
            if form.is_valid():
                detail.refresh_from_db()
                changed = detail_update(detail, form.cleaned_data, by=user, request=request)
                if changed:
                    messages.success(request, _("Saved."))
                return redirect(f"{request.path}#detail-{detail.pk}")
    today = timezone.localdate()
    problems = collection_problems(collection, today=today) if collection.is_editable else []
    return render(
        request,
        "reporting/detail.html",
        {
            "collection": collection,
            "rows": [(d, forms[d.pk], is_current_format(d)) for d in details],
            "can_edit": can_edit,
            "can_read_responses": has_perm(
                user, collection.service.organization, Perm.VIEW_RESPONSES
            ),
            "problems": problems,
            "actions": lifecycle.choices(user, collection),
            "integrity": integrity_check(collection) if collection.integrity_hash else None,
            "note_form": NoteForm(),
        },
    )


@require_POST
@access(HasPerm(Perm.VIEW_METRICS))
def report_transition(request: HttpRequest, pk: int, action: str) -> HttpResponseBase:
    collection = _collection(request, pk)
    user = request_user(request)
    if action not in lifecycle.TRANSITIONS or not lifecycle.may(user, collection, action):
        messages.error(request, _("You cannot do that to this report."))
        return redirect("reporting:detail", pk=pk)
    try:
        lifecycle.collection_transition(
            collection,
            action,
            by=user,
            today=timezone.localdate(),
            note=request.POST.get("note", ""),
            request=request,
        )
    except lifecycle.TransitionError as error:
        messages.error(request, " ".join([str(error), *error.problems]))
    else:
        messages.success(request, _("Done: the report is now %(state)s.") % {"state": _state(pk)})
    return redirect("reporting:detail", pk=pk)


def _state(pk: int) -> str:
    collection = Collection.objects.get(pk=pk)
    return str(collection.get_state_display()).lower()


def _exported(
    request: HttpRequest,
    collection: Collection,
    kind: str,
    detail: CollectionDetail | None = None,
    outcome: str | None = None,
) -> None:
    audit_record(
        action=Action.REPORT_EXPORTED,
        actor=request_user(request),
        request=request,
        organization=collection.service.organization,
        obj=collection,
        details={
            "format": kind,
            **({"survey": detail.survey_title} if detail else {}),
            **({"outcome": outcome} if outcome else {}),
        },
    )


def _csv_stream(
    rows: Iterable[list[str]], filename: str, failed: Callable[[], None] | None = None
) -> StreamingHttpResponse:
    response = StreamingHttpResponse(
        _aborting(csv_lines(rows), failed), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _aborting(lines: Iterator[str], failed: Callable[[], None] | None) -> Iterator[str]:
    """The lines; a failure midway is audited (when asked) and raised again, so the server
    aborts the response: the client sees an error, not a file that ends early yet looks whole."""
    try:
        yield from lines
    except Exception:
        if failed is not None:
            failed()
        raise


def _detail(request: HttpRequest, pk: int, detail_pk: int) -> tuple[Collection, CollectionDetail]:
    collection = _collection(request, pk, Perm.VIEW_RESPONSES)
    detail = (
        collection.details.select_related("survey", "touchpoint", "collection__service")
        .filter(pk=detail_pk)
        .first()
    )
    if detail is None:
        raise Http404("No such survey in this report.")
    return collection, detail


@access(HasPerm(Perm.VIEW_RESPONSES))
def detail_responses_csv(request: HttpRequest, pk: int, detail_pk: int) -> HttpResponseBase:
    """The A-11 17-column response-level file for one survey of the report."""
    collection, detail = _detail(request, pk, detail_pk)
    _exported(request, collection, "a11_responses", detail)
    name = f"a11-responses-fy{collection.fiscal_year}-q{collection.quarter}-{detail.pk}.csv"

    def failed() -> None:
        _exported(request, collection, "a11_responses", detail, outcome="failed")

    return _csv_stream(a11_rows(detail), name, failed)


@access(HasPerm(Perm.VIEW_RESPONSES))
def detail_legacy_csv(request: HttpRequest, pk: int, detail_pk: int) -> HttpResponseBase:
    """The legacy aggregate (counts per answer per question) for an agreement-scale survey."""
    collection, detail = _detail(request, pk, detail_pk)
    _exported(request, collection, "a11_legacy", detail)
    name = f"a11-legacy-fy{collection.fiscal_year}-q{collection.quarter}-{detail.pk}.csv"
    return _csv_stream(iter([list(LEGACY_HEADER), legacy_row(detail)]), name)


def _table(rows: Iterator[list[str]], fmt: str, filename: str) -> HttpResponseBase:
    if fmt == "xlsx":
        response = HttpResponse(
            xlsx_bytes(rows, "collections"),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
        return response
    return _csv_stream(rows, f"{filename}.csv")


@access(HasPerm(Perm.VIEW_METRICS))
def report_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponseBase:
    collection = _collection(request, pk)
    _exported(request, collection, f"collection_{fmt}")
    name = (
        f"a11-collection-fy{collection.fiscal_year}-q{collection.quarter}-{collection.service_id}"
    )
    return _table(collection_rows([collection]), fmt, name)


@access(HasPerm(Perm.VIEW_METRICS))
def quarter_export(request: HttpRequest, fmt: str) -> HttpResponseBase:
    """Every report of the chosen quarter the user may see, one row per survey."""
    quarter = _quarter_form(request).chosen()
    collections = (
        scope(Collection.objects.all(), request.user, Perm.VIEW_METRICS)
        .filter(fiscal_year=quarter.fiscal_year, quarter=quarter.quarter)
        .select_related("hisp", "service")
        .prefetch_related("details")
        .order_by("hisp__name", "service__name")
    )
    audit_record(
        action=Action.REPORT_EXPORTED,
        actor=request_user(request),
        request=request,
        details={"format": f"quarter_{fmt}", "quarter": quarter.code},
    )
    return _table(
        collection_rows(collections),
        fmt,
        f"a11-collections-fy{quarter.fiscal_year}-q{quarter.quarter}",
    )


@access(PLATFORM_ADMIN)
def government_view(request: HttpRequest) -> HttpResponseBase:
    """OMB's view: which HISPs and services have reported for a quarter, rated."""
    form = _quarter_form(request)
    quarter = form.chosen()
    statuses = quarter_status(quarter, timezone.localdate())
    if request.GET.get("format") == "csv":
        return _csv_stream(
            _status_rows(statuses),
            f"a11-reporting-status-fy{quarter.fiscal_year}-q{quarter.quarter}.csv",
        )
    totals: dict[str, int] = {}
    for status in statuses:
        totals[status.rating.value] = totals.get(status.rating.value, 0) + 1
    return render(
        request,
        "reporting/government.html",
        {
            "form": form,
            "quarter": quarter,
            "due": due_date(quarter),
            "statuses": statuses,
            "totals": totals,
            "quarter_key": _key(quarter),
        },
    )


def _status_rows(statuses: list[HispStatus]) -> Iterator[list[str]]:
    yield [
        "service_provider",
        "service_provider_rating",
        "service",
        "state",
        "submitted_at",
        "rating",
    ]
    for status in statuses:
        if not status.services:
            yield [status.hisp.name, status.rating.value, "", "", "", status.rating.value]
        for row in status.services:
            c = row.collection
            yield [
                status.hisp.name,
                status.rating.value,
                row.service.name,
                c.state if c else "",
                c.submitted_at.isoformat() if c and c.submitted_at else "",
                row.rating.value,
            ]

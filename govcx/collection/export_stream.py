"""An export as an HTTP download: audited when it starts, and when it ends with its row count,
in the log of each organization whose responses it reads."""

from collections.abc import Callable, Iterator

from django.http import HttpRequest, StreamingHttpResponse
from django.utils import timezone

from govcx.accounts.access import AnyUser
from govcx.audit.models import Action
from govcx.audit.services import audit_record
from govcx.catalog.models import Organization
from govcx.collection.exports import (
    Export,
    ResponseFilters,
    csv_chunks,
    export_for,
    organizations_read,
    responses_for,
)
from govcx.collection.parquet import parquet_chunks
from govcx.operations.metrics import EXPORTS

FORMATS: dict[str, tuple[str, Callable[[Export], Iterator[bytes]]]] = {
    "csv": ("text/csv; charset=utf-8", csv_chunks),
    "parquet": ("application/vnd.apache.parquet", parquet_chunks),
}


def export_response(
    *, user: AnyUser, filters: ResponseFilters, format: str, request: HttpRequest
) -> StreamingHttpResponse:
    """Check access and the filters first (a 404 is still possible here), then stream."""
    content_type, write = FORMATS[format]
    export = export_for(responses_for(user, filters), filters)
    details = {"format": format, **filters.described()}
    organizations = organizations_read(user, filters)
    for organization in organizations:
        audit_record(
            action=Action.EXPORT_STARTED,
            actor=user,
            request=request,
            organization=organization,
            details=details,
        )
    response = StreamingHttpResponse(
        _audited(write(export), export, user, details, request, organizations),
        content_type=content_type,
    )
    stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
    response["Content-Disposition"] = f'attachment; filename="responses-{stamp}.{format}"'
    response["Cache-Control"] = "no-store"
    response["X-Accel-Buffering"] = "no"  # proxies pass each piece on as it comes
    return response


def _audited(
    chunks: Iterator[bytes],
    export: Export,
    user: AnyUser,
    details: dict[str, str],
    request: HttpRequest,
    organizations: list[Organization | None],
) -> Iterator[bytes]:
    """The chunks, then an audit entry with the rows sent and the outcome: ``completed``,
    ``abandoned`` (the client went away) or ``failed``. A failure is raised again, so the server
    aborts the response (no final chunk): the client sees an error, never a file that merely
    looks complete."""
    outcome = "abandoned"
    try:
        yield from chunks
        outcome = "completed"
    except Exception:
        outcome = "failed"
        raise
    finally:
        EXPORTS.labels(details.get("format", ""), outcome).inc()
        for organization in organizations:
            audit_record(
                action=Action.EXPORT_FINISHED,
                actor=user,
                request=request,
                organization=organization,
                details={
                    **details,
                    "rows": str(export.rows_sent),
                    "completed": str(outcome == "completed"),
                    "outcome": outcome,
                },
            )

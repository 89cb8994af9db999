"""Read API for responses: a cursor-paginated list and a streaming export, same filters."""

from datetime import datetime
from typing import Any, Literal

from django.http import HttpRequest, StreamingHttpResponse
from ninja import Query, Router, Schema

from govcx.accounts.api_auth import TokenAuth, token_user
from govcx.accounts.models import Scope
from govcx.collection.export_stream import export_response
from govcx.collection.exports import ResponseFilters, public_page_url, responses_for
from govcx.collection.models import Response
from govcx.core.api_pages import DEFAULT_LIMIT, Page, page_of
from govcx.core.api_schemas import ERRORS, Cursor, Id, IsoDateTime, Limit, known_parameters

router = Router(tags=["Responses"])
auth = TokenAuth(Scope.READ_RESPONSES)


class FiltersIn(Schema):
    organization: str | None = None
    survey: Id | None = None
    touchpoint: Id | None = None
    received_after: IsoDateTime | None = None
    received_before: IsoDateTime | None = None

    def filters(self) -> ResponseFilters:
        return ResponseFilters(**self.dict())


class ResponseOut(Schema):
    id: int
    organization: int
    survey: int
    survey_version: int
    touchpoint: int
    channel: str
    language: str
    source: str
    received_at: datetime
    location_code: str
    page_url: str
    answers: dict[str, Any]


def _response(response: Response) -> ResponseOut:
    return ResponseOut(
        id=response.pk,
        organization=response.organization_id,
        survey=response.survey_id,
        survey_version=response.version.number,
        touchpoint=response.touchpoint_id,
        channel=response.channel,
        language=response.language,
        source=response.source,
        received_at=response.received_at,
        location_code=response.location_code,
        page_url=public_page_url(response.page_url),
        answers=response.answers,
    )


@router.get(
    "/responses",
    auth=auth,
    response={200: Page[ResponseOut], **ERRORS},
    summary="Responses, oldest first, by cursor",
)
@known_parameters
def responses(
    request: HttpRequest,
    filters: Query[FiltersIn],
    cursor: Cursor | None = None,
    limit: Limit = DEFAULT_LIMIT,
) -> Page[ResponseOut]:
    """Free text is redacted. ``received_after`` is inclusive, ``received_before`` exclusive."""
    found = responses_for(token_user(request), filters.filters()).select_related("version")
    return page_of(found.defer("ip_hash"), cursor=cursor, limit=limit, render=_response)


EXPORT_CONTENT = {
    "text/csv": {"schema": {"type": "string"}},
    "application/vnd.apache.parquet": {"schema": {"type": "string", "format": "binary"}},
}


@router.get(
    "/responses/export",
    auth=auth,
    response=ERRORS,
    summary="Every matching response as one CSV or Parquet file, streamed",
    openapi_extra={
        "responses": {
            "200": {"description": "The file, sent as it is read.", "content": EXPORT_CONTENT}
        }
    },
)
@known_parameters
def export(
    request: HttpRequest, filters: Query[FiltersIn], format: Literal["csv", "parquet"] = "csv"
) -> StreamingHttpResponse:
    """No row cap; memory stays bounded. With ``survey`` each question gets a column;
    otherwise the answers are one JSON column."""
    return export_response(
        user=token_user(request), filters=filters.filters(), format=format, request=request
    )

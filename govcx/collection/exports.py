"""Which responses a reader may have, and streaming them out as CSV or Parquet.

The same filters serve the API's list, its export and the export screen. Exports stream: rows
come from a server-side cursor in chunks (PostgreSQL) and leave in small pieces, so the first
bytes go out at once and memory stays bounded whatever the row count (bench/exports measures it).
Free text is exported as stored, which is already redacted (govcx.collection.redaction): no
setting brings back what was never kept. Page addresses lose their query string and fragment,
where people's identifiers hide. Text stored before the shared text rule may hold characters
UTF-8 cannot encode: both writers replace them (U+FFFD) rather than stop midway.
"""

import io
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet, TextField
from django.db.models.functions import Cast

from govcx.accounts.access import (
    AnyUser,
    access_object,
    access_organization,
    has_perm_anywhere,
    is_platform_admin,
    scope,
)
from govcx.accounts.roles import Perm, roles_with
from govcx.catalog.models import Organization, Touchpoint
from govcx.collection.models import Response
from govcx.core.csvcells import cell_writer
from govcx.surveys.definition import iter_questions
from govcx.surveys.models import Survey, SurveyVersion
from govcx.surveys.rendering import OTHER_SUFFIX

CHUNK_ROWS = 2000  # rows fetched per round trip from the server-side cursor
CSV_FLUSH_BYTES = 64 * 1024
PARQUET_ROW_GROUP = 50_000  # rows per Parquet row group, held as Arrow batches until written
FIELDS = (
    "id",
    "organization_id",
    "survey_id",
    "version_id",
    "touchpoint_id",
    "channel",
    "language",
    "source",
    "received_at",
    "location_code",
    "page_url",
)
COLUMNS = (
    "response_id",
    "organization",
    "survey_id",
    "survey_version",
    "touchpoint_id",
    "channel",
    "language",
    "source",
    "received_at",
    "location_code",
    "page_url",
)


@dataclass(frozen=True)
class ResponseFilters:
    organization: str | None = None  # slug: that organization and those beneath it
    survey: int | None = None
    touchpoint: int | None = None
    received_after: datetime | None = None  # inclusive
    received_before: datetime | None = None  # exclusive

    def described(self) -> dict[str, str]:
        """The filters in use, for the audit log."""
        return {key: str(value) for key, value in asdict(self).items() if value is not None}


def responses_for(user: AnyUser, filters: ResponseFilters) -> QuerySet[Response]:
    """Responses the user may read, narrowed by the filters; another organization's survey,
    touchpoint or organization named in a filter answers 404. Someone whose roles allow responses
    nowhere is refused (403), as with a filter naming their own organization, not shown an empty
    list that reads like "no responses yet"."""
    if not has_perm_anywhere(user, Perm.VIEW_RESPONSES):
        raise PermissionDenied
    found = scope(Response.objects.all(), user, Perm.VIEW_RESPONSES)
    if filters.organization is not None:
        owner = access_organization(user, Perm.VIEW_RESPONSES, slug=filters.organization)
        subtree = Organization.objects.filter(path__startswith=owner.path)
        found = found.filter(organization_id__in=list(subtree.values_list("pk", flat=True)))
    if filters.survey is not None:
        survey = access_object(user, Perm.VIEW_RESPONSES, Survey.objects.all(), pk=filters.survey)
        found = found.filter(survey=survey)
    if filters.touchpoint is not None:
        touchpoint = access_object(
            user, Perm.VIEW_RESPONSES, Touchpoint.objects.all(), pk=filters.touchpoint
        )
        found = found.filter(touchpoint=touchpoint)
    if filters.received_after is not None:
        found = found.filter(received_at__gte=filters.received_after)
    if filters.received_before is not None:
        found = found.filter(received_at__lt=filters.received_before)
    return found


def organizations_read(user: AnyUser, filters: ResponseFilters) -> list[Organization | None]:
    """The organizations whose responses an export reads, for its audit entries: the one its
    filters name, else the top of each grant that reads responses (several for someone with
    roles in several organizations); [None] for a platform admin's export of everything, which
    only the platform log shows. Call after ``responses_for``, which checked the filters."""
    if filters.touchpoint is not None:
        point = Touchpoint.objects.select_related("service__organization").get(
            pk=filters.touchpoint
        )
        return [point.service.organization]
    if filters.survey is not None:
        return [Survey.objects.select_related("organization").get(pk=filters.survey).organization]
    if filters.organization is not None:
        return [Organization.objects.get(slug=filters.organization)]
    if is_platform_admin(user):
        return [None]
    granted = list(
        Organization.objects.filter(
            memberships__user_id=user.pk or 0,
            memberships__role__in=roles_with(Perm.VIEW_RESPONSES),
        ).distinct()
    )
    return [
        org
        for org in granted
        if not any(org.path.startswith(other.path) and other != org for other in granted)
    ]


def public_page_url(url: str) -> str:
    return url.split("#", 1)[0].split("?", 1)[0]


class _Names:
    """Organization slugs and version numbers by id, loaded once per export."""

    def __init__(self) -> None:
        self.organizations = dict(Organization.objects.values_list("pk", "slug"))
        self.versions: dict[int, int] = {}

    def version(self, version_id: int) -> int:
        if version_id not in self.versions:
            self.versions.update(SurveyVersion.objects.values_list("pk", "number"))
        return self.versions[version_id]


def question_keys(survey_id: int) -> list[str]:
    """Every question key of the survey's versions, oldest version first, each once; a question
    that offers "Other" in any version is followed by its write-in (``<key>__other``, the key
    the answers use)."""
    keys: dict[str, None] = {}
    with_other: set[str] = set()
    for definition in SurveyVersion.objects.filter(survey_id=survey_id).order_by("number"):
        for _page, question in iter_questions(definition.definition):
            keys.setdefault(question["key"], None)
            if question.get("other"):
                with_other.add(question["key"])
    return [
        column
        for key in keys
        for column in (key, *([key + OTHER_SUFFIX] if key in with_other else []))
    ]


def answer_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(str(item) for item in value)
    return str(value)


@dataclass
class Export:
    """One export: its header and rows; ``rows_sent`` counts as they leave."""

    queryset: QuerySet[Response]
    keys: list[str] | None  # one column per question when the export is for one survey
    rows_sent: int = 0

    @property
    def header(self) -> list[str]:
        return [*COLUMNS, *(self.keys if self.keys is not None else ["answers"])]

    def rows(self) -> Iterator[list[Any]]:
        """Row values in id order; a server-side cursor inside a transaction on PostgreSQL
        (outside one, Django declares it WITH HOLD and PostgreSQL would first compute it all)."""
        names = _Names()
        # One JSON column: the stored text as the database writes it (decoding it only to encode
        # it again was a third of the export's time).
        answers: Any = "answers" if self.keys is not None else Cast("answers", TextField())
        with transaction.atomic():
            stream = self.queryset.order_by("pk").values_list(*FIELDS, answers)
            for row in stream.iterator(chunk_size=CHUNK_ROWS):
                (pk, org, survey, version, tp, channel, language, source, at, loc, url, answers) = (
                    row
                )
                values = [
                    pk,
                    names.organizations.get(org, ""),
                    survey,
                    names.version(version),
                    tp,
                    channel,
                    language,
                    source,
                    at,
                    loc,
                    public_page_url(url),
                ]
                if self.keys is None:
                    values.append(answers)
                else:
                    values.extend(answer_text(answers.get(key)) for key in self.keys)
                self.rows_sent += 1
                yield values


def export_for(queryset: QuerySet[Response], filters: ResponseFilters) -> Export:
    return Export(queryset, question_keys(filters.survey) if filters.survey else None)


def csv_chunks(export: Export) -> Iterator[bytes]:
    """UTF-8 CSV with a byte-order mark (spreadsheets then read the accents right); cells that
    a spreadsheet would run as formulas are neutralized (govcx.core.csvcells)."""
    buffer = io.StringIO()
    writer = cell_writer(buffer)
    buffer.write("\ufeff")
    writer.writerow(export.header)
    yield _take(buffer)  # the header leaves before the first row is read
    for values in export.rows():
        values[8] = values[8].isoformat()
        writer.writerow(values)
        if buffer.tell() >= CSV_FLUSH_BYTES:
            yield _take(buffer)
    yield _take(buffer)


def _take(buffer: io.StringIO) -> bytes:
    taken = buffer.getvalue().encode()
    buffer.seek(0)
    buffer.truncate()
    return taken

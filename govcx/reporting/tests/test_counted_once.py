"""A quarter's figures are counted one way: the legacy aggregate, the report screen and the
dashboard give the same respondents, while the report is edited and once it is submitted."""

import csv
import io
from datetime import date

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from govcx.analytics.rollups import rollup_catch_up
from govcx.analytics.tasks import rollups_catch_up
from govcx.reporting.lifecycle import TransitionError, collection_transition
from govcx.reporting.models import Collection
from govcx.reporting.services import collection_open, detail_update
from govcx.reporting.tests.helpers import IN_Q2, Q2, at
from govcx.surveys.lifecycle import survey_transition
from govcx.surveys.models import Survey
from govcx.surveys.tests.helpers import make_survey
from govcx.testing.factories import World, respond, signed_in

AFTER = date(2026, 5, 1)  # FY26 Q2 is over, its report not yet late
SCALE = ("satisfaction", "trust", "effectiveness", "ease", "efficiency", "transparency")


def _legacy_survey(world: World, asked: int = 7) -> Survey:
    """The A-11 legacy survey asking only its first ``asked`` scale questions."""
    survey = make_survey(world, "a11_legacy")
    version = survey.working_version()
    assert version is not None
    questions = version.definition["pages"][0]["questions"]
    scale = [q for q in questions if q["type"] == "agreement5"]
    dropped = {q["key"] for q in scale[asked:]}
    version.definition["pages"][0]["questions"] = [q for q in questions if q["key"] not in dropped]
    version.save()
    return survey_transition(survey=survey, name="publish", by=world.owner)


def _legacy_file(world: World, collection: Collection) -> dict[str, str]:
    detail = collection.details.get()
    response = signed_in(world.owner).get(
        reverse("reporting:a11-legacy", args=[collection.pk, detail.pk])
    )
    text = b"".join(response.streaming_content).decode()  # type: ignore[attr-defined]
    header, row = list(csv.reader(io.StringIO(text)))
    return dict(zip(header, row, strict=True))


def _screen_respondents(world: World, collection: Collection) -> int:
    page = signed_in(world.owner).get(reverse("reporting:detail", args=[collection.pk]))
    return int(page.context["rows"][0][0].volume_of_respondents)


def _dashboard_respondents(world: World) -> int:
    page = signed_in(world.owner).get(
        reverse("analytics:service", args=[world.service.pk]),
        {"period": "custom", "start": "2026-01-01", "end": "2026-03-31"},
    )
    return int(page.context["volume"])


def test_the_legacy_file_the_report_and_the_dashboard_count_the_same_respondents(
    world: World,
) -> None:
    survey = _legacy_survey(world)
    for score in ("5", "4", "4", "2", "1"):
        respond(survey, dict.fromkeys(SCALE, score), when=IN_Q2)
    respond(survey, {"trust": "5"}, when=at(1, 1, 0))  # the quarter's first hour
    respond(survey, {"trust": "5"}, when=at(4, 1, 0))  # the next quarter's first hour
    # Nothing is counted into the rollups yet: opening the report asks the background to count
    # (the tests' task backend runs it at once).
    collection = collection_open(world.service, Q2, by=world.owner)
    assert _legacy_file(world, collection)["volume_of_respondents"] == "6"
    assert _screen_respondents(world, collection) == 6
    assert _dashboard_respondents(world) == 6
    detail_update(
        collection.details.get(),
        {
            "volume_of_customers": 1000,
            "volume_of_customers_provided_survey_opportunity": 200,
            "reflection_text": "Applicants want status updates.",
        },
        by=world.owner,
    )
    draft = _legacy_file(world, collection)
    assert [draft[f"q2_{n}"] for n in range(1, 6)] == ["1", "1", "0", "2", "2"]
    submitted = collection_transition(collection, "submit", by=world.owner, today=AFTER)
    assert _legacy_file(world, submitted) == draft
    assert _screen_respondents(world, submitted) == 6
    assert _dashboard_respondents(world) == 6


def test_the_legacy_file_takes_the_same_queries_however_many_questions(world: World) -> None:
    queries = []
    for asked, quarter, month in ((1, Q2, 2), (7, Q2.next(), 5)):
        survey = _legacy_survey(world, asked)
        for score in ("5", "3"):
            respond(survey, dict.fromkeys(SCALE[:asked], score), when=at(month, 10))
        collection = collection_open(world.service, quarter, by=world.owner)
        _legacy_file(world, collection)  # warm the session and the caches
        with CaptureQueriesContext(connection) as captured:
            row = _legacy_file(world, collection)
        assert row["volume_of_respondents"] == "2"
        assert (row["q1_3"], row["q1_5"]) == ("1", "1")
        assert sum(1 for n in range(1, 12) if row[f"q{n}_text"]) == asked
        queries.append(len(captured))
        survey_transition(survey=survey, name="close", by=world.owner)
    assert queries[0] == queries[1]


def test_a_report_is_not_submitted_while_its_responses_wait_to_be_counted(world: World) -> None:
    """No counting inside the request (ADR 17): the count is queued for the workers and the
    person is told to submit again; once counted, the submission goes through."""
    survey = _legacy_survey(world)
    for score in ("5", "4"):
        respond(survey, dict.fromkeys(SCALE, score), when=IN_Q2)
    collection = collection_open(world.service, Q2, by=world.owner)
    detail_update(
        collection.details.get(),
        {
            "volume_of_customers": 1000,
            "volume_of_customers_provided_survey_opportunity": 200,
            "reflection_text": "Applicants want status updates.",
        },
        by=world.owner,
    )
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        respond(survey, dict.fromkeys(SCALE, "3"), when=IN_Q2)  # a late paper response
        with pytest.raises(TransitionError, match="still being counted"):
            collection_transition(collection, "submit", by=world.owner, today=AFTER)
        assert DBTaskResult.objects.filter(task_path=rollups_catch_up.module_path).exists()
        rollup_catch_up()  # what a worker does with the queued task
        submitted = collection_transition(collection, "submit", by=world.owner, today=AFTER)
    assert _screen_respondents(world, submitted) == 3

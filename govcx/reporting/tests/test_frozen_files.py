"""The files of a submitted or published report are what was submitted: responses imported into
the quarter afterwards change neither the 17-column file nor the legacy aggregate. A report
that is being edited reads the live data."""

import importlib
from datetime import date, datetime

from django.apps import apps as django_apps
from django.urls import reverse
from django.utils import timezone

from govcx.analytics.rollups import rollup_catch_up
from govcx.collection.imports import responses_import
from govcx.reporting.lifecycle import collection_transition
from govcx.reporting.models import Collection, FrozenResponse
from govcx.reporting.services import collection_open, detail_update
from govcx.reporting.tests.helpers import Q2, at
from govcx.surveys.lifecycle import survey_transition
from govcx.surveys.models import Survey
from govcx.surveys.tests.helpers import make_survey
from govcx.testing.factories import World, respond, signed_in

AFTER = date(2026, 5, 1)  # FY26 Q2 is over, its report not yet late


def _paper_survey(world: World, template: str) -> Survey:
    """A published survey whose version has existed since before FY26 Q2, so paper responses
    dated inside the quarter can be imported into it."""
    survey = survey_transition(survey=make_survey(world, template), name="publish", by=world.owner)
    since = datetime(2025, 12, 1, tzinfo=timezone.get_current_timezone())
    survey.versions.update(created_at=since)
    return survey


def _submitted(world: World, survey: Survey, *, publish: bool) -> Collection:
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
    collection = collection_transition(collection, "submit", by=world.owner, today=AFTER)
    if publish:
        collection = collection_transition(collection, "publish", by=world.platform, today=AFTER)
    return collection


def _file(world: World, collection: Collection, name: str) -> bytes:
    detail = collection.details.get()
    response = signed_in(world.owner).get(reverse(name, args=[collection.pk, detail.pk]))
    assert response.status_code == 200
    return b"".join(response.streaming_content)  # type: ignore[attr-defined]


def _import_into_the_quarter(world: World, survey: Survey, data: bytes) -> None:
    result = responses_import(
        survey=survey, touchpoint=world.touchpoint, data=data, layout="columns", by=world.manager
    )
    assert (result.errors, result.stored) == ([], data.count(b"\n") - 1)
    rollup_catch_up()  # as the worker does: a report being edited reads the rollups


def test_a_published_response_file_does_not_move_when_rows_are_imported_later(
    world: World,
) -> None:
    survey = _paper_survey(world, "a11_current_thumbs")
    respond(survey, {"trust": "1", "went_well": ["ease"]}, when=at(1, 5), key="P-1")
    respond(survey, {"trust": "0", "went_poorly": ["efficiency"]}, when=at(2, 1), key="P-2")
    collection = _submitted(world, survey, publish=True)
    published = _file(world, collection, "reporting:a11-responses")
    assert published.count(b"\r\n") == 3

    _import_into_the_quarter(
        world, survey, b"id,trust,received_at\nL-1,0,2026-01-20\nL-2,1,2026-03-31T23:00\n"
    )

    assert _file(world, collection, "reporting:a11-responses") == published
    changed = collection_transition(
        collection, "request_changes", by=world.platform, today=AFTER, note="Late paper forms"
    )
    draft = _file(world, changed, "reporting:a11-responses")
    assert draft.count(b"\r\n") == 5
    assert b"import:L-1,0," in draft
    assert b"import:L-2,1," in draft


def test_a_submitted_report_s_files_are_frozen_before_publication_too(world: World) -> None:
    survey = _paper_survey(world, "a11_current_thumbs")
    respond(survey, {"trust": "1"}, when=at(2, 10))
    collection = _submitted(world, survey, publish=False)
    submitted = _file(world, collection, "reporting:a11-responses")
    _import_into_the_quarter(world, survey, b"id,trust,received_at\nL-1,0,2026-02-11\n")
    assert _file(world, collection, "reporting:a11-responses") == submitted


def test_the_legacy_aggregate_of_a_published_report_does_not_move(world: World) -> None:
    survey = _paper_survey(world, "a11_legacy")
    for satisfaction in ("5", "4", "1"):
        respond(survey, {"satisfaction": satisfaction, "trust": "4"}, when=at(2, 10))
    collection = _submitted(world, survey, publish=True)
    published = _file(world, collection, "reporting:a11-legacy")

    _import_into_the_quarter(
        world, survey, b"id,satisfaction,trust,received_at\nL-1,5,5,2026-03-01\n"
    )

    assert _file(world, collection, "reporting:a11-legacy") == published
    changed = collection_transition(
        collection, "request_changes", by=world.platform, today=AFTER, note="Late paper forms"
    )
    assert _file(world, changed, "reporting:a11-legacy") != published


def test_reports_submitted_before_responses_were_frozen_are_frozen_by_the_migration(
    world: World,
) -> None:
    migration = importlib.import_module("govcx.reporting.migrations.0002_frozen_responses")
    survey = _paper_survey(world, "a11_current_thumbs")
    respond(survey, {"trust": "1"}, when=at(2, 10), key="P-1")
    respond(survey, {"trust": "0"}, when=at(3, 10), key="P-2")
    collection = _submitted(world, survey, publish=True)
    published = _file(world, collection, "reporting:a11-responses")
    FrozenResponse.objects.all().delete()  # as before the migration
    draft = collection_open(world.service, Q2.next(), by=world.owner)

    migration.freeze_submitted_reports(django_apps, None)

    assert _file(world, collection, "reporting:a11-responses") == published
    assert FrozenResponse.objects.count() == 2
    assert not FrozenResponse.objects.filter(detail__collection=draft).exists()

"""The submission path's survey cache (GOVCX_SURVEY_CACHE_SECONDS above zero, as in production):
a change to a survey reaches the path once the cache's time is up, and not before."""

from collections.abc import Iterator

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from govcx.collection import public
from govcx.collection.models import Response
from govcx.collection.tests.helpers import published_survey, submit
from govcx.surveys.lifecycle import survey_transition
from govcx.surveys.models import Survey
from govcx.surveys.services import draft_save
from govcx.testing.factories import World

TTL = 30


class Clock:
    """Stands in for the monotonic clock the cache reads; moved on by the test, never slept."""

    def __init__(self) -> None:
        self.now = 1000.0

    def monotonic(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Iterator[Clock]:
    fake = Clock()
    monkeypatch.setattr(public, "time", fake)
    public._open.clear()
    with override_settings(GOVCX_SURVEY_CACHE_SECONDS=TTL):
        yield fake
    public._open.clear()  # no cached survey outlives the test


def test_closing_a_survey_reaches_submissions_when_the_cache_time_is_up(
    world: World, clock: Clock
) -> None:
    survey = published_survey(world)
    assert submit(survey, {"trust": "1"}).status_code == 201
    survey_transition(survey=survey, name="close", by=world.owner)

    clock.now += TTL - 1
    assert submit(survey, {"trust": "1"}).status_code == 201  # still the cached, open survey
    clock.now += 1
    refused = submit(survey, {"trust": "1"})
    assert refused.status_code == 409
    assert refused.json()["error"] == "not_accepting"
    assert Response.objects.count() == 2


def test_a_new_version_is_served_when_the_cache_time_is_up(world: World, clock: Clock) -> None:
    survey = published_survey(world)
    url = f"/api/v1/surveys/{survey.public_id}/definition"
    assert Client().get(url).json()["version"] == 1
    survey = survey_transition(survey=survey, name="new_version", by=world.owner)
    draft = survey.working_version()
    assert draft is not None
    draft_save(
        survey=survey, definition=draft.definition, by=world.owner, change="test", request=None
    )
    survey_transition(survey=survey, name="publish", by=world.owner)

    clock.now += TTL - 1
    assert Client().get(url).json()["version"] == 1
    clock.now += 1
    assert Client().get(url).json()["version"] == 2


def test_within_the_cache_time_a_submission_does_not_read_the_survey_again(
    world: World, clock: Clock
) -> None:
    survey = published_survey(world)
    touchpoint = world.touchpoint.pk
    assert submit(survey, {"trust": "1"}, touchpoint=touchpoint).status_code == 201
    with CaptureQueriesContext(connection) as queries:
        assert submit(survey, {"trust": "1"}, touchpoint=touchpoint).status_code == 201
    # Neither the survey, its versions nor its touchpoints are read.
    read = [q["sql"] for q in queries if Survey._meta.db_table in q["sql"].split(" WHERE ")[0]]
    assert read == []

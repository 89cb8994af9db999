"""Fuzzing the collection surfaces: nothing raises, no 5xx, nothing invalid is stored.

Hypothesis throws arbitrary answer documents at the validator and at the submission service;
schemathesis drives the API from its OpenAPI document and checks every response against it.
"""

import contextlib
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govcx.collection.models import Response, Source
from govcx.collection.services import SubmissionRejected, submission_accept
from govcx.collection.tests.helpers import published_survey
from govcx.collection.validation import check_answers
from govcx.surveys import a11
from govcx.testing.factories import World

KEYS = st.sampled_from(["trust", "went_well", "went_poorly", "went_well__other", "comment", "x"])
VALUES = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["0", "1", "2", "ease", "other", ""]),
    st.lists(st.sampled_from(["ease", "effectiveness", "other", "speed", ""]), max_size=4),
    st.integers(),
    st.floats(allow_nan=True),
    st.none(),
    st.booleans(),
)
ANSWERS = st.dictionaries(KEYS, VALUES, max_size=6)
DEFINITION = a11.a11_current(agency="FEMA", service="Disaster assistance")


@given(ANSWERS)
def test_the_validator_never_raises_and_accepts_only_sound_answers(raw: dict[str, Any]) -> None:
    checked = check_answers(DEFINITION, raw)
    if checked.ok:
        assert checked.answers["trust"] in ("0", "1")
        assert not ("went_well" in checked.answers and "went_poorly" in checked.answers)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(raw=ANSWERS)
def test_what_is_stored_is_always_valid(world: World, raw: dict[str, Any]) -> None:
    survey = published_survey(world)
    version = survey.published_version()
    with contextlib.suppress(SubmissionRejected):
        submission_accept(
            survey=survey,
            version=version,
            touchpoint=world.touchpoint,
            raw_answers=raw,
            language="en",
            source=Source.API,
        )
    for response in Response.objects.all():
        assert check_answers(response.version.definition, response.answers).ok


schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@pytest.fixture
def open_survey(world: World) -> Iterator[None]:
    """A published survey, and the test's database connection kept across requests (as Django's
    own test client does): the WSGI handler would otherwise close it between calls."""
    published_survey(world)
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.include(tag="Collection").parametrize()
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
def test_the_api_answers_every_request_as_documented(case: Any, open_survey: None) -> None:
    case.call_and_validate()
    for response in Response.objects.all():
        assert check_answers(response.version.definition, response.answers).ok

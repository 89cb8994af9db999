"""Builders for collection tests: a published A-11 survey on the world's FEMA touchpoint."""

from typing import Any

from django.test import Client

from govcx.conftest import World
from govcx.surveys.lifecycle import survey_transition
from govcx.surveys.models import Survey
from govcx.surveys.tests.helpers import make_survey

ORIGIN = "https://www.fema.example.gov"


def published_survey(world: World, template: str = "a11_current_thumbs") -> Survey:
    world.touchpoint.allowed_origins = [ORIGIN]
    world.touchpoint.save()
    return survey_transition(survey=make_survey(world, template), name="publish", by=world.owner)


def submit(
    survey: Survey,
    answers: dict[str, Any],
    *,
    client: Client | None = None,
    origin: str | None = ORIGIN,
    key: str | None = None,
    **fields: Any,
) -> Any:
    headers: dict[str, Any] = {}
    if origin:
        headers["HTTP_ORIGIN"] = origin
    if key:
        headers["HTTP_AUTHORIZATION"] = f"Bearer {key}"
    body = {"survey": survey.public_id, "answers": answers, **fields}
    if origin and "touchpoint" not in fields:
        body["touchpoint"] = survey.touchpoints.get().pk
    return (client or Client()).post(
        "/api/v1/submissions", body, content_type="application/json", **headers
    )

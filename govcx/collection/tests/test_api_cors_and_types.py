"""The submission API names an origin in Access-Control-Allow-Origin only when that origin is
allowed; its body types are strict (no bool or float taken for a number); the survey definition
answers HEAD like GET, without a body."""

from typing import Any

import pytest
from django.test import Client, override_settings

from govcx.collection.models import Response
from govcx.collection.tests.helpers import ORIGIN, published_survey, submit
from govcx.testing.factories import World

GOOD = {"trust": "0", "went_poorly": ["ease"]}
OTHERS = ("https://evil.example.com", "null")


@pytest.mark.parametrize("origin", OTHERS)
def test_a_refused_origin_is_not_echoed(world: World, origin: str) -> None:
    survey = published_survey(world)
    response = submit(survey, GOOD, origin=origin, touchpoint=survey.touchpoints.get().pk)
    assert (response.status_code, response.json()["error"]) == (403, "origin_not_allowed")
    assert "Access-Control-Allow-Origin" not in response
    assert "Origin" in response["Vary"]


@pytest.mark.parametrize("origin", OTHERS)
def test_an_unknown_survey_does_not_echo_an_origin_nobody_allows(world: World, origin: str) -> None:
    published_survey(world)
    body = {"survey": "nope", "touchpoint": world.touchpoint.pk, "answers": {}}
    response = Client().post(
        "/api/v1/submissions", body, content_type="application/json", HTTP_ORIGIN=origin
    )
    assert response.status_code == 404
    assert "Access-Control-Allow-Origin" not in response
    allowed = Client().post(
        "/api/v1/submissions", body, content_type="application/json", HTTP_ORIGIN=ORIGIN
    )
    assert allowed["Access-Control-Allow-Origin"] == ORIGIN


@override_settings(GOVCX_MAX_SUBMISSION_BYTES=2048)
def test_too_large_echoes_only_an_allowed_origin(world: World) -> None:
    survey = published_survey(world)
    big = {"trust": "1", "comment": "x" * 3000}
    for origin in OTHERS:
        response = submit(survey, big, origin=origin, touchpoint=world.touchpoint.pk)
        assert response.status_code == 413
        assert "Access-Control-Allow-Origin" not in response, origin
    allowed = submit(survey, big)
    assert (allowed.status_code, allowed["Access-Control-Allow-Origin"]) == (413, ORIGIN)


@override_settings(GOVCX_RATE_PER_ADDRESS="1/m")
def test_rate_limited_and_invalid_answers_echo_the_allowed_origin(world: World) -> None:
    from django.core.cache import cache

    cache.clear()
    survey = published_survey(world)
    invalid = submit(survey, {"trust": "maybe"})
    assert (invalid.status_code, invalid["Access-Control-Allow-Origin"]) == (400, ORIGIN)
    limited = submit(survey, GOOD)
    assert (limited.status_code, limited["Access-Control-Allow-Origin"]) == (429, ORIGIN)


@pytest.mark.parametrize("origin", OTHERS)
def test_preflight_never_allows_an_origin_no_touchpoint_allows(world: World, origin: str) -> None:
    published_survey(world)
    response = Client().options("/api/v1/submissions", HTTP_ORIGIN=origin)
    assert "Access-Control-Allow-Origin" not in response


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"touchpoint": True}, "touchpoint"),
        ({"touchpoint": 1.0}, "touchpoint"),
        ({"touchpoint": "1"}, "touchpoint"),
        ({"answers": {"trust": True}}, "answers.trust"),
        ({"answers": {"trust": ["0", 1]}}, "answers.trust"),
    ],
)
def test_numbers_are_not_taken_from_booleans_floats_or_text(
    world: World, fields: dict[str, Any], field: str
) -> None:
    survey = published_survey(world)
    if fields.get("touchpoint") is not None:
        fields = {**fields, "touchpoint": type(fields["touchpoint"])(world.touchpoint.pk)}
    answers = fields.pop("answers", GOOD)
    response = submit(survey, answers, **fields)
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["error"] == "malformed"
    assert any(name.startswith(field) for name in body["errors"]), body
    assert not Response.objects.exists()


def test_the_definition_answers_head_with_the_same_headers_and_no_body(world: World) -> None:
    survey = published_survey(world)
    url = f"/api/v1/surveys/{survey.public_id}/definition?lang=es"
    get = Client().get(url)
    head = Client().head(url)
    assert (get.status_code, head.status_code) == (200, 200)
    assert head.content == b""
    for name in ("ETag", "Cache-Control", "Access-Control-Allow-Origin", "Content-Language"):
        assert head[name] == get[name], name
    assert head["Content-Type"] == get["Content-Type"]
    assert Client().head(url, HTTP_IF_NONE_MATCH=get["ETag"]).status_code == 304
    missing = Client().head("/api/v1/surveys/nope/definition")
    assert (missing.status_code, missing.content) == (404, b"")

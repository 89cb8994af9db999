"""POST /api/v1/submissions: what is stored, what is refused and counted, and how retries behave."""

import json

import pytest
from django.db.models import Sum
from django.test import Client, override_settings

from govcx.audit.models import Action, AuditEntry
from govcx.collection.keys import touchpoint_key_issue, touchpoint_key_revoke
from govcx.collection.models import RejectionCount, Response
from govcx.collection.tests.helpers import ORIGIN, published_survey, submit
from govcx.surveys.lifecycle import survey_transition
from govcx.surveys.models import Survey
from govcx.surveys.tests.helpers import in_days
from govcx.testing.factories import World

GOOD = {
    "trust": "0",
    "went_poorly": ["ease"],
    "comment": "Call me at 202-555-0143, SSN 123-45-6789",
}


def rejected(reason: str) -> int:
    return RejectionCount.objects.filter(reason=reason).aggregate(n=Sum("count"))["n"] or 0


def test_a_widget_submission_is_stored_redacted_with_its_context(world: World) -> None:
    survey = published_survey(world)
    response = submit(
        survey,
        GOOD,
        language="es",
        page_url="https://www.fema.example.gov/apply",
        location_code="DRC-12",
    )
    assert response.status_code == 201
    assert response["Access-Control-Allow-Origin"] == ORIGIN
    stored = Response.objects.get(pk=response.json()["id"])
    assert stored.answers["comment"] == "Call me at [PHONE], SSN [SSN]"
    assert (stored.version.number, stored.touchpoint, stored.channel, stored.language) == (
        1,
        world.touchpoint,
        "website",
        "es",
    )
    assert (stored.source, stored.page_url, stored.location_code) == (
        "widget",
        "https://www.fema.example.gov/apply",
        "DRC-12",
    )
    assert stored.ip_hash == ""


def test_ip_addresses_are_hashed_only_when_the_organization_asks(world: World) -> None:
    world.fema.store_ip_hash = True
    world.fema.save()
    survey = published_survey(world)
    response = submit(survey, GOOD, client=Client(REMOTE_ADDR="198.51.100.23"))
    stored = Response.objects.get(pk=response.json()["id"])
    assert len(stored.ip_hash) == 64
    assert "198.51.100.23" not in json.dumps(list(Response.objects.values()), default=str)


def test_invalid_answers_are_refused_field_by_field_and_counted(world: World) -> None:
    survey = published_survey(world)
    response = submit(survey, {"trust": "1", "went_poorly": ["ease"], "nope": "x"})
    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "invalid"
    assert set(body["errors"]) == {"answers.went_poorly", "answers.nope"}
    assert not Response.objects.exists()
    assert rejected("invalid") == 1


def test_unexpected_fields_and_bad_json_are_refused(world: World) -> None:
    survey = published_survey(world)
    extra = submit(survey, GOOD, comment_from_bot="buy now")
    assert extra.status_code == 400
    assert extra.json()["errors"] == {"comment_from_bot": "Not a field of this operation."}
    broken = Client().post(
        "/api/v1/submissions", "{not json", content_type="application/json", HTTP_ORIGIN=ORIGIN
    )
    assert broken.status_code == 400
    assert broken.json()["error"] == "malformed"
    assert rejected("malformed") == 2


def test_other_web_sites_are_refused(world: World) -> None:
    survey = published_survey(world)
    response = submit(
        survey, GOOD, origin="https://evil.example.com", touchpoint=survey.touchpoints.get().pk
    )
    assert response.status_code == 403
    assert response.json()["error"] == "origin_not_allowed"
    assert not Response.objects.exists()
    assert rejected("origin") == 1
    assert submit(survey, GOOD, origin=None).status_code == 401
    assert rejected("unauthorized") == 1


def test_preflight_answers_allowed_origins_only(world: World) -> None:
    published_survey(world)
    allowed = Client().options("/api/v1/submissions", HTTP_ORIGIN=ORIGIN)
    assert allowed.status_code == 204
    assert allowed["Access-Control-Allow-Origin"] == ORIGIN
    other = Client().options("/api/v1/submissions", HTTP_ORIGIN="https://evil.example.com")
    assert "Access-Control-Allow-Origin" not in other


def test_a_retry_with_the_same_key_is_stored_once_and_answers_the_same(world: World) -> None:
    survey = published_survey(world)
    first = submit(survey, GOOD, idempotency_key="retry-key-0001")
    second = submit(survey, GOOD, idempotency_key="retry-key-0001")
    assert (first.status_code, second.status_code) == (201, 201)
    assert first.json() == second.json()
    assert second["Idempotent-Replayed"] == "true"
    assert Response.objects.count() == 1
    different = submit(survey, {"trust": "1"}, idempotency_key="retry-key-0001")
    assert different.status_code == 409
    assert different.json()["error"] == "idempotency_conflict"
    assert Response.objects.count() == 1


@pytest.mark.parametrize("state", ["closed", "expired"])
def test_a_closed_or_expired_survey_takes_no_answers(world: World, state: str) -> None:
    survey = published_survey(world)
    if state == "closed":
        survey_transition(survey=survey, name="close", by=world.owner)
    else:
        Survey.objects.filter(pk=survey.pk).update(pra_expiration=in_days(-1))
    response = submit(survey, GOOD)
    assert response.status_code == 409
    assert response.json()["error"] == "not_accepting"
    assert rejected("not_accepting") == 1
    assert not Response.objects.exists()


def test_the_honeypot_and_unknown_surveys_are_refused_and_counted(world: World) -> None:
    survey = published_survey(world)
    assert submit(survey, GOOD, website="http://spam.example").status_code == 400
    assert rejected("honeypot") == 1
    missing = Client().post(
        "/api/v1/submissions",
        {"survey": "nope", "answers": {}},
        content_type="application/json",
        HTTP_ORIGIN=ORIGIN,
    )
    assert missing.status_code == 404
    assert rejected("unknown_survey") == 1


def test_a_survey_id_no_survey_could_have_is_unknown_not_an_error(world: World) -> None:
    """PostgreSQL refuses a NUL byte in a query: such an id must never reach the database."""
    for made_up in ("nul\x00id", "../../etc", "é"):
        response = Client().post(
            "/api/v1/submissions",
            {"survey": made_up, "answers": {}},
            content_type="application/json",
            HTTP_ORIGIN=ORIGIN,
        )
        assert response.status_code == 404, made_up
        assert response.json()["error"] == "unknown_survey"
        page = Client().get(f"/s/{made_up.replace(chr(0), '%00')}/")
        assert page.status_code == 404, made_up


@override_settings(GOVCX_MAX_SUBMISSION_BYTES=2048)
def test_oversized_bodies_are_refused_before_parsing(world: World) -> None:
    survey = published_survey(world)
    response = submit(survey, {"trust": "1", "comment": "x" * 3000})
    assert response.status_code == 413
    assert rejected("too_large") == 1


def test_a_language_the_survey_does_not_offer_is_refused(world: World) -> None:
    response = submit(published_survey(world), GOOD, language="fr")
    assert response.status_code == 400
    assert "language" in response.json()["errors"]


@override_settings(GOVCX_RATE_PER_ADDRESS="2/m", GOVCX_RATE_PER_SHARED_ADDRESS="4/m")
def test_rate_limits_per_address_with_an_allowance_for_shared_addresses(world: World) -> None:
    from django.core.cache import cache

    cache.clear()
    survey = published_survey(world)
    statuses = [submit(survey, GOOD).status_code for _ in range(3)]
    assert statuses == [201, 201, 429]
    assert rejected("rate_limited") == 1
    world.touchpoint.shared_address = True
    world.touchpoint.save()
    cache.clear()
    assert [submit(survey, GOOD).status_code for _ in range(5)] == [201, 201, 201, 201, 429]


def test_server_to_server_channels_use_touchpoint_keys(world: World) -> None:
    survey = published_survey(world)
    key, secret = touchpoint_key_issue(touchpoint=world.touchpoint, name="IVR", by=world.owner)
    assert secret.startswith("gcx_")
    assert secret not in json.dumps(list(type(key).objects.values()), default=str)
    response = submit(survey, GOOD, origin=None, key=secret)
    assert response.status_code == 201
    assert Response.objects.get().source == "api"
    assert submit(survey, GOOD, origin=None, key=secret + "x").status_code == 401
    touchpoint_key_revoke(key=key, by=world.owner, request=None)
    assert submit(survey, GOOD, origin=None, key=secret).status_code == 401
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {Action.KEY_ISSUED, Action.KEY_REVOKED} <= actions


def test_a_key_only_submits_to_its_own_touchpoints_surveys(world: World) -> None:
    from govcx.catalog.models import Touchpoint

    survey = published_survey(world)
    other = Touchpoint.objects.create(
        service=world.service, name="Phone", channel="phone", stage="middle"
    )
    _, secret = touchpoint_key_issue(touchpoint=other, name="Phones", by=world.owner)
    assert submit(survey, GOOD, origin=None, key=secret).status_code == 403


def test_the_definition_is_cacheable_json(world: World) -> None:
    survey = published_survey(world)
    url = f"/api/v1/surveys/{survey.public_id}/definition?lang=es"
    response = Client().get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=300"
    body = response.json()
    assert body["language"] == "es"
    assert body["pra"]["control_number"] == "3090-0325"
    assert body["pages"][0]["questions"][0]["options"][0]["label"] == "Pulgar arriba: sí"
    again = Client().get(url, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    survey_transition(survey=survey, name="close", by=world.owner)
    closed = Client().get(url, HTTP_IF_NONE_MATCH=response["ETag"])
    assert closed.status_code == 200
    assert closed.json()["accepting"] is False

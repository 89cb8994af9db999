"""GET /api/v1/responses: cursor pages that hold still while responses arrive, and filters."""

from datetime import timedelta
from typing import Any

from django.utils import timezone

from govcx.accounts.tests.api_helpers import api_get, token_for, two_tenants
from govcx.collection.models import Response
from govcx.collection.tests.helpers import published_survey
from govcx.testing.factories import World, respond, thumbs


def walk(token: str, **params: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    cursor = None
    while True:
        body = api_get(
            "/api/v1/responses", token, **params, **({"cursor": cursor} if cursor else {})
        ).json()
        items += body["items"]
        cursor = body["next_cursor"]
        if not body["has_more"]:
            return items


def test_pages_are_stable_while_responses_arrive(world: World) -> None:
    survey = published_survey(world)
    before = [respond(survey, thumbs("1"), touchpoint=world.touchpoint).pk for _ in range(25)]
    token = token_for(world.owner)
    seen: list[int] = []
    cursor = None
    arrived: list[int] = []
    for _page in range(20):
        params = {"limit": 10, **({"cursor": cursor} if cursor else {})}
        body = api_get("/api/v1/responses", token, **params).json()
        seen += [item["id"] for item in body["items"]]
        # Someone submits between every two pages.
        arrived += [respond(survey, thumbs("0"), touchpoint=world.touchpoint).pk for _ in range(3)]
        cursor = body["next_cursor"]
        if not body["has_more"]:
            break
    assert len(seen) == len(set(seen))  # nothing twice
    assert set(before) <= set(seen)  # nothing that was there is skipped
    assert seen == sorted(seen)
    # The kept cursor resumes with what arrived after the walk ended.
    rest = api_get("/api/v1/responses", token, cursor=cursor, limit=1000).json()
    assert [item["id"] for item in rest["items"]] == [pk for pk in arrived if pk > seen[-1]]
    assert rest["has_more"] is False


def test_there_is_no_page_cap(world: World) -> None:
    survey = published_survey(world)
    for _ in range(30):
        respond(survey, thumbs("1"), touchpoint=world.touchpoint)
    token = token_for(world.owner)
    assert len(walk(token, limit=7)) == 30


def test_filters_by_survey_touchpoint_and_time(world: World) -> None:
    data = two_tenants(world, responses=6)
    token = token_for(world.dhs_admin)  # FEMA's parent department
    assert len(walk(token)) == 6
    assert len(walk(token, survey=data.fema_survey.pk)) == 6
    assert len(walk(token, touchpoint=world.touchpoint.pk)) == 6
    assert len(walk(token, organization="dhs")) == 6
    assert len(walk(token, organization="fema-ia")) == 0
    first = Response.objects.filter(survey=data.fema_survey).order_by("pk")
    old = timezone.now() - timedelta(days=40)
    Response.objects.filter(pk__in=[r.pk for r in first[:2]]).update(received_at=old)
    cut = (old + timedelta(days=1)).isoformat()
    assert len(walk(token, received_before=cut)) == 2
    assert len(walk(token, received_after=cut)) == 4


def test_an_item_holds_the_answers_redacted_and_no_query_string(world: World) -> None:
    survey = published_survey(world)
    stored = respond(survey, thumbs("0", "Call me at 202-555-0143"), touchpoint=world.touchpoint)
    Response.objects.filter(pk=stored.pk).update(
        page_url="https://www.fema.example.gov/apply?email=someone@example.com#top"
    )
    item = api_get("/api/v1/responses", token_for(world.owner)).json()["items"][0]
    assert item["answers"]["comment"] == "Call me at [PHONE]"
    assert item["page_url"] == "https://www.fema.example.gov/apply"
    assert (item["survey"], item["survey_version"], item["touchpoint"]) == (
        survey.pk,
        1,
        world.touchpoint.pk,
    )
    assert "ip_hash" not in item


def test_bad_parameters_are_named(world: World) -> None:
    token = token_for(world.owner)
    for params, field in (
        ({"cursor": "nonsense"}, "cursor"),
        ({"limit": 0}, "limit"),
        ({"limit": 100000}, "limit"),
    ):
        response = api_get("/api/v1/responses", token, **params)
        assert response.status_code == 400
        assert field in response.json()["errors"]
    response = api_get("/api/v1/responses", token, received_after="yesterday")
    assert response.status_code == 400
    assert response.json()["error"] == "malformed"
    assert "received_after" in response.json()["errors"]


def test_a_misspelt_filter_is_refused_not_ignored(world: World) -> None:
    token = token_for(world.owner)
    for path in ("/api/v1/responses", "/api/v1/responses/export", "/api/v1/services"):
        response = api_get(path, token, survey_id=5)
        assert response.status_code == 400, path
        assert response.json()["errors"] == {"survey_id": response.json()["message"]}
        assert "Unknown parameter 'survey_id'" in response.json()["message"]
    numeric = api_get("/api/v1/responses", token, received_before="0.5")
    assert numeric.status_code == 400
    assert "ISO 8601" in numeric.json()["errors"]["received_before"]


def test_times_with_any_offset_are_taken_in_utc(world: World) -> None:
    survey = published_survey(world)
    respond(survey, thumbs("1"), touchpoint=world.touchpoint)
    token = token_for(world.owner)
    far_east = api_get("/api/v1/responses", token, received_before="0241-11-29T03:49:02+20:44")
    assert (far_east.status_code, far_east.json()["items"]) == (200, [])
    naive = api_get("/api/v1/responses", token, received_after="2000-01-01T00:00:00")
    assert len(naive.json()["items"]) == 1
    edge = api_get("/api/v1/responses", token, received_before="0001-01-01T00:00:00+05:00")
    assert edge.status_code == 400

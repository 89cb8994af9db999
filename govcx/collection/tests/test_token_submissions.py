"""A personal token with submissions:write submits to the touchpoints its user manages; the
touchpoint keys keep working beside it."""

from govcx.accounts.tests.api_helpers import token_for, token_kept_after_demotion
from govcx.collection.keys import touchpoint_key_issue
from govcx.collection.models import RejectionCount, Response
from govcx.collection.tests.helpers import published_survey, submit
from govcx.testing.factories import World

GOOD = {"trust": "1", "went_well": ["ease"]}


def test_a_manager_s_token_submits_to_their_touchpoint(world: World) -> None:
    survey = published_survey(world)
    secret = token_for(world.manager, ["submissions:write"])
    response = submit(survey, GOOD, origin=None, key=secret, touchpoint=world.touchpoint.pk)
    assert response.status_code == 201
    assert Response.objects.get().source == "api"


def test_the_token_must_name_a_touchpoint_its_user_manages(world: World) -> None:
    survey = published_survey(world)
    viewer = token_kept_after_demotion(world.member, world.fema, ["submissions:write"])
    refused = submit(survey, GOOD, origin=None, key=viewer, touchpoint=world.touchpoint.pk)
    assert refused.status_code == 403
    manager = token_for(world.manager, ["submissions:write"])
    unnamed = submit(survey, GOOD, origin=None, key=manager)
    assert unnamed.status_code == 403
    assert "touchpoint" in unnamed.json()["errors"]
    outsider = token_for(world.outsider, ["submissions:write"])
    other = submit(survey, GOOD, origin=None, key=outsider, touchpoint=world.touchpoint.pk)
    assert other.status_code == 403
    assert not Response.objects.exists()


def test_a_read_token_cannot_submit(world: World) -> None:
    survey = published_survey(world)
    secret = token_for(world.manager, ["metrics:read", "responses:read"])
    response = submit(survey, GOOD, origin=None, key=secret, touchpoint=world.touchpoint.pk)
    assert response.status_code == 403
    assert response.json()["error"] == "forbidden"
    assert RejectionCount.objects.get(reason="unauthorized").count == 1


def test_touchpoint_keys_still_work(world: World) -> None:
    survey = published_survey(world)
    _key, secret = touchpoint_key_issue(touchpoint=world.touchpoint, name="IVR", by=world.owner)
    assert submit(survey, GOOD, origin=None, key=secret).status_code == 201

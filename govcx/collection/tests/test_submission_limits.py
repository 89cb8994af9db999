"""Rate limits fit the channel: an anonymous browser is limited per address, a server with a
touchpoint key per key, a personal token per token; none of them shares another's counter."""

import pytest
from django.core.cache import cache
from django.db.models import Sum
from django.test import Client, override_settings

from govcx.accounts.tests.api_helpers import token_for
from govcx.collection.keys import touchpoint_key_issue
from govcx.collection.models import RejectionCount
from govcx.collection.tests.helpers import published_survey, submit
from govcx.testing.factories import World

GOOD = {"trust": "1", "went_well": ["ease"]}
CALL_CENTER = "203.0.113.7"


@pytest.fixture(autouse=True)
def _fresh_counters() -> None:
    cache.clear()


def rate_limited() -> int:
    rows = RejectionCount.objects.filter(reason="rate_limited")
    return rows.aggregate(n=Sum("count"))["n"] or 0


@override_settings(GOVCX_RATE_PER_ADDRESS="2/m", GOVCX_RATE_PER_KEY="5/m")
def test_a_key_is_limited_per_key_not_per_address(world: World) -> None:
    survey = published_survey(world)
    _key, ivr = touchpoint_key_issue(touchpoint=world.touchpoint, name="IVR", by=world.owner)
    _key, agents = touchpoint_key_issue(touchpoint=world.touchpoint, name="Agents", by=world.owner)
    client = Client(REMOTE_ADDR=CALL_CENTER)
    keyed = [submit(survey, GOOD, client=client, origin=None, key=ivr) for _ in range(6)]
    assert [r.status_code for r in keyed] == [201] * 5 + [429]
    assert keyed[-1].json()["error"] == "rate_limited"
    assert keyed[-1]["Retry-After"]
    # Another key from the same address, and the public from it, count on their own.
    assert submit(survey, GOOD, client=client, origin=None, key=agents).status_code == 201
    browser = [submit(survey, GOOD, client=client).status_code for _ in range(3)]
    assert browser == [201, 201, 429]
    assert rate_limited() == 2


@override_settings(GOVCX_RATE_PER_ADDRESS="2/m", GOVCX_API_RATE_PER_TOKEN="4/m")
def test_a_personal_token_is_limited_per_token_not_per_address(world: World) -> None:
    survey = published_survey(world)
    secret = token_for(world.manager, ["submissions:write"])
    client = Client(REMOTE_ADDR=CALL_CENTER)
    statuses = [
        submit(
            survey, GOOD, client=client, origin=None, key=secret, touchpoint=world.touchpoint.pk
        ).status_code
        for _ in range(5)
    ]
    assert statuses == [201] * 4 + [429]
    assert rate_limited() == 1
    browser = [submit(survey, GOOD, client=client).status_code for _ in range(3)]
    assert browser == [201, 201, 429]


@override_settings(GOVCX_RATE_PER_KEY="100/m", GOVCX_RATE_PER_TOUCHPOINT="3/m")
def test_the_touchpoint_limit_still_binds_keyed_submissions(world: World) -> None:
    survey = published_survey(world)
    _key, ivr = touchpoint_key_issue(touchpoint=world.touchpoint, name="IVR", by=world.owner)
    statuses = [submit(survey, GOOD, origin=None, key=ivr).status_code for _ in range(4)]
    assert statuses == [201, 201, 201, 429]

"""Every list operation of the read API runs the same number of queries whatever the page holds."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from govcx.accounts.tests.api_helpers import api_get, token_for, two_tenants
from govcx.accounts.tests.test_api_isolation import read_operations
from govcx.catalog.models import LifeEvent, Service, Touchpoint
from govcx.testing.factories import World, respond, thumbs


def queries(path: str, token: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert api_get(path, token).status_code == 200, path
    return len(captured)


def test_list_queries_do_not_grow_with_the_page(world: World) -> None:
    data = two_tenants(world, responses=2)
    token = token_for(world.owner)
    lists = [
        path
        for path, operation in read_operations()
        if "{" not in path and "Page" in str(operation["responses"].get(200, ""))
    ]
    assert len(lists) >= 6
    api_get(lists[0], token)  # records the token's first use (once a minute)
    before = {path: queries(path, token) for path in lists}
    for index in range(10):
        service = Service.objects.create(organization=world.fema, name=f"Service {index}")
        service.life_events.add(data.journey)
        Touchpoint.objects.create(service=service, name="Web", channel="website", stage="start")
        LifeEvent.objects.create(name=f"Event {index}", slug=f"event-{index}", kind="life_event")
        respond(data.fema_survey, thumbs("1", "More"), touchpoint=world.touchpoint)
    after = {path: queries(path, token) for path in lists}
    assert after == before

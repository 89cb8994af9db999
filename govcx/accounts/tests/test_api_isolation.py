"""A token of one organization never sees another's data, on EVERY read operation.

The operations come from the OpenAPI document, so a new endpoint is covered the day it is added:
each path or query parameter naming an object must be listed in ``other_tenant`` below (the test
fails on an unknown one), and every answer is searched for SSA's data.
"""

from typing import Any

import pytest

from govcx.accounts.tests.api_helpers import (
    SSA_MARKERS,
    TwoTenants,
    api_get,
    token_for,
    two_tenants,
)
from govcx.api import api
from govcx.testing.factories import World

# Read operations open to everyone, on purpose: the published survey a respondent fills in.
PUBLIC_READS = {"/api/v1/surveys/{public_id}/definition"}
# Parameters that do not name an object: they narrow or page, and are left out.
NEUTRAL = {
    "cursor",
    "limit",
    "start",
    "end",
    "received_after",
    "received_before",
    "format",
    "fiscal_year",
    "quarter",
    "state",
}


def other_tenant(world: World, data: TwoTenants) -> dict[str, Any]:
    """SSA's value for each parameter that names an object."""
    return {
        "organization_slug": "ssa",
        "organization": "ssa",
        "service_id": world.ssa_service.pk,
        "service": world.ssa_service.pk,
        "touchpoint_id": data.ssa_touchpoint.pk,
        "touchpoint": data.ssa_touchpoint.pk,
        "survey_id": data.ssa_survey.pk,
        "survey": data.ssa_survey.pk,
        "number": 1,
        "report_id": data.ssa_report.pk,
        # Life events are shared; what a caller reads of one is still only its own.
        "life_event_slug": data.journey.slug,
        "life_event": data.ssa_journey.slug,
    }


def read_operations() -> list[tuple[str, dict[str, Any]]]:
    paths = api.get_openapi_schema()["paths"]
    return [(path, ops["get"]) for path, ops in paths.items() if "get" in ops]


def _text(response: Any) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return content.decode("utf-8", errors="replace")


def _assert_nothing_of_ssa(response: Any, where: str) -> None:
    assert response.status_code < 500, where
    body = _text(response)
    leaked = [marker for marker in SSA_MARKERS if marker in body]
    assert leaked == [], f"{where} answered {response.status_code} with SSA data: {leaked}"


def test_every_read_operation_keeps_organizations_apart(world: World) -> None:
    data = two_tenants(world, responses=12)
    token = token_for(world.owner)
    values = other_tenant(world, data)
    operations = read_operations()
    assert len(operations) >= 14
    checked = 0
    for path, operation in operations:
        if path in PUBLIC_READS:
            assert "security" not in operation
            continue
        assert operation.get("security"), f"{path} declares no authentication"
        parameters = operation.get("parameters", [])
        unknown = [
            p["name"] for p in parameters if p["name"] not in values and p["name"] not in NEUTRAL
        ]
        assert unknown == [], f"{path}: add SSA values for {unknown} to other_tenant()"
        in_path = {p["name"]: values[p["name"]] for p in parameters if p["in"] == "path"}
        url = path.format(**in_path)
        query = [p["name"] for p in parameters if p["in"] == "query" and p["name"] in values]
        if not in_path:
            plain = api_get(url, token)
            _assert_nothing_of_ssa(plain, url)
            checked += 1
        else:
            owned = set(in_path) - {"life_event_slug"}
            response = api_get(url, token)
            if owned:
                assert response.status_code == 404, f"{url}: {response.status_code}"
            _assert_nothing_of_ssa(response, url)
            checked += 1
        for name in query:
            response = api_get(url, token, **{name: values[name]})
            _assert_nothing_of_ssa(response, f"{url}?{name}=")
            assert response.status_code in (200, 404), f"{url}?{name}: {response.status_code}"
            checked += 1
    assert checked >= 25


def test_the_same_token_reads_its_own_organization(world: World) -> None:
    """The walk above proves nothing if FEMA's own data were hidden too."""
    two_tenants(world, responses=12)
    token = token_for(world.owner)
    body = api_get("/api/v1/responses", token).json()
    assert len(body["items"]) == 12
    assert {item["organization"] for item in body["items"]} == {world.fema.pk}
    assert api_get("/api/v1/metrics", token, organization="fema").status_code == 200
    reports = api_get("/api/v1/quarterly-reports", token).json()["items"]
    assert [r["service_provider"] for r in reports] == ["fema"]
    assert reports[0]["details"][0]["volume_of_respondents"] == 12
    journey = api_get("/api/v1/life-events/test-journey", token).json()
    assert journey["services"] == [world.service.pk]


@pytest.mark.parametrize("scope", ["metrics:read", "responses:read"])
def test_a_platform_admin_token_reads_everyone(world: World, scope: str) -> None:
    two_tenants(world, responses=2)
    token = token_for(world.platform, [scope])
    body = api_get("/api/v1/organizations", token).json()
    assert {item["slug"] for item in body["items"]} >= {"fema", "ssa"}

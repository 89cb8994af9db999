"""Every screen, for an owner, lesser roles, an outsider, a parent-org admin and the public."""

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from govcx.accounts.models import Membership
from govcx.catalog.models import LifeEvent
from govcx.testing.factories import World, signed_in

# (name, url builder, who may use it: "view" any role, "touchpoints" survey manager and up,
#  "manage" organization admin)
ORG_SCREENS: list[tuple[str, Callable[[World], str], str]] = [
    ("organization", lambda w: reverse("catalog:organization", args=[w.fema.slug]), "view"),
    (
        "organization-edit",
        lambda w: reverse("catalog:organization-edit", args=[w.fema.slug]),
        "manage",
    ),
    (
        "organization-child",
        lambda w: reverse("catalog:organization-create") + "?parent=fema",
        "manage",
    ),
    ("service", lambda w: reverse("catalog:service", args=[w.service.pk]), "view"),
    ("service-edit", lambda w: reverse("catalog:service-edit", args=[w.service.pk]), "manage"),
    (
        "touchpoint-create",
        lambda w: reverse("catalog:touchpoint-create", args=[w.service.pk]),
        "touchpoints",
    ),
    (
        "touchpoint-edit",
        lambda w: reverse("catalog:touchpoint-edit", args=[w.touchpoint.pk]),
        "touchpoints",
    ),
    ("members", lambda w: reverse("accounts:members", args=[w.fema.slug]), "manage"),
    (
        "member",
        lambda w: reverse(
            "accounts:member",
            args=[w.fema.slug, Membership.objects.get(user=w.member, organization=w.fema).pk],
        ),
        "manage",
    ),
    ("audit", lambda w: reverse("audit:organization-log", args=[w.fema.slug]), "manage"),
]

EXPECTED = {
    # who: {level: status}
    "owner": {"view": 200, "touchpoints": 200, "manage": 200},
    "dhs_admin": {"view": 200, "touchpoints": 200, "manage": 200},
    "platform": {"view": 200, "touchpoints": 200, "manage": 200},
    "manager": {"view": 200, "touchpoints": 200, "manage": 403},
    "member": {"view": 200, "touchpoints": 403, "manage": 403},
    "outsider": {"view": 404, "touchpoints": 404, "manage": 404},
}


@pytest.mark.parametrize(("screen", "url", "level"), ORG_SCREENS, ids=[s[0] for s in ORG_SCREENS])
@pytest.mark.parametrize("who", sorted(EXPECTED))
def test_organization_screens_answer_by_role(
    world: World, screen: str, url: Callable[[World], str], level: str, who: str
) -> None:
    response = signed_in(getattr(world, who)).get(url(world))
    assert response.status_code == EXPECTED[who][level], (screen, who)


@pytest.mark.parametrize(("screen", "url", "level"), ORG_SCREENS, ids=[s[0] for s in ORG_SCREENS])
def test_organization_screens_send_the_public_to_sign_in(
    world: World, screen: str, url: Callable[[World], str], level: str
) -> None:
    response = Client().get(url(world))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign-in"))


SIGNED_IN_SCREENS = ["catalog:organizations", "catalog:services", "catalog:life-events"]


@pytest.mark.parametrize("name", SIGNED_IN_SCREENS)
def test_browse_screens_need_sign_in_and_serve_every_role(world: World, name: str) -> None:
    assert Client().get(reverse(name)).status_code == 302
    for user in (world.owner, world.member, world.outsider, world.platform):
        assert signed_in(user).get(reverse(name)).status_code == 200


PLATFORM_SCREENS: list[tuple[str, list[str]]] = [
    ("audit:platform-log", []),
    ("catalog:life-event-create", []),
]


@pytest.mark.parametrize(("name", "args"), PLATFORM_SCREENS)
def test_platform_screens_refuse_organization_admins(
    world: World, name: str, args: list[str]
) -> None:
    url = reverse(name, args=args)
    assert signed_in(world.platform).get(url).status_code == 200
    assert signed_in(world.owner).get(url).status_code == 403
    assert Client().get(url).status_code == 302


def test_life_event_edit_is_for_platform_admins(world: World) -> None:
    url = reverse("catalog:life-event-edit", args=["retiring"])
    assert signed_in(world.platform).get(url).status_code == 200
    assert signed_in(world.owner).get(url).status_code == 403


def test_lists_never_show_other_organizations(world: World) -> None:
    services = signed_in(world.outsider).get(reverse("catalog:services")).content.decode()
    assert world.ssa_service.name in services
    assert world.service.name not in services
    organizations = signed_in(world.outsider).get(reverse("catalog:organizations")).content.decode()
    assert "Social Security Administration" in organizations
    assert "Federal Emergency Management Agency" not in organizations


def test_parent_role_shows_the_whole_subtree(world: World) -> None:
    page = signed_in(world.dhs_admin).get(reverse("catalog:organizations")).content.decode()
    for name in (
        "Homeland Security",
        "Federal Emergency Management Agency",
        "Individual Assistance",
    ):
        assert name in page
    assert "Social Security Administration" not in page


def test_home_shows_the_users_organizations_and_life_events(world: World) -> None:
    world.service.life_events.add(*_events("surviving-a-disaster"))
    page = signed_in(world.member).get(reverse("catalog:home")).content.decode()
    assert "Federal Emergency Management Agency" in page
    assert "Surviving a disaster" in page
    other = signed_in(world.outsider).get(reverse("catalog:home")).content.decode()
    assert "Surviving a disaster" not in other


def test_home_welcomes_the_public(db: None) -> None:
    response = Client().get(reverse("catalog:home"))
    assert response.status_code == 200
    assert reverse("accounts:sign-in") in response.content.decode()


def test_life_event_lists_other_agencies_services_without_links(world: World) -> None:
    for service in (world.service, world.ssa_service):
        service.life_events.add(*_events("recovering-from-a-disaster"))
    page = (
        signed_in(world.outsider)
        .get(reverse("catalog:life-event", args=["recovering-from-a-disaster"]))
        .content.decode()
    )
    assert world.service.name in page
    assert reverse("catalog:service", args=[world.service.pk]) not in page
    assert reverse("catalog:service", args=[world.ssa_service.pk]) in page


def _events(*slugs: str) -> list[LifeEvent]:
    return list(LifeEvent.objects.filter(slug__in=slugs))

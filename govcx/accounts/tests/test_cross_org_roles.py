"""Giving a role to someone whose email domain belongs to another organization (outside this
one's line, neither above nor beneath it) is explicit: a confirmation names that organization,
and the grant is audited on both sides."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from govcx.accounts.models import Membership, User
from govcx.accounts.roles import Role
from govcx.accounts.services import OtherOrganization, membership_grant
from govcx.audit.models import Action, AuditEntry
from govcx.catalog.models import Organization, OrganizationDomain
from govcx.testing.factories import World, make_user, signed_in

PAT = "pat@irs.example.gov"


@pytest.fixture
def irs(world: World) -> Organization:
    irs = Organization.objects.create(
        name="Internal Revenue Service", abbreviation="IRS", slug="irs", kind="agency"
    )
    OrganizationDomain.objects.create(organization=irs, domain="irs.example.gov")
    OrganizationDomain.objects.create(organization=world.dhs, domain="dhs.example.gov")
    OrganizationDomain.objects.create(organization=world.fema_office, domain="ia.example.gov")
    make_user(PAT, org=irs, role=Role.ANALYST)
    return irs


def grant(world: World, email: str, **extra: str) -> object:
    return signed_in(world.outsider).post(
        reverse("accounts:members", args=["ssa"]), {"email": email, "role": "analyst", **extra}
    )


def test_a_person_of_another_organization_needs_a_confirmation_naming_it(
    world: World, irs: Organization
) -> None:
    asked = grant(world, PAT)
    page = asked.content.decode()  # type: ignore[attr-defined]
    assert asked.status_code == 200  # type: ignore[attr-defined]
    assert "Internal Revenue Service" in page
    assert 'name="other_organization" value="irs"' in page
    assert not Membership.objects.filter(user__email=PAT, organization=world.ssa).exists()
    assert not AuditEntry.objects.filter(action=Action.ROLE_GRANTED).exists()
    confirmed = grant(world, PAT, other_organization="irs")
    assert confirmed.status_code == 302  # type: ignore[attr-defined]
    assert Membership.objects.get(user__email=PAT, organization=world.ssa).role == "analyst"
    entries = AuditEntry.objects.filter(action=Action.ROLE_GRANTED).order_by("id")
    assert [(e.organization_id, e.actor) for e in entries] == [
        (world.ssa.pk, world.outsider),
        (irs.pk, world.outsider),
    ]
    assert entries[0].details == {
        "user": PAT,
        "role": "analyst",
        "home_organization": "irs",
    }
    assert entries[1].details == {"user": PAT, "role": "analyst", "granted_in": "ssa"}
    irs_admin = make_user("admin@irs.example.gov", org=irs, role=Role.ORG_ADMIN)
    irs_log = signed_in(irs_admin).get(reverse("audit:organization-log", args=["irs"]))
    granted = [e for e in irs_log.context["page"] if e.action == Action.ROLE_GRANTED]
    assert [e.details["granted_in"] for e in granted] == ["ssa"]


def test_a_confirmation_for_another_organization_does_not_count(
    world: World, irs: Organization
) -> None:
    for wrong in ("ssa", "fema", "nope"):
        response = grant(world, PAT, other_organization=wrong)
        assert response.status_code == 200  # type: ignore[attr-defined]
        assert "Internal Revenue Service" in response.content.decode()  # type: ignore[attr-defined]
    assert not Membership.objects.filter(user__email=PAT, organization=world.ssa).exists()


def test_a_new_address_of_another_organization_s_domain_is_asked_about_too(
    world: World, irs: Organization
) -> None:
    assert grant(world, "new.person@irs.example.gov").status_code == 200  # type: ignore[attr-defined]
    assert not User.objects.filter(email="new.person@irs.example.gov").exists()


def test_the_service_refuses_an_unconfirmed_grant(world: World, irs: Organization) -> None:
    with pytest.raises(OtherOrganization) as refused:
        membership_grant(
            organization=world.ssa, email=PAT, role=Role.VIEWER, by=world.outsider, request=None
        )
    assert refused.value.home == irs
    assert isinstance(refused.value, ValidationError)
    with pytest.raises(OtherOrganization):
        membership_grant(
            organization=world.ssa,
            email=PAT,
            role=Role.VIEWER,
            by=world.outsider,
            request=None,
            other_organization=world.fema,
        )


def test_people_of_the_same_line_or_of_no_known_domain_need_no_confirmation(
    world: World, irs: Organization
) -> None:
    client = signed_in(world.owner)
    url = reverse("accounts:members", args=["fema"])
    for email in ("boss@dhs.example.gov", "clerk@ia.example.gov", "contractor@example.com"):
        response = client.post(url, {"email": email, "role": "viewer"})
        assert response.status_code == 302, email
    assert AuditEntry.objects.filter(action=Action.ROLE_GRANTED).count() == 3


def test_changing_or_removing_the_role_is_recorded_at_home_too(
    world: World, irs: Organization
) -> None:
    grant(world, PAT, other_organization="irs")
    membership = Membership.objects.get(user__email=PAT, organization=world.ssa)
    url = reverse("accounts:member", args=["ssa", membership.pk])
    signed_in(world.outsider).post(url, {"role": "viewer"})
    signed_in(world.outsider).post(url, {"remove": "1"})
    at_irs = AuditEntry.objects.filter(organization=irs).order_by("id")
    assert [e.action for e in at_irs] == [
        Action.ROLE_GRANTED,
        Action.ROLE_CHANGED,
        Action.ROLE_REVOKED,
    ]
    assert all(e.details["granted_in"] == "ssa" for e in at_irs)

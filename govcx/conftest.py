"""Shared test fixtures: a small hierarchy and the people the access tests need.

DHS (department) > FEMA (agency) > FEMA IA (office), and SSA elsewhere.
owner: org admin on FEMA; member: viewer on FEMA; manager: survey manager on FEMA;
outsider: org admin on SSA; dhs_admin: org admin on DHS (inherits FEMA); platform: platform admin.
"""

from dataclasses import dataclass

import pytest
from django.test import Client

from govcx.accounts.models import Membership, User
from govcx.accounts.roles import Role
from govcx.catalog.models import Organization, Service, Touchpoint

PASSWORD = "correct horse battery staple"  # noqa: S105


@dataclass
class World:
    dhs: Organization
    fema: Organization
    fema_office: Organization
    ssa: Organization
    service: Service
    touchpoint: Touchpoint
    ssa_service: Service
    owner: User
    manager: User
    member: User
    outsider: User
    dhs_admin: User
    platform: User


def make_user(email: str, *, org: Organization | None = None, role: Role | None = None) -> User:
    user = User.objects.create_user(email=email, password=PASSWORD)
    if org is not None and role is not None:
        Membership.objects.create(user=user, organization=org, role=role)
    return user


def signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture(autouse=True)
def empty_cache() -> None:
    """Each test starts with no rate-limit counts: the in-memory cache outlives a test, and the
    test client always comes from one address."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def world(db: None) -> World:
    dhs = Organization.objects.create(
        name="Homeland Security", abbreviation="DHS", slug="dhs", kind="department"
    )
    fema = Organization.objects.create(
        name="Federal Emergency Management Agency",
        abbreviation="FEMA",
        slug="fema",
        kind="agency",
        parent=dhs,
        is_hisp=True,
    )
    office = Organization.objects.create(
        name="Individual Assistance", abbreviation="IA", slug="fema-ia", kind="office", parent=fema
    )
    ssa = Organization.objects.create(
        name="Social Security Administration",
        abbreviation="SSA",
        slug="ssa",
        kind="agency",
        is_hisp=True,
    )
    service = Service.objects.create(
        organization=fema, name="Apply for disaster assistance", channels=["website", "phone"]
    )
    touchpoint = Touchpoint.objects.create(
        service=service,
        name="Online application",
        channel="website",
        stage="start",
        transaction_point_type="post_interaction",
    )
    ssa_service = Service.objects.create(organization=ssa, name="Apply for retirement benefits")
    platform = User.objects.create_superuser(email="platform@example.com", password=PASSWORD)
    return World(
        dhs=dhs,
        fema=fema,
        fema_office=office,
        ssa=ssa,
        service=service,
        touchpoint=touchpoint,
        ssa_service=ssa_service,
        owner=make_user("owner@fema.example.gov", org=fema, role=Role.ORG_ADMIN),
        manager=make_user("manager@fema.example.gov", org=fema, role=Role.SURVEY_MANAGER),
        member=make_user("member@fema.example.gov", org=fema, role=Role.VIEWER),
        outsider=make_user("outsider@ssa.example.gov", org=ssa, role=Role.ORG_ADMIN),
        dhs_admin=make_user("admin@dhs.example.gov", org=dhs, role=Role.ORG_ADMIN),
        platform=platform,
    )


from govcx.browser import browser  # noqa: E402, F401 - shared fixture for browser tests
